use super::*;
use crate::model::{FloorChange, Note, NoteKind, Person, Role};
use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;

fn at(minute: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2022-12-01T14:{minute:02}:00Z")).unwrap()
}

fn at_second(second: u32) -> DateTime<FixedOffset> {
    at(0) + TimeDelta::seconds(i64::from(second))
}

fn taken_by(taker: &str, mut header: Session) -> Session {
    header.taker = taker.to_string();
    header
}

/// A roster in which Omar Haddad, if named, is the online moderator.
fn header(names: &[&str]) -> Session {
    let mut session = Session::default();
    session.info.code = "IGF 2022 WS #422".into();
    for (index, name) in names.iter().enumerate() {
        let mut person = Person::new(PersonId(index as u32 + 1), *name);
        if fold(name) == "omar haddad" {
            person.roles = vec![Role::OnlineModerator];
        }
        session.people.push(person);
    }
    session
}

/// One copy of one taker.
fn alone(name: &str, header: Session, changes: Vec<Change>) -> Copy {
    Copy {
        name: name.into(),
        header,
        journals: vec![(name.to_string(), changes)],
    }
}

/// One taker's journal: notes naming people of the copy's roster, in its own numbering, some
/// corrected, and floor changes seconds apart (so that two takers' records meet).
fn journal(taker: &'static str, people: usize) -> impl Strategy<Value = (String, Vec<Change>)> {
    prop::collection::vec((0u32..300, 0u32..5, any::<bool>()), 0..10).prop_map(move |steps| {
        let mut changes = Vec::new();
        for (second, who, edit) in steps {
            let speaker = match who {
                3 => Speaker::Online,
                4 => Speaker::Audience,
                n => Speaker::Person(PersonId(n % people as u32 + 1)),
            };
            let when = at_second(second);
            let note = Note::new(when, Some(speaker), vec![], NoteKind::Remark, "n", taker);
            changes.push(Change::Note(note.clone()));
            if edit {
                let mut edited = note;
                edited.text = format!("edited by {taker}");
                edited.edited = Some(when + TimeDelta::minutes(1));
                changes.push(Change::Edit(edited));
            }
            changes.push(Change::Floor(FloorChange {
                at: when,
                speaker: Some(speaker),
                read_by: None,
            }));
        }
        (taker.to_string(), changes)
    })
}

/// A copy kept by some takers: one alone, or two who shared a folder.
fn copy(
    name: &'static str,
    names: &'static [&'static str],
    takers: &'static [&'static str],
) -> impl Strategy<Value = Copy> {
    let journals: Vec<_> = takers.iter().map(|t| journal(t, names.len())).collect();
    journals.prop_map(move |journals| Copy {
        name: name.into(),
        header: taken_by(takers[0], header(names)),
        journals,
    })
}

/// What a reader sees of the merged session: notes with their speaker's name (not the id, which
/// the roster of the merge gives), the floor with names, and the conflicts.
type Seen = (Vec<(Note, String)>, Vec<(String, String)>, Vec<String>);

fn seen(copies: Vec<Copy>) -> Seen {
    let merged = merge(copies);
    let session = replayed(&merged.header, merged.journals);
    let name = |s: Option<Speaker>| {
        s.map(|s| fold(&session.speaker_name(s)))
            .unwrap_or_default()
    };
    let notes = session
        .notes
        .iter()
        .map(|n| {
            let named = name(n.speaker);
            (
                Note {
                    speaker: None,
                    ..n.clone()
                },
                named,
            )
        })
        .collect();
    let floor = session
        .floor
        .iter()
        .map(|f| (f.at.to_rfc3339(), name(f.speaker)))
        .collect();
    let conflicts = session
        .floor_conflicts
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c.kept.at,
                fold(&c.kept_by),
                fold(&c.left_out_by)
            )
        })
        .collect();
    (notes, floor, conflicts)
}

proptest! {
    #[test]
    fn merging_is_idempotent_and_independent_of_order(
        a in copy("room.ron", &["Livia Sobota", "Veni Markovski"], &["Ana Silva"]),
        b in copy(
            "shared.ron",
            &["veni markovski", "Omar Haddad", "Livia Sobota"],
            &["Omar Haddad", "ana silva"],
        ),
    ) {
        let ab = seen(vec![a.clone(), b.clone()]);
        prop_assert_eq!(&ab, &seen(vec![b.clone(), a.clone()]));
        prop_assert_eq!(&ab, &seen(vec![a.clone(), b.clone(), a.clone()]));
        // The merged session merged again with a copy changes nothing.
        let merged = merge(vec![a.clone(), b.clone()]);
        let again = Copy {
            name: "merged.ron".into(),
            header: merged.header,
            journals: merged.journals,
        };
        prop_assert_eq!(&ab, &seen(vec![again, b.clone()]));
        // Each note keeps its speaker through the renumbering.
        let (b_alone, _, _) = seen(vec![b.clone()]);
        for (note, speaker) in &b_alone {
            let merged = ab.0.iter().find(|(n, _)| n.id == note.id).unwrap();
            prop_assert_eq!(&merged.1, speaker);
        }
    }
}

