//! Floor time as the templates draw it: tables by speaker, group, region and audience, with bars,
//! and who spoke when.

use serde::Serialize;
use std::collections::BTreeSet;

use crate::model::{Session, Speaker};
use crate::report::anonymize::{Anonymity, group_label};
use crate::report::listed;
use crate::stats::{self, GroupTally, Tally, Until, percent};

#[derive(Debug, Clone, Serialize)]
pub struct FloorView {
    /// "1:05:09".
    pub total: String,
    pub total_seconds: i64,
    pub speakers: Vec<FloorRow>,
    pub stakeholder_groups: Vec<FloorRow>,
    pub regional_groups: Vec<FloorRow>,
    /// The people on the roster together, then the onsite and the online audience.
    pub audience: Vec<FloorRow>,
    /// Who spoke when, laid out for the HTML report's picture; None without floor time.
    pub timeline: Option<crate::report::chart::Chart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FloorRow {
    pub label: String,
    /// The stakeholder group and region of a person.
    pub detail: Option<String>,
    pub seconds: i64,
    /// "4:07".
    pub time: String,
    /// Percent of all floor time, rounded.
    pub share: i64,
    /// Percent of the longest row: the width of its bar.
    pub bar: i64,
    pub interventions: u32,
    pub notes: u32,
}

pub(super) fn floor_view(session: &Session, anonymity: Option<Anonymity>) -> FloorView {
    let stats = stats::compute(session, Until::LastRecorded);
    let total = stats.total_floor.num_seconds();
    let rows = |entries: Vec<(String, Option<String>, Tally)>| -> Vec<FloorRow> {
        let longest = entries
            .iter()
            .map(|(_, _, t)| t.floor.num_seconds())
            .max()
            .unwrap_or(0);
        entries
            .into_iter()
            .map(|(label, detail, tally)| {
                let seconds = tally.floor.num_seconds();
                FloorRow {
                    label,
                    detail,
                    seconds,
                    time: stats::hms(tally.floor),
                    share: percent(seconds, total),
                    bar: percent(seconds, longest),
                    interventions: tally.interventions,
                    notes: tally.notes,
                }
            })
            .collect()
    };

    let speakers = stats
        .speakers
        .iter()
        .filter_map(|entry| match entry.speaker {
            Speaker::Person(id) => {
                let person = session.person(id).filter(|p| listed(p))?;
                Some(match anonymity {
                    Some(anonymity) => (anonymity.label(person), None, entry.tally),
                    None => (person.name.clone(), Some(group_label(person)), entry.tally),
                })
            }
            audience => Some((session.speaker_name(audience), None, entry.tally)),
        })
        .collect();

    let present = session.took_part();
    let stakeholders: BTreeSet<_> = present.iter().map(|p| p.stakeholder).collect();
    let regions: BTreeSet<_> = present.iter().map(|p| p.region).collect();
    let stakeholder_groups = groups(&stats.stakeholder_groups, &stakeholders, |g| g.label());
    let regional_groups = groups(&stats.regional_groups, &regions, |g| g.label());

    let mut people = Tally::default();
    for entry in &stats.speakers {
        if let Speaker::Person(_) = entry.speaker {
            people.floor += entry.tally.floor;
            people.interventions += entry.tally.interventions;
            people.notes += entry.tally.notes;
        }
    }
    let audience = vec![
        ("People on the roster".to_string(), None, people),
        (
            "Onsite audience".to_string(),
            None,
            stats.speaker(Speaker::Audience),
        ),
        (
            "Online audience".to_string(),
            None,
            stats.speaker(Speaker::Online),
        ),
    ];

    FloorView {
        total: stats::hms(stats.total_floor),
        total_seconds: total,
        speakers: rows(speakers),
        stakeholder_groups: rows(stakeholder_groups),
        regional_groups: rows(regional_groups),
        audience: rows(audience),
        timeline: crate::report::chart::who_spoke_when(session, anonymity),
    }
}

/// The groups of the people who took part, and any other group that had the floor.
fn groups<G: Copy + Ord>(
    tallies: &[GroupTally<G>],
    present: &BTreeSet<Option<G>>,
    label: impl Fn(G) -> &'static str,
) -> Vec<(String, Option<String>, Tally)> {
    tallies
        .iter()
        .filter(|g| present.contains(&g.group) || g.tally != Tally::default())
        .map(|g| {
            let name = g.group.map_or("Group not known", &label);
            (name.to_string(), None, g.tally)
        })
        .collect()
}
