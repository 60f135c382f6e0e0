//! Who had the floor, for how long, and what the notes bear on. One computation serves the
//! `stats` command, the live roster and the reports, so they never disagree.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::model::{Person, PersonId, RegionalGroup, Session, Speaker, StakeholderGroup};

/// Floor time, turns at the floor and notes, added up for one speaker or group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub floor: TimeDelta,
    /// Turns at the floor: each time the floor passed to them from someone else or from a pause.
    pub interventions: u32,
    pub notes: u32,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.floor += other.floor;
        self.interventions += other.interventions;
        self.notes += other.notes;
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerTally {
    pub speaker: Speaker,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupTally<G> {
    /// None for people whose group is not known.
    pub group: Option<G>,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionTally {
    pub number: u8,
    pub notes: u32,
}

/// The floor was still held when counting stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFloor {
    pub speaker: Speaker,
    pub since: DateTime<FixedOffset>,
}

/// Up to when an open floor is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// The latest moment the session recorded anything: for reports and the command line.
    LastRecorded,
    /// A given moment, such as now on the live screen.
    Moment(DateTime<FixedOffset>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Every person on the roster in roster order, then the onsite and the online audience.
    pub speakers: Vec<SpeakerTally>,
    /// People only: the audiences belong to no stakeholder or regional group.
    pub stakeholder_groups: Vec<GroupTally<StakeholderGroup>>,
    pub regional_groups: Vec<GroupTally<RegionalGroup>>,
    pub questions: Vec<QuestionTally>,
    pub notes: u32,
    pub notes_without_question: u32,
    pub total_floor: TimeDelta,
    pub open_floor: Option<OpenFloor>,
    /// When the count stopped: the end of the last turn, or the moment an open floor was counted to.
    pub counted_until: Option<DateTime<FixedOffset>>,
}

impl Stats {
    pub fn speaker(&self, speaker: Speaker) -> Tally {
        self.speakers
            .iter()
            .find(|s| s.speaker == speaker)
            .map(|s| s.tally)
            .unwrap_or_default()
    }

    pub fn person(&self, id: PersonId) -> Tally {
        self.speaker(Speaker::Person(id))
    }

    pub fn question_notes(&self, number: u8) -> u32 {
        self.questions
            .iter()
            .find(|q| q.number == number)
            .map_or(0, |q| q.notes)
    }
}

pub fn compute(session: &Session, until: Until) -> Stats {
    let mut speakers: Vec<SpeakerTally> = session
        .roster()
        .map(|p| Speaker::Person(p.id))
        .chain([Speaker::Audience, Speaker::Online])
        .map(|speaker| SpeakerTally {
            speaker,
            tally: Tally::default(),
        })
        .collect();
    let end = match until {
        Until::Moment(moment) => Some(moment),
        Until::LastRecorded => session.last_recorded(),
    };
    let mut previous: Option<Speaker> = None;
    let mut open_floor = None;
    let mut total_floor = TimeDelta::zero();
    // session.floor is kept in time order, so changes recorded out of order count where they belong.
    for (index, change) in session.floor.iter().enumerate() {
        let Some(speaker) = change.speaker else {
            previous = None;
            continue;
        };
        let turn_end = match session.floor.get(index + 1) {
            Some(next) => Some(next.at),
            None => {
                open_floor = Some(OpenFloor {
                    speaker,
                    since: change.at,
                });
                end
            }
        };
        let held = turn_end.map_or(TimeDelta::zero(), |e| {
            (e - change.at).max(TimeDelta::zero())
        });
        let tally = tally_of(&mut speakers, speaker);
        tally.floor += held;
        if previous != Some(speaker) {
            tally.interventions += 1;
        }
        total_floor += held;
        previous = Some(speaker);
    }

    let mut questions: Vec<QuestionTally> = session
        .questions
        .iter()
        .map(|q| QuestionTally {
            number: q.number,
            notes: 0,
        })
        .collect();
    let mut notes_without_question = 0;
    for note in &session.notes {
        if let Some(speaker) = note.speaker {
            tally_of(&mut speakers, speaker).notes += 1;
        }
        if note.questions.is_empty() {
            notes_without_question += 1;
        }
        for number in &note.questions {
            if let Some(q) = questions.iter_mut().find(|q| q.number == *number) {
                q.notes += 1;
            }
        }
    }

    let stakeholder_groups = group_by(session, &speakers, |p| p.stakeholder);
    let regional_groups = group_by(session, &speakers, |p| p.region);

    let last_turn_end = session.floor.last().map(|f| f.at);
    Stats {
        speakers,
        stakeholder_groups,
        regional_groups,
        questions,
        notes: session.notes.len() as u32,
        notes_without_question,
        total_floor,
        counted_until: if open_floor.is_some() {
            end
        } else {
            last_turn_end
        },
        open_floor,
    }
}

fn tally_of(speakers: &mut Vec<SpeakerTally>, speaker: Speaker) -> &mut Tally {
    let index = match speakers.iter().position(|s| s.speaker == speaker) {
        Some(index) => index,
        // Someone removed from the roster after speaking still spoke.
        None => {
            speakers.push(SpeakerTally {
                speaker,
                tally: Tally::default(),
            });
            speakers.len() - 1
        }
    };
    &mut speakers[index].tally
}

/// Adds up the people's tallies by a group of theirs; people of unknown group come last.
fn group_by<G: Copy + Ord>(
    session: &Session,
    speakers: &[SpeakerTally],
    group_of: impl Fn(&Person) -> Option<G>,
) -> Vec<GroupTally<G>> {
    let mut groups: Vec<GroupTally<G>> = Vec::new();
    for entry in speakers {
        let Speaker::Person(id) = entry.speaker else {
            continue;
        };
        let Some(group) = session.person(id).map(&group_of) else {
            continue;
        };
        match groups.iter_mut().find(|g| g.group == group) {
            Some(existing) => existing.tally.add(&entry.tally),
            None => groups.push(GroupTally {
                group,
                tally: entry.tally,
            }),
        }
    }
    groups.sort_by_key(|g| (g.group.is_none(), g.group));
    groups
}

/// "1:05:09", "0:04:07" or "-0:00:30": elapsed time and floor time, with the hours always shown,
/// so that a figure does not change width at the hour nor read as hours and minutes.
pub fn hms(duration: TimeDelta) -> String {
    let seconds = duration.num_seconds();
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// "+0:12:30" after the session's start, "-0:01:00" before it: where a note sits in the session.
pub fn offset(duration: TimeDelta) -> String {
    if duration < TimeDelta::zero() {
        hms(duration)
    } else {
        format!("+{}", hms(duration))
    }
}
