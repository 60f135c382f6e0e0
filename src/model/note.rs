//! What the rapporteur records during the session: notes, floor changes and segment changes.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use super::roster::PersonId;
use super::vocabulary::NoteKind;

/// A time-ordered UUIDv7: unique across the copies that several note takers keep of one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub Uuid);

impl NoteId {
    pub fn new() -> Self {
        NoteId(Uuid::now_v7())
    }
}

impl Default for NoteId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for NoteId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(NoteId)
    }
}

/// Who had the floor: someone on the roster, or the audience in the room or online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Speaker {
    Person(PersonId),
    /// The onsite audience: questions and comments from the room.
    Audience,
    /// The online audience: questions and comments from the chat.
    Online,
}

impl Speaker {
    /// "Onsite audience" or "Online audience"; None for a person.
    pub fn audience_label(self) -> Option<&'static str> {
        match self {
            Speaker::Person(_) => None,
            Speaker::Audience => Some("Onsite audience"),
            Speaker::Online => Some("Online audience"),
        }
    }

    /// The word that names an audience on the command line and in JSON.
    pub fn audience_word(self) -> Option<&'static str> {
        match self {
            Speaker::Person(_) => None,
            Speaker::Audience => Some("audience"),
            Speaker::Online => Some("online"),
        }
    }

    pub fn audience_from_word(word: &str) -> Option<Speaker> {
        match word.trim().to_lowercase().as_str() {
            "audience" | "onsite" | "room" | "onsite audience" => Some(Speaker::Audience),
            "online" | "chat" | "online audience" => Some(Speaker::Online),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    /// When its first character was typed (or the time given on the command line).
    pub at: DateTime<FixedOffset>,
    /// Who had the floor; None when the rapporteur did not say.
    #[serde(default)]
    pub speaker: Option<Speaker>,
    /// Policy question numbers, ascending.
    #[serde(default)]
    pub questions: Vec<u8>,
    #[serde(default)]
    pub kind: NoteKind,
    pub text: String,
    /// The #hashtags in the text, without the '#', as first written.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who took the note.
    #[serde(default)]
    pub taker: String,
    #[serde(default)]
    pub edited: Option<DateTime<FixedOffset>>,
    /// The break-out group the note was taken in, if the session has groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A note without a character a reader could see.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the note is empty: it has only spaces or invisible characters (zero-width spaces, joiners, \
     controls); a note needs some text"
)]
pub struct EmptyNote;

impl Note {
    /// Whether `text` has nothing a reader could see: only white space, zero-width and other
    /// invisible characters, and controls. Such a note would be a blank line in every report.
    pub fn is_blank_text(text: &str) -> bool {
        text.chars()
            .all(|c| c.is_whitespace() || c.is_control() || crate::text::is_ignorable(c))
    }

    /// Blank text is refused wherever a note comes from.
    pub fn require_text(text: &str) -> Result<(), EmptyNote> {
        if Note::is_blank_text(text) {
            return Err(EmptyNote);
        }
        Ok(())
    }

    /// A note whose tags are read from its text and whose questions are in order.
    pub fn new(
        at: DateTime<FixedOffset>,
        speaker: Option<Speaker>,
        questions: Vec<u8>,
        kind: NoteKind,
        text: impl Into<String>,
        taker: impl Into<String>,
    ) -> Self {
        let mut note = Note {
            id: NoteId::new(),
            at,
            speaker,
            questions,
            kind,
            text: text.into(),
            tags: Vec::new(),
            taker: taker.into(),
            edited: None,
            group: None,
        };
        note.normalise();
        note
    }

    /// Re-derives what follows from the text and the tags: hashtags, question order.
    pub fn normalise(&mut self) {
        self.tags = hashtags(&self.text);
        self.questions.sort_unstable();
        self.questions.dedup();
    }

    pub fn sort_key(&self) -> (DateTime<FixedOffset>, NoteId) {
        (self.at, self.id)
    }

    pub fn is_about(&self, question: u8) -> bool {
        self.questions.contains(&question)
    }
}

/// The #hashtags of a text, in order, each once (compared without case).
pub fn hashtags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(hash) = rest.find('#') {
        let preceded_by_word = rest[..hash]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '#');
        let after = &rest[hash + 1..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        let tag = after[..end].trim_end_matches('-');
        if !preceded_by_word
            && tag.chars().any(|c| c.is_alphabetic())
            && !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase())
        {
            tags.push(tag.to_string());
        }
        rest = &after[end..];
    }
    tags
}

/// From `at` on, `speaker` has the floor; None closes the floor (a pause, or the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FloorChange {
    pub at: DateTime<FixedOffset>,
    pub speaker: Option<Speaker>,
    /// Who voiced the turn for the speaker: the online moderator reading out a question from the
    /// chat, most often. The turn and its floor time are the audience's; the reader's are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_by: Option<PersonId>,
}

impl FloorChange {
    /// Who read the turn out. Only an audience's turn is read out: a reader on a person's turn
    /// (a hand-edited file) counts for nothing.
    pub fn reader(&self) -> Option<PersonId> {
        let audience = matches!(self.speaker, Some(Speaker::Audience | Speaker::Online));
        self.read_by.filter(|_| audience)
    }
}

/// From `at` on, the session is in the segment `name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SegmentChange {
    pub at: DateTime<FixedOffset>,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_are_found_once_each() {
        assert_eq!(
            hashtags("#Attribution works? see #norms, #attribution and C# or issue #42 #ódio"),
            vec!["Attribution", "norms", "ódio"]
        );
        assert!(hashtags("no tags here; a#b neither").is_empty());
    }

    #[test]
    fn text_of_only_invisible_characters_is_no_note() {
        for blank in [
            "",
            "  \n\t",
            "\u{200b}",
            "\u{200d}\u{feff} \u{2060}\u{a0}",
            "\u{1b}\u{7}",
        ] {
            assert_eq!(Note::require_text(blank), Err(EmptyNote), "{blank:?}");
        }
        for text in ["ok", "\u{200b}a", "😀", "\u{200d}مرحبا"] {
            assert_eq!(Note::require_text(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn note_ids_are_unique_and_time_ordered() {
        let first = NoteId::new();
        let second = NoteId::new();
        assert_ne!(first, second);
        assert!(first < second);
        assert_eq!(first.to_string().parse::<NoteId>().unwrap(), first);
    }
}
