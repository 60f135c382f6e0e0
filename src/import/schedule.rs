//! The particulars on the first lines of a session page: its code and title, when it takes
//! place, and its format and length.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

/// "IGF 2022 WS #422 Toward a Resilient Internet" → ("IGF 2022 WS #422", "Toward a Resilient
/// Internet"). The code is everything up to the first "#<number>", if a few words at most come
/// before it (a "#" deep inside a title is a hashtag, not a code).
pub(crate) fn code_and_title(line: &str) -> Option<(String, String)> {
    let hash = line.find('#')?;
    let before = line.get(..hash)?.trim();
    let after = line.get(hash + 1..)?;
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    let words = before.split_whitespace().count();
    if digits == 0 || !(1..=6).contains(&words) || before.contains(|c: char| ".,;:?!".contains(c)) {
        return None;
    }
    // Digits are ASCII, so the byte count equals the char count here.
    let (number, title) = after.split_at(digits);
    let code = format!("{before} #{number}");
    let title = title.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|')
    });
    Some((code, title.trim().to_string()))
}

/// When a session takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
}

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

/// "Thursday, 1st December, 2022 (13:50 UTC) - Thursday, 1st December, 2022 (15:20 UTC)".
/// The end may leave out the date ("... (13:50 UTC) - (15:20 UTC)") and then shares the start's.
pub(crate) fn parse_date_line(line: &str) -> Option<Schedule> {
    let (first, second) = split_range(line);
    let (start_date, start_time, start_zone) = moment(first, None)?;
    let start = at(start_date, start_time, start_zone)?;
    let end = match second {
        Some(second) => {
            let (date, time, zone) = moment(second, Some(start_date))?;
            Some(at(date, time, zone)?)
        }
        None => None,
    };
    Some(Schedule { start, end })
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

fn moment(
    text: &str,
    default_date: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveTime, FixedOffset)> {
    let mut day = None;
    let mut month_number = None;
    let mut year = None;
    let mut time = None;
    let mut zone = None;
    let tokens = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|t| !t.is_empty());
    for token in tokens {
        if let Some(offset) = zone_offset(token) {
            zone = Some(offset);
        } else if let Some(clock) = clock_time(token) {
            time = Some(clock);
        } else if let Some(m) = month(token) {
            month_number = Some(m);
        } else if token.len() == 4 && token.chars().all(|c| c.is_ascii_digit()) {
            year = token.parse::<i32>().ok();
        } else if let Some(d) = ordinal_day(token) {
            day = Some(d);
        }
    }
    let date = match (year, month_number, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d)?,
        (None, None, None) => default_date?,
        _ => return None,
    };
    Some((date, time?, zone.unwrap_or(FixedOffset::east_opt(0)?)))
}

fn at(date: NaiveDate, time: NaiveTime, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    zone.from_local_datetime(&date.and_time(time)).single()
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

fn clock_time(token: &str) -> Option<NaiveTime> {
    let (hours, minutes) = token.split_once(':')?;
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.get(..2)?.parse().ok()?, 0)
}

/// "UTC", "GMT", "UTC+3", "GMT+1", "UTC-05:00", "UTC+5:30".
fn zone_offset(token: &str) -> Option<FixedOffset> {
    let upper = token.to_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))?;
    if rest.is_empty() {
        return FixedOffset::east_opt(0);
    }
    let (sign, digits) = if let Some(digits) = rest.strip_prefix('+') {
        (1, digits)
    } else if let Some(digits) = rest.strip_prefix(['-', '−']) {
        (-1, digits)
    } else {
        return None;
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None if digits.len() == 4 => (
            digits.get(..2)?.parse().ok()?,
            digits.get(2..)?.parse().ok()?,
        ),
        None => (digits.parse::<i32>().ok()?, 0),
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// The format and length on one line: "Round Table - Circle - 90 Min" → ("Round Table - Circle",
/// Some(90)). A line that is only a format name ("Roundtable", "Panel") gives no length.
pub(crate) fn format_line(line: &str) -> Option<(String, Option<u32>)> {
    if let Some((format, minutes)) = with_minutes(line) {
        return Some((format, Some(minutes)));
    }
    known_format(line).then(|| (line.trim().to_string(), None))
}

fn with_minutes(line: &str) -> Option<(String, u32)> {
    let (format, length) = line
        .rsplit_once(" - ")
        .or_else(|| line.rsplit_once(" – "))?;
    let length = length.trim().to_lowercase();
    let number = length
        .strip_suffix("minutes")
        .or_else(|| length.strip_suffix("mins"))
        .or_else(|| length.strip_suffix("min"))?
        .trim();
    let minutes = number
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=600).contains(m))?;
    let format = format.trim();
    (!format.is_empty() && format.chars().count() <= 80).then(|| (format.to_string(), minutes))
}

