//! The session's time on the live screen: the replayed clock of `open --clock`, paused and
//! resumed with the video, and the end of the session.

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::KeyCode;
use tempfile::TempDir;

use crate::model::{PersonId, Session, Speaker};
use crate::store::Store;
use crate::tui::runtime::clock::Replay;
use crate::tui::tests::support::*;

/// The live screen on the sample roster, saved in `dir`.
fn open(dir: &TempDir) -> Run {
    Run::saved(dir, &roster_only()).1
}

/// The screen's clock replays from `from` from now on, as `open --clock` makes it.
fn replay(run: &mut Run, from: DateTime<FixedOffset>) {
    run.app.recording.replay = Some(Replay::starting(from, moment(run.clock).mono));
    run.tick(0);
}

fn saved(dir: &TempDir) -> Session {
    Store::read(dir.path().join("ws422.ron")).unwrap().0
}

/// The header's second line: the clock and the elapsed time.
fn clock_line(run: &Run) -> String {
    let screen = screen(&run.app);
    let line = screen.lines().nth(1).expect("a header");
    line.trim_matches('"').trim_end().to_string()
}

fn status(run: &Run) -> String {
    run.app.ui.status.message.clone().unwrap_or_default()
}

#[test]
fn the_header_says_the_clock_is_a_replay_and_when_it_is_paused() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    replay(&mut run, at("2022-11-30T14:05:00+01:00"));
    run.tick(31);
    let line = clock_line(&run);
    assert!(line.starts_with("replay 14:05:31 · 13:05 UTC   "), "{line}");
    run.press([alt('k')]);
    assert!(
        status(&run).contains("replay paused at 14:05:32"),
        "{}",
        status(&run)
    );
    run.tick(600);
    let line = clock_line(&run);
    assert!(
        line.starts_with("replay paused 14:05:32 · 13:05 UTC · Alt+k resumes   "),
        "{line}"
    );
    run.press([alt('k')]);
    run.tick(4);
    let line = clock_line(&run);
    assert!(line.starts_with("replay 14:05:36 · 13:05 UTC   "), "{line}");
}

#[test]
fn while_the_replay_is_paused_elapsed_time_and_note_times_stand_still() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    let from = at("2022-11-30T14:05:00+01:00");
    replay(&mut run, from);
    run.press([alt('g')]);
    run.tick(9);
    run.press([alt('k')]);
    run.tick(300);
    run.press(typed("said in the pause"));
    run.tick(20);
    run.press([key(KeyCode::Enter)]);
    let line = clock_line(&run);
    assert!(line.contains("elapsed 0:00:10 / 1:30:00"), "{line}");
    run.press([alt('k')]);
    run.tick(5);
    run.press(typed("after"));
    run.press([key(KeyCode::Enter)]);
    let times: Vec<_> = saved(&dir).notes.iter().map(|n| n.at - from).collect();
    assert_eq!(times, [TimeDelta::seconds(11), TimeDelta::seconds(17)]);
    let line = clock_line(&run);
    assert!(line.contains("elapsed 0:00:21 / 1:30:00"), "{line}");
}

#[test]
fn without_a_replay_the_pause_key_says_there_is_nothing_to_pause() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    run.tick(12);
    run.press([alt('k')]);
    let said = status(&run);
    assert!(said.contains("no replay clock to pause"), "{said}");
    assert!(said.contains("open --clock TIME"), "{said}");
    run.tick(2);
    let line = clock_line(&run);
    assert!(
        line.starts_with("10:10:15 (UTC+01:00) · 09:10 UTC"),
        "{line}"
    );
}

#[test]
fn the_end_key_asks_first_and_ends_the_session_at_the_first_press() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    run.press([alt('g'), alt('1')]);
    run.tick(128);
    run.press([alt('E')]);
    let said = status(&run);
    assert!(
        said.contains("end the session at 10:12:11? Alt+E again"),
        "{said}"
    );
    assert_eq!(saved(&dir).ended, None);
    run.tick(2);
    run.press([alt('E')]);
    let ended = at("2022-11-30T10:12:11+01:00");
    assert_eq!(saved(&dir).ended, Some(ended), "the end is in the journal");
    assert_eq!(run.app.recording.session.floor_holder(), None);
    run.tick(600);
    // Time is counted to the end and no further: on the header, and in the floor times.
    let line = clock_line(&run);
    assert!(
        line.contains("elapsed 0:02:10 / 1:30:00 · ended 10:12:11"),
        "{line}"
    );
    let moderator = Speaker::Person(PersonId(1));
    let held = run.app.recording.floor_time(moderator);
    assert_eq!(held, TimeDelta::seconds(129));
    // The floor stays closed after the end.
    run.press([alt('2')]);
    assert!(
        status(&run).contains("the floor stays closed"),
        "{}",
        status(&run)
    );
    assert_eq!(saved(&dir).floor.len(), 1);
}

#[test]
fn an_end_key_pressed_once_is_forgotten_at_the_next_key_or_after_a_while() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    run.press([alt('E'), key(KeyCode::Char('x')), alt('E')]);
    assert_eq!(
        saved(&dir).ended,
        None,
        "typing between the presses said no"
    );
    run.tick(7);
    run.press([alt('E')]);
    assert_eq!(saved(&dir).ended, None, "the first press had expired");
    assert!(status(&run).contains("again ends it"), "{}", status(&run));
}

#[test]
fn a_session_ended_before_its_clock_started_keeps_its_clock_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut run = open(&dir);
    run.press([alt('E'), alt('E')]);
    let ended = saved(&dir).ended.expect("ended");
    let line = clock_line(&run);
    assert!(
        line.ends_with(&format!(
            "ended {} before its clock started",
            ended.format("%H:%M:%S")
        )),
        "{line}"
    );
    run.press([alt('g')]);
    let said = status(&run);
    assert!(said.contains("its clock was never started"), "{said}");
    let session = saved(&dir);
    assert_eq!(
        session.clock_started, None,
        "no clock started after the end"
    );
    assert!(session.segments.is_empty(), "nor a segment entered");
    assert!(clock_line(&run).ends_with("before its clock started"));
}
