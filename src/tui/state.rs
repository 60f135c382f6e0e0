//! The app's state: the session as recorded, and the state of the screen around it.

use std::collections::VecDeque;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, TimeDelta};
use ratatui::layout::Rect;
use ratatui_textarea::{TextArea, WrapMode};
use serde::{Deserialize, Serialize};

use crate::model::{Change, NoteId, NoteKind, Person, PersonId, Session, Speaker};
use crate::stats::{self, Stats, Until};

use super::drafting::{Drafting, FieldDraft, Screen};
use super::form::PersonForm;
use super::keymap::Keymap;
use super::picker::Picker;
use super::preview::Preview;
use super::theme::Theme;

pub struct App {
    pub session: Session,
    /// The session's file, when opened from one: exports go beside it.
    pub session_path: Option<PathBuf>,
    pub screen: Screen,
    /// The report screen: the form, the field being edited.
    pub drafting: Drafting,
    /// The time as last told by a tick; tests set it, so screens are reproducible.
    pub now: DateTime<FixedOffset>,
    /// The size of the terminal, for the layout that mouse clicks and scrolling need.
    pub size: Rect,
    pub editor: Editor,
    pub timeline: Timeline,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub status: Status,
    /// Changes applied to the session but not yet on disk, oldest first.
    pub pending: VecDeque<Change>,
    /// The header (roster, clock) changed and is not yet on disk.
    pub header_unsaved: bool,
    /// The last draft save failed: its error is the one on the status line until a save works.
    pub draft_failed: bool,
    /// The draft last handed to the store carries the roster: once the header is saved, the
    /// draft is saved again without it.
    pub draft_has_header: bool,
    /// When to try failed writes again.
    pub retry_at: Option<DateTime<FixedOffset>>,
    /// Deleted notes, newest last, for undo.
    pub deleted: Vec<NoteId>,
    /// Floor times and question counts; recomputed only when what they count changes (a note
    /// saved, deleted or restored, the floor or the roster), so typing and moving about never
    /// walk the notes. A recount costs about 0.14 ms at 10,000 notes.
    pub stats: Stats,
    pub keymap: Keymap,
    pub theme: Theme,
    /// Quit was asked for while changes were unsaved: the next quit goes through.
    pub quit_armed: bool,
    /// The last try to save before quitting failed and the user was told what would be lost:
    /// the next quit leaves whatever the saves do.
    pub quit_anyway: bool,
    /// Quit was accepted and its last writes are running: the app leaves only once they are
    /// known to have worked, so that a failure can still be told.
    pub quitting: Option<Quitting>,
    /// Set only when everything is saved, or the user chose to leave without it.
    pub quit: bool,
    /// Bumped whenever a note is added, corrected, deleted or restored: caches compare it.
    pub notes_version: u64,
    /// The people in quick-key order: those likeliest to speak first, fixed when the screen
    /// opens so that keys do not move during the session; people added since come last.
    pub quick_order: Vec<PersonId>,
}

/// A quit waiting for its last writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quitting {
    /// The user was told that changes are unsaved and quit again: changes the journal still
    /// refuses may stay in the draft file.
    pub told: bool,
    /// Leave even if the writes fail: the user was told what that loses.
    pub anyway: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Timeline,
}

pub enum Overlay {
    Help {
        scroll: u16,
    },
    Picker(Picker),
    AddPerson(Box<PersonForm>),
    Search(TextArea<'static>),
    /// The rendered report, over the report screen.
    Preview(Preview),
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
    pub stash: Option<Draft>,
    /// Something changed since the draft was last handed to the store: the draft is saved only
    /// then. Set again when a save fails, so that the next tick tries again.
    pub draft_dirty: bool,
    pub saved_at: Option<DateTime<FixedOffset>>,
}

/// The text being typed and its pending tags, as saved beside the session to survive a crash.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
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
    /// A correction under way when the draft was saved, beside the new note it interrupted
    /// (which is this draft's text): a crash loses neither.
    #[serde(default)]
    pub correction: Option<Box<Draft>>,
    /// The roster and clock, while the header file lacks a change to them: the notes in
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
            draft_dirty: false,
            saved_at: None,
        }
    }
}

