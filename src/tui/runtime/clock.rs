//! The screen's clock when it replays a session (`open --clock TIME`): it runs from TIME as the
//! monotonic clock moves, and stops while the rapporteur pauses the video it follows. Counted
//! on the monotonic clock, so the replayed time neither jumps nor stops when the laptop's wall
//! clock is stepped.

use std::time::Instant;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};

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
        let now = self.at.checked_add_signed(run).unwrap_or(self.at);
        // A note stamped in the year 10000 would be written "+10000-…", which is no RFC 3339
        // time: `notes --json` and every reader of the journal expect one. `open --clock`
        // refuses such a start, but a start late in 9999 runs into it.
        now.min(last_writable(*self.at.offset())).max(self.at)
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

/// The last moment RFC 3339 can write in `offset`: both the local and the UTC year are 9999 at
/// most, as `open --clock` and `--at` check.
fn last_writable(offset: FixedOffset) -> DateTime<FixedOffset> {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|day| day.and_hms_nano_opt(23, 59, 59, 999_999_999))
        .expect("a valid date and time");
    let utc = Utc.from_utc_datetime(&last).with_timezone(&offset);
    let local = offset.from_local_datetime(&last).single().unwrap_or(utc);
    utc.min(local)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::Datelike;

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

    #[test]
    fn a_replay_stops_at_the_last_moment_rfc_3339_can_write() {
        let base = Instant::now();
        for start in [
            "9999-12-31T23:59:57Z",
            "9999-12-31T09:59:57+14:00",
            "9999-12-31T11:59:57-12:00",
        ] {
            let start = DateTime::parse_from_rfc3339(start).unwrap();
            let replay = Replay::starting(start, base);
            let later = replay.now(base + Duration::from_secs(3600 * 24));
            assert!(later > start, "{start} runs on to the limit: {later}");
            let written = later.to_rfc3339();
            assert!(
                DateTime::parse_from_rfc3339(&written).is_ok(),
                "{start} ran to {written}"
            );
            assert!(
                later.naive_utc().year() <= 9999 && later.year() <= 9999,
                "{written}"
            );
        }
    }
}
