//! Quotes checked against what was said, and the passage said at a moment of the session.
//! Words are compared without case, accents or punctuation ("cyber-diplomacy" is "cyber
//! diplomacy"), and a quote never spans two interventions.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, FixedOffset};

use super::floor::{Intervention, at_moment};
use super::labels::Attribution;
use super::parse::Transcript;
use crate::model::{Note, NoteId, NoteKind};

/// A stretch of one intervention, as the captioner wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Which intervention it is in.
    pub intervention: usize,
    pub who: Attribution,
    /// The transcript line of the turn it starts in.
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStatus {
    /// In a turn of the person the note names (or anyone's, for a note that names nobody).
    Found,
    /// Said, but by someone else.
    Misattributed,
    /// Not in the transcript in these words.
    NotFound,
}

impl QuoteStatus {
    pub fn slug(self) -> &'static str {
        match self {
            QuoteStatus::Found => "found",
            QuoteStatus::Misattributed => "misattributed",
            QuoteStatus::NotFound => "not-found",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuoteCheck {
    pub note: NoteId,
    pub text: String,
    pub status: QuoteStatus,
    /// Who said it, when it was found in someone's turn.
    pub said_by: Option<Attribution>,
    /// Where it was said; for a quote not found, the closest passage.
    pub passage: Option<Passage>,
}

/// Words of context shown on each side of a quote found.
const CONTEXT_WORDS: usize = 8;
/// Windows sharing the most words with a quote that are compared word by word; a common
/// quote of common words would otherwise have thousands.
const MAX_CANDIDATES: usize = 64;

/// The words of every intervention, indexed for quotes and passages.
#[derive(Debug)]
pub struct Spoken {
    interventions: Vec<SpokenIntervention>,
    vocabulary: HashMap<String, u32>,
}

#[derive(Debug)]
struct SpokenIntervention {
    who: Attribution,
    /// Its turns' text, joined by spaces.
    text: String,
    /// Each word as written (split at spaces), and the line of the turn it is in.
    words: Vec<(Range<usize>, usize)>,
    /// The compared form of the words, and which written word each comes from.
    tokens: Vec<(u32, usize)>,
}

impl Spoken {
    pub fn new(transcript: &Transcript, interventions: &[Intervention]) -> Self {
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut spoken = Vec::with_capacity(interventions.len());
        for intervention in interventions {
            let mut text = String::new();
            let mut words = Vec::new();
            let mut tokens = Vec::new();
            for turn in intervention.turns.iter().map(|&i| &transcript.turns[i]) {
                if !text.is_empty() {
                    text.push(' ');
                }
                let offset = text.len();
                text.push_str(&turn.text);
                for (start, word) in word_spans(&turn.text) {
                    let written = words.len();
                    words.push((offset + start..offset + start + word.len(), turn.line));
                    for token in compared(word) {
                        let id = match vocabulary.get(&token) {
                            Some(id) => *id,
                            None => {
                                let id = vocabulary.len() as u32;
                                vocabulary.insert(token, id);
                                id
                            }
                        };
                        tokens.push((id, written));
                    }
                }
            }
            spoken.push(SpokenIntervention {
                who: intervention.who.clone(),
                text,
                words,
                tokens,
            });
        }
        Spoken {
            interventions: spoken,
            vocabulary,
        }
    }

    /// Checks every note of kind quote, in the notes' order.
    pub fn check_quotes<'n>(&self, notes: impl IntoIterator<Item = &'n Note>) -> Vec<QuoteCheck> {
        notes
            .into_iter()
            .filter(|n| n.kind == NoteKind::Quote)
            .map(|note| self.check(note))
            .collect()
    }

    fn check(&self, note: &Note) -> QuoteCheck {
        let parts: Vec<Vec<Option<u32>>> = quoted_parts(&note.text)
            .iter()
            .map(|part| self.lookup(part))
            .filter(|part| !part.is_empty())
            .collect();
        // A word said nowhere in the transcript: the quote cannot be found as it is.
        let exact: Option<Vec<Vec<u32>>> = parts
            .iter()
            .map(|part| part.iter().copied().collect())
            .collect();
        let found: Vec<(usize, Range<usize>)> = match &exact {
            Some(exact) if !exact.is_empty() => self
                .interventions
                .iter()
                .enumerate()
                .filter_map(|(index, spoken)| Some((index, find_parts(&spoken.tokens, exact)?)))
                .collect(),
            _ => Vec::new(),
        };
        let named = note.speaker.map(Attribution::Speaker);
        let by_named = found.iter().find(|(index, _)| {
            named.is_none() || Some(&self.interventions[*index].who) == named.as_ref()
        });
        let (status, place) = match (by_named, found.first()) {
            (Some(place), _) => (QuoteStatus::Found, Some(place.clone())),
            (None, Some(place)) => (QuoteStatus::Misattributed, Some(place.clone())),
            (None, None) => (QuoteStatus::NotFound, None),
        };
        let said_by = place
            .as_ref()
            .map(|(index, _)| self.interventions[*index].who.clone());
        let passage = match place {
            Some((index, tokens)) => Some(self.passage(index, tokens, CONTEXT_WORDS)),
            None => self
                .closest(&parts.concat())
                .map(|(index, tokens)| self.passage(index, tokens, CONTEXT_WORDS / 2)),
        };
        QuoteCheck {
            note: note.id,
            text: note.text.clone(),
            status,
            said_by,
            passage,
        }
    }

    /// The compared words of a text, None for a word said nowhere in the transcript.
    fn lookup(&self, text: &str) -> Vec<Option<u32>> {
        text.split_whitespace()
            .flat_map(compared)
            .map(|token| self.vocabulary.get(&token).copied())
            .collect()
    }

    /// The window of the quote's length that shares the most words with it, in one intervention;
    /// among windows sharing as many, the one fewest words away from it.
    fn closest(&self, quote: &[Option<u32>]) -> Option<(usize, Range<usize>)> {
        // Each quoted word's slot, dense over the vocabulary: the window slides by array reads.
        const NONE: u32 = u32::MAX;
        let mut slot_of = vec![NONE; self.vocabulary.len()];
        let mut need: Vec<u32> = Vec::new();
        for id in quote.iter().flatten() {
            let slot = &mut slot_of[*id as usize];
            if *slot == NONE {
                *slot = need.len() as u32;
                need.push(0);
            }
            need[*slot as usize] += 1;
        }
        let mut have = vec![0u32; need.len()];
        let length = quote.len();
        let mut best_shared = 0u32;
        let mut candidates: Vec<(usize, Range<usize>)> = Vec::new();
        for (index, spoken) in self.interventions.iter().enumerate() {
            have.fill(0);
            let mut shared = 0u32;
            for (end, (id, _)) in spoken.tokens.iter().enumerate() {
                let slot = slot_of[*id as usize];
                if slot != NONE {
                    have[slot as usize] += 1;
                    if have[slot as usize] <= need[slot as usize] {
                        shared += 1;
                    }
                }
                if let Some(leaving) = end.checked_sub(length).map(|i| spoken.tokens[i].0) {
                    let slot = slot_of[leaving as usize];
                    if slot != NONE {
                        if have[slot as usize] <= need[slot as usize] {
                            shared -= 1;
                        }
                        have[slot as usize] -= 1;
                    }
                }
                if shared == 0 || shared < best_shared {
                    continue;
                }
                if shared > best_shared {
                    best_shared = shared;
                    candidates.clear();
                }
                if candidates.len() < MAX_CANDIDATES {
                    candidates.push((index, (end + 1).saturating_sub(length)..end + 1));
                }
            }
        }
        // Word by word, so that a long word shared at the start does not outweigh the rest.
        let edits = |(index, tokens): &(usize, Range<usize>)| {
            let window: Vec<Option<u32>> = self.interventions[*index].tokens[tokens.clone()]
                .iter()
                .map(|(id, _)| Some(*id))
                .collect();
            strsim::generic_levenshtein(&window, &quote.to_vec())
        };
        candidates.into_iter().min_by_key(edits)
    }

    /// The written words behind `tokens` of an intervention, with `context` words each side.
    fn passage(&self, index: usize, tokens: Range<usize>, context: usize) -> Passage {
        let spoken = &self.interventions[index];
        let first = spoken.tokens[tokens.start].1;
        let last = spoken.tokens[tokens.end - 1].1;
        self.written(index, first.saturating_sub(context)..last + 1 + context)
    }

    /// An intervention's written words `words` (clamped to it), marked "…" where they are cut.
    fn written(&self, index: usize, words: Range<usize>) -> Passage {
        let spoken = &self.interventions[index];
        let end = words.end.min(spoken.words.len());
        let start = words.start.min(end.saturating_sub(1));
        let (from, line) = spoken.words[start].clone();
        let to = spoken.words[end - 1].0.end;
        let mut text = String::new();
        if start > 0 {
            text.push_str("… ");
        }
        text.push_str(&spoken.text[from.start..to]);
        if end < spoken.words.len() {
            text.push_str(" …");
        }
        Passage {
            intervention: index,
            who: spoken.who.clone(),
            line,
            text,
        }
    }

    /// What was being said at `at`, by the estimate: about `words` words around that moment.
    pub fn said_at(
        &self,
        interventions: &[Intervention],
        at: DateTime<FixedOffset>,
        words: usize,
    ) -> Option<Passage> {
        let (index, fraction) = at_moment(interventions, at)?;
        let count = self.interventions.get(index)?.words.len();
        if count == 0 {
            return None;
        }
        let middle = ((count as f64 * fraction) as usize).min(count - 1);
        let start = middle.saturating_sub(words / 2);
        Some(self.written(index, start..start + words.max(1)))
    }
}

/// The words of a text split at white space, with where each starts.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// How a written word is compared: folded, apostrophes dropped ("don't" is "dont"), and split at
/// any other punctuation ("cyber-diplomacy" is "cyber diplomacy"). A break-off is no word.
fn compared(word: &str) -> Vec<String> {
    let folded = if word.is_ascii() {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(word))
    };
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '`') && !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// The quote's words without its #hashtags, in the parts an ellipsis separates.
fn quoted_parts(text: &str) -> Vec<String> {
    let without_tags: Vec<&str> = text
        .split_whitespace()
        .filter(|word| !word.starts_with('#'))
        .collect();
    without_tags
        .join(" ")
        .replace("[...]", "…")
        .replace("(...)", "…")
        .replace("...", "…")
        .split('…')
        .map(str::to_string)
        .collect()
}

