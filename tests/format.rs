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
    let stats = stats::compute(&session, Until::LastRecorded);
    assert_eq!(stats.speaker(Speaker::Audience).floor.num_seconds(), 120);
    assert_eq!(stats.speaker(Speaker::Online).floor.num_seconds(), 180);
}
