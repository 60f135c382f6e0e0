//! A report profile: which fields a report has, in what order, within what limits, and which
//! templates draw it. The IGF changed its forms over the years, so this is data (RON files under
//! templates/profiles/), not code.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

use super::ReportError;
use super::templates::TemplateDirs;
use crate::model::NoteKind;

/// Which of the two reports: the short one handed in within hours, or the final one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Report {
    Short,
    Final,
}

impl Report {
    pub const ALL: [Report; 2] = [Report::Short, Report::Final];

    /// The first part of every field key of this report: "short" or "final".
    pub fn slug(self) -> &'static str {
        match self {
            Report::Short => "short",
            Report::Final => "final",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    /// What the profile is for, shown when listing profiles.
    #[serde(default)]
    pub description: String,
    /// The template for each output format ("md", "txt", "html"), by name in the templates dir.
    pub templates: BTreeMap<String, String>,
    pub short: ReportShape,
    #[serde(rename = "final")]
    pub final_report: ReportShape,
}

impl Profile {
    pub fn shape(&self, report: Report) -> &ReportShape {
        match report {
            Report::Short => &self.short,
            Report::Final => &self.final_report,
        }
    }

    /// The fields of a report in the profile's order, each with the report whose drafts it
    /// holds: a `FromShort` field of the final report is the short report's own.
    pub fn fields(&self, report: Report) -> impl Iterator<Item = (Report, &FieldSpec)> {
        self.shape(report)
            .sections
            .iter()
            .flat_map(|section| section.parts.iter())
            .filter_map(move |part| self.field_of(report, part))
    }

    /// The field a part of `report` draws, if it is one.
    pub fn field_of<'a>(
        &'a self,
        report: Report,
        part: &'a Part,
    ) -> Option<(Report, &'a FieldSpec)> {
        match part {
            Part::Field(spec) => Some((report, spec)),
            Part::FromShort(key) => self
                .short
                .fields()
                .find(|spec| spec.key == *key)
                .map(|spec| (Report::Short, spec)),
            _ => None,
        }
    }

    /// Parses a profile; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Profile, ReportError> {
        let profile: Profile = ron::from_str(text).map_err(|error| ReportError::Profile {
            file: file.to_string(),
            line: error.span.start.line,
            column: error.span.start.col,
            message: error.code.to_string(),
        })?;
        // A part that names no field of the short report would draw nothing, silently.
        let parts = Report::ALL
            .iter()
            .flat_map(|&report| profile.shape(report).sections.iter())
            .flat_map(|section| section.parts.iter());
        for part in parts {
            if let Part::FromShort(key) = part
                && profile.field_of(Report::Final, part).is_none()
            {
                let (line, column) = position_of(text, &format!("\"{key}\""));
                let known: Vec<&str> = profile.short.fields().map(|f| f.key.as_str()).collect();
                return Err(ReportError::Profile {
                    file: file.to_string(),
                    line,
                    column,
                    message: format!(
                        "FromShort(\"{key}\") names no field of the short report; its fields are: {}",
                        known.join(", ")
                    ),
                });
            }
        }
        Ok(profile)
    }

    /// Loads a profile by name (the user's templates dir first, then the ones built in) or, when
    /// `name` ends in ".ron", from that file.
    pub fn load(name: &str, dirs: &TemplateDirs) -> Result<Profile, ReportError> {
        if name.ends_with(".ron") {
            let path = Path::new(name);
            let text = super::read_user_text(path).map_err(|cause| ReportError::Read {
                path: path.to_path_buf(),
                cause,
            })?;
            return Profile::parse(&text, &path.display().to_string());
        }
        let file = format!("profiles/{name}.ron");
        match dirs.source(&file)? {
            Some(source) => Profile::parse(&source.text, &source.origin),
            None => Err(ReportError::UnknownProfile {
                name: name.to_string(),
                known: dirs.profile_names().join(", "),
            }),
        }
    }
}

/// Line and column (from 1) of the first `needle` in `text`, or 1:1.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportShape {
    /// For example "Short report".
    pub title: String,
    pub sections: Vec<Section>,
}

impl ReportShape {
    pub fn fields(&self) -> impl Iterator<Item = &FieldSpec> {
        self.sections.iter().flat_map(|s| {
            s.parts.iter().filter_map(|part| match part {
                Part::Field(spec) => Some(spec),
                _ => None,
            })
        })
    }
}

/// A heading and what comes under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    #[serde(default)]
    pub title: Option<String>,
    pub parts: Vec<Part>,
}

/// One thing in a section: a field the rapporteur writes, or a block assembled from the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Part {
    Field(FieldSpec),
    /// A field of the short report by its key, in another report: the same entries, drafted
    /// once (the final report's key takeaways and calls to action are the short report's).
    FromShort(String),
    /// Title, code, date, time, format, organisers, moderators, rapporteurs, speakers.
    Particulars,
    /// The session's policy questions.
    PolicyQuestions,
    /// The people who took part, with their stakeholder and regional groups.
    Participants,
    /// Questions and comments from the onsite and the online audience.
    AudienceQuestions,
    /// One section per break-out group: its members and its notes (nothing without groups).
    BreakOutGroups,
    /// Floor time by speaker, stakeholder group, region and audience.
    FloorTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldSpec {
    /// Unique within the report; the draft of the field is stored as "<report>.<key>[.<entry>]".
    pub key: String,
    pub label: String,
    /// What one numbered item is called ("Key takeaway"); the label when not given.
    #[serde(default)]
    pub item: Option<String>,
    /// What the form asks for, as the IGF's form words it.
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub each: Each,
    #[serde(default)]
    pub seed: Seed,
    #[serde(default)]
    pub limits: Limits,
    /// A short answer drawn on the line of its label ("Onsite participants: 45").
    #[serde(default)]
    pub inline: bool,
}

/// How many entries a field has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Each {
    /// One text.
    #[default]
    Once,
    /// Numbered items ("Key takeaway 1", "2", ...); keys end in ".1", ".2", ...
    Item,
    /// One text per policy question; keys end in ".q1", ".q2", ...
    Question,
    /// One text per speaker who took part; keys end in ".p<person id>".
    Speaker,
}

/// What a field holds before the rapporteur drafts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seed {
    #[default]
    Nothing,
    /// The notes of one kind, such as Takeaway or CallToAction.
    Kind(NoteKind),
    /// What the onsite and the online audience said.
    Audience,
    /// The notes of the entry's own subject: tagged with its policy question, or said by its speaker.
    Subject,
    /// A participation figure given with `rapporteur participation`.
    Participation(Figure),
}

/// Which participation figure a field shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Onsite,
    Online,
    /// Onsite and online together.
    Total,
    /// Women, then gender-diverse participants.
    WomenAndGenderDiverse,
    Women,
    /// Whether and how gender was discussed, and the floor share of the women who spoke.
    Gender,
}

/// None means no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Limits {
    /// How many items a numbered field may have.
    pub items: Option<usize>,
    /// How many words each entry may have.
    pub words: Option<usize>,
    /// How many paragraphs each entry may have.
    pub paragraphs: Option<usize>,
}
