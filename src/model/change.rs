//! Everything recorded during a session is a change applied to it; the store's journal is the list
//! of changes in the order they were made.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use super::note::Speaker;
use super::note::{FloorChange, Note, NoteId, SegmentChange};
use super::participation::Participation;
use super::roster::{Person, PersonId};
use super::session::Session;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// A new note.
    Note(Note),
    /// A note's new content, replacing the one with the same id.
    Edit(Note),
    Delete {
        id: NoteId,
        at: DateTime<FixedOffset>,
    },
    /// Undoes a deletion.
    Restore {
        id: NoteId,
        at: DateTime<FixedOffset>,
    },
    Floor(FloorChange),
    Segment(SegmentChange),
    /// The session ended: the floor closes, and time is counted no further.
    End {
        at: DateTime<FixedOffset>,
    },
    /// Several changes saved as one record, so that a crash keeps all of them or none.
    Batch(Vec<Change>),
    /// Participation figures given by the rapporteur; those not given stay as they were.
    Participation {
        figures: Participation,
        at: DateTime<FixedOffset>,
    },
    /// The text of one field of a report being drafted, such as "short.takeaways.1".
    ReportField {
        key: String,
        text: String,
        at: DateTime<FixedOffset>,
    },
    /// A taker joined the session: the first record of every taker's journal but the first's.
    Joined {
        taker: String,
        at: DateTime<FixedOffset>,
    },
    /// A break-out group made, or given a taker or members.
    Group(super::group::Group),
    /// A roster entry as a joined taker set it (added, or marked present or absent): joined
    /// takers never write the header, which is the first taker's.
    Person {
        person: Person,
        at: DateTime<FixedOffset>,
    },
}

impl Change {
    /// The change itself, or the changes of a batch, one by one.
    pub fn flatten(self) -> Vec<Change> {
        match self {
            Change::Batch(changes) => changes.into_iter().flat_map(Change::flatten).collect(),
            one => vec![one],
        }
    }

    /// When the change was made, as far as the record says: what orders the changes of several
    /// takers' journals against each other.
    pub fn moment(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            Change::Note(note) => Some(note.at),
            Change::Edit(note) => Some(note.edited.unwrap_or(note.at)),
            Change::Delete { at, .. }
            | Change::Restore { at, .. }
            | Change::ReportField { at, .. }
            | Change::Participation { at, .. }
            | Change::Joined { at, .. }
            | Change::Person { at, .. }
            | Change::End { at } => Some(*at),
            Change::Group(_) => None,
            Change::Floor(change) => Some(change.at),
            Change::Segment(change) => Some(change.at),
            Change::Batch(changes) => changes.iter().filter_map(Change::moment).min(),
        }
    }
}

impl Session {
    /// Applies a change; a change to a note that is not there (an edit after a deletion in a
    /// merged copy, say) is ignored rather than invented.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Note(note) => self.upsert_note(note),
            Change::Edit(note) => {
                if self.note(note.id).is_some() {
                    self.upsert_note(note);
                } else if let Some(trashed) = self.trash.iter_mut().find(|n| n.id == note.id) {
                    *trashed = note;
                }
            }
            Change::Delete { id, .. } => {
                self.delete_note(id);
            }
            Change::Restore { id, .. } => {
                self.restore_note(id);
            }
            Change::Floor(change) => self.record_floor(change),
            Change::Segment(change) => self.record_segment(change),
            Change::Participation { figures, .. } => {
                self.participation = self.participation.updated(&figures);
            }
            // The latest word stands: an end recorded again (corrected) moves it.
            Change::End { at } => self.ended = Some(at),
            Change::ReportField { key, text, .. } => {
                self.report_fields.insert(key, text);
            }
            Change::Batch(changes) => {
                for change in changes {
                    self.apply(change);
                }
            }
            Change::Joined { taker, .. } => self.add_taker(taker),
            Change::Person { person, .. } => self.upsert_person(person),
            Change::Group(group) => self.record_group(group),
        }
    }

    /// Counts a taker in, once (names compared ignoring case and accents).
    pub fn add_taker(&mut self, taker: String) {
        let folded = super::fold(&taker);
        if super::fold(&self.taker) != folded
            && !self.takers.iter().any(|t| super::fold(t) == folded)
        {
            self.takers.push(taker);
        }
    }

    /// Sets a roster entry whole: the one with its id is replaced, or it is added.
    pub fn upsert_person(&mut self, person: Person) {
        match self.person_mut(person.id) {
            Some(entry) => *entry = person,
            None => self.people.push(person),
        }
    }
}

