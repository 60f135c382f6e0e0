//! The keymap is data: one table from chord to action, with a description, read from the
//! embedded `keys.ron` and the user's `keymap.ron` (see `super::user`). Dispatch, the help
//! overlay, the hint bar, the README's key table and every key named in a message or a title
//! ([`Keymap::key_for`]) are all read from it, so none of them can disagree.

use crossterm::event::{KeyCode, KeyEvent};
use serde::{Deserialize, Serialize};

use crate::tui::action::Action;

pub use super::chord::Chord;
use super::{Active, Scope, Where};

/// The default table, as shipped: `rapporteur keys --default` prints it.
pub const DEFAULT_KEYS: &str = include_str!("keys.ron");

/// Where a binding applies. Input goes to the top layer first (see `super::active_layers`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layer {
    /// Everywhere but in overlays, even while text is being typed: these win over the editor.
    Global,
    Editor,
    /// Any text being typed: the note in the editor, or a report field.
    Text,
    Timeline,
    /// The picker, the person form and the search line.
    Overlay,
    Help,
    /// Anywhere on the report screen, even while typing a field; before `Global` there.
    Report,
    /// The list of the report's fields.
    ReportFields,
    /// The text of one field.
    ReportField,
    /// The notes behind a field.
    ReportNotes,
    /// The report's preview, before `Overlay`.
    Preview,
}

impl Layer {
    pub(crate) const ALL: [Layer; 11] = [
        Layer::Global,
        Layer::Editor,
        Layer::Text,
        Layer::Timeline,
        Layer::Report,
        Layer::ReportFields,
        Layer::ReportField,
        Layer::ReportNotes,
        Layer::Preview,
        Layer::Overlay,
        Layer::Help,
    ];

    /// Whether the layer belongs to the focused part of the screen (or the overlay): its hints
    /// come first, before the chords that work all over the screen.
    fn is_focused_part(self) -> bool {
        !matches!(self, Layer::Global | Layer::Report)
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            Layer::Global => "Anywhere, even while typing",
            Layer::Editor => "In the note editor",
            Layer::Text => "In any text being typed: the note, or a report field",
            Layer::Timeline => "In the timeline",
            Layer::Overlay => "In a picker, form or search",
            Layer::Help => "In this help",
            Layer::Report => "On the report screen, even while typing",
            Layer::ReportFields => "In the report's list of fields",
            Layer::ReportField => "In a report field",
            Layer::ReportNotes => "In the notes behind a field",
            Layer::Preview => "In the report preview",
        }
    }
}

/// One entry of the table and one line of the help: one or several chords doing one kind of
/// thing. Its name is what a user's keymap file changes it by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Binding {
    pub name: String,
    pub layer: Layer,
    #[serde(rename = "keys")]
    pub chords: Vec<(Chord, Action)>,
    pub help: String,
    /// The short word for the hint bar, for the bindings worth a place there.
    pub hint: Option<String>,
}

impl Binding {
    /// Whether the hint bar keeps this one when it has to drop some: how to get help, move on,
    /// save and leave.
    pub(crate) fn is_essential(&self) -> bool {
        self.chords.iter().any(|(_, action)| {
            matches!(
                action,
                Action::ToggleHelp
                    | Action::SwitchFocus
                    | Action::Commit
                    | Action::Quit
                    | Action::OverlayAccept
                    | Action::Back
                    | Action::NextPane
                    | Action::SaveField
                    | Action::EditSelected
                    | Action::EditField
            )
        })
    }

    /// The keys for the hint bar: the first of several chords that do the same thing
    /// ("F12" for "F12 / Alt+w"), all of them when they do different things.
    pub(crate) fn short_keys(&self) -> String {
        let same = self.chords.windows(2).all(|w| w[0].1 == w[1].1);
        match self.chords.first() {
            Some((chord, _)) if same && self.chords.len() > 1 => chord.label(),
            _ => self.keys(),
        }
    }

