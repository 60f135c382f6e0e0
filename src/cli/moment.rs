//! The times a rapporteur gives on the command line: `14:05`, `14:05:30`, an RFC 3339 time, or
//! `+00:12:30` from the session start.

use chrono::{DateTime, Datelike, FixedOffset, NaiveTime, TimeDelta, Timelike};

use rapporteur::model::Session;
use rapporteur::store::now;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum MomentError {
    #[error(
        "\"{0}\" is not a time; expected 14:05, 14:05:30, +00:12:30 (from the session start) or an RFC 3339 time such as 2022-12-01T14:05:00Z"
    )]
    Unreadable(String),
    #[error(
        "\"{0}\" counts from the session start, but this session has neither a scheduled start nor a started clock"
    )]
    NoOrigin(String),
    #[error("\"{0}\" has a second of 60; seconds go from 00 to 59")]
    LeapSecond(String),
    #[error(
        "\"{0}\" is past the years 0000 to 9999 that RFC 3339 times can say; expected a time in the session, such as 14:05 or +00:12:30"
    )]
    OutOfRange(String),
}

/// Reads `text` as a moment. A time of day is taken on the day and in the time zone of `origin`
/// (the session's start), or of `now` when the session has none.
pub fn parse_moment(
    text: &str,
    origin: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, MomentError> {
    let text = text.trim();
    let unreadable = || MomentError::Unreadable(text.to_string());
    if let Some(offset) = text.strip_prefix('+') {
        let origin = origin.ok_or_else(|| MomentError::NoOrigin(text.to_string()))?;
        let moment = origin
            .checked_add_signed(parse_offset(offset).ok_or_else(unreadable)?)
            .ok_or_else(|| MomentError::OutOfRange(text.to_string()))?;
        return checked(moment, text);
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return checked(moment, text);
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| unreadable())?;
    if is_leap_second(time) {
        return Err(MomentError::LeapSecond(text.to_string()));
    }
    let day = origin.unwrap_or(now);
    let moment = day
        .date_naive()
        .and_time(time)
        .and_local_timezone(day.timezone())
        .single()
        .ok_or_else(unreadable)?;
    checked(moment, text)
}

/// chrono reads a second of 60 as a leap second; nobody types one on purpose, and the IGF clock
/// has none, so `14:05:60` is refused rather than read as 14:06:00 or kept as a 61st second.
fn is_leap_second(time: NaiveTime) -> bool {
    time.nanosecond() >= 1_000_000_000
}

/// A moment read from the command line or a JSON line, refused if it has a second of 60 or a
/// year that RFC 3339, and so `notes --json`, cannot write.
pub fn checked(
    at: DateTime<FixedOffset>,
    text: &str,
) -> Result<DateTime<FixedOffset>, MomentError> {
    if is_leap_second(at.time()) {
        return Err(MomentError::LeapSecond(text.to_string()));
    }
    let years = 0..=9999;
    if !years.contains(&at.year()) || !years.contains(&at.naive_utc().year()) {
        return Err(MomentError::OutOfRange(text.to_string()));
    }
    Ok(at)
}

/// How a moment reads in the commands' output: to the second, with its offset.
pub fn shown(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M:%S %:z").to_string()
}

/// A word of warning when a given time is unlikely to be meant: well outside the scheduled
/// session, or, for a session with no schedule, in the future. The time is still used.
pub fn doubt(
    at: DateTime<FixedOffset>,
    schedule: (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>),
    now: DateTime<FixedOffset>,
) -> Option<String> {
    // Near the ends of chrono's range a bound cannot be computed; such a time is doubtful anyway.
    let shifted = |moment: DateTime<FixedOffset>, by: TimeDelta| moment.checked_add_signed(by);
    let margin = TimeDelta::hours(1);
    match schedule {
        (Some(start), end) => {
            let end = end.or_else(|| shifted(start, TimeDelta::hours(3)));
            let too_early = shifted(start, -margin).is_none_or(|bound| at < bound);
            let too_late = end
                .and_then(|end| shifted(end, margin))
                .is_none_or(|bound| at > bound);
            let end = end.unwrap_or(start);
            (too_early || too_late).then(|| {
                format!(
                    "{} is outside the scheduled session ({} to {}); check the date and time",
                    shown(at),
                    shown(start),
                    shown(end)
                )
            })
        }
        (None, _) => shifted(now, TimeDelta::minutes(5))
            .is_none_or(|bound| at > bound)
            .then(|| format!("{} is in the future; check the date and time", shown(at))),
    }
}

/// The moment a command records: the `--at` given, else now; with a warning on stderr when it is
/// unlikely to be meant (see [`doubt`]).
pub fn given_or_now(
    given: Option<&str>,
    session: &Session,
) -> Result<DateTime<FixedOffset>, MomentError> {
    let now = now();
    let at = match given {
        Some(text) => parse_moment(text, session.origin(), now)?,
        None => now,
    };
    if let Some(doubt) = doubt(at, (session.info.start, session.info.end), now) {
        super::warn(doubt);
    }
    Ok(at)
}

/// `HH:MM:SS` or `MM:SS` (minutes may exceed 59: `+95:00`).
pub fn parse_offset(text: &str) -> Option<TimeDelta> {
    let parts: Vec<i64> = text
        .split(':')
        .map(|p| p.parse::<u32>().ok().map(i64::from))
        .collect::<Option<_>>()?;
    let seconds = match parts.as_slice() {
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        [m, s] if *s < 60 => m * 60 + s,
        _ => return None,
    };
    TimeDelta::try_seconds(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn reads_every_documented_form() {
        let origin = Some(at("2022-12-01T13:50:00+00:00"));
        let now = at("2026-11-23T09:00:00+01:00");
        for (text, expected) in [
            ("14:05", "2022-12-01T14:05:00+00:00"),
            ("14:05:30", "2022-12-01T14:05:30+00:00"),
            ("+00:12:30", "2022-12-01T14:02:30+00:00"),
            ("+12:30", "2022-12-01T14:02:30+00:00"),
            ("2022-12-01T15:00:00+03:00", "2022-12-01T15:00:00+03:00"),
        ] {
            assert_eq!(parse_moment(text, origin, now), Ok(at(expected)), "{text}");
        }
    }

    #[test]
    fn times_far_from_the_session_are_doubted() {
        let start = Some(at("2022-12-01T13:50:00Z"));
        let end = Some(at("2022-12-01T15:20:00Z"));
        let now = at("2026-11-23T09:00:00Z");
        assert_eq!(doubt(at("2022-12-01T14:05:00Z"), (start, end), now), None);
        assert_eq!(doubt(at("2022-12-01T16:05:00Z"), (start, end), now), None);
        let far = doubt(at("2026-11-23T14:05:00Z"), (start, end), now).unwrap();
        assert!(far.contains("outside the scheduled session"), "{far}");
        assert!(doubt(at("2026-11-23T09:30:00Z"), (None, None), now).is_some());
        assert_eq!(doubt(at("2026-11-23T08:30:00Z"), (None, None), now), None);
    }

    #[test]
    fn a_time_of_day_without_a_session_date_is_today() {
        let now = at("2026-11-23T09:00:00+01:00");
        assert_eq!(
            parse_moment("14:05", None, now),
            Ok(at("2026-11-23T14:05:00+01:00"))
        );
        assert!(matches!(
            parse_moment("+00:05:00", None, now),
            Err(MomentError::NoOrigin(_))
        ));
    }

    #[test]
    fn a_second_of_60_is_refused_in_every_form() {
        let now = at("2026-11-23T09:00:00+01:00");
        let origin = Some(at("2022-12-01T13:50:00+00:00"));
        for text in ["14:05:60", "2022-12-01T14:05:60Z"] {
            let error = parse_moment(text, origin, now).unwrap_err();
            assert!(error.to_string().contains("00 to 59"), "{text}: {error}");
        }
        assert!(parse_moment("+00:05:60", origin, now).is_err());
    }

    #[test]
    fn offsets_past_the_calendar_are_errors_not_panics() {
        let now = at("2026-11-23T09:00:00+01:00");
        let origin = Some(at("2022-12-01T13:50:00+00:00"));
        for text in ["+4294967295:59:59", "+4294967295:00"] {
            let error = parse_moment(text, origin, now).unwrap_err();
            assert!(error.to_string().contains("+00:12:30"), "{text}: {error}");
        }
        let last = DateTime::<FixedOffset>::MAX_UTC.fixed_offset();
        assert!(doubt(last, (Some(last), None), now).is_some());
        assert!(doubt(last, (None, None), last).is_some());
    }

    #[test]
    fn nonsense_is_refused_with_the_accepted_forms() {
        let now = at("2026-11-23T09:00:00+01:00");
        let origin = Some(at("2022-12-01T13:50:00+00:00"));
        for text in ["25:00", "noon", "+1:75:00", "+x", "", "14h05"] {
            let error = parse_moment(text, origin, now).unwrap_err();
            assert!(error.to_string().contains("14:05"), "{text}: {error}");
        }
    }
}
