//! The transcript on the report screen: beside each note behind a field, what was said around
//! its time; a passage pulled into the field with its speaker. Driven through the real dispatch
//! and runtime, with the transcript kept beside a session in a temporary directory.

use std::path::{Path, PathBuf};

use super::support::*;
use crate::store::{SessionPaths, Store};
use crate::transcript::{Kept, Version};
use crate::tui::action::{Action, Reply};
use crate::tui::update::{reply, update};
use crossterm::event::KeyCode;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transcripts/norms-transcript.txt")
}

/// Keeps the fixture with the session, as `rapporteur transcript` would.
fn keep_transcript(session: &Path) {
    let (text, _) = crate::transcript::read_file(&fixture()).unwrap();
    let kept = Kept {
        format: crate::transcript::KEPT_FORMAT,
        source: "norms-transcript.txt".into(),
        imported: None,
        version: Some(Version::Corrected),
        map: Default::default(),
        text,
    };
    kept.save(&SessionPaths::new(session).transcript).unwrap();
}

/// The session 40 minutes in, with ten notes, saved in `dir`.
fn session_in(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("ws422.ron");
    drop(Store::create(&path, &mid_way(10)).unwrap());
    path
}

const Q1: &str = "final.session_report.q1";

fn on_field(app: &crate::tui::App, wanted: &str) -> bool {
    let field = app.ui.drafting.selected_field();
    field.is_none_or(|f| f.key == wanted)
        || app.ui.drafting.selected + 1 >= app.ui.drafting.field_count()
}

/// On the final report, the field of policy question 1, its notes shown.
fn to_question_notes(run: &mut Run) {
    run.press([alt('w'), alt('d')]);
    while !on_field(&run.app, Q1) {
        run.press([key(KeyCode::Down)]);
    }
    run.press([alt('b')]);
}

#[test]
fn a_passage_is_pulled_into_the_field_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_in(&dir);
    keep_transcript(&path);
    let mut run = Run::open(&path);
    to_question_notes(&mut run);
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    assert!(!field.notes.is_empty(), "notes behind the question");
    assert_eq!(field.passages.len(), field.notes.len());
    let passage = field.passages[0]
        .clone()
        .expect("said around the first note");
    let before = field.content();
    run.press([key(KeyCode::Char('t'))]);
    let after = run.app.ui.drafting.field.as_ref().unwrap().content();
    let pulled = after
        .strip_prefix(&before)
        .and_then(|rest| rest.strip_prefix("\n\n").or(Some(rest)))
        .unwrap();
    let name = passage.who.name(&run.app.recording.session);
    assert_eq!(pulled, format!("{name}: {}", passage.text));
    assert_eq!(
        name, "Bruna Toso de Alcântara",
        "the first note is in the moderator's opening minutes"
    );
    let status = crate::tui::widgets::status::line(&run.app);
    assert!(
        status.contains("pulled what Bruna Toso de Alcântara said"),
        "{status}"
    );

    // From the field's text too, with the report screen's key: the note selected further down.
    run.press([key(KeyCode::End), key(KeyCode::Esc), alt('t')]);
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    let last = field.passages.last().cloned().flatten().unwrap();
    assert!(
        field.content().ends_with(&format!(
            "{}: {}",
            last.who.name(&run.app.recording.session),
            last.text
        )),
        "{}",
        field.content()
    );
}

#[test]
fn without_a_transcript_nothing_is_pulled_and_the_user_is_told_how_to_import_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = session_in(&dir);
    let mut run = Run::open(&path);
    to_question_notes(&mut run);
    let before = run.app.ui.drafting.field.as_ref().unwrap().content();
    run.press([key(KeyCode::Char('t'))]);
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    assert_eq!(field.content(), before);
    assert!(field.passages.is_empty());
    let status = crate::tui::widgets::status::line(&run.app);
    assert!(status.contains("no transcript is kept"), "{status}");

    // Imported while the screen is open: read when the report screen opens again.
    keep_transcript(&path);
    run.press([alt('w'), alt('w'), alt('b')]);
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    assert!(field.passages.iter().any(Option::is_some), "read afresh");
}

#[test]
fn the_notes_pane_shows_what_was_said_around_each_note() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(mid_way(10), w, h);
        update(&mut app, Action::SwitchScreen);
        let (text, transcript) = crate::transcript::read_file(&fixture()).unwrap();
        let kept = Kept {
            source: "norms-transcript.txt".into(),
            version: Some(Version::Corrected),
            text,
            ..Kept::default()
        };
        reply(
            &mut app,
            Reply::TranscriptRead(Ok(Some(Box::new((kept, transcript))))),
        );
        update(&mut app, Action::SwitchReport);
        while !on_field(&app, Q1) {
            update(&mut app, Action::ReportMove(crate::tui::action::Move::Down));
        }
        assert_eq!(app.ui.drafting.selected_field().unwrap().key, Q1);
        update(&mut app, Action::EditField);
        update(&mut app, Action::ToggleNotes);
        let shown = screen(&app);
        assert!(shown.contains("↳ Alexandra Paulus:"), "{shown}");
        insta::assert_snapshot!(format!("report_transcript_{w}x{h}"), shown);
    }
}
