//! The transcript on the report screen. Read and analysed once each time the screen opens (so a
//! transcript imported meanwhile is seen), never while drawing: beside each note behind a field
//! it shows what the transcript has said around the note's time, and pulls that passage into the
//! field with its speaker.

use crate::model::{NoteId, Session};
use crate::transcript::{Analysis, Kept, Passage, Transcript, Version};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::input::keymap::Layer;

use super::Drafting;

/// About a sentence or two: what a row shows and what a pull inserts.
pub const PASSAGE_WORDS: usize = 24;

/// The kept transcript, read against the session.
pub struct Said {
    /// The file it was imported from, as named.
    pub source: String,
    pub version: Option<Version>,
    analysis: Analysis,
}

impl Said {
    pub fn new(session: &Session, kept: Kept, transcript: Transcript) -> Said {
        Said {
            analysis: Analysis::new(session, transcript, &kept.map),
            source: kept.source,
            version: kept.version,
        }
    }

    /// What was said around each note's time, by the estimate, in the notes' order.
    pub fn passages(&self, session: &Session, notes: &[NoteId]) -> Vec<Option<Passage>> {
        notes
            .iter()
            .map(|id| {
                let note = session.note(*id)?;
                self.analysis.said_at(note.at, PASSAGE_WORDS)
            })
            .collect()
    }
}

/// The field's passages, from the transcript read (none without one).
pub fn attach(drafting: &mut Drafting, session: &Session) {
    let Some(field) = drafting.field.as_mut() else {
        return;
    };
    field.passages = match &drafting.transcript {
        Some(said) => said.passages(session, &field.notes),
        None => Vec::new(),
    };
}

/// The runtime read the kept transcript: it is analysed here, once.
pub fn read(app: &mut App, result: Result<Option<Box<(Kept, Transcript)>>, String>) {
    let session = &app.recording.session;
    let drafting = &mut app.ui.drafting;
    drafting.transcript = match result {
        Ok(Some(kept)) => {
            let (kept, transcript) = *kept;
            Some(Said::new(session, kept, transcript))
        }
        Ok(None) => None,
        Err(error) => {
            app.ui.status.message = Some(format!("the kept transcript is not shown: {error}"));
            None
        }
    };
    attach(&mut app.ui.drafting, &app.recording.session);
}

/// Appends what was said around the selected note's time, led by who said it, as a paragraph.
pub fn pull_passage(app: &mut App) {
    let drafting = &mut app.ui.drafting;
    let Some(field) = drafting.field.as_mut() else {
        return;
    };
    if drafting.transcript.is_none() {
        app.ui.status.message = Some(
            "no transcript is kept with this session: `rapporteur transcript SESSION FILE` imports one"
                .into(),
        );
        return;
    }
    let selected = drafting.note_selected;
    let note = field
        .notes
        .get(selected)
        .and_then(|id| app.recording.session.note(*id));
    let Some(note) = note else {
        app.ui.status.message = Some(format!(
            "no notes behind “{}”: a passage is found by a note's time",
            field.label
        ));
        return;
    };
    let Some(passage) = field.passages.get(selected).cloned().flatten() else {
        app.ui.status.message = Some(format!(
            "the transcript has nothing at {}: before or after the session's span",
            note.at.format("%H:%M:%S")
        ));
        return;
    };
    let name = passage.who.name(&app.recording.session);
    field.append_paragraph(&format!("{name}: {}", passage.text));
    app.ui.status.message = Some(format!(
        "pulled what {name} said around {} (transcript line {}) into “{}”",
        note.at.format("%H:%M"),
        passage.line,
        field.label
    ));
    app.recording.saving.recovery_stale();
}

/// The notes pane's title part for the transcript: which keys pull a passage.
pub fn pull_keys(app: &App) -> String {
    let keymap = &app.ui.keymap;
    format!(
        "{} or {} pulls",
        keymap.key_in(Layer::ReportNotes, &Action::PullPassage),
        keymap.key_in(Layer::Report, &Action::PullPassage)
    )
}
