//! What can happen to the app: actions (what the user or the clock did) and replies (what the
//! runtime says of the effects it ran) go into `update`; effects (reads and writes of files)
//! come out of it.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyEvent, MouseEvent};
use serde::{Deserialize, Serialize};

use crate::model::{NoteKind, Speaker};
use crate::report::{Format, Report};
use crate::store::News;
use crate::transcript::{Kept, Transcript};

use super::recording::Recovery;

/// A moment as the app sees it: the wall clock for what is shown and recorded (a note's time), and
/// a monotonic clock for timers (autosave, retry, messages), which a wall clock stepping back
/// must not stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub wall: DateTime<FixedOffset>,
    pub mono: Instant,
}

impl Moment {
    pub fn now() -> Moment {
        Moment {
            wall: crate::store::now(),
            mono: Instant::now(),
        }
    }
}

/// A request to change the app, produced by the keymap, the mouse, the clock or a signal. The
/// keymap's file names the actions a key can make; the others are skipped there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    /// Time passes: the clock shown, draft autosave and retries all follow it.
    #[serde(skip)]
    Tick(Moment),
    #[serde(skip)]
    Resize(u16, u16),
    Quit,
    /// The terminal failed, or a signal (SIGTERM, SIGHUP, SIGINT) asks the app to stop: save what
    /// can be saved, now.
    #[serde(skip)]
    SaveBeforeLeaving,
    /// Another taker's files changed (the folder's watcher saw it, or a poll came round).
    #[serde(skip)]
    OthersWrote,
    ToggleHelp,
    /// Move focus between the editor and the timeline.
    SwitchFocus,
    /// Close the top overlay, or leave the timeline or an edit.
    Back,

    // Capture.
    GiveFloor(Speaker),
    /// Give the floor to the person with this quick key (1-based roster position).
    GiveFloorTo(usize),
    CloseFloor,
    ToggleQuestion(u8),
    SetKind(NoteKind),
    Commit,
    Newline,
    /// A key for the text being typed.
    #[serde(skip)]
    Type(KeyEvent),
    /// Text pasted in one piece (bracketed paste): newlines in it do not commit.
    #[serde(skip)]
    Paste(String),
    /// Readline-style editing the textarea does not do by itself.
    EditText(TextEdit),
    StartClock,
    /// Stop the replayed clock (`open --clock`) with the video it follows, or run it on.
    PauseReplay,
    /// End the session: asks first, and ends it on a second press.
    EndSession,
    /// Give the floor to the online audience, read out by the online moderator.
    ReadOutOnline,
    NextSegment,
    /// Back to the segment before the current one in the plan, recorded as a new change.
    PreviousSegment,
    OpenSpeakerPicker,
    OpenAbsencePicker,
    OpenAddPerson,
    /// Choose the break-out group the notes typed from now on are taken in.
    OpenGroupPicker,
    /// Show or hide the balance panel: who had the floor, by group, region, gender and part.
    ToggleBalance,
    /// The participation figures the final report asks for, in a form.
    OpenParticipation,

    // Review.
    Select(Move),
    EditSelected,
    DeleteSelected,
    UndoDelete,
    OpenSearch,
    OpenSpeakerFilter,
    ToggleQuestionFilter(u8),
    CycleKindFilter,
    ClearFilters,

    // Overlays: the picker, the person form and the search line.
    OverlayMove(Move),
    OverlayAccept,
    OverlayNextField,
    OverlayPreviousField,
    #[serde(skip)]
    OverlayType(KeyEvent),

    #[serde(skip)]
    Mouse(MouseEvent),

    // The report screen.
    /// Between the live screen and the report screen.
    SwitchScreen,
    /// Up and down the fields, or the notes behind the field.
    ReportMove(Move),
    /// The next pane: the fields, the field's text, the notes behind it.
    NextPane,
    EditField,
    SaveField,
    ToggleNotes,
    /// Append the selected note, with who said it, to the field.
    PullNote,
    /// Append what the transcript has said around the selected note's time, with its speaker.
    PullPassage,
    /// The short report, or the final one.
    SwitchReport,
    /// Markdown, text or HTML for the preview, the export and a copied report.
    CycleFormat,
    OpenPreview,
    ExportReport,
    CopyField,
    CopyReport,
}

/// What the runtime reports back about an effect it ran. Never made by a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Persisted {
        count: usize,
    },
    PersistFailed {
        saved: usize,
        error: String,
    },
    HeaderSaved,
    HeaderFailed(String),
    DraftSaved,
    DraftFailed(String),
    /// Every effect has run and been replied to: a quit can now tell whether its saves worked.
    WritesDone,
    PreviewReady {
        report: Report,
        format: Format,
        text: Result<String, String>,
    },
    Exported(Result<PathBuf, String>),
    Copied(Result<usize, String>),
    /// What the other takers wrote since the last reading.
    Arrived(News),
    /// The transcript kept with the session and its turns, None when there is none.
    TranscriptRead(Result<Option<Box<(Kept, Transcript)>>, String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextEdit {
    /// Ctrl+w.
    DeleteWordBack,
    /// Ctrl+u.
    DeleteLineBack,
    /// Ctrl+k.
    DeleteLineForward,
    /// Ctrl+z: Ctrl+u was the textarea's undo.
    Undo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
}

/// Work for the runtime: everything that touches the disk.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append the changes not yet written (`Saving::pending`) to the journal, in order.
    Flush,
    /// Write the header: the roster or the clock changed.
    SaveHeader,
    /// Write the crash-recovery file beside the session.
    SaveDraft(Recovery),
    ClearDraft,
    /// Render a report for the preview.
    Preview {
        report: Report,
        format: Format,
    },
    /// Render a report and write it, atomically, to `path`.
    Export {
        report: Report,
        format: Format,
        path: PathBuf,
    },
    /// Write an OSC 52 sequence to the terminal, which may put the text on the clipboard (or not).
    Copy {
        sequence: String,
        chars: usize,
    },
    /// Render a report and copy it like `Copy`.
    CopyReport {
        report: Report,
        format: Format,
    },
    /// Read what the other takers appended to their files.
    ReadOthers,
    /// Read the transcript kept with the session, for the report screen.
    ReadTranscript,
}
