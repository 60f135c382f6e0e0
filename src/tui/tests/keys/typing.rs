//! A note typed, tagged and given to who had the floor, the status line and its passing
//! messages, the editor's keys, segments and questions, and the clock against the schedule.

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use super::new_session;
use crate::model::{NoteKind, PersonId, Speaker};
use crate::store::Store;
use crate::tui::tests::support::*;
use crate::tui::widgets::theme::Theme;
use crate::tui::{self};

#[test]
fn type_give_the_floor_tag_commit_then_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('g'), alt('2')]);
    let first_key = run.clock + TimeDelta::seconds(1);
    run.press(typed("Norms need"));
    // Tags and the floor while typing: the chords do not reach the text.
    run.press([key(KeyCode::F(3)), alt('t'), alt('3')]);
    run.press(typed(" follow-up"));
    run.press([alt_key(KeyCode::Enter)]);
    run.press(typed("#norms"));
    run.press([key(KeyCode::Enter)]);

    let note = run.app.recording.session.notes.last().unwrap().clone();
    assert_eq!(note.text, "Norms need follow-up\n#norms");
    assert_eq!(note.at, first_key, "a note's time is its first keystroke");
    assert_eq!(
        note.speaker,
        Some(Speaker::Person(PersonId(2))),
        "the note stays with who had the floor at its first keystroke"
    );
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(PersonId(3)))
    );
    assert_eq!(
        run.app.ui.editor.speaker,
        Some(Speaker::Person(PersonId(3))),
        "the next note is the new speaker's"
    );
    assert_eq!(note.questions, vec![2]);
    assert_eq!(note.kind, NoteKind::Takeaway);
    assert_eq!(note.tags, vec!["norms"]);
    assert!(run.app.ui.editor.is_blank());
    assert_eq!(
        run.app.ui.editor.kind,
        NoteKind::Remark,
        "the kind is per note"
    );
    assert_eq!(
        run.app.ui.editor.questions,
        vec![2],
        "questions stay for the next note"
    );
    assert!(tui::widgets::status::line(&run.app).contains("1 note saved"));

    // Floor time is counted from the floor changes on disk.
    run.tick(60);
    let floor_before = run.app.recording.floor_time(Speaker::Person(PersonId(3)));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.notes, vec![note]);
    assert_eq!(reopened.app.recording.session.floor.len(), 2);
    assert!(reopened.app.recording.session.clock_started.is_some());
    assert_eq!(
        reopened.app.recording.session.current_segment(),
        Some("Opening")
    );
    assert!(floor_before >= TimeDelta::seconds(60));
}

#[test]
fn a_hand_over_while_typing_keeps_the_note_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('2')]);
    run.press(typed("Paulus finishing her point"));
    run.press([alt('3')]);
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.contains("the note you are typing stays with Alexandra Paulus"),
        "{status}"
    );
    let screen = screen(&run.app);
    assert!(
        screen.contains("Alexandra Paulus (floor: 小林 美咲)"),
        "{screen}"
    );
    run.press([key(KeyCode::Enter)]);
    let note = run.app.recording.session.notes.last().unwrap();
    assert_eq!(note.speaker, Some(Speaker::Person(PersonId(2))));
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(PersonId(3)))
    );
    // With nothing typed, a floor change applies to the next note.
    run.press([alt('1')]);
    run.press(typed("Bruna"));
    run.press([key(KeyCode::Enter)]);
    let note = run.app.recording.session.notes.last().unwrap();
    assert_eq!(note.speaker, Some(Speaker::Person(PersonId(1))));
}

#[test]
fn the_status_line_tells_a_note_being_typed_from_saved_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("two, not saved yet"));
    run.tick(1);
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.starts_with("1 note saved · typing (draft kept)"),
        "{status}"
    );
    run.press([key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&run.app);
    assert_eq!(status, "2 notes saved");
}

