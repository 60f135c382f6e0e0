//! The loop: draw, wait for an event or a tick, turn it into actions, update, run the effects.
//! Generic over the backend, the event source and the store, so tests drive it with scripted keys
//! into a `TestBackend`.

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::Terminal;
use ratatui::backend::Backend;

use std::io::Write;

use crate::model::{Change, Session};
use crate::report::{self, Format, Options, Profile, Report, TemplateDirs, clipboard};
use crate::store::{Store, StoreError};

use super::action::{Action, Effect};
use super::drafting::Drafting;
use super::input::action_for;
use super::state::{App, Draft};
use super::theme::Theme;
use super::update::update;
use super::{TuiError, view};

/// How often the clock on screen moves and the draft is considered for saving.
const TICK: Duration = Duration::from_millis(250);

/// Where changes go: the store, or a double in tests.
pub trait Persist {
    fn append(&mut self, change: &Change) -> Result<(), StoreError>;
    fn save_header(&mut self, session: &Session) -> Result<(), StoreError>;
    fn save_draft(&mut self, draft: &Draft) -> Result<(), StoreError>;
    fn clear_draft(&mut self) -> Result<(), StoreError>;

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
    fn save_draft(&mut self, draft: &Draft) -> Result<(), StoreError> {
        Store::save_draft(self, draft)
    }
    fn clear_draft(&mut self) -> Result<(), StoreError> {
        Store::clear_draft(self)
    }
}

pub enum Next {
    Event(Event),
    Timeout,
    /// No more events: a script ran out.
    End,
}

pub trait Events {
    fn next(&mut self, timeout: Duration) -> io::Result<Next>;

    /// Whether another event is already waiting: then drawing can wait until the burst (fast
    /// typing, a paste without bracketed paste) is handled.
    fn more_waiting(&mut self) -> bool {
        false
    }
}

pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        if event::poll(timeout)? {
            Ok(Next::Event(event::read()?))
        } else {
            Ok(Next::Timeout)
        }
    }

    fn more_waiting(&mut self) -> bool {
        event::poll(Duration::ZERO).unwrap_or(false)
    }
}

/// Events from a list, for tests; ends when the list does.
pub struct ScriptedEvents(pub VecDeque<Event>);

impl Events for ScriptedEvents {
    fn next(&mut self, _timeout: Duration) -> io::Result<Next> {
        Ok(self.0.pop_front().map_or(Next::End, Next::Event))
    }
}

/// Opens the store and builds the app on it, restoring a draft left by a crash.
pub fn open(
    path: &Path,
    notice: Option<String>,
    now: DateTime<FixedOffset>,
    theme: Theme,
) -> Result<(App, Store), TuiError> {
    let opened = Store::open(path)?;
    let mut store = opened.store;
    let mut app = App::new(opened.session, now, theme);
    app.session_path = Some(path.to_path_buf());
    let mut messages: Vec<String> = notice.into_iter().collect();
    // The user's own templates and igf profile, if any, as the command line's export uses them.
    let dirs = TemplateDirs::new(TemplateDirs::user_config_dir());
    match Profile::load("igf", &dirs) {
        Ok(profile) => app.drafting = Drafting::new(profile, dirs),
        Err(error) => messages.push(format!("the built-in report profile is used: {error}")),
    }
    messages.extend(opened.warnings.iter().map(ToString::to_string));
    match store.load_draft::<Draft>() {
        Ok(Some(draft)) => {
            let restored = restore_draft(&mut app, &mut store, draft);
            messages.push(restored);
        }
        Ok(None) => {}
        Err(error) => {
            // What could not be read may still hold words the user can recover by hand: move it
            // where no later draft save can overwrite or remove it. Should even that fail, the
            // app does not start, since its first save would replace the draft.
            let kept = store.set_aside_draft()?;
            app.status.error = Some(format!(
                "the draft could not be read ({error}); it is kept in {}",
                kept.display()
            ));
        }
    }
    if !messages.is_empty() {
        app.status.message = Some(messages.join(" · "));
    }
    Ok((app, store))
}

