//! The participation figures typed in the live screen's form: read and checked by the model as
//! `rapporteur participation` reads them, and recorded through the same journal.

use super::support::*;
use crate::model::Gender;
use crate::store::Store;
use crossterm::event::KeyCode;

fn session_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    drop(Store::create(&path, &mid_way(3)).unwrap());
    (dir, path)
}

/// Types `text` into the focused field, then moves to the next.
fn field(run: &mut Run, text: &str) {
    run.press(typed(text));
    run.press([key(KeyCode::Tab)]);
}

#[test]
fn figures_typed_in_the_form_are_checked_like_the_command_lines_and_journalled() {
    let (_dir, path) = session_file();
    let mut run = Run::open(&path);
    run.press([alt('h')]);
    assert!(screen(&run.app).contains("Participation figures"));
    for text in ["30", "10", "35", "6"] {
        field(&mut run, text);
    }
    run.press([key(KeyCode::Enter)]);
    let refused = screen(&run.app);
    // The model's own words, as the command line says them.
    assert!(refused.contains("make 41, more than"), "{refused}");
    assert!(refused.contains("the 40 who took part"), "{refused}");
    assert!(run.app.recording.session.participation.is_empty());

    // Women 35 → 20; the form is still open with what was typed.
    run.press([key(KeyCode::BackTab), key(KeyCode::BackTab)]);
    run.press([key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    run.press(typed("20"));
    run.press([key(KeyCode::Tab), key(KeyCode::Tab)]);
    run.press(typed("maybe"));
    run.press([key(KeyCode::Enter)]);
    let refused = screen(&run.app);
    assert!(refused.contains("expected yes or no"), "{refused}");
    run.press((0..5).map(|_| key(KeyCode::Backspace)));
    run.press([key(KeyCode::Right)]);
    run.press([key(KeyCode::Tab)]);
    run.press(typed("Online abuse of women MPs."));
    run.press([key(KeyCode::Enter)]);
    run.tick(1);
    let status = crate::tui::widgets::status::line(&run.app);
    assert!(status.contains("40 (30 onsite, 10 online)"), "{status}");

    // On disk, as `rapporteur participation` would have written it.
    let (read, _) = Store::read(&path).unwrap();
    let figures = read.participation;
    assert_eq!(figures.onsite, Some(30));
    assert_eq!(figures.women, Some(20));
    assert_eq!(figures.gender_diverse, Some(6));
    assert_eq!(figures.gender_discussed, Some(true));
    assert_eq!(
        figures.gender_notes.as_deref(),
        Some("Online abuse of women MPs.")
    );

    // Opened again, the form holds them; a figure cannot be blanked, only corrected.
    run.press([alt('h')]);
    assert!(screen(&run.app).contains("Online abuse of women MPs."));
    run.press([key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    run.press([key(KeyCode::Enter)]);
    let refused = screen(&run.app);
    assert!(refused.contains("cannot be taken back"), "{refused}");
}

#[test]
fn the_person_form_records_a_gender_when_given() {
    let (_dir, path) = session_file();
    let mut run = Run::open(&path);
    run.press([alt('p')]);
    field(&mut run, "Zoë Ndlovu");
    run.press([key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    run.press([key(KeyCode::Right)]);
    run.press([key(KeyCode::Enter)]);
    let zoe = run
        .app
        .recording
        .session
        .person_named("Zoë Ndlovu")
        .unwrap();
    assert_eq!(zoe.gender, Some(Gender::Woman));
}
