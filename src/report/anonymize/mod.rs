//! The Chatham House Rule: what was said may be reported, not who said it. Every name on the
//! roster becomes the person's stakeholder group (and region), wherever it occurs: in lists, in
//! speaker attributions and inside the texts of notes and drafted fields; every affiliation on
//! the roster becomes "an organization".
//!
//! Names are found by principle, not by a list of spellings. Text and names are cut into words
//! and folded the same way (Unicode NFKD, marks and zero-width characters dropped, other scripts
//! transliterated, lower case), so "Alcântara" in NFD, "Pau\u{200B}lus" and "陈静" written "Chen
//! Jing" are the same words as on the roster. A word is then a name when it is a name part, a
//! run of them, their join ("obrien", "alexandrapaulus", "@apaulus"), a plural or possessive
//! without apostrophe ("Sobotas"), or when a piece of it is ("#AlexandraPaulus", "Sobota2022");
//! inside a #tag or @handle any distinctive name part counts.

mod find;
mod labels;
#[cfg(test)]
mod tests;
mod variants;
mod words;

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::model::Session;

pub use labels::{Anonymity, group_label, region_short};
use variants::Variants;
use words::{Words, tokens};

/// Words that start many names but identify nobody alone ("de" in "Bruna Toso de Alcântara"),
/// and two-letter everyday words that are also name parts (the surname He, Vietnamese An, To).
/// Alone, such a word is a name only when written with a capital and not at a sentence's start:
/// "as He said" is replaced, "he said" and "He said." at the start of a sentence are not. This
/// trades a leak of a very common surname standing alone at a sentence's start for not turning
/// every "he", "to" and "de" of a report into a stakeholder group. In a run with another part of
/// the name ("He Jun", "Toso de Alcântara") they are always replaced.
const SHORT_WORDS: &[&str] = &[
    // particles
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ten", "ter", "bin", "ibn", "bint", "al", "el", // everyday two-letter words
    "an", "as", "at", "be", "by", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "oh",
    "on", "or", "so", "to", "up", "us", "we",
];

/// Titles are never a name alone ("Dr" stays in "Dr Sobota" while "Sobota" goes).
const TITLES: &[&str] = &["mr", "ms", "mrs", "mx", "dr", "prof", "sir", "hon", "mme"];

/// Stands in for a name part that several people with different groups share.
const SOMEONE: &str = "a participant";

/// Stands in for an affiliation on the roster ("JPCERT/CC", "NIC.br").
const ORGANIZATION: &str = "an organization";

/// The shortest name part that counts inside a #tag or @handle, or with a plural ending.
const AFFIXED_MIN: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct Anonymizer {
    /// Runs of two or more consecutive words of a name or an affiliation ("fernandez ortega",
    /// "mensah boateng", "jpcert cc", "chen jing"), joined by spaces, and what replaces them.
    runs: HashMap<String, String>,
    /// The words that begin some run: only there is a run looked for.
    run_starts: HashSet<String>,
    /// The most words a run has.
    longest_run: usize,
    /// A name part alone (two letters or more), the join of a run ("obrien"), a one-word
    /// affiliation, and what replaces it.
    parts: HashMap<String, String>,
    /// Each person's pieces (parts, particles and initials), for joins in any order.
    people: Vec<Pieces>,
    /// Every piece of every person, and whose it is: a word that begins with none is no join.
    piece_owners: HashMap<String, Vec<usize>>,
    /// The longest piece, in bytes.
    longest_piece: usize,
    /// Grammatical forms and other transliterations of the name parts.
    variants: Variants,
}

/// What a person's joined name may be made of, and what replaces it.
#[derive(Debug, Clone, Default)]
struct Pieces {
    words: HashSet<String>,
    initials: HashSet<String>,
    label: String,
}

impl Anonymizer {
    pub fn new(session: &Session, anonymity: Anonymity) -> Self {
        let mut anonymizer = Anonymizer::default();
        for person in &session.people {
            let label = anonymity.label(person);
            anonymizer.add_name(&person.name, &label);
            if let Some(spelled) = spelled_without_umlauts(&person.name) {
                anonymizer.add_name(&spelled, &label);
            }
            if let Some(affiliation) = &person.affiliation {
                for form in affiliation_forms(affiliation) {
                    anonymizer.add_affiliation(form);
                }
            }
        }
        for (index, pieces) in anonymizer.people.iter().enumerate() {
            for piece in pieces.words.iter().chain(&pieces.initials) {
                let owners = anonymizer.piece_owners.entry(piece.clone()).or_default();
                if !owners.contains(&index) {
                    owners.push(index);
                }
                anonymizer.longest_piece = anonymizer.longest_piece.max(piece.len());
            }
        }
        anonymizer.run_starts = anonymizer
            .runs
            .keys()
            .filter_map(|run| run.split(' ').next())
            .map(str::to_string)
            .collect();
        anonymizer.longest_run = anonymizer
            .runs
            .keys()
            .map(|r| r.split(' ').count())
            .max()
            .unwrap_or(0);
        anonymizer
    }

