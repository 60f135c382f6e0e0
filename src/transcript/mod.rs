//! The published transcript of a session, checked against the record: who spoke (the captioner's
//! labels matched to the roster), how often and for about how long, and whether the quotes in the
//! notes were said, and by whom. Knows nothing of terminals.
//!
//! The transcript is kept with the session ([`Kept`], `.ws422.ron.d/transcript.ron`) with the labels
//! the rapporteur settled, so that `check` and the report screen can use it later.

mod floor;
mod kept;
mod labels;
mod parse;
mod quotes;
mod source;
mod version;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Person, Role, Session, Speaker};

pub use floor::{Intervention, Span, SpanSource, span};
pub use kept::{KEPT_FORMAT, Kept};
pub use labels::{Attribution, BARE, LabelMap, MapEntry, key as label_key, match_label};
pub use parse::{Bare, Transcript, Turn, is_unnamed, parse, unnamed_label};
pub use quotes::{Passage, QuoteCheck, QuoteStatus};
pub use source::MAX_BYTES;
pub use version::{Version, detect as detect_version};

#[derive(Debug, thiserror::Error)]
pub enum TranscriptError {
    #[error("{}: cannot read the transcript: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: larger than {limit} bytes; expected one session's transcript", path.display())]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{}:{line}: not UTF-8 text; expected the transcript saved as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("{}: cannot turn the HTML page into text: {message}", path.display())]
    Html { path: PathBuf, message: String },
    #[error(
        "{}:{line}: no turn found; expected lines that start with `>>`, as in `>> MODERATOR: Welcome`",
        path.display()
    )]
    NoTurns { path: PathBuf, line: usize },
    #[error(
        "{}: written by a newer rapporteur (transcript format {found}); this version reads formats up to {KEPT_FORMAT}",
        path.display()
    )]
    NewerFormat { path: PathBuf, found: u32 },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Reads a transcript file (text, or the saved HTML page): its text and its turns.
pub fn read_file(path: &Path) -> Result<(String, Transcript), TranscriptError> {
    let text = source::read_text(path)?;
    let transcript = parse_or_explain(&text, path)?;
    Ok((text, transcript))
}

/// The turns of `text`, or an error naming `path` and where the text ended.
pub(crate) fn parse_or_explain(text: &str, path: &Path) -> Result<Transcript, TranscriptError> {
    parse(text).ok_or_else(|| TranscriptError::NoTurns {
        path: path.to_path_buf(),
        line: text.lines().count().max(1),
    })
}

/// What one speaker, or one label the roster does not settle, did in the transcript.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub who: Attribution,
    /// The labels the captioner wrote for them, each once, in the order first met.
    pub labels: Vec<String>,
    /// The line of their first turn.
    pub first_line: usize,
    pub interventions: usize,
    pub words: usize,
    /// Estimated floor time (None when the session has no span to spread it over).
    pub seconds: Option<i64>,
}

/// A transcript read against a session.
#[derive(Debug)]
pub struct Analysis {
    pub transcript: Transcript,
    /// Whom each turn is put down to.
    pub attributions: Vec<Attribution>,
    pub interventions: Vec<Intervention>,
    pub span: Option<Span>,
    spoken: quotes::Spoken,
}

impl Analysis {
    pub fn new(session: &Session, transcript: Transcript, map: &LabelMap) -> Self {
        let attributions = labels::attribute(session, &transcript, map);
        let mut interventions = floor::interventions(&transcript, &attributions);
        let span = span(session);
        if let Some(span) = &span {
            floor::estimate(&mut interventions, span, &session.floor);
        }
        let spoken = quotes::Spoken::new(&transcript, &interventions);
        Analysis {
            transcript,
            attributions,
            interventions,
            span,
            spoken,
        }
    }

    /// Everyone who says something in the transcript: the roster's people in roster order, the room, the
    /// chat, then the labels nobody settled, in the order they first speak.
    pub fn estimates(&self, session: &Session) -> Vec<Estimate> {
        let mut estimates: Vec<Estimate> = Vec::new();
        // Indexed, so that a transcript with a new label on every line costs no more to count.
        let mut index: HashMap<&Attribution, usize> = HashMap::new();
        let mut labels_seen: HashSet<(usize, String)> = HashSet::new();
        // A turn that is only a stage note says nothing: nobody speaks in it.
        let spoken = self.transcript.turns.iter().zip(&self.attributions);
        for (turn, who) in spoken.filter(|(turn, _)| turn.words > 0) {
            let label = turn.voice();
            let position = *index.entry(who).or_insert_with(|| {
                estimates.push(Estimate {
                    who: who.clone(),
                    labels: Vec::new(),
                    first_line: turn.line,
                    interventions: 0,
                    words: 0,
                    seconds: self.span.map(|_| 0),
                });
                estimates.len() - 1
            });
            let estimate = &mut estimates[position];
            if let Some(label) = label
                && labels_seen.insert((position, label.to_string()))
            {
                estimate.labels.push(label.into_owned());
            }
            estimate.words += turn.words;
        }
        for intervention in &self.interventions {
            if let Some(&position) = index.get(&intervention.who) {
                let estimate = &mut estimates[position];
                estimate.interventions += 1;
                estimate.seconds = estimate
                    .seconds
                    .zip(intervention.seconds)
                    .map(|(a, b)| a + b);
            }
        }
        let roster: Vec<Speaker> = session.roster().map(|p| Speaker::Person(p.id)).collect();
        estimates.sort_by_key(|e| match &e.who {
            Attribution::Speaker(Speaker::Person(id)) => (
                0,
                roster
                    .iter()
                    .position(|s| *s == Speaker::Person(*id))
                    .unwrap_or(usize::MAX),
                0,
            ),
            Attribution::Speaker(Speaker::Audience) => (1, 0, 0),
            Attribution::Speaker(Speaker::Online) => (2, 0, 0),
            Attribution::Unknown(_) => (3, 0, e.first_line),
        });
        estimates
    }

