//! The Chatham House Rule: what was said may be reported, not who said it. Every name on the
//! roster becomes the person's stakeholder group and region, wherever it occurs: in lists, in
//! speaker attributions and inside the texts of notes and drafted fields.

use std::collections::{HashMap, HashSet};

use crate::model::{Person, RegionalGroup, Session};

/// Name parts too common to identify anyone ("de" in "Bruna Toso de Alcântara").
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ten", "ter", "bin", "ibn", "bint", "al", "el", "y", "e", "mr", "ms", "mrs", "dr",
];

/// Stands in for a name part that several people with different groups share.
const SOMEONE: &str = "a participant";

#[derive(Debug, Clone, Default)]
pub struct Anonymizer {
    /// Runs of two or more consecutive words of a name ("Lucía Fernández Ortega", "Fernández
    /// Ortega", "Mensah-Boateng"), folded and joined by spaces, and what replaces them.
    runs: HashMap<String, String>,
    /// The words that begin some run: only there is a run looked for.
    run_starts: HashSet<String>,
    /// The most words a run has.
    longest_run: usize,
    /// A distinctive name part (surname, given name) alone, and what replaces it.
    parts: HashMap<String, String>,
    /// Names as written, for scripts without spaces between words, where tokens do not help.
    verbatim: Vec<(String, String)>,
}

impl Anonymizer {
    pub fn new(session: &Session) -> Self {
        let mut runs: HashMap<String, String> = HashMap::new();
        let mut parts: HashMap<String, String> = HashMap::new();
        let mut verbatim = Vec::new();
        // A name part or run that two people of different groups share names neither.
        let add = |map: &mut HashMap<String, String>, key: String, label: &String| {
            map.entry(key)
                .and_modify(|existing| {
                    if existing != label {
                        *existing = SOMEONE.to_string();
                    }
                })
                .or_insert_with(|| label.clone());
        };
        for person in &session.people {
            let label = group_label(person);
            let words = tokens(&person.name);
            for (start, word) in words.iter().enumerate() {
                if word.chars().count() >= 3 && !PARTICLES.contains(&word.as_str()) {
                    add(&mut parts, word.clone(), &label);
                }
                for end in start + 2..=words.len() {
                    add(&mut runs, words[start..end].join(" "), &label);
                }
            }
            if person.name.trim().chars().count() >= 2 {
                verbatim.push((person.name.trim().to_string(), label));
            }
        }
        verbatim.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        let run_starts = runs
            .keys()
            .filter_map(|run| run.split(' ').next())
            .map(str::to_string)
            .collect();
        let longest_run = runs.keys().map(|r| r.split(' ').count()).max().unwrap_or(0);
        Anonymizer {
            runs,
            run_starts,
            longest_run,
            parts,
            verbatim,
        }
    }

