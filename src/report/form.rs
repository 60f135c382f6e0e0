//! The form of one report: its fields, each pre-filled from the notes until the rapporteur drafts
//! it, with word counts and limit checks. The export reads it, and so can a report screen.

use std::fmt;

use super::listed;
use super::profile::{Each, FieldSpec, Limits, Profile, Report, Seed};
use crate::model::{Note, NoteId, PersonId, Role, Session, Speaker};

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub report: Report,
    pub title: String,
    /// One group per field of the profile, in the profile's order.
    pub groups: Vec<FieldGroup>,
}

/// One field of the profile and its entries: one for a text, several for numbered items or for
/// a text per policy question or per speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldGroup {
    /// "short.takeaways".
    pub key: String,
    pub spec: FieldSpec,
    pub entries: Vec<Field>,
    /// Limits broken by the group as a whole (too many items).
    pub warnings: Vec<LimitWarning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The `Change::ReportField` key that drafts it: "short.takeaways.1", "final.session_report.q2".
    pub key: String,
    pub label: String,
    pub subject: Subject,
    pub text: String,
    /// Whether the rapporteur drafted it (else the text is the seed from the notes).
    pub drafted: bool,
    pub words: usize,
    pub paragraphs: usize,
    pub limits: Limits,
    /// The notes the seed was drawn from, in time order.
    pub notes: Vec<NoteId>,
    pub warnings: Vec<LimitWarning>,
}

impl Field {
    pub fn over_limit(&self) -> bool {
        !self.warnings.is_empty()
    }
}

/// What one entry of a field is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Whole,
    Item(usize),
    Question(u8),
    Speaker(PersonId),
}

/// A field over one of its limits. The report still exports; the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitWarning {
    pub key: String,
    pub what: &'static str,
    pub count: usize,
    pub limit: usize,
}

impl fmt::Display for LimitWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} {}, over the limit of {}",
            self.key, self.count, self.what, self.limit
        )
    }
}

