//! One pass over the lines of a proposal: each line goes to the part of the session it belongs
//! to, by its heading, its own shape, or the place it has on the page.

use crate::model::{Section, Session, fold};

use super::date_line;
use super::headings::{self, Heading, Slot};
use super::lines::{self, Line};
use super::people::{self, Roster};
use super::questions;
use super::roles::{self, Item};
use super::schedule;
use super::sdgs;
use super::{ImportError, ImportWarning};

mod page;
mod particulars;

/// Where the lines being read go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Between the title and the roster.
    Header,
    Roster,
    Questions,
    Sdgs,
    Outcomes,
    /// Under a "Format" heading: the next line is the format.
    Format,
    Duration,
    /// Appending to this section.
    Section(usize),
    /// Text without a heading.
    Loose,
}

struct Reader {
    gap: usize,
    session: Session,
    warnings: Vec<ImportWarning>,
    place: Place,
    roster: Vec<Item>,
    question_lines: Vec<Line>,
    questions_heading: Option<usize>,
    /// Whether the page has a "Policy Question(s)" heading anywhere; a page with none may still
    /// list its questions, numbered.
    questions_headed: bool,
    /// Lines read since the last heading: blank lines right under a heading are no lost heading.
    since_heading: usize,
    /// The date line as the page gave it, once seen.
    date_text: Option<String>,
    format_line: Option<usize>,
}

pub(crate) fn read(text: &str) -> Result<(Session, Vec<ImportWarning>), ImportError> {
    let lines = lines::split(text);
    let mut reader = Reader {
        gap: lines::lost_heading_gap(&lines),
        session: Session::default(),
        warnings: Vec::new(),
        place: Place::Header,
        roster: Vec::new(),
        question_lines: Vec::new(),
        questions_heading: None,
        questions_headed: lines.iter().any(|l| is_questions_heading(&l.text)),
        since_heading: 0,
        date_text: None,
        format_line: None,
    };
    for (index, raw) in text.lines().enumerate() {
        if raw.contains(lines::is_stray_control) {
            reader.warn(
                index + 1,
                "control characters (such as ESC or BEL) removed from this line",
            );
        }
    }
    let Some(top) = reader.title(&lines) else {
        reader.warn(1, "the text is empty; nothing to import");
        return Ok((reader.session, reader.warnings));
    };
    let mut lines = lines;
    let again = page::starts_over(&mut lines, &top);
    let end = again.as_ref().map_or(lines.len(), |again| again.at);
    for line in lines.get(top.body..end).unwrap_or_default() {
        reader.line(line);
    }
    if let Some(again) = &again {
        reader.keep_repeat(lines.get(again.at..).unwrap_or_default(), again);
    }
    reader.finish(lines.first().map_or(1, |l| l.number))?;
    Ok((reader.session, reader.warnings))
}

