//! The loop: draw, wait for an event or a tick, turn it into actions ([`crate::tui::input`]),
//! update, run the effects ([`effects`]). Generic over the backend, the event source and the
//! store, so tests drive it with scripted keys into a `TestBackend`.

pub mod clock;
pub mod effects;
pub mod terminal;
pub mod watch;

use std::io;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::model::{Change, Session};
use crate::report::{Profile, TemplateDirs};
use crate::store::Store;

use super::action::{Action, Effect, Moment};
use super::app::App;
use super::input::action_for;
use super::input::keymap::Layer;
use super::recording::{NoteDraft, Recovery};
use super::report::Drafting;
use super::update::update;
use super::widgets::theme::Theme;
use super::{TuiError, view};

pub use effects::{Persist, run_effects};
pub use terminal::{Events, Next, TerminalEvents};

/// How often the clock on screen moves and the recovery file is considered for saving.
const TICK: Duration = Duration::from_millis(250);

/// Opens the store as `taker`, who joined the session (None: its first taker), and builds the
/// app on it, restoring a draft left by a crash.
pub fn open_as(
    path: &Path,
    taker: Option<&str>,
    notice: Option<String>,
    now: Moment,
    theme: Theme,
) -> Result<(App, Store), TuiError> {
    let opened = Store::open_as(path, taker)?;
    let mut store = opened.store;
    let mut app = App::new(opened.session, now, theme);
    app.recording.path = Some(path.to_path_buf());
    let mut messages: Vec<String> = notice.into_iter().collect();
    // The user's own templates and igf profile, if any, as the command line's export uses them.
    let dirs = TemplateDirs::new(TemplateDirs::user_config_dir());
    match Profile::load("igf", &dirs) {
        Ok(profile) => app.ui.drafting = Drafting::new(profile, dirs),
        Err(error) => messages.push(format!("the built-in report profile is used: {error}")),
    }
    messages.extend(opened.warnings.iter().map(ToString::to_string));
    messages.extend(far_from_schedule(&app.recording.session, now.wall));
    let (keymap, keymap_error) = super::input::user::load(super::input::user::path().as_deref());
    app.ui.keymap = keymap;
    if let Some(error) = keymap_error {
        messages.push(format!("{error}; the built-in keys are used"));
    }
    match store.load_draft::<Recovery>() {
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
            app.recording.saving.error = Some(format!(
                "the draft could not be read ({error}); it is kept in {}",
                kept.display()
            ));
        }
    }
    if !messages.is_empty() {
        app.ui.status.message = Some(messages.join(" · "));
    }
    // A restored draft changed the session: the first frame shows its counts.
    app.recording.count();
    Ok((app, store))
}

/// Said once on opening: the screen's clock is now, hours or days from when the session was
/// held, so notes taken from a video would get today's times.
fn far_from_schedule(session: &Session, now: DateTime<FixedOffset>) -> Option<String> {
    let away = session.info.far_from_schedule(now)?;
    let start = session.info.start?;
    let hours = away.num_hours().abs();
    let distance = match hours {
        48.. => format!("{} days", hours / 24),
        _ => format!("{hours} hours"),
    };
    let when = if away < chrono::TimeDelta::zero() {
        format!("scheduled in {distance}")
    } else {
        format!("scheduled {distance} ago")
    };
    // Short: a narrow status line cuts the end.
    Some(format!(
        "{when} ({}); notes take the time now (open --clock TIME for a video)",
        start.format("%Y-%m-%d %H:%M")
    ))
}

