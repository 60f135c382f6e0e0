//! Transcript text → turns. The captioners' format: a disclaimer, `***`, then turns that start
//! `>> NAME:` (or `>>NAME:`, `>> Dr. Name:`, a bare `>>`), lines possibly indented, stage notes
//! in brackets, and no timestamps.
//!
//! A bare `>>` is read from its text: it goes on with the previous speaker when the text clearly
//! carries on what they said, and is otherwise a voice the captioner did not name, numbered in
//! the order such voices come (`(unnamed 1)`, `(unnamed 2)`) so that each can be settled alone.

use std::borrow::Cow;

/// One turn: from a `>>` to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// 1-based line of the text where the turn starts.
    pub line: usize,
    /// The speaker's label as the captioner wrote it; None for a bare `>>`.
    pub label: Option<String>,
    /// For a bare `>>`, whose it is by its text; None for a labelled turn.
    pub bare: Option<Bare>,
    /// What was said: the turn's lines joined, stage notes taken out.
    pub text: String,
    /// Words as a reader counts them; stage notes and `--` break-offs are none.
    pub words: usize,
    /// `Applause`, `Pause`, `Audio is distorted`: what the captioner noted, not what was said.
    pub stage_notes: Vec<String>,
}

/// A turn with no name (a bare `>>`), read from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bare {
    /// Goes on with the previous speaker: it starts in lower case or with a word that adds to
    /// what was said ("And a second question"), or the previous turn stopped mid-sentence.
    Continues,
    /// A voice the captioner did not name: the Nth such in the transcript, from 1.
    Unnamed(usize),
}

/// How an unnamed voice is listed and mapped: `(unnamed 2)`.
pub fn unnamed_label(number: usize) -> String {
    format!("{UNNAMED}{number})")
}

const UNNAMED: &str = "(unnamed ";

/// Whether a label is one [`unnamed_label`] gave.
pub fn is_unnamed(label: &str) -> bool {
    label.starts_with(UNNAMED)
}

impl Turn {
    /// The label this turn is known by: the captioner's, `(unnamed N)` for a voice they did not
    /// name, None for a bare `>>` that goes on with the previous speaker.
    pub fn voice(&self) -> Option<Cow<'_, str>> {
        match (&self.label, self.bare) {
            (Some(label), _) => Some(Cow::Borrowed(label)),
            (None, Some(Bare::Unnamed(number))) => Some(Cow::Owned(unnamed_label(number))),
            (None, _) => None,
        }
    }
}

/// A transcript read into turns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Transcript {
    pub turns: Vec<Turn>,
}

impl Transcript {
    pub fn words(&self) -> usize {
        self.turns.iter().map(|t| t.words).sum()
    }
}

/// Reads the turns of a transcript. Text before the first `>>` (the disclaimer) and `***`
/// separators are not part of any turn. Returns None when there is no turn at all.
pub fn parse(text: &str) -> Option<Transcript> {
    let mut turns: Vec<Turn> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = without_controls(raw);
        let line = line.trim();
        if line.chars().all(|c| c == '*') {
            continue;
        }
        if let Some(rest) = line.strip_prefix(">>") {
            let (label, said) = split_label(rest.trim_start());
            turns.push(Turn {
                line: index + 1,
                label: label.map(str::to_string),
                bare: None,
                text: String::new(),
                words: 0,
                stage_notes: Vec::new(),
            });
            add_line(turns.last_mut().expect("just pushed"), said);
        } else if let Some(turn) = turns.last_mut() {
            add_line(turn, line);
        }
    }
    read_bare_turns(&mut turns);
    (!turns.is_empty()).then_some(Transcript { turns })
}

/// Words that open an addition to what the same person just said.
const ADDING_WORDS: &[&str] = &["and", "also", "plus", "or"];

/// How a captioner marks a sentence broken off: the speaker was cut short, so what follows is
/// someone else unless it says otherwise.
const BREAK_OFFS: [char; 5] = ['-', '\u{2011}', '\u{2013}', '\u{2014}', '\u{2026}'];

