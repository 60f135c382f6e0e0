use crossterm::event::KeyCode;

use crate::model::{PersonId, Role, Speaker};
use crate::tui::app::App;
use crate::tui::live::testing::{Live, alt, key, session};
use crate::tui::overlay::Overlay;

/// The roster's line of the online audience, as drawn.
fn online_line(live: &Live) -> String {
    let screen = live.screen();
    let line = screen.lines().find(|l| l.contains("Online audience"));
    line.expect("the online audience on the roster").to_string()
}

fn picker_title(app: &App) -> Option<&'static str> {
    match &app.ui.overlay {
        Some(Overlay::Picker(picker)) => Some(picker.title()),
        _ => None,
    }
}

#[test]
fn a_chat_question_read_out_is_the_online_audiences_turn_with_its_reader() {
    let mut live = Live::new(session());
    live.press(alt('1'));
    live.wait(60);
    live.press(alt('O'));
    let turn = *live.saved().floor.last().expect("a floor change");
    assert_eq!(turn.speaker, Some(Speaker::Online));
    assert_eq!(
        turn.read_by,
        Some(PersonId(3)),
        "read out by the online moderator"
    );
    let said = live.status();
    assert!(
        said.contains("Online audience (read out by Omar Ribeiro) has the floor"),
        "{said}"
    );
    // The roster gives the reader the line a person's details take.
    let screen = live.screen();
    let mut rows = screen
        .lines()
        .skip_while(|l| !l.contains("Online audience"));
    assert!(
        rows.next()
            .is_some_and(|l| l.contains("Online audience       0:00:00"))
    );
    assert!(
        rows.next()
            .is_some_and(|l| l.contains("│  read out by Omar Ribeiro ")),
        "{screen}"
    );
    // Where there is no room for a line of its own, it follows the name, cut as the row allows.
    crate::tui::update::update(&mut live.app, crate::tui::action::Action::Resize(100, 17));
    assert!(
        online_line(&live).contains("Online audience (rea…"),
        "{}",
        live.screen()
    );
    crate::tui::update::update(&mut live.app, crate::tui::action::Action::Resize(200, 17));
    assert!(
        online_line(&live).contains("Online audience (read out by Omar Ribeiro)"),
        "{}",
        live.screen()
    );
    // The note being typed is the audience's, and says who voices it.
    crate::tui::update::update(&mut live.app, crate::tui::action::Action::Resize(90, 30));
    let screen = live.screen();
    assert!(
        screen.contains("└ Online audience (read out by Omar Ribeiro) · no question · Remark "),
        "{screen}"
    );
    // The chat itself given the floor next is a turn of its own, with nobody reading.
    live.wait(30);
    live.press(alt('o'));
    let turn = *live.saved().floor.last().expect("a floor change");
    assert_eq!((turn.speaker, turn.read_by), (Some(Speaker::Online), None));
    assert!(
        !online_line(&live).contains("read out"),
        "{}",
        online_line(&live)
    );
}

#[test]
fn without_an_online_moderator_the_user_picks_who_read_the_chat_out() {
    let mut without = session();
    without.people[2].roles = vec![Role::Speaker];
    let mut live = Live::new(without);
    live.press(alt('O'));
    assert!(
        live.status()
            .contains("nobody present on the roster is the online moderator"),
        "{}",
        live.status()
    );
    assert_eq!(
        picker_title(&live.app),
        Some("Who read out the online audience's turn?")
    );
    assert!(
        live.saved().floor.is_empty(),
        "nothing recorded before the pick"
    );
    live.type_text("paulus");
    live.press(key(KeyCode::Enter));
    let turn = *live.saved().floor.last().expect("a floor change");
    assert_eq!(turn.speaker, Some(Speaker::Online));
    assert_eq!(turn.read_by, Some(PersonId(2)));
}

#[test]
fn an_online_moderator_marked_absent_does_not_read_the_chat_out() {
    let mut live = Live::new(session());
    live.app.recording.session.people[2].attendance = crate::model::Attendance::Absent;
    live.press(alt('O'));
    assert!(picker_title(&live.app).is_some(), "{}", live.status());
    assert!(live.saved().floor.is_empty());
}
