//! The time zone a session page gives its times in: "UTC", "UTC+3", "GMT-05:30", an
//! abbreviation ("CET", "EDT") or an IANA name ("Europe/Berlin").

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
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
    /// some times twice (the earlier is taken, as a page that means the later would say so) and
    /// skips some (an error).
    pub fn at(self, local: NaiveDateTime) -> Result<DateTime<FixedOffset>, String> {
        let resolved = match self {
            Zone::Fixed(offset) => offset.from_local_datetime(&local).earliest(),
            Zone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|moment| moment.fixed_offset()),
        };
        resolved.ok_or_else(|| format!("{local} does not exist in {self} (the clocks skip it)"))
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
    if let Some(offset) = utc_offset(&upper) {
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

/// "UTC", "GMT", "UTC+3", "GMT+1", "UTC-05:00", "UTC+5:30", "UTC−0530" (upper case).
fn utc_offset(upper: &str) -> Option<FixedOffset> {
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
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
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
        assert_eq!(offset_of("UTC+15"), None);
    }

    #[test]
    fn iana_names_are_zones_whose_offset_follows_the_date() {
        let berlin = zone("Europe/Berlin").unwrap().unwrap();
        let winter = "2022-12-01T13:50:00".parse().unwrap();
        let summer = "2025-06-23T13:50:00".parse().unwrap();
        assert_eq!(berlin.at(winter).unwrap().offset().local_minus_utc(), 3600);
        assert_eq!(berlin.at(summer).unwrap().offset().local_minus_utc(), 7200);
        let skipped = "2025-03-30T02:30:00".parse().unwrap();
        assert!(berlin.at(skipped).unwrap_err().contains("Europe/Berlin"));
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
