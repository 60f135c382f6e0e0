//! The live screen: take notes during the session, give the floor, tag, correct.
//!
//! State here ([`Editor`], [`Timeline`]); changes in [`capture`] (the note being typed, the floor,
//! tags, segments) and [`review`] (the timeline: moving, correcting, deleting, filtering); the
//! parts drawn by [`editor`], [`roster`], [`questions`], [`timeline`] and [`balance`] (the panel
//! shown with `Ui::balance`, from the figures [`crate::tui::recording::Recording::count`] keeps).

pub mod balance;
pub mod capture;
pub mod clock;
pub mod editor;
pub mod others;
pub mod pointer;
pub mod questions;
pub mod review;
pub mod roster;
pub mod search;
pub mod timeline;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;

use crate::model::{Note, NoteFilter, NoteId, NoteKind, Session, Speaker};

use super::recording::NoteDraft;
use super::widgets::textarea::new_textarea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Timeline,
}

/// The note being typed (or the note being corrected) and the tags it will get.
pub struct Editor {
    pub text: TextArea<'static>,
    /// When the first character was typed: the note's time.
    pub started: Option<DateTime<FixedOffset>>,
    pub speaker: Option<Speaker>,
    /// Sticky across notes: a question is usually discussed for a while.
    pub questions: Vec<u8>,
    /// Back to a remark after each note.
    pub kind: NoteKind,
    /// The note being corrected, if this is a correction.
    pub editing: Option<NoteId>,
    /// The new note that was being typed when a correction began, to come back to.
    pub stash: Option<NoteDraft>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor {
            text: new_textarea(""),
            started: None,
            speaker: None,
            questions: Vec::new(),
            kind: NoteKind::Remark,
            editing: None,
            stash: None,
        }
    }
}

impl Editor {
    pub fn content(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.text.lines().iter().all(|l| Note::is_blank_text(l))
    }

    pub fn draft(&self) -> NoteDraft {
        NoteDraft {
            text: self.content(),
            started: self.started,
            speaker: self.speaker,
            questions: self.questions.clone(),
            kind: self.kind,
            editing: self.editing,
        }
    }

    /// Puts a note into the editor. The caller tells the saving machine the recovery file is
    /// stale.
    pub fn load(&mut self, draft: NoteDraft) {
        self.text = new_textarea(&draft.text);
        self.started = draft.started;
        self.speaker = draft.speaker;
        self.questions = draft.questions;
        self.kind = draft.kind;
        self.editing = draft.editing;
    }
}

/// Which notes the timeline shows, and where the reader is in them.
#[derive(Debug, Default)]
pub struct Timeline {
    /// How many notes a key and a tick look at for a search (tests make it small to see the
    /// answer built in steps).
    budget: search::Budget,
    pub filter: NoteFilter,
    /// The notes that pass the filter, as far as [`search`] has looked; None when nothing
    /// filters.
    shown: Option<search::Matches>,
    /// Position in the shown notes of the selected one; None follows the newest.
    pub selected: Option<usize>,
    /// Position in the shown notes of the one at the bottom of the view; None follows the newest.
    pub bottom: Option<usize>,
}

impl Timeline {
    pub fn len(&self, session: &Session) -> usize {
        self.shown
            .as_ref()
            .map_or(session.notes.len(), search::Matches::len)
    }

    /// Whether every note has been looked at for the filter (always, with none set).
    pub fn is_whole(&self) -> bool {
        self.shown.as_ref().is_none_or(search::Matches::is_whole)
    }

    /// The position in `session.notes` of the `index`th shown note.
    pub fn note_index(&self, index: usize) -> usize {
        self.shown
            .as_ref()
            .map_or(index, |shown| shown.note_index(index))
    }

    /// Positions in `session.notes` of the shown notes, oldest first.
    #[cfg(test)]
    pub fn shown_notes(&self, session: &Session) -> Vec<usize> {
        (0..self.len(session)).map(|i| self.note_index(i)).collect()
    }

    /// The position among the shown notes of the note at `index` in `session.notes`.
    pub fn shown(&self, index: usize) -> Option<usize> {
        match &self.shown {
            None => Some(index),
            Some(shown) => shown.shown(index),
        }
    }
}
