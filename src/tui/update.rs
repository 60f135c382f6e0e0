//! `update` is the one place where the app changes. It returns the effects (writes) it needs; the
//! runtime runs them and reports back with an action.

use chrono::TimeDelta;
use crossterm::event::{KeyCode, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};

use crate::model::{Attendance, Change, FloorChange, Note, NoteKind, SegmentChange, Speaker, fold};

use super::action::{Action, Effect, Move, TextEdit};
use super::drafting::Screen;
use super::picker::{Picker, Purpose};
use super::state::{App, Draft, Focus, HeaderDraft, Overlay, Quitting, new_textarea};
use super::{report_update, roster, timeline, view};

/// How long after a failed write it is tried again.
const RETRY: TimeDelta = TimeDelta::seconds(2);
/// The draft is saved at most this often while typing, and always within a second.
const DRAFT_EVERY: TimeDelta = TimeDelta::milliseconds(500);
/// How long a passing message stays on the status line if nothing else clears it.
const MESSAGE_FOR: TimeDelta = TimeDelta::seconds(6);

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if !matches!(action, Action::Tick(_) | Action::Quit) && !is_a_reply(&action) {
        app.quit_armed = false;
        app.quit_anyway = false;
    }
    let message_before = if is_a_command(&action) {
        app.status.message = None;
        None
    } else {
        app.status.message.clone()
    };
    match action {
        Action::Tick(now) => {
            app.now = now;
            autosave_draft(app, &mut fx);
            retry_writes(app, &mut fx);
        }
        Action::Resize(width, height) => {
            app.size = Rect::new(0, 0, width, height);
            keep_selection_in_view(app);
        }
        Action::Quit => quit(app, &mut fx),
        Action::SaveBeforeLeaving => {
            report_update::leave_field(app, &mut fx);
            if !app.pending.is_empty() {
                fx.push(Effect::Flush);
            }
            // Whatever was last saved, the draft is written again: it is the last chance.
            app.editor.changed();
            autosave_draft_now(app, &mut fx);
        }
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            }
        }
        Action::SwitchFocus => {
            app.focus = match app.focus {
                Focus::Editor => {
                    if app.timeline.selected.is_none() {
                        select(app, Move::Last);
                    }
                    Focus::Timeline
                }
                Focus::Timeline => Focus::Editor,
            }
        }
        Action::Back => back(app, &mut fx),
        Action::GiveFloor(speaker) => give_floor(app, Some(speaker), &mut fx),
        Action::GiveFloorTo(key) => match key
            .checked_sub(1)
            .and_then(|i| app.session.quick_keys(&app.quick_order).get(i).copied())
            .map(Speaker::Person)
        {
            Some(speaker) => give_floor(app, Some(speaker), &mut fx),
            None => app.status.message = Some(format!("nobody has the quick key {key}")),
        },
        Action::CloseFloor => give_floor(app, None, &mut fx),
        Action::ToggleQuestion(number) => toggle_question(app, number),
        Action::SetKind(kind) => {
            app.editor.kind = kind;
            app.editor.changed();
        }
        Action::Commit => commit(app, &mut fx),
        Action::Newline => {
            app.editor.text.insert_newline();
            typed(app);
        }
        Action::Type(key) if app.screen == Screen::Report => report_update::type_key(app, key),
        Action::Type(key) => {
            if app.editor.text.input(key) {
                typed(app);
            }
        }
        Action::Paste(text) => match &mut app.overlay {
            Some(Overlay::Search(area)) => {
                area.insert_str(text.replace('\n', " "));
                search_changed(app);
            }
            Some(_) => {}
            None if app.screen == Screen::Report => report_update::paste(app, &text),
            None => {
                app.focus = Focus::Editor;
                app.editor.text.insert_str(text.replace("\r\n", "\n"));
                typed(app);
            }
        },
        Action::EditText(edit) => {
            let text = &mut app.editor.text;
            let changed = match edit {
                TextEdit::DeleteWordBack => text.delete_word(),
                TextEdit::DeleteLineBack => text.delete_line_by_head(),
                TextEdit::Undo => text.undo(),
            };
            if changed {
                typed(app);
            }
        }
        Action::StartClock => start_clock(app, &mut fx),
        Action::NextSegment => step_segment(app, true, &mut fx),
        Action::PreviousSegment => step_segment(app, false, &mut fx),
        Action::OpenSpeakerPicker => {
            let purpose = if app.editor.editing.is_some() {
                Purpose::NoteSpeaker
            } else {
                Purpose::Floor
            };
            app.overlay = Some(Overlay::Picker(Picker::new(purpose, &app.session)));
        }
        Action::OpenAbsencePicker => {
            app.overlay = Some(Overlay::Picker(Picker::new(Purpose::Absence, &app.session)))
        }
        Action::OpenAddPerson => app.overlay = Some(Overlay::AddPerson(Box::default())),
        Action::Select(step) => {
            app.focus = Focus::Timeline;
            select(app, step);
        }
        Action::EditSelected => begin_correction(app),
        Action::DeleteSelected => delete_selected(app, &mut fx),
        Action::UndoDelete => undo_delete(app, &mut fx),
        Action::OpenSearch => {
            app.overlay = Some(Overlay::Search(new_textarea(&app.timeline.filter.text)))
        }
        Action::OpenSpeakerFilter => {
            app.overlay = Some(Overlay::Picker(Picker::new(
                Purpose::SpeakerFilter,
                &app.session,
            )))
        }
        Action::ToggleQuestionFilter(number) => {
            let filter = &mut app.timeline.filter.question;
            *filter = if *filter == Some(number) {
                None
            } else {
                Some(number)
            };
            refilter(app);
        }
        Action::CycleKindFilter => {
            let kinds = NoteKind::ALL;
            let filter = &mut app.timeline.filter.kind;
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
        Action::ClearFilters => {
            app.timeline.filter = Default::default();
            refilter(app);
        }
        Action::OverlayMove(step) => overlay_move(app, step),
        Action::OverlayAccept => overlay_accept(app, &mut fx),
        Action::OverlayNextField | Action::OverlayPreviousField => {
            if let Some(Overlay::AddPerson(form)) = &mut app.overlay {
                let forward = action == Action::OverlayNextField;
                let n = form.fields.len();
                form.focus = if forward {
                    (form.focus + 1) % n
                } else {
                    (form.focus + n - 1) % n
                };
            }
        }
        Action::OverlayType(key) => overlay_type(app, key),
        Action::Mouse(event) => mouse(app, event, &mut fx),
        Action::SwitchScreen => report_update::switch_screen(app, &mut fx),
        Action::ReportMove(step) => report_update::report_move(app, step, &mut fx),
        Action::NextPane if app.overlay.is_none() => report_update::next_pane(app, &mut fx),
        Action::NextPane => {}
        Action::EditField => report_update::edit_field(app),
        Action::SaveField => report_update::save_field(app, &mut fx),
        Action::ToggleNotes => report_update::toggle_notes(app),
        Action::PullNote => report_update::pull_note(app),
        Action::SwitchReport => report_update::switch_report(app, &mut fx),
        Action::CycleFormat => report_update::cycle_format(app, &mut fx),
        Action::OpenPreview => report_update::open_preview(app, &mut fx),
        Action::ExportReport => report_update::export_report(app, &mut fx),
        Action::CopyField => report_update::copy_field(app, &mut fx),
        Action::CopyReport => report_update::copy_report(app, &mut fx),
        Action::PreviewReady {
            report,
            format,
            text,
        } => report_update::preview_ready(app, report, format, text),
        Action::Exported(result) => report_update::exported(app, result),
        Action::Copied(result) => report_update::copied(app, result),
        Action::Persisted { count } => {
            app.pending.drain(..count.min(app.pending.len()));
            if count > 0 && app.pending.is_empty() {
                app.retry_at = None;
                clear_error_once_all_saved(app);
                report_update::persisted(app);
                // The draft no longer needs to carry the committed notes.
                app.editor.changed();
                autosave_draft_now(app, &mut fx);
            }
        }
        Action::PersistFailed { saved, error } => {
            app.pending.drain(..saved.min(app.pending.len()));
            app.status.error = Some(error);
            app.retry_at = Some(app.now + RETRY);
            // Keep the unsaved notes in the draft too, in case the journal's disk is the one
            // that failed and the app is then killed.
            app.editor.changed();
            autosave_draft_now(app, &mut fx);
        }
        Action::HeaderSaved => {
            app.header_unsaved = false;
            if app.draft_has_header {
                // The draft's copy of the roster is stale now, and no longer needed.
                app.editor.changed();
                autosave_draft_now(app, &mut fx);
            }
            if app.pending.is_empty() {
                app.retry_at = None;
            }
            clear_error_once_all_saved(app);
        }
        Action::HeaderFailed(error) => {
            app.status.error = Some(error);
            app.retry_at = Some(app.now + RETRY);
            // Until the header is written the roster lives only in memory: keep it in the draft,
            // with the notes that may name its newest person.
            app.editor.changed();
            autosave_draft_now(app, &mut fx);
        }
        Action::DraftSaved => {
            app.draft_failed = false;
            clear_error_once_all_saved(app);
        }
        Action::WritesDone => finish_quit(app),
        Action::DraftFailed(error) => {
            // Try again on the next tick.
            app.editor.draft_dirty = true;
            app.draft_failed = true;
            app.status.error = Some(error);
        }
    }
    age_the_message(app, message_before);
    show_cursor_where_typing_goes(app);
    report_update::sync(app);
    fx
}