/// Decides each bare `>>`: the previous speaker going on, or an unnamed voice. After a finished
/// sentence, a question or a break-off, a new `>>` is a new voice unless its own words carry on.
/// A bare turn that says nothing (only a stage note) is nobody's voice and is not numbered.
fn read_bare_turns(turns: &mut [Turn]) {
    let mut unnamed = 0;
    let mut previous_said: Option<usize> = None;
    for index in 0..turns.len() {
        if turns[index].label.is_none() {
            let silent = turns[index].words == 0;
            let goes_on = silent
                || previous_said
                    .is_some_and(|previous| carries_on(&turns[previous].text, &turns[index].text));
            turns[index].bare = Some(if goes_on {
                Bare::Continues
            } else {
                unnamed += 1;
                Bare::Unnamed(unnamed)
            });
        }
        if turns[index].words > 0 {
            previous_said = Some(index);
        }
    }
}

/// Whether `text` clearly goes on from `previous`, said by the same person.
fn carries_on(previous: &str, text: &str) -> bool {
    let first_word: String = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let starts_lower = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    let previous = previous.trim_end();
    let finished = previous.ends_with(['.', '?', '!', '"', '\u{201d}', '\'', '\u{2019}', ')'])
        || previous.ends_with(BREAK_OFFS);
    starts_lower || !finished || ADDING_WORDS.contains(&first_word.as_str())
}

/// Control characters (a raw escape sequence in a file must not reach the terminal) and
/// direction overrides become spaces.
fn without_controls(line: &str) -> String {
    line.chars()
        .map(|c| {
            if crate::text::is_unwanted_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn add_line(turn: &mut Turn, line: &str) {
    let (said, notes) = without_stage_notes(line);
    turn.stage_notes.extend(notes);
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    if said.is_empty() {
        return;
    }
    turn.words += crate::report::word_count(&said);
    if !turn.text.is_empty() {
        turn.text.push(' ');
    }
    turn.text.push_str(&said);
}

/// The line without its `(…)` and `[…]` stage notes, and the notes.
fn without_stage_notes(line: &str) -> (String, Vec<String>) {
    let mut said = String::with_capacity(line.len());
    let mut notes = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(close_char).map(|c| open + c) else {
            break;
        };
        said.push_str(&rest[..open]);
        said.push(' ');
        let note = rest[open + 1..close].trim();
        if !note.is_empty() {
            notes.push(note.to_string());
        }
        rest = &rest[close + 1..];
    }
    said.push_str(rest);
    (said, notes)
}

/// A label is a name, perhaps with an honorific; longer text before a colon is speech.
const MAX_LABEL_WORDS: usize = 8;
const MAX_LABEL_CHARS: usize = 60;

/// Words that may stand in lower case inside a name written in mixed case.
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "bin", "binti", "al", "el", "y", "e", "ten", "ter",
];

/// `NAME: text` → (Some("NAME"), "text"); a line with no label → (None, line).
fn split_label(rest: &str) -> (Option<&str>, &str) {
    let Some(colon) = rest.find(':') else {
        return (None, rest);
    };
    let label = rest[..colon].trim();
    let is_label = !label.is_empty()
        && label.chars().count() <= MAX_LABEL_CHARS
        && label.split_whitespace().count() <= MAX_LABEL_WORDS
        && !label.contains(['?', '!', ';', '"', '“', '”'])
        && label.chars().any(char::is_alphabetic)
        && (in_capitals(label) || in_title_case(label));
    if is_label {
        (Some(label), &rest[colon + 1..])
    } else {
        (None, rest)
    }
}

fn in_capitals(label: &str) -> bool {
    label
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| !c.is_lowercase())
}

