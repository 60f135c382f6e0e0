//! The session being recorded and what of it is not on disk yet: the model, the caches that
//! depend on it, and the saving state machine ([`saving::Saving`]). No widgets here: this part of
//! the app is tested without a terminal.
//!
//! A change becomes durable in two steps: [`Recording::record`] applies it and queues it with an
//! [`Effect::Flush`]; the runtime appends the queue to the journal (fsync'ed by the store) and
//! answers with a [`super::action::Reply`], which [`saving::Saving::on_reply`] reads.

pub mod recovery;
pub mod saving;

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::model::{Change, NoteId, PersonId, Session, Speaker, fold};
use crate::stats::{self, Balance, Stats, Until};

use super::action::{Effect, Moment};
use super::runtime::clock::Replay;

pub use recovery::{FieldDraft, HeaderDraft, NoteDraft, Recovery};
pub use saving::Saving;

pub struct Recording {
    pub session: Session,
    /// The session's file, when opened from one: exports go beside it.
    pub path: Option<PathBuf>,
    /// The wall clock as last told by a tick: what notes and changes are stamped with, and what
    /// the header shows. Tests set it, so screens are reproducible.
    pub now: DateTime<FixedOffset>,
    /// The monotonic clock as last told by a tick: what the timers compare.
    pub mono: Instant,
    /// The replayed clock `now` follows instead of the wall clock (`open --clock`).
    pub replay: Option<Replay>,
    pub saving: Saving,
    /// Bumped by every change to the session (a change applied, the roster or the clock
    /// changed): the counts compare it.
    pub generation: u64,
    /// The `generation` that `stats` and `balance` were counted at.
    counted_at: u64,
    /// Floor times and question counts; recounted only when the session changed, so typing,
    /// moving about and drawing never walk the notes. Between changes an open floor is counted
    /// on as time passes, for a few additions.
    pub stats: Stats,
    /// The balance panel's figures, derived from `stats` whenever they move.
    pub balance: Balance,
    /// Bumped whenever a note is added, corrected, deleted or restored: caches compare it.
    pub notes_version: u64,
    /// Bumped whenever a report field's draft is applied to the session.
    pub drafts_version: u64,
    pub folded: FoldedNotes,
    /// Deleted notes, newest last, for undo.
    pub deleted: Vec<NoteId>,
    /// The people in quick-key order: those likeliest to speak first, fixed when the screen
    /// opens so that keys do not move during the session; people added since come last.
    pub quick_order: Vec<PersonId>,
}

/// Each note's text folded for search, parallel to `session.notes`: folding every note on every
/// key press of a search would take milliseconds at 10,000 notes. [`Recording::apply`] keeps it
/// in step one note at a time, once a search has built it. Only the notes a search has looked at
/// are folded (the newest first): folding all 100,000 held up the first key for 0.2 s.
#[derive(Debug, Default)]
pub struct FoldedNotes {
    pub texts: Vec<String>,
    /// The `Recording::notes_version` that `texts` was made at.
    pub version: Option<u64>,
    /// The texts at positions below this are not folded yet (left empty).
    pub from: usize,
}

impl Recording {
    pub fn new(session: Session, at: Moment) -> Recording {
        let stats = stats::compute(&session, Until::Moment(at.wall));
        let balance = stats::balance(&session, &stats);
        let quick_order = session.speaking_order();
        Recording {
            session,
            path: None,
            now: at.wall,
            mono: at.mono,
            replay: None,
            saving: Saving::default(),
            generation: 0,
            counted_at: 0,
            stats,
            balance,
            notes_version: 0,
            drafts_version: 0,
            folded: FoldedNotes::default(),
            deleted: Vec::new(),
            quick_order,
        }
    }

    /// Something the counts depend on changed: they are recounted after this update.
    pub fn changed(&mut self) {
        self.generation += 1;
    }

    /// Brings the counts up to date, in `update` after every action: recounted if the session
    /// changed, else the open floor counted on to now. The view only reads them.
    pub fn count(&mut self) {
        let moved = if self.counted_at != self.generation {
            self.stats = stats::compute(&self.session, Until::Moment(self.now));
            self.counted_at = self.generation;
            true
        } else {
            self.stats.count_on(&self.session, self.now)
        };
        if moved {
            self.balance = stats::balance(&self.session, &self.stats);
        }
    }

