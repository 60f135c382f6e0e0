//! Running the effects `update` asks for: every write to the disk (the journal, the header, the
//! recovery file, exports), to the terminal (a copy), and the reads after opening (other takers'
//! files, the kept transcript for the report screen). Each answers with a [`Reply`].
//!
//! A note becomes durable here: [`Effect::Flush`] appends the pending changes through
//! [`Persist::append`], which for the real [`Store`] writes and fsyncs the journal.

use std::collections::VecDeque;
use std::io::{self, Write};

use crate::model::{Change, Session};
use crate::report::{self, Format, Options, Report, clipboard};
use crate::store::{News, SessionPaths, Store, StoreError};
use crate::transcript::{Kept, Transcript};

use crate::tui::action::{Effect, Reply};
use crate::tui::app::App;
use crate::tui::recording::Recovery;
use crate::tui::update::reply;

/// Where changes go: the store, or a double in tests.
pub trait Persist {
    fn append(&mut self, change: &Change) -> Result<(), StoreError>;
    fn save_header(&mut self, session: &Session) -> Result<(), StoreError>;
    fn save_draft(&mut self, draft: &Recovery) -> Result<(), StoreError>;
    fn clear_draft(&mut self) -> Result<(), StoreError>;

    /// What the other takers wrote since the last call; a double that shares nothing has none.
    fn read_others(&mut self) -> News {
        News::default()
    }

    /// Writes an escape sequence (OSC 52, the clipboard) to the terminal. Beside the store
    /// because it is the other thing the app writes; tests replace it to see what was sent.
    fn to_terminal(&mut self, sequence: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(sequence.as_bytes())?;
        out.flush()
    }
}

impl Persist for Store {
    fn append(&mut self, change: &Change) -> Result<(), StoreError> {
        Store::append(self, change)
    }
    fn save_header(&mut self, session: &Session) -> Result<(), StoreError> {
        Store::save_header(self, session)
    }
    fn save_draft(&mut self, draft: &Recovery) -> Result<(), StoreError> {
        Store::save_draft(self, draft)
    }
    fn clear_draft(&mut self) -> Result<(), StoreError> {
        Store::clear_draft(self)
    }
    fn read_others(&mut self) -> News {
        Store::read_others(self)
    }
}

/// Runs effects in order, telling `update` how each went; what it asks for next runs too.
pub fn run_effects<P: Persist>(app: &mut App, store: &mut P, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    if queue.is_empty() && app.recording.saving.leaving() {
        queue.extend(reply(app, Reply::WritesDone));
    }
    while let Some(effect) = queue.pop_front() {
        let answer = match effect {
            Effect::Flush => {
                let mut saved = 0;
                let mut failure = None;
                for change in &app.recording.saving.pending {
                    match store.append(change) {
                        Ok(()) => saved += 1,
                        Err(error) => {
                            failure = Some(error);
                            break;
                        }
                    }
                }
                match failure {
                    None => Reply::Persisted { count: saved },
                    Some(error) => Reply::PersistFailed {
                        saved,
                        error: error.to_string(),
                    },
                }
            }
            Effect::SaveHeader => match store.save_header(&app.recording.session) {
                Ok(()) => Reply::HeaderSaved,
                Err(error) => Reply::HeaderFailed(error.to_string()),
            },
            Effect::SaveDraft(draft) => match store.save_draft(&draft) {
                Ok(()) => Reply::DraftSaved,
                Err(error) => Reply::DraftFailed(error.to_string()),
            },
            Effect::ClearDraft => match store.clear_draft() {
                Ok(()) => Reply::DraftSaved,
                Err(error) => Reply::DraftFailed(error.to_string()),
            },
            Effect::Preview { report, format } => Reply::PreviewReady {
                report,
                format,
                text: render_report(app, report, format),
            },
            Effect::Export {
                report,
                format,
                path,
            } => Reply::Exported(
                render_document(app, report, format)
                    .and_then(|bytes| {
                        let session = app.recording.path.as_deref().ok_or("no session file")?;
                        crate::store::write_user_file(&path, &bytes, session)
                            .map_err(|e| e.to_string())
                    })
                    .map(|()| path),
            ),
            Effect::Copy { sequence, chars } => Reply::Copied(
                store
                    .to_terminal(&sequence)
                    .map(|()| chars)
                    .map_err(|e| e.to_string()),
            ),
            Effect::ReadOthers => Reply::Arrived(store.read_others()),
            Effect::CopyReport { report, format } => {
                Reply::Copied(render_report(app, report, format).and_then(|text| {
                    store
                        .to_terminal(&clipboard::osc52_for_terminal(&text))
                        .map(|()| text.chars().count())
                        .map_err(|e| e.to_string())
                }))
            }
            Effect::ReadTranscript => Reply::TranscriptRead(read_transcript(app)),
        };
        queue.extend(reply(app, answer));
        if queue.is_empty() && app.recording.saving.leaving() {
            queue.extend(reply(app, Reply::WritesDone));
        }
    }
}

/// The transcript kept beside the session file, if any; a session with no file has none.
fn read_transcript(app: &App) -> Result<Option<Box<(Kept, Transcript)>>, String> {
    let Some(path) = app.recording.path.as_deref() else {
        return Ok(None);
    };
    Kept::load_read(&SessionPaths::new(path).transcript)
        .map(|kept| kept.map(Box::new))
        .map_err(|error| error.to_string())
}

/// The report as `rapporteur export` would write it, with the screen's profile and templates.
pub fn render_report(app: &App, report: Report, format: Format) -> Result<String, String> {
    report::export(
        &app.recording.session,
        &app.ui.drafting.profile,
        &screen_options(app, report, format),
    )
    .map(|exported| exported.text)
    .map_err(|error| error.to_string())
}

/// The report's file in any format, Word included, as Alt+e writes it.
fn render_document(app: &App, report: Report, format: Format) -> Result<Vec<u8>, String> {
    report::export_document(
        &app.recording.session,
        &app.ui.drafting.profile,
        &screen_options(app, report, format),
    )
    .map(|document| document.bytes)
    .map_err(|error| error.to_string())
}

fn screen_options(app: &App, report: Report, format: Format) -> Options<'_> {
    Options {
        report,
        format,
        anonymous: None,
        template: None,
        dirs: &app.ui.drafting.dirs,
        wrap: None,
    }
}
