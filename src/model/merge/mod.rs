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

/// A taker's name and the changes of their journal.
pub type Journal = (String, Vec<Change>);

/// One copy: its header (particulars, roster, questions) and every taker's journal as written,
/// the first taker's first.
#[derive(Debug, Clone)]
pub struct Copy {
    /// How the copy is named to the user (its path).
    pub name: String,
    pub header: Session,
    pub journals: Vec<Journal>,
}

/// What merging made, and what the user should know about it.
#[derive(Debug)]
pub struct Merged {
    /// The merged header: particulars and questions of the first copy (in a fixed order), every
    /// copy's people matched by name.
    pub header: Session,
    /// Every taker's changes from every copy, people renumbered, united in time order: the
    /// header's taker's first, then those of the takers who joined. Nothing is settled here:
    /// reading the merged session settles the floor of every taker's records, as it would in a
    /// folder they had shared.
    pub journals: Vec<Journal>,
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
    /// Records of one moment of the floor that named different speakers (`check` lists them).
    pub floor_conflicts: usize,
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
    let journals: Option<Vec<Journal>> = copy
        .journals
        .into_iter()
        .map(|(taker, changes)| {
            let changes: Option<Vec<Change>> = changes.into_iter().map(|c| c.shifted(by)).collect();
            Some((taker, changes?))
        })
        .collect();
    Some(Copy {
        journals: journals?,
        ..copy
    })
}

/// Merges copies of one event (check them with [`same_event`] first).
pub fn merge(mut copies: Vec<Copy>) -> Merged {
    // A fixed order, whatever order the copies came in; a copy given twice is one copy.
    copies.sort_by_cached_key(|copy| format!("{:?}{:?}", copy.journals, copy.header.people));
    copies.dedup_by(|a, b| a.journals == b.journals && a.header.people == b.header.people);
    let mut summary = MergeSummary {
        copies: copies.len(),
        ..MergeSummary::default()
    };
    let mut header = copies.first().map(|c| c.header.clone()).unwrap_or_default();
    header.people.clear();
    let mut matched = BTreeSet::new();
    let mut renumbered = Vec::new();
    for copy in &copies {
        let (roster, journals) = with_roster_changes(copy);
        let mut renumber = BTreeMap::new();
        for person in roster {
            let (id, existed) = header.enrol(person.clone());
            if existed {
                matched.insert(person.name.clone());
            }
            renumber.insert(person.id, id);
        }
        let to = |id: PersonId| renumber.get(&id).copied().unwrap_or(id);
        let journals: Vec<Journal> = journals
            .into_iter()
            .map(|(taker, changes)| {
                let changes = changes.into_iter().map(|mut change| {
                    change.renumber_people(&to);
                    change
                });
                (taker, changes.collect())
            })
            .collect();
        renumbered.push(journals);
    }
    summary.people_matched = matched.into_iter().collect();
    let alone: Vec<Session> = renumbered
        .iter()
        .map(|journals| replayed(&header, journals.clone()))
        .collect();
    let journals = by_taker(&header.taker, renumbered);
    let merged = replayed(&header, journals.clone());
    summary.notes = merged.notes.len();
    summary.floor_conflicts = merged.floor_conflicts.len();
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
        journals,
        summary,
    }
}

/// Each taker's journals from every copy made one, the first taker's first and the others by
/// name; a change in two copies (the same journal copied twice) is there once. A taker who was
/// some copy's first taker begins with a record that they joined, as in a shared folder.
fn by_taker(first: &str, copies: Vec<Vec<Journal>>) -> Vec<Journal> {
    let mut takers: BTreeMap<String, (String, Vec<Vec<Change>>)> = BTreeMap::new();
    for (taker, changes) in copies.into_iter().flatten() {
        let entry = takers
            .entry(fold(&taker))
            .or_insert_with(|| (taker, Vec::new()));
        entry.1.push(changes);
    }
    let first = takers.remove(&fold(first)).map_or_else(
        || (first.to_string(), Vec::new()),
        |(_, streams)| (first.to_string(), streams),
    );
    let mut journals = Vec::new();
    for (index, (taker, streams)) in std::iter::once(first)
        .chain(takers.into_values())
        .enumerate()
    {
        let mut seen = BTreeSet::new();
        let mut changes: Vec<Change> = unite(streams)
            .into_iter()
            .filter(|change| seen.insert(format!("{change:?}")))
            .collect();
        let joined = changes.iter().any(|c| matches!(c, Change::Joined { .. }));
        if index > 0 && changes.is_empty() {
            continue;
        }
        if index > 0 && !joined {
            // Joined when their first record was made; a journal of groups alone tells no time.
            let never = chrono::DateTime::UNIX_EPOCH.fixed_offset();
            let at = changes
                .iter()
                .filter_map(Change::moment)
                .min()
                .unwrap_or(never);
            changes.insert(
                0,
                Change::Joined {
                    taker: taker.clone(),
                    at,
                },
            );
        }
        journals.push((taker, changes));
    }
    journals
}

/// A copy's roster with the people its joined takers added, and its journals without those
/// roster records (the merged roster holds them).
fn with_roster_changes(copy: &Copy) -> (Vec<super::Person>, Vec<Journal>) {
    let mut roster = copy.header.clone();
    let mut journals = Vec::new();
    for (taker, changes) in &copy.journals {
        let mut rest = Vec::new();
        for change in changes.iter().cloned().flat_map(Change::flatten) {
            match change {
                Change::Person { person, .. } => roster.upsert_person(person),
                other => rest.push(other),
            }
        }
        journals.push((taker.clone(), rest));
    }
    (roster.people, journals)
}

/// The session the journals make, read as the store reads a shared folder.
fn replayed(header: &Session, journals: Vec<Journal>) -> Session {
    let mut session = header.clone();
    session.replay_takers(journals);
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
mod tests;
