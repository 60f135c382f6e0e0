//! The live screen of a shared session: other takers' notes, floor changes and newcomers arrive
//! as their files change, marked with their taker, and theirs to correct.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::support::{at, open, roster_only};
use crate::model::{
    Change, FloorChange, Group, Note, NoteKind, Person, PersonId, Session, Speaker,
};
use crate::store::{SessionPaths, Store, taker_slug};
use crate::tui::runtime::others_wrote;
use crate::tui::runtime::watch::Watch;
use crate::tui::widgets::theme::Theme;
use crate::tui::{App, Moment, step, view};

const ANA: &str = "Ana Silva";

/// The sample roster, scheduled 13:50–15:20 UTC on the day Ana takes notes too.
fn workshop() -> Session {
    let mut session = roster_only();
    session.info.start = Some(at("2022-12-01T13:50:00Z"));
    session.info.end = Some(at("2022-12-01T15:20:00Z"));
    session
}

/// A fresh directory and the path of a session file in it.
fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ws422.ron");
    (dir, path)
}

fn moment() -> Moment {
    Moment {
        wall: DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap(),
        mono: std::time::Instant::now(),
    }
}

/// A workshop that Ana joined, open on the first taker's screen.
fn shared() -> (tempfile::TempDir, std::path::PathBuf, App, Store) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    assert!(Store::join(&path, ANA).unwrap());
    let (app, store) =
        open(&path, None, moment(), Theme { color: false }).expect("the session opens");
    (dir, path, app, store)
}

fn anas_journal(path: &Path) -> std::path::PathBuf {
    SessionPaths::of_taker(path, &taker_slug(ANA)).journal
}

fn line(change: &Change) -> String {
    format!("{}\n", ron::to_string(change).unwrap())
}

fn append(journal: &Path, bytes: &str) {
    let mut file = OpenOptions::new().append(true).open(journal).unwrap();
    file.write_all(bytes.as_bytes()).unwrap();
}

fn anas_note(text: &str) -> Note {
    let at = DateTime::parse_from_rfc3339("2022-12-01T13:55:00Z").unwrap();
    Note::new(
        at,
        Some(Speaker::Online),
        vec![],
        NoteKind::Question,
        text,
        ANA,
    )
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn press(app: &mut App, store: &mut Store, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    step(app, store, Some(event), moment());
}

#[test]
fn another_takers_note_and_floor_change_reach_the_open_screen_once() {
    let (_dir, path, mut app, mut store) = shared();
    let note = anas_note("How do small states take part?");
    let floor = FloorChange {
        at: note.at,
        speaker: Some(Speaker::Online),
        read_by: None,
    };
    {
        // Ana writes through her own store, as her `note` command would.
        let mut anas = Store::open_as(&path, Some(ANA)).unwrap().store;
        anas.append(&Change::Floor(floor)).unwrap();
        anas.append(&Change::Note(note.clone())).unwrap();
    }
    assert!(app.recording.session.note(note.id).is_none());

    others_wrote(&mut app, &mut store);
    let seen = app.recording.session.note(note.id).expect("Ana's note");
    assert_eq!(seen.taker, ANA);
    assert_eq!(app.recording.session.floor, vec![floor]);
    assert_eq!(app.recording.session.floor_holder(), Some(Speaker::Online));
    let status = app.ui.status.message.clone().unwrap_or_default();
    assert!(status.contains("Ana Silva: 1 note"), "{status}");
    let shown = screen(&app);
    assert!(
        shown.contains("‹Ana Silva›") && shown.contains("How do small states take part?"),
        "{shown}"
    );

    // Read again, nothing is new: nothing doubled.
    others_wrote(&mut app, &mut store);
    assert_eq!(app.recording.session.notes.len(), 1);
    assert_eq!(app.recording.session.floor.len(), 1);
}

#[test]
fn a_record_still_being_written_waits_for_its_end() {
    let (_dir, path, mut app, mut store) = shared();
    let note = anas_note("cut in two by the reading");
    let record = line(&Change::Note(note.clone()));
    let (first, rest) = record.split_at(record.len() / 2);
    append(&anas_journal(&path), first);
    others_wrote(&mut app, &mut store);
    assert!(app.recording.session.note(note.id).is_none());
    assert!(app.ui.status.message.is_none(), "a half record is no error");

    append(&anas_journal(&path), rest);
    others_wrote(&mut app, &mut store);
    assert!(app.recording.session.note(note.id).is_some());
    others_wrote(&mut app, &mut store);
    assert_eq!(app.recording.session.notes.len(), 1);
}

#[test]
fn another_takers_note_is_not_corrected_or_deleted_here() {
    let (_dir, path, mut app, mut store) = shared();
    let note = anas_note("Ana's words");
    append(&anas_journal(&path), &line(&Change::Note(note.clone())));
    others_wrote(&mut app, &mut store);

    press(&mut app, &mut store, KeyCode::Tab);
    press(&mut app, &mut store, KeyCode::Enter);
    assert_eq!(app.ui.editor.editing, None, "no correction begun");
    let status = app.ui.status.message.clone().unwrap_or_default();
    assert!(
        status.contains("Ana Silva's note: only Ana Silva can correct it"),
        "{status}"
    );
    press(&mut app, &mut store, KeyCode::Char('d'));
    assert!(app.recording.session.note(note.id).is_some(), "not deleted");
    let journal = std::fs::read_to_string(SessionPaths::new(&path).journal).unwrap();
    assert!(!journal.contains("Delete"), "{journal}");
}

#[test]
fn a_sync_tools_copy_that_appears_is_told_once_and_not_read() {
    let (_dir, path, mut app, mut store) = shared();
    let note = anas_note("only once");
    append(&anas_journal(&path), &line(&Change::Note(note.clone())));
    others_wrote(&mut app, &mut store);
    let folder = SessionPaths::new(&path).folder;
    let copy = folder.join("takers/ana-silva.notes.sync-conflict-20221201-140501-ABCDEFG.ron");
    std::fs::copy(anas_journal(&path), &copy).unwrap();
    let first = folder.join("notes.sync-conflict-20221201-140502-HIJKLMN.ron");
    std::fs::write(&first, line(&Change::Note(anas_note("a stray")))).unwrap();

    others_wrote(&mut app, &mut store);
    assert_eq!(
        app.recording.session.notes.len(),
        1,
        "the copies are not read"
    );
    let status = app.ui.status.message.clone().unwrap_or_default();
    assert_eq!(status.matches("not read").count(), 2, "{status}");
    app.ui.status.message = None;
    others_wrote(&mut app, &mut store);
    assert_eq!(app.ui.status.message, None, "told once");
}

#[test]
fn a_joined_taker_sees_the_first_takers_newcomers_on_the_roster() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    Store::join(&path, ANA).unwrap();
    let (mut app, mut store) =
        crate::tui::open_as(&path, Some(ANA), None, moment(), Theme { color: false }).unwrap();
    {
        let opened = Store::open(&path).unwrap();
        let (mut first, mut session) = (opened.store, opened.session);
        session.people.push(Person::new(PersonId(9), "Omar Haddad"));
        first.save_header(&session).unwrap();
    }
    others_wrote(&mut app, &mut store);
    let newcomer = app.recording.session.person(PersonId(9));
    assert_eq!(newcomer.map(|p| p.name.as_str()), Some("Omar Haddad"));
    assert_eq!(app.recording.session.people.len(), 5);
}

