//! Policy questions, written every way IGF pages write them: inline ("- Q? - Q?"), one per line,
//! bulleted, numbered ("1.", "1)", "A."), or with a title ("Access: how do we ...?").

use crate::model::PolicyQuestion;

use super::lines::Line;

/// More questions than a session can number (they are numbered 1 to 255).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooMany {
    pub count: usize,
}

/// The policy questions, and the lines among them that are prose about them, not questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub questions: Vec<PolicyQuestion>,
    pub prose: Vec<Line>,
}

/// Reads the lines under a "Policy Question(s)" heading (plus any text inline with the heading).
/// A question is a numbered, bulleted, titled or "?"-ending item; a paragraph that explains the
/// questions ("The session will address both ...") is prose, for the description.
pub(crate) fn parse(lines: &[Line]) -> Result<Parsed, TooMany> {
    let mut prose = Vec::new();
    let items: Vec<String> = match lines {
        [one] => split_inline(&one.text),
        many => {
            let marked = many.iter().any(|l| strip_marker(&l.text).is_some());
            let mut items: Vec<String> = Vec::new();
            for line in many {
                let text = line.text.as_str();
                match strip_marker(text) {
                    Some(rest) => items.push(rest.to_string()),
                    // Where the questions are marked, an unmarked line right under one that is
                    // not finished continues it; after a finished question, or a blank line, it
                    // is prose.
                    None if marked && !items.is_empty() => match items.last_mut() {
                        Some(last) if line.blanks_before == 0 && !last.ends_with('?') => {
                            last.push(' ');
                            last.push_str(text);
                        }
                        _ => prose.push(line.clone()),
                    },
                    None => items.push(text.to_string()),
                }
            }
            if !marked {
                // Unmarked, each line is an item; sentences after the last question are prose.
                let is_question = |t: &str| t.ends_with('?') || titled(t).0.is_some();
                let end = items
                    .iter()
                    .rposition(|t| is_question(t))
                    .map_or(0, |p| p + 1);
                let after = items.get(end..).unwrap_or_default();
                if end > 0 && after.iter().all(|t| t.ends_with('.')) {
                    prose.extend(many.get(end..).unwrap_or_default().iter().cloned());
                    items.truncate(end);
                }
            }
            items
        }
    };
    let items: Vec<&str> = items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .collect();
    let questions = items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let number = u8::try_from(index + 1).map_err(|_| TooMany { count: items.len() })?;
            let (title, text) = titled(item);
            Ok(PolicyQuestion {
                number,
                title,
                text,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Parsed { questions, prose })
}

/// "- Q one? - Q two? - Q three?" on one line. The separator is a dash with spaces around it
/// (a hyphen inside "multi-stakeholder" has none); when some of those dashes follow the end of a
/// sentence only those split, so that a dash used as punctuation inside a question stays.
fn split_inline(line: &str) -> Vec<String> {
    let body = strip_marker(line).unwrap_or(line);
    let mut cuts: Vec<usize> = body.match_indices(" - ").map(|(at, _)| at).collect();
    let after_sentence: Vec<usize> = cuts
        .iter()
        .copied()
        .filter(|&at| {
            body.get(..at)
                .and_then(|before| before.chars().last())
                .is_some_and(|c| matches!(c, '?' | '.' | '!' | ';'))
        })
        .collect();
    if !after_sentence.is_empty() {
        cuts = after_sentence;
    } else if strip_marker(line).is_none() {
        // Without a leading bullet, a lone line is one question, dashes and all.
        cuts.clear();
    }
    let mut items = Vec::new();
    let mut from = 0;
    for at in cuts {
        items.push(body.get(from..at).unwrap_or("").to_string());
        from = at + " - ".len();
    }
    items.push(body.get(from..).unwrap_or("").to_string());
    items
}

/// The text after a list marker: "- ", "• ", "* ", "1. ", "1) ", "(1) ", "A. ", "a) ", "Q1: ".
pub(crate) fn strip_marker(text: &str) -> Option<&str> {
    for bullet in ["- ", "• ", "* ", "– ", "· ", "▪ "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Some(rest.trim_start());
        }
    }
    let unwrapped = text.strip_prefix('(').unwrap_or(text);
    let label_len = unwrapped
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    let label_len = match label_len {
        0 => {
            // A single letter label ("A.", "b)") or "Q1".
            let mut chars = unwrapped.chars();
            match (chars.next(), chars.next()) {
                (Some('Q' | 'q'), Some(d)) if d.is_ascii_digit() => {
                    1 + unwrapped
                        .get(1..)?
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .count()
                }
                (Some(c), _) if c.is_ascii_alphabetic() => 1,
                _ => return None,
            }
        }
        1..=3 => label_len,
        _ => return None,
    };
    let rest = unwrapped.get(label_len..)?;
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))
        .or_else(|| rest.strip_prefix(": "))
        .or_else(|| rest.strip_prefix(" - "))?;
    Some(rest.trim_start())
}