fn restore_draft<P: Persist>(app: &mut App, store: &mut P, mut draft: Draft) -> String {
    let mut unsaved = std::mem::take(&mut draft.pending);
    // A report field being typed becomes a saved draft of that field.
    if let Some(field) = draft.field.take() {
        unsaved.push(Change::ReportField {
            key: field.key,
            text: field.text,
            at: app.now,
        });
    }
    let count = unsaved.len();
    // The roster first: the unsaved notes may name a person added since the header was saved.
    let header = draft.header.take();
    let roster_restored = header.is_some();
    if let Some(header) = header {
        app.session.people = header.people;
        app.session.clock_started = header.clock_started;
        app.header_unsaved = true;
        // The file on disk holds this roster: once the header is saved it must go from there,
        // or a later crash would bring back this older roster over the saved one.
        app.draft_has_header = true;
    }
    for change in unsaved {
        // Applying a change twice is harmless: notes are replaced by id.
        app.apply(change.clone());
        app.pending.push_back(change);
    }
    app.refresh_stats();
    let correction = draft.correction.take();
    // The main draft is always a new note: a correction travels in `correction`.
    draft.editing = None;
    let has_text = !draft.text.trim().is_empty();
    app.editor.load(draft);
    let corrected = correction.map(|c| restore_correction(app, *c));
    app.editor.draft_dirty = false;
    let mut effects = vec![Effect::Flush];
    if roster_restored {
        effects.push(Effect::SaveHeader);
    }
    run_effects(app, store, effects);
    let mut said = Vec::new();
    if roster_restored {
        said.push("roster and clock changes left unsaved last time were restored".to_string());
    }
    said.extend(corrected.filter(|c| !c.is_empty()));
    match (has_text, count) {
        (true, 0) => said.push("the note you were typing was restored".into()),
        (_, n) if n > 0 => said.push(format!(
            "{n} change(s) left unsaved last time were restored"
        )),
        _ => {}
    }
    said.join(" · ")
}

/// Puts a correction left by a crash back in the editor, as a correction of its note when that
/// note is still there; otherwise its text comes back as a new note, if nothing else was typed.
fn restore_correction(app: &mut App, mut correction: Draft) -> String {
    let noted_at = correction
        .editing
        .and_then(|id| app.session.note(id))
        .map(|note| note.at);
    match noted_at {
        Some(noted_at) => {
            let stash = app.editor.draft();
            correction.started = Some(noted_at);
            app.editor.load(correction);
            app.editor.stash = Some(stash);
            // The editor's title says which note; the status line is short.
            "your correction is back: Enter saves it, Esc drops it".into()
        }
        None if app.editor.is_blank() && !correction.text.trim().is_empty() => {
            correction.editing = None;
            correction.started = Some(app.now);
            app.editor.load(correction);
            "the note you were correcting is gone; your corrected text is back as a new note".into()
        }
        None => String::new(),
    }
}

/// Handles one event at the given time: the whole path of a key press.
pub fn step<P: Persist>(
    app: &mut App,
    store: &mut P,
    event: Option<Event>,
    now: DateTime<FixedOffset>,
) {
    let effects = update(app, Action::Tick(now));
    run_effects(app, store, effects);
    if let Some(action) = event.and_then(|e| action_for(app, e)) {
        let effects = update(app, action);
        run_effects(app, store, effects);
    }
}

