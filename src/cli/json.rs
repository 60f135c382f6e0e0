//! The `--json` shapes: stable, documented in the README, and independent of how the session file
//! spells things. Times are RFC 3339; vocabularies are their slugs ("civil-society", "grulac").

use anyhow::{Context, bail};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use rapporteur::model::{
    Attendances, Note, NoteId, NoteKind, Person, PolicyQuestion, Session, Speaker,
};
use rapporteur::stats::{GroupTally, Stats, Tally};

use super::moment::checked;

#[derive(Serialize)]
pub struct SessionJson<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub start: Option<DateTime<FixedOffset>>,
    pub end: Option<DateTime<FixedOffset>>,
    pub duration_minutes: Option<u32>,
    pub format: Option<&'a str>,
    pub sdgs: &'a [String],
    pub expected_outcomes: Option<&'a str>,
    pub taker: &'a str,
    pub clock_started: Option<DateTime<FixedOffset>>,
    pub people: Vec<PersonJson<'a>>,
    pub policy_questions: Vec<QuestionJson<'a>>,
}

#[derive(Serialize)]
pub struct PersonJson<'a> {
    pub name: &'a str,
    pub affiliation: Option<&'a str>,
    pub stakeholder_group: Option<&'static str>,
    pub regional_group: Option<&'static str>,
    pub roles: Vec<&'static str>,
    /// As recorded; null when not recorded.
    pub gender: Option<&'static str>,
    /// Present, absent, or null: not recorded.
    pub attended: Option<bool>,
}

#[derive(Serialize)]
pub struct QuestionJson<'a> {
    pub number: u8,
    pub title: Option<&'a str>,
    pub text: &'a str,
}

impl<'a> SessionJson<'a> {
    pub fn of(session: &'a Session) -> Self {
        let info = &session.info;
        SessionJson {
            code: &info.code,
            title: &info.title,
            start: info.start,
            end: info.end,
            duration_minutes: info.planned_minutes(),
            format: info.format.as_deref(),
            sdgs: &info.sdgs,
            expected_outcomes: info.expected_outcomes.as_deref(),
            taker: &session.taker,
            clock_started: session.clock_started,
            people: {
                let attendances = session.attendances();
                let json = |p| PersonJson::of(p, &attendances);
                session.roster().map(json).collect()
            },
            policy_questions: session.questions.iter().map(QuestionJson::of).collect(),
        }
    }
}

impl<'a> PersonJson<'a> {
    fn of(person: &'a Person, attendances: &Attendances) -> Self {
        PersonJson {
            name: &person.name,
            affiliation: person.affiliation.as_deref(),
            stakeholder_group: person.stakeholder.map(|g| g.slug()),
            regional_group: person.region.map(|g| g.slug()),
            roles: person.roles.iter().map(|r| r.slug()).collect(),
            gender: person.gender.map(|g| g.slug()),
            attended: attendances.of(person).known(),
        }
    }
}

impl<'a> QuestionJson<'a> {
    fn of(question: &'a PolicyQuestion) -> Self {
        QuestionJson {
            number: question.number,
            title: question.title.as_deref(),
            text: &question.text,
        }
    }
}

/// One note, one line of `notes --json`, and what `note --from` reads back.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteJson {
    /// Absent on input: a new id is made.
    #[serde(default)]
    pub id: Option<NoteId>,
    pub at: DateTime<FixedOffset>,
    /// A person's name, "audience", "online", or null; `person:NAME` for someone whose name
    /// reads as an audience.
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub questions: Vec<u8>,
    #[serde(default = "remark")]
    pub kind: String,
    pub text: String,
    /// Derived from the text; accepted on input and ignored.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub taker: Option<String>,
    #[serde(default)]
    pub edited: Option<DateTime<FixedOffset>>,
    /// The break-out group, if the note was taken in one; left out otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

fn remark() -> String {
    NoteKind::Remark.slug().to_string()
}