/// The changes of several journals as one: by moment, each journal's own order kept, the
/// earlier journal first at the same moment.
pub fn unite(journals: Vec<Vec<Change>>) -> Vec<Change> {
    let total = journals.iter().map(Vec::len).sum();
    let mut heads: Vec<std::iter::Peekable<std::vec::IntoIter<Change>>> = journals
        .into_iter()
        .map(|journal| journal.into_iter().peekable())
        .collect();
    let mut united = Vec::with_capacity(total);
    let never = DateTime::<FixedOffset>::MIN_UTC.fixed_offset();
    loop {
        let next = heads
            .iter_mut()
            .enumerate()
            .filter_map(|(index, head)| Some((head.peek()?.moment().unwrap_or(never), index)))
            .min();
        match next {
            Some((_, index)) => united.extend(heads[index].next()),
            None => return united,
        }
    }
}

impl Change {
    /// The people the change names, renumbered by `to`.
    pub fn renumber_people(&mut self, to: &impl Fn(PersonId) -> PersonId) {
        let speaker = |speaker: &mut Option<Speaker>| {
            if let Some(Speaker::Person(id)) = speaker {
                *id = to(*id);
            }
        };
        match self {
            Change::Note(note) | Change::Edit(note) => speaker(&mut note.speaker),
            Change::Floor(change) => {
                speaker(&mut change.speaker);
                change.read_by = change.read_by.map(to);
            }
            Change::Person { person, .. } => person.id = to(person.id),
            Change::Group(group) => group.members.iter_mut().for_each(|id| *id = to(*id)),
            Change::Batch(changes) => changes.iter_mut().for_each(|c| c.renumber_people(to)),
            _ => {}
        }
    }

    /// The change with every time in it moved by `by` (a laptop whose clock was off); None if a
    /// time would leave the calendar.
    pub fn shifted(mut self, by: TimeDelta) -> Option<Change> {
        fn shift(at: &mut DateTime<FixedOffset>, by: TimeDelta) -> Option<()> {
            *at = at.checked_add_signed(by)?;
            Some(())
        }
        match &mut self {
            Change::Note(note) | Change::Edit(note) => {
                shift(&mut note.at, by)?;
                if let Some(edited) = &mut note.edited {
                    shift(edited, by)?;
                }
            }
            Change::Delete { at, .. }
            | Change::Restore { at, .. }
            | Change::ReportField { at, .. }
            | Change::Participation { at, .. }
            | Change::Joined { at, .. }
            | Change::Person { at, .. }
            | Change::End { at } => shift(at, by)?,
            Change::Group(_) => {}
            Change::Floor(change) => shift(&mut change.at, by)?,
            Change::Segment(change) => shift(&mut change.at, by)?,
            Change::Batch(changes) => {
                let moved: Option<Vec<Change>> = std::mem::take(changes)
                    .into_iter()
                    .map(|c| c.shifted(by))
                    .collect();
                *changes = moved?;
            }
        }
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_renumbers_the_reader_of_a_turn_and_shifts_an_end() {
        let at = DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let mut read_out = Change::Floor(super::super::note::FloorChange {
            at,
            speaker: Some(Speaker::Online),
            read_by: Some(PersonId(3)),
        });
        read_out.renumber_people(&|id| PersonId(id.0 + 10));
        let Change::Floor(change) = read_out else {
            unreachable!()
        };
        assert_eq!(change.read_by, Some(PersonId(13)));
        let end = Change::End { at }.shifted(TimeDelta::minutes(5)).unwrap();
        assert_eq!(end.moment(), Some(at + TimeDelta::minutes(5)));
    }
}
