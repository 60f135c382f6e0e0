//! Finding the names in a text: runs of name words, single words, and the joined and affixed
//! forms a hurried note gives a name.

use std::collections::HashSet;
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use super::words::{Words, fold, ignorable};
use super::{AFFIXED_MIN, Anonymizer, Pieces, SHORT_WORDS};

impl Anonymizer {
    /// The text with every name and affiliation on the roster replaced.
    pub fn apply(&self, text: &str) -> String {
        let words = Words::of(text);
        let mut out = String::new();
        let mut copied = 0;
        let mut index = 0;
        while index < words.tokens.len() {
            let found = self
                .run_at(&words, index)
                .or_else(|| self.word_at(text, &words, index).map(|label| (label, 1)))
                .or_else(|| self.spelled_out_at(text, &words, index));
            let (replacement, consumed) = match found {
                Some((label, len)) => (Some(label), len),
                None => (None, 1),
            };
            if let Some(label) = replacement {
                let start = words.tokens[index].span.start;
                let end = words.tokens[index + consumed - 1].span.end;
                out.push_str(&text[copied..start]);
                out.push_str(label);
                copied = end;
            }
            index += consumed;
        }
        if copied == 0 {
            return text.to_string();
        }
        out.push_str(&text[copied..]);
        out
    }

    /// A name written letter by letter ("S o b o t a", "S.o.b.o.t.a", "S-o-b-o-t-a"): single
    /// letters one or two characters apart, on one line, are read as the word they spell. The
    /// longest such word from `index` that is a name, and how many letters it takes.
    fn spelled_out_at(&self, text: &str, words: &Words, index: usize) -> Option<(&str, usize)> {
        let letter = |i: usize| words.folded(i).len() == 1 && !words.tokens[i].unspaced;
        if !letter(index) {
            return None;
        }
        let mut end = index + 1;
        while end < words.tokens.len() && end - index < 64 && letter(end) {
            let gap = &text[words.tokens[end - 1].span.end..words.tokens[end].span.start];
            if gap.chars().count() > 2 || gap.contains(['\n', '\r']) {
                break;
            }
            end += 1;
        }
        let spelled: String = (index..end).map(|i| words.folded(i)).collect();
        (index + AFFIXED_MIN..=end).rev().find_map(|stop| {
            let word = &spelled[..stop - index];
            if SHORT_WORDS.contains(&word) {
                return None;
            }
            let label = self.parts.get(word).map(String::as_str);
            label
                .or_else(|| self.affixed(word))
                .map(|label| (label, stop - index))
        })
    }

    /// The longest run of name words that starts at `index`, and how many words it takes.
    fn run_at(&self, words: &Words, index: usize) -> Option<(&str, usize)> {
        if !self.run_starts.contains(words.folded(index)) {
            return None;
        }
        let most = self.longest_run.min(words.tokens.len() - index);
        let mut run = String::new();
        let mut found = None;
        for len in 1..=most {
            if len > 1 {
                run.push(' ');
            }
            run.push_str(words.folded(index + len - 1));
            if len >= 2
                && let Some(label) = self.runs.get(&run)
            {
                found = Some((label.as_str(), len));
            }
        }
        found
    }

