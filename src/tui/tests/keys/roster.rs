//! The roster changed from the live screen: someone marked absent or present, someone added
//! or added to, and the header that keeps it.

use crossterm::event::KeyCode;

use super::new_session;
use crate::model::{PersonId, Speaker};
use crate::tui::tests::support::*;
use crate::tui::{self, App};

#[test]
fn giving_the_floor_to_someone_marked_absent_marks_them_present() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let keyed = |app: &App| app.recording.session.quick_keys(&app.recording.quick_order);
    let before = keyed(&run.app);
    assert_eq!(before[1], PersonId(2), "Alexandra Paulus has Alt+2");
    run.press([alt('x')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    let absent = |app: &App| {
        app.recording
            .session
            .person(PersonId(2))
            .unwrap()
            .marked_absent()
    };
    assert!(absent(&run.app));
    // Marked absent, she has no quick key: the next person moves up to Alt+2.
    assert_eq!(keyed(&run.app)[1], before[2]);
    run.press([alt('2')]);
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(before[2]))
    );
    assert!(absent(&run.app));
    run.press([alt('s')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    assert!(!absent(&run.app));
    assert_eq!(keyed(&run.app), before, "her key is hers again");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("marked present"), "{status}");
    drop(run);
    let reopened = Run::open(&path);
    assert!(!absent(&reopened.app), "saved in the header");
}

/// Adding someone who is already on the roster (another spelling of the same name) adds to
/// them, as `rapporteur person add` does, rather than listing them twice.
#[test]
fn adding_someone_already_on_the_roster_updates_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let before = run.app.recording.session.roster().count();
    run.press([alt('p')]);
    run.press(typed("alexandra paulus"));
    run.press([key(KeyCode::Tab)]);
    run.press(typed("TU Chemnitz"));
    run.press([key(KeyCode::Enter)]);
    assert!(tui::widgets::status::line(&run.app).contains("already on the roster"));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.roster().count(), before);
    let paulus = reopened
        .app
        .recording
        .session
        .person_named("Alexandra Paulus")
        .unwrap();
    assert_eq!(paulus.affiliation.as_deref(), Some("TU Chemnitz"));
}

#[test]
fn roster_changes_are_saved_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('p')]);
    run.press(typed("Zoë Ndlovu"));
    run.press([key(KeyCode::Tab)]);
    run.press(typed("Research ICT Africa"));
    run.press([key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Right)]);
    run.press([key(KeyCode::Tab)]);
    run.press(typed("african"));
    run.press([key(KeyCode::Enter)]);
    run.press([alt('x')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    // The new person had the next free quick key, 5; with Alexandra Paulus marked absent the
    // people after her move up, so it is 4, and she can take the floor at once.
    run.press([alt('4')]);
    drop(run);
    let reopened = Run::open(&path);
    let zoe = reopened
        .app
        .recording
        .session
        .person_named("Zoe Ndlovu")
        .unwrap();
    assert_eq!(zoe.affiliation.as_deref(), Some("Research ICT Africa"));
    assert_eq!(
        zoe.stakeholder,
        Some(crate::model::StakeholderGroup::CivilSociety)
    );
    assert_eq!(zoe.region, Some(crate::model::RegionalGroup::African));
    assert_eq!(
        reopened.app.recording.session.floor_holder(),
        Some(Speaker::Person(zoe.id))
    );
    assert!(
        reopened
            .app
            .recording
            .session
            .person_named("Alexandra Paulus")
            .unwrap()
            .marked_absent()
    );
}
