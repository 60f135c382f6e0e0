use chrono::TimeDelta;
use crossterm::event::KeyCode;

use crate::model::Speaker;
use crate::tui::live::testing::{Live, alt, at, key, session, start};

/// The header's second line: the clock and the elapsed time.
fn clock_line(live: &Live) -> String {
    live.screen()
        .lines()
        .nth(1)
        .expect("a header")
        .trim_matches('"')
        .trim_end()
        .to_string()
}

#[test]
fn the_header_says_the_clock_is_a_replay_and_when_it_is_paused() {
    let mut live = Live::new(session()).replaying(at("2022-11-30T14:05:00+01:00"));
    live.wait(31);
    assert!(
        clock_line(&live).starts_with("replay 14:05:31 · 13:05 UTC"),
        "{}",
        clock_line(&live)
    );
    live.press(alt('k'));
    assert!(
        live.status().contains("replay paused at 14:05:31"),
        "{}",
        live.status()
    );
    live.wait(600);
    let paused = clock_line(&live);
    assert!(
        paused.starts_with("replay paused 14:05:31 · 13:05 UTC · Alt+k resumes"),
        "{paused}"
    );
    live.press(alt('k'));
    live.wait(4);
    assert!(
        clock_line(&live).starts_with("replay 14:05:35 "),
        "{}",
        clock_line(&live)
    );
}

#[test]
fn while_the_replay_is_paused_elapsed_time_and_note_times_stand_still() {
    let replayed = at("2022-11-30T14:05:00+01:00");
    let mut live = Live::new(session()).replaying(replayed);
    live.press(alt('g'));
    live.wait(10);
    live.press(alt('k'));
    live.wait(300);
    live.type_text("said during the pause");
    live.wait(20);
    live.press(key(KeyCode::Enter));
    assert!(
        clock_line(&live).contains("elapsed 0:00:10 / 1:30:00"),
        "{}",
        clock_line(&live)
    );
    live.press(alt('k'));
    live.wait(5);
    live.type_text("said after it");
    live.press(key(KeyCode::Enter));
    let saved = live.saved();
    let times: Vec<_> = saved.notes.iter().map(|n| n.at - replayed).collect();
    assert_eq!(times, [TimeDelta::seconds(10), TimeDelta::seconds(15)]);
    assert!(
        clock_line(&live).contains("elapsed 0:00:15 / 1:30:00"),
        "{}",
        clock_line(&live)
    );
}

#[test]
fn without_a_replay_the_pause_key_says_there_is_nothing_to_pause() {
    let mut live = Live::new(session());
    live.wait(12);
    live.press(alt('k'));
    assert!(
        live.status().contains("no replay clock to pause"),
        "{}",
        live.status()
    );
    assert!(live.status().contains("open --clock"), "{}", live.status());
    live.wait(3);
    assert!(
        clock_line(&live).starts_with("09:30:15 (UTC+01:00)"),
        "{}",
        clock_line(&live)
    );
}

#[test]
fn the_end_key_asks_first_and_ends_the_session_at_the_first_press() {
    let mut live = Live::new(session());
    live.press(alt('g'));
    live.press(alt('1'));
    live.wait(130);
    live.press(alt('E'));
    assert!(
        live.status().contains("end the session at 09:32:10?"),
        "{}",
        live.status()
    );
    assert!(live.status().contains("Alt+E again"), "{}", live.status());
    assert_eq!(live.saved().ended, None);
    live.wait(2);
    live.press(alt('E'));
    let ended = start() + TimeDelta::seconds(130);
    assert_eq!(live.saved().ended, Some(ended), "the end is in the journal");
    assert_eq!(live.app.recording.session.floor_holder(), None);
    live.wait(600);
    // Time is counted to the end and no further: on the header, and in the floor times.
    let line = clock_line(&live);
    assert!(
        line.contains("elapsed 0:02:10 / 1:30:00 · ended 09:32:10"),
        "{line}"
    );
    let moderator = Speaker::Person(crate::model::PersonId(1));
    assert_eq!(
        live.app.recording.floor_time(moderator),
        TimeDelta::seconds(130)
    );
    // The floor stays closed after the end.
    live.press(alt('2'));
    assert!(
        live.status().contains("the floor stays closed"),
        "{}",
        live.status()
    );
    assert_eq!(live.saved().floor.len(), 1);
}

#[test]
fn an_end_key_pressed_once_is_forgotten_at_the_next_key_or_after_a_while() {
    let mut live = Live::new(session());
    live.press(alt('E'));
    live.type_text("x");
    live.press(alt('E'));
    assert_eq!(
        live.saved().ended,
        None,
        "typing between the presses said no"
    );
    live.wait(7);
    live.press(alt('E'));
    assert_eq!(live.saved().ended, None, "the first press had expired");
    assert!(live.status().contains("again ends it"), "{}", live.status());
}