impl NoteJson {
    pub fn of(session: &Session, note: &Note) -> Self {
        NoteJson {
            id: Some(note.id),
            at: note.at,
            speaker: note.speaker.map(|s| session.speaker_word(s)),
            questions: note.questions.clone(),
            kind: note.kind.slug().to_string(),
            text: note.text.clone(),
            tags: note.tags.clone(),
            taker: Some(note.taker.clone()),
            edited: note.edited,
            group: note.group.clone(),
        }
    }

    /// The note this line describes, checked against the session's roster and questions.
    pub fn into_note(self, session: &Session) -> anyhow::Result<Note> {
        let at = checked(self.at, &self.at.to_rfc3339())?;
        let edited = self
            .edited
            .map(|edited| checked(edited, &edited.to_rfc3339()))
            .transpose()?;
        let speaker = self
            .speaker
            .as_deref()
            .map(|who| session.resolve_speaker(who))
            .transpose()?;
        Note::require_text(&self.text)?;
        let kind: NoteKind = self.kind.parse()?;
        check_questions(session, &self.questions)?;
        let taker = self.taker.unwrap_or_else(|| session.taker.clone());
        let mut note = Note::new(at, speaker, self.questions, kind, self.text, taker);
        if let Some(id) = self.id {
            note.id = id;
        }
        note.edited = edited;
        note.group = self
            .group
            .as_deref()
            .map(|name| session.group_name(name))
            .transpose()?;
        Ok(note)
    }
}

/// Every number names one of the session's policy questions.
pub fn check_questions(session: &Session, numbers: &[u8]) -> anyhow::Result<()> {
    for number in numbers {
        if session.question(*number).is_none() {
            let known: Vec<String> = session
                .questions
                .iter()
                .map(|q| q.number.to_string())
                .collect();
            if known.is_empty() {
                bail!("this session has no policy questions, so there is no question {number}");
            }
            bail!(
                "there is no policy question {number}; this session has {}",
                known.join(", ")
            );
        }
    }
    Ok(())
}

#[derive(Serialize)]
pub struct StatsJson {
    pub clock_started: Option<DateTime<FixedOffset>>,
    pub counted_until: Option<DateTime<FixedOffset>>,
    /// Present when the floor was still held at the end of the record.
    pub open_floor: Option<OpenFloorJson>,
    pub total_floor_seconds: i64,
    pub notes: u32,
    pub notes_without_question: u32,
    pub speakers: Vec<SpeakerJson>,
    pub stakeholder_groups: Vec<GroupJson>,
    pub regional_groups: Vec<GroupJson>,
    /// By recorded gender; null is the people whose gender was not recorded.
    pub genders: Vec<GenderJson>,
    /// Moderators, speakers (everyone else on the roster), onsite and online audience.
    pub parts: Vec<PartJson>,
    pub policy_questions: Vec<QuestionCountJson>,
    /// The audiences' turns someone read out for them: already in the audience's tally, never
    /// in the reader's.
    pub read_out: Vec<ReadOutJson>,
    /// The numbers of the policy questions no note addresses yet.
    pub unaddressed_questions: Vec<u8>,
    /// Speakers on the roster, not marked absent, who have not had the floor.
    pub not_yet_heard: Vec<String>,
}

#[derive(Serialize)]
pub struct GenderJson {
    pub gender: Option<&'static str>,
    #[serde(flatten)]
    pub tally: TallyJson,
}

#[derive(Serialize)]
pub struct PartJson {
    pub part: &'static str,
    #[serde(flatten)]
    pub tally: TallyJson,
}

#[derive(Serialize)]
pub struct OpenFloorJson {
    pub speaker: String,
    pub since: DateTime<FixedOffset>,
}

#[derive(Serialize)]
pub struct SpeakerJson {
    /// A person's name, "audience" or "online".
    pub speaker: String,
    pub stakeholder_group: Option<&'static str>,
    pub regional_group: Option<&'static str>,
    /// As recorded; null when not recorded, and for the audiences.
    pub gender: Option<&'static str>,
    /// Present, absent, or null: not recorded; the audiences are present.
    pub attended: Option<bool>,
    #[serde(flatten)]
    pub tally: TallyJson,
}

