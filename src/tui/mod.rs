//! The live screen: take notes during the session, give the floor, tag, correct.
//!
//! Elm-style: [`state::App`] holds everything; [`input`] turns terminal events into
//! [`action::Action`]s through the [`keymap`]; [`update::update`] is the one place that changes
//! the app and returns [`action::Effect`]s; [`runtime`] runs those against the store; the view
//! (`impl Widget for &App` in [`view`]) draws from the state alone.

pub mod action;
pub mod drafting;
pub mod editor;
pub mod form;
pub mod header;
pub mod help;
pub mod input;
pub mod keymap;
pub mod picker;
pub mod preview;
pub mod questions;
pub mod report_screen;
pub mod report_update;
pub mod roster;
pub mod runtime;
pub mod state;
pub mod status;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

use std::path::Path;

use crate::store::StoreError;

pub use runtime::{Events, Next, Persist, ScriptedEvents, event_loop, open, step};
pub use state::{App, Draft};

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// Opens the session at `path` on the live screen until the rapporteur quits. `notice` is shown on
/// the status line at start (for example, that the session was just created).
pub fn run(path: &Path, notice: Option<String>) -> Result<(), TuiError> {
    let (mut app, mut store) = open(path, notice, crate::store::now(), theme::Theme::from_env())?;
    let mut terminal = runtime::enter_terminal()?;
    if let Ok(size) = terminal.size() {
        update::update(&mut app, action::Action::Resize(size.width, size.height));
    }
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut runtime::TerminalEvents,
        &mut store,
        crate::store::now,
    );
    runtime::leave_terminal();
    result
}