/// Runs effects in order, telling `update` how each went; what it asks for next runs too.
pub fn run_effects<P: Persist>(app: &mut App, store: &mut P, effects: Vec<Effect>) {
    let mut queue: VecDeque<Effect> = effects.into();
    if queue.is_empty() && app.quitting.is_some() {
        queue.extend(update(app, Action::WritesDone));
    }
    while let Some(effect) = queue.pop_front() {
        let reply = match effect {
            Effect::Flush => {
                let mut saved = 0;
                let mut failure = None;
                for change in &app.pending {
                    match store.append(change) {
                        Ok(()) => saved += 1,
                        Err(error) => {
                            failure = Some(error);
                            break;
                        }
                    }
                }
                match failure {
                    None => Action::Persisted { count: saved },
                    Some(error) => Action::PersistFailed {
                        saved,
                        error: error.to_string(),
                    },
                }
            }
            Effect::SaveHeader => match store.save_header(&app.session) {
                Ok(()) => Action::HeaderSaved,
                Err(error) => Action::HeaderFailed(error.to_string()),
            },
            Effect::SaveDraft(draft) => match store.save_draft(&draft) {
                Ok(()) => Action::DraftSaved,
                Err(error) => Action::DraftFailed(error.to_string()),
            },
            Effect::ClearDraft => match store.clear_draft() {
                Ok(()) => Action::DraftSaved,
                Err(error) => Action::DraftFailed(error.to_string()),
            },
            Effect::Preview { report, format } => Action::PreviewReady {
                report,
                format,
                text: render_report(app, report, format),
            },
            Effect::Export {
                report,
                format,
                path,
            } => Action::Exported(
                render_report(app, report, format)
                    .and_then(|text| {
                        crate::store::write_atomically(&path, text.as_bytes())
                            .map_err(|e| e.to_string())
                    })
                    .map(|()| path),
            ),
            Effect::Copy { sequence, chars } => Action::Copied(
                store
                    .to_terminal(&sequence)
                    .map(|()| chars)
                    .map_err(|e| e.to_string()),
            ),
            Effect::CopyReport { report, format } => {
                Action::Copied(render_report(app, report, format).and_then(|text| {
                    store
                        .to_terminal(&clipboard::osc52_for_terminal(&text))
                        .map(|()| text.chars().count())
                        .map_err(|e| e.to_string())
                }))
            }
        };
        queue.extend(update(app, reply));
        if queue.is_empty() && app.quitting.is_some() {
            queue.extend(update(app, Action::WritesDone));
        }
    }
}

/// The report as `rapporteur export` would write it, with the screen's profile and templates.
pub fn render_report(app: &App, report: Report, format: Format) -> Result<String, String> {
    let options = Options {
        report,
        format,
        anonymous: None,
        template: None,
        dirs: &app.drafting.dirs,
    };
    report::export(&app.session, &app.drafting.profile, &options)
        .map(|exported| exported.text)
        .map_err(|error| error.to_string())
}

/// Either the whole new report is there or the old file is untouched.
pub fn event_loop<B: Backend, E: Events, P: Persist>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    store: &mut P,
    mut clock: impl FnMut() -> DateTime<FixedOffset>,
) -> Result<(), TuiError> {
    let backend_error = |e: B::Error| TuiError::Terminal(io::Error::other(e.to_string()));
    while !app.quit {
        let drawn = if events.more_waiting() {
            Ok(())
        } else {
            terminal
                .draw(|frame| view::draw(frame, app))
                .map(drop)
                .map_err(backend_error)
        };
        let next = drawn.and_then(|()| events.next(TICK).map_err(TuiError::from));
        let event = match next {
            Ok(Next::Event(event)) => Some(event),
            Ok(Next::Timeout) => None,
            Ok(Next::End) => break,
            Err(error) => {
                // The terminal is gone, not the disk: what was typed since the last autosave
                // can still reach the draft file. Best effort; the terminal's error is the one told.
                let effects = update(app, Action::SaveBeforeLeaving);
                run_effects(app, store, effects);
                return Err(error);
            }
        };
        step(app, store, event, clock());
    }
    Ok(())
}

/// Raw mode, the alternate screen, the mouse and bracketed paste; all undone on a panic too.
pub fn enter_terminal() -> Result<ratatui::DefaultTerminal, TuiError> {
    // Installed before ratatui's own hook, which restores the screen and then calls this one.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let terminal = ratatui::try_init()?;
    if let Err(error) = crossterm::execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
    {
        leave_terminal();
        return Err(error.into());
    }
    Ok(terminal)
}

pub fn leave_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}
