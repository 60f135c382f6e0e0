//! The live screen and the report screen, Elm-style.
//!
//! **Where a key press goes.** [`runtime::event_loop`] reads an event; [`input::action_for`]
//! turns it into an [`action::Action`] through the [`input::keymap`], trying the layers
//! [`input::active_layers`] gives; [`update::update`] is the one place that changes the app
//! ([`app::App`]: the [`recording::Recording`] and the [`app::Ui`]) and hands the action to the
//! screen it concerns ([`live`], [`report`], [`overlay`]); the view ([`view`], drawing from the
//! state alone, with positions from [`layout`]) draws the next frame.
//!
//! **Where a note becomes durable.** Enter in the editor is [`action::Action::Commit`];
//! [`live::capture::commit`] calls [`recording::Recording::record`], which applies the note and
//! queues it with an [`action::Effect::Flush`]; [`runtime::effects::run_effects`] appends it to
//! the journal through [`runtime::Persist`] (the store writes and fsyncs), and answers with an
//! [`action::Reply`] that [`recording::saving::Saving`] reads. Until then the note is also in the
//! crash-recovery file ([`recording::Recovery`]), written every half second while it changes.
//!
//! These are the crate's own modules: `cargo doc --document-private-items` follows the links.
#![allow(rustdoc::private_intra_doc_links)]

// What the program, the benchmarks and the end-to-end tests use is public: the actions (the
// keymap file's vocabulary), the keymap and the user's keymap file, the text helpers the CLI's
// timeline shares, the recovery file's shape, and the app driven a key at a time. The rest is
// the crate's own; the TUI's tests live inside it (`tests`) and reach it there.
pub mod action;
mod app;
pub mod input;
mod layout;
mod live;
mod overlay;
mod recording;
mod report;
mod runtime;
#[doc(hidden)]
pub mod sample;
mod update;
mod view;
pub mod widgets;

#[cfg(test)]
mod tests;

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::store::StoreError;

pub use action::Moment;
pub use app::App;
pub use recording::{FieldDraft, HeaderDraft, NoteDraft, Recovery};
pub use runtime::{Persist, step};
use runtime::{event_loop, open_as};
pub use update::update;
pub use view::draw;

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The io error is the source, which the command line prints after this: not in the
    /// message too, or it reads twice.
    #[error("the terminal")]
    Terminal(#[from] std::io::Error),
    /// SIGTERM, SIGHUP or SIGINT: the draft was saved and the terminal given back.
    #[error(
        "stopped by {}; a note being typed comes back when the session is opened again",
        signal_hook::low_level::signal_name(*.0).unwrap_or("a signal")
    )]
    Stopped(i32),
}

/// Opens the session at `path` on the live screen until the rapporteur quits. `notice` is shown on
/// the status line at start (for example, that the session was just created). With `clock`, the
/// screen's clock runs from that moment instead of now (a session recorded from its video).
/// `taker` is who writes, when not the session's first taker; every other taker's notes and
/// floor changes appear as their files change.
pub fn run(
    path: &Path,
    taker: Option<&str>,
    notice: Option<String>,
    clock: Option<DateTime<FixedOffset>>,
) -> Result<(), TuiError> {
    let now = || Moment {
        wall: crate::store::now(),
        mono: std::time::Instant::now(),
    };
    let opened = now();
    // The replayed time is what every tick gives the app from now on (see `update`).
    let replay = clock.map(|at| runtime::clock::Replay::starting(at, opened.mono));
    let first = Moment {
        wall: clock.unwrap_or(opened.wall),
        ..opened
    };
    let theme = widgets::theme::Theme::from_env();
    let (mut app, mut store) = open_as(path, taker, notice, first, theme)?;
    app.recording.replay = replay;
    // Before the terminal is taken: a signal from now on is seen by the loop.
    let mut events = runtime::TerminalEvents::new()?;
    if let Some(follower) = store.followed() {
        let (folder, header_dir) = follower.watched();
        let watch =
            runtime::watch::Watch::start(&folder, header_dir.as_deref(), follower.news_filter());
        if let Some(why) = &watch.polling {
            app.tell(format!(
                "other takers' notes are looked for every second (no watcher: {why})"
            ));
        }
        events = events.watching(watch);
    }
    let mut terminal = runtime::terminal::enter_terminal()?;
    if let Ok(size) = terminal.size() {
        update::update(&mut app, action::Action::Resize(size.width, size.height));
    }
    let result = event_loop(&mut terminal, &mut app, &mut events, &mut store, now);
    if events.terminal_gone() {
        runtime::terminal::forget_gone_terminal();
    }
    runtime::terminal::leave_terminal();
    result
}

#[cfg(test)]
mod error_tests {
    use super::TuiError;

    /// As the command line prints an error: its message, then each source after a colon.
    fn chained(error: &dyn std::error::Error) -> String {
        let mut said = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            said += &format!(": {cause}");
            source = cause.source();
        }
        said
    }

    #[test]
    fn a_terminal_error_says_its_cause_once() {
        let cause = std::io::Error::other("No such device or address (os error 6)");
        let said = chained(&TuiError::from(cause));
        assert_eq!(said, "the terminal: No such device or address (os error 6)");
    }
}
