//! The line of a session page that says when it takes place: "Thursday, 1st December, 2022
//! (13:50 UTC) - Thursday, 1st December, 2022 (15:20 UTC)", in the forms pages write it.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::zone::{self, Zone};

/// When a session takes place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
    /// False when the line gave no zone and the times were read as UTC.
    pub zone_given: bool,
    /// Which reading was taken of a time the clocks showed twice.
    pub ambiguous: Vec<String>,
}

/// How a date line should look, for the messages about one that does not.
pub(crate) const EXPECTED: &str =
    "expected a line such as \"Thursday, 1st December, 2022 (13:50 UTC) - (15:20 UTC)\"";

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    // "Dec" and "Sept" are months too; a shorter word would match too much.
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Whether a line means to say when the session is: it names a month and a year and a clock time.
pub(crate) fn looks_like_date_line(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has_month = words.iter().any(|w| month(w).is_some());
    let has_year = words
        .iter()
        .any(|w| w.len() == 4 && w.starts_with("20") && w.chars().all(|c| c.is_ascii_digit()));
    has_month && has_year && line.contains(':') && line.chars().count() < 200
}

/// Reads a date line; the error says what in it could not be read. The end may leave out the
/// date ("... (13:50 UTC) - (15:20 UTC)") and then shares the start's; a zone given on one side
/// only holds for both.
pub(crate) fn parse_date_line(line: &str) -> Result<Schedule, String> {
    let (first, second) = split_range(line);
    let start = moment(first)?;
    let start_date = start.date.ok_or("no date (day, month and year) in it")?;
    let end = second.map(moment).transpose()?;
    let given = start.zone.or(end.as_ref().and_then(|e| e.zone));
    let zone_of = |own: Option<Zone>| own.or(given).unwrap_or(Zone::UTC);
    let start_at = zone_of(start.zone).at(start_date.and_time(start.time))?;
    let end_at = match end {
        Some(end) => {
            let date = end.date.unwrap_or(start_date);
            Some(zone_of(end.zone).at(date.and_time(end.time))?)
        }
        None => None,
    };
    let ambiguous = [Some(&start_at), end_at.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|at| at.ambiguous.clone())
        .collect();
    Ok(Schedule {
        start: start_at.moment,
        end: end_at.map(|at| at.moment),
        zone_given: given.is_some(),
        ambiguous,
    })
}

/// Splits "A - B" at the dash that separates the two moments, not at one inside "UTC-5".
fn split_range(line: &str) -> (&str, Option<&str>) {
    for separator in [") - ", ") – ", ") — ", ") to ", " - ", " – ", " — ", " to "] {
        if let Some(at) = line.find(separator) {
            let keep = usize::from(separator.starts_with(')'));
            let first = line.get(..at + keep).unwrap_or(line);
            let second = line.get(at + separator.len()..).unwrap_or("");
            return (first, Some(second));
        }
    }
    (line, None)
}

/// One side of the range: a date (left out on the end's side), a clock time and maybe a zone.
struct Moment {
    date: Option<NaiveDate>,
    time: NaiveTime,
    zone: Option<Zone>,
}

fn moment(text: &str) -> Result<Moment, String> {
    let mut day = None;
    let mut month_number = None;
    let mut year = None;
    let mut time: Option<NaiveTime> = None;
    let mut zone = None;
    let words = words(text);
    for word in &words {
        if let Some((clock, rest)) = clock_time(word)? {
            time = Some(clock);
            if rest.is_empty() {
                continue;
            }
            match meridiem(rest) {
                Some(afternoon) => time = Some(twelve_hour(clock, afternoon, word)?),
                None => zone = zone::zone(rest)?.or(zone),
            }
        } else if let Some(afternoon) = meridiem(word) {
            let clock = time.ok_or_else(|| format!("\"{word}\" without a time before it"))?;
            time = Some(twelve_hour(clock, afternoon, word)?);
        } else if let Some(found) = zone::zone(word)? {
            zone = Some(found);
        } else if let Some(m) = month(word) {
            month_number = Some(m);
        } else if word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) {
            year = word.parse::<i32>().ok();
        } else if let Some(d) = ordinal_day(word) {
            day = Some(d);
        }
    }
    let date = match (year, month_number, day) {
        (Some(y), Some(m), Some(d)) => Some(
            NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| format!("there is no day {d} in month {m} of {y}"))?,
        ),
        (None, None, None) => None,
        _ => return Err("the date needs a day, a month and a year".into()),
    };
    let time = time.ok_or("no clock time (like 13:50) in it")?;
    Ok(Moment { date, time, zone })
}

