//! Adding a person on the spot: name, affiliation, stakeholder group, region and role.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::model::{Person, PersonId, RegionalGroup, Role, StakeholderGroup};

use crate::tui::action::Action;
use crate::tui::input::keymap::{Keymap, Layer};
use crate::tui::layout::centered;
use crate::tui::widgets::text::pad;
use crate::tui::widgets::textarea::new_textarea;
use crate::tui::widgets::theme::Theme;

pub const LABELS: [&str; 5] = ["Name", "Affiliation", "Stakeholder", "Region", "Role"];

pub struct PersonForm {
    pub fields: [TextArea<'static>; 5],
    pub focus: usize,
    pub error: Option<String>,
}

impl Default for PersonForm {
    fn default() -> Self {
        PersonForm {
            fields: std::array::from_fn(|_| new_textarea("")),
            focus: 0,
            error: None,
        }
    }
}

impl PersonForm {
    pub fn value(&self, field: usize) -> String {
        self.fields[field].lines().join(" ").trim().to_string()
    }

    /// The words a listed field takes, if it is one.
    fn choices(field: usize) -> Option<Vec<&'static str>> {
        match field {
            2 => Some(StakeholderGroup::ALL.iter().map(|v| v.label()).collect()),
            3 => Some(RegionalGroup::ALL.iter().map(|v| v.label()).collect()),
            4 => Some(Role::ALL.iter().map(|v| v.label()).collect()),
            _ => None,
        }
    }

    /// Steps a listed field through its words (←/→); returns false for a free-text field.
    pub fn cycle(&mut self, forward: bool) -> bool {
        let Some(choices) = Self::choices(self.focus) else {
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
        self.fields[self.focus] = new_textarea(text);
        true
    }

    /// The person the form describes, or what is wrong with it.
    /// The person the form describes; the roster gives them their id.
    pub fn person(&self) -> Result<Person, String> {
        let name = self.value(0);
        if name.is_empty() {
            return Err("a name is needed".into());
        }
        let mut person = Person::new(PersonId(0), name);
        let affiliation = self.value(1);
        person.affiliation = (!affiliation.is_empty()).then_some(affiliation);
        let stakeholder = self.value(2);
        if !stakeholder.is_empty() {
            person.stakeholder = Some(stakeholder.parse().map_err(|e| format!("{e}"))?);
        }
        let region = self.value(3);
        if !region.is_empty() {
            person.region = Some(region.parse().map_err(|e| format!("{e}"))?);
        }
        let role = self.value(4);
        if !role.is_empty() {
            person.add_role(role.parse().map_err(|e| format!("{e}"))?);
        }
        Ok(person)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let area = centered(area, 64, 10);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focused_border())
            .title(Span::styled(" Add a person ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines: Vec<Line> = LABELS
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let focused = i == self.focus;
                let marker = if focused { "▸ " } else { "  " };
                let mut spans = vec![
                    Span::styled(format!("{marker}{}", pad(label, 12)), theme.key()),
                    Span::raw(self.value(i)),
                ];
                if focused {
                    spans.push(Span::styled("▏", theme.key()));
                    if Self::choices(i).is_some() {
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
                    "{} next field · {} add · {} cancel",
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
