//! The balance of the floor as a reader sees it: shares by group, gender and part, coverage of the
//! policy questions, and who has not spoken yet. Derived from [`Stats`] without walking the notes,
//! so a screen can redraw it every frame from stats it recounts only when something changed.

use chrono::TimeDelta;

use super::{GroupTally, Stats};
use crate::model::{Gender, Session, Speaker, StakeholderGroup};

/// One bar: a group's floor time and its share of its section's time, in whole percent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// The label in at most ten columns, for a narrow panel.
    pub short: String,
    pub floor: TimeDelta,
    pub percent: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    /// The title in at most twenty columns.
    pub short_title: &'static str,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub number: u8,
    pub title: String,
    pub notes: u32,
    pub floor: TimeDelta,
    /// The stakeholder groups whose words the notes on it record.
    pub groups: Vec<StakeholderGroup>,
}

impl Coverage {
    pub fn addressed(&self) -> bool {
        self.notes > 0
    }
}

/// What a balance panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    /// By stakeholder group, regional group and gender (people on the roster), then by part
    /// (moderators, speakers, onsite and online audience: the whole floor).
    pub sections: Vec<Section>,
    pub questions: Vec<Coverage>,
    /// The names of the speakers who have not had the floor yet.
    pub not_yet_heard: Vec<String>,
}

/// `part` of `whole` in whole percent, rounded; 0 of nothing.
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        (part.saturating_mul(100) + whole / 2) / whole
    }
}

/// A bar's label, its short form and its floor time.
type Row = (&'static str, &'static str, TimeDelta);

fn section(
    (title, short_title): (&'static str, &'static str),
    rows: impl Iterator<Item = Row>,
) -> Section {
    let rows: Vec<Row> = rows.collect();
    let whole: i64 = rows.iter().map(|(_, _, floor)| floor.num_seconds()).sum();
    Section {
        title,
        short_title,
        bars: rows
            .into_iter()
            .map(|(label, short, floor)| Bar {
                percent: percent(floor.num_seconds(), whole),
                label: label.to_string(),
                short: short.to_string(),
                floor,
            })
            .collect(),
    }
}

fn groups<G: Copy>(
    title: (&'static str, &'static str),
    tallies: &[GroupTally<G>],
    labels: impl Fn(G) -> (&'static str, &'static str),
    unknown: (&'static str, &'static str),
) -> Section {
    section(
        title,
        tallies.iter().map(|g| {
            let (label, short) = g.group.map_or(unknown, &labels);
            (label, short, g.tally.floor)
        }),
    )
}

pub fn balance(session: &Session, stats: &Stats) -> Balance {
    let sections = vec![
        groups(
            ("Stakeholder group", "Stakeholder group"),
            &stats.stakeholder_groups,
            |g| (g.label(), g.short()),
            ("Group not known", "Not known"),
        ),
        groups(
            ("Regional group", "Regional group"),
            &stats.regional_groups,
            |g| (g.label(), g.short()),
            ("Region not known", "Not known"),
        ),
        groups(
            ("Gender", "Gender"),
            &stats.genders,
            |g| (g.label(), g.label()),
            ("Not recorded", "Unrecorded"),
        ),
        section(
            ("Moderators, speakers, audience", "Roles and audience"),
            stats
                .parts
                .iter()
                .map(|p| (p.part.label(), p.part.short(), p.tally.floor)),
        ),
    ];
    let questions = stats
        .questions
        .iter()
        .map(|q| Coverage {
            number: q.number,
            title: session
                .question(q.number)
                .map_or_else(String::new, |question| question.short().to_string()),
            notes: q.notes,
            floor: q.floor,
            groups: q.stakeholder_groups.clone(),
        })
        .collect();
    let not_yet_heard = stats
        .not_yet_heard
        .iter()
        .map(|id| session.speaker_name(Speaker::Person(*id)))
        .collect();
    Balance {
        sections,
        questions,
        not_yet_heard,
    }
}

/// "3 of 5 speakers were women; they held 48% of the floor." The speakers are the people on the
/// roster who had the floor; only genders the rapporteur recorded count. None when nobody on the
/// roster spoke or no speaker's gender was recorded.
pub fn speakers_by_gender(session: &Session, stats: &Stats) -> Option<String> {
    let spoke: Vec<_> = stats
        .speakers
        .iter()
        .filter(|s| s.tally.interventions > 0)
        .filter_map(|s| match s.speaker {
            Speaker::Person(id) => Some((session.person(id)?.gender, s.tally.floor)),
            _ => None,
        })
        .collect();
    let count = |gender: Option<Gender>| spoke.iter().filter(|(g, _)| *g == gender).count();
    let not_recorded = count(None);
    if spoke.is_empty() || not_recorded == spoke.len() {
        return None;
    }
    let women = count(Some(Gender::Woman));
    let women_floor: TimeDelta = spoke
        .iter()
        .filter(|(g, _)| *g == Some(Gender::Woman))
        .map(|(_, floor)| *floor)
        .sum();
    let share = percent(women_floor.num_seconds(), stats.total_floor.num_seconds());
    let were = |n: usize| if n == 1 { "was" } else { "were" };
    let of = spoke.len();
    let mut sentence = match women {
        0 => format!("None of the {of} speakers was a woman"),
        1 => format!("1 of {of} speakers was a woman; she held {share}% of the floor"),
        _ => format!("{women} of {of} speakers were women; they held {share}% of the floor"),
    };
    let diverse = count(Some(Gender::GenderDiverse));
    if diverse > 0 {
        sentence += &format!("; {diverse} {} gender-diverse", were(diverse));
    }
    if not_recorded > 0 {
        sentence += &format!(" (gender not recorded for {not_recorded})");
    }
    sentence.push('.');
    Some(sentence)
}
