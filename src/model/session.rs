//! The session: its particulars, its policy questions and everything recorded during it.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use super::floor_settle::{FloorConflict, FloorRecords};
use super::group::Group;
use super::note::{FloorChange, Note, NoteId, SegmentChange, Speaker};
use super::participation::Participation;
use super::roster::{Person, PersonId};

/// What the proposal page says about the session, apart from people and questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionInfo {
    /// For example "IGF 2022 WS #422".
    pub code: String,
    pub title: String,
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    /// For example "Round Table - Circle".
    pub format: Option<String>,
    pub duration_minutes: Option<u32>,
    /// For example "16. Peace, Justice and Strong Institutions".
    pub sdgs: Vec<String>,
    pub expected_outcomes: Option<String>,
    /// The proposal's other sections, kept as the page gave them.
    pub sections: Vec<Section>,
    /// The parts the session moves through (opening, speakers, debate, Q&A, closing).
    pub segments: Vec<String>,
}

impl SessionInfo {
    /// The planned length: the duration line, else the scheduled start and end.
    pub fn planned_minutes(&self) -> Option<u32> {
        self.duration_minutes.or_else(|| {
            let (start, end) = (self.start?, self.end?);
            u32::try_from((end - start).num_minutes()).ok()
        })
    }

    /// How far `now` is outside the scheduled time (start to planned end), when it is more than
    /// [`FAR_FROM_SCHEDULE`] away: negative before the start, positive after the end. Opening a
    /// session then usually means catching up on it from its video, not recording it live.
    pub fn far_from_schedule(&self, now: DateTime<FixedOffset>) -> Option<TimeDelta> {
        let start = self.start?;
        let minutes = self.planned_minutes().unwrap_or(0);
        let end = start + TimeDelta::minutes(i64::from(minutes));
        let away = if now < start {
            now.signed_duration_since(start)
        } else {
            now.signed_duration_since(end).max(TimeDelta::zero())
        };
        (away.abs() > FAR_FROM_SCHEDULE).then_some(away)
    }
}

/// Preparing a session a few hours ahead, or finishing notes soon after, is the usual live use.
pub const FAR_FROM_SCHEDULE: TimeDelta = TimeDelta::hours(6);