#[test]
fn the_watcher_tells_of_a_change_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("omar.notes.ron");
    std::fs::write(&journal, "").unwrap();
    let watch = Watch::start(dir.path(), None, |_| true);
    assert_eq!(watch.polling, None, "inotify starts here");
    append(&journal, "// a line\n");
    watch
        .changes
        .recv_timeout(Duration::from_secs(10))
        .expect("a message within the deadline");
}

#[test]
fn without_a_watcher_the_folder_is_polled() {
    let dir = tempfile::tempdir().unwrap();
    let watch = Watch::start(&dir.path().join("not-there"), None, |_| true);
    assert!(watch.polling.is_some());
    for _ in 0..2 {
        watch
            .changes
            .recv_timeout(Duration::from_secs(10))
            .expect("a poll within the deadline");
    }
}

#[test]
fn a_chord_sets_the_break_out_group_that_new_notes_carry() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let alt = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    let keys = |text: &str| {
        text.chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
            .collect::<Vec<_>>()
    };
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    {
        let (mut app, mut store) = open(&path, None, moment(), Theme { color: false }).unwrap();
        step(&mut app, &mut store, Some(alt('j')), moment());
        assert!(app.ui.overlay.is_none(), "no groups: no picker");
        let status = app.ui.status.message.clone().unwrap_or_default();
        assert!(status.contains("no break-out groups"), "{status}");
    }
    {
        // As `rapporteur group add` records them.
        let mut store = Store::open(&path).unwrap().store;
        for name in ["Access", "Skills"] {
            let group = Group {
                name: name.into(),
                taker: None,
                members: vec![],
            };
            store.append(&Change::Group(group)).unwrap();
        }
    }
    let (mut app, mut store) = open(&path, None, moment(), Theme { color: false }).unwrap();
    step(&mut app, &mut store, Some(alt('j')), moment());
    for event in keys("skil").into_iter().chain([enter.clone()]) {
        step(&mut app, &mut store, Some(event), moment());
    }
    assert_eq!(app.ui.group.as_deref(), Some("Skills"));
    assert!(screen(&app).contains("group: Skills"));
    for event in keys("who trains the trainers")
        .into_iter()
        .chain([enter.clone()])
    {
        step(&mut app, &mut store, Some(event), moment());
    }
    // Back to the plenary: the first item.
    step(&mut app, &mut store, Some(alt('j')), moment());
    step(&mut app, &mut store, Some(enter.clone()), moment());
    assert_eq!(app.ui.group, None);
    for event in keys("a plenary note").into_iter().chain([enter]) {
        step(&mut app, &mut store, Some(event), moment());
    }
    drop(store);
    let (session, _) = Store::read(&path).unwrap();
    let groups: Vec<(&str, Option<&str>)> = session
        .notes
        .iter()
        .map(|n| (n.text.as_str(), n.group.as_deref()))
        .collect();
    assert_eq!(
        groups,
        [
            ("who trains the trainers", Some("Skills")),
            ("a plenary note", None)
        ]
    );
}

#[test]
fn another_takers_different_floor_change_for_the_same_moment_is_said() {
    let (_dir, path, mut app, mut store) = shared();
    let at = DateTime::parse_from_rfc3339("2022-12-01T14:10:00Z").unwrap();
    app.recording.session.record_floor(FloorChange {
        at,
        speaker: Some(Speaker::Audience),
        read_by: None,
    });
    let theirs = FloorChange {
        at: at + chrono::TimeDelta::seconds(2),
        speaker: Some(Speaker::Online),
        read_by: None,
    };
    append(&anas_journal(&path), &line(&Change::Floor(theirs)));
    others_wrote(&mut app, &mut store);
    let status = app.ui.status.message.clone().unwrap_or_default();
    assert!(
        status.contains("1 of them recorded another speaker for the same moment"),
        "{status}"
    );
}