impl Reader {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ImportWarning::new(line, message));
    }

    fn line(&mut self, line: &Line) {
        let text = line.text.as_str();
        // Under the policy questions a numbered list may be spaced out, but stays a list.
        let list_goes_on = self.place == Place::Questions
            && questions::strip_marker(text).is_some()
            && self
                .question_lines
                .last()
                .is_some_and(|last| questions::strip_marker(&last.text).is_some());
        let lost_heading =
            line.blanks_before >= self.gap && self.since_heading > 0 && !list_goes_on;
        self.since_heading += 1;
        if lost_heading
            && matches!(
                self.place,
                Place::Questions | Place::Outcomes | Place::Section(_) | Place::Sdgs | Place::Loose
            )
        {
            self.place = Place::Loose;
        }

        if let Some((slot, rest)) = is_numbered_role(text) {
            self.roster.push(Item::Numbered {
                slot,
                line: line.number,
                text: rest.to_string(),
            });
            self.place = Place::Roster;
            return;
        }
        if matches!(self.place, Place::Header | Place::Roster)
            && date_line::looks_like_date_line(text)
        {
            match &self.date_text {
                None => self.date(line),
                Some(first) if first == text => {
                    self.warn(line.number, "the date line again; read once");
                }
                Some(_) => self.loose(line),
            }
            return;
        }
        let generic = !matches!(self.place, Place::Roster | Place::Questions);
        if let Some(heading) = headings::standalone(text, generic) {
            self.heading(heading, None, line);
            return;
        }
        if let Some((heading, rest)) = headings::inline(text, generic) {
            self.heading(heading, Some(rest), line);
            return;
        }
        // Once the format is known, a line of its shape is a second format line (a page pasted
        // twice repeats it), never a person.
        let format_expected = self.place == Place::Format || self.session.info.format.is_none();
        if let Some((format, minutes)) = schedule::format_line(text)
            && (format_expected || matches!(self.place, Place::Header | Place::Roster))
        {
            self.format(line.number, format, minutes);
            return;
        }
        if !self.questions_headed
            && self.questions_heading.is_none()
            && !matches!(self.place, Place::Roster | Place::Sdgs)
            && is_numbered_question(text)
            && !sdgs::is_goal(text)
        {
            self.warn(
                line.number,
                "policy questions without a heading, read from their numbered form",
            );
            self.questions_heading = Some(line.number);
            self.place = Place::Questions;
            self.since_heading = 1;
            self.question_lines.push(line.clone());
            return;
        }
        if sdgs::is_goal(text) || (self.place == Place::Sdgs && sdgs::is_goal_reference(text)) {
            self.session.info.sdgs.push(text.to_string());
            self.place = Place::Sdgs;
            return;
        }
        match self.place {
            Place::Roster if people::looks_like_entry(text) => {
                self.roster.push(Item::Bare {
                    line: line.number,
                    text: text.to_string(),
                    blanks_before: line.blanks_before,
                });
            }
            Place::Questions => self.question_lines.push(line.clone()),
            Place::Format => {
                // Under its heading a line is the format even if we do not know the word.
                self.format(line.number, text.to_string(), None);
            }
            Place::Duration => {
                self.duration(line.number, text);
                self.place = Place::Loose;
            }
            Place::Outcomes => {
                let outcomes = self.session.info.expected_outcomes.get_or_insert_default();
                append(outcomes, text, line.blanks_before);
            }
            Place::Section(index) => {
                if let Some(section) = self.session.info.sections.get_mut(index) {
                    append(&mut section.text, text, line.blanks_before);
                }
            }
            Place::Header | Place::Roster | Place::Loose | Place::Sdgs => self.loose(line),
        }
    }

    /// Text under no heading is kept in "Description", the part of a page that has none on some
    /// pages and loses it on others; the rapporteur is told, since it may belong elsewhere.
    fn loose(&mut self, line: &Line) {
        let index = self.description();
        if self.place != Place::Section(index) {
            let what = match self.place {
                Place::Roster => "a line in the roster that is not a person",
                Place::Header => "a line before the roster",
                _ => "text without a heading",
            };
            self.warnings.push(ImportWarning::new(
                line.number,
                format!("{what}; kept in the section \"Description\""),
            ));
        }
        if let Some(section) = self.session.info.sections.get_mut(index) {
            append(&mut section.text, &line.text, line.blanks_before.max(1));
        }
        self.place = Place::Section(index);
    }

    /// The index of the "Description" section, made if the page has none yet.
    fn description(&mut self) -> usize {
        let sections = &mut self.session.info.sections;
        match sections.iter().position(|s| s.heading == "Description") {
            Some(index) => index,
            None => {
                sections.push(Section {
                    heading: "Description".into(),
                    text: String::new(),
                });
                sections.len() - 1
            }
        }
    }

    fn heading(&mut self, heading: Heading, rest: Option<String>, line: &Line) {
        // Text inline with the heading is already a line under it.
        self.since_heading = usize::from(rest.is_some());
        match heading {
            Heading::Roster(slot) => {
                self.roster.push(Item::Heading(slot));
                self.place = Place::Roster;
                if let Some(rest) = rest {
                    self.roster.push(Item::Bare {
                        line: line.number,
                        text: rest,
                        blanks_before: 0,
                    });
                }
            }
            Heading::PolicyQuestions => {
                self.place = Place::Questions;
                self.questions_heading = Some(line.number);
                if let Some(rest) = rest {
                    self.question_lines.push(Line {
                        text: rest,
                        ..line.clone()
                    });
                }
            }
            Heading::Sdgs => {
                self.place = Place::Sdgs;
                self.session.info.sdgs.extend(rest);
            }
            Heading::ExpectedOutcomes => {
                self.place = Place::Outcomes;
                if let Some(rest) = rest {
                    let outcomes = self.session.info.expected_outcomes.get_or_insert_default();
                    append(outcomes, &rest, 1);
                }
            }
            Heading::Format => match rest {
                Some(rest) => {
                    let (format, minutes) = schedule::format_line(&rest).unwrap_or((rest, None));
                    self.format(line.number, format, minutes);
                }
                None => self.place = Place::Format,
            },
            Heading::Duration => match rest {
                Some(rest) => self.duration(line.number, &rest),
                None => self.place = Place::Duration,
            },
            Heading::Other(name) => {
                // A heading seen twice (or "Description" after unheaded text) adds to its section.
                let sections = &mut self.session.info.sections;
                let index = match sections
                    .iter()
                    .position(|s| fold(&s.heading) == fold(&name))
                {
                    Some(index) => index,
                    None => {
                        sections.push(Section {
                            heading: name,
                            text: String::new(),
                        });
                        sections.len() - 1
                    }
                };
                if let (Some(section), Some(rest)) = (sections.get_mut(index), rest) {
                    append(&mut section.text, &rest, 1);
                }
                self.place = Place::Section(index);
            }
        }
    }

    fn finish(&mut self, first_line: usize) -> Result<(), ImportError> {
        let mut roster = Roster::default();
        for placed in roles::place(&self.roster, self.gap) {
            let entry = people::entry(&placed.text);
            if placed.inferred
                && let Some(name) = &entry.name
            {
                self.warn(
                    placed.line,
                    format!(
                        "no heading says what {name} does; read as {} from the order of the page",
                        placed.slot.describe()
                    ),
                );
            }
            roster.add(entry, placed.slot.role(), placed.line, &mut self.warnings);
        }
        self.session.people = roster.people;
        let parsed = questions::parse(&self.question_lines).map_err(|too_many| {
            ImportError::TooManyQuestions {
                path: None,
                line: self.questions_heading.unwrap_or(first_line),
                count: too_many.count,
            }
        })?;
        self.session.questions = parsed.questions;
        if let Some(first) = parsed.prose.first() {
            self.warn(
                first.number,
                "prose among the policy questions, not a question; kept in the section \"Description\"",
            );
        }
        for line in &parsed.prose {
            let index = self.description();
            if let Some(section) = self.session.info.sections.get_mut(index) {
                append(&mut section.text, &line.text, line.blanks_before.max(1));
            }
        }

        let info = &self.session.info;
        let mut missing = Vec::new();
        if self.date_text.is_none() {
            missing.push((first_line, "no date and time line found"));
        }
        if info.format.is_none() {
            missing.push((
                first_line,
                "no format line (like \"Round Table - 90 Min\") found",
            ));
        }
        if self.session.people.is_empty() {
            missing.push((first_line, "no people found on the page"));
        }
        match (self.questions_heading, self.session.questions.is_empty()) {
            (Some(at), true) => missing.push((at, "no policy questions under this heading")),
            (None, _) => missing.push((first_line, "no \"Policy Question(s)\" heading found")),
            _ => {}
        }
        for (line, message) in missing {
            self.warn(line, message);
        }
        self.warnings.sort_by_key(|w| w.line);
        Ok(())
    }
}

