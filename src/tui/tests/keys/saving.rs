//! Saving when the disk fails: a full disk, a journal, header or draft that refuses writes,
//! and quitting only once everything is in some file.

use chrono::TimeDelta;
use crossterm::event::{Event, KeyCode};

use super::new_session;
use crate::store::Store;
use crate::tui::tests::support::*;
use crate::tui::widgets::theme::Theme;
use crate::tui::{self, App};

/// The session's store, except that while `full` is set, journal appends fail as the store fails
/// them on a full disk (the store's own tests write to a file that cannot grow).
struct FillableDisk {
    real: Store,
    full: bool,
}

impl tui::Persist for FillableDisk {
    fn append(&mut self, change: &crate::model::Change) -> Result<(), crate::store::StoreError> {
        if self.full {
            return Err(crate::store::StoreError::Io {
                action: "save",
                path: self.real.paths().journal.clone(),
                cause: std::io::Error::from_raw_os_error(28), // ENOSPC
            });
        }
        self.real.append(change)
    }
    fn save_header(
        &mut self,
        session: &crate::model::Session,
    ) -> Result<(), crate::store::StoreError> {
        self.real.save_header(session)
    }
    fn save_draft(&mut self, draft: &tui::Recovery) -> Result<(), crate::store::StoreError> {
        self.real.save_draft(draft)
    }
    fn clear_draft(&mut self) -> Result<(), crate::store::StoreError> {
        self.real.clear_draft()
    }
}

#[test]
fn a_full_disk_keeps_the_note_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let (mut app, real) = open(&path, None, moment(now()), Theme { color: false }).unwrap();
    let mut disk = FillableDisk { real, full: true };
    let mut clock = now();
    let mut press = |app: &mut App, disk: &mut FillableDisk, events: Vec<Event>| {
        for event in events {
            clock += TimeDelta::seconds(1);
            tui::step(app, disk, Some(event), moment(clock));
        }
    };
    press(&mut app, &mut disk, typed("every word counts"));
    press(&mut app, &mut disk, vec![key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&app);
    assert!(status.contains("1 NOT SAVED"), "{status}");
    assert!(status.contains("No space left on device"), "{status}");
    assert_eq!(app.recording.saving.pending.len(), 1);
    assert_eq!(app.recording.session.notes[0].text, "every word counts");
    // The unsaved note is kept in the draft file too, in case the app is killed now.
    let draft: tui::Recovery = disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.pending.len(), 1);

    // Still full at the first retry; then the disk frees up and the next retry saves the note.
    press(&mut app, &mut disk, vec![Event::FocusGained; 3]);
    assert_eq!(app.recording.saving.pending.len(), 1);
    disk.full = false;
    press(&mut app, &mut disk, vec![Event::FocusGained; 3]);
    assert!(app.recording.saving.pending.is_empty());
    let status = tui::widgets::status::line(&app);
    assert!(status.contains("1 note saved"), "{status}");
    assert!(!status.contains("No space"), "{status}");
    assert_eq!(disk.real.load_draft::<tui::Recovery>().unwrap(), None);
    drop(disk);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.notes.len(), 1);
    assert_eq!(
        reopened.app.recording.session.notes[0].text,
        "every word counts"
    );
}

/// The session's store, with each kind of write failing while its switch is on.
struct Flaky {
    real: Store,
    fail_append: bool,
    fail_header: bool,
    fail_draft: bool,
}

fn refused() -> crate::store::StoreError {
    crate::store::StoreError::Io {
        action: "save",
        path: "the disk".into(),
        cause: std::io::Error::other("EIO"),
    }
}

impl tui::Persist for Flaky {
    fn append(&mut self, change: &crate::model::Change) -> Result<(), crate::store::StoreError> {
        if self.fail_append {
            return Err(refused());
        }
        self.real.append(change)
    }
    fn save_header(
        &mut self,
        session: &crate::model::Session,
    ) -> Result<(), crate::store::StoreError> {
        if self.fail_header {
            return Err(refused());
        }
        self.real.save_header(session)
    }
    fn save_draft(&mut self, draft: &tui::Recovery) -> Result<(), crate::store::StoreError> {
        if self.fail_draft {
            return Err(refused());
        }
        self.real.save_draft(draft)
    }
    fn clear_draft(&mut self) -> Result<(), crate::store::StoreError> {
        if self.fail_draft {
            return Err(refused());
        }
        self.real.clear_draft()
    }
}

