//! Reading back: moving through the timeline, correcting a note in the editor, deleting and
//! restoring, and narrowing the timeline with a filter or a search.

use crate::model::{Change, NoteKind};
use crate::tui::action::{Action, Effect, Move};
use crate::tui::app::App;
use crate::tui::input::keymap::Layer;
use crate::tui::layout;
use crate::tui::recording::NoteDraft;

pub use super::search::refilter;
use super::{Focus, search};

/// Tab: between the editor and the timeline (which selects its newest note on the way in).
pub fn switch_focus(app: &mut App) {
    app.ui.focus = match app.ui.focus {
        Focus::Editor => {
            if app.ui.timeline.selected.is_none() {
                select(app, Move::Last);
            }
            Focus::Timeline
        }
        Focus::Timeline => Focus::Editor,
    }
}

/// Another taker's note is theirs to correct or delete: each taker writes only their own
/// journal, and two takers' corrections of one note would race. Says so, and whose it is.
fn refused_as_others(app: &mut App, taker: &str, what: &str) -> bool {
    if !super::others::is_others(app, taker) {
        return false;
    }
    let pull = app.ui.keymap.key_in(Layer::Report, &Action::PullNote);
    app.tell(format!(
        "{taker}'s note: only {taker} can {what} it; {pull} on the report screen pulls it in"
    ));
    true
}

pub fn begin_correction(app: &mut App) {
    let Some(selected) = app.ui.timeline.selected else {
        return;
    };
    if selected >= app.ui.timeline.len(&app.recording.session) {
        return;
    }
    let note = app.recording.session.notes[app.ui.timeline.note_index(selected)].clone();
    if refused_as_others(app, &note.taker, "correct") {
        return;
    }
    if app.ui.editor.editing == Some(note.id) {
        app.ui.focus = Focus::Editor;
        return;
    }
    if correction_changed(app) {
        finish_correction_first(app);
        return;
    }
    if app.ui.editor.editing.is_none() {
        app.ui.editor.stash = Some(app.ui.editor.draft());
    }
    app.ui.editor.load(NoteDraft {
        text: note.text,
        started: Some(note.at),
        speaker: note.speaker,
        questions: note.questions,
        kind: note.kind,
        editing: Some(note.id),
    });
    app.recording.saving.recovery_stale();
    app.ui.focus = Focus::Editor;
    let keymap = &app.ui.keymap;
    let message = format!(
        "correcting a note: {} saves, {} leaves it as it was",
        keymap.key_in(Layer::Editor, &Action::Commit),
        keymap.key_in(Layer::Editor, &Action::Back)
    );
    app.tell(message);
}

/// Loading another note, or deleting this one, would throw away the words typed into it.
fn finish_correction_first(app: &mut App) {
    let keymap = &app.ui.keymap;
    let message = format!(
        "finish this correction first: {} saves it, {} drops it",
        keymap.key_in(Layer::Editor, &Action::Commit),
        keymap.key_in(Layer::Editor, &Action::Back)
    );
    app.tell(message);
    app.ui.focus = Focus::Editor;
}

/// Whether the correction in the editor differs from its note as saved: then leaving it any way
/// but Enter or Esc would lose the user's words.
fn correction_changed(app: &App) -> bool {
    let editor = &app.ui.editor;
    let Some(id) = editor.editing else {
        return false;
    };
    app.recording.session.note(id).is_none_or(|note| {
        note.text != editor.content()
            || note.speaker != editor.speaker
            || {
                let mut questions = editor.questions.clone();
                questions.sort_unstable();
                questions.dedup();
                note.questions != questions
            }
            || note.kind != editor.kind
    })
}

/// Back to the new note that the correction interrupted.
pub fn end_correction(app: &mut App) {
    let mut draft = app.ui.editor.stash.take().unwrap_or_default();
    if draft.text.trim().is_empty() {
        draft.speaker = app.recording.session.floor_holder();
    }
    app.ui.editor.load(draft);
    app.recording.saving.recovery_stale();
}

pub fn delete_selected(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(selected) = app.ui.timeline.selected else {
        return;
    };
    if selected >= app.ui.timeline.len(&app.recording.session) {
        return;
    }
    let note = &app.recording.session.notes[app.ui.timeline.note_index(selected)];
    let (id, taker) = (note.id, note.taker.clone());
    if refused_as_others(app, &taker, "delete") {
        return;
    }
    if app.ui.editor.editing == Some(id) {
        if correction_changed(app) {
            finish_correction_first(app);
            return;
        }
        end_correction(app);
    }
    let at = app.recording.now;
    app.recording.record(Change::Delete { id, at }, fx);
    app.recording.deleted.push(id);
    refilter(app);
    let undo = app.ui.keymap.key_for(&Action::UndoDelete);
    app.tell(format!("note deleted; {undo} undoes"));
}