/// Where every part appears, in order, in `tokens`: the span from the first part's start to the
/// last part's end.
fn find_parts(tokens: &[(u32, usize)], parts: &[Vec<u32>]) -> Option<Range<usize>> {
    let mut from = 0;
    let mut start = None;
    for wanted in parts {
        let at = (from..=tokens.len().checked_sub(wanted.len())?).find(|&at| {
            tokens[at..at + wanted.len()]
                .iter()
                .zip(wanted)
                .all(|((id, _), want)| id == want)
        })?;
        start.get_or_insert(at);
        from = at + wanted.len();
    }
    Some(start?..from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonId, Speaker};
    use crate::transcript::floor::interventions;
    use crate::transcript::parse::parse;

    fn person(id: u32) -> Speaker {
        Speaker::Person(PersonId(id))
    }

    fn spoken() -> Spoken {
        let transcript = parse(
            ">> A: Good afternoon. Public attribution, in my view, is a political act ‑‑\n\
             >> A: and it is not a legal one.\n\
             >> B: I don't think sanctions work without shared evidence. (Applause)\n\
             >> A: Cyber-diplomacy needs the regions at the table.\n",
        )
        .unwrap();
        let who: Vec<Attribution> = [1, 1, 2, 1]
            .map(|id| Attribution::Speaker(person(id)))
            .to_vec();
        Spoken::new(&transcript, &interventions(&transcript, &who))
    }

    fn quote(speaker: Option<Speaker>, text: &str) -> Note {
        let at = DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        Note::new(at, speaker, vec![], NoteKind::Quote, text, "t")
    }

    #[test]
    fn found_in_the_named_speakers_words_ignoring_case_and_punctuation() {
        let spoken = spoken();
        let check = spoken.check(&quote(
            Some(person(2)),
            "\u{201c}i DONT think sanctions work without shared evidence\u{201d} #sanctions",
        ));
        assert_eq!(check.status, QuoteStatus::Found);
        assert_eq!(check.said_by, Some(Attribution::Speaker(person(2))));
        let passage = check.passage.unwrap();
        assert_eq!(passage.line, 3);
        assert_eq!(
            passage.text,
            "I don't think sanctions work without shared evidence."
        );
        let across_turns = spoken.check(&quote(
            Some(person(1)),
            "a political act and it is not a legal one",
        ));
        assert_eq!(
            across_turns.status,
            QuoteStatus::Found,
            "one intervention, two turns"
        );
        let elided = spoken.check(&quote(Some(person(1)), "attribution … is a political act"));
        assert_eq!(elided.status, QuoteStatus::Found);
        let hyphen = spoken.check(&quote(Some(person(1)), "cyber diplomacy needs the regions"));
        assert_eq!(hyphen.status, QuoteStatus::Found);
    }

    #[test]
    fn said_by_someone_else_names_them() {
        let check = spoken().check(&quote(
            Some(person(1)),
            "sanctions work without shared evidence",
        ));
        assert_eq!(check.status, QuoteStatus::Misattributed);
        assert_eq!(check.said_by, Some(Attribution::Speaker(person(2))));
        let unnamed = spoken().check(&quote(None, "sanctions work"));
        assert_eq!(unnamed.status, QuoteStatus::Found);
    }

    #[test]
    fn not_said_shows_the_closest_passage() {
        let check = spoken().check(&quote(
            Some(person(2)),
            "sanctions never work without evidence",
        ));
        assert_eq!(check.status, QuoteStatus::NotFound);
        assert_eq!(check.said_by, None);
        let passage = check.passage.unwrap();
        assert_eq!(
            passage.text,
            "I don't think sanctions work without shared evidence."
        );
        let legal = spoken().check(&quote(Some(person(1)), "attribution is always a legal act"));
        let passage = legal.passage.unwrap();
        assert!(passage.text.contains("not a legal one"), "{passage:?}");
        assert!(
            passage.text.starts_with("… "),
            "cut where it starts: {passage:?}"
        );
        let nothing = spoken().check(&quote(Some(person(1)), "zebra quokka"));
        assert_eq!(
            (nothing.status, nothing.passage),
            (QuoteStatus::NotFound, None)
        );
        let empty = spoken().check(&quote(Some(person(1)), "#only #tags"));
        assert_eq!(empty.status, QuoteStatus::NotFound);
    }
}
