//! The screen's clock when it replays a session (`open --clock TIME`): it runs from TIME as the
//! monotonic clock moves, and stops while the rapporteur pauses the video it follows. Counted
//! on the monotonic clock, so the replayed time neither jumps nor stops when the laptop's wall
//! clock is stepped.

use std::time::Instant;

use chrono::{DateTime, FixedOffset, TimeDelta};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replay {
    /// The replayed time at `since`.
    at: DateTime<FixedOffset>,
    since: Instant,
    paused: bool,
}

impl Replay {
    /// A replay that shows `at` at the monotonic moment `mono`, and runs on from there.
    pub fn starting(at: DateTime<FixedOffset>, mono: Instant) -> Replay {
        Replay {
            at,
            since: mono,
            paused: false,
        }
    }

    /// The replayed time at the monotonic moment `mono`.
    pub fn now(&self, mono: Instant) -> DateTime<FixedOffset> {
        if self.paused {
            return self.at;
        }
        // Beyond chrono's range (centuries of running) the clock stays where it was rather than
        // panicking.
        let run =
            TimeDelta::from_std(mono.saturating_duration_since(self.since)).unwrap_or_default();
        self.at.checked_add_signed(run).unwrap_or(self.at)
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Stops the replayed time at `mono`, or runs it on from where it stopped; says whether it
    /// is now paused.
    pub fn toggle(&mut self, mono: Instant) -> bool {
        self.at = self.now(mono);
        self.since = mono;
        self.paused = !self.paused;
        self.paused
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_paused_replay_stands_still_and_resumes_where_it_stopped() {
        let start = DateTime::parse_from_rfc3339("2022-11-30T14:05:00+01:00").unwrap();
        let base = Instant::now();
        let after = |secs| base + Duration::from_secs(secs);
        let mut replay = Replay::starting(start, base);
        assert_eq!(replay.now(after(30)), start + TimeDelta::seconds(30));
        assert!(replay.toggle(after(30)));
        // Ten minutes of the video paused: the replayed time does not move.
        assert_eq!(replay.now(after(630)), start + TimeDelta::seconds(30));
        assert!(!replay.toggle(after(630)));
        assert_eq!(replay.now(after(645)), start + TimeDelta::seconds(45));
        // A moment before the last toggle (a stale tick) is not time running backwards.
        assert_eq!(replay.now(after(600)), start + TimeDelta::seconds(30));
    }
}
