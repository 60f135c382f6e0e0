//! Taking the note: typing it, giving the floor, tagging it with questions and a kind, moving
//! through the session's plan, and saving the note with Enter.

use crate::model::{
    Attendance, Change, FloorChange, Note, NoteKind, PersonId, Role, SegmentChange, Session,
    Speaker,
};
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::overlay::Overlay;
use crate::tui::overlay::picker::{Picker, Purpose};
use crate::tui::widgets::textarea::new_textarea;

use super::review::{end_correction, refilter, show_new_note};

/// Alt+1…Alt+9: the person with this quick key (1-based roster position).
pub fn give_floor_to(app: &mut App, key: usize, fx: &mut Vec<Effect>) {
    match key
        .checked_sub(1)
        .and_then(|i| app.recording.quick_keys().get(i).copied())
        .map(Speaker::Person)
    {
        Some(speaker) => give_floor(app, Some(speaker), fx),
        None => app.tell(format!("nobody has the quick key {key}")),
    }
}

/// The note's text changed: its time is its first keystroke's, its speaker whoever had the floor
/// then.
pub fn typed(app: &mut App) {
    app.recording.saving.recovery_stale();
    let editor = &mut app.ui.editor;
    if editor.editing.is_none() {
        if editor.is_blank() {
            editor.started = None;
            editor.speaker = app.recording.session.floor_holder();
        } else if editor.started.is_none() {
            editor.started = Some(app.recording.now);
        }
    }
}

pub fn give_floor(app: &mut App, speaker: Option<Speaker>, fx: &mut Vec<Effect>) {
    give_floor_read_by(app, speaker, None, fx);
}

/// Alt+R: a question from the chat, read out by the online moderator, is the online audience's
/// turn with its reader noted, so that neither's floor time is wrong. With no online moderator
/// on the roster, or several, the user picks who read it.
pub fn read_out_online(app: &mut App, fx: &mut Vec<Effect>) {
    let session = &app.recording.session;
    let moderators: Vec<PersonId> = session
        .roster()
        .filter(|p| p.has_role(Role::OnlineModerator) && !p.marked_absent())
        .map(|p| p.id)
        .collect();
    if let [moderator] = moderators[..] {
        give_floor_read_by(app, Some(Speaker::Online), Some(moderator), fx);
        return;
    }
    app.tell(match moderators.len() {
        0 => "nobody present on the roster is the online moderator: pick who read the chat out",
        _ => "there are several online moderators: pick who read the chat out",
    });
    let picker = Picker::new(Purpose::Reader, &app.recording.session);
    app.ui.overlay = Some(Overlay::Picker(picker));
}

/// Who reads out the turn `speaker` holds now, by name; None if `speaker` does not hold the
/// floor or speaks for themselves.
pub fn reader_now(session: &Session, speaker: Speaker) -> Option<String> {
    let turn = session.floor.last()?;
    let reader = turn
        .read_by
        .filter(|_| session.floor_holder() == Some(speaker))?;
    Some(session.speaker_name(Speaker::Person(reader)))
}

/// Who has the floor as the screen names them: "Online audience (read out by NAME)" for a turn
/// read out by someone.
pub fn floor_label(session: &Session, speaker: Speaker) -> String {
    let name = session.speaker_name(speaker);
    match reader_now(session, speaker) {
        Some(reader) => format!("{name} (read out by {reader})"),
        None => name,
    }
}

/// Gives the floor, the turn read out by `read_by` when it is someone's; while a note is being
/// corrected, sets its speaker instead.
pub fn give_floor_read_by(
    app: &mut App,
    speaker: Option<Speaker>,
    read_by: Option<PersonId>,
    fx: &mut Vec<Effect>,
) {
    let session = &app.recording.session;
    let name = speaker.map_or("nobody".to_string(), |s| session.speaker_name(s));
    if app.ui.editor.editing.is_some() {
        app.ui.editor.speaker = speaker;
        app.recording.saving.recovery_stale();
        app.ui.status.message = Some(format!("the corrected note's speaker: {name}"));
        return;
    }
    if super::clock::refused_after_end(app, "the floor stays closed") {
        return;
    }
    let present = speaker.and_then(|s| mark_present(app, s, fx));
    // A reader evidently came too, online.
    let reader_present = read_by.and_then(|id| mark_present(app, Speaker::Person(id), fx));
    // A note is pinned to whoever had the floor at its first keystroke: a hand-over while it
    // is typed is the next speaker's turn, not a change of who said this. A note begun while
    // nobody had the floor takes the first speaker given.
    let pinned = (!app.ui.editor.is_blank() && app.ui.editor.speaker != speaker)
        .then_some(app.ui.editor.speaker)
        .flatten();
    if pinned.is_none() {
        app.ui.editor.speaker = speaker;
        app.recording.saving.recovery_stale();
    }
    let session = &app.recording.session;
    let reader = session.floor.last().and_then(|turn| turn.read_by);
    if session.floor_holder() == speaker && !session.floor.is_empty() && reader == read_by {
        return;
    }
    let at = app.recording.now;
    let change = FloorChange {
        at,
        speaker,
        read_by,
    };
    app.recording.record(Change::Floor(change), fx);
    let mut message = match speaker {
        Some(speaker) => format!(
            "{} has the floor",
            floor_label(&app.recording.session, speaker)
        ),
        None => "nobody has the floor".into(),
    };
    if let Some(present) = present {
        message.push_str(&format!(" ({present})"));
    }
    if let (Some(present), Some(reader)) = (reader_present, read_by) {
        let reader = app.recording.session.speaker_name(Speaker::Person(reader));
        message.push_str(&format!(" ({reader} {present})"));
    }
    if let Some(pinned) = pinned {
        // First, so that a narrow status line cuts the part the roster shows anyway.
        let pinned = app.recording.session.speaker_name(pinned);
        message = format!("the note you are typing stays with {pinned}; {message}");
    }
    app.ui.status.message = Some(message);
}

