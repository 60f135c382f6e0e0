//! The balance panel as a rapporteur sees it: shares by group, gender and part that follow the
//! floor, question 3 standing out until someone speaks to it, readable without colour, and drawn
//! at any size without a panic.

use super::support::*;
use crate::model::{Gender, Person, PersonId, RegionalGroup, Role, Session, StakeholderGroup};
use crate::tui::action::Action;
use crate::tui::update::update;
use ratatui::style::Modifier;

const VENI: PersonId = PersonId(5);

/// 40 minutes in: Bruna (a woman, moderating) had the floor 5 minutes, Alexandra (a woman) 15,
/// 小林 (a man) 15, the room has had it since minute 35. Veni, a speaker, has not spoken. No
/// note bears on question 3.
fn session() -> Session {
    let mut session = mid_way(30);
    session.people[0].gender = Some(Gender::Woman);
    session.people[1].gender = Some(Gender::Woman);
    session.people[2].gender = Some(Gender::Man);
    let mut veni = Person::new(VENI, "Veni Markovski");
    veni.stakeholder = Some(StakeholderGroup::PrivateSector);
    veni.region = Some(RegionalGroup::EasternEuropean);
    veni.add_role(Role::Speaker);
    session.people.push(veni);
    for note in &mut session.notes {
        note.questions.retain(|q| *q != 3);
    }
    session
}

fn row_with<'a>(screen: &'a str, words: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(words))
        .unwrap_or_else(|| panic!("no row with {words:?}:\n{screen}"))
}

/// The panel's rows alone, as drawn.
fn panel(app: &crate::tui::App) -> String {
    let area = crate::tui::layout::live(app.ui.size, app).balance;
    let mut buffer = ratatui::buffer::Buffer::empty(app.ui.size);
    ratatui::widgets::Widget::render(app, app.ui.size, &mut buffer);
    (area.y..area.bottom())
        .map(|y| {
            let row: String = (area.x..area.right())
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row + "\n"
        })
        .collect()
}

#[test]
fn the_panel_at_80x24_and_160x48() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app(session(), w, h);
        update(&mut app, Action::ToggleBalance);
        let drawn = panel(&app);
        // Counted by hand: people 35 minutes, the whole floor 40.
        assert!(row_with(&drawn, "Woman").contains("57%"), "{drawn}");
        assert!(row_with(&drawn, "Man ").contains("43%"), "{drawn}");
        assert!(row_with(&drawn, "Speakers").contains("75%"), "{drawn}");
        assert!(row_with(&drawn, "Moderators ").contains("13%"), "{drawn}");
        assert!(row_with(&drawn, "Q3").contains("not yet"), "{drawn}");
        assert!(drawn.contains("Veni Markovski"), "{drawn}");
        insta::assert_snapshot!(format!("balance_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_key_shows_and_hides_the_panel() {
    let mut app = app(session(), 80, 24);
    assert!(!screen(&app).contains("Balance"));
    let action = crate::tui::input::action_for(&app, alt('b')).unwrap();
    update(&mut app, action);
    assert!(screen(&app).contains("Balance of the floor · Alt+b hides"));
    let action = crate::tui::input::action_for(&app, alt('b')).unwrap();
    update(&mut app, action);
    assert!(!screen(&app).contains("Balance"));
}

#[test]
fn shares_follow_the_floor_and_question_3_stands_out_until_someone_speaks_to_it() {
    let (_dir, path) = scratch_session(session());
    let mut run = Run::open(&path);
    update(&mut run.app, Action::Resize(160, 48));
    run.press([alt('b')]);
    let before = panel(&run.app);
    assert!(row_with(&before, "Onsite").contains("13%"), "{before}");
    // Veni takes the floor (his quick key) and holds it 40 minutes: the speakers' share grows
    // with every tick, without a change to the session.
    let quick = run
        .app
        .recording
        .roster_speakers()
        .position(|s| s == crate::model::Speaker::Person(VENI))
        .unwrap();
    run.press([alt(char::from(b'1' + quick as u8))]);
    let generation = run.app.recording.generation;
    run.tick(40 * 60);
    assert_eq!(
        run.app.recording.generation, generation,
        "time alone changes nothing"
    );
    let after = panel(&run.app);
    // Veni's 40 minutes of the people's 75.
    assert!(row_with(&after, "Private").contains("53%"), "{after}");
    assert!(after.contains("Not heard yet: nobody"), "{after}");
    assert!(row_with(&after, "Q3").contains("not yet"), "{after}");

    // A note on question 3: it is addressed.
    run.press([rapporteur_key(&run.app, Action::ToggleQuestion(3))]);
    run.press(typed("Capacity building is where norms meet practice"));
    run.press([key(crossterm::event::KeyCode::Enter)]);
    let addressed = panel(&run.app);
    assert!(
        !row_with(&addressed, "Q3").contains("not yet"),
        "{addressed}"
    );
    assert!(row_with(&addressed, "Q3").contains("1 note"), "{addressed}");
}

/// The event of the first key bound to an action.
fn rapporteur_key(app: &crate::tui::App, action: Action) -> crossterm::event::Event {
    let label = app.ui.keymap.key_for(&action);
    let chord: crate::tui::input::keymap::Chord = label.parse().unwrap();
    crossterm::event::Event::Key(crossterm::event::KeyEvent::new(chord.code, chord.mods))
}

fn scratch_session(session: Session) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    drop(crate::store::Store::create(&path, &session).unwrap());
    (dir, path)
}