pub fn new_textarea(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(text.split('\n').map(String::from).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

impl Editor {
    pub fn content(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.text.lines().iter().all(|l| l.trim().is_empty())
    }

    pub fn draft(&self) -> Draft {
        Draft {
            text: self.content(),
            started: self.started,
            speaker: self.speaker,
            questions: self.questions.clone(),
            kind: self.kind,
            editing: self.editing,
            pending: Vec::new(),
            field: None,
            correction: None,
            header: None,
        }
    }

    pub fn load(&mut self, draft: Draft) {
        self.text = new_textarea(&draft.text);
        self.started = draft.started;
        self.speaker = draft.speaker;
        self.questions = draft.questions;
        self.kind = draft.kind;
        self.editing = draft.editing;
        self.changed();
    }

    pub fn changed(&mut self) {
        self.draft_dirty = true;
    }
}

/// Which notes the timeline shows, and where the reader is in them.
#[derive(Debug, Default)]
pub struct Timeline {
    pub filter: Filter,
    /// Positions in `session.notes` of the notes that pass the filter; None when nothing filters.
    pub shown: Option<Vec<usize>>,
    /// Position in the shown notes of the selected one; None follows the newest.
    pub selected: Option<usize>,
    /// Position in the shown notes of the one at the bottom of the view; None follows the newest.
    pub bottom: Option<usize>,
    /// Each note's text folded for search, parallel to `session.notes`; folding every note on
    /// every key press of a search would take milliseconds at 10,000 notes. `App::apply` keeps
    /// it in step one note at a time.
    pub folded: Vec<String>,
    /// The `App::notes_version` that `folded` was made at.
    pub folded_version: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub text: String,
    pub speaker: Option<Speaker>,
    pub question: Option<u8>,
    pub kind: Option<NoteKind>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }
}

impl Timeline {
    pub fn len(&self, session: &Session) -> usize {
        self.shown.as_ref().map_or(session.notes.len(), Vec::len)
    }

    /// The position in `session.notes` of the `index`th shown note.
    pub fn note_index(&self, index: usize) -> usize {
        self.shown.as_ref().map_or(index, |shown| shown[index])
    }
}

#[derive(Debug, Default)]
pub struct Status {
    /// A passing message: what was just done, or a notice given at start. It goes with the
    /// next action other than typing, or `MESSAGE_FOR` after it was first shown.
    pub message: Option<String>,
    /// When the message was first seen by `update`.
    pub message_since: Option<DateTime<FixedOffset>>,
    /// The last write error; stays until a write succeeds.
    pub error: Option<String>,
}

impl App {
    pub fn new(session: Session, now: DateTime<FixedOffset>, theme: Theme) -> Self {
        let stats = stats::compute(&session, Until::Moment(now));
        let mut app = App {
            session,
            session_path: None,
            screen: Screen::Live,
            drafting: Drafting::built_in(),
            now,
            size: Rect::new(0, 0, 80, 24),
            editor: Editor::default(),
            timeline: Timeline::default(),
            focus: Focus::Editor,
            overlay: None,
            status: Status::default(),
            pending: VecDeque::new(),
            header_unsaved: false,
            draft_failed: false,
            draft_has_header: false,
            retry_at: None,
            deleted: Vec::new(),
            stats,
            keymap: Keymap::default(),
            theme,
            quit_armed: false,
            quit_anyway: false,
            quitting: None,
            quit: false,
            notes_version: 0,
            quick_order: Vec::new(),
        };
        app.quick_order = app.session.speaking_order();
        app.editor.speaker = app.session.floor_holder();
        app
    }

    pub fn refresh_stats(&mut self) {
        self.stats = stats::compute(&self.session, Until::Moment(self.now));
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
        let keyed = self.session.quick_keys(&self.quick_order);
        let absent = self.session.roster().filter(|p| p.marked_absent());
        let absent = absent.map(|p| p.id).collect::<Vec<_>>();
        keyed.into_iter().chain(absent).map(Speaker::Person)
    }

    /// Applies a change to the session and tells the caches that depend on what it changed.
    pub fn apply(&mut self, change: Change) {
        if matches!(change, Change::ReportField { .. }) {
            self.drafting.drafts_version += 1;
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
        let folded_current = self.timeline.folded_version == Some(self.notes_version);
        let before = self.note_position(id);
        self.session.apply(change);
        self.notes_version += 1;
        // Fold only the note that changed: refolding them all after every note saved while a
        // search is on would take milliseconds at 10,000 notes.
        if folded_current {
            if let Some(index) = before {
                self.timeline.folded.remove(index);
            }
            if let Some(index) = self.note_position(id) {
                let folded = crate::model::fold(&self.session.notes[index].text);
                self.timeline.folded.insert(index, folded);
            }
            self.timeline.folded_version = Some(self.notes_version);
        }
    }

    /// Where a live note sits in `session.notes`, found by its time without walking the notes.
    fn note_position(&self, id: NoteId) -> Option<usize> {
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

    pub fn unsaved(&self) -> usize {
        self.pending.len() + usize::from(self.header_unsaved)
    }
}
