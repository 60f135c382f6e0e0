//! A sample session and the app on it at a fixed clock, for the benchmarks and the TUI's own
//! tests, and the balance panel alone for its benchmark; not part of the library's interface.

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::widgets::theme::Theme;
use super::{App, Moment, layout, live, update::update};
use crate::model::{
    Attendance, Change, FloorChange, Note, NoteKind, Person, PersonId, PolicyQuestion,
    RegionalGroup, Role, SegmentChange, Session, Speaker, StakeholderGroup,
};

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("a test time")
}

/// The session's scheduled start, and the moment the screens are drawn at.
pub fn start() -> DateTime<FixedOffset> {
    at("2022-11-30T09:30:00+01:00")
}

pub fn roster_only() -> Session {
    let mut session = Session::default();
    session.info.code = "IGF 2022 WS #422".into();
    session.info.title = "Cybersecurity norms: from words to deeds".into();
    session.info.duration_minutes = Some(90);
    session.taker = "Tester".into();
    let people = [
        (
            "Bruna Toso de Alcântara",
            StakeholderGroup::CivilSociety,
            RegionalGroup::Grulac,
            Role::OnsiteModerator,
        ),
        (
            "Alexandra Paulus",
            StakeholderGroup::TechnicalCommunity,
            RegionalGroup::Weog,
            Role::Speaker,
        ),
        (
            "小林 美咲",
            StakeholderGroup::Government,
            RegionalGroup::AsiaPacific,
            Role::Speaker,
        ),
        (
            "أمينة بن علي",
            StakeholderGroup::CivilSociety,
            RegionalGroup::African,
            Role::Speaker,
        ),
    ];
    for (i, (name, group, region, role)) in people.into_iter().enumerate() {
        let mut person = Person::new(PersonId(i as u32 + 1), name);
        person.stakeholder = Some(group);
        person.region = Some(region);
        person.add_role(role);
        session.people.push(person);
    }
    for (number, title) in [
        (1, "Implementation"),
        (2, "Accountability"),
        (3, "Capacity building"),
    ] {
        session.questions.push(PolicyQuestion {
            number,
            title: Some(title.into()),
            text: format!("{title}: what should be done?"),
        });
    }
    session
}

/// A session 40 minutes in: clock started, two segments, floor changes and `notes` notes.
pub fn mid_way(notes: usize) -> Session {
    let mut session = roster_only();
    let start = start();
    session.clock_started = Some(start);
    session.people[3].attendance = Attendance::Absent;
    session.apply(Change::Segment(SegmentChange {
        at: start,
        name: "Opening".into(),
    }));
    session.apply(Change::Segment(SegmentChange {
        at: start + TimeDelta::minutes(10),
        name: "Speakers".into(),
    }));
    for (minute, speaker) in [
        (0, Speaker::Person(PersonId(1))),
        (5, Speaker::Person(PersonId(2))),
        (20, Speaker::Person(PersonId(3))),
        (35, Speaker::Audience),
    ] {
        session.apply(Change::Floor(FloorChange {
            at: start + TimeDelta::minutes(minute),
            speaker: Some(speaker),
            read_by: None,
        }));
    }
    let texts = [
        "Norms are not self-implementing; states must report on progress. #norms",
        "能力建设很重要，尤其是对发展中国家。",
        "Who holds states to account? «Naming and shaming» only goes so far 😀",
        "المساءلة تتطلب الشفافية",
    ];
    for i in 0..notes {
        let speaker = match i % 4 {
            0 => Speaker::Person(PersonId(1)),
            1 => Speaker::Person(PersonId(2)),
            2 => Speaker::Person(PersonId(3)),
            _ => Speaker::Audience,
        };
        let note = Note::new(
            start + TimeDelta::seconds(30 + (i as i64 * 2400) / notes.max(1) as i64),
            Some(speaker),
            vec![(i % 3) as u8 + 1],
            NoteKind::ALL[i % 5],
            texts[i % texts.len()],
            "Tester",
        );
        session.apply(Change::Note(note));
    }
    session
}

pub fn now() -> DateTime<FixedOffset> {
    start() + TimeDelta::minutes(40)
}

/// A test's wall-clock time as the app sees a moment: the monotonic clock moves as the wall
/// clock does from the start of the session (tests that step the wall clock back build their
/// own moments).
pub fn moment(wall: DateTime<FixedOffset>) -> Moment {
    static BASE: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(std::time::Instant::now);
    let since = (wall - start()).to_std().unwrap_or_default();
    Moment {
        wall,
        mono: base + since,
    }
}

pub fn app(session: Session, width: u16, height: u16) -> App {
    let mut app = App::new(session, moment(now()), Theme { color: false });
    update(&mut app, Action::Resize(width, height));
    app
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Where the balance panel is drawn on the live screen at the app's size.
pub fn balance_panel_area(app: &App) -> Rect {
    layout::live(app.ui.size, app).balance
}

/// The balance panel alone, drawn from the figures into `area`.
pub fn render_balance_panel(app: &App, area: Rect, buf: &mut Buffer) {
    live::balance::render(app, area, buf);
}