#[derive(Serialize)]
pub struct ReadOutJson {
    /// "audience" or "online".
    pub audience: String,
    pub reader: String,
    #[serde(flatten)]
    pub tally: TallyJson,
}

#[derive(Serialize)]
pub struct GroupJson {
    /// The group's slug, or null for people whose group is not known.
    pub group: Option<&'static str>,
    #[serde(flatten)]
    pub tally: TallyJson,
}

#[derive(Serialize)]
pub struct TallyJson {
    pub floor_seconds: i64,
    pub interventions: u32,
    pub notes: u32,
}

#[derive(Serialize)]
pub struct QuestionCountJson {
    pub number: u8,
    pub notes: u32,
    /// The floor time of the turns in which notes on the question were taken.
    pub floor_seconds: i64,
    /// The stakeholder groups of the people the notes on it record.
    pub stakeholder_groups: Vec<&'static str>,
}

impl From<Tally> for TallyJson {
    fn from(tally: Tally) -> Self {
        TallyJson {
            floor_seconds: tally.floor.num_seconds(),
            interventions: tally.interventions,
            notes: tally.notes,
        }
    }
}

fn groups<G: Copy>(tallies: &[GroupTally<G>], slug: fn(G) -> &'static str) -> Vec<GroupJson> {
    tallies
        .iter()
        .map(|g| GroupJson {
            group: g.group.map(slug),
            tally: g.tally.into(),
        })
        .collect()
}

impl StatsJson {
    pub fn of(session: &Session, stats: &Stats) -> Self {
        let attendances = session.attendances();
        let speakers = stats
            .speakers
            .iter()
            .map(|entry| {
                let person = match entry.speaker {
                    Speaker::Person(id) => session.person(id),
                    _ => None,
                };
                SpeakerJson {
                    speaker: session.speaker_word(entry.speaker),
                    stakeholder_group: person.and_then(|p| p.stakeholder).map(|g| g.slug()),
                    regional_group: person.and_then(|p| p.region).map(|g| g.slug()),
                    gender: person.and_then(|p| p.gender).map(|g| g.slug()),
                    attended: person.map_or(Some(true), |p| attendances.of(p).known()),
                    tally: entry.tally.into(),
                }
            })
            .collect();
        StatsJson {
            clock_started: session.clock_started,
            counted_until: stats.counted_until,
            open_floor: stats.open_floor.map(|open| OpenFloorJson {
                speaker: session.speaker_word(open.speaker),
                since: open.since,
            }),
            total_floor_seconds: stats.total_floor.num_seconds(),
            notes: stats.notes,
            notes_without_question: stats.notes_without_question,
            speakers,
            stakeholder_groups: groups(&stats.stakeholder_groups, |g| g.slug()),
            regional_groups: groups(&stats.regional_groups, |g| g.slug()),
            genders: stats
                .genders
                .iter()
                .map(|g| GenderJson {
                    gender: g.group.map(|g| g.slug()),
                    tally: g.tally.into(),
                })
                .collect(),
            parts: stats
                .parts
                .iter()
                .map(|p| PartJson {
                    part: p.part.slug(),
                    tally: p.tally.into(),
                })
                .collect(),
            policy_questions: stats
                .questions
                .iter()
                .map(|q| QuestionCountJson {
                    number: q.number,
                    notes: q.notes,
                    floor_seconds: q.floor.num_seconds(),
                    stakeholder_groups: q.stakeholder_groups.iter().map(|g| g.slug()).collect(),
                })
                .collect(),
            read_out: stats
                .read_out
                .iter()
                .map(|r| ReadOutJson {
                    audience: session.speaker_word(r.audience),
                    reader: session.speaker_name(Speaker::Person(r.reader)),
                    tally: r.tally.into(),
                })
                .collect(),
            unaddressed_questions: stats.unaddressed_questions().collect(),
            not_yet_heard: stats
                .not_yet_heard
                .iter()
                .map(|id| session.speaker_name(Speaker::Person(*id)))
                .collect(),
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn print<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let text = rapporteur::text::to_json(value, true).context("could not write JSON")?;
    super::out(&format!("{text}\n"));
    Ok(())
}
