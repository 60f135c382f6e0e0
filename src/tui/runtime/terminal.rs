//! The real terminal: raw mode, the alternate screen, the mouse and bracketed paste, given back
//! on every way out (a normal quit, an error, a panic, SIGTERM, SIGHUP, SIGINT); and the events
//! it sends, with a scripted source for tests.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
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
    /// A signal (its number) asks the app to stop: save what can be saved and leave.
    Stop(i32),
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

/// The terminal's events, and the signals that ask the app to stop.
///
/// A signal only stores its number (signal-hook's flag, set inside the handler and nothing
/// else). Keys are read by crossterm on a thread of their own, because crossterm, once the
/// terminal has hung up (its window closed, `tmux kill-session`), reads its end of file again and
/// again inside one call and never returns. This thread only waits on what that one sends, and
/// looks every [`CHECK`] at the signal and at whether the terminal hung up, so it always leaves,
/// saving first; a reader caught in that loop ends with the program.
pub struct TerminalEvents {
    signal: Arc<AtomicUsize>,
    tty: Tty,
    keys: Option<Receiver<io::Result<Event>>>,
    waiting: Option<io::Result<Event>>,
    /// Tells of other takers' changes, when the session is shared.
    watch: Option<Watch>,
}

/// The terminal crossterm reads from: standard input when it is one, else /dev/tty.
struct Tty {
    fd: RawFd,
    /// Kept open while `fd` is watched.
    _opened: Option<File>,
}

impl Tty {
    fn open() -> io::Result<Tty> {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            return Ok(Tty {
                fd: stdin.as_raw_fd(),
                _opened: None,
            });
        }
        let file = File::options().read(true).write(true).open("/dev/tty")?;
        Ok(Tty {
            fd: file.as_raw_fd(),
            _opened: Some(file),
        })
    }

    /// Whether the terminal hung up or its descriptor broke: nothing will come from it again.
    fn gone(&self) -> bool {
        let mut watched = libc::pollfd {
            fd: self.fd,
            events: 0,
            revents: 0,
        };
        // A poll that does not wait, on one descriptor this struct keeps open; hang-up and error
        // are reported whatever was asked for.
        let ready = unsafe { libc::poll(&mut watched, 1, 0) };
        ready > 0 && watched.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}

impl TerminalEvents {
    /// Listens for SIGTERM, SIGHUP and SIGINT. (In raw mode Ctrl+c is a key, not SIGINT: this
    /// is `kill -INT`.)
    pub fn new() -> io::Result<TerminalEvents> {
        let signal = Arc::new(AtomicUsize::new(0));
        for number in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            // Signal numbers are small and positive.
            signal_hook::flag::register_usize(number, Arc::clone(&signal), number as usize)?;
        }
        Ok(TerminalEvents {
            signal,
            tty: Tty::open()?,
            keys: None,
            waiting: None,
            watch: None,
        })
    }

    /// Also tells, between keys, when another taker's files change.
    pub fn watching(mut self, watch: Watch) -> TerminalEvents {
        self.watch = Some(watch);
        self
    }

    /// Whether the terminal hung up (its window closed): nothing more can be shown on it.
    pub fn terminal_gone(&self) -> bool {
        self.tty.gone()
    }

    /// The reader starts with the first wait, once the terminal is in raw mode.
    fn keys(&mut self) -> &Receiver<io::Result<Event>> {
        self.keys.get_or_insert_with(|| {
            let (sender, keys) = mpsc::channel();
            std::thread::spawn(move || {
                loop {
                    let event = event::read();
                    let failed = event.is_err();
                    if sender.send(event).is_err() || failed {
                        break;
                    }
                }
            });
            keys
        })
    }
}

/// How often a wait for a key looks at the signal, at the terminal and at other takers' files.
const CHECK: Duration = Duration::from_millis(100);

fn gone_error() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the terminal is gone")
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Next> {
        if let Some(event) = self.waiting.take() {
            return event.map(Next::Event);
        }
        let mut left = timeout;
        loop {
            let signal = self.signal.load(Ordering::Relaxed);
            if signal != 0 {
                return Ok(Next::Stop(i32::try_from(signal).unwrap_or(libc::SIGTERM)));
            }
            if self.tty.gone() {
                return Err(gone_error());
            }
            if self.watch.as_ref().is_some_and(Watch::changed) {
                return Ok(Next::Changed);
            }
            let wait = left.min(CHECK);
            match self.keys().recv_timeout(wait) {
                Ok(event) => return event.map(Next::Event),
                Err(RecvTimeoutError::Disconnected) => return Err(gone_error()),
                Err(RecvTimeoutError::Timeout) => {}
            }
            left = left.saturating_sub(wait);
            if left.is_zero() {
                return Ok(Next::Timeout);
            }
        }
    }

    fn more_waiting(&mut self) -> bool {
        if self.waiting.is_none() {
            match self.keys().try_recv() {
                Ok(event) => self.waiting = Some(event),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {}
            }
        }
        self.waiting.is_some()
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

/// Points standard output and error at /dev/null once the terminal is gone. Whatever would
/// still be printed there (ratatui showing the cursor again as it is dropped, an error message)
/// would fail, and `eprintln!` panics on a failed write: a panic while ratatui's hook restores
/// the screen (and prints again) aborts the program, its draft saved but its status lost.
pub fn forget_gone_terminal() {
    if let Ok(null) = File::options().write(true).open("/dev/null") {
        for fd in [libc::STDOUT_FILENO, libc::STDERR_FILENO] {
            // Replaces a descriptor this program owns with a copy of one it just opened.
            unsafe { libc::dup2(null.as_raw_fd(), fd) };
        }
    }
}

/// Gives the terminal back. Quietly when it is gone: there is no one to tell, and a message
/// printed to a closed terminal would fail again.
pub fn leave_terminal() {
    let _ = crossterm::execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
}
