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
        } else if !app.ui.timeline.is_whole() {
            // "No note matches" would be false here: the oldest notes are still to be looked at.
            format!(
                "No match among the newest notes yet; looking further up… {} shows every note again.",
                keymap.key_for(&Action::ClearFilters)
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

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta};

    use crate::model::{Change, Note, NoteKind, Session};
    use crate::tui::action::{Action, Moment};
    use crate::tui::app::App;
    use crate::tui::live::search::Budget;
    use crate::tui::update::update;
    use crate::tui::widgets::theme::Theme;

    fn screen(app: &App) -> String {
        let (width, height) = (app.ui.size.width, app.ui.size.height);
        let backend = ratatui::backend::TestBackend::new(width, height);
        let mut terminal = ratatui::Terminal::new(backend).unwrap();
        terminal
            .draw(|frame| crate::tui::view::draw(frame, app))
            .unwrap();
        terminal.backend().to_string()
    }

    /// A search whose only match is the oldest note: until the scan reaches it, the timeline
    /// must not say that nothing matches (seen at 100,000 notes, with "0+ of 100000" above it).
    #[test]
    fn an_unfinished_search_does_not_say_nothing_matches() {
        let start = DateTime::parse_from_rfc3339("2022-11-30T09:30:00+01:00").unwrap();
        let mut session = Session::default();
        for i in 0..20 {
            let text = if i == 0 { "zyxrare oldest" } else { "common" };
            let at = start + TimeDelta::seconds(i);
            let note = Note::new(at, None, vec![], NoteKind::Remark, text, "t");
            session.apply(Change::Note(note));
        }
        let mut moment = Moment {
            wall: start,
            mono: std::time::Instant::now(),
        };
        let mut app = App::new(session, moment, Theme { color: false });
        app.ui.timeline.budget = Budget {
            per_key: 4,
            per_tick: 4,
        };
        update(&mut app, Action::Resize(100, 30));
        update(&mut app, Action::OpenSearch);
        for c in "zyxrare".chars() {
            let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
            update(&mut app, Action::OverlayType(key));
        }
        let unfinished = screen(&app);
        assert!(unfinished.contains("0+ of 20"), "{unfinished}");
        assert!(!unfinished.contains("No note matches"), "{unfinished}");
        assert!(
            unfinished.contains("No match among the newest"),
            "{unfinished}"
        );
        while !app.ui.timeline.is_whole() {
            moment.mono += std::time::Duration::from_secs(1);
            update(&mut app, Action::Tick(moment));
        }
        let whole = screen(&app);
        assert!(whole.contains("1 of 20"), "{whole}");
        assert!(whole.contains("zyxrare oldest"), "{whole}");
    }
}