/// The app on a `Flaky` store, driven like `Run`.
struct FlakyRun {
    app: App,
    disk: Flaky,
    clock: chrono::DateTime<chrono::FixedOffset>,
}

impl FlakyRun {
    fn open(path: &std::path::Path) -> FlakyRun {
        let (app, real) = open(path, None, moment(now()), Theme { color: false }).unwrap();
        FlakyRun {
            app,
            disk: Flaky {
                real,
                fail_append: false,
                fail_header: false,
                fail_draft: false,
            },
            clock: now(),
        }
    }

    fn press(&mut self, events: impl IntoIterator<Item = Event>) {
        for event in events {
            self.clock += TimeDelta::seconds(1);
            tui::step(
                &mut self.app,
                &mut self.disk,
                Some(event),
                moment(self.clock),
            );
        }
    }
}

#[test]
fn a_draft_saved_again_clears_the_error_of_the_failed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.disk.fail_draft = true;
    run.press(typed("words"));
    assert!(run.app.recording.saving.error.is_some());
    assert!(!tui::widgets::status::line(&run.app).contains("draft kept"));
    run.disk.fail_draft = false;
    run.press([Event::FocusGained]);
    assert_eq!(run.app.recording.saving.error, None);
    assert!(tui::widgets::status::line(&run.app).contains("draft kept"));
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "words");
}

#[test]
fn a_person_whose_header_save_failed_is_kept_in_the_draft_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.disk.fail_header = true;
    run.press([alt('p')]);
    run.press(typed("Zoe New"));
    run.press([key(KeyCode::Enter)]);
    run.press([alt('5')]);
    run.press(typed("zoe said"));
    run.press([key(KeyCode::Enter)]);
    let zoe = run.app.recording.session.notes[0].speaker;
    run.press([ctrl('q')]);
    let prompt = tui::widgets::status::line(&run.app);
    assert!(prompt.contains("leave them in the draft file"), "{prompt}");
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    let header = draft.header.expect("the unsaved roster is in the draft");
    assert!(header.people.iter().any(|p| p.name == "Zoe New"));
    drop(run);

    // Next time the roster comes back, and the header is written with it.
    let reopened = Run::open(&path);
    let note = &reopened.app.recording.session.notes[0];
    assert_eq!(note.speaker, zoe);
    assert_eq!(
        note.speaker
            .map(|s| reopened.app.recording.session.speaker_name(s)),
        Some("Zoe New".to_string())
    );
    assert!(!reopened.app.recording.saving.header_unsaved);
    drop(reopened);
    let (saved, _) = Store::read(&path).unwrap();
    assert!(saved.people.iter().any(|p| p.name == "Zoe New"));
    assert!(
        Run::open(&path)
            .app
            .ui
            .status
            .message
            .is_none_or(|m| !m.contains("roster")),
        "the draft's roster went once the header had it"
    );
}

#[test]
fn quit_waits_for_its_own_saves_and_says_when_they_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.press(typed("not yet a note"));
    // Nothing is unsaved as far as the app knows, so the first quit goes straight to saving.
    run.disk.fail_draft = true;
    run.press([ctrl('q')]);
    assert!(!run.app.has_quit(), "the text typed is in no file");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("the draft could not be saved"), "{status}");
    assert!(status.contains("EIO"), "{status}");

    // The disk recovers: the next quit saves the draft and leaves.
    run.disk.fail_draft = false;
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "not yet a note");
}

#[test]
fn quit_with_a_failing_journal_leaves_only_once_the_draft_holds_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.press([alt('w'), key(KeyCode::Enter), key(KeyCode::End)]);
    run.press(typed(" field text"));
    run.disk.fail_append = true;
    // Leaving the field saves it as a change, which the journal refuses at quit.
    run.press([ctrl('q')]);
    assert!(!run.app.has_quit());
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.contains("quit again to leave them in the draft file"),
        "{status}"
    );
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.pending.len(), 1);
}