    /// Whether a turn is known by `label` (as the map compares labels); `>>` stands for any
    /// voice the captioner did not name.
    pub fn has_label(&self, label: &str) -> bool {
        let wanted = label_key(label);
        self.transcript.turns.iter().any(|turn| match turn.voice() {
            Some(voice) => label_key(&voice) == wanted,
            None => false,
        }) || (wanted == BARE
            && self
                .transcript
                .turns
                .iter()
                .any(|t| matches!(t.bare, Some(Bare::Unnamed(_)))))
    }

    /// The speakers and moderators on the roster who never speak in the transcript.
    pub fn silent_speakers<'s>(&self, session: &'s Session) -> Vec<&'s Person> {
        let speaks = |person: &Person| {
            self.interventions
                .iter()
                .any(|i| i.who == Attribution::Speaker(Speaker::Person(person.id)))
        };
        session
            .roster()
            .filter(|p| {
                [Role::Speaker, Role::OnsiteModerator, Role::OnlineModerator]
                    .iter()
                    .any(|role| p.has_role(*role))
            })
            .filter(|p| !speaks(p))
            .collect()
    }

    /// Every note of kind quote, looked up in what was said.
    pub fn check_quotes(&self, session: &Session) -> Vec<QuoteCheck> {
        self.spoken.check_quotes(&session.notes)
    }

    /// The passage said around `at` (a note's time), about `words` words long, by the estimate.
    pub fn said_at(
        &self,
        at: chrono::DateTime<chrono::FixedOffset>,
        words: usize,
    ) -> Option<Passage> {
        self.spoken.said_at(&self.interventions, at, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, PersonId};
    use chrono::DateTime;

    #[test]
    fn the_passage_said_around_a_moment_by_the_estimate() {
        let at = |text| DateTime::parse_from_rfc3339(text).unwrap();
        let mut session = Session::default();
        session.info.start = Some(at("2022-12-01T14:00:00Z"));
        session.info.duration_minutes = Some(1);
        for (id, name) in [(1, "Ana Lima"), (2, "Bo Chen")] {
            session.people.push(Person::new(PersonId(id), name));
        }
        let transcript = parse(
            ">> ANA LIMA: one two three four five six seven eight nine ten\n\
             >> BO CHEN: eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen \
             nineteen twenty\n",
        )
        .unwrap();
        let analysis = Analysis::new(&session, transcript, &LabelMap::default());
        let passage = analysis.said_at(at("2022-12-01T14:00:45Z"), 4).unwrap();
        assert_eq!(
            passage.who,
            Attribution::Speaker(Speaker::Person(PersonId(2)))
        );
        assert_eq!(passage.line, 2);
        assert_eq!(passage.text, "… fourteen fifteen sixteen seventeen …");
        let start = analysis.said_at(at("2022-12-01T14:00:00Z"), 3).unwrap();
        assert_eq!(start.text, "one two three …");
        assert_eq!(analysis.said_at(at("2022-12-01T13:59:59Z"), 3), None);
        assert_eq!(analysis.said_at(at("2022-12-01T14:01:01Z"), 3), None);
    }

    #[test]
    fn a_turn_that_is_only_a_stage_note_is_nobody_speaking() {
        let mut session = Session::default();
        session.info.duration_minutes = Some(10);
        for (id, name) in [(1, "Ana Lima"), (2, "Bo Chen")] {
            let mut person = Person::new(PersonId(id), name);
            person.add_role(Role::Speaker);
            session.people.push(person);
        }
        let transcript =
            parse(">> ANA LIMA: hello there\n>> BO CHEN: (Applause)\n>> JOHN DOE: [ Laughter ]\n")
                .unwrap();
        let analysis = Analysis::new(&session, transcript, &LabelMap::default());
        let estimates = analysis.estimates(&session);
        assert_eq!(estimates.len(), 1, "{estimates:?}");
        assert_eq!(
            (
                estimates[0].interventions,
                estimates[0].words,
                estimates[0].seconds
            ),
            (1, 2, Some(600))
        );
        let silent: Vec<&str> = analysis
            .silent_speakers(&session)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(silent, ["Bo Chen"]);
    }
}
