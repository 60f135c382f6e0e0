//! What saving and loading cost as a session grows: a note must cost the same at 10 or 10,000.

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, TimeDelta};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::model::{
    Change, FloorChange, Note, NoteKind, Person, PersonId, PolicyQuestion, Session, Speaker,
};
use rapporteur::stats::{self, Until};
use rapporteur::store::Store;

fn session_with(notes: usize) -> Session {
    let start = DateTime::parse_from_rfc3339("2022-12-01T13:50:00Z").unwrap();
    let mut session = Session::default();
    session.info.start = Some(start);
    session.people = (1..=12)
        .map(|i| Person::new(PersonId(i), format!("Speaker Número {i}")))
        .collect();
    session.questions = (1..=3)
        .map(|number| PolicyQuestion {
            number,
            title: None,
            text: format!("Question {number}?"),
        })
        .collect();
    for i in 0..notes {
        let at = start + TimeDelta::seconds(i as i64);
        let speaker = Speaker::Person(PersonId(1 + (i % 12) as u32));
        if i % 10 == 0 {
            session.record_floor(FloorChange {
                at,
                speaker: Some(speaker),
            });
        }
        session.upsert_note(Note::new(
            at,
            Some(speaker),
            vec![1 + (i % 3) as u8],
            NoteKind::Remark,
            format!("Note {i}: attribution and sanctions as tools of cyber diplomacy #norms"),
            "Rapporteur",
        ));
    }
    session
}

fn create(dir: &Path, notes: usize) -> std::path::PathBuf {
    let path = dir.join(format!("s{notes}.ron"));
    drop(Store::create(&path, &session_with(notes)).unwrap());
    path
}

fn commit(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("commit a note (open for append, append, fsync)");
    for notes in [10, 1_000, 10_000] {
        let path = create(dir.path(), notes);
        let note = session_with(1).notes.remove(0);
        group.bench_with_input(BenchmarkId::from_parameter(notes), &path, |b, path| {
            b.iter(|| {
                let (mut store, session, _) = Store::open_for_append(path).unwrap();
                black_box(&session);
                store.append(&Change::Note(note.clone())).unwrap();
            })
        });
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = create(dir.path(), 10_000);
    c.bench_function("load a 10,000-note session", |b| {
        b.iter(|| black_box(Store::read(&path).unwrap()))
    });
}

fn compute_stats(c: &mut Criterion) {
    let session = session_with(10_000);
    c.bench_function("stats for 10,000 notes", |b| {
        b.iter(|| black_box(stats::compute(&session, Until::LastRecorded)))
    });
}

fn import_proposal(c: &mut Criterion) {
    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/proposals/headings-present.txt"),
    )
    .unwrap();
    c.bench_function("import a proposal page", |b| {
        b.iter(|| black_box(rapporteur::import::import_text(&page)))
    });
}

criterion_group!(benches, commit, load, compute_stats, import_proposal);
criterion_main!(benches);