#[test]
fn an_unaddressed_question_stands_out_without_colour() {
    let mut app = app(session(), 80, 24);
    update(&mut app, Action::ToggleBalance);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| crate::tui::view::draw(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let panel = crate::tui::layout::live(app.ui.size, &app).balance;
    let styled_row = |number: &str| {
        (panel.y..panel.bottom())
            .find_map(|y| {
                let text: String = (panel.x..panel.right())
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                text.contains(number).then(|| {
                    let x = panel.x + text.find(number).unwrap() as u16;
                    buffer[(x, y)].modifier
                })
            })
            .unwrap()
    };
    let q3 = styled_row("Q3 ");
    assert!(q3.contains(Modifier::REVERSED | Modifier::BOLD), "{q3:?}");
    let q1 = styled_row("Q1 ");
    assert!(!q1.contains(Modifier::REVERSED), "{q1:?}");
}

#[test]
fn the_panel_never_panics_and_keeps_the_screen_whole_down_to_1x1() {
    for w in (1..=90u16).step_by(7) {
        for h in (1..=30u16).step_by(3) {
            let mut app = app(session(), w, h);
            update(&mut app, Action::ToggleBalance);
            assert_eq!(screen(&app).lines().count(), usize::from(h));
        }
    }
    // The panel by itself, in any box at all.
    let mut app = app(session(), 80, 24);
    update(&mut app, Action::ToggleBalance);
    for w in 0..=60u16 {
        for h in 0..=30u16 {
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            let mut buffer = ratatui::buffer::Buffer::empty(area);
            crate::tui::live::balance::render(&app, area, &mut buffer);
        }
    }
}

#[test]
fn at_80x24_the_panel_keeps_every_part_and_a_smaller_window_drops_detail_first() {
    let mut app = app(session(), 80, 24);
    update(&mut app, Action::ToggleBalance);
    let drawn = panel(&app);
    for part in [
        "Stakeholder group",
        "Regional group",
        "Gender",
        "Roles and audience",
        "Questions",
        "Not heard yet",
    ] {
        assert!(drawn.contains(part), "{part}:\n{drawn}");
    }
    update(&mut app, Action::Resize(60, 16));
    let small = panel(&app);
    assert!(small.contains("Balance · Alt+b hides · more"), "{small}");
    assert!(row_with(&small, "Q3").contains("not yet"), "{small}");
    assert!(!small.contains("Regional group"), "{small}");
}

#[test]
fn a_session_clock_that_never_started_shows_no_floor_time_yet() {
    let mut session = roster_only();
    session.floor.clear();
    let mut app = app(session, 160, 48);
    update(&mut app, Action::ToggleBalance);
    let drawn = panel(&app);
    assert!(row_with(&drawn, "Speakers").contains(" 0%"), "{drawn}");
    assert!(drawn.contains("Policy questions · 3 not yet"), "{drawn}");
}