    /// Floor time of a speaker up to now: the cached count plus the time since, for the speaker
    /// who still holds the floor.
    pub fn floor_time(&self, speaker: Speaker) -> TimeDelta {
        let counted = self.stats.speaker(speaker).floor;
        match (self.stats.open_floor, self.stats.counted_until) {
            (Some(open), Some(until)) if open.speaker == speaker => {
                counted + (self.now - until).max(TimeDelta::zero())
            }
            _ => counted,
        }
    }

    /// The people on the roster in quick-key order: the first nine get Alt+1…Alt+9.
    pub fn roster_speakers(&self) -> impl Iterator<Item = Speaker> + '_ {
        // The people marked absent come after those with keys, and have none.
        let keyed = self.quick_keys();
        let absent = self.session.roster().filter(|p| p.marked_absent());
        let absent = absent.map(|p| p.id).collect::<Vec<_>>();
        keyed.into_iter().chain(absent).map(Speaker::Person)
    }

    /// The people with quick keys, in order: the first nine get Alt+1…Alt+9.
    pub fn quick_keys(&self) -> Vec<PersonId> {
        self.session.quick_keys(&self.quick_order)
    }

    /// Applies a change at once, and queues it for the journal: the one way a change is made.
    pub fn record(&mut self, change: Change, fx: &mut Vec<Effect>) {
        self.apply(change.clone());
        self.saving.pending.push_back(change);
        fx.push(Effect::Flush);
    }

    /// The roster or the clock changed: the header is written again.
    pub fn header_changed(&mut self, fx: &mut Vec<Effect>) {
        self.changed();
        self.saving.header_unsaved = true;
        fx.push(Effect::SaveHeader);
    }

    /// Applies a change to the session and tells the caches that depend on what it changed.
    pub fn apply(&mut self, change: Change) {
        self.changed();
        // Participation figures are seeds of the report's fields, as drafts are their text.
        if matches!(
            change,
            Change::ReportField { .. } | Change::Participation { .. }
        ) {
            self.drafts_version += 1;
        }
        let changed_note = match &change {
            Change::Note(note) | Change::Edit(note) => Some(note.id),
            Change::Delete { id, .. } | Change::Restore { id, .. } => Some(*id),
            _ => None,
        };
        let Some(id) = changed_note else {
            self.session.apply(change);
            return;
        };
        let folded_current = self.folded.version == Some(self.notes_version);
        let before = self.note_position(id);
        self.session.apply(change);
        self.notes_version += 1;
        // Fold only the note that changed: refolding them all after every note saved while a
        // search is on would take milliseconds at 10,000 notes.
        if folded_current {
            let after = self.note_position(id);
            let folded = &mut self.folded;
            if let Some(index) = before {
                folded.texts.remove(index);
                folded.from -= usize::from(index < folded.from);
            }
            if let Some(index) = after {
                folded
                    .texts
                    .insert(index, fold(&self.session.notes[index].text));
                folded.from += usize::from(index < folded.from);
            }
            folded.version = Some(self.notes_version);
        }
    }

    /// The folded texts of the notes, those from position `start` on folded; all of them made
    /// again if a change was missed.
    pub fn folded_notes(&mut self, start: usize) -> &[String] {
        let notes = &self.session.notes;
        let folded = &mut self.folded;
        if folded.version != Some(self.notes_version) {
            folded.texts = vec![String::new(); notes.len()];
            folded.from = notes.len();
            folded.version = Some(self.notes_version);
        }
        if start < folded.from {
            let unfolded = folded.texts[start..folded.from].iter_mut();
            for (text, note) in unfolded.zip(&notes[start..]) {
                *text = fold(&note.text);
            }
            folded.from = start;
        }
        &folded.texts
    }

    /// Where a live note sits in `session.notes`, found by its time without walking the notes.
    pub fn note_position(&self, id: NoteId) -> Option<usize> {
        let at = self.session.note(id)?.at;
        let index = self
            .session
            .notes
            .partition_point(|n| n.sort_key() < (at, id));
        self.session
            .notes
            .get(index)
            .is_some_and(|n| n.id == id)
            .then_some(index)
    }

    /// Changes and header writes not yet on disk.
    pub fn unsaved(&self) -> usize {
        self.saving.unsaved()
    }
}
