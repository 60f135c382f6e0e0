//! A text cut into words, each folded to the form names are compared in.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub(super) use crate::text::is_ignorable as ignorable;

/// Scripts written without spaces between words, where each character is a token.
pub(super) fn unspaced(c: char) -> bool {
    syllable(c)
        || matches!(c,
            '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
            | '\u{1000}'..='\u{109F}'    // Myanmar
            | '\u{1780}'..='\u{17FF}'    // Khmer
            | '\u{3040}'..='\u{30FF}'    // Hiragana, Katakana
            | '\u{31F0}'..='\u{31FF}')
}

/// A character that is a syllable of a name: Chinese characters and Hangul syllables.
pub(super) fn syllable(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}' | '\u{AC00}'..='\u{D7AF}')
}

pub(super) fn word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || ignorable(c)
}

/// The folded form of a word: compatibility-decomposed (NFKD, so full-width and ligature
/// letters are plain ones), marks and zero-width characters dropped, recomposed (so Hangul
/// syllables come back whole), letters of other scripts that only stand in for Latin ones read
/// as the Latin letters they look like, transliterated to ASCII, lower case, letters and digits
/// only.
pub(super) fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        return;
    }
    let mut plain: String = word
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && !ignorable(c))
        .nfc()
        .collect();
    if read_by_look(&plain) {
        plain = plain
            .chars()
            .map(|c| match latin(c) {
                true => c.to_string(),
                false => look_alike(c).unwrap_or_else(|| c.to_string()),
            })
            .collect();
    }
    out.extend(
        deunicode::deunicode(&plain)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// Whether a word is Latin letters written (partly) with look-alikes from other scripts, as
/// Unicode's confusables (UTS #39) define them: "Ѕobota" with a Cyrillic Ѕ, "Ιvanova" with a
/// Greek Ι. That is a word that mixes scripts, or one whose letters all look like Latin ones;
/// a word of one other script is written in it ("Иванов", "陈静") and is transliterated.
fn read_by_look(word: &str) -> bool {
    use unicode_security::MixedScript;
    if !word.is_single_script() {
        return true;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some_and(|&c| !latin(c)) && letters.all(|c| look_alike(c).is_some())
}

/// A Latin letter, or a character that every script shares (digits, punctuation).
fn latin(c: char) -> bool {
    use unicode_security::mixed_script::AugmentedScriptSet;
    let mut scripts = AugmentedScriptSet::for_char(c);
    scripts.intersect_with(AugmentedScriptSet::for_char('a'));
    !scripts.is_empty()
}

/// The Latin letters a character of another script is confusable with, as written, in lower
/// case: Cyrillic "Ѕ" and "ѕ" are "s", Greek "Ν" is "n" (its lower case "ν" would be "v"). A
/// capital that looks like "l" is an "I": "l" has no capital.
fn look_alike(c: char) -> Option<String> {
    let prototype: String = unicode_security::skeleton(c.encode_utf8(&mut [0; 4]))
        .filter(|&p| !is_combining_mark(p))
        .collect();
    if prototype.is_empty() || !prototype.chars().all(|p| p.is_ascii_alphanumeric()) {
        return None;
    }
    if c.is_uppercase() && prototype == "l" {
        return Some("i".into());
    }
    Some(prototype.to_ascii_lowercase())
}

pub(super) fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// One word of a text, where it is, and where its folded form is in `Words::folded`.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub span: Range<usize>,
    pub folded: Range<usize>,
    /// A character of a script without spaces, on its own.
    pub unspaced: bool,
    pub syllable: bool,
}

/// The words of a text (runs of letters, digits, marks and zero-width characters; a character
/// of a script without spaces alone), folded once into one buffer so that a text with no name
/// in it costs no allocation per word.
pub(super) struct Words {
    pub tokens: Vec<Token>,
    folded: String,
}

impl Words {
    pub(super) fn of(text: &str) -> Words {
        let mut tokens = Vec::new();
        let mut folded = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            // A mark or zero-width character before any letter belongs to no word.
            if !c.is_alphanumeric() {
                continue;
            }
            let is_unspaced = unspaced(c);
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                let attached = is_combining_mark(next) || ignorable(next);
                let continues = if is_unspaced {
                    attached
                } else {
                    word_char(next) && !unspaced(next)
                };
                if !continues {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let folded_start = folded.len();
            fold_into(&text[start..end], &mut folded);
            if folded.len() == folded_start {
                continue;
            }
            tokens.push(Token {
                span: start..end,
                folded: folded_start..folded.len(),
                unspaced: is_unspaced,
                syllable: syllable(c),
            });
        }
        Words { tokens, folded }
    }

    pub(super) fn folded(&self, index: usize) -> &str {
        &self.folded[self.tokens[index].folded.clone()]
    }
}

/// The folded words of a text.
pub(super) fn tokens(text: &str) -> Vec<String> {
    let words = Words::of(text);
    (0..words.tokens.len())
        .map(|i| words.folded(i).to_string())
        .collect()
}
