//! What the live screen's in-crate tests share: a session on disk with an online moderator, a
//! clock the test moves, keys through the real dispatch into the real store.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use crate::model::{Person, PersonId, Role, Session};
use crate::store::Store;
use crate::tui::action::{Action, Moment};
use crate::tui::app::App;
use crate::tui::runtime::clock::Replay;
use crate::tui::runtime::step;
use crate::tui::update::update;
use crate::tui::view;
use crate::tui::widgets::theme::Theme;

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a test time")
}

/// The session's scheduled start, and the wall clock's time when the screen opens.
pub fn start() -> DateTime<FixedOffset> {
    at("2022-11-30T09:30:00+01:00")
}

/// A moderator, a speaker and an online moderator, 90 minutes planned.
pub fn session() -> Session {
    let mut session = Session::default();
    session.info.code = "WS #422".into();
    session.info.title = "Norms".into();
    session.info.start = Some(start());
    session.info.duration_minutes = Some(90);
    session.taker = "Tester".into();
    for (id, name, role) in [
        (1, "Bruna Toso", Role::OnsiteModerator),
        (2, "Alexandra Paulus", Role::Speaker),
        (3, "Omar Ribeiro", Role::OnlineModerator),
    ] {
        let mut person = Person::new(PersonId(id), name);
        person.add_role(role);
        session.people.push(person);
    }
    session
}

/// The live screen on `session`, saved in a folder of its own; its clocks at `start()`.
pub struct Live {
    pub app: App,
    pub store: Store,
    pub path: std::path::PathBuf,
    /// The monotonic clock at `start()`.
    base: Instant,
    /// Seconds since `start()`, on both clocks.
    pub seconds: u64,
    _dir: TempDir,
}

impl Live {
    pub fn new(session: Session) -> Live {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("s.ron");
        let store = Store::create(&path, &session).expect("a new session");
        let base = Instant::now();
        let mut app = App::new(
            session,
            Moment {
                wall: start(),
                mono: base,
            },
            Theme { color: false },
        );
        update(&mut app, Action::Resize(100, 30));
        Live {
            app,
            store,
            path,
            base,
            seconds: 0,
            _dir: dir,
        }
    }

    /// The screen's clock replays from `at` from now on, as `open --clock` makes it.
    pub fn replaying(mut self, at: DateTime<FixedOffset>) -> Live {
        let mono = self.moment().mono;
        self.app.recording.replay = Some(Replay::starting(at, mono));
        self.wait(0);
        self
    }

    pub fn moment(&self) -> Moment {
        Moment {
            wall: start() + TimeDelta::seconds(self.seconds as i64),
            mono: self.base + Duration::from_secs(self.seconds),
        }
    }

    /// Both clocks move on by `seconds`, and the screen is told with a tick.
    pub fn wait(&mut self, seconds: u64) {
        self.seconds += seconds;
        let now = self.moment();
        step(&mut self.app, &mut self.store, None, now);
    }

    /// A key as the terminal gives it, through the keymap, `update` and the effects.
    pub fn press(&mut self, event: Event) {
        let now = self.moment();
        step(&mut self.app, &mut self.store, Some(event), now);
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(key(KeyCode::Char(c)));
        }
    }

    /// The screen as the terminal would show it.
    pub fn screen(&self) -> String {
        let size = self.app.ui.size;
        let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
        terminal.draw(|frame| view::draw(frame, &self.app)).unwrap();
        terminal.backend().to_string()
    }

    /// The session as the file on disk holds it.
    pub fn saved(&self) -> Session {
        Store::read(&self.path).expect("the saved session").0
    }

    pub fn status(&self) -> String {
        self.app.ui.status.message.clone().unwrap_or_default()
    }
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Alt and a character; an upper-case one comes with Shift, as terminals send it.
pub fn alt(c: char) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT | shift))
}
