//! The timeline stays in time order, with each note once, whatever order changes arrive in.

use chrono::{DateTime, TimeDelta};
use proptest::prelude::*;
use rapporteur::model::{
    Change, FloorChange, Note, NoteKind, PersonId, SegmentChange, Session, Speaker,
};

#[derive(Debug, Clone)]
enum Step {
    Add(i64),
    Edit(usize, i64),
    Delete(usize),
    Restore(usize),
    Floor(i64, Option<u32>),
    Segment(i64, u8),
    /// The next few steps saved as one record.
    Batch(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0i64..600).prop_map(Step::Add),
        (any::<usize>(), 0i64..600).prop_map(|(i, t)| Step::Edit(i, t)),
        any::<usize>().prop_map(Step::Delete),
        any::<usize>().prop_map(Step::Restore),
        // Few moments and speakers, so that the same change is often recorded twice.
        (0i64..20, proptest::option::of(0u32..3)).prop_map(|(t, p)| Step::Floor(t * 30, p)),
        (0i64..20, 0u8..3).prop_map(|(t, n)| Step::Segment(t * 30, n)),
        (2u8..5).prop_map(Step::Batch),
    ]
}

proptest! {
    #[test]
    fn the_timeline_matches_a_plain_model(steps in proptest::collection::vec(step(), 1..120)) {
        let start = DateTime::parse_from_rfc3339("2022-12-01T13:50:00Z").unwrap();
        let mut session = Session::default();
        // The plain model: every note ever made, and whether it is live.
        let mut made: Vec<(Note, bool)> = Vec::new();
        let mut journal: Vec<Change> = Vec::new();
        let mut batch: Option<(u8, Vec<Change>)> = None;
        for step in steps {
            let change = match step {
                Step::Add(seconds) => {
                    let note = Note::new(start + TimeDelta::seconds(seconds), None, vec![], NoteKind::Remark, "x", "t");
                    made.push((note.clone(), true));
                    Change::Note(note)
                }
                Step::Edit(i, seconds) if !made.is_empty() => {
                    let index = i % made.len();
                    let mut note = made[index].0.clone();
                    note.at = start + TimeDelta::seconds(seconds);
                    note.text = format!("edited at {seconds}");
                    made[index].0 = note.clone();
                    Change::Edit(note)
                }
                Step::Delete(i) if !made.is_empty() => {
                    let index = i % made.len();
                    made[index].1 = false;
                    Change::Delete { id: made[index].0.id, at: start }
                }
                Step::Restore(i) if !made.is_empty() => {
                    let index = i % made.len();
                    made[index].1 = true;
                    Change::Restore { id: made[index].0.id, at: start }
                }
                Step::Floor(seconds, person) => Change::Floor(FloorChange {
                    at: start + TimeDelta::seconds(seconds),
                    speaker: person.map(|p| Speaker::Person(PersonId(p))),
                    read_by: None,
                }),
                Step::Segment(seconds, name) => Change::Segment(SegmentChange {
                    at: start + TimeDelta::seconds(seconds),
                    name: format!("segment {name}"),
                }),
                Step::Batch(size) => {
                    batch = batch.or(Some((size, Vec::new())));
                    continue;
                }
                _ => continue,
            };
            session.apply(change.clone());
            match &mut batch {
                Some((size, changes)) => {
                    changes.push(change);
                    if changes.len() == usize::from(*size) {
                        journal.push(Change::Batch(std::mem::take(changes)));
                        batch = None;
                    }
                }
                None => journal.push(change),
            }
        }
        journal.extend(batch.map(|(_, changes)| Change::Batch(changes)));
        // Loading replays the whole journal at once; it must end where applying it change by
        // change ends, whatever order the notes came in.
        let mut replayed = Session::default();
        replayed.replay(journal);
        prop_assert_eq!(&replayed, &session);
        prop_assert!(session.floor.is_sorted_by_key(|f| f.at));
        prop_assert!(session.segments.is_sorted_by_key(|s| s.at));
        let mut expected: Vec<Note> = made.iter().filter(|(_, live)| *live).map(|(n, _)| n.clone()).collect();
        expected.sort_by_key(|n| n.sort_key());
        prop_assert_eq!(&session.notes, &expected);
        prop_assert_eq!(session.trash.len(), made.len() - expected.len());
        for note in &expected {
            prop_assert_eq!(session.note(note.id), Some(note));
        }
    }
}
