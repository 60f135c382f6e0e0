//! Copies of one event's record, kept apart (takers who shared no folder), made one: people
//! matched by name, every change united in time order, so that a note in two copies is there once
//! and the result does not depend on the order the copies are given in, nor on one given twice.

use std::collections::{BTreeMap, BTreeSet};

use chrono::TimeDelta;

use super::change::{Change, unite};
use super::names::fold;
use super::note::{NoteId, Speaker};
use super::roster::PersonId;
use super::session::{Session, SessionInfo};

/// One copy: its header (particulars, roster, questions) and every change it recorded.
#[derive(Debug, Clone)]
pub struct Copy {
    /// How the copy is named to the user (its path).
    pub name: String,
    pub header: Session,
    pub changes: Vec<Change>,
}

/// What merging made, and what the user should know about it.
#[derive(Debug)]
pub struct Merged {
    /// The merged header: particulars and questions of the first copy (in a fixed order), every
    /// copy's people matched by name.
    pub header: Session,
    /// Every change of every copy, people renumbered, united in time order.
    pub changes: Vec<Change>,
    pub summary: MergeSummary,
}

#[derive(Debug, Default, PartialEq)]
pub struct MergeSummary {
    /// Distinct copies merged (a copy given twice counts once).
    pub copies: usize,
    /// Notes in the merged session, and how many of them were in more than one copy.
    pub notes: usize,
    pub in_several: usize,
    /// Notes edited differently in two copies: the latest edit is kept.
    pub conflicts: Vec<EditConflict>,
    /// Names on several copies' rosters, matched as one person.
    pub people_matched: Vec<String>,
    /// Floor changes two copies recorded for one hand-over, more than a minute apart.
    pub floor_apart: Vec<FloorApart>,
}

#[derive(Debug, PartialEq)]
pub struct EditConflict {
    pub id: NoteId,
    /// The text kept (the latest edit), and the other copy's text.
    pub kept: String,
    pub other: String,
    /// The copy whose version was not kept.
    pub other_copy: String,
}

#[derive(Debug, PartialEq)]
pub struct FloorApart {
    pub speaker: String,
    pub seconds: i64,
    pub copies: (String, String),
}

/// Whether two copies record the same event: the same code (ignoring case and spacing) and, where
/// both know it, the same scheduled start; without codes, the same title.
pub fn same_event(a: &SessionInfo, b: &SessionInfo) -> bool {
    let (code_a, code_b) = (fold(&a.code), fold(&b.code));
    let named_alike = if code_a.is_empty() && code_b.is_empty() {
        fold(&a.title) == fold(&b.title)
    } else {
        code_a == code_b
    };
    let starts_alike = match (a.start, b.start) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    named_alike && starts_alike
}

/// Moves every time a copy recorded by `by`; None if one would leave the calendar.
pub fn shift(copy: Copy, by: TimeDelta) -> Option<Copy> {
    let changes: Option<Vec<Change>> = copy.changes.into_iter().map(|c| c.shifted(by)).collect();
    Some(Copy {
        changes: changes?,
        ..copy
    })
}

/// Merges copies of one event (check them with [`same_event`] first).
pub fn merge(mut copies: Vec<Copy>) -> Merged {
    // A fixed order, whatever order the copies came in; a copy given twice is one copy.
    copies.sort_by_cached_key(|copy| format!("{:?}{:?}", copy.changes, copy.header.people));
    copies.dedup_by(|a, b| a.changes == b.changes && a.header.people == b.header.people);
    let mut summary = MergeSummary {
        copies: copies.len(),
        ..MergeSummary::default()
    };
    let mut header = copies.first().map(|c| c.header.clone()).unwrap_or_default();
    header.people.clear();
    let mut matched = BTreeSet::new();
    let mut streams = Vec::new();
    for copy in &copies {
        let (roster, changes) = with_roster_changes(copy);
        let mut renumber = BTreeMap::new();
        for person in roster {
            let (id, existed) = header.enrol(person.clone());
            if existed {
                matched.insert(person.name.clone());
            }
            renumber.insert(person.id, id);
        }
        let to = |id: PersonId| renumber.get(&id).copied().unwrap_or(id);
        let changes: Vec<Change> = changes
            .into_iter()
            .map(|mut change| {
                change.renumber_people(&to);
                change
            })
            .collect();
        streams.push(changes);
    }
    summary.people_matched = matched.into_iter().collect();
    let alone: Vec<Session> = streams
        .iter()
        .map(|changes| replayed(&header, changes.clone()))
        .collect();
    let changes = unite(streams);
    let merged = replayed(&header, changes.clone());
    summary.notes = merged.notes.len();
    let mut seen_in: BTreeMap<NoteId, usize> = BTreeMap::new();
    for session in &alone {
        for note in session.notes.iter().chain(&session.trash) {
            *seen_in.entry(note.id).or_default() += 1;
        }
    }
    summary.in_several = merged
        .notes
        .iter()
        .filter(|n| seen_in.get(&n.id).is_some_and(|count| *count > 1))
        .count();
    for note in &merged.notes {
        for (copy, session) in copies.iter().zip(&alone) {
            // A copy that never corrected the note only has it as first written: no conflict.
            let corrected_otherwise =
                |other: &&super::Note| other.edited.is_some() && *other != note;
            if let Some(other) = session.note(note.id).filter(corrected_otherwise) {
                summary.conflicts.push(EditConflict {
                    id: note.id,
                    kept: note.text.clone(),
                    other: other.text.clone(),
                    other_copy: copy.name.clone(),
                });
            }
        }
    }
    summary.floor_apart = floor_apart(&merged, &copies, &alone);
    Merged {
        header,
        changes,
        summary,
    }
}

