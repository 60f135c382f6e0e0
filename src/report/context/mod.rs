//! The template context: everything a report template may draw, assembled from the session, its
//! form and its statistics. The JSON export is this context as it is; templates/README.md
//! documents it.

use serde::Serialize;
use std::collections::BTreeMap;

mod audience;
mod fields;
mod floor;

pub use audience::{AudienceNote, AudienceView, GroupView};
pub use fields::{EntryView, FieldView};
pub use floor::{FloorRow, FloorView};

use super::anonymize::{Anonymity, Anonymizer, group_label};
use super::form::Form;
use super::listed;
use super::profile::{Part, Profile};
use crate::model::{Person, PersonId, Role, Session, Speaker};
use audience::{audience_view, groups_view};
use fields::{empty_field, field_view};
use floor::floor_view;

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
                    .filter_map(|part| {
                        Some(match part {
                            Part::Field(_) | Part::FromShort(_) => {
                                // A FromShort naming no field is refused when the profile is read.
                                let (drafted_in, spec) = profile.field_of(form.report, part)?;
                                let view = form
                                    .group(drafted_in, &spec.key)
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
            audience: audience_view(session, anonymity),
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

/// A person as the report names them: by name, or by group under --anonymous.
fn person_name(session: &Session, id: PersonId, anonymity: Option<Anonymity>) -> String {
    match (session.person(id), anonymity) {
        (Some(person), Some(anonymity)) => anonymity.label(person),
        _ => session.speaker_name(Speaker::Person(id)),
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
