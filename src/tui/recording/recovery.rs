//! Two things once both called "draft": the note being typed ([`NoteDraft`], what the editor
//! holds) and the crash-recovery file beside the session ([`Recovery`], `ws.draft.ron`), which
//! carries that note with everything else a crash would lose: changes the journal refused, the
//! report field being typed, a correction under way, a roster the header lacks.
//!
//! The file's field names are a promise: a recovery file left by an earlier version is read.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::model::{Change, NoteId, NoteKind, Person, Speaker};

/// The note being typed (or the note being corrected) and the tags it will get.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NoteDraft {
    pub text: String,
    pub started: Option<DateTime<FixedOffset>>,
    pub speaker: Option<Speaker>,
    pub questions: Vec<u8>,
    pub kind: NoteKind,
    /// The note this corrects, if it is a correction.
    #[serde(default)]
    pub editing: Option<NoteId>,
}

/// What is saved beside the session to survive a crash. Its first fields are the new note being
/// typed, as a [`NoteDraft`] has them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    pub text: String,
    pub started: Option<DateTime<FixedOffset>>,
    pub speaker: Option<Speaker>,
    pub questions: Vec<u8>,
    pub kind: NoteKind,
    #[serde(default)]
    pub editing: Option<NoteId>,
    /// Committed changes that could not be written to the journal yet; replayed on the next open.
    #[serde(default)]
    pub pending: Vec<Change>,
    /// The report field being drafted, if its text changed since it was last saved.
    #[serde(default)]
    pub field: Option<FieldDraft>,
    /// A correction under way when the file was written, beside the new note it interrupted
    /// (which is this file's note): a crash loses neither.
    #[serde(default)]
    pub correction: Option<Box<NoteDraft>>,
    /// The roster and clock, while the header file lacks a change to them: the changes in
    /// `pending` may name a person who is only here.
    #[serde(default)]
    pub header: Option<HeaderDraft>,
}

/// What of the header the live screen changes: who is there, and when the clock started.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HeaderDraft {
    pub people: Vec<Person>,
    pub clock_started: Option<DateTime<FixedOffset>>,
}

/// The report field being drafted, kept in the recovery file so a crash loses at most a second.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldDraft {
    pub key: String,
    pub text: String,
}

impl Recovery {
    /// The file for a new note being typed; the rest is added by who builds it.
    pub fn of(note: NoteDraft) -> Recovery {
        Recovery {
            text: note.text,
            started: note.started,
            speaker: note.speaker,
            questions: note.questions,
            kind: note.kind,
            editing: note.editing,
            ..Recovery::default()
        }
    }

    /// The note in the file, without the rest.
    pub fn note(&self) -> NoteDraft {
        NoteDraft {
            text: self.text.clone(),
            started: self.started,
            speaker: self.speaker,
            questions: self.questions.clone(),
            kind: self.kind,
            editing: self.editing,
        }
    }

    /// Nothing in it would be lost: the file can go.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.pending.is_empty()
            && self.field.is_none()
            && self.correction.is_none()
            && self.header.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_file_of_the_earlier_shape_is_read() {
        // Written when a correction was a whole draft, with its own (empty) envelope fields.
        let old = r#"(text:"parked",started:None,speaker:None,questions:[],kind:Remark,editing:None,pending:[],field:None,correction:Some((text:"fixed",started:None,speaker:Some(Audience),questions:[2],kind:Quote,editing:Some("0190a0b2-2d4e-7c3a-8e7b-6f6f6f6f6f6f"),pending:[],field:None,correction:None,header:None)),header:None)"#;
        let read: Recovery = ron::from_str(old).unwrap();
        assert_eq!(read.text, "parked");
        let correction = read.correction.unwrap();
        assert_eq!(correction.text, "fixed");
        assert_eq!(correction.questions, vec![2]);
        assert!(correction.editing.is_some());
    }
}