#[test]
fn a_floor_conflict_inside_a_copy_is_carried_into_the_merge_and_listed() {
    // Ana and Omar shared a folder and recorded one hand-over differently; a third taker kept a
    // copy alone.
    let floor = |second: u32, speaker: Speaker| {
        Change::Floor(FloorChange {
            at: at_second(second),
            speaker: Some(speaker),
            read_by: None,
        })
    };
    let names = &["Ana Silva", "Omar Haddad", "Livia Sobota"];
    let shared = Copy {
        name: "shared.ron".into(),
        header: taken_by("Ana Silva", header(names)),
        journals: vec![
            (
                "Ana Silva".into(),
                vec![floor(10, Speaker::Person(PersonId(3)))],
            ),
            ("Omar Haddad".into(), vec![floor(11, Speaker::Online)]),
        ],
    };
    let other = alone(
        "Mei Chen",
        taken_by("Mei Chen", header(names)),
        vec![floor(100, Speaker::Audience)],
    );
    let merged = merge(vec![other, shared]);
    assert_eq!(merged.summary.floor_conflicts, 1);
    let records: usize = merged
        .journals
        .iter()
        .map(|(_, changes)| {
            changes
                .iter()
                .filter(|c| matches!(c, Change::Floor(_)))
                .count()
        })
        .sum();
    assert_eq!(
        records, 3,
        "every record kept as written: {:?}",
        merged.journals
    );
    let session = replayed(&merged.header, merged.journals);
    assert_eq!(session.floor.len(), 2);
    assert_eq!(session.floor[0].speaker, Some(Speaker::Online));
    assert_eq!(session.floor_conflicts.len(), 1);
    assert_eq!(session.floor_conflicts[0].left_out_by, "Ana Silva");
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
    let copy = |name: &str, edit: &Note| {
        let changes = vec![Change::Note(note.clone()), Change::Edit(edit.clone())];
        alone(name, header(&["Livia Sobota"]), changes)
    };
    let merged = merge(vec![copy("late.ron", &late), copy("early.ron", &early)]);
    let session = replayed(&merged.header, merged.journals.clone());
    assert_eq!(session.notes.len(), 1);
    assert_eq!(session.notes[0].text, "said, late fix");
    assert_eq!(merged.summary.in_several, 1);
    assert_eq!(merged.summary.conflicts.len(), 1);
    assert_eq!(merged.summary.conflicts[0].other, "said, early fix");
    assert_eq!(merged.summary.conflicts[0].other_copy, "early.ron");
    // The edit that lost is still in the merged journals: the note's history keeps it.
    let changes: Vec<&Change> = merged.journals.iter().flat_map(|(_, c)| c).collect();
    assert!(changes.contains(&&Change::Edit(early)));
    assert!(changes.contains(&&Change::Edit(late)));
}

#[test]
fn a_copy_that_never_corrected_a_note_is_no_conflict() {
    let note = Note::new(at(5), None, vec![], NoteKind::Remark, "said", "A");
    let mut fixed = note.clone();
    fixed.text = "said, fixed".into();
    fixed.edited = Some(at(10));
    let header = header(&["Livia Sobota"]);
    let merged = merge(vec![
        alone(
            "plain.ron",
            header.clone(),
            vec![Change::Note(note.clone())],
        ),
        alone(
            "fixed.ron",
            header,
            vec![Change::Note(note), Change::Edit(fixed)],
        ),
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
    let header = header(&["Livia Sobota"]);
    // In two copies, and twice in one copy (two takers of one folder), spelt apart.
    let merged = merge(vec![
        alone(
            "room.ron",
            header.clone(),
            vec![
                newcomer(0x8001_0001, "José Pérez"),
                Change::Note(room.clone()),
            ],
        ),
        alone(
            "chat.ron",
            header,
            vec![
                newcomer(0x8002_0001, "jose perez"),
                newcomer(0x8003_0001, "JOSÉ PÉREZ"),
                Change::Note(chat.clone()),
            ],
        ),
    ]);
    // Spelt as the first copy in the merge's fixed order spells it.
    let names: Vec<String> = merged.header.people.iter().map(|p| fold(&p.name)).collect();
    assert_eq!(names, ["livia sobota", "jose perez"]);
    let session = replayed(&merged.header, merged.journals);
    let speaker = |id| session.note(id).and_then(|n| n.speaker);
    assert_eq!(speaker(room.id), speaker(chat.id));
    assert_eq!(
        fold(&session.speaker_name(speaker(room.id).unwrap())),
        "jose perez"
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

#[test]
fn a_taker_who_only_made_a_group_is_merged_with_the_group() {
    let group = Change::Group(crate::model::Group {
        name: "Group A".into(),
        taker: Some("Mei Chen".into()),
        members: vec![PersonId(1)],
    });
    let note = Note::new(at(5), None, vec![], NoteKind::Remark, "said", "Ana Silva");
    let names = &["Livia Sobota"];
    let merged = merge(vec![
        alone(
            "Ana Silva",
            taken_by("Ana Silva", header(names)),
            vec![Change::Note(note)],
        ),
        alone("Mei Chen", taken_by("Mei Chen", header(names)), vec![group]),
    ]);
    let session = replayed(&merged.header, merged.journals);
    assert_eq!(session.groups.len(), 1, "{:?}", session.groups);
    assert_eq!(session.groups[0].members.len(), 1);
    assert_eq!(session.notes.len(), 1);
    let mut takers = session.takers.clone();
    takers.push(session.taker.clone());
    takers.sort();
    assert_eq!(takers, ["Ana Silva", "Mei Chen"]);
}
