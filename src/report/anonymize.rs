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

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Person, RegionalGroup, Session};

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

/// How a person is named under the Chatham House Rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anonymity {
    /// "Civil Society (GRULAC)".
    #[default]
    GroupAndRegion,
    /// "Civil Society": for a session where a group and region pair is one person.
    GroupOnly,
}

impl Anonymity {
    /// What stands for `person`.
    pub fn label(self, person: &Person) -> String {
        match self {
            Anonymity::GroupAndRegion => group_label(person),
            Anonymity::GroupOnly => stakeholder_label(person).to_string(),
        }
    }

    /// What the labels say of a person, in words.
    pub fn named_by(self) -> &'static str {
        match self {
            Anonymity::GroupAndRegion => "stakeholder group and region",
            Anonymity::GroupOnly => "stakeholder group",
        }
    }

    /// The labels that stand for exactly one person on the roster: under them, that person
    /// is known to everyone who was in the room.
    pub fn lone_labels(self, session: &Session) -> Vec<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for person in session.people.iter().filter(|p| !p.removed) {
            let label = self.label(person);
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, count)) => *count += 1,
                None => counts.push((label, 1)),
            }
        }
        counts
            .into_iter()
            .filter(|(_, count)| *count == 1)
            .map(|(label, _)| label)
            .collect()
    }
}

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

    /// The text with every name and affiliation on the roster replaced.
    pub fn apply(&self, text: &str) -> String {
        let words = Words::of(text);
        let mut out = String::new();
        let mut copied = 0;
        let mut index = 0;
        while index < words.tokens.len() {
            let (replacement, consumed) = match self.run_at(&words, index) {
                Some((label, len)) => (Some(label), len),
                None => (self.word_at(text, &words, index), 1),
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

    /// A name part with a plural or possessive ending ("sobotas", "sobotaes"), or a person's
    /// pieces joined in any order ("sobotalivia", "lsobota").
    fn affixed(&self, folded: &str) -> Option<&str> {
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
fn camel_pieces(word: &str) -> Vec<Range<usize>> {
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

/// What stands for a person under the Chatham House Rule: "Civil Society (GRULAC)".
pub fn group_label(person: &Person) -> String {
    let group = stakeholder_label(person);
    match person.region {
        Some(region) => format!("{group} ({})", region_short(region)),
        None => group.to_string(),
    }
}

fn stakeholder_label(person: &Person) -> &'static str {
    person.stakeholder.map_or("Participant", |s| s.label())
}

/// The short name of a regional group, as used in running text.
pub fn region_short(region: RegionalGroup) -> &'static str {
    match region {
        RegionalGroup::African => "African Group",
        RegionalGroup::AsiaPacific => "Asia-Pacific",
        RegionalGroup::EasternEuropean => "Eastern Europe",
        RegionalGroup::Grulac => "GRULAC",
        RegionalGroup::Weog => "WEOG",
        RegionalGroup::IntergovernmentalOrganization => "IGO",
    }
}

/// Characters that take no room and carry no letter: zero-width spaces and joiners, the soft
/// hyphen, direction marks, variation selectors, the byte order mark.
fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Scripts written without spaces between words, where each character is a token.
fn unspaced(c: char) -> bool {
    syllable(c)
        || matches!(c,
            '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
            | '\u{1000}'..='\u{109F}'    // Myanmar
            | '\u{1780}'..='\u{17FF}'    // Khmer
            | '\u{3040}'..='\u{30FF}'    // Hiragana, Katakana
            | '\u{31F0}'..='\u{31FF}')
}

/// A character that is a syllable of a name: Chinese characters and Hangul syllables.
fn syllable(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}' | '\u{AC00}'..='\u{D7AF}')
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || ignorable(c)
}

/// The folded form of a word: compatibility-decomposed (NFKD, so full-width and ligature
/// letters are plain ones), marks and zero-width characters dropped, recomposed (so Hangul
/// syllables come back whole), transliterated to ASCII, lower case, letters and digits only.
fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase()),
        );
        return;
    }
    let plain: String = word
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && !ignorable(c))
        .nfc()
        .collect();
    out.extend(
        deunicode::deunicode(&plain)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase()),
    );
}

fn fold(word: &str) -> String {
    let mut out = String::new();
    fold_into(word, &mut out);
    out
}

/// One word of a text, where it is, and where its folded form is in `Words::folded`.
#[derive(Debug, Clone)]
struct Token {
    span: Range<usize>,
    folded: Range<usize>,
    /// A character of a script without spaces, on its own.
    unspaced: bool,
    syllable: bool,
}

