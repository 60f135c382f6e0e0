//! The mouse: a person, a question or a note under the pointer, found by `layout`.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::tui::action::{Effect, Move};
use crate::tui::app::{App, Screen};
use crate::tui::layout;

use super::Focus;
use super::capture::{give_floor, toggle_question};
use super::review::{keep_selection_in_view, select};

pub fn mouse(app: &mut App, event: MouseEvent, fx: &mut Vec<Effect>) {
    if app.ui.overlay.is_some() || app.ui.screen == Screen::Report || layout::too_small(app.ui.size)
    {
        return;
    }
    let areas = layout::live(app.ui.size, app);
    let at = Position::new(event.column, event.row);
    let timeline_inner = layout::inner(areas.timeline);
    match event.kind {
        MouseEventKind::ScrollUp if timeline_inner.contains(at) => select(app, Move::Up),
        MouseEventKind::ScrollDown if timeline_inner.contains(at) => select(app, Move::Down),
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(speaker) = layout::speaker_at(app, areas.roster, at) {
                give_floor(app, Some(speaker), fx);
            } else if let Some(number) = layout::question_at(app, areas.questions, at)
                .or_else(|| layout::balance_question_at(app, areas.balance, at))
            {
                toggle_question(app, number);
            } else if let Some(shown) = layout::note_at(app, timeline_inner, at) {
                app.ui.focus = Focus::Timeline;
                app.ui.timeline.selected = Some(shown);
                keep_selection_in_view(app);
            } else if areas.editor.contains(at) {
                app.ui.focus = Focus::Editor;
            }
        }
        _ => {}
    }
}