/// The segments a session has when the proposal names none.
pub const DEFAULT_SEGMENTS: &[&str] = &["Opening", "Speakers", "Debate", "Q&A", "Closing"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyQuestion {
    /// 1-based, as the page numbers them.
    pub number: u8,
    /// A short title where the page gives one ("Title: question").
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

impl PolicyQuestion {
    /// The title if there is one, else the question itself.
    pub fn short(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.text)
    }
}
/// Notes from elsewhere, sorted against a session's own.
#[derive(Debug, Default, PartialEq)]
pub struct Incoming {
    /// Not in the session yet, in the order given.
    pub new: Vec<Note>,
    /// How many were already there, word for word.
    pub already: usize,
}

/// A note brought in whose id is already in the session (or earlier in the same input) with
/// other content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("note {id} is already in the session with other content; nothing was added")]
pub struct NoteClash {
    /// Where in the input it was, from 0.
    pub index: usize,
    pub id: NoteId,
}

/// A whole session: what the header file holds and what the journal recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub info: SessionInfo,
    pub people: Vec<Person>,
    pub questions: Vec<PolicyQuestion>,
    /// Who takes the notes in this copy of the session: its first taker.
    pub taker: String,
    /// The takers who joined after the first, in the order they joined.
    pub takers: Vec<String>,
    /// The break-out groups the room is divided into, in the order they were made.
    pub groups: Vec<Group>,
    /// Where the ids this copy gives newcomers begin: 0 for the first taker; a block of its
    /// own, with the top bit set, for every taker who joined (see [`person_id_block`]).
    pub person_id_block: u32,
    /// When the rapporteur started the session clock.
    pub clock_started: Option<DateTime<FixedOffset>>,
    /// Live notes in time order. Read freely; change through `apply`, `upsert_note`,
    /// `delete_note` and `restore_note`, which keep the timeline sorted and indexed.
    pub notes: Vec<Note>,
    /// Deleted notes, kept so a deletion can be undone.
    pub trash: Vec<Note>,
    /// Floor changes in time order.
    pub floor: Vec<FloorChange>,
    /// Segment changes in time order.
    pub segments: Vec<SegmentChange>,
    /// Takers' floor changes for one moment that differed: the one left out of `floor`, and
    /// the one kept. `check` lists them.
    pub floor_conflicts: Vec<FloorConflict>,
    /// Every taker's floor changes as they recorded them, the first taker's first, that `floor`
    /// is settled from (see [`super::floor_settle`]); empty for a session made in memory, whose
    /// `floor` is all there is.
    pub floor_records: FloorRecords,
    /// Roster ids that another taker's entry for the same person stands for (see
    /// [`super::takers`]): the id, and the one kept.
    pub namesakes: BTreeMap<PersonId, PersonId>,
    /// What united namesakes' entries said differently; `check` lists it.
    pub namesakes_differ: Vec<super::roster::DetailDiffers>,
    /// When the rapporteur ended the session: the floor closed and the counting stopped there.
    pub ended: Option<DateTime<FixedOffset>>,
    /// The latest text of each report field drafted so far, by key.
    pub report_fields: BTreeMap<String, String>,
    /// The participation figures given so far.
    pub participation: Participation,
    /// When each live note was taken, so that a note is found by binary search, not by a scan.
    note_times: HashMap<NoteId, DateTime<FixedOffset>>,
}
impl Session {
    pub fn question(&self, number: u8) -> Option<&PolicyQuestion> {
        self.questions.iter().find(|q| q.number == number)
    }
    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.position(id).map(|index| &self.notes[index])
    }

    /// Where a live note sits in the timeline.
    fn position(&self, id: NoteId) -> Option<usize> {
        // The index is complete unless someone filled `notes` directly; then scan.
        if self.note_times.len() == self.notes.len() {
            let at = *self.note_times.get(&id)?;
            let index = self.notes.partition_point(|n| n.sort_key() < (at, id));
            if self.notes.get(index).is_some_and(|n| n.id == id) {
                return Some(index);
            }
        }
        self.notes.iter().rposition(|n| n.id == id)
    }

    /// Adds or replaces a note, keeping the timeline in time order.
    pub fn upsert_note(&mut self, note: Note) {
        if let Some(index) = self.position(note.id) {
            self.notes.remove(index);
        }
        let index = self
            .notes
            .partition_point(|n| n.sort_key() <= note.sort_key());
        self.note_times.insert(note.id, note.at);
        self.notes.insert(index, note);
    }

    /// Replaces the whole timeline with `notes`, which must be in time order.
    pub(super) fn set_notes(&mut self, notes: Vec<Note>) {
        self.note_times = notes.iter().map(|n| (n.id, n.at)).collect();
        self.notes = notes;
    }

    /// Sorts notes brought in from elsewhere (`note --from`, a merge) against those already here,
    /// by id: a note not here yet is new; one here with the same content is already there; one
    /// here with other content is a clash, and nothing may be added.
    pub fn sort_incoming(&self, incoming: Vec<Note>) -> Result<Incoming, NoteClash> {
        let mut sorted = Incoming::default();
        let mut seen: HashMap<NoteId, usize> = HashMap::new();
        for (index, note) in incoming.into_iter().enumerate() {
            let here = self
                .note(note.id)
                .or_else(|| self.trash.iter().find(|n| n.id == note.id))
                .or_else(|| seen.get(&note.id).map(|at| &sorted.new[*at]));
            match here {
                None => {
                    seen.insert(note.id, sorted.new.len());
                    sorted.new.push(note);
                }
                Some(existing) if *existing == note => sorted.already += 1,
                Some(_) => return Err(NoteClash { index, id: note.id }),
            }
        }
        Ok(sorted)
    }

    /// Moves a note to the trash; returns whether there was such a note.
    pub fn delete_note(&mut self, id: NoteId) -> bool {
        match self.position(id) {
            Some(index) => {
                let note = self.notes.remove(index);
                self.note_times.remove(&id);
                self.trash.push(note);
                true
            }
            None => false,
        }
    }

    /// Takes a note back out of the trash; returns whether there was such a note.
    pub fn restore_note(&mut self, id: NoteId) -> bool {
        match self.trash.iter().rposition(|n| n.id == id) {
            Some(index) => {
                let note = self.trash.remove(index);
                self.upsert_note(note);
                true
            }
            None => false,
        }
    }

    /// Records a floor change of this copy's taker; the same change recorded twice (replayed
    /// after a crash) counts once. In a session read from several takers' files, it is kept with
    /// this taker's records and the floor is settled again, as reading the files would.
    pub fn record_floor(&mut self, change: FloorChange) {
        let taker = self.taker.clone();
        self.add_floor_record(&taker, change);
        self.settle_floor();
    }

    /// Puts a floor change in the floor, in time order, once.
    pub(super) fn insert_floor(&mut self, change: FloorChange) {
        if self.floor.contains(&change) {
            return;
        }
        let at = self.floor.partition_point(|f| f.at <= change.at);
        self.floor.insert(at, change);
    }

    /// Records a segment change; the same change recorded twice counts once.
    pub fn record_segment(&mut self, change: SegmentChange) {
        if self.segments.contains(&change) {
            return;
        }
        let at = self.segments.partition_point(|s| s.at <= change.at);
        self.segments.insert(at, change);
    }

    /// Who has the floor after the last recorded change; nobody once the session has ended.
    pub fn floor_holder(&self) -> Option<Speaker> {
        if self.ended.is_some() {
            return None;
        }
        self.floor.last().and_then(|f| f.speaker)
    }

    /// The segment the session is in, if one was entered.
    pub fn current_segment(&self) -> Option<&str> {
        self.segments.last().map(|s| s.name.as_str())
    }

    /// Where Alt+n (forward) or Alt+N leads from the current segment: its place in the plan,
    /// or None past either end. Before the first segment, forward leads to the first.
    pub fn stepped_segment(&self, forward: bool) -> Option<usize> {
        let plan = self.segment_plan();
        let current = self
            .current_segment()
            .and_then(|current| plan.iter().position(|s| s == current));
        match (current, forward) {
            (None, true) => Some(0),
            (Some(i), true) => Some(i + 1).filter(|next| *next < plan.len()),
            (Some(i), false) => i.checked_sub(1),
            (None, false) => None,
        }
    }

    /// The segments this session moves through.
    pub fn segment_plan(&self) -> Vec<String> {
        if self.info.segments.is_empty() {
            DEFAULT_SEGMENTS.iter().map(|s| s.to_string()).collect()
        } else {
            self.info.segments.clone()
        }
    }

    /// Where offsets ("+00:12:30") count from: the clock start, else the scheduled start.
    pub fn origin(&self) -> Option<DateTime<FixedOffset>> {
        self.clock_started.or(self.info.start)
    }

    /// The latest moment anything was recorded.
    pub fn last_recorded(&self) -> Option<DateTime<FixedOffset>> {
        let notes = self.notes.iter().map(|n| n.at);
        let floor = self.floor.iter().map(|f| f.at);
        let segments = self.segments.iter().map(|s| s.at);
        notes
            .chain(floor)
            .chain(segments)
            .chain(self.clock_started)
            .chain(self.ended)
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_from_schedule_counts_from_either_end_of_the_planned_time() {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
        let info = SessionInfo {
            start: Some(at("2022-11-30T09:30:00+01:00")),
            duration_minutes: Some(90),
            ..SessionInfo::default()
        };
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T08:00:00+01:00")),
            None
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T16:00:00+01:00")),
            None
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-30T18:00:00+01:00")),
            Some(TimeDelta::hours(7))
        );
        assert_eq!(
            info.far_from_schedule(at("2022-11-29T09:30:00+01:00")),
            Some(-TimeDelta::hours(24))
        );
        let unscheduled = SessionInfo::default();
        assert_eq!(
            unscheduled.far_from_schedule(at("2030-01-01T00:00:00Z")),
            None
        );
    }

    #[test]
    fn a_floor_change_replayed_twice_counts_once() {
        let mut session = Session::default();
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let change = FloorChange {
            at,
            speaker: Some(Speaker::Audience),
            read_by: None,
        };
        session.record_floor(change);
        session.record_floor(change);
        assert_eq!(session.floor.len(), 1);
    }

    #[test]
    fn incoming_notes_are_new_already_there_or_a_clash() {
        let mut session = Session::default();
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let kept = Note::new(at, None, vec![], Default::default(), "kept", "t");
        session.upsert_note(kept.clone());
        let fresh = Note::new(at, None, vec![], Default::default(), "fresh", "t");
        let sorted = session
            .sort_incoming(vec![kept.clone(), fresh.clone(), fresh.clone()])
            .unwrap();
        assert_eq!(sorted.new, vec![fresh.clone()]);
        assert_eq!(sorted.already, 2);
        let mut changed = kept.clone();
        changed.text = "changed".into();
        let clash = session.sort_incoming(vec![fresh, changed]).unwrap_err();
        assert_eq!((clash.index, clash.id), (1, kept.id));
    }
}
