//! The note being typed, with the tags it will get beside it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::input::keymap::Keymap;

use super::Focus;

/// From this width the tags get a column of their own beside the text.
const SIDE_TAGS_FROM: u16 = 100;

/// What the note will get, one part each: the speaker, the questions, the kind.
fn tags(app: &App) -> [Vec<Span<'static>>; 3] {
    let theme = &app.ui.theme;
    let editor = &app.ui.editor;
    let session = &app.recording.session;
    let speaker = editor
        .speaker
        .map_or("nobody".to_string(), |s| match editor.editing {
            // The turn being read out now is the new note's, not an older note's being corrected.
            None => super::capture::floor_label(session, s),
            Some(_) => session.speaker_name(s),
        });
    // Names reach the cells as the rest of the screen shows them: a control as an escape.
    let shown = |name: String| crate::text::visible(&name).into_owned();
    let mut who = vec![Span::styled(shown(speaker), theme.speaker())];
    // Pinned to the speaker of its first keystroke; say so when the floor has moved on since.
    let floor = app.recording.session.floor_holder();
    if editor.editing.is_none() && !editor.is_blank() && editor.speaker != floor {
        let floor = floor.map_or("nobody".to_string(), |s| {
            app.recording.session.speaker_name(s)
        });
        who.push(Span::styled(
            shown(format!(" (floor: {floor})")),
            theme.dim(),
        ));
    }
    [
        who,
        vec![Span::styled(
            questions_on(&app.ui.keymap, &editor.questions),
            theme.tag(),
        )],
        vec![Span::styled(
            editor.kind.label().to_string(),
            theme.kind(editor.kind),
        )],
    ]
}

/// "Q2 stays on (F3 off)": questions are sticky, so the tag says how long it lasts.
pub fn questions_on(keymap: &Keymap, questions: &[u8]) -> String {
    let tags: Vec<String> = questions.iter().map(|q| format!("Q{q}")).collect();
    let keys: Vec<String> = questions
        .iter()
        .filter_map(|q| keymap.key_if_any(&Action::ToggleQuestion(*q)))
        .collect();
    // A question past the function keys is turned off with the mouse: no key to name.
    let off = if keys.is_empty() {
        String::new()
    } else {
        format!(" ({} off)", keys.join("/"))
    };
    match questions.len() {
        0 => "no question".to_string(),
        1 => format!("{} stays on{off}", tags[0]),
        _ => format!("{} stay on{off}", tags.join(" ")),
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let editor = &app.ui.editor;
    let title = match (editor.editing, editor.started) {
        (Some(_), Some(at)) => match app.recording.session.origin() {
            Some(origin) => format!(
                " Correcting the note of {} ",
                crate::stats::offset(at - origin)
            ),
            None => format!(" Correcting the note of {} ", at.format("%H:%M:%S")),
        },
        (Some(_), None) => " Correcting a note ".to_string(),
        (None, Some(at)) => format!(" New note · from {} ", at.format("%H:%M:%S")),
        (None, None) => " New note ".to_string(),
    };
    let side = area.width >= SIDE_TAGS_FROM;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(
            if app.ui.focus == Focus::Editor && app.ui.overlay.is_none() {
                theme.focused_border()
            } else {
                theme.border()
            },
        )
        .title(Span::styled(title, theme.title()));
    if !side {
        let mut bottom = vec![Span::raw(" ")];
        for (i, part) in tags(app).into_iter().enumerate() {
            if i > 0 {
                bottom.push(Span::raw(" · "));
            }
            bottom.extend(part);
        }
        bottom.push(Span::raw(" "));
        block = block.title_bottom(Line::from(bottom));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    let [text, tag_column] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(if side { 34 } else { 0 }),
    ])
    .areas(inner);
    (&editor.text).render(text, buf);
    if side {
        let mut lines = vec![Line::from(Span::styled("The note gets:", theme.dim()))];
        lines.extend(tags(app).into_iter().map(Line::from));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::LEFT)
                    .border_style(theme.border()),
            )
            .render(tag_column, buf);
    }
}
