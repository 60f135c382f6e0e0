//! What can be wrong inside a session that loads: references to nobody, questions that do not
//! exist, numbers and names that should be unique. `check` lists these; the screen and the
//! reports rely on them never happening in a session the app wrote itself.

use chrono::{DateTime, FixedOffset};

use super::{NoteId, PersonId, Session, Speaker, fold};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("note {note} names a person who is not on the roster")]
    NoteNamesNobody { note: NoteId },
    #[error("note {note} is tagged with policy question {question}, which does not exist")]
    NoteOnMissingQuestion { note: NoteId, question: u8 },
    #[error("the floor change at {at} names a person who is not on the roster")]
    FloorNamesNobody { at: DateTime<FixedOffset> },
    #[error("the floor change at {at} was read out by a person who is not on the roster")]
    FloorReadByNobody { at: DateTime<FixedOffset> },
    #[error("two policy questions have the number {number}")]
    QuestionNumberTwice { number: u8 },
    #[error("\"{name}\" is on the roster twice")]
    PersonTwice { name: String },
    #[error(
        "two takers' entries for {person} give different {detail}: \"{kept}\" is kept, \
         \"{left_out}\" left out (`rapporteur person add` sets it)"
    )]
    NamesakesDiffer {
        person: String,
        detail: &'static str,
        kept: String,
        left_out: String,
    },
    #[error(
        "two takers recorded the floor at {} differently: {kept_by} gave it to {kept}, \
         {left_out_by} to {left_out} ({apart} apart); the session follows {kept_by}, whose \
         role covers it",
        .at.format("%Y-%m-%d %H:%M:%S %:z")
    )]
    FloorDiffers {
        at: DateTime<FixedOffset>,
        kept: String,
        kept_by: String,
        left_out: String,
        left_out_by: String,
        /// How far apart the two records are: "under a second", or whole seconds ("2 s").
        apart: String,
    },
}

impl Session {
    /// Every problem, in the order of the record: notes, floor changes, questions, roster.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let nobody = |id: PersonId| self.person(id).is_none();
        let names_nobody =
            |speaker: Option<Speaker>| matches!(speaker, Some(Speaker::Person(id)) if nobody(id));
        for note in &self.notes {
            if names_nobody(note.speaker) {
                problems.push(Problem::NoteNamesNobody { note: note.id });
            }
            for &question in &note.questions {
                if self.question(question).is_none() {
                    problems.push(Problem::NoteOnMissingQuestion {
                        note: note.id,
                        question,
                    });
                }
            }
        }
        for change in &self.floor {
            if names_nobody(change.speaker) {
                problems.push(Problem::FloorNamesNobody { at: change.at });
            }
            if change.read_by.is_some_and(nobody) {
                problems.push(Problem::FloorReadByNobody { at: change.at });
            }
        }
        let name = |speaker: Option<Speaker>| {
            speaker.map_or_else(|| "nobody".to_string(), |s| self.speaker_name(s))
        };
        for conflict in &self.floor_conflicts {
            problems.push(Problem::FloorDiffers {
                at: conflict.kept.at,
                kept: name(conflict.kept.speaker),
                kept_by: conflict.kept_by.clone(),
                left_out: name(conflict.left_out.speaker),
                left_out_by: conflict.left_out_by.clone(),
                apart: apart(conflict.left_out.at - conflict.kept.at),
            });
        }
        let mut numbers: Vec<u8> = self.questions.iter().map(|q| q.number).collect();
        numbers.sort_unstable();
        for number in repeated(numbers) {
            problems.push(Problem::QuestionNumberTwice { number });
        }
        let mut names: Vec<String> = self.roster().map(|p| fold(&p.name)).collect();
        names.sort();
        for name in repeated(names) {
            problems.push(Problem::PersonTwice { name });
        }
        for differs in &self.namesakes_differ {
            problems.push(Problem::NamesakesDiffer {
                person: differs.person.clone(),
                detail: differs.detail,
                kept: differs.kept.clone(),
                left_out: differs.left_out.clone(),
            });
        }
        problems
    }
}

