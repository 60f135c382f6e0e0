//! The time zone a session page gives its times in: "UTC", "UTC+3", "GMT-05:30", an
//! abbreviation ("CET", "EDT") or an IANA name ("Europe/Berlin").

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// A zone read from a page: a fixed offset, or a named zone whose offset depends on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Fixed(FixedOffset),
    Named(Tz),
}

impl Zone {
    pub const UTC: Zone = Zone::Fixed(FixedOffset::east_opt(0).expect("0 is a valid offset"));

    /// The moment a clock in this zone shows `local`. At a change to summer time a clock shows
    /// some times twice and skips some: a time shown twice is read as the first (a page that means
    /// the second would give the offset), and says so; a skipped time is an error.
    pub fn at(self, local: NaiveDateTime) -> Result<Resolved, String> {
        let tz = match self {
            Zone::Fixed(offset) => {
                let moment = offset.from_local_datetime(&local).single();
                return moment
                    .map(Resolved::plain)
                    .ok_or_else(|| format!("{local} is out of range in {self}"));
            }
            Zone::Named(tz) => tz,
        };
        match tz.from_local_datetime(&local) {
            LocalResult::Single(moment) => Ok(Resolved::plain(moment.fixed_offset())),
            LocalResult::Ambiguous(first, second) => {
                let (first, second) = (first.fixed_offset(), second.fixed_offset());
                Ok(Resolved {
                    moment: first,
                    ambiguous: Some(format!(
                        "{local} happens twice in {self} (the clocks go back that night): read as the first, UTC{}; write \"UTC{}\" after the time to mean the second",
                        first.offset(),
                        second.offset()
                    )),
                })
            }
            LocalResult::None => {
                // The offsets a day before and after: clocks change a few times a year at most.
                let offset_at = |days: i64| {
                    local
                        .checked_add_signed(chrono::TimeDelta::days(days))
                        .map(|near| tz.offset_from_utc_datetime(&near).fix().to_string())
                        .unwrap_or_default()
                };
                Err(format!(
                    "{local} does not exist in {self} (the clocks skip it when they go forward, from UTC{} to UTC{}); write the time with the offset it was meant in",
                    offset_at(-1),
                    offset_at(1)
                ))
            }
        }
    }
}

/// The moment a page's local time stands for, and why it may be another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub moment: DateTime<FixedOffset>,
    /// Set when the clocks showed the time twice: which reading was taken.
    pub ambiguous: Option<String>,
}

impl Resolved {
    fn plain(moment: DateTime<FixedOffset>) -> Resolved {
        Resolved {
            moment,
            ambiguous: None,
        }
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Zone::Fixed(offset) => write!(f, "UTC{offset}"),
            Zone::Named(tz) => write!(f, "{}", tz.name()),
        }
    }
}