pub fn undo_delete(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app.recording.deleted.pop() else {
        app.ui.status.message = Some("nothing to undo".into());
        return;
    };
    let at = app.recording.now;
    app.recording.record(Change::Restore { id, at }, fx);
    refilter(app);
    let shown = app
        .recording
        .note_position(id)
        .and_then(|index| app.ui.timeline.shown(index));
    if let Some(shown) = shown {
        app.ui.timeline.selected = Some(shown);
        keep_selection_in_view(app);
    }
    app.ui.status.message = Some("note restored".into());
}

// The timeline.

/// Q1…Q9 in the timeline: only the notes on that question, or all again.
pub fn toggle_question_filter(app: &mut App, number: u8) {
    let filter = &mut app.ui.timeline.filter.question;
    *filter = if *filter == Some(number) {
        None
    } else {
        Some(number)
    };
    refilter(app);
}

/// k in the timeline: one kind of note after the other, then all again.
pub fn cycle_kind_filter(app: &mut App) {
    let kinds = NoteKind::ALL;
    let filter = &mut app.ui.timeline.filter.kind;
    *filter = match *filter {
        None => Some(kinds[0]),
        Some(kind) => kinds
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| kinds.get(i + 1))
            .copied(),
    };
    refilter(app);
}

/// A note just saved from the editor is shown: the timeline goes back to following the newest
/// note, wherever the reader left it, and a filter the note does not pass is cleared (saying
/// so) rather than hiding it.
pub fn show_new_note(app: &mut App, id: crate::model::NoteId) {
    let Some(index) = app.recording.note_position(id) else {
        return;
    };
    let shown = match app.ui.timeline.shown(index) {
        Some(shown) => shown,
        None => {
            app.ui.timeline.filter = Default::default();
            refilter(app);
            app.tell(
                "the timeline's filter is off, to show the note just saved (it did not match)",
            );
            index
        }
    };
    let timeline = &mut app.ui.timeline;
    timeline.bottom = None;
    timeline.selected = None;
    // A note begun before another taker's later ones is not the newest: scroll to it.
    if shown + 1 < timeline.len(&app.recording.session) {
        timeline.selected = Some(shown);
        keep_selection_in_view(app);
    }
}

/// How many notes are below the view, when the reader has scrolled up from the newest.
pub fn newer_below(app: &App) -> usize {
    let len = app.ui.timeline.len(&app.recording.session);
    app.ui
        .timeline
        .bottom
        .map_or(0, |bottom| len.saturating_sub(bottom + 1))
}

pub fn select(app: &mut App, step: Move) {
    let page = usize::from(layout::timeline_inner(app).height / 2).max(1);
    // Matches further up than the search has looked are looked for first.
    match step {
        Move::First => search::look(app, usize::MAX),
        Move::Up | Move::PageUp => {
            let len = app.ui.timeline.len(&app.recording.session);
            let current = app.ui.timeline.selected.unwrap_or(len.saturating_sub(1));
            search::look_above(app, current.saturating_sub(page));
        }
        _ => {}
    }
    let len = app.ui.timeline.len(&app.recording.session);
    if len == 0 {
        app.ui.timeline.selected = None;
        return;
    }
    let current = app.ui.timeline.selected.unwrap_or(len - 1).min(len - 1);
    let next = match step {
        Move::Up => current.saturating_sub(1),
        Move::Down => current + 1,
        Move::PageUp => current.saturating_sub(page),
        Move::PageDown => current + page,
        Move::First => 0,
        Move::Last => len - 1,
    };
    app.ui.timeline.selected = Some(next.min(len - 1));
    keep_selection_in_view(app);
}

/// Scrolls the timeline just enough to show the selected note.
pub fn keep_selection_in_view(app: &mut App) {
    let len = app.ui.timeline.len(&app.recording.session);
    let Some(selected) = app.ui.timeline.selected else {
        return;
    };
    let area = layout::timeline_inner(app);
    let bottom = app.ui.timeline.bottom.unwrap_or(len.saturating_sub(1));
    // The bottom note is always in view: only a note above it needs the view measured.
    let bottom = if selected >= bottom {
        selected
    } else if selected < layout::first_visible(app, area, bottom) {
        layout::bottom_for_top(app, area, selected)
    } else {
        bottom
    };
    app.ui.timeline.bottom = (bottom + 1 < len).then_some(bottom);
}