/// The error on the status line is the last failed write's: it goes only when nothing is left
/// unwritten, so that a draft saved does not hide a journal that still fails, nor the reverse.
fn clear_error_once_all_saved(app: &mut App) {
    if app.pending.is_empty() && !app.header_unsaved && !app.draft_failed {
        app.status.error = None;
    }
}

/// Whether an action is something the user did that makes the last message stale. Typing is
/// not: a message about a hand-over should outlive the next few characters. The clock and the
/// runtime's replies are not either.
fn is_a_command(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick(_)
            | Action::Resize(..)
            | Action::Type(_)
            | Action::Paste(_)
            | Action::Newline
            | Action::OverlayType(_)
            | Action::Mouse(_)
    ) && !is_a_reply(action)
}

/// What the runtime says about the effects it ran.
fn is_a_reply(action: &Action) -> bool {
    matches!(
        action,
        Action::Persisted { .. }
            | Action::PersistFailed { .. }
            | Action::HeaderSaved
            | Action::HeaderFailed(_)
            | Action::DraftSaved
            | Action::DraftFailed(_)
            | Action::WritesDone
            | Action::PreviewReady { .. }
            | Action::Exported(_)
            | Action::Copied(_)
    )
}

/// A new message starts its time on screen now; an old one goes once its time is up.
fn age_the_message(app: &mut App, before: Option<String>) {
    let status = &mut app.status;
    if status.message.is_none() {
        status.message_since = None;
    } else if status.message != before || status.message_since.is_none() {
        status.message_since = Some(app.now);
    } else if status
        .message_since
        .is_some_and(|since| app.now - since >= MESSAGE_FOR)
    {
        status.message = None;
        status.message_since = None;
    }
}

