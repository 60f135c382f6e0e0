//! The timeline stays in time order, with each note once, whatever order changes arrive in.

use chrono::{DateTime, TimeDelta};
use proptest::prelude::*;
use rapporteur::model::{Change, Note, NoteKind, Session};

#[derive(Debug, Clone)]
enum Step {
    Add(i64),
    Edit(usize, i64),
    Delete(usize),
    Restore(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0i64..600).prop_map(Step::Add),
        (any::<usize>(), 0i64..600).prop_map(|(i, t)| Step::Edit(i, t)),
        any::<usize>().prop_map(Step::Delete),
        any::<usize>().prop_map(Step::Restore),
    ]
}

proptest! {
    #[test]
    fn the_timeline_matches_a_plain_model(steps in proptest::collection::vec(step(), 1..120)) {
        let start = DateTime::parse_from_rfc3339("2022-12-01T13:50:00Z").unwrap();
        let mut session = Session::default();
        // The plain model: every note ever made, and whether it is live.
        let mut made: Vec<(Note, bool)> = Vec::new();
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
                _ => continue,
            };
            session.apply(change);
        }
        let mut expected: Vec<Note> = made.iter().filter(|(_, live)| *live).map(|(n, _)| n.clone()).collect();
        expected.sort_by_key(|n| n.sort_key());
        prop_assert_eq!(&session.notes, &expected);
        prop_assert_eq!(session.trash.len(), made.len() - expected.len());
        for note in &expected {
            prop_assert_eq!(session.note(note.id), Some(note));
        }
    }
}
