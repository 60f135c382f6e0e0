//! The particulars on the first lines of a session page: its code and title, and its format and
//! length (when it takes place is read in [`super::date_line`]).

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
