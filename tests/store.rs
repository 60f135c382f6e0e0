//! The store's promises: what is reported saved is on disk; damage is recovered or refused, never
//! made worse; one writer at a time.

mod common;

use std::fs;
use std::io::Write;

use common::{at, scratch, workshop};
use rapporteur::model::{Attendance, Change, FloorChange, Note, NoteKind, PersonId, Speaker};
use rapporteur::store::{SessionPaths, Store, StoreError, StoreWarning};

fn note(minute: u32, text: &str) -> Note {
    Note::new(
        at(&format!("2022-12-01T14:{minute:02}:00Z")),
        Some(Speaker::Person(PersonId(2))),
        vec![1],
        NoteKind::Remark,
        text,
        "Bruna Toso de Alcântara",
    )
}

#[test]
fn notes_edits_deletions_and_floor_survive_a_reopen() {
    let (_dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    let first = note(1, "Attribution needs evidence #norms");
    let second = note(2, "Sanctions rarely work");
    let mut edited = first.clone();
    edited.text = "Attribution needs shared evidence #norms".into();
    edited.edited = Some(at("2022-12-01T14:10:00Z"));
    store
        .append_all(&[
            Change::Note(first.clone()),
            Change::Note(second.clone()),
            Change::Edit(edited.clone()),
            Change::Delete {
                id: second.id,
                at: at("2022-12-01T14:11:00Z"),
            },
            Change::Floor(FloorChange {
                at: at("2022-12-01T14:00:00Z"),
                speaker: Some(Speaker::Audience),
                read_by: None,
            }),
        ])
        .unwrap();
    drop(store);

    let opened = Store::open(&path).unwrap();
    assert!(opened.warnings.is_empty());
    assert_eq!(opened.session.notes, vec![edited]);
    assert_eq!(opened.session.trash, vec![second.clone()]);
    assert_eq!(opened.session.floor_holder(), Some(Speaker::Audience));
    assert_eq!(opened.session.people.len(), 4);

    let mut store = opened.store;
    store
        .append(&Change::Restore {
            id: second.id,
            at: at("2022-12-01T14:12:00Z"),
        })
        .unwrap();
    drop(store);
    let (session, _) = Store::read(&path).unwrap();
    assert_eq!(session.notes.len(), 2, "the deletion was undone");
}

#[test]
fn the_roster_can_change_and_people_can_be_deleted_and_restored() {
    let (_dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    let mut session = workshop();
    session.person_mut(PersonId(4)).unwrap().attendance = Attendance::Absent;
    session.person_mut(PersonId(3)).unwrap().removed = true;
    store.save_header(&session).unwrap();
    let (read, _) = Store::read(&path).unwrap();
    assert!(read.person(PersonId(4)).unwrap().marked_absent());
    assert_eq!(read.roster().count(), 3);
    session.person_mut(PersonId(3)).unwrap().removed = false;
    store.save_header(&session).unwrap();
    let (read, _) = Store::read(&path).unwrap();
    assert_eq!(read.roster().count(), 4);
}

#[test]
fn a_torn_last_record_is_cut_off_kept_aside_and_reported() {
    let (dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    let notes: Vec<Note> = (0..5).map(|i| note(i, &format!("note {i}"))).collect();
    for n in &notes {
        store.append(&Change::Note(n.clone())).unwrap();
    }
    drop(store);
    let paths = SessionPaths::new(&path);
    let torn = b"Note((id:\"0194f0c2-aaaa-7000-8000-00000000";
    fs::OpenOptions::new()
        .append(true)
        .open(&paths.journal)
        .unwrap()
        .write_all(torn)
        .unwrap();

    // A reader only looks: it loads every complete note and says what it skipped.
    let (read, warnings) = Store::read(&path).unwrap();
    assert_eq!(read.notes, notes);
    assert!(matches!(
        warnings.as_slice(),
        [StoreWarning::TornTail { kept: None, .. }]
    ));

    // A writer repairs: the torn bytes go to a file beside the journal.
    let opened = Store::open(&path).unwrap();
    assert_eq!(opened.session.notes, notes);
    let [
        StoreWarning::TornTail {
            kept: Some(kept),
            bytes,
            ..
        },
    ] = opened.warnings.as_slice()
    else {
        panic!("expected one torn-tail warning, got {:?}", opened.warnings);
    };
    assert_eq!(*bytes, torn.len());
    assert_eq!(fs::read(kept).unwrap(), torn);
    assert!(kept.starts_with(dir.path()));
    assert!(opened.warnings[0].to_string().contains("cut short"));

    let mut store = opened.store;
    let after = note(30, "after the crash");
    store.append(&Change::Note(after.clone())).unwrap();
    drop(store);
    let (read, warnings) = Store::read(&path).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(read.notes.last(), Some(&after));
    assert_eq!(read.notes.len(), 6);
}

/// `note --from` and the live screen's retry queue save several changes at once: a crash in the
/// middle of that write keeps all of them or none.
#[test]
fn a_batch_cut_short_is_dropped_whole() {
    let (_dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    let before = note(0, "saved before");
    store.append(&Change::Note(before.clone())).unwrap();
    let batch: Vec<Change> = (1..=3)
        .map(|i| Change::Note(note(i, &format!("batch {i}"))))
        .collect();
    store.append_all(&batch).unwrap();
    drop(store);
    let (read, _) = Store::read(&path).unwrap();
    assert_eq!(read.notes.len(), 4, "a whole batch loads");

    let paths = SessionPaths::new(&path);
    let journal = fs::read(&paths.journal).unwrap();
    // The power went while the batch's last bytes were being written.
    fs::write(&paths.journal, &journal[..journal.len() - 40]).unwrap();
    let opened = Store::open(&path).unwrap();
    assert_eq!(
        opened.session.notes,
        vec![before],
        "none of the batch, all of the rest"
    );
    assert_eq!(opened.warnings.len(), 1);
}

#[test]
fn a_complete_record_missing_only_its_newline_is_kept() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let paths = SessionPaths::new(&path);
    let whole = note(1, "whole but unterminated");
    let line = ron::to_string(&Change::Note(whole.clone())).unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(&paths.journal)
        .unwrap()
        .write_all(line.as_bytes())
        .unwrap();
    let opened = Store::open(&path).unwrap();
    assert!(opened.warnings.is_empty());
    let mut store = opened.store;
    store.append(&Change::Note(note(2, "next"))).unwrap();
    drop(store);
    let (read, _) = Store::read(&path).unwrap();
    assert_eq!(read.notes.len(), 2);
    assert_eq!(read.notes[0], whole);
}

#[test]
fn a_garbage_header_is_refused_with_file_line_and_column_and_left_alone() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let garbage =
        "// rapporteur session\n(\n  format: 1,\n  taker: \"x\",\n  info: ( code: 42 ),\n)\n";
    fs::write(&path, garbage).unwrap();
    for error in [
        Store::open(&path).unwrap_err(),
        Store::read(&path).unwrap_err(),
        Store::open_for_append(&path).unwrap_err(),
    ] {
        let StoreError::Parse {
            path: named,
            line,
            message,
            ..
        } = &error
        else {
            panic!("expected a parse error, got {error}");
        };
        assert_eq!(named, &path);
        assert_eq!(*line, 5, "{error}");
        assert!(message.contains("expected"), "{error}");
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), garbage);
}

#[test]
fn damage_inside_the_journal_is_refused_and_nothing_is_written() {
    let (_dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    store.append(&Change::Note(note(1, "one"))).unwrap();
    drop(store);
    let paths = SessionPaths::new(&path);
    let mut journal = fs::read_to_string(&paths.journal).unwrap();
    journal.push_str("Note((this is not a note))\n");
    fs::write(&paths.journal, &journal).unwrap();
    let StoreError::Parse { line, .. } = Store::open(&path).unwrap_err() else {
        panic!("expected a parse error");
    };
    assert_eq!(line, journal.lines().count());
    assert_eq!(fs::read_to_string(&paths.journal).unwrap(), journal);
}

#[test]
fn binary_garbage_is_refused_not_panicked_on() {
    let (_dir, path) = scratch();
    fs::write(&path, [0xff, 0xfe, 0x00, 0x42]).unwrap();
    let error = Store::read(&path).unwrap_err();
    assert!(error.to_string().contains("ws422.ron:1:1"), "{error}");
    assert_eq!(fs::read(&path).unwrap(), [0xff, 0xfe, 0x00, 0x42]);
}

#[test]
fn a_second_writer_is_told_who_holds_the_session() {
    let (_dir, path) = scratch();
    let first = Store::create(&path, &workshop()).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(
        matches!(error, StoreError::Locked { pid: Some(pid), .. } if pid == std::process::id()),
        "{error}"
    );
    assert!(
        error.to_string().contains("already open by process"),
        "{error}"
    );
    assert!(Store::read(&path).is_ok(), "readers are not locked out");
    drop(first);
    assert!(Store::open(&path).is_ok(), "the lock goes with its holder");
}

#[test]
fn a_full_disk_is_an_error_and_the_journal_is_left_as_it_was() {
    if !common::in_child("a_full_disk_is_an_error_and_the_journal_is_left_as_it_was") {
        return;
    }
    let (_dir, path) = scratch();
    let mut store = Store::create(&path, &workshop()).unwrap();
    store.append(&Change::Note(note(1, "kept"))).unwrap();
    let paths = SessionPaths::new(&path);
    let before = fs::read(&paths.journal).unwrap();
    // Room for a few bytes more: the record is cut short mid-write, as on a full disk.
    common::limit_file_size(before.len() as u64 + 20).unwrap();
    let error = store.append(&Change::Note(note(2, "lost?"))).unwrap_err();
    assert!(error.to_string().contains("could not save"), "{error}");
    assert!(error.to_string().contains("too large"), "{error}");
    drop(store);
    assert_eq!(fs::read(&paths.journal).unwrap(), before);
}

#[test]
fn creating_over_an_existing_session_is_refused() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        Store::create(&path, &rapporteur::model::Session::default()),
        Err(StoreError::Exists(_))
    ));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_session_from_a_newer_version_is_refused_by_name() {
    let (_dir, path) = scratch();
    fs::write(&path, "(format: 99, something: \"new\")").unwrap();
    let error = Store::read(&path).unwrap_err();
    assert!(
        matches!(error, StoreError::NewerFormat { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("newer rapporteur"));
}

#[test]
fn drafts_round_trip_and_clear() {
    let (_dir, path) = scratch();
    let store = Store::create(&path, &workshop()).unwrap();
    assert_eq!(store.load_draft::<String>().unwrap(), None);
    store
        .save_draft(&"half a sentence, ünïcödé 中文".to_string())
        .unwrap();
    assert_eq!(
        store.load_draft::<String>().unwrap().as_deref(),
        Some("half a sentence, ünïcödé 中文")
    );
    store.clear_draft().unwrap();
    assert_eq!(store.load_draft::<String>().unwrap(), None);
}