/// `Dr. Livia Sobota`, `Bruna Toso de Alcântara`: every word capitalised but the particles.
fn in_title_case(label: &str) -> bool {
    label.split_whitespace().all(|word| {
        let first = word.chars().find(|c| c.is_alphabetic());
        first.is_none_or(|c| c.is_uppercase()) || PARTICLES.contains(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(transcript: &Transcript) -> Vec<Option<&str>> {
        transcript
            .turns
            .iter()
            .map(|t| t.label.as_deref())
            .collect()
    }

    #[test]
    fn the_disclaimer_and_separators_are_not_turns() {
        let text = "FINISHED FILE\nThis is the output of the real-time captioning.\n***\n\
                    >> MODERATOR: Welcome,   everyone.\n   Let us begin.\n***\n";
        let transcript = parse(text).unwrap();
        assert_eq!(transcript.turns.len(), 1);
        let turn = &transcript.turns[0];
        assert_eq!((turn.line, turn.label.as_deref()), (4, Some("MODERATOR")));
        assert_eq!(turn.text, "Welcome, everyone. Let us begin.");
        assert_eq!(turn.words, 5);
    }

    #[test]
    fn every_style_of_turn_start() {
        let text = ">> LIVIA SOBOTA: one\n>>VENI MARKOVSKI: two\n  >> H.E. MR. KOMIYAMA: three\n\
                    >> Dr. Alexandra Paulus: four\n>> Bruna Toso de Alcântara: five\n\
                    >> and so the point is: six\n>> Thank you.\n>> Is it: really?\n";
        let transcript = parse(text).unwrap();
        assert_eq!(
            labels(&transcript),
            [
                Some("LIVIA SOBOTA"),
                Some("VENI MARKOVSKI"),
                Some("H.E. MR. KOMIYAMA"),
                Some("Dr. Alexandra Paulus"),
                Some("Bruna Toso de Alcântara"),
                None,
                None,
                None,
            ]
        );
        assert_eq!(transcript.turns[5].text, "and so the point is: six");
        assert_eq!(transcript.turns[6].text, "Thank you.");
    }

    #[test]
    fn stage_notes_and_break_offs_are_not_words() {
        let text = ">> MODERATOR: (Applause) Thank you ‑‑ I mean -- thanks. [ Laughter ]\n\
                    (Audio is distorted)\n>> AUDIENCE: (Pause)\n";
        let transcript = parse(text).unwrap();
        let turn = &transcript.turns[0];
        assert_eq!(turn.text, "Thank you ‑‑ I mean -- thanks.");
        assert_eq!(turn.words, 5);
        assert_eq!(
            turn.stage_notes,
            ["Applause", "Laughter", "Audio is distorted"]
        );
        assert_eq!(transcript.turns[1].words, 0);
        assert_eq!(transcript.words(), 5);
    }

    #[test]
    fn control_characters_never_reach_the_text() {
        let transcript = parse(">> A\u{1b}[2J: hi\u{7}\u{202e}there\n").unwrap();
        let turn = &transcript.turns[0];
        assert!(!turn.text.chars().any(char::is_control), "{:?}", turn.text);
        assert!(!turn.label.as_deref().unwrap().chars().any(char::is_control));
    }

    #[test]
    fn a_bare_turn_goes_on_when_its_text_does_and_is_a_new_voice_otherwise() {
        let text = ">> Good morning, I am not on the list.\n\
                    >> AUDIENCE: Who checks the evidence?\n\
                    >> And a second question, if I may.\n\
                    >> Thank you. I will take that one.\n\
                    >> LIVIA SOBOTA: Regional bodies could\n\
                    >> Play a role here.\n\
                    >> even a large one.\n\
                    >> MODERATOR: We must stop here \u{2011}\u{2011}\n\
                    >> Just one more point.\n\
                    >> (Applause)\n\
                    >> Thanks.\n";
        let transcript = parse(text).unwrap();
        let bare: Vec<Option<Bare>> = transcript.turns.iter().map(|t| t.bare).collect();
        use Bare::*;
        assert_eq!(
            bare,
            [
                Some(Unnamed(1)),
                None,
                Some(Continues),
                Some(Unnamed(2)),
                None,
                Some(Continues),
                Some(Continues),
                None,
                Some(Unnamed(3)),
                Some(Continues),
                Some(Unnamed(4)),
            ],
            "first, adding word, finished question, mid-sentence, lower case, break-off, \
             only a stage note, after a finished sentence"
        );
        let voices: Vec<Option<String>> = transcript
            .turns
            .iter()
            .map(|t| t.voice().map(|v| v.into_owned()))
            .collect();
        assert_eq!(voices[0].as_deref(), Some("(unnamed 1)"));
        assert_eq!(voices[1].as_deref(), Some("AUDIENCE"));
        assert_eq!(voices[2], None);
        assert!(is_unnamed(voices[10].as_deref().unwrap()));
        assert!(!is_unnamed("AUDIENCE"));
    }

    #[test]
    fn a_text_without_turns_is_none() {
        assert_eq!(parse("just a disclaimer\n***\n"), None);
        assert_eq!(parse(""), None);
    }
}
