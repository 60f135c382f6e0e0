//! Who had the floor, for how long, and what the notes bear on. One computation serves the
//! `stats` command, the live roster and the reports, so they never disagree.

mod balance;
mod open;
mod read_out;
mod timeline;

pub use balance::{Balance, Bar, Coverage, Section, balance, percent, speakers_by_gender};
pub use read_out::{ReadOut, read_out_by, reader_at};
pub use timeline::{Lane, SpeakingTimeline};

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::model::{
    Gender, Person, PersonId, RegionalGroup, Role, Session, Speaker, StakeholderGroup,
};

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

/// What the notes on one policy question add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionTally {
    pub number: u8,
    pub notes: u32,
    /// The floor time of the turns in which notes on the question were taken, each turn once.
    pub floor: TimeDelta,
    /// The groups of the people whose words the notes on it record, in the vocabulary's order.
    pub stakeholder_groups: Vec<StakeholderGroup>,
}

/// Who the floor time went to, by the part they play in the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// People with an onsite or online moderator's role.
    Moderators,
    /// Everyone else on the roster.
    Speakers,
    OnsiteAudience,
    OnlineAudience,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Moderators,
        Part::Speakers,
        Part::OnsiteAudience,
        Part::OnlineAudience,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Moderators => "Moderators",
            Part::Speakers => "Speakers",
            Part::OnsiteAudience => "Onsite audience",
            Part::OnlineAudience => "Online audience",
        }
    }

    /// At most ten columns, for a narrow panel.
    pub fn short(self) -> &'static str {
        match self {
            Part::Moderators => "Moderators",
            Part::Speakers => "Speakers",
            Part::OnsiteAudience => "Onsite",
            Part::OnlineAudience => "Online",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Part::Moderators => "moderators",
            Part::Speakers => "speakers",
            Part::OnsiteAudience => "onsite-audience",
            Part::OnlineAudience => "online-audience",
        }
    }

    fn of(session: &Session, speaker: Speaker) -> Part {
        match speaker {
            Speaker::Audience => Part::OnsiteAudience,
            Speaker::Online => Part::OnlineAudience,
            Speaker::Person(id) => {
                let moderates = session.person(id).is_some_and(|p| {
                    p.has_role(Role::OnsiteModerator) || p.has_role(Role::OnlineModerator)
                });
                if moderates {
                    Part::Moderators
                } else {
                    Part::Speakers
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartTally {
    pub part: Part,
    pub tally: Tally,
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
    /// People only: the audiences belong to no stakeholder or regional group, and have no gender.
    pub stakeholder_groups: Vec<GroupTally<StakeholderGroup>>,
    pub regional_groups: Vec<GroupTally<RegionalGroup>>,
    /// By gender as recorded; people whose gender was not recorded are the row of None.
    pub genders: Vec<GroupTally<Gender>>,
    /// Moderators, other people, the onsite and the online audience: always all four.
    pub parts: Vec<PartTally>,
    pub questions: Vec<QuestionTally>,
    /// The audiences' time that someone read out for them, by audience and reader: part of the
    /// audience's tally above, never of the reader's.
    pub read_out: Vec<ReadOut>,
    /// Speakers on the roster, not marked absent, who have not had the floor yet.
    pub not_yet_heard: Vec<PersonId>,
    pub notes: u32,
    pub notes_without_question: u32,
    pub total_floor: TimeDelta,
    pub open_floor: Option<OpenFloor>,
    /// The policy questions with notes taken in the open floor's turn: their floor time grows
    /// with it (see [`Stats::count_on`]).
    pub open_questions: Vec<u8>,
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

    /// The policy questions no note has addressed yet.
    pub fn unaddressed_questions(&self) -> impl Iterator<Item = u8> + '_ {
        self.questions
            .iter()
            .filter(|q| q.notes == 0)
            .map(|q| q.number)
    }

    /// Who read out an audience's turns, and how much of its time.
    pub fn read_out_for(&self, audience: Speaker) -> impl Iterator<Item = &ReadOut> {
        self.read_out.iter().filter(move |r| r.audience == audience)
    }

    /// The floor time of the people on the roster, the audiences left out.
    pub fn people_floor(&self) -> TimeDelta {
        self.speakers
            .iter()
            .filter(|s| matches!(s.speaker, Speaker::Person(_)))
            .map(|s| s.tally.floor)
            .sum()
    }
}

/// One spell at the floor: from a floor change to the next one (or to where counting stopped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    pub speaker: Speaker,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
}

impl Turn {
    pub fn held(&self) -> TimeDelta {
        (self.end - self.start).max(TimeDelta::zero())
    }
}

/// Where counting stops: the given moment, else the session's last recorded moment.
pub fn counting_end(session: &Session, until: Until) -> Option<DateTime<FixedOffset>> {
    let end = match until {
        Until::Moment(moment) => Some(moment),
        Until::LastRecorded => session.last_recorded(),
    };
    // An ended session is counted to its end and no further.
    match (end, session.ended) {
        (Some(end), Some(ended)) => Some(end.min(ended)),
        (end, ended) => end.or(ended),
    }
}

/// Every turn in time order, with the floor change each starts at; a pause (a change to nobody)
/// starts none. A floor left open runs to `until`; with nothing to count to, it is not a turn.
pub fn turns(session: &Session, until: Until) -> Vec<(usize, Turn)> {
    let end = counting_end(session, until);
    // session.floor is kept in time order, so changes recorded out of order count where they belong.
    session
        .floor
        .iter()
        .enumerate()
        .filter_map(|(index, change)| {
            let speaker = change.speaker?;
            // What was recorded after the end of the session is not time at the floor.
            if session.ended.is_some_and(|ended| change.at >= ended) {
                return None;
            }
            let next = session.floor.get(index + 1).map(|next| next.at);
            let next = match (next, session.ended) {
                (Some(next), Some(ended)) => Some(next.min(ended)),
                (next, _) => next,
            };
            let turn_end = next.or(end)?;
            Some((
                index,
                Turn {
                    speaker,
                    start: change.at,
                    end: turn_end.max(change.at),
                },
            ))
        })
        .collect()
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
    let mut index: HashMap<Speaker, usize> = speakers
        .iter()
        .enumerate()
        .map(|(i, s)| (s.speaker, i))
        .collect();
    let end = counting_end(session, until);
    let turns = turns(session, until);
    // Which turn each floor change starts, so that a note finds its turn by binary search.
    let mut turn_at: Vec<Option<usize>> = vec![None; session.floor.len()];
    let mut previous: Option<(usize, Speaker)> = None;
    let mut total_floor = TimeDelta::zero();
    for (number, (change, turn)) in turns.iter().enumerate() {
        turn_at[*change] = Some(number);
        let tally = tally_of(&mut speakers, &mut index, turn.speaker);
        tally.floor += turn.held();
        // A new intervention unless the same speaker held the floor from the change before.
        if previous != Some((change.wrapping_sub(1), turn.speaker)) {
            tally.interventions += 1;
        }
        total_floor += turn.held();
        previous = Some((*change, turn.speaker));
    }
    // The end of the session closed the floor.
    let open_floor = session.floor.last().filter(|_| session.ended.is_none());
    let open_floor = open_floor.and_then(|last| {
        Some(OpenFloor {
            speaker: last.speaker?,
            since: last.at,
        })
    });

    let mut questions: Vec<QuestionTally> = session
        .questions
        .iter()
        .map(|q| QuestionTally {
            number: q.number,
            notes: 0,
            floor: TimeDelta::zero(),
            stakeholder_groups: Vec::new(),
        })
        .collect();
    // Per question, the last turn counted: the notes come in time order, so their turns do too,
    // and a turn counts once however many notes on the question it holds.
    let mut last_turn: Vec<Option<usize>> = vec![None; questions.len()];
    let mut notes_without_question = 0;
    for note in &session.notes {
        if let Some(speaker) = note.speaker {
            tally_of(&mut speakers, &mut index, speaker).notes += 1;
        }
        if note.questions.is_empty() {
            notes_without_question += 1;
            continue;
        }
        let turn = turn_of(session, &turn_at, note.at);
        let group = match note.speaker {
            Some(Speaker::Person(id)) => session.person(id).and_then(|p| p.stakeholder),
            _ => None,
        };
        for number in &note.questions {
            let Some(at) = questions.iter().position(|q| q.number == *number) else {
                continue;
            };
            let question = &mut questions[at];
            question.notes += 1;
            if let Some(group) = group.filter(|g| !question.stakeholder_groups.contains(g)) {
                question.stakeholder_groups.push(group);
                question.stakeholder_groups.sort();
            }
            if let Some(turn) = turn.filter(|t| last_turn[at] != Some(*t)) {
                last_turn[at] = Some(turn);
                question.floor += turns[turn].1.held();
            }
        }
    }

    // The open floor's turn is the last one, started by the last floor change.
    let open_turn = turns
        .len()
        .checked_sub(1)
        .filter(|&last| open_floor.is_some() && turns[last].0 + 1 == session.floor.len());
    let open_questions = questions
        .iter()
        .zip(&last_turn)
        .filter(|(_, turn)| open_turn.is_some() && **turn == open_turn)
        .map(|(q, _)| q.number)
        .collect();

    let stakeholder_groups = group_by(session, &speakers, |p| p.stakeholder);
    let regional_groups = group_by(session, &speakers, |p| p.region);
    let genders = group_by(session, &speakers, |p| p.gender);
    let parts = Part::ALL
        .iter()
        .map(|&part| {
            let mut tally = Tally::default();
            for entry in speakers
                .iter()
                .filter(|s| Part::of(session, s.speaker) == part)
            {
                tally.add(&entry.tally);
            }
            PartTally { part, tally }
        })
        .collect();
    let not_yet_heard = session
        .roster()
        .filter(|p| p.has_role(Role::Speaker) && !p.marked_absent())
        .filter(|p| {
            index
                .get(&Speaker::Person(p.id))
                .is_none_or(|&i| speakers[i].tally.interventions == 0)
        })
        .map(|p| p.id)
        .collect();

    Stats {
        read_out: read_out::read_out(session, &turns),
        speakers,
        stakeholder_groups,
        regional_groups,
        genders,
        parts,
        questions,
        not_yet_heard,
        notes: session.notes.len() as u32,
        notes_without_question,
        total_floor,
        counted_until: if open_floor.is_some() || session.ended.is_some() {
            end
        } else {
            session.floor.last().map(|f| f.at)
        },
        open_floor,
        open_questions,
    }
}

/// The turn the floor was in at `at`: the one started by the last floor change at or before it.
fn turn_of(
    session: &Session,
    turn_at: &[Option<usize>],
    at: DateTime<FixedOffset>,
) -> Option<usize> {
    let after = session.floor.partition_point(|f| f.at <= at);
    turn_at[after.checked_sub(1)?]
}

fn tally_of<'a>(
    speakers: &'a mut Vec<SpeakerTally>,
    index: &mut HashMap<Speaker, usize>,
    speaker: Speaker,
) -> &'a mut Tally {
    let at = *index.entry(speaker).or_insert_with(|| {
        // Someone removed from the roster after speaking still spoke.
        speakers.push(SpeakerTally {
            speaker,
            tally: Tally::default(),
        });
        speakers.len() - 1
    });
    &mut speakers[at].tally
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
        let group = session.person(id).and_then(&group_of);
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

#[cfg(test)]
mod tests;