fn is_questions_heading(text: &str) -> bool {
    matches!(
        headings::standalone(text, false),
        Some(Heading::PolicyQuestions)
    ) || matches!(
        headings::inline(text, false),
        Some((Heading::PolicyQuestions, _))
    )
}

/// "1. Access: How do we connect everyone?": a numbered item that asks.
fn is_numbered_question(text: &str) -> bool {
    text.trim_start_matches('(')
        .starts_with(|c: char| c.is_ascii_digit())
        && questions::strip_marker(text).is_some_and(|rest| rest.ends_with('?'))
}

/// "Organizer 1: ...", "Speaker 2: ...": the place and what follows the colon.
fn is_numbered_role(text: &str) -> Option<(Slot, &str)> {
    let (label, rest) = text.split_once(':')?;
    let word = label.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    if word.len() == label.len() {
        return None;
    }
    let slot = match crate::model::fold(word).as_str() {
        "organizer" | "organiser" | "co-organizer" | "co-organiser" => Slot::Organizer,
        "speaker" | "panelist" | "panellist" => Slot::Speaker,
        _ => return None,
    };
    Some((slot, rest.trim()))
}

/// Paragraphs of a section: lines that were apart on the page stay apart.
fn append(target: &mut String, text: &str, blanks_before: usize) {
    if !target.is_empty() {
        target.push_str(if blanks_before > 0 { "\n\n" } else { "\n" });
    }
    target.push_str(text);
}
