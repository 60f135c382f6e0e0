//! The notes, newest at the bottom. Only the notes that fit are laid out, so a frame costs the
//! same at 10 or 10,000 notes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::model::Note;

use super::state::{App, Focus};
use super::text::wrap;
use super::theme::{EDITED_MARK, kind_mark};

/// The area inside the timeline's border.
pub fn inner(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

/// A note as it reads in the timeline: offset, kind mark, speaker, questions, then the text,
/// wrapped under the offset.
pub fn note_lines(app: &App, note: &Note, columns: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let offset = match app.session.origin() {
        Some(origin) => crate::stats::offset(note.at - origin),
        None => note.at.format("%H:%M:%S").to_string(),
    };
    let indent = offset.chars().count() + 1;
    let speaker = note
        .speaker
        .map_or("—".to_string(), |s| app.session.speaker_name(s));
    let mut spans = vec![
        (format!("{offset} "), theme.dim()),
        (format!("{} ", kind_mark(note.kind)), theme.kind(note.kind)),
        (speaker, theme.speaker()),
        (" ".to_string(), Style::default()),
    ];
    if !note.questions.is_empty() {
        let tags: Vec<String> = note.questions.iter().map(|q| format!("Q{q}")).collect();
        spans.push((format!("[{}] ", tags.join(" ")), theme.tag()));
    }
    spans.push((note.text.clone(), Style::default()));
    if note.edited.is_some() {
        spans.push((" ".to_string(), Style::default()));
        spans.push((EDITED_MARK.to_string(), theme.edited()));
    }
    wrap(&spans, usize::from(columns), indent)
}

fn height(app: &App, shown: usize, columns: u16) -> usize {
    let note = &app.session.notes[app.timeline.note_index(shown)];
    note_lines(app, note, columns).len()
}

fn bottom(app: &App) -> Option<usize> {
    let len = app.timeline.len(&app.session);
    (len > 0).then(|| app.timeline.bottom.unwrap_or(len - 1).min(len - 1))
}

/// The first shown note (at least partly) in view when `bottom` is the last.
pub fn first_visible(app: &App, area: Rect, bottom: usize) -> usize {
    let mut rows = 0;
    let mut first = bottom;
    loop {
        rows += height(app, first, area.width);
        if rows >= usize::from(area.height) || first == 0 {
            return first;
        }
        first -= 1;
    }
}

/// The last note in view when `top` is the first, whole, note.
pub fn bottom_for_top(app: &App, area: Rect, top: usize) -> usize {
    let len = app.timeline.len(&app.session);
    let mut rows = 0;
    let mut last = top;
    while last < len {
        rows += height(app, last, area.width);
        if rows >= usize::from(area.height) {
            return last;
        }
        last += 1;
    }
    len.saturating_sub(1)
}

/// The notes in view, top first, with the rows each takes: (shown position, first row, lines).
/// The topmost note may be cut at its top.
fn visible(app: &App, area: Rect) -> Vec<(usize, u16, Vec<Line<'static>>)> {
    let Some(bottom) = bottom(app) else {
        return Vec::new();
    };
    let rows = usize::from(area.height);
    let mut notes = Vec::new();
    let mut used = 0;
    let mut shown = bottom;
    while used < rows {
        let note = &app.session.notes[app.timeline.note_index(shown)];
        let mut lines = note_lines(app, note, area.width);
        if used + lines.len() > rows {
            lines.drain(..used + lines.len() - rows);
        }
        used += lines.len();
        notes.push((shown, lines));
        if shown == 0 {
            break;
        }
        shown -= 1;
    }
    notes.reverse();
    let mut y = area.y;
    notes
        .into_iter()
        .map(|(shown, lines)| {
            let top = y;
            y += lines.len() as u16;
            (shown, top, lines)
        })
        .collect()
}

/// The shown position of the note under the pointer.
pub fn note_at(app: &App, area: Rect, at: Position) -> Option<usize> {
    if !area.contains(at) {
        return None;
    }
    visible(app, area)
        .into_iter()
        .find(|(_, top, lines)| at.y >= *top && at.y < top + lines.len() as u16)
        .map(|(shown, _, _)| shown)
}

fn title(app: &App) -> String {
    let total = app.session.notes.len();
    let filter = &app.timeline.filter;
    let mut parts = Vec::new();
    if !filter.text.is_empty() {
        parts.push(format!("“{}”", filter.text));
    }
    if let Some(speaker) = filter.speaker {
        parts.push(app.session.speaker_name(speaker));
    }
    if let Some(q) = filter.question {
        parts.push(format!("Q{q}"));
    }
    if let Some(kind) = filter.kind {
        parts.push(kind.label().to_lowercase());
    }
    if parts.is_empty() {
        format!(
            " Timeline · {total} note{} ",
            if total == 1 { "" } else { "s" }
        )
    } else {
        format!(
            " Timeline · {} of {total} · {} · c clears ",
            app.timeline.len(&app.session),
            parts.join(" · ")
        )
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Timeline;
    let theme = &app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        })
        .title(Span::styled(title(app), theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let notes = visible(app, inner);
    if notes.is_empty() {
        let hint = if app.timeline.filter.is_empty() {
            "No notes yet. Type in the editor below; Enter saves the note."
        } else {
            "No note matches the filter; c shows every note again."
        };
        Paragraph::new(Span::styled(hint, theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let selected = app.timeline.selected.filter(|_| focused);
    let lines: Vec<Line> = notes
        .into_iter()
        .flat_map(|(shown, _, lines)| {
            let highlight = selected == Some(shown);
            lines.into_iter().map(move |line| {
                if highlight {
                    line.patch_style(Style::new().add_modifier(Modifier::REVERSED))
                } else {
                    line
                }
            })
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
