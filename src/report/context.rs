//! The template context: everything a report template may draw, assembled from the session, its
//! form and its statistics. The JSON export is this context as it is; templates/README.md
//! documents it.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::anonymize::{Anonymity, Anonymizer, group_label};
use super::form::{Field, FieldGroup, Form, paragraphs};
use super::listed;
use super::profile::{Each, FieldSpec, Limits, Part, Profile};
use crate::model::{Note, NoteId, Person, Role, Session, Speaker};
use crate::stats::{self, GroupTally, Tally, Until, percent};

#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub profile: ProfileView,
    pub report: ReportView,
    pub anonymous: bool,
    /// How names are replaced, when they are.
    #[serde(skip)]
    pub anonymity: Option<Anonymity>,
    /// Under --anonymous, what a person is named by: "stakeholder group and region", or
    /// "stakeholder group" under --anonymous=coarse.
    pub named_by: Option<&'static str>,
    pub session: SessionView,
    pub particulars: Particulars,
    pub participants: Participants,
    pub questions: Vec<QuestionView>,
    pub sections: Vec<SectionView>,
    /// The fields of `sections` again, by their profile key, for templates that place them by hand.
    pub fields: BTreeMap<String, FieldView>,
    pub audience: AudienceView,
    /// The break-out groups, each with its members and notes; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupView>,
    pub floor: FloorView,
    /// Every broken limit, as "key: N words, over the limit of M".
    pub warnings: Vec<String>,
    pub generator: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// "short" or "final".
    pub kind: &'static str,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub code: String,
    pub title: String,
    /// "29 November 2022".
    pub date: Option<String>,
    /// "10:30–12:00 (UTC+03:00)".
    pub time: Option<String>,
    /// RFC 3339.
    pub start: Option<String>,
    pub end: Option<String>,
    pub format: Option<String>,
    pub duration_minutes: Option<u32>,
    pub sdgs: Vec<String>,
    pub expected_outcomes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub affiliation: Option<String>,
    pub stakeholder: Option<&'static str>,
    pub region: Option<&'static str>,
    /// "Civil Society (GRULAC)": what stands for the person under --anonymous.
    pub group: String,
    pub roles: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Particulars {
    pub organizers: Vec<PersonView>,
    pub onsite_moderators: Vec<PersonView>,
    pub online_moderators: Vec<PersonView>,
    pub rapporteurs: Vec<PersonView>,
    pub speakers: Vec<PersonView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participants {
    /// Those who took part: not marked absent, not removed from the roster.
    pub people: Vec<PersonView>,
    pub by_stakeholder: Vec<Count>,
    pub by_region: Vec<Count>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub number: u8,
    pub title: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub title: Option<String>,
    pub parts: Vec<PartView>,
}

/// `type` tells the templates which part it is.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PartView {
    Field(FieldView),
    Particulars,
    PolicyQuestions,
    Participants,
    AudienceQuestions,
    BreakOutGroups,
    FloorTime,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    /// The profile's key: "takeaways".
    pub key: String,
    pub label: String,
    pub hint: Option<String>,
    /// "once", "item", "question" or "speaker".
    pub each: &'static str,
    pub inline: bool,
    pub limits: Limits,
    /// For numbered items, only those with text.
    pub entries: Vec<EntryView>,
    pub over_limit: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The report field key: "short.takeaways.1".
    pub key: String,
    pub label: String,
    pub text: String,
    pub paragraphs: Vec<String>,
    pub words: usize,
    pub drafted: bool,
    pub over_limit: bool,
    pub notes: Vec<NoteId>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceView {
    pub onsite: Vec<AudienceNote>,
    pub online: Vec<AudienceNote>,
    /// How many of them are questions.
    pub questions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct AudienceNote {
    /// "Onsite audience" or "Online audience".
    pub speaker: &'static str,
    /// "10:42", the local time of the session.
    pub at: String,
    /// "question", "remark", ...
    pub kind: &'static str,
    pub question: bool,
    pub text: String,
    /// The policy questions it bears on.
    pub questions: Vec<u8>,
}

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
    pub timeline: Option<super::chart::Chart>,
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

impl Context {
    pub fn new(
        session: &Session,
        profile: &Profile,
        form: &Form,
        anonymity: Option<Anonymity>,
    ) -> Context {
        let person = |p: &Person| person_view(p, anonymity);
        let named: Vec<&Person> = session.people.iter().filter(|p| listed(p)).collect();
        let present = session.took_part();
        let with_role = |role: Role| -> Vec<PersonView> {
            named
                .iter()
                .filter(|p| p.has_role(role))
                .map(|p| person(p))
                .collect()
        };
        let particulars = Particulars {
            organizers: with_role(Role::Organizer),
            onsite_moderators: with_role(Role::OnsiteModerator),
            online_moderators: with_role(Role::OnlineModerator),
            rapporteurs: with_role(Role::Rapporteur),
            speakers: with_role(Role::Speaker),
        };
        let participants = Participants {
            people: present.iter().map(|p| person(p)).collect(),
            by_stakeholder: count_by(&present, |p| p.stakeholder.map(|s| s.label())),
            by_region: count_by(&present, |p| p.region.map(|r| r.label())),
        };

        let mut fields = BTreeMap::new();
        let sections = profile
            .shape(form.report)
            .sections
            .iter()
            .map(|section| SectionView {
                title: section.title.clone(),
                parts: section
                    .parts
                    .iter()
                    .map(|part| match part {
                        Part::Field(spec) => {
                            let view = form
                                .group(&spec.key)
                                .map(field_view)
                                .unwrap_or_else(|| empty_field(spec));
                            fields.insert(spec.key.clone(), view.clone());
                            PartView::Field(view)
                        }
                        Part::Particulars => PartView::Particulars,
                        Part::PolicyQuestions => PartView::PolicyQuestions,
                        Part::Participants => PartView::Participants,
                        Part::AudienceQuestions => PartView::AudienceQuestions,
                        Part::BreakOutGroups => PartView::BreakOutGroups,
                        Part::FloorTime => PartView::FloorTime,
                    })
                    .collect(),
            })
            .collect();

        Context {
            profile: ProfileView {
                name: profile.name.clone(),
                description: profile.description.clone(),
            },
            report: ReportView {
                kind: form.report.slug(),
                title: form.title.clone(),
            },
            anonymous: anonymity.is_some(),
            anonymity,
            named_by: anonymity.map(Anonymity::named_by),
            session: session_view(session),
            particulars,
            participants,
            questions: session
                .questions
                .iter()
                .map(|q| QuestionView {
                    number: q.number,
                    title: q.title.clone(),
                    text: q.text.clone(),
                })
                .collect(),
            sections,
            fields,
            audience: audience_view(session),
            groups: groups_view(session),
            floor: floor_view(session, anonymity),
            warnings: form.warnings().iter().map(|w| w.to_string()).collect(),
            generator: concat!("rapporteur ", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The context as JSON, names replaced throughout when anonymous.
    pub fn to_json(&self, session: &Session) -> serde_json::Value {
        // Serialising plain structs of strings and numbers cannot fail.
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(anonymity) = self.anonymity {
            Anonymizer::new(session, anonymity).apply_to_value(&mut value);
        }
        value
    }
}

fn person_view(p: &Person, anonymity: Option<Anonymity>) -> PersonView {
    match anonymity {
        None => PersonView {
            name: p.name.clone(),
            affiliation: p.affiliation.clone(),
            stakeholder: p.stakeholder.map(|s| s.label()),
            region: p.region.map(|r| r.label()),
            group: group_label(p),
            roles: p.roles.iter().map(|r| r.label()).collect(),
        },
        Some(anonymity) => {
            let group = anonymity.label(p);
            PersonView {
                name: group.clone(),
                // An affiliation names the person as surely as their name.
                affiliation: None,
                stakeholder: p.stakeholder.map(|s| s.label()),
                // Under the coarse rule the region is what would name the person.
                region: match anonymity {
                    Anonymity::GroupAndRegion => p.region.map(|r| r.label()),
                    Anonymity::GroupOnly => None,
                },
                group,
                roles: p.roles.iter().map(|r| r.label()).collect(),
            }
        }
    }
}

fn count_by(people: &[&Person], key: impl Fn(&Person) -> Option<&'static str>) -> Vec<Count> {
    let mut counts: BTreeMap<(bool, &'static str), usize> = BTreeMap::new();
    for p in people {
        let label = key(p);
        *counts
            .entry((label.is_none(), label.unwrap_or("Not known")))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((_, label), count)| Count {
            label: label.to_string(),
            count,
        })
        .collect()
}

fn session_view(session: &Session) -> SessionView {
    let info = &session.info;
    let date = info.start.map(|s| s.format("%-d %B %Y").to_string());
    let time = info.start.map(|start| {
        let from = start.format("%H:%M");
        match info.end {
            Some(end) => format!(
                "{from}–{} (UTC{})",
                end.format("%H:%M"),
                start.format("%:z")
            ),
            None => format!("{from} (UTC{})", start.format("%:z")),
        }
    });
    SessionView {
        code: info.code.clone(),
        title: info.title.clone(),
        date,
        time,
        start: info.start.map(|s| s.to_rfc3339()),
        end: info.end.map(|s| s.to_rfc3339()),
        format: info.format.clone(),
        duration_minutes: info.planned_minutes(),
        sdgs: info.sdgs.clone(),
        expected_outcomes: info.expected_outcomes.clone(),
    }
}

fn each_word(each: Each) -> &'static str {
    match each {
        Each::Once => "once",
        Each::Item => "item",
        Each::Question => "question",
        Each::Speaker => "speaker",
    }
}

fn field_view(group: &FieldGroup) -> FieldView {
    let numbered = group.spec.each == Each::Item;
    let entries: Vec<EntryView> = group
        .entries
        .iter()
        .filter(|f| !numbered || !f.text.trim().is_empty())
        .map(entry_view)
        .collect();
    let warnings: Vec<String> = group
        .warnings
        .iter()
        .chain(group.entries.iter().flat_map(|f| f.warnings.iter()))
        .map(|w| w.to_string())
        .collect();
    FieldView {
        key: group.spec.key.clone(),
        label: group.spec.label.clone(),
        hint: group.spec.hint.clone(),
        each: each_word(group.spec.each),
        inline: group.spec.inline,
        limits: group.spec.limits,
        entries,
        over_limit: !warnings.is_empty(),
        warnings,
    }
}

fn empty_field(spec: &FieldSpec) -> FieldView {
    FieldView {
        key: spec.key.clone(),
        label: spec.label.clone(),
        hint: spec.hint.clone(),
        each: each_word(spec.each),
        inline: spec.inline,
        limits: spec.limits,
        entries: Vec::new(),
        over_limit: false,
        warnings: Vec::new(),
    }
}

fn entry_view(field: &Field) -> EntryView {
    EntryView {
        key: field.key.clone(),
        label: field.label.clone(),
        text: field.text.trim().to_string(),
        paragraphs: paragraphs(&field.text),
        words: field.words,
        drafted: field.drafted,
        over_limit: field.over_limit(),
        notes: field.notes.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub name: String,
    pub taker: Option<String>,
    pub members: Vec<String>,
    pub notes: Vec<GroupNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupNote {
    pub at: String,
    pub speaker: Option<String>,
    pub kind: &'static str,
    pub text: String,
}

fn groups_view(session: &Session) -> Vec<GroupView> {
    session
        .groups
        .iter()
        .map(|group| GroupView {
            name: group.name.clone(),
            taker: group.taker.clone(),
            members: group
                .members
                .iter()
                .map(|id| session.speaker_name(Speaker::Person(*id)))
                .collect(),
            notes: session
                .notes
                .iter()
                .filter(|n| n.group.as_ref() == Some(&group.name) && !n.text.trim().is_empty())
                .map(|n| GroupNote {
                    at: n.at.format("%H:%M").to_string(),
                    speaker: n.speaker.map(|s| session.speaker_name(s)),
                    kind: n.kind.slug(),
                    text: n.text.trim().to_string(),
                })
                .collect(),
        })
        .collect()
}

fn audience_view(session: &Session) -> AudienceView {
    let view = |note: &Note, speaker: Speaker| AudienceNote {
        speaker: speaker.audience_label().unwrap_or_default(),
        at: note.at.format("%H:%M").to_string(),
        kind: note.kind.slug(),
        question: note.kind == crate::model::NoteKind::Question,
        text: note.text.trim().to_string(),
        questions: note.questions.clone(),
    };
    let from = |audience: Speaker| -> Vec<AudienceNote> {
        session
            .notes
            .iter()
            .filter(|n| n.speaker == Some(audience) && !n.text.trim().is_empty())
            .map(|n| view(n, audience))
            .collect()
    };
    let onsite = from(Speaker::Audience);
    let online = from(Speaker::Online);
    let questions = onsite.iter().chain(&online).filter(|n| n.question).count();
    AudienceView {
        onsite,
        online,
        questions,
    }
}

fn floor_view(session: &Session, anonymity: Option<Anonymity>) -> FloorView {
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
        timeline: super::chart::who_spoke_when(session, anonymity),
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
