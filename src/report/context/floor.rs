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
    /// "0:04:07".
    pub time: String,
    /// Percent of all floor time, rounded.
    pub share: i64,
    /// Percent of the longest row: the width of its bar.
    pub bar: i64,
    pub interventions: u32,
    pub notes: u32,
    /// An audience's row: who read out its turns and how much of its time, "read out by Omar
    /// Haddad (0:03:10)"; the time stays the audience's.
    pub read_out: Option<String>,
}

pub(super) fn floor_view(session: &Session, anonymity: Option<Anonymity>) -> FloorView {
    let stats = stats::compute(session, Until::LastRecorded);
    let total = stats.total_floor.num_seconds();
    let reader = |id| super::person_name(session, id, anonymity);
    let read_out = |audience| stats::read_out_by(stats.read_out_for(audience), reader);
    let rows = |entries: Vec<Row>| -> Vec<FloorRow> {
        let longest = entries
            .iter()
            .map(|row| row.tally.floor.num_seconds())
            .max()
            .unwrap_or(0);
        entries
            .into_iter()
            .map(
                |Row {
                     label,
                     detail,
                     tally,
                     read_out,
                 }| {
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
                        read_out,
                    }
                },
            )
            .collect()
    };

    let speakers = stats
        .speakers
        .iter()
        .filter_map(|entry| match entry.speaker {
            Speaker::Person(id) => {
                let person = session.person(id).filter(|p| listed(p))?;
                Some(match anonymity {
                    Some(anonymity) => Row::new(anonymity.label(person), entry.tally),
                    None => Row {
                        detail: Some(group_label(person)),
                        ..Row::new(person.name.clone(), entry.tally)
                    },
                })
            }
            audience => Some(Row {
                read_out: read_out(audience),
                ..Row::new(session.speaker_name(audience), entry.tally)
            }),
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
    let audiences = [Speaker::Audience, Speaker::Online].map(|audience| Row {
        read_out: read_out(audience),
        ..Row::new(session.speaker_name(audience), stats.speaker(audience))
    });
    let mut audience = vec![Row::new("People on the roster".to_string(), people)];
    audience.extend(audiences);

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

/// A row before its shares are worked out.
struct Row {
    label: String,
    detail: Option<String>,
    tally: Tally,
    read_out: Option<String>,
}

impl Row {
    fn new(label: String, tally: Tally) -> Row {
        Row {
            label,
            detail: None,
            tally,
            read_out: None,
        }
    }
}

/// The groups of the people who took part, and any other group that had the floor.
fn groups<G: Copy + Ord>(
    tallies: &[GroupTally<G>],
    present: &BTreeSet<Option<G>>,
    label: impl Fn(G) -> &'static str,
) -> Vec<Row> {
    tallies
        .iter()
        .filter(|g| present.contains(&g.group) || g.tally != Tally::default())
        .map(|g| {
            let name = g.group.map_or("Group not known", &label);
            Row::new(name.to_string(), g.tally)
        })
        .collect()
}