/// The textarea draws its cursor itself, whether or not it has the keys; a cursor in the editor
/// while the timeline has them would tell the user their typing goes there.
fn show_cursor_where_typing_goes(app: &mut App) {
    let typing = app.screen == Screen::Live && app.focus == Focus::Editor && app.overlay.is_none();
    let style = if typing {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    if app.editor.text.cursor_style() != style {
        app.editor.text.set_cursor_style(style);
    }
}

/// Applies a change at once, and queues it for the journal.
pub(super) fn record(app: &mut App, change: Change, fx: &mut Vec<Effect>) {
    app.apply(change.clone());
    app.pending.push_back(change);
    fx.push(Effect::Flush);
}

fn retry_writes(app: &mut App, fx: &mut Vec<Effect>) {
    if app.retry_at.is_some_and(|at| app.now >= at) {
        app.retry_at = None;
        if !app.pending.is_empty() {
            fx.push(Effect::Flush);
        }
        if app.header_unsaved {
            fx.push(Effect::SaveHeader);
        }
    }
}

fn autosave_draft(app: &mut App, fx: &mut Vec<Effect>) {
    let due = app
        .editor
        .saved_at
        .is_none_or(|at| app.now - at >= DRAFT_EVERY);
    if due {
        autosave_draft_now(app, fx);
    }
}

fn autosave_draft_now(app: &mut App, fx: &mut Vec<Effect>) {
    let editor = &mut app.editor;
    if !editor.draft_dirty {
        return;
    }
    editor.draft_dirty = false;
    editor.saved_at = Some(app.now);
    let mut draft = match editor.stash.clone() {
        Some(mut stash) => {
            stash.correction = Some(Box::new(editor.draft()));
            stash
        }
        None => editor.draft(),
    };
    draft.pending = app.pending.iter().cloned().collect();
    draft.field = report_update::field_draft(app);
    draft.header = app.header_unsaved.then(|| HeaderDraft {
        people: app.session.people.clone(),
        clock_started: app.session.clock_started,
    });
    app.draft_has_header = draft.header.is_some();
    if draft.text.trim().is_empty()
        && draft.pending.is_empty()
        && draft.field.is_none()
        && draft.correction.is_none()
        && draft.header.is_none()
    {
        fx.push(Effect::ClearDraft);
    } else {
        fx.push(Effect::SaveDraft(draft));
    }
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    let unsaved = app.unsaved();
    if unsaved > 0 && !app.quit_armed {
        app.quit_armed = true;
        app.status.message = Some(unsaved_prompt(unsaved));
        return;
    }
    // A field being drafted is saved like any other change; should that write fail, the
    // draft file written on the failure keeps it.
    report_update::leave_field(app, fx);
    autosave_draft_now(app, fx);
    // The app leaves once these writes have reported back: see `finish_quit`.
    app.quitting = Some(Quitting {
        told: app.quit_armed,
        anyway: app.quit_anyway,
    });
}

/// True because the draft file carries unsaved changes and the roster (see `autosave_draft_now`).
fn unsaved_prompt(unsaved: usize) -> String {
    format!(
        "{unsaved} change(s) could not be saved yet; quit again to leave them in the draft file"
    )
}

/// The last writes of a quit are done: leave if what is not in the journal is in the draft file
/// (and the user was told so), otherwise say what failed and ask again.
fn finish_quit(app: &mut App) {
    let Some(quitting) = app.quitting.take() else {
        return;
    };
    let draft_current = !app.draft_failed && !app.editor.draft_dirty;
    let unsaved = app.unsaved();
    if quitting.anyway || (draft_current && (unsaved == 0 || quitting.told)) {
        app.quit = true;
        return;
    }
    app.quit_armed = true;
    app.status.message = Some(if draft_current {
        unsaved_prompt(unsaved)
    } else {
        app.quit_anyway = true;
        "the draft could not be saved; quit again to leave anyway, losing what is not saved"
            .to_string()
    });
}

fn back(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(overlay) = app.overlay.take() {
        if let Overlay::Search(_) = overlay {
            app.timeline.filter.text.clear();
            refilter(app);
        }
    } else if app.screen == Screen::Report {
        report_update::back(app, fx);
    } else if app.focus == Focus::Timeline {
        app.focus = Focus::Editor;
    } else if app.editor.editing.is_some() {
        end_correction(app);
        app.status.message = Some("correction abandoned; the note is as it was".into());
    }
}

fn typed(app: &mut App) {
    let editor = &mut app.editor;
    editor.changed();
    if editor.editing.is_none() {
        if editor.is_blank() {
            editor.started = None;
            editor.speaker = app.session.floor_holder();
        } else if editor.started.is_none() {
            editor.started = Some(app.now);
        }
    }
}

fn give_floor(app: &mut App, speaker: Option<Speaker>, fx: &mut Vec<Effect>) {
    let name = speaker.map_or("nobody".to_string(), |s| app.session.speaker_name(s));
    if app.editor.editing.is_some() {
        app.editor.speaker = speaker;
        app.editor.changed();
        app.status.message = Some(format!("the corrected note's speaker: {name}"));
        return;
    }
    let present = speaker.and_then(|s| mark_present(app, s, fx));
    // A note is pinned to whoever had the floor at its first keystroke: a hand-over while it
    // is typed is the next speaker's turn, not a change of who said this. A note begun while
    // nobody had the floor takes the first speaker given.
    let pinned = (!app.editor.is_blank() && app.editor.speaker != speaker)
        .then_some(app.editor.speaker)
        .flatten();
    if pinned.is_none() {
        app.editor.speaker = speaker;
        app.editor.changed();
    }
    if app.session.floor_holder() == speaker && !app.session.floor.is_empty() {
        return;
    }
    let at = app.now;
    record(app, Change::Floor(FloorChange { at, speaker }), fx);
    app.refresh_stats();
    let mut message = match speaker {
        Some(_) => format!("{name} has the floor"),
        None => "nobody has the floor".into(),
    };
    if let Some(present) = present {
        message.push_str(&format!(" ({present})"));
    }
    if let Some(pinned) = pinned {
        // First, so that a narrow status line cuts the part the roster shows anyway.
        let pinned = app.session.speaker_name(pinned);
        message = format!("the note you are typing stays with {pinned}; {message}");
    }
    app.status.message = Some(message);
}

/// Someone given the floor evidently attended: a person marked absent is marked present again,
/// through the header as Alt+x does. Says so, if it changed anything.
fn mark_present(app: &mut App, speaker: Speaker, fx: &mut Vec<Effect>) -> Option<String> {
    let Speaker::Person(id) = speaker else {
        return None;
    };
    let person = app.session.person_mut(id).filter(|p| p.marked_absent())?;
    person.attendance = Attendance::Present;
    app.header_unsaved = true;
    fx.push(Effect::SaveHeader);
    Some("marked present".into())
}

fn toggle_question(app: &mut App, number: u8) {
    if app.session.question(number).is_none() {
        app.status.message = Some(format!("this session has no policy question {number}"));
        return;
    }
    let questions = &mut app.editor.questions;
    let until = super::keymap::question_key(number).unwrap_or_else(|| "it is clicked again".into());
    app.status.message = Some(match questions.iter().position(|q| *q == number) {
        Some(i) => {
            questions.remove(i);
            format!("Q{number} off")
        }
        None => {
            questions.push(number);
            questions.sort_unstable();
            format!("Q{number} on: every note from now gets it, until {until}")
        }
    });
    app.editor.changed();
}

fn commit(app: &mut App, fx: &mut Vec<Effect>) {
    if app.editor.is_blank() {
        app.status.message = Some("nothing to save: type the note first".into());
        return;
    }
    let text = app.editor.content().trim().to_string();
    let editor = &app.editor;
    match editor.editing {
        Some(id) => {
            let Some(mut note) = app.session.note(id).cloned() else {
                app.status.message =
                    Some("that note was deleted; u in the timeline restores it".into());
                return;
            };
            note.text = text;
            note.speaker = editor.speaker;
            note.questions = editor.questions.clone();
            note.kind = editor.kind;
            note.edited = Some(app.now);
            note.normalise();
            record(app, Change::Edit(note), fx);
            end_correction(app);
            app.status.message = Some("note corrected".into());
        }
        None => {
            let note = Note::new(
                editor.started.unwrap_or(app.now),
                editor.speaker,
                editor.questions.clone(),
                editor.kind,
                text,
                app.session.taker.clone(),
            );
            record(app, Change::Note(note), fx);
            let editor = &mut app.editor;
            editor.text = new_textarea("");
            editor.started = None;
            editor.kind = NoteKind::Remark;
            // The next note is whoever has the floor now, not whom the last one was pinned to.
            editor.speaker = app.session.floor_holder();
            editor.changed();
            app.status.message = None;
        }
    }
    app.refresh_stats();
    refilter(app);
}

fn begin_correction(app: &mut App) {
    let Some(selected) = app.timeline.selected else {
        return;
    };
    if selected >= app.timeline.len(&app.session) {
        return;
    }
    let note = app.session.notes[app.timeline.note_index(selected)].clone();
    if app.editor.editing == Some(note.id) {
        app.focus = Focus::Editor;
        return;
    }
    if correction_changed(app) {
        // Loading another note would throw away the words typed into this one.
        app.status.message = Some(FINISH_CORRECTION.into());
        app.focus = Focus::Editor;
        return;
    }
    if app.editor.editing.is_none() {
        app.editor.stash = Some(app.editor.draft());
    }
    app.editor.load(Draft {
        text: note.text,
        started: Some(note.at),
        speaker: note.speaker,
        questions: note.questions,
        kind: note.kind,
        editing: Some(note.id),
        pending: Vec::new(),
        field: None,
        correction: None,
        header: None,
    });
    app.focus = Focus::Editor;
    app.status.message = Some("correcting a note: Enter saves, Esc leaves it as it was".into());
}

const FINISH_CORRECTION: &str = "finish this correction first: Enter saves it, Esc drops it";

/// Whether the correction in the editor differs from its note as saved: then leaving it any way
/// but Enter or Esc would lose the user's words.
fn correction_changed(app: &App) -> bool {
    let editor = &app.editor;
    let Some(id) = editor.editing else {
        return false;
    };
    app.session.note(id).is_none_or(|note| {
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

fn end_correction(app: &mut App) {
    let mut draft = app.editor.stash.take().unwrap_or_default();
    if draft.text.trim().is_empty() {
        draft.speaker = app.session.floor_holder();
    }
    app.editor.load(draft);
}

fn delete_selected(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(selected) = app.timeline.selected else {
        return;
    };
    if selected >= app.timeline.len(&app.session) {
        return;
    }
    let id = app.session.notes[app.timeline.note_index(selected)].id;
    if app.editor.editing == Some(id) {
        if correction_changed(app) {
            app.status.message = Some(FINISH_CORRECTION.into());
            app.focus = Focus::Editor;
            return;
        }
        end_correction(app);
    }
    let at = app.now;
    record(app, Change::Delete { id, at }, fx);
    app.deleted.push(id);
    app.refresh_stats();
    refilter(app);
    app.status.message = Some("note deleted; u undoes".into());
}

fn undo_delete(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(id) = app.deleted.pop() else {
        app.status.message = Some("nothing to undo".into());
        return;
    };
    let at = app.now;
    record(app, Change::Restore { id, at }, fx);
    app.refresh_stats();
    refilter(app);
    let shown = (0..app.timeline.len(&app.session))
        .find(|&i| app.session.notes[app.timeline.note_index(i)].id == id);
    if let Some(shown) = shown {
        app.timeline.selected = Some(shown);
        keep_selection_in_view(app);
    }
    app.status.message = Some("note restored".into());
}

fn start_clock(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(started) = app.session.clock_started {
        app.status.message = Some(format!(
            "the clock has been running since {}",
            started.format("%H:%M:%S")
        ));
        return;
    }
    app.session.clock_started = Some(app.now);
    app.header_unsaved = true;
    fx.push(Effect::SaveHeader);
    if app.session.current_segment().is_none() {
        enter_segment(app, 0, fx);
    }
    app.status.message = Some("the session clock is running".into());
}

fn step_segment(app: &mut App, forward: bool, fx: &mut Vec<Effect>) {
    let plan = app.session.segment_plan();
    let current = app
        .session
        .current_segment()
        .and_then(|current| plan.iter().position(|s| s == current));
    let next = match (current, forward) {
        (None, true) => 0,
        (Some(i), true) if i + 1 < plan.len() => i + 1,
        (Some(_), true) => {
            app.status.message = Some("this is the last segment".into());
            return;
        }
        (Some(i), false) if i > 0 => i - 1,
        (_, false) => {
            app.status.message = Some("this is the first segment".into());
            return;
        }
    };
    enter_segment(app, next, fx);
}

fn enter_segment(app: &mut App, index: usize, fx: &mut Vec<Effect>) {
    let plan = app.session.segment_plan();
    let Some(name) = plan.get(index).cloned() else {
        return;
    };
    let next = plan
        .get(index + 1)
        .map_or("it is the last".to_string(), |next| format!("next: {next}"));
    app.status.message = Some(format!(
        "now: {name} ({}/{}); {next} · Alt+N goes back",
        index + 1,
        plan.len()
    ));
    let at = app.now;
    record(app, Change::Segment(SegmentChange { at, name }), fx);
}

// The timeline.

/// Recomputes which notes pass the filter; only when one is set, so the plain timeline never
/// walks the notes.
pub fn refilter(app: &mut App) {
    if !app.timeline.filter.text.is_empty()
        && app.timeline.folded_version != Some(app.notes_version)
    {
        app.timeline.folded = app.session.notes.iter().map(|n| fold(&n.text)).collect();
        app.timeline.folded_version = Some(app.notes_version);
    }
    let filter = &app.timeline.filter;
    let folded = &app.timeline.folded;
    app.timeline.shown = if filter.is_empty() {
        None
    } else {
        let words: Vec<String> = fold(&filter.text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        Some(
            app.session
                .notes
                .iter()
                .enumerate()
                .filter(|(i, n)| {
                    filter.speaker.is_none_or(|s| n.speaker == Some(s))
                        && filter.question.is_none_or(|q| n.is_about(q))
                        && filter.kind.is_none_or(|k| n.kind == k)
                        && (words.is_empty() || {
                            let text = folded.get(*i).map_or("", String::as_str);
                            words.iter().all(|w| text.contains(w.as_str()))
                        })
                })
                .map(|(i, _)| i)
                .collect(),
        )
    };
    let len = app.timeline.len(&app.session);
    let clamp = |i: Option<usize>| i.filter(|_| len > 0).map(|i| i.min(len - 1));
    app.timeline.selected = clamp(app.timeline.selected);
    app.timeline.bottom = clamp(app.timeline.bottom);
    keep_selection_in_view(app);
}

fn select(app: &mut App, step: Move) {
    let len = app.timeline.len(&app.session);
    if len == 0 {
        app.timeline.selected = None;
        return;
    }
    let page = usize::from(timeline_area(app).height / 2).max(1);
    let current = app.timeline.selected.unwrap_or(len - 1).min(len - 1);
    let next = match step {
        Move::Up => current.saturating_sub(1),
        Move::Down => current + 1,
        Move::PageUp => current.saturating_sub(page),
        Move::PageDown => current + page,
        Move::First => 0,
        Move::Last => len - 1,
    };
    app.timeline.selected = Some(next.min(len - 1));
    keep_selection_in_view(app);
}

fn timeline_area(app: &App) -> Rect {
    timeline::inner(view::layout(app.size, app).timeline)
}

/// Scrolls the timeline just enough to show the selected note.
fn keep_selection_in_view(app: &mut App) {
    let len = app.timeline.len(&app.session);
    let Some(selected) = app.timeline.selected else {
        return;
    };
    let area = timeline_area(app);
    let bottom = app.timeline.bottom.unwrap_or(len.saturating_sub(1));
    let bottom = if selected > bottom {
        selected
    } else if selected < timeline::first_visible(app, area, bottom) {
        timeline::bottom_for_top(app, area, selected)
    } else {
        bottom
    };
    app.timeline.bottom = (bottom + 1 < len).then_some(bottom);
}

// Overlays.

fn overlay_move(app: &mut App, step: Move) {
    match &mut app.overlay {
        Some(Overlay::Picker(picker)) => {
            let last = picker.shown.len().saturating_sub(1);
            picker.selected = match step {
                Move::Up => picker.selected.saturating_sub(1),
                Move::Down => (picker.selected + 1).min(last),
                Move::PageUp | Move::First => 0,
                Move::PageDown | Move::Last => last,
            };
        }
        Some(Overlay::Help { scroll }) => {
            *scroll = match step {
                Move::Up => scroll.saturating_sub(1),
                Move::Down => scroll.saturating_add(1),
                Move::PageUp => scroll.saturating_sub(10),
                Move::PageDown => scroll.saturating_add(10),
                Move::First => 0,
                Move::Last => u16::MAX / 2,
            };
        }
        Some(Overlay::Preview(preview)) => {
            let page = usize::from(app.size.height.saturating_sub(4)).max(1);
            report_update::scroll_preview(preview, step, page);
        }
        Some(Overlay::AddPerson(form)) => {
            let n = form.fields.len();
            form.focus = match step {
                Move::Up => (form.focus + n - 1) % n,
                _ => (form.focus + 1) % n,
            };
        }
        _ => {}
    }
}

fn overlay_type(app: &mut App, key: crossterm::event::KeyEvent) {
    match &mut app.overlay {
        Some(Overlay::Picker(picker)) => {
            let changed = picker.query.input(key);
            if changed {
                picker.refilter();
            }
        }
        Some(Overlay::AddPerson(form)) => {
            let handled = match key.code {
                KeyCode::Left => form.cycle(false),
                KeyCode::Right => form.cycle(true),
                _ => false,
            };
            if !handled && key.code != KeyCode::Enter {
                let focus = form.focus;
                form.fields[focus].input(key);
            }
            form.error = None;
        }
        Some(Overlay::Search(area)) => {
            let changed = key.code != KeyCode::Enter && area.input(key);
            if changed {
                search_changed(app);
            }
        }
        _ => {}
    }
}

fn search_changed(app: &mut App) {
    if let Some(Overlay::Search(area)) = &app.overlay {
        app.timeline.filter.text = area.lines().join(" ");
        refilter(app);
    }
}

fn overlay_accept(app: &mut App, fx: &mut Vec<Effect>) {
    match app.overlay.take() {
        Some(Overlay::Picker(picker)) => {
            let Some(speaker) = picker.chosen() else {
                app.overlay = Some(Overlay::Picker(picker));
                return;
            };
            match picker.purpose {
                Purpose::Floor | Purpose::NoteSpeaker => give_floor(app, Some(speaker), fx),
                Purpose::SpeakerFilter => {
                    app.timeline.filter.speaker = Some(speaker);
                    app.focus = Focus::Timeline;
                    refilter(app);
                }
                Purpose::Absence => toggle_absent(app, speaker, fx),
            }
        }
        Some(Overlay::AddPerson(mut form)) => {
            match form.person() {
                Ok(person) => {
                    let (id, existed) = app.session.enrol(person);
                    let name = app
                        .session
                        .person(id)
                        .map_or_else(String::new, |p| p.name.clone());
                    if !existed {
                        // The next free quick key: nobody else's key moves mid-session.
                        app.quick_order.push(id);
                    }
                    app.header_unsaved = true;
                    fx.push(Effect::SaveHeader);
                    app.refresh_stats();
                    let key = app
                        .roster_speakers()
                        .position(|s| s == Speaker::Person(id))
                        .map(|i| i + 1)
                        .filter(|k| *k <= 9)
                        .map_or(" (Alt+s to give the floor)".to_string(), |k| {
                            format!(" (Alt+{k} gives the floor)")
                        });
                    let what = if existed {
                        "was already on the roster; updated"
                    } else {
                        "added"
                    };
                    app.status.message = Some(format!("{name} {what}{key}"));
                }
                Err(error) => {
                    form.error = Some(error);
                    app.overlay = Some(Overlay::AddPerson(form));
                }
            }
        }
        Some(Overlay::Search(_)) => app.focus = Focus::Timeline,
        other => app.overlay = other,
    }
}

fn toggle_absent(app: &mut App, speaker: Speaker, fx: &mut Vec<Effect>) {
    let Speaker::Person(id) = speaker else {
        return;
    };
    let Some(person) = app.session.person_mut(id) else {
        return;
    };
    let (attendance, word) = if person.marked_absent() {
        (Attendance::Present, "present")
    } else {
        (Attendance::Absent, "absent")
    };
    person.attendance = attendance;
    let message = format!("{} marked {word}", person.name);
    app.status.message = Some(message);
    app.header_unsaved = true;
    fx.push(Effect::SaveHeader);
}

// The mouse: a person, a question or a note under the pointer.

fn mouse(app: &mut App, event: crossterm::event::MouseEvent, fx: &mut Vec<Effect>) {
    if app.overlay.is_some() || app.screen == Screen::Report || view::too_small(app.size) {
        return;
    }
    let areas = view::layout(app.size, app);
    let at = Position::new(event.column, event.row);
    let timeline_inner = timeline::inner(areas.timeline);
    match event.kind {
        MouseEventKind::ScrollUp if timeline_inner.contains(at) => select(app, Move::Up),
        MouseEventKind::ScrollDown if timeline_inner.contains(at) => select(app, Move::Down),
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(speaker) = roster::speaker_at(app, areas.roster, at) {
                give_floor(app, Some(speaker), fx);
            } else if let Some(number) = super::questions::question_at(app, areas.questions, at) {
                toggle_question(app, number);
            } else if let Some(shown) = timeline::note_at(app, timeline_inner, at) {
                app.focus = Focus::Timeline;
                app.timeline.selected = Some(shown);
                keep_selection_in_view(app);
            } else if areas.editor.contains(at) {
                app.focus = Focus::Editor;
            }
        }
        _ => {}
    }
}