/// The session formats IGF pages offer, so that a lone "Roundtable" line is read as one.
fn known_format(line: &str) -> bool {
    const FORMATS: &[&str] = &[
        "round table",
        "roundtable",
        "panel",
        "panel discussion",
        "debate",
        "break-out group discussions",
        "breakout group discussions",
        "birds of a feather",
        "tutorial",
        "lightning talk",
        "open forum",
        "town hall",
        "fishbowl",
        "networking session",
        "workshop",
        "classroom",
        "theater",
        "hybrid",
    ];
    let folded = crate::model::fold(line);
    let first = folded.split(" - ").next().unwrap_or("").trim();
    FORMATS.contains(&first) && folded.chars().count() <= 80
}

/// Plain minutes ("90", "90 minutes"); anything else ("1h30") is None, for the caller to warn.
pub(crate) fn duration(text: &str) -> Option<u32> {
    let lower = text.trim().to_lowercase();
    let number = lower
        .trim_end_matches("minutes")
        .trim_end_matches("mins")
        .trim_end_matches("min")
        .trim();
    number.parse::<u32>().ok().filter(|m| (1..=600).contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn codes_of_the_various_session_types() {
        for (line, code, title) in [
            (
                "IGF 2022 WS #422 Toward a Resilient Internet: Cyber Diplomacy 2.0",
                "IGF 2022 WS #422",
                "Toward a Resilient Internet: Cyber Diplomacy 2.0",
            ),
            (
                "IGF 2023 Open Forum #12 Data for all",
                "IGF 2023 Open Forum #12",
                "Data for all",
            ),
            (
                "Day 0 Event #55: Youth first",
                "Day 0 Event #55",
                "Youth first",
            ),
            (
                "Town Hall #3 – Digital Commons",
                "Town Hall #3",
                "Digital Commons",
            ),
        ] {
            assert_eq!(
                code_and_title(line),
                Some((code.to_string(), title.to_string())),
                "{line}"
            );
        }
        assert_eq!(
            code_and_title("Why #privacy matters, and to whom: a long title #2"),
            None
        );
        assert_eq!(code_and_title("Just a title"), None);
    }

    #[test]
    fn the_date_line_of_a_2022_page() {
        let schedule = parse_date_line(
            "Thursday, 1st December, 2022 (13:50 UTC) - Thursday, 1st December, 2022 (15:20 UTC)",
        )
        .unwrap();
        assert_eq!(schedule.start, utc("2022-12-01T13:50:00Z"));
        assert_eq!(schedule.end, Some(utc("2022-12-01T15:20:00Z")));
    }

    #[test]
    fn offsets_ordinals_and_an_end_without_date() {
        let schedule =
            parse_date_line("Tuesday, 23rd June, 2025 (09:00 UTC+2) - (10:30 UTC+2)").unwrap();
        assert_eq!(schedule.start, utc("2025-06-23T09:00:00+02:00"));
        assert_eq!(schedule.end, Some(utc("2025-06-23T10:30:00+02:00")));
        let schedule = parse_date_line("Wed, 2nd Oct 2019 (10:00 GMT+1)").unwrap();
        assert_eq!(
            zone_offset("UTC−05:30"),
            FixedOffset::west_opt(5 * 3600 + 1800)
        );
        assert_eq!(schedule.start, utc("2019-10-02T10:00:00+01:00"));
        assert_eq!(schedule.end, None);
        assert_eq!(
            parse_date_line("Monday, 31st February, 2022 (10:00 UTC)"),
            None
        );
    }

    #[test]
    fn formats_with_and_without_length() {
        assert_eq!(
            format_line("Round Table - Circle - 90 Min"),
            Some(("Round Table - Circle".into(), Some(90)))
        );
        assert_eq!(
            format_line("Birds of a Feather - Classroom - 60 Min"),
            Some(("Birds of a Feather - Classroom".into(), Some(60)))
        );
        assert_eq!(format_line("Roundtable"), Some(("Roundtable".into(), None)));
        assert_eq!(format_line("Koichiro Komiyama, Technical Community"), None);
        assert_eq!(duration("90"), Some(90));
        assert_eq!(duration("ninety"), None);
    }
}
