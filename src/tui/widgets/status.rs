//! The bottom two lines: whether everything is saved, the last error, and the keys that work here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::app::{App, Screen};
use crate::tui::input::active_layers;
use crate::tui::overlay::Overlay;

use super::text::{fit_spans, width};

/// The first status line as plain text, for tests.
#[cfg(test)]
pub(crate) fn line(app: &App) -> String {
    Line::from(first_line(app, true)).to_string()
}

fn first_line(app: &App, with_typing: bool) -> Vec<Span<'static>> {
    let theme = &app.ui.theme;
    let notes = app.recording.session.notes.len();
    let plural = if notes == 1 { "" } else { "s" };
    let mut first = Vec::new();
    let unsaved = app.recording.unsaved();
    match (&app.recording.saving.error, unsaved) {
        (Some(error), n) if n > 0 => {
            first.push(Span::raw(format!("{notes} note{plural} · ")));
            first.push(Span::styled(
                format!("{n} NOT SAVED, retrying: {error}"),
                theme.error(),
            ));
        }
        (Some(error), _) => {
            first.push(Span::styled(
                format!("{notes} note{plural} saved"),
                theme.ok(),
            ));
            first.push(Span::raw(" · "));
            first.push(Span::styled(error.clone(), theme.error()));
        }
        (None, 0) => first.push(Span::styled(
            format!("{notes} note{plural} saved"),
            theme.ok(),
        )),
        (None, n) => {
            first.push(Span::raw(format!("{notes} note{plural} · ")));
            first.push(Span::styled(format!("saving {n}…"), theme.warn()));
        }
    }
    // The note in the editor is not among the saved ones until Enter: say what becomes of it.
    if let Some(typing) = typing(app).filter(|_| with_typing) {
        first.push(Span::raw(" · "));
        first.push(Span::styled(typing, theme.warn()));
    }
    if let Some(Overlay::Search(area)) = &app.ui.overlay {
        first.push(Span::raw(" · "));
        first.push(Span::styled("search: ", theme.key()));
        first.push(Span::raw(area.lines().join(" ")));
        first.push(Span::styled("▏", theme.key()));
    } else if let Some(message) = &app.ui.status.message {
        first.push(Span::raw(" · "));
        first.push(Span::raw(message.clone()));
    }
    first
}

/// What the editor holds that is not a saved note yet, and whether the draft file has it.
fn typing(app: &App) -> Option<String> {
    let editor = &app.ui.editor;
    if app.ui.screen != Screen::Live || (editor.is_blank() && editor.editing.is_none()) {
        return None;
    }
    let doing = if editor.editing.is_some() {
        "correcting"
    } else {
        "typing"
    };
    let kept = if app.recording.saving.recovery_current() {
        " (draft kept)"
    } else {
        ""
    };
    Some(format!("{doing}{kept}"))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.ui.theme;
    let mut first = first_line(app, true);
    // A message matters more than the reminder that a note is being typed, which the editor
    // shows anyway.
    if Line::from(first.clone()).width() > usize::from(area.width) {
        first = first_line(app, false);
    }
    // A message too long for its line is cut there: the keys below stay in view.
    let first = fit_spans(first, usize::from(area.width));

    let layers = active_layers(app);
    // Whole hints, most needed first, as many as fit: a hint cut mid-word helps nobody.
    let mut hints = Vec::new();
    let mut used = 0;
    for (keys, word) in app.ui.keymap.hints(&layers) {
        let wanted = width(&keys) + 1 + width(word);
        let gap = if used == 0 { 0 } else { 2 };
        if used + gap + wanted > usize::from(area.width) {
            continue;
        }
        if gap > 0 {
            hints.push(Span::raw("  "));
        }
        hints.push(Span::styled(keys, theme.key()));
        hints.push(Span::raw(format!(" {word}")));
        used += gap + wanted;
    }
    Paragraph::new(vec![Line::from(first), Line::from(hints)]).render(area, buf);
}
