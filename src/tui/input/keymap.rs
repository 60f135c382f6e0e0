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
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn app_chords_are_found_in_their_layer() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.lookup(Layer::Global, &key(KeyCode::Char('3'), ALT)),
            Some(Action::GiveFloorTo(3))
        );
        assert_eq!(
            keymap.lookup(Layer::Global, &key(KeyCode::F(2), NONE)),
            Some(Action::ToggleQuestion(1))
        );
        assert_eq!(
            keymap.lookup(Layer::Global, &key(KeyCode::Char('3'), NONE)),
            None
        );
        assert_eq!(
            keymap.lookup(Layer::Editor, &key(KeyCode::Enter, ALT)),
            Some(Action::Newline)
        );
        // Some terminals report Shift with a shifted character, some do not.
        assert_eq!(
            keymap.lookup(Layer::Timeline, &key(KeyCode::Char('?'), SHIFT)),
            Some(Action::ToggleHelp)
        );
    }

    /// Every state the app can be in, as far as keys are concerned.
    fn every_state() -> Vec<(String, crate::tui::App)> {
        use crate::tui::app::Screen;
        use crate::tui::live::Focus;
        use crate::tui::overlay::{Overlay, form, picker, preview};
        use crate::tui::report::Pane;
        let fresh = || {
            crate::tui::App::new(
                crate::model::Session::default(),
                crate::tui::Moment::now(),
                crate::tui::widgets::theme::Theme { color: false },
            )
        };
        let mut states = Vec::new();
        for focus in [Focus::Editor, Focus::Timeline] {
            let mut app = fresh();
            app.ui.focus = focus;
            states.push((format!("live {focus:?}"), app));
        }
        for pane in [Pane::Fields, Pane::Field, Pane::Notes] {
            let mut app = fresh();
            app.ui.screen = Screen::Report;
            app.ui.drafting.pane = pane;
            states.push((format!("report {pane:?}"), app));
        }
        type MakeOverlay = fn(&crate::model::Session) -> Overlay;
        let overlays: Vec<(&str, MakeOverlay)> = vec![
            ("help", |_| Overlay::Help { scroll: 0 }),
            ("preview", |_| {
                Overlay::Preview(preview::Preview::new(
                    crate::report::Report::Short,
                    crate::report::Format::Markdown,
                ))
            }),
            ("picker", |s| {
                Overlay::Picker(picker::Picker::new(picker::Purpose::Floor, s))
            }),
            ("form", |_| {
                Overlay::Form(Box::new(form::Form::add_person()))
            }),
            ("search", |_| {
                Overlay::Search(crate::tui::widgets::textarea::new_textarea(""))
            }),
        ];
        for (name, overlay) in overlays {
            let mut app = fresh();
            app.ui.overlay = Some(overlay(&app.recording.session));
            states.push((name.to_string(), app));
        }
        states
    }

    #[test]
    fn no_chord_means_two_things_where_both_its_layers_take_keys() {
        assert_eq!(Keymap::default().clashes(), Vec::<String>::new());
        // Alt+w already switches screens wherever the editor takes keys.
        let mut keymap = Keymap::default();
        let save = keymap
            .bindings
            .iter_mut()
            .find(|b| b.name == "save the note")
            .unwrap();
        save.chords = vec![("Alt+w".parse().unwrap(), Action::Commit)];
        let clashes = keymap.clashes();
        assert!(
            clashes.iter().any(|c| c.starts_with("Alt+w is both")),
            "{clashes:?}"
        );
    }

    /// A terminal sends Alt+O as ESC O and Alt+[ as ESC [, which begin its escape sequences
    /// (SS3, CSI): the app never sees the chord, and the key after it is read as part of one.
    #[test]
    fn no_default_chord_is_the_start_of_an_escape_sequence() {
        let keymap = Keymap::default();
        let chords = keymap.bindings.iter().flat_map(|b| &b.chords);
        for (chord, action) in chords {
            let escape = matches!(chord.code, KeyCode::Char('O' | '['));
            assert!(
                !(escape && chord.mods.contains(KeyModifiers::ALT)),
                "{action:?}"
            );
        }
    }

    #[test]
    fn the_hint_bar_names_only_keys_that_work_there() {
        for (state, app) in every_state() {
            let hints = app.ui.keymap.hints(&crate::tui::input::active_layers(&app));
            assert!(!hints.is_empty(), "{state}");
            let active = crate::tui::input::active_layers(&app);
            for (keys, word) in hints {
                let binding = active
                    .layers
                    .iter()
                    .flat_map(|(layer, _)| app.ui.keymap.layer(*layer))
                    .find(|b| b.short_keys() == keys && b.hint.as_deref() == Some(word))
                    .unwrap();
                let (chord, action) = &binding.chords[0];
                let event = KeyEvent::new(chord.code, chord.mods);
                assert_eq!(
                    crate::tui::input::action_for(&app, crossterm::event::Event::Key(event)),
                    Some(action.clone()),
                    "{keys} {word} in {state}"
                );
            }
        }
    }

    #[test]
    fn labels_are_generated_from_the_chords() {
        let keymap = Keymap::default();
        let floor = keymap.bindings.iter().find(|b| b.name == "floor").unwrap();
        assert_eq!(floor.keys(), "Alt+1…9");
    }
}