    /// "Alt+1…9", "Alt+r/q/u/t/c", "F2…F10", "Ctrl+q / Ctrl+c": generated from the chords, so
    /// it cannot lie.
    pub(crate) fn keys(&self) -> String {
        let labels: Vec<String> = self.chords.iter().map(|(c, _)| c.label()).collect();
        let first = self.chords.first().map(|(c, _)| c);
        let same_mods = first.is_some_and(|f| self.chords.iter().all(|(c, _)| c.mods == f.mods));
        let chars: Option<Vec<char>> = self
            .chords
            .iter()
            .map(|(c, _)| match c.code {
                KeyCode::Char(ch) => Some(ch),
                _ => None,
            })
            .collect();
        match (labels.as_slice(), chars) {
            ([], _) => String::new(),
            ([one], _) => one.clone(),
            ([first, ..], Some(chars)) if same_mods && chars.len() > 2 => {
                let prefix = first.strip_suffix(chars[0]).unwrap_or(first);
                let digits = chars.iter().all(char::is_ascii_digit);
                if digits {
                    format!("{prefix}{}…{}", chars[0], chars[chars.len() - 1])
                } else {
                    let letters: Vec<String> = chars.iter().map(char::to_string).collect();
                    format!("{prefix}{}", letters.join("/"))
                }
            }
            ([first, .., last], _)
                if labels.len() > 3
                    && self
                        .chords
                        .iter()
                        .all(|(c, _)| matches!(c.code, KeyCode::F(_))) =>
            {
                format!("{first}…{last}")
            }
            (many, _) => many.join(" / "),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The embedded table; a test parses it and checks it for clashes.
    fn default() -> Self {
        match ron::from_str(DEFAULT_KEYS) {
            Ok(bindings) => Keymap { bindings },
            Err(error) => unreachable!("the built-in keys.ron does not parse: {error}"),
        }
    }
}

/// Layers whose keys are meant to hide the same keys further down: under the report's preview,
/// the overlay's Tab and Enter (they do nothing there, as nothing is to be chosen); on the report
/// screen, its own Tab (between its panes, not to the timeline); the help's and the preview's
/// own ways to close.
fn deliberately_hides(upper: Layer, lower: Layer) -> bool {
    matches!(
        (upper, lower),
        (Layer::Overlay, Layer::Report)
            | (Layer::Report, Layer::Global)
            | (Layer::Help | Layer::Preview, Layer::Overlay)
    )
}

impl Keymap {
    /// The action bound to this key in this layer, if any.
    pub(crate) fn lookup(&self, layer: Layer, key: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.layer == layer)
            .flat_map(|b| &b.chords)
            .find(|(chord, _)| chord.matches(key))
            .map(|(_, action)| action.clone())
    }

    pub(crate) fn layer(&self, layer: Layer) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.layer == layer)
    }

    /// "F1 help · Alt+1…9 floor · …" for the active layers: the hints that must never be
    /// dropped first (help, moving on, saving, leaving), then the rest, the focused part's
    /// before the whole screen's. A binding with alternative chords shows only its first.
    pub(crate) fn hints(&self, active: &Active) -> Vec<(String, &str)> {
        let mut layers: Vec<Layer> = active
            .layers
            .iter()
            .filter(|(_, scope)| *scope == Scope::Whole)
            .map(|(layer, _)| *layer)
            .collect();
        // Stable: within each group, the order keys are tried in.
        layers.sort_by_key(|layer| !layer.is_focused_part());
        // A chord bound in an earlier layer hides the same chord further down (Tab on the
        // report screen is its own, not the live screen's).
        let mut seen: Vec<Chord> = Vec::new();
        let mut hinted: Vec<&Binding> = Vec::new();
        for layer in layers {
            let bindings: Vec<&Binding> = self.layer(layer).collect();
            for binding in &bindings {
                let shadowed = binding.chords.iter().all(|(c, _)| seen.contains(c));
                if binding.hint.is_some() && !shadowed {
                    hinted.push(binding);
                }
            }
            seen.extend(
                bindings
                    .iter()
                    .flat_map(|b| b.chords.iter().map(|(c, _)| *c)),
            );
        }
        let (essential, rest): (Vec<&Binding>, Vec<&Binding>) =
            hinted.into_iter().partition(|b| b.is_essential());
        essential
            .into_iter()
            .chain(rest)
            .filter_map(|b| b.hint.as_deref().map(|hint| (b.short_keys(), hint)))
            .collect()
    }

    /// The key that does this, as the help writes it ("F12", "Alt+n"): for messages and titles
    /// that name a key. Where the user's keymap left it without one, says so.
    pub fn key_for(&self, action: &Action) -> String {
        self.key_if_any(action)
            .unwrap_or_else(|| "(no key)".to_string())
    }

    /// The key that does this in one layer, as the help writes it: Esc closes the help, F1
    /// opens it.
    pub(crate) fn key_in(&self, layer: Layer, action: &Action) -> String {
        self.layer(layer)
            .flat_map(|b| &b.chords)
            .find(|(_, a)| a == action)
            .map_or_else(|| "(no key)".to_string(), |(chord, _)| chord.label())
    }

    /// The modifiers of the key that does this ("Alt+" for Alt+1): the roster's title says
    /// "Alt+key floor" and each row shows only its key.
    pub(crate) fn modifiers_for(&self, action: &Action) -> String {
        let label = self.key_for(action);
        let key = Self::key_part(&label).len();
        label[..label.len() - key].to_string()
    }

    /// "1" of "Alt+1", "+" of "Alt++", "Tab" of "Shift+Tab".
    pub(crate) fn key_part(label: &str) -> &str {
        match label.strip_suffix("++") {
            Some(_) => "+",
            None => label.rsplit('+').next().unwrap_or(label),
        }
    }

    /// A layer's title in the help and the README.
    pub(crate) fn title(&self, layer: Layer) -> String {
        match layer {
            Layer::Timeline => format!(
                "In the timeline ({} to go there)",
                self.key_for(&Action::SwitchFocus)
            ),
            other => other.title().to_string(),
        }
    }

    /// The key that does this, if any: for a message that can leave the key out.
    pub(crate) fn key_if_any(&self, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .flat_map(|b| &b.chords)
            .find(|(_, a)| a == action)
            .map(|(chord, _)| chord.label())
    }

    /// Every chord that means two different things somewhere both its layers take keys: a
    /// user's keymap with one is refused, and the built-in one is tested to have none.
    pub(crate) fn clashes(&self) -> Vec<String> {
        let mut found = Vec::new();
        for place in Where::ALL {
            let active = super::layers_in(place).layers;
            for (i, (upper, _)) in active.iter().enumerate() {
                for (lower, scope) in &active[i..] {
                    if deliberately_hides(*upper, *lower) {
                        continue;
                    }
                    for (chord, action) in self.layer(*upper).flat_map(|b| &b.chords) {
                        let clash = self
                            .layer(*lower)
                            .flat_map(|b| &b.chords)
                            .filter(|(c, a)| c == chord && a != action)
                            .find(|(_, a)| *scope != Scope::QuitOnly || *a == Action::Quit);
                        if let Some((_, other)) = clash {
                            let text = format!(
                                "{} is both {action:?} ({}) and {other:?} ({})",
                                chord.label(),
                                upper.title().to_lowercase(),
                                lower.title().to_lowercase()
                            );
                            if !found.contains(&text) {
                                found.push(text);
                            }
                        }
                    }
                }
            }
        }
        found
    }

    /// The key table as Markdown: the README's, checked by a test.
    pub fn markdown(&self) -> String {
        let mut text = String::from(
            "<!-- Generated from src/tui/input/keys.ron; `cargo test` checks it (UPDATE_KEYS=1 rewrites it). -->\n",
        );
        for layer in Layer::ALL {
            text.push_str(&format!(
                "\n### {}\n\n| Keys | Action |\n| --- | --- |\n",
                self.title(layer)
            ));
            for binding in self.layer(layer) {
                text.push_str(&format!(
                    "| {} | {} |\n",
                    binding.keys().replace('|', "\\|"),
                    binding.help
                ));
            }
        }
        text
    }
}

#[cfg(test)]
mod tests;
