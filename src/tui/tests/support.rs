//! What the TUI tests share beyond the sample session: the screen as text, keys as a user
//! types them, and the app driven through the runtime on a clock the test moves.

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub use crate::tui::sample::*;

use crate::model::{Change, Session};
use crate::tui::action::Action;
use crate::tui::widgets::theme::Theme;
use crate::tui::{App, update::update, view};

pub fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.ui.size.width, app.ui.size.height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

pub fn alt(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

pub fn alt_key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::ALT))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn typed(text: &str) -> Vec<Event> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// Writes nothing and remembers what was sent to the terminal: for screens that need the
/// runtime (a preview) and for checking what a copy sends.
#[derive(Default)]
pub struct Nowhere {
    pub terminal: Vec<String>,
}

impl crate::tui::Persist for Nowhere {
    fn append(&mut self, _: &Change) -> Result<(), crate::store::StoreError> {
        Ok(())
    }
    fn save_header(&mut self, _: &Session) -> Result<(), crate::store::StoreError> {
        Ok(())
    }
    fn save_draft(&mut self, _: &crate::tui::Recovery) -> Result<(), crate::store::StoreError> {
        Ok(())
    }
    fn clear_draft(&mut self) -> Result<(), crate::store::StoreError> {
        Ok(())
    }
    fn to_terminal(&mut self, sequence: &str) -> std::io::Result<()> {
        self.terminal.push(sequence.to_string());
        Ok(())
    }
}

/// An action through `update` and the runtime, as a key press would go.
pub fn act(app: &mut App, action: Action) {
    let effects = update(app, action);
    crate::tui::runtime::run_effects(app, &mut Nowhere::default(), effects);
}

/// The session at `path` opened as its first taker, as the program opens it.
pub fn open(
    path: &std::path::Path,
    notice: Option<String>,
    now: crate::tui::Moment,
    theme: Theme,
) -> Result<(App, crate::store::Store), crate::tui::TuiError> {
    crate::tui::runtime::open_as(path, None, notice, now, theme)
}

/// The app and its store, driven by key presses on a clock that the test moves.
pub struct Run {
    pub app: App,
    pub store: crate::store::Store,
    pub clock: DateTime<FixedOffset>,
}

impl Run {
    /// `session` saved as ws422.ron in `dir`, and the app opened on it.
    pub fn saved(dir: &tempfile::TempDir, session: &Session) -> (std::path::PathBuf, Run) {
        let path = dir.path().join("ws422.ron");
        crate::store::Store::create(&path, session).expect("the session is saved");
        let run = Run::open(&path);
        (path, run)
    }

    pub fn open(path: &std::path::Path) -> Run {
        let (app, store) =
            open(path, None, moment(now()), Theme { color: false }).expect("the session opens");
        Run {
            app,
            store,
            clock: now(),
        }
    }

    /// Each event a second after the last, as a person types.
    pub fn press(&mut self, events: impl IntoIterator<Item = Event>) {
        for event in events {
            self.clock += TimeDelta::seconds(1);
            crate::tui::step(
                &mut self.app,
                &mut self.store,
                Some(event),
                moment(self.clock),
            );
        }
    }

    pub fn tick(&mut self, seconds: i64) {
        self.clock += TimeDelta::seconds(seconds);
        crate::tui::step(&mut self.app, &mut self.store, None, moment(self.clock));
    }
}
