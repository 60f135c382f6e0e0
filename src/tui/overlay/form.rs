//! The forms over the screens: a person added on the spot (name, affiliation, stakeholder group,
//! region, gender, role) and the participation figures the final report asks for. Each field is
//! free text or a listed one stepped with ←/→; what the fields mean, and whether they hold
//! together, is the model's to say.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::model::{
    Gender, Participation, Person, PersonId, RegionalGroup, Role, StakeholderGroup,
};

use crate::tui::action::Action;
use crate::tui::input::keymap::{Keymap, Layer};
use crate::tui::layout::centered;
use crate::tui::widgets::text::{pad, width};
use crate::tui::widgets::textarea::new_textarea;
use crate::tui::widgets::theme::Theme;

/// What a form is for: its fields, and what accepting it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    AddPerson,
    Participation,
}

pub struct Field {
    pub label: &'static str,
    pub text: TextArea<'static>,
    /// The words a listed field takes (besides blank), stepped with ←/→.
    pub choices: Option<Vec<&'static str>>,
    /// What it held when the form opened.
    pub given: String,
}

impl Field {
    fn new(label: &'static str, text: &str, choices: Option<Vec<&'static str>>) -> Field {
        Field {
            label,
            text: new_textarea(text),
            choices,
            given: text.to_string(),
        }
    }
}

pub struct Form {
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Option<Vec<&'static str>> {
    Some(all.iter().map(|v| label(*v)).collect())
}

impl Form {
    fn new(purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            purpose,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn add_person() -> Form {
        Form::new(
            Purpose::AddPerson,
            vec![
                Field::new("Name", "", None),
                Field::new("Affiliation", "", None),
                Field::new(
                    "Stakeholder",
                    "",
                    labels(StakeholderGroup::ALL, |v| v.label()),
                ),
                Field::new("Region", "", labels(RegionalGroup::ALL, |v| v.label())),
                // Never guessed from a name: blank unless the rapporteur records it.
                Field::new("Gender", "", labels(Gender::ALL, |v| v.label())),
                Field::new("Role", "", labels(Role::ALL, |v| v.label())),
            ],
        )
    }

    /// The figures given so far, to be completed or corrected.
    pub fn participation(given: &Participation) -> Form {
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let discussed = match given.gender_discussed {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        Form::new(
            Purpose::Participation,
            vec![
                Field::new("Onsite", &count(given.onsite), None),
                Field::new("Online", &count(given.online), None),
                Field::new("Women", &count(given.women), None),
                Field::new("Gender-diverse", &count(given.gender_diverse), None),
                Field::new("Gender discussed", discussed, Some(vec!["yes", "no"])),
                Field::new(
                    "Gender notes",
                    given.gender_notes.as_deref().unwrap_or(""),
                    None,
                ),
            ],
        )
    }

    pub fn value(&self, field: usize) -> String {
        self.fields
            .get(field)
            .map(|f| f.text.lines().join(" ").trim().to_string())
            .unwrap_or_default()
    }

    /// Steps a listed field through its words (←/→); returns false for a free-text field.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(choices) = self.fields.get(self.focus).and_then(|f| f.choices.clone()) else {
            return false;
        };
        let current = self.value(self.focus);
        let n = choices.len() + 1; // and blank
        let at = choices
            .iter()
            .position(|c| *c == current)
            .map_or(0, |i| i + 1);
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        let text = if next == 0 { "" } else { choices[next - 1] };
        self.fields[self.focus].text = new_textarea(text);
        true
    }

    /// The person the form describes; the roster gives them their id.
    pub fn person(&self) -> Result<Person, String> {
        let name = self.value(0);
        if name.is_empty() {
            return Err("a name is needed".into());
        }
        let mut person = Person::new(PersonId(0), name);
        let affiliation = self.value(1);
        person.affiliation = (!affiliation.is_empty()).then_some(affiliation);
        let word = |field: usize| Some(self.value(field)).filter(|v| !v.is_empty());
        if let Some(group) = word(2) {
            person.stakeholder = Some(group.parse().map_err(|e| format!("{e}"))?);
        }
        if let Some(region) = word(3) {
            person.region = Some(region.parse().map_err(|e| format!("{e}"))?);
        }
        if let Some(gender) = word(4) {
            person.gender = Some(gender.parse().map_err(|e| format!("{e}"))?);
        }
        if let Some(role) = word(5) {
            person.add_role(role.parse().map_err(|e| format!("{e}"))?);
        }
        Ok(person)
    }

    /// The figures as typed, read by the model as the command line's are; the model checks them
    /// together when they are recorded. A figure given before cannot be blanked, as the journal
    /// can only correct it.
    pub fn participation_given(&self) -> Result<Participation, String> {
        if let Some(field) = self
            .fields
            .iter()
            .enumerate()
            .find(|(i, f)| !f.given.is_empty() && self.value(*i).is_empty())
            .map(|(_, f)| f)
        {
            return Err(format!(
                "{}: a figure given cannot be taken back, only corrected",
                field.label
            ));
        }
        let given = |field: usize| Some(self.value(field)).filter(|v| !v.is_empty());
        let count = |field: usize| {
            given(field)
                .map(|text| Participation::parse_count(&text))
                .transpose()
                .map_err(|e| format!("{}: {e}", self.fields[field].label))
        };
        Ok(Participation {
            onsite: count(0)?,
            online: count(1)?,
            women: count(2)?,
            gender_diverse: count(3)?,
            gender_discussed: given(4)
                .map(|text| Participation::parse_yes_no(&text))
                .transpose()
                .map_err(|e| format!("{}: {e}", self.fields[4].label))?,
            gender_notes: given(5),
        })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let (title, accept) = match self.purpose {
            Purpose::AddPerson => (" Add a person ", "add"),
            Purpose::Participation => (" Participation figures ", "save"),
        };
        // Room for a long error (the model's are whole sentences), wrapped.
        let error_rows = self
            .error
            .as_deref()
            .map_or(1, |e| width(e).div_ceil(54).max(1));
        let rows = self.fields.len() + 3 + error_rows;
        let area = centered(area, 64, u16::try_from(rows).unwrap_or(u16::MAX));
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focused_border())
            .title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let label_columns = self
            .fields
            .iter()
            .map(|f| width(f.label))
            .max()
            .unwrap_or(0)
            + 1;
        let mut lines: Vec<Line> = self
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let focused = i == self.focus;
                let marker = if focused { "▸ " } else { "  " };
                let mut spans = vec![
                    Span::styled(
                        format!("{marker}{}", pad(field.label, label_columns)),
                        theme.key(),
                    ),
                    Span::raw(self.value(i)),
                ];
                if focused {
                    spans.push(Span::styled("▏", theme.key()));
                    if field.choices.is_some() {
                        spans.push(Span::styled("  ←/→ choose", theme.dim()));
                    }
                }
                Line::from(spans)
            })
            .collect();
        lines.push(Line::default());
        lines.push(match &self.error {
            Some(error) => Line::from(Span::styled(error.clone(), theme.error())),
            None => Line::from(Span::styled(
                format!(
                    "{} next field · {} {accept} · {} cancel",
                    keymap.key_in(Layer::Overlay, &Action::OverlayNextField),
                    keymap.key_in(Layer::Overlay, &Action::OverlayAccept),
                    keymap.key_in(Layer::Overlay, &Action::Back)
                ),
                theme.dim(),
            )),
        });
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
