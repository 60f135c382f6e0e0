//! The file format is a promise: a session written by an earlier version opens in this one.
//! Each `tests/fixtures/format-vN/` was written by the version that introduced format N; keep
//! them, add one per new format, and never edit them.

use std::path::Path;

use rapporteur::model::{Attendance, NoteKind, Speaker};
use rapporteur::stats::{self, Until};
use rapporteur::store::{FORMAT_VERSION, Store};

fn fixture(version: u32) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/format-v{version}/ws422.ron"))
}

#[test]
fn every_earlier_format_has_a_fixture() {
    for version in 1..=FORMAT_VERSION {
        assert!(fixture(version).exists(), "no fixture for format {version}");
    }
}

#[test]
fn format_1_reads_with_every_kind_of_record() {
    let (session, warnings) = Store::read(fixture(1)).expect("format 1 loads");
    assert!(warnings.is_empty());
    assert_the_fixture_session(&session);
}

/// Format 2 moved the sidecars into the session's folder; the records are those of format 1.
#[test]
fn format_2_reads_with_every_kind_of_record() {
    let (session, warnings) = Store::read(fixture(2)).expect("format 2 loads");
    assert!(warnings.is_empty());
    assert_the_fixture_session(&session);
}

/// A copy of a fixture's files (hidden folder included) in a scratch directory.
fn copy_of(version: u32) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = fixture(version).parent().unwrap().to_path_buf();
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(from.join("."))
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let path = dir.path().join("ws422.ron");
    (dir, path)
}

#[test]
fn a_format_1_session_opened_for_writing_moves_into_its_folder_and_keeps_every_note() {
    let (dir, path) = copy_of(1);
    let old_journal = dir.path().join("ws422.notes.ron");
    let old_bytes = std::fs::read(&old_journal).unwrap();
    // A session whose name is what format 1 used for this one's draft.
    let neighbour = dir.path().join("ws422.draft.ron");
    std::fs::copy(fixture(2), &neighbour).unwrap();
    let neighbour_bytes = std::fs::read(&neighbour).unwrap();

    let opened = Store::open(&path).expect("format 1 opens for writing");
    assert!(
        opened
            .warnings
            .iter()
            .any(|w| w.to_string().contains("upgraded")),
        "{:?}",
        opened.warnings
    );
    assert_the_fixture_session(&opened.session);
    let mut store = opened.store;
    let mut added = opened.session.notes[0].clone();
    added.id = rapporteur::model::NoteId::new();
    added.text = "Written after the move".into();
    store
        .append(&rapporteur::model::Change::Note(added.clone()))
        .unwrap();
    store.save_draft(&"typing").unwrap();
    drop(store);

    let (session, _) = Store::read(&path).unwrap();
    assert_eq!(session.notes.len(), 6);
    assert!(
        session
            .notes
            .iter()
            .any(|n| n.text == "Written after the move")
    );
    let header = std::fs::read_to_string(&path).unwrap();
    assert!(header.contains("format: 2"), "{header}");
    assert_eq!(
        std::fs::read(&old_journal).unwrap(),
        old_bytes,
        "read, never written"
    );
    assert_eq!(
        std::fs::read(&neighbour).unwrap(),
        neighbour_bytes,
        "another session's header is never taken for a draft"
    );
    // A later save of the header keeps pointing at the old journal.
    let opened = Store::open(&path).unwrap();
    let mut store = opened.store;
    store.save_header(&opened.session).unwrap();
    drop(store);
    assert_eq!(Store::read(&path).unwrap().0.notes.len(), 6);
}

fn assert_the_fixture_session(session: &rapporteur::model::Session) {
    assert_eq!(session.info.code, "IGF 2022 WS #310");
    assert_eq!(session.taker, "Test Taker");
    assert_eq!(session.roster().count(), 8);
    let lindqvist = session
        .roster()
        .find(|p| p.name == "Erik Lindqvist")
        .unwrap();
    assert!(lindqvist.marked_absent());
    // Format 1 said `attended: true` of everyone not marked absent: the default, not a record.
    // So only the record (the floor, notes) makes anyone present.
    let attendances = session.attendances();
    let attendance =
        |name: &str| attendances.of(session.roster().find(|p| p.name == name).unwrap());
    assert_eq!(attendance("Erik Lindqvist"), Attendance::Absent);
    assert_eq!(attendance("Tomás Ribeiro"), Attendance::Present, "noted");
    assert_eq!(attendance("Hana Kobayashi"), Attendance::NotRecorded);
    assert!(session.roster().any(|p| p.name == "Zeynep Yılmaz"));
    assert_eq!(session.questions.len(), 3);

    let kinds: Vec<NoteKind> = session.notes.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoteKind::Takeaway,
            NoteKind::Quote,
            NoteKind::Question,
            NoteKind::CallToAction,
            NoteKind::Remark
        ]
    );
    let batched = session.notes.last().unwrap();
    assert_eq!(
        batched.text, "Saved together with a floor change",
        "a batch record applies"
    );
    assert_eq!(
        session.speaker_name(batched.speaker.unwrap()),
        "Zeynep Yılmaz"
    );
    assert_eq!(
        session.notes[1].text, "Data is only open when people can use it",
        "the edit applies"
    );
    assert!(session.notes[1].edited.is_some());
    assert_eq!(
        session.notes[2].text,
        "What about the Global South? 中文 🌍"
    );
    assert_eq!(session.notes[2].questions, [1, 3]);
    assert_eq!(session.notes[0].tags, ["standards"]);
    assert_eq!(
        session.notes[3].speaker,
        Some(Speaker::Online),
        "the deletion was undone"
    );
    assert_eq!(
        session.trash.len(),
        1,
        "the remark with no speaker stays deleted"
    );
    assert_eq!(session.floor.len(), 5);
    assert_eq!(session.current_segment(), Some("Q&A"));
    assert_eq!(
        session
            .report_fields
            .get("short.takeaways.1")
            .map(String::as_str),
        Some("Open data needs shared standards.")
    );
    let stats = stats::compute(session, Until::LastRecorded);
    assert_eq!(stats.speaker(Speaker::Audience).floor.num_seconds(), 120);
    assert_eq!(stats.speaker(Speaker::Online).floor.num_seconds(), 180);
}