/// Someone given the floor evidently attended: a person marked absent is marked present again,
/// through the header as Alt+x does. Says so, if it changed anything.
fn mark_present(app: &mut App, speaker: Speaker, fx: &mut Vec<Effect>) -> Option<String> {
    let Speaker::Person(id) = speaker else {
        return None;
    };
    let person = app
        .recording
        .session
        .person_mut(id)
        .filter(|p| p.marked_absent())?;
    person.attendance = Attendance::Present;
    app.recording.header_changed(fx);
    Some("marked present".into())
}

pub fn toggle_question(app: &mut App, number: u8) {
    if app.recording.session.question(number).is_none() {
        app.ui.status.message = Some(format!("this session has no policy question {number}"));
        return;
    }
    let until = app
        .ui
        .keymap
        .key_if_any(&Action::ToggleQuestion(number))
        .unwrap_or_else(|| "it is clicked again".into());
    let questions = &mut app.ui.editor.questions;
    app.ui.status.message = Some(match questions.iter().position(|q| *q == number) {
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
    app.recording.saving.recovery_stale();
}

pub fn commit(app: &mut App, fx: &mut Vec<Effect>) {
    if app.ui.editor.is_blank() {
        app.ui.status.message = Some("nothing to save: type the note first".into());
        return;
    }
    let text = app.ui.editor.content().trim().to_string();
    let editor = &app.ui.editor;
    match editor.editing {
        Some(id) => {
            let Some(mut note) = app.recording.session.note(id).cloned() else {
                let undo = app.ui.keymap.key_for(&Action::UndoDelete);
                app.tell(format!(
                    "that note was deleted; {undo} in the timeline restores it"
                ));
                return;
            };
            note.text = text;
            note.speaker = editor.speaker;
            note.questions = editor.questions.clone();
            note.kind = editor.kind;
            note.edited = Some(app.recording.now);
            note.normalise();
            app.recording.record(Change::Edit(note), fx);
            end_correction(app);
            refilter(app);
            app.ui.status.message = Some("note corrected".into());
        }
        None => {
            let mut note = Note::new(
                editor.started.unwrap_or(app.recording.now),
                editor.speaker,
                editor.questions.clone(),
                editor.kind,
                text,
                app.recording.session.taker.clone(),
            );
            note.group = app.ui.group.clone();
            let id = note.id;
            app.recording.record(Change::Note(note), fx);
            app.ui.status.message = None;
            refilter(app);
            show_new_note(app, id);
            let editor = &mut app.ui.editor;
            editor.text = new_textarea("");
            editor.started = None;
            editor.kind = NoteKind::Remark;
            // The next note is whoever has the floor now, not whom the last one was pinned to.
            editor.speaker = app.recording.session.floor_holder();
            app.recording.saving.recovery_stale();
        }
    }
}

pub fn start_clock(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(started) = app.recording.session.clock_started {
        app.ui.status.message = Some(format!(
            "the clock has been running since {}",
            started.format("%H:%M:%S")
        ));
        return;
    }
    // A clock started after the end would count time from past it: nothing.
    if super::clock::refused_after_end(app, "its clock was never started") {
        return;
    }
    app.recording.session.clock_started = Some(app.recording.now);
    app.recording.header_changed(fx);
    if app.recording.session.current_segment().is_none() {
        enter_segment(app, 0, fx);
    }
    app.ui.status.message = Some("the session clock is running".into());
}

pub fn step_segment(app: &mut App, forward: bool, fx: &mut Vec<Effect>) {
    match app.recording.session.stepped_segment(forward) {
        Some(next) => enter_segment(app, next, fx),
        None if forward => app.ui.status.message = Some("this is the last segment".into()),
        None => app.ui.status.message = Some("this is the first segment".into()),
    }
}

fn enter_segment(app: &mut App, index: usize, fx: &mut Vec<Effect>) {
    let plan = app.recording.session.segment_plan();
    let Some(name) = plan.get(index).cloned() else {
        return;
    };
    let next = plan
        .get(index + 1)
        .map_or("it is the last".to_string(), |next| format!("next: {next}"));
    let back = app.ui.keymap.key_for(&Action::PreviousSegment);
    app.tell(format!(
        "now: {name} ({}/{}); {next} · {back} goes back",
        index + 1,
        plan.len()
    ));
    let at = app.recording.now;
    app.recording
        .record(Change::Segment(SegmentChange { at, name }), fx);
}