#[test]
fn passing_messages_go_with_the_next_action_or_in_a_few_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    for text in ["one", "two"] {
        run.press(typed(text));
        run.press([key(KeyCode::Enter)]);
    }
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Char('d')),
        key(KeyCode::Char('u')),
    ]);
    assert!(tui::widgets::status::line(&run.app).contains("note restored"));
    run.press([key(KeyCode::Char('/'))]);
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&run.app);
    assert!(!status.contains("restored"), "{status}");

    run.press([key(KeyCode::Char('u'))]);
    assert!(tui::widgets::status::line(&run.app).contains("nothing to undo"));
    run.tick(2);
    assert!(tui::widgets::status::line(&run.app).contains("nothing to undo"));
    run.tick(10);
    let status = tui::widgets::status::line(&run.app);
    assert!(!status.contains("nothing to undo"), "{status}");
}

#[test]
fn readline_keys_edit_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("hello big world"));
    run.press([ctrl('w')]);
    assert_eq!(run.app.ui.editor.content(), "hello big ");
    run.press([key(KeyCode::Left), key(KeyCode::Left), ctrl('u')]);
    assert_eq!(run.app.ui.editor.content(), "g ");
    run.press([ctrl('z')]);
    assert_eq!(run.app.ui.editor.content(), "hello big ");
}

#[test]
fn segments_step_forward_and_back_and_the_header_shows_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('g'), alt('n')]);
    assert!(screen(&run.app).contains("▸ Speakers (2/5) → Debate"));
    run.press([alt('N')]);
    assert!(screen(&run.app).contains("▸ Opening (1/5) → Speakers"));
    assert_eq!(
        run.app.recording.session.segments.len(),
        3,
        "going back is recorded"
    );
    run.press([alt('N')]);
    assert!(tui::widgets::status::line(&run.app).contains("first segment"));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(
        reopened.app.recording.session.current_segment(),
        Some("Opening")
    );
}

#[test]
fn questions_stay_on_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([key(KeyCode::F(3))]);
    let screen_now = screen(&run.app);
    assert!(screen_now.contains("Q2 stays on (F3 off)"), "{screen_now}");
    assert!(screen_now.contains("● on"), "{screen_now}");
    assert!(tui::widgets::status::line(&run.app).contains("until F3"));
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("two"));
    run.press([key(KeyCode::Enter), key(KeyCode::F(3))]);
    let tagged: Vec<_> = run
        .app
        .recording
        .session
        .notes
        .iter()
        .map(|n| n.questions.clone())
        .collect();
    assert_eq!(tagged, vec![vec![2], vec![2]]);
    assert!(screen(&run.app).contains("no question"));
}

#[test]
fn a_question_past_the_function_keys_is_named_without_a_key() {
    let mut session = roster_only();
    for number in [12, 255] {
        session.questions.push(crate::model::PolicyQuestion {
            number,
            title: None,
            text: format!("question {number}"),
        });
    }
    let mut app = app(session, 100, 30);
    act(&mut app, crate::tui::action::Action::ToggleQuestion(255));
    let message = app.ui.status.message.clone().unwrap_or_default();
    assert!(message.contains("Q255 on"), "{message}");
    assert!(!message.contains("F256"), "{message}");
    act(&mut app, crate::tui::action::Action::ToggleQuestion(2));
    let shown = crate::tui::live::editor::questions_on(&app.ui.keymap, &app.ui.editor.questions);
    assert_eq!(shown, "Q2 Q255 stay on (F3 off)");
    assert!(screen(&app).contains("Q255"));
}

/// Opening a session days after its scheduled time says so once, on the status line; opening
/// it during its time does not.
#[test]
fn opening_far_from_the_scheduled_time_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws422.ron");
    let mut session = roster_only();
    session.info.start = Some(start());
    Store::create(&path, &session).unwrap();
    let open_at = |wall| {
        let (app, _store) = open(&path, None, moment(wall), Theme { color: false }).unwrap();
        tui::widgets::status::line(&app)
    };
    let during = open_at(now());
    assert!(!during.contains("scheduled"), "{during}");
    let later = open_at(start() + TimeDelta::days(3));
    assert!(
        later.contains("scheduled 2 days ago (2022-11-30 09:30)"),
        "{later}"
    );
    let before = open_at(start() - TimeDelta::hours(10));
    assert!(before.contains("scheduled in 10 hours"), "{before}");

    let clock = start() + TimeDelta::days(3);
    let (app, store) = open(&path, None, moment(clock), Theme { color: false }).unwrap();
    let mut run = Run { app, store, clock };
    run.press([key(KeyCode::Tab)]);
    assert!(!tui::widgets::status::line(&run.app).contains("scheduled"));
}
