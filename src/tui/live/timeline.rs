//! The notes, newest at the bottom, as `layout` places them: only the notes that fit are laid
//! out, so a frame costs the same at 10 or 100,000 notes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout;

use super::Focus;

fn title(app: &App) -> String {
    let total = app.recording.session.notes.len();
    let filter = &app.ui.timeline.filter;
    let mut parts = Vec::new();
    if !filter.text.is_empty() {
        parts.push(format!("“{}”", filter.text));
    }
    if let Some(speaker) = filter.speaker {
        parts.push(app.recording.session.speaker_name(speaker));
    }
    if let Some(q) = filter.question {
        parts.push(format!("Q{q}"));
    }
    if let Some(kind) = filter.kind {
        parts.push(kind.label().to_lowercase());
    }
    // First after the name: a narrow title cuts the filter, not that the newest are hidden.
    let below = match super::review::newer_below(app) {
        0 => String::new(),
        1 => " · ↓ 1 newer note below".into(),
        n => format!(" · ↓ {n} newer notes below"),
    };
    if parts.is_empty() {
        format!(
            " Timeline{below} · {total} note{} ",
            if total == 1 { "" } else { "s" }
        )
    } else {
        // "+": the search has not looked at every note yet (see `search`).
        format!(
            " Timeline{below} · {}{} of {total} · {} · {} clears ",
            app.ui.timeline.len(&app.recording.session),
            if app.ui.timeline.is_whole() { "" } else { "+" },
            parts.join(" · "),
            app.ui.keymap.key_for(&Action::ClearFilters)
        )
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let focused = app.ui.focus == Focus::Timeline;
    let theme = &app.ui.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.border()
        })
        // The filter's speaker and words are the user's text: a control shows as an escape.
        .title(Span::styled(
            crate::text::visible(&title(app)).into_owned(),
            theme.title(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let notes = layout::visible_notes(app, inner);
    if notes.is_empty() {
        let keymap = &app.ui.keymap;
        let hint = if app.ui.timeline.filter.is_empty() {
            format!(
                "No notes yet. Type in the editor below; {} saves the note.",
                keymap.key_for(&Action::Commit)
            )
        } else {
            format!(
                "No note matches the filter; {} shows every note again.",
                keymap.key_for(&Action::ClearFilters)
            )
        };
        Paragraph::new(Span::styled(hint, theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let selected = app.ui.timeline.selected.filter(|_| focused);
    let lines: Vec<Line> = notes
        .into_iter()
        .flat_map(|note| {
            let highlight = selected == Some(note.shown);
            note.lines.into_iter().map(move |line| {
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
