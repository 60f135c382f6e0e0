//! The real terminal: raw mode, the alternate screen, the mouse and bracketed paste, given back
//! on every way out (a normal quit, an error, a panic, SIGTERM, SIGHUP, SIGINT); and the events
//! it sends, with a scripted source for tests.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};

use crate::tui::TuiError;

use super::watch::Watch;

pub enum Next {
    Event(Event),
    Timeout,
    /// No more events: a script ran out.
    End,
    /// A signal asks the app to stop: save what can be saved and leave.
    Stop,
    /// Another taker's files may have changed.
    Changed,
}

pub trait Events {
    fn next(&mut self, timeout: Duration) -> io::Result<Next>;

    /// Whether another event is already waiting: then drawing can wait until the burst (fast
    /// typing, a paste without bracketed paste) is handled.
    fn more_waiting(&mut self) -> bool {
        false
    }
}

/// The terminal's events, and the signals that ask the app to stop. A signal only sets a flag
/// (signal-hook's, set inside the handler and nothing else); the loop sees it within a tick
/// and leaves as it would on a failing terminal, saving first.
pub struct TerminalEvents {
    stop: Arc<AtomicBool>,
    /// Tells of other takers' changes, when the session is shared.
    watch: Option<Watch>,
}

impl TerminalEvents {
    /// Listens for SIGTERM, SIGHUP and SIGINT. (In raw mode Ctrl+c is a key, not SIGINT: this
    /// is `kill -INT`.)
    pub fn new() -> io::Result<TerminalEvents> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        Ok(TerminalEvents { stop, watch: None })
    }

    /// Also tells, between keys, when another taker's files change.
    pub fn watching(mut self, watch: Watch) -> TerminalEvents {
        self.watch = Some(watch);
        self
    }
}

/// How often a wait for a key looks at the signal flag.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        let mut left = timeout;
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return Ok(Next::Stop);
            }
            if self.watch.as_ref().is_some_and(Watch::changed) {
                return Ok(Next::Changed);
            }
            let wait = left.min(SIGNAL_CHECK);
            if event::poll(wait)? {
                return Ok(Next::Event(event::read()?));
            }
            left = left.saturating_sub(wait);
            if left.is_zero() {
                return Ok(Next::Timeout);
            }
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