    /// What replaces the single word at `index`, if it is a name.
    fn word_at(&self, text: &str, words: &Words, index: usize) -> Option<&str> {
        let token = &words.tokens[index];
        let folded = words.folded(index);
        if token.unspaced {
            // A lone character of a script without spaces is a syllable or a letter of
            // countless words: only runs of them are names.
            return None;
        }
        let written = &text[token.span.clone()];
        if let Some(label) = self.parts.get(folded) {
            let short = SHORT_WORDS.contains(&folded);
            if !short || (starts_upper(written) && !sentence_start(&text[..token.span.start])) {
                return Some(label);
            }
        }
        if let Some(label) = self.affixed(folded) {
            return Some(label);
        }
        let mixed = written.chars().skip(1).any(char::is_uppercase)
            || (written.chars().any(char::is_numeric) && written.chars().any(char::is_alphabetic));
        let pieces = if mixed {
            camel_pieces(written)
        } else {
            Vec::new()
        };
        if pieces.len() > 1 {
            for piece in &pieces {
                let piece = fold(&written[piece.clone()]);
                if SHORT_WORDS.contains(&piece.as_str()) {
                    continue;
                }
                if let Some(label) = self
                    .parts
                    .get(&piece)
                    .map(String::as_str)
                    .or_else(|| self.affixed(&piece))
                {
                    return Some(label);
                }
            }
        }
        let tagged = text[..token.span.start].ends_with(['#', '@']);
        if tagged {
            // The longest part found, so that the same tag always gets the same label.
            return self
                .parts
                .iter()
                .filter(|(part, _)| {
                    part.len() >= AFFIXED_MIN
                        && !SHORT_WORDS.contains(&part.as_str())
                        && folded.contains(part.as_str())
                })
                .max_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| b.0.cmp(a.0)))
                .map(|(_, label)| label.as_str());
        }
        None
    }

    /// A name part with a plural or possessive ending ("sobotas", "sobotaes"), in another form
    /// ("sobotova", "komiyamasan") or transliteration ("dmitrii"), or a person's pieces joined in
    /// any order ("sobotalivia", "lsobota").
    fn affixed(&self, folded: &str) -> Option<&str> {
        if let Some(label) = self.variant(folded) {
            return Some(label);
        }
        for ending in ["s", "es"] {
            if let Some(stem) = folded.strip_suffix(ending)
                && stem.len() >= AFFIXED_MIN
                && !SHORT_WORDS.contains(&stem)
                && let Some(label) = self.parts.get(stem)
            {
                return Some(label);
            }
        }
        if folded.len() < 4 || folded.len() > 64 {
            return None;
        }
        // Only the people with a piece the word begins with can have joined it.
        let mut candidates: Vec<usize> = Vec::new();
        for end in 1..=self.longest_piece.min(folded.len()) {
            if let Some(owners) = folded.get(..end).and_then(|p| self.piece_owners.get(p)) {
                candidates.extend(owners);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|index| &self.people[index])
            .find(|pieces| pieces.joins(folded))
            .map(|pieces| pieces.label.as_str())
    }
}

impl Pieces {
    /// Whether `word` is two or more of these pieces joined, one of them a distinctive part of
    /// three letters or more, with at most one initial, first or last ("apaulus", "paulusa").
    fn joins(&self, word: &str) -> bool {
        /// How a prefix of the word was made of pieces.
        #[derive(Clone, Copy, PartialEq, Eq, Hash)]
        struct Made {
            distinctive: bool,
            several: bool,
            initial: bool,
        }
        let bytes = word.len();
        let mut reach: Vec<HashSet<Made>> = vec![HashSet::new(); bytes + 1];
        reach[0].insert(Made {
            distinctive: false,
            several: false,
            initial: false,
        });
        for start in 0..bytes {
            if reach[start].is_empty() || !word.is_char_boundary(start) {
                continue;
            }
            let states: Vec<Made> = reach[start].iter().copied().collect();
            for end in (start + 1..=bytes).filter(|&e| word.is_char_boundary(e)) {
                let piece = &word[start..end];
                let is_word = self.words.contains(piece);
                let is_initial =
                    !is_word && self.initials.contains(piece) && (start == 0 || end == bytes);
                if !is_word && !is_initial {
                    continue;
                }
                let distinctive =
                    is_word && piece.len() >= AFFIXED_MIN && !SHORT_WORDS.contains(&piece);
                for made in &states {
                    if is_initial && made.initial {
                        continue;
                    }
                    reach[end].insert(Made {
                        distinctive: made.distinctive || distinctive,
                        several: start > 0,
                        initial: made.initial || is_initial,
                    });
                }
            }
        }
        reach[bytes].iter().any(|m| m.distinctive && m.several)
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word after `before` begins a sentence.
fn sentence_start(before: &str) -> bool {
    let before = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '*' | '_' | '-')
    });
    before.is_empty() || before.ends_with(['.', '!', '?', '…', ':'])
}

/// Where a word written in CamelCase or with digits breaks: "AlexandraPaulus", "Sobota2022",
/// "WSISForum" → "WSIS", "Forum".
pub(super) fn camel_pieces(word: &str) -> Vec<Range<usize>> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Upper,
        Lower,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_uppercase() {
            Class::Upper
        } else if c.is_lowercase() {
            Class::Lower
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let chars: Vec<(usize, char)> = word
        .char_indices()
        .filter(|&(_, c)| !is_combining_mark(c) && !ignorable(c))
        .collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, window) in chars.windows(2).enumerate() {
        let (at, next) = (window[1].0, class(window[1].1));
        let here = class(window[0].1);
        let after_next = chars.get(i + 2).map(|&(_, c)| class(c));
        let breaks = match (here, next) {
            (Class::Lower, Class::Upper) => true,
            (Class::Digit, Class::Upper | Class::Lower) => true,
            (Class::Upper | Class::Lower, Class::Digit) => true,
            (Class::Upper, Class::Upper) => after_next == Some(Class::Lower),
            _ => false,
        };
        if breaks {
            pieces.push(start..at);
            start = at;
        }
    }
    pieces.push(start..word.len());
    pieces
}
