//! A question from the online audience read out by the online moderator: the audience's turn,
//! with its reader, from one chord.

use crossterm::event::KeyCode;
use tempfile::TempDir;

use crate::model::{Attendance, FloorChange, Person, PersonId, Role, Session, Speaker};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;
use crate::tui::tests::support::*;

/// The sample roster with an online moderator, Omar Ribeiro (person 5).
fn with_online_moderator() -> Session {
    let mut session = roster_only();
    let mut omar = Person::new(PersonId(5), "Omar Ribeiro");
    omar.add_role(Role::OnlineModerator);
    session.people.push(omar);
    session
}

fn open(dir: &TempDir, session: &Session) -> Run {
    Run::saved(dir, session).1
}

fn last_turn(dir: &TempDir) -> Option<FloorChange> {
    let (session, _) = Store::read(dir.path().join("ws422.ron")).unwrap();
    session.floor.last().copied()
}

/// The roster's line of the online audience and the line under it, as drawn.
fn online_lines(run: &Run) -> (String, String) {
    let screen = screen(&run.app);
    let mut lines = screen
        .lines()
        .skip_while(|l| !l.contains("Online audience"));
    let line = lines.next().expect("the online audience on the roster");
    (
        line.to_string(),
        lines.next().unwrap_or_default().to_string(),
    )
}

fn picker_title(run: &Run) -> Option<&'static str> {
    match &run.app.ui.overlay {
        Some(Overlay::Picker(picker)) => Some(picker.title()),
        _ => None,
    }
}

#[test]
fn a_chat_question_read_out_is_the_online_audiences_turn_with_its_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir, &with_online_moderator());
    act(&mut run.app, Action::Resize(100, 30));
    run.press([alt('1'), alt('R')]);
    let turn = last_turn(&dir).expect("a floor change");
    assert_eq!(turn.speaker, Some(Speaker::Online));
    assert_eq!(
        turn.read_by,
        Some(PersonId(5)),
        "read out by the online moderator"
    );
    let said = run.app.ui.status.message.clone().unwrap_or_default();
    assert!(
        said.contains("Online audience (read out by Omar Ribeiro) has the floor"),
        "{said}"
    );
    // The roster gives the reader the free line under the online audience, whether people
    // take two lines (30 rows) or one (24).
    for height in [30, 24] {
        act(&mut run.app, Action::Resize(100, height));
        let (line, under) = online_lines(&run);
        assert!(line.contains("o Online audience "), "{line}");
        assert!(
            under.contains("│  read out by Omar Ribeiro "),
            "{}",
            screen(&run.app)
        );
    }
    // Where there is no room for a line of its own, it follows the name, cut as the row allows.
    act(&mut run.app, Action::Resize(100, 18));
    let (line, under) = online_lines(&run);
    assert!(line.contains("Online audience (rea…"), "{line}");
    assert!(under.starts_with("\"└──"), "{under}");
    act(&mut run.app, Action::Resize(200, 18));
    let (line, _) = online_lines(&run);
    assert!(
        line.contains("Online audience (read out by Omar Ribeiro)"),
        "{line}"
    );
    // The note being typed is the audience's, and says who voices it.
    act(&mut run.app, Action::Resize(90, 30));
    let screen = screen(&run.app);
    assert!(
        screen.contains("└ Online audience (read out by Omar Ribeiro) · no question · Remark "),
        "{screen}"
    );
    // The chat itself given the floor next is a turn of its own, with nobody reading.
    run.press([alt('o')]);
    let turn = last_turn(&dir).expect("a floor change");
    assert_eq!((turn.speaker, turn.read_by), (Some(Speaker::Online), None));
    let (line, under) = online_lines(&run);
    assert!(
        !line.contains("read out") && !under.contains("read out"),
        "{line}\n{under}"
    );
}

#[test]
fn without_an_online_moderator_the_user_picks_who_read_the_chat_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir, &roster_only());
    run.press([alt('R')]);
    let said = run.app.ui.status.message.clone().unwrap_or_default();
    assert!(
        said.contains("nobody present on the roster is the online moderator"),
        "{said}"
    );
    assert_eq!(
        picker_title(&run),
        Some("Who read out the online audience's turn?")
    );
    assert_eq!(last_turn(&dir), None, "nothing recorded before the pick");
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    let turn = last_turn(&dir).expect("a floor change");
    assert_eq!(turn.speaker, Some(Speaker::Online));
    assert_eq!(turn.read_by, Some(PersonId(2)));
}

#[test]
fn an_online_moderator_marked_absent_is_asked_for_and_marked_present_when_picked() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = with_online_moderator();
    session.people[4].attendance = Attendance::Absent;
    let mut run = open(&dir, &session);
    run.press([alt('R')]);
    assert!(picker_title(&run).is_some());
    assert_eq!(last_turn(&dir), None);

    // Picked all the same, he evidently came.
    run.press(typed("ribeiro"));
    run.press([key(KeyCode::Enter)]);
    assert_eq!(last_turn(&dir).and_then(|t| t.read_by), Some(PersonId(5)));
    let said = run.app.ui.status.message.clone().unwrap_or_default();
    assert!(said.contains("Omar Ribeiro marked present"), "{said}");
    let (saved, _) = Store::read(dir.path().join("ws422.ron")).unwrap();
    assert_eq!(saved.people[4].attendance, Attendance::Present);
}