fn restore_draft<P: Persist>(app: &mut App, store: &mut P, mut draft: Recovery) -> String {
    let mut unsaved = std::mem::take(&mut draft.pending);
    // A report field being typed becomes a saved draft of that field.
    if let Some(field) = draft.field.take() {
        unsaved.push(Change::ReportField {
            key: field.key,
            text: field.text,
            at: app.recording.now,
        });
    }
    let count = unsaved.len();
    // The roster first: the unsaved notes may name a person added since the header was saved.
    let header = draft.header.take();
    let roster_restored = header.is_some();
    if let Some(header) = header {
        app.recording.session.people = header.people;
        app.recording.session.clock_started = header.clock_started;
        app.recording.saving.header_unsaved = true;
        app.recording.changed();
    }
    for change in unsaved {
        // Applying a change twice is harmless: notes are replaced by id.
        app.recording.apply(change.clone());
        app.recording.saving.pending.push_back(change);
    }
    let correction = draft.correction.take();
    // The main draft is always a new note: a correction travels in `correction`.
    draft.editing = None;
    let has_text = !draft.text.trim().is_empty();
    app.ui.editor.load(draft.note());
    let corrected = correction.map(|c| restore_correction(app, *c));
    // The file on disk holds what was restored. Should it hold the roster, that must go from
    // there once the header is saved, or a later crash would bring back this older roster.
    app.recording.saving.restored(roster_restored);
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
fn restore_correction(app: &mut App, mut correction: NoteDraft) -> String {
    let noted_at = correction
        .editing
        .and_then(|id| app.recording.session.note(id))
        .map(|note| note.at);
    match noted_at {
        Some(noted_at) => {
            let stash = app.ui.editor.draft();
            correction.started = Some(noted_at);
            app.ui.editor.load(correction);
            app.ui.editor.stash = Some(stash);
            // The editor's title says which note; the status line is short.
            let keymap = &app.ui.keymap;
            format!(
                "your correction is back: {} saves it, {} drops it",
                keymap.key_in(Layer::Editor, &Action::Commit),
                keymap.key_in(Layer::Editor, &Action::Back)
            )
        }
        None if app.ui.editor.is_blank() && !correction.text.trim().is_empty() => {
            correction.editing = None;
            correction.started = Some(app.recording.now);
            app.ui.editor.load(correction);
            "the note you were correcting is gone; your corrected text is back as a new note".into()
        }
        None => String::new(),
    }
}

/// Handles one event at the given time: the whole path of a key press.
pub fn step<P: Persist>(app: &mut App, store: &mut P, event: Option<Event>, now: Moment) {
    let effects = update(app, Action::Tick(now));
    run_effects(app, store, effects);
    if let Some(action) = event.and_then(|e| action_for(app, e)) {
        let effects = update(app, action);
        run_effects(app, store, effects);
    }
}

/// Draws and handles events until the user quits, the events end, or a signal stops it.
pub fn event_loop<B: Backend, E: Events, P: Persist>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    store: &mut P,
    mut clock: impl FnMut() -> Moment,
) -> Result<(), TuiError> {
    let backend_error = |e: B::Error| TuiError::Terminal(io::Error::other(e.to_string()));
    while !app.has_quit() {
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
            Ok(Next::Changed) => {
                others_wrote(app, store);
                None
            }
            Ok(Next::Stop(signal)) => {
                // Asked to stop by a signal: what is not in the journal reaches the recovery
                // file; the terminal is given back by the caller.
                save_before_leaving(app, store);
                return Err(TuiError::Stopped(signal));
            }
            Err(error) => {
                // The terminal is gone, not the disk: what was typed since the last autosave
                // can still reach the recovery file. Best effort; the terminal's error is the
                // one told.
                save_before_leaving(app, store);
                return Err(error);
            }
        };
        step(app, store, event, clock());
    }
    Ok(())
}

/// Reads what the other takers wrote and shows it: what the loop does when the folder's watcher
/// (or the poll) says their files changed.
pub fn others_wrote<P: Persist>(app: &mut App, store: &mut P) {
    let effects = update(app, Action::OthersWrote);
    run_effects(app, store, effects);
}

fn save_before_leaving<P: Persist>(app: &mut App, store: &mut P) {
    let effects = update(app, Action::SaveBeforeLeaving);
    run_effects(app, store, effects);
}
