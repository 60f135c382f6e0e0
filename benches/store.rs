//! What saving and loading cost as a session grows: a note must cost the same at 10 or 10,000,
//! and loading must stay O(n log n) whatever order the journal holds the notes in (merged takers
//! and notes added later with `--at` arrive out of time order).

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeDelta};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rapporteur::model::{
    Change, FloorChange, Note, NoteKind, Person, PersonId, PolicyQuestion, Session, Speaker,
};
use rapporteur::stats::{self, Until};
use rapporteur::store::{SessionPaths, Store};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn roster() -> Session {
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
    session
}

/// The journal of a session with `notes` notes, a floor change every tenth note, in time order.
fn changes(notes: usize) -> Vec<Change> {
    let start = roster().info.start.unwrap();
    let mut changes = Vec::with_capacity(notes + notes / 10 + 1);
    for i in 0..notes {
        let at = start + TimeDelta::seconds(i as i64);
        let speaker = Speaker::Person(PersonId(1 + (i % 12) as u32));
        if i % 10 == 0 {
            changes.push(Change::Floor(FloorChange {
                at,
                speaker: Some(speaker),
                read_by: None,
            }));
        }
        changes.push(Change::Note(Note::new(
            at,
            Some(speaker),
            vec![1 + (i % 3) as u8],
            NoteKind::Remark,
            format!("Note {i}: attribution and sanctions as tools of cyber diplomacy #norms"),
            "Rapporteur",
        )));
    }
    changes
}

/// The same changes in a fixed pseudo-random order (Fisher–Yates on a xorshift generator, so
/// that every run measures the same journal).
fn shuffled(mut changes: Vec<Change>) -> Vec<Change> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for i in (1..changes.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        changes.swap(i, (state % (i as u64 + 1)) as usize);
    }
    changes
}

fn session_with(notes: usize) -> Session {
    let mut session = roster();
    session.replay(changes(notes));
    session
}

/// A session file whose journal holds `changes` in the order given.
fn create(dir: &Path, name: &str, changes: &[Change]) -> PathBuf {
    let path = dir.join(format!("{name}.ron"));
    drop(Store::create(&path, &roster()).unwrap());
    let mut journal = std::fs::OpenOptions::new()
        .append(true)
        .open(SessionPaths::new(&path).journal)
        .unwrap();
    let mut text = String::new();
    for change in changes {
        text += &ron::to_string(change).unwrap();
        text.push('\n');
    }
    journal.write_all(text.as_bytes()).unwrap();
    path
}

fn commit(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("commit a note (open for append, append, fsync)");
    for notes in [10, 1_000, 10_000] {
        let path = create(dir.path(), &format!("s{notes}"), &changes(notes));
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
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for notes in SIZES {
        for (order, journal) in [
            ("in order", changes(notes)),
            ("shuffled", shuffled(changes(notes))),
        ] {
            let path = create(dir.path(), &format!("{order} {notes}"), &journal);
            group.bench_with_input(BenchmarkId::new(order, notes), &path, |b, path| {
                b.iter(|| black_box(Store::read(path).unwrap()))
            });
        }
    }
    group.finish();
}

fn compute_stats(c: &mut Criterion) {
    let mut group = c.benchmark_group("stats");
    for notes in SIZES {
        let session = session_with(notes);
        group.bench_with_input(
            BenchmarkId::new("every figure", notes),
            &session,
            |b, session| b.iter(|| black_box(stats::compute(session, Until::LastRecorded))),
        );
        // What a frame of a balance panel costs: drawn from stats counted once.
        let counted = stats::compute(&session, Until::LastRecorded);
        group.bench_with_input(
            BenchmarkId::new("balance from counted stats", notes),
            &session,
            |b, session| b.iter(|| black_box(stats::balance(session, &counted))),
        );
    }
    group.finish();
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
