//! The crash-recovery file: the note or correction being typed comes back after a kill or
//! a failing terminal, and a damaged one is kept aside.

use crossterm::event::{Event, KeyCode};

use super::new_session;
use crate::model::{NoteKind, PersonId, Speaker};
use crate::tui::tests::support::*;
use crate::tui::{self};

#[test]
fn the_draft_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('1'), key(KeyCode::F(4)), alt('u')]);
    run.press(typed("half a quo"));
    let started = run.app.ui.editor.started;
    run.tick(1);
    // No quit: the process dies here, with the store's lock released as a kill would.
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.ui.editor.content(), "half a quo");
    assert_eq!(reopened.app.ui.editor.started, started);
    assert_eq!(reopened.app.ui.editor.questions, vec![3]);
    assert_eq!(reopened.app.ui.editor.kind, NoteKind::Quote);
    assert_eq!(
        reopened.app.ui.editor.speaker,
        Some(Speaker::Person(PersonId(1)))
    );
    assert!(tui::widgets::status::line(&reopened.app).contains("restored"));
}

#[test]
fn a_correction_in_progress_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("first note"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("parked"));
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Home),
        key(KeyCode::Char('e')),
    ]);
    run.press(typed(" PLUS CORRECTION"));
    run.tick(2);
    let id = run.app.recording.session.notes[0].id;
    drop(run);

    let mut reopened = Run::open(&path);
    assert_eq!(reopened.app.ui.editor.editing, Some(id));
    assert_eq!(
        reopened.app.ui.editor.content(),
        "first note PLUS CORRECTION"
    );
    let status = tui::widgets::status::line(&reopened.app);
    assert!(status.contains("correction"), "{status}");
    // Enter saves the correction; then the parked new note is back.
    reopened.press([key(KeyCode::Enter)]);
    assert_eq!(
        reopened.app.recording.session.notes[0].text,
        "first note PLUS CORRECTION"
    );
    assert_eq!(reopened.app.ui.editor.editing, None);
    assert_eq!(reopened.app.ui.editor.content(), "parked");
}

#[test]
fn a_draft_that_cannot_be_read_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let draft = crate::store::SessionPaths::new(&path).draft;
    let damaged = "(text: \"precious\", pending: [Note(( garbage";
    std::fs::write(&draft, damaged).unwrap();
    let mut run = Run::open(&path);
    let error = run.app.recording.saving.error.clone().unwrap_or_default();
    assert!(error.contains("could not be read"), "{error}");
    let kept: Vec<_> = std::fs::read_dir(draft.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("draft.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        error.contains(&*kept[0].to_string_lossy()),
        "the status line says where the draft is kept: {error}"
    );
    run.press(typed("hello"));
    run.press([key(KeyCode::Enter)]);
    run.tick(2);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), damaged);
}

/// Scripted events, then the terminal fails.
struct FailingEvents(std::collections::VecDeque<Event>);

impl tui::runtime::Events for FailingEvents {
    fn next(&mut self, _timeout: std::time::Duration) -> std::io::Result<tui::runtime::Next> {
        match self.0.pop_front() {
            Some(event) => Ok(tui::runtime::Next::Event(event)),
            None => Err(std::io::Error::other("the terminal went away")),
        }
    }
}

#[test]
fn a_failing_terminal_still_leaves_the_text_in_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mut events = FailingEvents(typed("every word").into());
    let result = tui::runtime::event_loop(
        &mut terminal,
        &mut run.app,
        &mut events,
        &mut run.store,
        || moment(now()),
    );
    assert!(result.is_err());
    let draft: tui::Recovery = run.store.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "every word");
}