    fn add_name(&mut self, name: &str, label: &str) {
        let words = Words::of(name);
        let folded: Vec<&str> = (0..words.tokens.len()).map(|i| words.folded(i)).collect();
        // In a name of syllables (Chinese, Korean) each syllable is a part and any two or more
        // in a row a run; in other scripts without spaces (kana, Thai) a token is a letter, and
        // only the whole name is a run.
        let syllabic = words.tokens.iter().all(|t| !t.unspaced || t.syllable);
        let mut pieces = Pieces {
            label: label.to_string(),
            ..Pieces::default()
        };
        for (start, token) in words.tokens.iter().enumerate() {
            let word = folded[start];
            if !token.unspaced || token.syllable {
                if word.len() >= 2 && !TITLES.contains(&word) {
                    add(&mut self.parts, word, label);
                    self.variants.add_part(word, label);
                    pieces.words.insert(word.to_string());
                }
                if let Some(initial) = word.get(..1).filter(|_| !token.unspaced) {
                    pieces.initials.insert(initial.to_string());
                }
            }
            let ends = if syllabic {
                start + 2..=folded.len()
            } else {
                folded.len()..=folded.len()
            };
            for end in ends {
                if start == 0 || syllabic {
                    add(&mut self.runs, &folded[start..end].join(" "), label);
                    add(&mut self.parts, &folded[start..end].concat(), label);
                }
            }
        }
        self.people.push(pieces);
    }

    fn add_affiliation(&mut self, affiliation: &str) {
        let words = tokens(affiliation);
        match words.len() {
            0 => {}
            1 if words[0].len() >= 2 => add(&mut self.parts, &words[0], ORGANIZATION),
            1 => {}
            _ => {
                add(&mut self.runs, &words.join(" "), ORGANIZATION);
                add(&mut self.parts, &words.concat(), ORGANIZATION);
            }
        }
        // An acronym inside a longer affiliation ("JPCERT" of "JPCERT/CC", "ACME" of "ACME
        // GmbH") is how people write it in a note.
        for word in affiliation.split(|c: char| !c.is_alphanumeric()) {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 3 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
                add(&mut self.parts, &word.to_lowercase(), ORGANIZATION);
            }
        }
    }

    /// Replaces names in every string of a JSON value (object keys are the context's own words).
    pub fn apply_to_value(&self, value: &mut serde_json::Value) {
        self.walk(value, &mut HashMap::new());
    }

    /// A report repeats a note's text in several places (seeds, audience questions, notes behind
    /// a field): each distinct text is read once.
    fn walk(&self, value: &mut serde_json::Value, seen: &mut HashMap<String, String>) {
        match value {
            serde_json::Value::String(text) => {
                if let Some(replaced) = seen.get(text.as_str()) {
                    text.clone_from(replaced);
                } else {
                    let replaced = self.apply(text);
                    seen.insert(std::mem::replace(text, replaced.clone()), replaced);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v, seen)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.walk(v, seen)),
            _ => {}
        }
    }
}

/// Adds a key; a key that two people of different groups share names neither.
fn add(map: &mut HashMap<String, String>, key: &str, label: &str) {
    if key.is_empty() {
        return;
    }
    map.entry(key.to_string())
        .and_modify(|existing| {
            if existing != label {
                *existing = SOMEONE.to_string();
            }
        })
        .or_insert_with(|| label.to_string());
}

/// An affiliation, and its parts before and inside brackets: "Japan Computer Emergency
/// Response Team Coordination Center (JPCERT/CC)" is also "JPCERT/CC".
/// It is also each piece between separators: "Brazilian Internet Steering Committee - CGI.br" is
/// also "CGI.br", and "NIC.br/CGI.br" is also "NIC.br".
fn affiliation_forms(affiliation: &str) -> Vec<&str> {
    let mut forms = vec![affiliation];
    let pieces = affiliation
        .split(['(', ')', '/', ',', ';', '|'])
        .flat_map(|piece| {
            piece
                .split(" - ")
                .flat_map(|p| p.split(" – "))
                .flat_map(|p| p.split(" — "))
        })
        .map(str::trim)
        .filter(|piece| !piece.is_empty() && *piece != affiliation);
    forms.extend(pieces);
    forms
}

/// A name with ä, ö, ü and ß written as German writes them without those letters ("Mueller" for
/// "Müller"), where that differs from the name.
fn spelled_without_umlauts(name: &str) -> Option<String> {
    let composed: String = name.nfc().collect();
    let mut spelled = String::with_capacity(composed.len());
    for c in composed.chars() {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'Ä' => spelled.push_str("Ae"),
            'Ö' => spelled.push_str("Oe"),
            'Ü' => spelled.push_str("Ue"),
            'ß' => spelled.push_str("ss"),
            other => spelled.push(other),
        }
    }
    (spelled != composed).then_some(spelled)
}