/// "Access: How do we ...?" → a title and the question. The part before the colon must be short
/// and not itself a question, or "How, in 2023: ...?" would lose its start.
fn titled(item: &str) -> (Option<String>, String) {
    if let Some((title, text)) = item.split_once(':') {
        let title = title.trim();
        let text = text.trim();
        let short = (1..=8).contains(&title.split_whitespace().count());
        if short && !text.is_empty() && !title.ends_with('?') && !starts_with_question_word(title) {
            return (Some(title.to_string()), text.to_string());
        }
    }
    (None, item.to_string())
}

fn starts_with_question_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "how", "what", "which", "who", "whom", "whose", "why", "when", "where", "to what",
        "in what", "can", "could", "should", "do", "does", "is", "are", "will", "would",
    ];
    let lower: String = text
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    WORDS
        .iter()
        .any(|w| lower == *w || lower.starts_with(&format!("{w} ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split;

    fn texts(source: &str) -> Vec<(Option<String>, String)> {
        parse(&split(source))
            .unwrap()
            .questions
            .into_iter()
            .map(|q| (q.title, q.text))
            .collect()
    }

    #[test]
    fn inline_questions_split_at_dashes_after_a_question_mark() {
        let got = texts(
            "- Is multi-stakeholder work useful? - What about sanctions - and attribution? - Why?",
        );
        assert_eq!(
            got.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            [
                "Is multi-stakeholder work useful?",
                "What about sanctions - and attribution?",
                "Why?"
            ]
        );
    }

    #[test]
    fn numbered_lettered_and_titled_questions() {
        let got =
            texts("A. Access: How do we connect?\nB. Trust: Who decides\n3) How, in 2023: what?");
        assert_eq!(got[0], (Some("Access".into()), "How do we connect?".into()));
        assert_eq!(got[1], (Some("Trust".into()), "Who decides".into()));
        assert_eq!(got[2], (None, "How, in 2023: what?".into()));
    }

    #[test]
    fn unmarked_lines_continue_a_marked_question() {
        let got = texts("1. How do we\nconnect everyone?\n2. Who pays?");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "How do we connect everyone?");
    }

    #[test]
    fn more_questions_than_numbers_are_refused() {
        let page: String = (1..=256).map(|n| format!("{n}. Question {n}?\n")).collect();
        assert_eq!(parse(&split(&page)), Err(TooMany { count: 256 }));
        let page: String = (1..=255).map(|n| format!("{n}. Question {n}?\n")).collect();
        let questions = parse(&split(&page)).unwrap().questions;
        assert_eq!(questions.last().map(|q| q.number), Some(255));
    }

    #[test]
    fn markers_need_a_space_after_them() {
        assert_eq!(strip_marker("1. How?"), Some("How?"));
        assert_eq!(strip_marker("(2) How?"), Some("How?"));
        assert_eq!(strip_marker("Q3: How?"), Some("How?"));
        assert_eq!(strip_marker("How?"), None);
        assert_eq!(strip_marker("2022 was"), None);
        assert_eq!(strip_marker("-dash"), None);
    }
}
