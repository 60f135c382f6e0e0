//! Everything recorded during a session is a change applied to it; the store's journal is the list
//! of changes in the order they were made.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::note::{FloorChange, Note, NoteId, SegmentChange};
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
    /// Several changes saved as one record, so that a crash keeps all of them or none.
    Batch(Vec<Change>),
    /// The text of one field of a report being drafted, such as "short.takeaways.1".
    ReportField {
        key: String,
        text: String,
        at: DateTime<FixedOffset>,
    },
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
            Change::ReportField { key, text, .. } => {
                self.report_fields.insert(key, text);
            }
            Change::Batch(changes) => {
                for change in changes {
                    self.apply(change);
                }
            }
        }
    }
}