/// The words of one side, with "UTC +3" joined into "UTC+3".
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let pieces = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty());
    for piece in pieces {
        let signed = piece.starts_with(['+', '-', '−']);
        match words.last_mut() {
            Some(last) if signed && matches!(last.to_uppercase().as_str(), "UTC" | "GMT") => {
                last.push_str(piece);
            }
            _ => words.push(piece.to_string()),
        }
    }
    words
}

/// "1st", "2nd", "23rd", "4th" or a bare "1".
fn ordinal_day(token: &str) -> Option<u32> {
    let lower = token.to_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "13:50", "13:50:30", and what is written right after it ("1:50PM", "13:50UTC"). A word that
/// starts like a clock time but is not one (25:00, 13:50:60) is an error, not a guess.
fn clock_time(word: &str) -> Result<Option<(NaiveTime, &str)>, String> {
    let end = word
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(word.len());
    let (clock, rest) = word.split_at(end);
    if !clock.contains(':') || !clock.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let number = |part: &str| {
        (matches!(part.len(), 1 | 2) && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let time = match parts.as_slice() {
        [h, m] if m.len() == 2 => number(h)
            .zip(number(m))
            .and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        [h, m, s] if m.len() == 2 && s.len() == 2 => match (number(h), number(m), number(s)) {
            (Some(h), Some(m), Some(s)) => NaiveTime::from_hms_opt(h, m, s),
            _ => None,
        },
        _ => None,
    };
    // from_hms_opt refuses a 60th second, 60 minutes and 24 hours.
    let time = time.ok_or_else(|| {
        format!("\"{clock}\" is not a clock time; expected 13:50 or 13:50:30, with minutes and seconds up to 59")
    })?;
    Ok(Some((time, rest)))
}

/// "PM", "pm", "p.m." → Some(true); the morning's forms → Some(false).
fn meridiem(word: &str) -> Option<bool> {
    match word.to_lowercase().replace('.', "").as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// 12-hour time to 24-hour: 12:10 AM is 00:10, 12:10 PM is 12:10, 1:50 PM is 13:50.
fn twelve_hour(clock: NaiveTime, afternoon: bool, word: &str) -> Result<NaiveTime, String> {
    use chrono::Timelike;
    let hour = clock.hour();
    if !(1..=12).contains(&hour) {
        return Err(format!(
            "\"{word}\": with AM or PM the hour goes from 1 to 12"
        ));
    }
    let hour = hour % 12 + if afternoon { 12 } else { 0 };
    clock
        .with_hour(hour)
        .ok_or_else(|| format!("\"{word}\" is not a clock time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn start_end(line: &str) -> (DateTime<FixedOffset>, Option<DateTime<FixedOffset>>) {
        let schedule = parse_date_line(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        (schedule.start, schedule.end)
    }

    #[test]
    fn the_date_line_of_a_2022_page() {
        let schedule = parse_date_line(
            "Thursday, 1st December, 2022 (13:50 UTC) - Thursday, 1st December, 2022 (15:20 UTC)",
        )
        .unwrap();
        assert_eq!(schedule.start, at("2022-12-01T13:50:00Z"));
        assert_eq!(schedule.end, Some(at("2022-12-01T15:20:00Z")));
        assert!(schedule.zone_given);
    }

    #[test]
    fn offsets_ordinals_and_an_end_without_date() {
        assert_eq!(
            start_end("Tuesday, 23rd June, 2025 (09:00 UTC+2) - (10:30 UTC+2)"),
            (
                at("2025-06-23T09:00:00+02:00"),
                Some(at("2025-06-23T10:30:00+02:00"))
            )
        );
        assert_eq!(
            start_end("Wed, 2nd Oct 2019 (10:00 GMT+1)"),
            (at("2019-10-02T10:00:00+01:00"), None)
        );
        assert_eq!(
            start_end("Wed, 2nd Oct 2019 (10:00 UTC +3)").0,
            at("2019-10-02T10:00:00+03:00")
        );
        assert!(
            parse_date_line("Monday, 31st February, 2022 (10:00 UTC)")
                .unwrap_err()
                .contains("no day 31")
        );
    }

    #[test]
    fn named_zones_and_abbreviations() {
        for (line, expected) in [
            (
                "1st December, 2022 (13:50 CET)",
                "2022-12-01T13:50:00+01:00",
            ),
            (
                "1st December, 2022 (13:50 EST)",
                "2022-12-01T13:50:00-05:00",
            ),
            ("23rd June, 2025 (13:50 CEST)", "2025-06-23T13:50:00+02:00"),
            ("23rd June, 2025 (13:50 EDT)", "2025-06-23T13:50:00-04:00"),
            (
                "1st December, 2022 (13:50 Europe/Berlin)",
                "2022-12-01T13:50:00+01:00",
            ),
            (
                "23rd June, 2025 (13:50 Europe/Oslo)",
                "2025-06-23T13:50:00+02:00",
            ),
            (
                "8th October, 2023, 10:00 Asia/Tokyo",
                "2023-10-08T10:00:00+09:00",
            ),
        ] {
            assert_eq!(start_end(line).0, at(expected), "{line}");
        }
    }

    #[test]
    fn twelve_hour_times() {
        for (line, expected) in [
            ("1st December, 2022 (1:50 PM UTC)", "2022-12-01T13:50:00Z"),
            ("1st December, 2022 (1:50PM UTC)", "2022-12-01T13:50:00Z"),
            ("1st December, 2022 (9:05 a.m. UTC)", "2022-12-01T09:05:00Z"),
            ("1st December, 2022 (12:10 AM UTC)", "2022-12-01T00:10:00Z"),
            ("1st December, 2022 (12:10 pm UTC)", "2022-12-01T12:10:00Z"),
        ] {
            assert_eq!(start_end(line).0, at(expected), "{line}");
        }
        assert_eq!(
            start_end("1st December, 2022 (1:50 PM - 3:20 PM CET)"),
            (
                at("2022-12-01T13:50:00+01:00"),
                Some(at("2022-12-01T15:20:00+01:00"))
            )
        );
        assert!(parse_date_line("1st December, 2022 (13:50 PM UTC)").is_err());
    }

    #[test]
    fn a_zone_on_one_side_holds_for_both_and_none_means_utc_said() {
        let schedule = parse_date_line("1st December, 2022, 13:50 - 15:20 CET").unwrap();
        assert_eq!(schedule.start, at("2022-12-01T13:50:00+01:00"));
        assert_eq!(schedule.end, Some(at("2022-12-01T15:20:00+01:00")));
        let schedule = parse_date_line("1st December, 2022, 13:50 - 15:20").unwrap();
        assert_eq!(schedule.start, at("2022-12-01T13:50:00Z"));
        assert!(!schedule.zone_given);
    }

    #[test]
    fn impossible_times_and_unknown_zones_are_errors_naming_the_part() {
        for (line, words) in [
            ("1st December, 2022 (14:05:60 UTC)", "up to 59"),
            ("1st December, 2022 (25:00 UTC)", "not a clock time"),
            ("1st December, 2022 (13:60 UTC)", "not a clock time"),
            ("1st December, 2022 (13:50 IST)", "UTC+5:30"),
            ("1st December, 2022 (13:50 Mars/Olympus)", "Europe/Berlin"),
            ("1st December, 2022 (noon UTC)", "no clock time"),
        ] {
            let error = parse_date_line(line).unwrap_err();
            assert!(error.contains(words), "{line}: {error}");
        }
    }
}