    /// The text with every name on the roster replaced.
    pub fn apply(&self, text: &str) -> String {
        let mut text = std::borrow::Cow::Borrowed(text);
        for (name, label) in &self.verbatim {
            if text.contains(name.as_str()) {
                text = std::borrow::Cow::Owned(replace_whole(&text, name, label));
            }
        }
        let words = Words::of(&text);
        let mut out = String::new();
        let mut copied = 0;
        let mut index = 0;
        while index < words.spans.len() {
            let word = words.folded(index);
            let mut replacement = None;
            let mut consumed = 1;
            if self.run_starts.contains(word) {
                let most = self.longest_run.min(words.spans.len() - index);
                for len in (2..=most).rev() {
                    let run = (index..index + len)
                        .map(|i| words.folded(i))
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(label) = self.runs.get(&run) {
                        replacement = Some(label);
                        consumed = len;
                        break;
                    }
                }
            }
            if replacement.is_none() {
                replacement = self.parts.get(word);
            }
            if let Some(label) = replacement {
                let start = words.spans[index].start;
                let end = words.spans[index + consumed - 1].end;
                out.push_str(&text[copied..start]);
                out.push_str(label);
                copied = end;
            }
            index += consumed;
        }
        if copied == 0 {
            return text.into_owned();
        }
        out.push_str(&text[copied..]);
        out
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

/// Replaces `name` where it stands as a name, not inside a longer word ("Jo" is not replaced in
/// "Joint"); next to characters of a script written without spaces any place is a boundary.
fn replace_whole(text: &str, name: &str, label: &str) -> String {
    let unspaced = |c: char| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > 1;
    let joins = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => o.is_alphanumeric() && !unspaced(o) && !unspaced(i),
        _ => false,
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, found) in text.match_indices(name) {
        let end = start + found.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if joins(before, name.chars().next()) || joins(after, name.chars().next_back()) {
            continue;
        }
        out.push_str(&text[copied..start]);
        out.push_str(label);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// What stands for a person under the Chatham House Rule: "Civil Society (GRULAC)".
pub fn group_label(person: &Person) -> String {
    let group = person.stakeholder.map_or("Participant", |s| s.label());
    match person.region {
        Some(region) => format!("{group} ({})", region_short(region)),
        None => group.to_string(),
    }
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

/// Where a word is in the text, and where its folded form is in `Words::folded`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    folded_start: usize,
    folded_end: usize,
}

/// The words of a text (runs of letters and digits), folded once into one buffer so that a
/// text with no name in it costs no allocation per word.
struct Words {
    spans: Vec<Span>,
    folded: String,
}

impl Words {
    fn of(text: &str) -> Words {
        let mut spans = Vec::new();
        let mut folded = String::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphanumeric() {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            let folded_start = folded.len();
            if word.is_ascii() {
                folded.extend(word.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                folded.push_str(&deunicode::deunicode(word).to_lowercase());
            }
            spans.push(Span {
                start,
                end,
                folded_start,
                folded_end: folded.len(),
            });
        }
        Words { spans, folded }
    }

    fn folded(&self, index: usize) -> &str {
        let span = self.spans[index];
        &self.folded[span.folded_start..span.folded_end]
    }
}

/// The folded words of a name.
fn tokens(name: &str) -> Vec<String> {
    let words = Words::of(name);
    (0..words.spans.len())
        .map(|i| words.folded(i).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonId, StakeholderGroup};

    fn session() -> Session {
        let mut session = Session::default();
        let mut bruna = Person::new(PersonId(1), "Bruna Toso de Alcântara");
        bruna.stakeholder = Some(StakeholderGroup::CivilSociety);
        bruna.region = Some(RegionalGroup::Grulac);
        let mut alex = Person::new(PersonId(2), "Alexandra Paulus");
        alex.stakeholder = Some(StakeholderGroup::Government);
        alex.region = Some(RegionalGroup::Weog);
        session.people = vec![bruna, alex];
        session
    }

    #[test]
    fn full_names_and_their_parts_go_whatever_the_accents() {
        let anonymizer = Anonymizer::new(&session());
        assert_eq!(
            anonymizer.apply("Bruna Toso de Alcantara agreed with PAULUS's point; alcântara too."),
            "Civil Society (GRULAC) agreed with Government (WEOG)'s point; Civil Society (GRULAC) too."
        );
        assert_eq!(anonymizer.apply("nothing to hide"), "nothing to hide");
        // A run of name words is one name, not two.
        assert_eq!(
            anonymizer.apply("Toso-de-Alcântara's view"),
            "Civil Society (GRULAC)'s view"
        );
        assert_eq!(
            replace_whole("Jo and Joint; 陈静说 and 陈静.", "Jo", "X"),
            "X and Joint; 陈静说 and 陈静."
        );
        assert_eq!(replace_whole("陈静说：好", "陈静", "Y"), "Y说：好");
        // "de" alone is no name.
        assert_eq!(anonymizer.apply("the role de facto"), "the role de facto");
    }
}
