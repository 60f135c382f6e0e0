//! The times a rapporteur gives on the command line: `14:05`, `14:05:30`, an RFC 3339 time, or
//! `+00:12:30` from the session start.

use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta};

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
        return Ok(origin + parse_offset(offset).ok_or_else(unreadable)?);
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Ok(moment);
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| unreadable())?;
    let day = origin.unwrap_or(now);
    day.date_naive()
        .and_time(time)
        .and_local_timezone(day.timezone())
        .single()
        .ok_or_else(unreadable)
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
    let margin = TimeDelta::hours(1);
    match schedule {
        (Some(start), end) => {
            let end = end.unwrap_or(start + TimeDelta::hours(3));
            (at < start - margin || at > end + margin).then(|| {
                format!(
                    "{} is outside the scheduled session ({} to {}); check the date and time",
                    shown(at),
                    shown(start),
                    shown(end)
                )
            })
        }
        (None, _) => (at > now + TimeDelta::minutes(5))
            .then(|| format!("{} is in the future; check the date and time", shown(at))),
    }
}

/// `HH:MM:SS` or `MM:SS` (minutes may exceed 59: `+95:00`).
fn parse_offset(text: &str) -> Option<TimeDelta> {
    let parts: Vec<i64> = text
        .split(':')
        .map(|p| p.parse::<u32>().ok().map(i64::from))
        .collect::<Option<_>>()?;
    let seconds = match parts.as_slice() {
        [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
        [m, s] if *s < 60 => m * 60 + s,
        _ => return None,
    };
    Some(TimeDelta::seconds(seconds))
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
    fn nonsense_is_refused_with_the_accepted_forms() {
        let now = at("2026-11-23T09:00:00+01:00");
        let origin = Some(at("2022-12-01T13:50:00+00:00"));
        for text in ["25:00", "noon", "+1:75:00", "+x", "", "14h05"] {
            let error = parse_moment(text, origin, now).unwrap_err();
            assert!(error.to_string().contains("14:05"), "{text}: {error}");
        }
    }
}
