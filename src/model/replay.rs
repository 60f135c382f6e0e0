//! Replaying a whole journal at once. Applying changes one by one keeps the timeline sorted after
//! each of them, which costs a shift of the notes for every note that arrives out of time order
//! (merged takers, notes added later with `--at`). Here the notes are gathered by id and sorted
//! once at the end, so a journal in any order loads in O(n log n), with the same result as
//! `Session::apply` change by change.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::change::Change;
use super::note::{Note, NoteId};
use super::session::Session;

impl Session {
    /// Applies a journal's changes in order; the session ends exactly as if each had gone
    /// through `apply`.
    pub fn replay(&mut self, changes: impl IntoIterator<Item = Change>) {
        let changes = changes.into_iter();
        let mut timeline = Gathered::take(self);
        timeline.live.reserve(changes.size_hint().0);
        for change in changes {
            timeline.apply(self, change);
        }
        timeline.put_back(self);
    }
}

/// The session's changing parts while a journal is replayed, kept where finding by id is cheap.
struct Gathered {
    live: HashMap<NoteId, Note>,
    /// The trash in the order of deletion; a restored note leaves a hole.
    trash: Vec<Option<Note>>,
    /// Where each id sits in `trash`, in order: the same id can be there twice in a merged copy.
    trashed: HashMap<NoteId, Vec<usize>>,
    floor: InArrivalOrder<super::note::FloorChange>,
    segments: InArrivalOrder<super::note::SegmentChange>,
}

impl Gathered {
    fn take(session: &mut Session) -> Self {
        let live = std::mem::take(&mut session.notes)
            .into_iter()
            .map(|note| (note.id, note))
            .collect();
        let mut trashed: HashMap<NoteId, Vec<usize>> = HashMap::new();
        let trash: Vec<Option<Note>> = std::mem::take(&mut session.trash)
            .into_iter()
            .map(Some)
            .collect();
        for (index, note) in trash.iter().flatten().enumerate() {
            trashed.entry(note.id).or_default().push(index);
        }
        Gathered {
            live,
            trash,
            trashed,
            floor: InArrivalOrder::from(std::mem::take(&mut session.floor)),
            segments: InArrivalOrder::from(std::mem::take(&mut session.segments)),
        }
    }

    /// What `Session::apply` does, on the gathered parts.
    fn apply(&mut self, session: &mut Session, change: Change) {
        match change {
            Change::Note(note) => {
                self.live.insert(note.id, note);
            }
            Change::Edit(note) => {
                if let Some(live) = self.live.get_mut(&note.id) {
                    *live = note;
                } else if let Some(&first) = self.trashed.get(&note.id).and_then(|at| at.first()) {
                    self.trash[first] = Some(note);
                }
            }
            Change::Delete { id, .. } => {
                if let Some(note) = self.live.remove(&id) {
                    self.trashed.entry(id).or_default().push(self.trash.len());
                    self.trash.push(Some(note));
                }
            }
            Change::Restore { id, .. } => {
                let last = self.trashed.get_mut(&id).and_then(|at| at.pop());
                if let Some(note) = last.and_then(|index| self.trash[index].take()) {
                    self.live.insert(id, note);
                }
            }
            Change::Floor(change) => self.floor.record(change),
            Change::Segment(change) => self.segments.record(change),
            Change::ReportField { .. } | Change::Participation { .. } | Change::End { .. } => {
                session.apply(change)
            }
            Change::Batch(changes) => {
                for change in changes {
                    self.apply(session, change);
                }
            }
            roster @ (Change::Joined { .. } | Change::Person { .. } | Change::Group(_)) => {
                session.apply(roster)
            }
        }
    }

    fn put_back(self, session: &mut Session) {
        let mut notes: Vec<Note> = self.live.into_values().collect();
        // Ids are unique, so the sort key is a total order and an unstable sort is exact.
        notes.sort_unstable_by_key(Note::sort_key);
        session.set_notes(notes);
        session.trash = self.trash.into_iter().flatten().collect();
        session.floor = self.floor.in_time_order(|f| f.at);
        session.segments = self.segments.in_time_order(|s| s.at);
    }
}

/// Floor or segment changes: each recorded once (a change replayed after a crash counts once),
/// and changes at the same moment in the order they arrived.
struct InArrivalOrder<T> {
    seen: HashSet<T>,
    changes: Vec<T>,
}

impl<T: Clone + Eq + Hash> InArrivalOrder<T> {
    fn from(changes: Vec<T>) -> Self {
        let mut gathered = InArrivalOrder {
            seen: HashSet::new(),
            changes: Vec::with_capacity(changes.len()),
        };
        for change in changes {
            gathered.record(change);
        }
        gathered
    }

    fn record(&mut self, change: T) {
        if self.seen.insert(change.clone()) {
            self.changes.push(change);
        }
    }

    /// A stable sort: what inserting each change after those at the same moment gives.
    fn in_time_order<K: Ord>(mut self, at: impl Fn(&T) -> K) -> Vec<T> {
        self.changes.sort_by_key(|change| at(change));
        self.changes
    }
}