/// Two records of one moment are a second or two apart: "0 s" would read as the same instant.
fn apart(by: chrono::TimeDelta) -> String {
    match by.abs().num_milliseconds() {
        ..1000 => "under a second".to_string(),
        ms => format!("{} s", (ms + 500) / 1000),
    }
}

/// Each value that stands more than once in a sorted list, once.
fn repeated<T: PartialEq + Clone>(sorted: Vec<T>) -> Vec<T> {
    let mut repeated: Vec<T> = Vec::new();
    for pair in sorted.windows(2) {
        if pair[0] == pair[1] && repeated.last() != Some(&pair[0]) {
            repeated.push(pair[0].clone());
        }
    }
    repeated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FloorChange, Note, NoteKind, Person, PolicyQuestion};

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(time).unwrap()
    }

    fn question(number: u8) -> PolicyQuestion {
        PolicyQuestion {
            number,
            title: None,
            text: format!("Question {number}?"),
        }
    }

    fn note(speaker: Option<Speaker>, questions: Vec<u8>) -> Note {
        Note {
            id: NoteId::new(),
            at: at("2022-11-30T10:00:00+01:00"),
            speaker,
            questions,
            kind: NoteKind::default(),
            text: "a point".into(),
            tags: Vec::new(),
            taker: String::new(),
            edited: None,
            group: None,
        }
    }

    #[test]
    fn a_sound_session_has_no_problems() {
        let mut session = Session::default();
        session.people.push(Person::new(PersonId(1), "Ana Pérez"));
        session.questions = vec![question(1), question(2)];
        session.notes = vec![note(Some(Speaker::Person(PersonId(1))), vec![1, 2])];
        session.floor = vec![FloorChange {
            at: at("2022-11-30T10:00:00+01:00"),
            speaker: Some(Speaker::Online),
            read_by: Some(PersonId(1)),
        }];
        assert_eq!(session.problems(), Vec::new());
    }

    #[test]
    fn two_takers_records_of_one_moment_are_said_to_the_second() {
        let at = at("2022-11-30T10:00:00.250+01:00");
        let omar = Person::new(PersonId(2), "Omar Haddad");
        let record = |at, speaker| FloorChange {
            at,
            speaker: Some(speaker),
            read_by: None,
        };
        let mut session = Session::default();
        session.people.push(omar);
        for (late, said) in [(800, "(under a second apart)"), (1600, "(2 s apart)")] {
            session.floor_conflicts = vec![crate::model::FloorConflict {
                kept: record(at, Speaker::Online),
                kept_by: "Omar Haddad".into(),
                left_out: record(
                    at + chrono::TimeDelta::milliseconds(late),
                    Speaker::Audience,
                ),
                left_out_by: "Ana Silva".into(),
            }];
            let told = session.problems()[0].to_string();
            assert!(
                told.contains("at 2022-11-30 10:00:00 +01:00 differently"),
                "{told}"
            );
            assert!(told.contains(said), "{told}");
        }
    }

    #[test]
    fn every_dangling_reference_and_repeat_is_named_once() {
        let mut session = Session::default();
        session.people.push(Person::new(PersonId(1), "Ana Pérez"));
        session.people.push(Person::new(PersonId(2), "ANA PEREZ"));
        session.people.push(Person::new(PersonId(3), "Ana Perez"));
        session.questions = vec![question(2), question(1), question(2), question(2)];
        let stray = note(Some(Speaker::Person(PersonId(9))), vec![1, 7]);
        let stray_id = stray.id;
        session.notes = vec![stray];
        let when = at("2022-11-30T10:05:00+01:00");
        session.floor = vec![FloorChange {
            at: when,
            speaker: Some(Speaker::Person(PersonId(8))),
            read_by: Some(PersonId(7)),
        }];
        assert_eq!(
            session.problems(),
            vec![
                Problem::NoteNamesNobody { note: stray_id },
                Problem::NoteOnMissingQuestion {
                    note: stray_id,
                    question: 7
                },
                Problem::FloorNamesNobody { at: when },
                Problem::FloorReadByNobody { at: when },
                Problem::QuestionNumberTwice { number: 2 },
                Problem::PersonTwice {
                    name: fold("Ana Pérez")
                },
            ]
        );
    }
}