/// Abbreviations and the one offset each stands for. They are not unique worldwide ("IST" is
/// India's, Ireland's and Israel's), which is why no zone crate maps them; this short table holds
/// those that mean one thing, and [`AMBIGUOUS`] those that do not. A page that writes "CET" in
/// summer means what it wrote: UTC+1.
const ABBREVIATIONS: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("UT", 0),
    ("WET", 0),
    ("WEST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("MEZ", 60),
    ("MESZ", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("WAT", 60),
    ("CAT", 120),
    ("SAST", 120),
    ("EAT", 180),
    ("PKT", 300),
    ("NPT", 345),
    ("ICT", 420),
    ("WIB", 420),
    ("HKT", 480),
    ("SGT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("HST", -600),
    ("AKST", -540),
    ("AKDT", -480),
    ("PST", -480),
    ("PDT", -420),
    ("MST", -420),
    ("MDT", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
    ("BRT", -180),
    ("ART", -180),
];

/// Abbreviations used for several zones with different offsets.
const AMBIGUOUS: &[(&str, &str)] = &[
    ("IST", "UTC+5:30 (India), UTC+1 (Ireland) or UTC+2 (Israel)"),
    ("CST", "UTC-6 (Central America) or UTC+8 (China)"),
    ("AST", "UTC-4 (Atlantic) or UTC+3 (Arabia)"),
    ("BST", "UTC+1 (British Summer) or UTC+6 (Bangladesh)"),
    ("SST", "UTC-11 (Samoa) or UTC+8 (Singapore)"),
    ("GST", "UTC+4 (Gulf) or UTC-2 (South Georgia)"),
];

/// What a word on a date line says about the zone: nothing (it is not a zone), a zone, or why a
/// zone-like word cannot be read.
pub(crate) fn zone(token: &str) -> Result<Option<Zone>, String> {
    let upper = token.to_uppercase();
    if let Some(offset) = utc_offset(&upper).map_err(|why| format!("\"{token}\" {why}"))? {
        return Ok(Some(Zone::Fixed(offset)));
    }
    if let Some((_, minutes)) = ABBREVIATIONS.iter().find(|(name, _)| *name == upper) {
        return Ok(FixedOffset::east_opt(minutes * 60).map(Zone::Fixed));
    }
    if let Some((name, meanings)) = AMBIGUOUS.iter().find(|(name, _)| *name == upper) {
        return Err(format!(
            "the zone \"{name}\" can mean {meanings}; write the offset (UTC+3) or the zone's name (Europe/Berlin)"
        ));
    }
    if token.contains('/') {
        return match token.parse::<Tz>() {
            Ok(tz) => Ok(Some(Zone::Named(tz))),
            Err(_) if looks_like_iana(token) => Err(format!(
                "\"{token}\" is not a time zone name; expected one such as Europe/Berlin or America/New_York"
            )),
            Err(_) => Ok(None),
        };
    }
    let abbreviation_shaped = (3..=5).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_uppercase())
        && token.ends_with('T');
    if abbreviation_shaped {
        return Err(format!(
            "the zone \"{token}\" is not one we know; write the offset (UTC+3) or the zone's name (Europe/Berlin)"
        ));
    }
    Ok(None)
}

/// "Europe/Berlin", "America/Argentina/Buenos_Aires": capitalised words joined by slashes.
fn looks_like_iana(token: &str) -> bool {
    token.split('/').count() >= 2
        && token.split('/').all(|part| {
            part.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-'))
        })
}

/// "UTC", "GMT", "UTC+3", "GMT+1", "UTC-05:00", "UTC+5:30", "UTC−0530" (upper case). A word that
/// starts as an offset but is none ("UTC+99", "UTC+3h") is an error, never "no zone".
fn utc_offset(upper: &str) -> Result<Option<FixedOffset>, String> {
    const EXPECTED: &str =
        "is not an offset from UTC; expected one from UTC-12 to UTC+14, such as UTC+3 or UTC-05:30";
    let Some(rest) = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
    else {
        return Ok(None);
    };
    if rest.is_empty() {
        return Ok(FixedOffset::east_opt(0));
    }
    let (sign, digits) = if let Some(digits) = rest.strip_prefix('+') {
        (1, digits)
    } else if let Some(digits) = rest.strip_prefix(['-', '−']) {
        (-1, digits)
    } else {
        return Ok(None);
    };
    let number = |text: &str| {
        (matches!(text.len(), 1 | 2) && text.chars().all(|c| c.is_ascii_digit()))
            .then(|| text.parse::<i32>().ok())
            .flatten()
    };
    let parts = match digits.split_once(':') {
        Some((h, m)) if m.len() == 2 => number(h).zip(number(m)),
        Some(_) => None,
        None if digits.len() == 4 => digits
            .get(..2)
            .and_then(number)
            .zip(digits.get(2..).and_then(number)),
        None => number(digits).map(|h| (h, 0)),
    };
    let seconds = parts
        .filter(|&(_, minutes)| minutes < 60)
        .map(|(hours, minutes)| sign * (hours * 3600 + minutes * 60))
        .filter(|seconds| (-12 * 3600..=14 * 3600).contains(seconds));
    match seconds.and_then(FixedOffset::east_opt) {
        Some(offset) => Ok(Some(offset)),
        None => Err(EXPECTED.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset_of(token: &str) -> Option<i32> {
        match zone(token) {
            Ok(Some(Zone::Fixed(offset))) => Some(offset.local_minus_utc() / 60),
            _ => None,
        }
    }

    #[test]
    fn offsets_and_abbreviations() {
        assert_eq!(offset_of("UTC"), Some(0));
        assert_eq!(offset_of("gmt"), Some(0));
        assert_eq!(offset_of("UTC+3"), Some(180));
        assert_eq!(offset_of("UTC−05:30"), Some(-330));
        assert_eq!(offset_of("GMT+0530"), Some(330));
        assert_eq!(offset_of("CET"), Some(60));
        assert_eq!(offset_of("CEST"), Some(120));
        assert_eq!(offset_of("EST"), Some(-300));
        assert_eq!(offset_of("EDT"), Some(-240));
        assert_eq!(offset_of("UTC+14"), Some(840));
        assert_eq!(offset_of("UTC-12"), Some(-720));
        for beyond in [
            "UTC+", "UTC+15", "UTC+99", "UTC-13", "GMT+5:75", "UTC+3h", "UTC+123",
        ] {
            let error = zone(beyond).unwrap_err();
            assert!(
                error.contains(beyond) && error.contains("UTC-12 to UTC+14"),
                "{beyond}: {error}"
            );
        }
        assert_eq!(zone("UTCX"), Ok(None));
    }

    #[test]
    fn iana_names_are_zones_whose_offset_follows_the_date() {
        let berlin = zone("Europe/Berlin").unwrap().unwrap();
        let winter = "2022-12-01T13:50:00".parse().unwrap();
        let summer = "2025-06-23T13:50:00".parse().unwrap();
        let offset = |local| berlin.at(local).unwrap().moment.offset().local_minus_utc();
        assert_eq!(offset(winter), 3600);
        assert_eq!(offset(summer), 7200);
        assert_eq!(berlin.at(winter).unwrap().ambiguous, None);
        let skipped = "2025-03-30T02:30:00".parse().unwrap();
        let error = berlin.at(skipped).unwrap_err();
        assert!(
            error.contains("Europe/Berlin") && error.contains("from UTC+01:00 to UTC+02:00"),
            "{error}"
        );
        // The night the clocks go back, 02:30 comes twice: the first is taken, and told.
        let twice = berlin.at("2022-10-30T02:30:00".parse().unwrap()).unwrap();
        assert_eq!(twice.moment.to_rfc3339(), "2022-10-30T02:30:00+02:00");
        let told = twice.ambiguous.unwrap();
        assert!(
            told.contains("twice") && told.contains("UTC+02:00") && told.contains("UTC+01:00"),
            "{told}"
        );
        assert!(
            zone("Europe/Atlantis")
                .unwrap_err()
                .contains("Europe/Berlin")
        );
        assert_eq!(zone("and/or"), Ok(None));
    }

    #[test]
    fn ambiguous_and_unknown_abbreviations_are_refused_with_the_way_out() {
        assert!(zone("IST").unwrap_err().contains("UTC+5:30"));
        assert!(zone("XYZT").unwrap_err().contains("offset"));
        assert_eq!(zone("Thursday"), Ok(None));
        assert_eq!(zone("DEC"), Ok(None));
    }
}
