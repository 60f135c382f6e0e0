//! The proposal text as numbered, cleaned lines, with the blank-line gaps that tell where a page
//! lost a heading when it was copied.

/// One non-blank line of the proposal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based, counting every line of the original text, blank or not.
    pub number: usize,
    /// Trimmed, with no-break and zero-width spaces turned into plain spaces and runs of white
    /// space folded, so that "Komiyama,\u{a0} Technical" splits like "Komiyama, Technical".
    pub text: String,
    /// How many blank lines came just before this one.
    pub blanks_before: usize,
}

/// The non-blank lines of `text`, numbered as an editor would number them.
pub(crate) fn split(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut blanks = 0;
    for (index, raw) in text.lines().enumerate() {
        let cleaned = clean(raw);
        if cleaned.is_empty() {
            blanks += 1;
            continue;
        }
        lines.push(Line {
            number: index + 1,
            text: cleaned,
            blanks_before: blanks,
        });
        blanks = 0;
    }
    lines
}

/// Spaces that web pages use but a reader would not see as different from a plain space.
fn is_space_like(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}')
}

/// A control character that is not white space (ESC, BEL, DEL, C1): a page has no use for one,
/// and on a terminal it would act. Tab, CR and the like are white space and become spaces.
pub(crate) fn is_stray_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

fn clean(raw: &str) -> String {
    raw.split(is_space_like)
        .filter(|word| !word.is_empty())
        .map(|word| word.replace(is_stray_control, ""))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many blank lines in a row mean "a heading was here": more than the text usually leaves
/// between lines, and never fewer than two, because a single blank line is only a paragraph break.
pub(crate) fn lost_heading_gap(lines: &[Line]) -> usize {
    let mut counts = [0usize; 4];
    for line in lines.iter().skip(1) {
        counts[line.blanks_before.min(3)] += 1;
    }
    let usual = (0..counts.len())
        .max_by_key(|&gap| (counts[gap], std::cmp::Reverse(gap)))
        .unwrap_or(0);
    (usual + 1).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_blank_lines_and_spaces_are_cleaned() {
        let lines = split("Title\r\n\r\n\u{a0}\nKoichiro,\u{a0} Technical\t Community \n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].number, 4);
        assert_eq!(lines[1].blanks_before, 2);
        assert_eq!(lines[1].text, "Koichiro, Technical Community");
        let lines = split("Ana\u{1b}]0;owned\u{7} Lima\u{9b}2J \u{1b}");
        assert_eq!(lines[0].text, "Ana]0;owned Lima2J");
    }

    #[test]
    fn the_lost_heading_gap_is_wider_than_the_usual_gap() {
        assert_eq!(lost_heading_gap(&split("a\n\nb\n\nc\n\n\nd")), 2);
        assert_eq!(lost_heading_gap(&split("a\nb\nc\n\nd")), 2);
        assert_eq!(lost_heading_gap(&split("a\n\n\nb\n\n\nc\n\n\n\nd")), 3);
        assert_eq!(lost_heading_gap(&[]), 2);
    }
}
