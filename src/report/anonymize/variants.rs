//! The forms a name takes that are not its roster spelling: grammatical (a surname's feminine
//! or masculine form, a Japanese honorific) and other transliterations of a name from another
//! script ("Dmitry", "Dmitrii", "Dmitriy").

use std::collections::HashMap;

use super::{Anonymizer, SHORT_WORDS, add};

/// Endings that make one gender's form of a surname from the other's: Russian and Bulgarian
/// Ivanov/Ivanova, Markovski/Markovska, Czech Novák/Nováková and Sobota/Sobotová. Each pair
/// is read both ways. A pair that only swaps a vowel (Victoria/victory) is left out: English
/// words are made that way too.
const GENDER_ENDINGS: &[(&str, &str)] = &[
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
    ("yn", "yna"),
    ("sky", "skaya"),
    ("skiy", "skaya"),
    ("skii", "skaya"),
    ("ski", "ska"),
    ("sky", "ska"),
    ("cki", "cka"),
    ("", "ova"),
    ("a", "ova"),
    ("o", "ova"),
    ("e", "ova"),
];

/// Japanese honorifics, written joined to the name ("Komiyamasan"); written with a hyphen they
/// are a word of their own and the name before them goes as it is.
const HONORIFICS: &[&str] = &[
    "san", "sama", "kun", "chan", "sensei", "senpai", "sempai", "dono", "shi", "hakase",
];

/// The shortest stem an ending is put on: "cost" is no form of "Costa".
const STEM_MIN: usize = 4;

/// The shortest word read as another transliteration of a name part.
const SIMILAR_MIN: usize = 5;

/// How alike two transliterations must be, once written the same way (see [`romanized`]), by
/// Levenshtein distance over the longer length: up to six letters they must be equal, from
/// seven one letter may differ, from fourteen two.
const SIMILAR: f64 = 0.85;

/// What the forms of the roster's name parts map to.
#[derive(Debug, Clone, Default)]
pub(super) struct Variants {
    /// A grammatical form of a name part ("ivanova", "sobotova", "komiyamasan") and its label.
    forms: HashMap<String, String>,
    /// Name parts of five letters or more, written as [`romanized`] writes them, by their
    /// first letter, and their labels.
    romanized: HashMap<char, Vec<(String, String)>>,
}

impl Variants {
    /// Every form of `part` (folded) that stands for the person labelled `label`.
    pub(super) fn add_part(&mut self, part: &str, label: &str) {
        if part.len() < STEM_MIN || SHORT_WORDS.contains(&part) {
            return;
        }
        for &(one, other) in GENDER_ENDINGS {
            for (from, to) in [(one, other), (other, one)] {
                // A form that is the bare stem is a word of its own ("Ivan" of "Ivanova"), and
                // needs a longer stem to be this name's ("Novák" of "Nováková").
                let bare = usize::from(from.is_empty() || to.is_empty());
                if let Some(stem) = part.strip_suffix(from)
                    && stem.len() >= STEM_MIN + bare
                {
                    add(&mut self.forms, &format!("{stem}{to}"), label);
                }
            }
        }
        for honorific in HONORIFICS {
            add(&mut self.forms, &format!("{part}{honorific}"), label);
        }
        if part.len() >= SIMILAR_MIN {
            let written = romanized(part);
            if let Some(first) = written.chars().next() {
                let same = self.romanized.entry(first).or_default();
                match same.iter_mut().find(|(w, _)| *w == written) {
                    Some((_, existing)) if existing != label => *existing = super::SOMEONE.into(),
                    Some(_) => {}
                    None => same.push((written, label.to_string())),
                }
            }
        }
    }
}

impl Anonymizer {
    /// The label of a word that is a grammatical form of a name part, or another
    /// transliteration of one: the most alike part, if it is alike enough and no part of
    /// another label is as alike.
    pub(super) fn variant(&self, folded: &str) -> Option<&str> {
        if let Some(label) = self.variants.forms.get(folded) {
            return Some(label);
        }
        if folded.len() < SIMILAR_MIN || folded.len() > 64 {
            return None;
        }
        let written = romanized(folded);
        let first = written.chars().next()?;
        let mut best: Option<(f64, &str)> = None;
        for (part, label) in self.variants.romanized.get(&first)? {
            let score = strsim::normalized_levenshtein(&written, part);
            if score < SIMILAR {
                continue;
            }
            best = match best {
                Some((high, _)) if score < high => best,
                Some((high, other)) if score == high && other != label => {
                    Some((high, super::SOMEONE))
                }
                _ => Some((score, label.as_str())),
            };
        }
        best.map(|(_, label)| label)
    }
}

/// A folded word written the way the common transliterations of one name agree: "y", "j" and
/// "i" as "i", "ks" as "x", "kh" as "h", "ph" as "f", "w" as "v", and a doubled letter once.
/// "Dmitry", "Dmitrii", "Dmitriy" and "Dmitrij" are all "dmitri"; "Aleksandra" is "Alexandra".
pub(super) fn romanized(folded: &str) -> String {
    let replaced = folded
        .replace("ks", "x")
        .replace("kh", "h")
        .replace("ph", "f")
        .replace(['y', 'j'], "i")
        .replace('w', "v");
    let mut out = String::with_capacity(replaced.len());
    for c in replaced.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}