/// The words of a text (runs of letters, digits, marks and zero-width characters; a character
/// of a script without spaces alone), folded once into one buffer so that a text with no name
/// in it costs no allocation per word.
struct Words {
    tokens: Vec<Token>,
    folded: String,
}

impl Words {
    fn of(text: &str) -> Words {
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

    fn folded(&self, index: usize) -> &str {
        &self.folded[self.tokens[index].folded.clone()]
    }
}

/// The folded words of a text.
fn tokens(text: &str) -> Vec<String> {
    let words = Words::of(text);
    (0..words.tokens.len())
        .map(|i| words.folded(i).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonId, StakeholderGroup};

    fn person(id: u32, name: &str, stakeholder: StakeholderGroup, region: RegionalGroup) -> Person {
        let mut person = Person::new(PersonId(id), name);
        person.stakeholder = Some(stakeholder);
        person.region = Some(region);
        person
    }

    fn session() -> Session {
        use RegionalGroup as R;
        use StakeholderGroup as S;
        let mut session = Session::default();
        let mut livia = person(3, "Livia Sobota", S::TechnicalCommunity, R::EasternEuropean);
        livia.affiliation = Some("JPCERT/CC".into());
        let mut li = person(4, "Li Na", S::PrivateSector, R::AsiaPacific);
        li.affiliation = Some("Comitê Gestor (NIC.br)".into());
        session.people = vec![
            person(1, "Bruna Toso de Alcântara", S::CivilSociety, R::Grulac),
            person(2, "Alexandra Paulus", S::Government, R::Weog),
            livia,
            li,
            person(5, "陈静", S::Government, R::AsiaPacific),
            person(6, "Siobhán O'Brien", S::CivilSociety, R::Weog),
            person(
                7,
                "He Jun",
                S::IntergovernmentalOrganization,
                R::AsiaPacific,
            ),
        ];
        session
    }

    fn anonymizer() -> Anonymizer {
        Anonymizer::new(&session(), Anonymity::GroupAndRegion)
    }

    const BRUNA: &str = "Civil Society (GRULAC)";
    const ALEX: &str = "Government (WEOG)";
    const LIVIA: &str = "Technical Community (Eastern Europe)";
    const LI: &str = "Private Sector (Asia-Pacific)";
    const CHEN: &str = "Government (Asia-Pacific)";
    const SIOBHAN: &str = "Civil Society (WEOG)";
    const HE: &str = "Intergovernmental Organization (Asia-Pacific)";

    #[test]
    fn full_names_and_their_parts_go_whatever_the_accents() {
        let anonymizer = anonymizer();
        assert_eq!(
            anonymizer.apply("Bruna Toso de Alcantara agreed with PAULUS's point; alcântara too."),
            format!("{BRUNA} agreed with {ALEX}'s point; {BRUNA} too.")
        );
        assert_eq!(anonymizer.apply("nothing to hide"), "nothing to hide");
        // A run of name words is one name, not two.
        assert_eq!(
            anonymizer.apply("Toso-de-Alcântara's view"),
            format!("{BRUNA}'s view")
        );
        // "de" alone is no name.
        assert_eq!(anonymizer.apply("the role de facto"), "the role de facto");
    }

    #[test]
    fn two_letter_parts_go_as_whole_words_only() {
        let anonymizer = anonymizer();
        assert_eq!(
            anonymizer.apply("Li said it; then Na agreed, and LI NA closed."),
            format!("{LI} said it; then {LI} agreed, and {LI} closed.")
        );
        assert_eq!(
            anonymizer.apply("Linear national limits"),
            "Linear national limits"
        );
    }

    #[test]
    fn decomposed_and_zero_width_spellings_go() {
        let anonymizer = anonymizer();
        let nfd = "Alca\u{0302}ntara and Pau\u{200B}lus and Ｓｏｂｏｔａ";
        assert_eq!(
            anonymizer.apply(nfd),
            format!("{BRUNA} and {ALEX} and {LIVIA}")
        );
        assert_eq!(
            anonymizer.apply("Alexandra\u{200D}Paulus"),
            ALEX,
            "a joiner inside a name joins it"
        );
    }

    #[test]
    fn joined_and_affixed_forms_go() {
        let anonymizer = anonymizer();
        for (text, expected) in [
            ("#AlexandraPaulus", format!("#{ALEX}")),
            ("@alexandrapaulus", format!("@{ALEX}")),
            ("@apaulus", format!("@{ALEX}")),
            ("LiviaSobota", LIVIA.to_string()),
            ("Sobota2022", LIVIA.to_string()),
            ("the Sobotas", format!("the {LIVIA}")),
            ("sobotalivia", LIVIA.to_string()),
            ("#teamsobota", format!("#{LIVIA}")),
            ("#LiNa", format!("#{LI}")),
        ] {
            assert_eq!(anonymizer.apply(text), expected, "{text}");
        }
        // Plural endings and joins do not reach ordinary words.
        for text in ["Linen", "analysis", "#Lisbon", "also", "Pauline"] {
            assert_eq!(anonymizer.apply(text), text);
        }
    }

    #[test]
    fn names_in_other_scripts_go_in_either_writing() {
        let anonymizer = anonymizer();
        assert_eq!(anonymizer.apply("Chen Jing said"), format!("{CHEN} said"));
        assert_eq!(anonymizer.apply("陈静说：好"), format!("{CHEN}说：好"));
        assert_eq!(anonymizer.apply("ChenJing"), CHEN);
        // A lone character is a syllable of countless words.
        assert_eq!(anonymizer.apply("安静"), "安静");
    }

    #[test]
    fn apostrophes_may_be_left_out() {
        let anonymizer = anonymizer();
        for text in [
            "O'Brien",
            "O’Brien",
            "obrien",
            "OBrien",
            "OBRIEN",
            "O'Brien's",
        ] {
            let replaced = anonymizer.apply(text);
            assert!(
                replaced.starts_with(SIOBHAN) && !fold(&replaced).contains("brien"),
                "{text} → {replaced}"
            );
        }
    }

    #[test]
    fn affiliations_go_wherever_they_are_written() {
        let anonymizer = anonymizer();
        assert_eq!(
            anonymizer.apply("JPCERT/CC and nic.br and Comitê Gestor agreed"),
            format!("{ORGANIZATION} and {ORGANIZATION} and {ORGANIZATION} agreed")
        );
        assert_eq!(anonymizer.apply("#JPCERTCC"), format!("#{ORGANIZATION}"));
    }

    #[test]
    fn parts_of_an_affiliation_go_too() {
        let mut session = session();
        session.people[0].affiliation = Some("ACME GmbH".into());
        session.people[1].affiliation =
            Some("Brazilian Internet Steering Committee - CGI.br".into());
        session.people[5].affiliation = Some("Ministry of Foreign Affairs".into());
        let anonymizer = Anonymizer::new(&session, Anonymity::GroupAndRegion);
        for text in [
            "ACME said",
            "Brazilian Internet Steering Committee said",
            "CGI.br said",
        ] {
            assert_eq!(
                anonymizer.apply(text),
                format!("{ORGANIZATION} said"),
                "{text}"
            );
        }
        assert_eq!(
            anonymizer.apply("the Ministry of Health"),
            "the Ministry of Health"
        );
    }

    #[test]
    fn a_name_with_umlauts_goes_as_german_writes_it_without_them() {
        let mut session = session();
        session.people[0].name = "José Müller-Lüdenscheidt".into();
        let anonymizer = Anonymizer::new(&session, Anonymity::GroupAndRegion);
        for text in ["Mueller", "Muller", "Lüdenscheidt", "Luedenscheidt"] {
            assert!(
                !fold(&anonymizer.apply(text)).contains("denscheidt")
                    && !fold(&anonymizer.apply(text)).contains("ller"),
                "{text} → {}",
                anonymizer.apply(text)
            );
        }
    }

    #[test]
    fn short_everyday_words_go_only_as_a_name() {
        let anonymizer = anonymizer();
        assert_eq!(
            anonymizer.apply("He said he would ask He Jun, as He had agreed."),
            format!("He said he would ask {HE}, as {HE} had agreed.")
        );
        assert_eq!(anonymizer.apply("Jun"), HE);
    }

    #[test]
    fn a_lone_group_and_region_is_told_and_coarse_labels_name_groups_only() {
        let session = session();
        let lone = Anonymity::GroupAndRegion.lone_labels(&session);
        assert!(lone.contains(&BRUNA.to_string()), "{lone:?}");
        let coarse = Anonymizer::new(&session, Anonymity::GroupOnly);
        assert_eq!(coarse.apply("Paulus"), "Government");
        // Two people of Government now share the label; one is still alone in hers.
        let lone = Anonymity::GroupOnly.lone_labels(&session);
        assert!(!lone.contains(&"Government".to_string()), "{lone:?}");
        assert!(lone.contains(&"Private Sector".to_string()), "{lone:?}");
    }

    #[test]
    fn camel_case_breaks_where_a_reader_would() {
        let pieces = |w: &str| {
            camel_pieces(w)
                .into_iter()
                .map(|r| w[r].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(pieces("AlexandraPaulus"), ["Alexandra", "Paulus"]);
        assert_eq!(pieces("Sobota2022"), ["Sobota", "2022"]);
        assert_eq!(pieces("WSISForum"), ["WSIS", "Forum"]);
        assert_eq!(pieces("plain"), ["plain"]);
    }
}