impl Form {
    pub fn new(session: &Session, profile: &Profile, report: Report) -> Form {
        let groups = profile
            .fields(report)
            .map(|(drafted_in, spec)| FieldGroup::new(session, drafted_in, spec))
            .collect();
        Form {
            report,
            title: profile.shape(report).title.clone(),
            groups,
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.groups.iter().flat_map(|g| g.entries.iter())
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields().find(|f| f.key == key)
    }

    /// The group of a field of the profile, by the report it is drafted in and its key.
    pub fn group(&self, drafted_in: Report, spec_key: &str) -> Option<&FieldGroup> {
        let key = format!("{}.{spec_key}", drafted_in.slug());
        self.groups.iter().find(|g| g.key == key)
    }

    /// Every broken limit, group by group, in the form's order.
    pub fn warnings(&self) -> Vec<LimitWarning> {
        self.groups
            .iter()
            .flat_map(|g| {
                g.warnings
                    .iter()
                    .chain(g.entries.iter().flat_map(|f| f.warnings.iter()))
            })
            .cloned()
            .collect()
    }
}

impl FieldGroup {
    fn new(session: &Session, report: Report, spec: &FieldSpec) -> FieldGroup {
        let key = format!("{}.{}", report.slug(), spec.key);
        let entries = match spec.each {
            Each::Once => {
                let notes = seed_notes(session, spec.seed, Subject::Whole);
                vec![entry(
                    session,
                    spec,
                    key.clone(),
                    spec.label.clone(),
                    Subject::Whole,
                    &notes,
                )]
            }
            Each::Item => items(session, spec, &key),
            Each::Question => session
                .questions
                .iter()
                .map(|q| {
                    let subject = Subject::Question(q.number);
                    let notes = seed_notes(session, spec.seed, subject);
                    let label = format!("Policy question {}: {}", q.number, q.short());
                    entry(
                        session,
                        spec,
                        format!("{key}.q{}", q.number),
                        label,
                        subject,
                        &notes,
                    )
                })
                .collect(),
            Each::Speaker => session
                .people
                .iter()
                .filter(|p| listed(p) && p.has_role(Role::Speaker))
                .map(|p| {
                    let subject = Subject::Speaker(p.id);
                    let notes = seed_notes(session, spec.seed, subject);
                    // The name alone: an affiliation would identify the speaker under
                    // --anonymous, and the particulars list it anyway.
                    let label = p.name.clone();
                    entry(
                        session,
                        spec,
                        format!("{key}.p{}", p.id.0),
                        label,
                        subject,
                        &notes,
                    )
                })
                .collect(),
        };
        let mut warnings = Vec::new();
        let filled = entries.iter().filter(|e| !e.text.trim().is_empty()).count();
        if let Some(limit) = spec.limits.items.filter(|limit| filled > *limit) {
            warnings.push(LimitWarning {
                key: key.clone(),
                what: "items",
                count: filled,
                limit,
            });
        }
        FieldGroup {
            key,
            spec: spec.clone(),
            entries,
            warnings,
        }
    }
}

/// Numbered items: one per seed note, as many as the rapporteur drafted, and at least as many
/// slots as the profile allows, so that a takeaway no note was marked for can still be written.
/// Empty slots are left out of the report.
fn items(session: &Session, spec: &FieldSpec, key: &str) -> Vec<Field> {
    let seeds = seed_notes(session, spec.seed, Subject::Whole);
    let prefix = format!("{key}.");
    let drafted = session
        .report_fields
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter_map(|(k, _)| k[prefix.len()..].parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    let count = seeds
        .len()
        .max(drafted)
        .max(spec.limits.items.unwrap_or(1))
        .max(1);
    let item_label = spec.item.as_deref().unwrap_or(&spec.label);
    (1..=count)
        .map(|n| {
            let notes: Vec<&Note> = seeds.get(n - 1).copied().into_iter().collect();
            let mut field = entry(
                session,
                spec,
                format!("{key}.{n}"),
                format!("{item_label} {n}"),
                Subject::Item(n),
                &[],
            );
            if !field.drafted {
                // An item is one statement of the rapporteur's: no speaker in front of it.
                field.text = notes
                    .first()
                    .map_or_else(String::new, |n| n.text.trim().to_string());
                measure(&mut field);
            }
            field.notes = notes.iter().map(|n| n.id).collect();
            field
        })
        .collect()
}

fn entry(
    session: &Session,
    spec: &FieldSpec,
    key: String,
    label: String,
    subject: Subject,
    notes: &[&Note],
) -> Field {
    let (text, drafted) = match session.report_fields.get(&key) {
        Some(text) => (text.clone(), true),
        None => match spec.seed {
            Seed::Participation(figure) => (super::participation::figure(session, figure), false),
            _ => (seed_text(session, notes), false),
        },
    };
    let mut field = Field {
        key,
        label,
        subject,
        text,
        drafted,
        words: 0,
        paragraphs: 0,
        limits: spec.limits,
        notes: notes.iter().map(|n| n.id).collect(),
        warnings: Vec::new(),
    };
    measure(&mut field);
    field
}

/// Counts words and paragraphs and checks them against the limits.
fn measure(field: &mut Field) {
    field.words = word_count(&field.text);
    field.paragraphs = paragraphs(&field.text).len();
    field.warnings = field
        .limits
        .broken(field.words, field.paragraphs)
        .map(|broken| LimitWarning {
            key: field.key.clone(),
            what: broken.what,
            count: broken.count,
            limit: broken.limit,
        })
        .collect();
}

/// One limit a text breaks: "72 words, over the limit of 60".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Broken {
    pub what: &'static str,
    pub count: usize,
    pub limit: usize,
}

impl Limits {
    /// The limits a text of `words` words in `paragraphs` paragraphs breaks, words first: the one
    /// check, for the export's warnings and the report screen's counts alike.
    pub fn broken(&self, words: usize, paragraphs: usize) -> impl Iterator<Item = Broken> {
        [
            ("words", words, self.words),
            ("paragraphs", paragraphs, self.paragraphs),
        ]
        .into_iter()
        .filter_map(|(what, count, limit)| {
            limit
                .filter(|limit| count > *limit)
                .map(|limit| Broken { what, count, limit })
        })
    }
}

/// Words as a reader counts them: runs of non-space holding a letter or a digit ("—" is none).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The paragraphs of a text: separated by blank lines, each with its lines joined by spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut result = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                result.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        result.push(current.join(" "));
    }
    result
}

/// One paragraph per note, in time order, each led by who said it.
fn seed_text(session: &Session, notes: &[&Note]) -> String {
    notes
        .iter()
        .map(|note| attributed(session, note))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A note as a report quotes it: "Speaker: text", or the text alone when nobody had the floor.
pub fn attributed(session: &Session, note: &Note) -> String {
    let text = note.text.trim();
    match note.speaker {
        Some(speaker) => format!("{}: {text}", session.speaker_name(speaker)),
        None => text.to_string(),
    }
}

fn seed_notes(session: &Session, seed: Seed, subject: Subject) -> Vec<&Note> {
    let by_seed = |note: &&Note| match seed {
        Seed::Nothing | Seed::Participation(_) => false,
        Seed::Kind(kind) => note.kind == kind,
        Seed::Audience => matches!(note.speaker, Some(Speaker::Audience | Speaker::Online)),
        Seed::Subject => true,
    };
    let by_subject = |note: &&Note| match subject {
        Subject::Whole | Subject::Item(_) => true,
        Subject::Question(number) => note.is_about(number),
        Subject::Speaker(id) => note.speaker == Some(Speaker::Person(id)),
    };
    // session.notes is kept in time order.
    session
        .notes
        .iter()
        .filter(|n| !n.text.trim().is_empty())
        .filter(by_seed)
        .filter(by_subject)
        .collect()
}