/// A copy's roster with the people its joined takers added, and its changes without those
/// roster records (the merged roster holds them).
fn with_roster_changes(copy: &Copy) -> (Vec<super::Person>, Vec<Change>) {
    let mut roster = copy.header.clone();
    let mut rest = Vec::new();
    for change in copy.changes.iter().cloned().flat_map(Change::flatten) {
        match change {
            Change::Person { person, .. } => roster.upsert_person(person),
            other => rest.push(other),
        }
    }
    (roster.people, rest)
}

fn replayed(header: &Session, changes: Vec<Change>) -> Session {
    let mut session = header.clone();
    session.replay(changes);
    session
}

/// Hand-overs to one speaker that two copies put more than a minute (and less than five) apart.
fn floor_apart(merged: &Session, copies: &[Copy], alone: &[Session]) -> Vec<FloorApart> {
    let mut apart = Vec::new();
    for (i, a) in alone.iter().enumerate() {
        for (j, b) in alone.iter().enumerate().skip(i + 1) {
            for x in &a.floor {
                let nearest = b
                    .floor
                    .iter()
                    .filter(|y| y.speaker == x.speaker)
                    .map(|y| (y.at - x.at).num_seconds())
                    .min_by_key(|seconds| seconds.abs());
                if let Some(seconds) = nearest.filter(|s| (61..300).contains(&s.abs())) {
                    apart.push(FloorApart {
                        speaker: x.speaker.map_or_else(
                            || "nobody".to_string(),
                            |s: Speaker| merged.speaker_name(s),
                        ),
                        seconds,
                        copies: (copies[i].name.clone(), copies[j].name.clone()),
                    });
                }
            }
        }
    }
    apart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FloorChange, Note, NoteKind, Person};
    use chrono::{DateTime, FixedOffset};
    use proptest::prelude::*;

    fn at(minute: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2022-12-01T14:{minute:02}:00Z")).unwrap()
    }

    fn header(names: &[&str]) -> Session {
        let mut session = Session::default();
        session.info.code = "IGF 2022 WS #422".into();
        for (index, name) in names.iter().enumerate() {
            session
                .people
                .push(Person::new(PersonId(index as u32 + 1), *name));
        }
        session
    }

    /// A copy whose notes name people of its own roster, in its own numbering.
    fn copy(name: &'static str, names: &'static [&'static str]) -> impl Strategy<Value = Copy> {
        prop::collection::vec((0u32..50, 0usize..3, any::<bool>()), 0..10).prop_map(move |steps| {
            let mut changes = Vec::new();
            for (minute, who, edit) in steps {
                let speaker = Some(Speaker::Person(PersonId(
                    who as u32 % names.len() as u32 + 1,
                )));
                let note = Note::new(at(minute), speaker, vec![], NoteKind::Remark, "n", name);
                changes.push(Change::Note(note.clone()));
                if edit {
                    let mut edited = note;
                    edited.text = format!("edited in {name}");
                    edited.edited = Some(at(minute + 1));
                    changes.push(Change::Edit(edited));
                }
                changes.push(Change::Floor(FloorChange {
                    at: at(minute),
                    speaker,
                    read_by: None,
                }));
            }
            Copy {
                name: name.into(),
                header: header(names),
                changes,
            }
        })
    }

    fn notes_of(copies: Vec<Copy>) -> Vec<(Note, String)> {
        let merged = merge(copies);
        let session = replayed(&merged.header, merged.changes);
        session
            .notes
            .iter()
            .map(|n| {
                (
                    n.clone(),
                    n.speaker
                        .map(|s| session.speaker_name(s))
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    proptest! {
        #[test]
        fn merging_is_idempotent_and_independent_of_order(
            a in copy("A", &["Livia Sobota", "Veni Markovski"]),
            b in copy("B", &["veni markovski", "Ana Silva", "Livia Sobota"]),
        ) {
            let ab = notes_of(vec![a.clone(), b.clone()]);
            prop_assert_eq!(&ab, &notes_of(vec![b.clone(), a.clone()]));
            prop_assert_eq!(&ab, &notes_of(vec![a.clone(), b.clone(), a.clone()]));
            // Each note keeps its speaker through the renumbering (the name as the first copy
            // spells it).
            let alone = notes_of(vec![b.clone()]);
            for (note, speaker) in &alone {
                let merged = ab.iter().find(|(n, _)| n.id == note.id).unwrap();
                prop_assert_eq!(fold(&merged.1), fold(speaker));
            }
        }
    }

    #[test]
    fn the_latest_edit_wins_and_the_other_is_listed() {
        let note = Note::new(at(5), None, vec![], NoteKind::Remark, "said", "A");
        let mut early = note.clone();
        early.text = "said, early fix".into();
        early.edited = Some(at(10));
        let mut late = note.clone();
        late.text = "said, late fix".into();
        late.edited = Some(at(20));
        let copy = |name: &str, edit: &Note| Copy {
            name: name.into(),
            header: header(&["Livia Sobota"]),
            changes: vec![Change::Note(note.clone()), Change::Edit(edit.clone())],
        };
        let merged = merge(vec![copy("late.ron", &late), copy("early.ron", &early)]);
        let session = replayed(&merged.header, merged.changes.clone());
        assert_eq!(session.notes.len(), 1);
        assert_eq!(session.notes[0].text, "said, late fix");
        assert_eq!(merged.summary.in_several, 1);
        assert_eq!(merged.summary.conflicts.len(), 1);
        assert_eq!(merged.summary.conflicts[0].other, "said, early fix");
        assert_eq!(merged.summary.conflicts[0].other_copy, "early.ron");
        // The edit that lost is still in the merged journal: the note's history keeps it.
        assert!(merged.changes.contains(&Change::Edit(early)));
        assert!(merged.changes.contains(&Change::Edit(late)));
    }

    #[test]
    fn a_copy_that_never_corrected_a_note_is_no_conflict() {
        let note = Note::new(at(5), None, vec![], NoteKind::Remark, "said", "A");
        let mut fixed = note.clone();
        fixed.text = "said, fixed".into();
        fixed.edited = Some(at(10));
        let copy = |name: &str, changes: Vec<Change>| Copy {
            name: name.into(),
            header: header(&["Livia Sobota"]),
            changes,
        };
        let merged = merge(vec![
            copy("plain.ron", vec![Change::Note(note.clone())]),
            copy("fixed.ron", vec![Change::Note(note), Change::Edit(fixed)]),
        ]);
        assert_eq!(merged.summary.conflicts, vec![]);
        assert_eq!(merged.summary.in_several, 1);
    }

    #[test]
    fn the_same_newcomer_added_by_two_takers_is_one_person() {
        let newcomer = |id: u32, name: &str| Change::Person {
            person: Person::new(PersonId(id), name),
            at: at(1),
        };
        let said = |id: u32, taker: &str| {
            let speaker = Some(Speaker::Person(PersonId(id)));
            Note::new(at(2), speaker, vec![], NoteKind::Remark, "n", taker)
        };
        let (room, chat) = (said(0x8001_0001, "A"), said(0x8002_0001, "B"));
        let copy = |name: &str, changes: Vec<Change>| Copy {
            name: name.into(),
            header: header(&["Livia Sobota"]),
            changes,
        };
        // In two copies, and twice in one copy (two takers of one folder), spelt apart.
        let merged = merge(vec![
            copy(
                "room.ron",
                vec![
                    newcomer(0x8001_0001, "José Pérez"),
                    Change::Note(room.clone()),
                ],
            ),
            copy(
                "chat.ron",
                vec![
                    newcomer(0x8002_0001, "jose perez"),
                    newcomer(0x8003_0001, "JOSÉ PÉREZ"),
                    Change::Note(chat.clone()),
                ],
            ),
        ]);
        let names: Vec<&str> = merged
            .header
            .people
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["Livia Sobota", "José Pérez"]);
        let session = replayed(&merged.header, merged.changes);
        let speaker = |id| session.note(id).and_then(|n| n.speaker);
        assert_eq!(speaker(room.id), speaker(chat.id));
        assert_eq!(
            session.speaker_name(speaker(room.id).unwrap()),
            "José Pérez"
        );
    }

    #[test]
    fn events_are_told_apart_by_code_and_start() {
        let a = header(&[]).info;
        let mut b = a.clone();
        b.code = "igf 2022  ws #422".into();
        assert!(same_event(&a, &b));
        b.code = "IGF 2022 WS #423".into();
        assert!(!same_event(&a, &b));
    }
}
