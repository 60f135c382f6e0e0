//! The keymap is data: one table from chord to action, with a description. Dispatch, the help
//! overlay, the hint bar and the README's key table are all read from it, so none of them can disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::model::{NoteKind, Speaker};

use crate::tui::action::{Action, Move, TextEdit};

use super::{Active, Scope};

/// The policy questions with a function key of their own: F2 for question 1 … F10 for 9.
const QUESTION_KEYS: std::ops::RangeInclusive<u8> = 1..=9;

/// The key that toggles a policy question, if it has one; others are toggled with the mouse.
pub fn question_key(number: u8) -> Option<String> {
    QUESTION_KEYS
        .contains(&number)
        .then(|| format!("F{}", u16::from(number) + 1))
}

/// Where a binding applies. Input goes to the top layer first (see `super::input`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    pub const ALL: [Layer; 11] = [
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

    pub fn title(self) -> &'static str {
        match self {
            Layer::Global => "Anywhere, even while typing",
            Layer::Editor => "In the note editor",
            Layer::Text => "In any text being typed: the note, or a report field",
            Layer::Timeline => "In the timeline (Tab to go there)",
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    const fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        Chord { code, mods }
    }

    /// Whether a key event is this chord. A character carries its own shift ('A', '?'), so Shift
    /// is not compared for characters: terminals disagree on reporting it.
    pub fn matches(&self, key: &KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        match (self.code, key.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && self.mods - KeyModifiers::SHIFT == key.modifiers - KeyModifiers::SHIFT
            }
            // Shift+Tab arrives as BackTab, with or without Shift.
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && self.mods == key.modifiers,
        }
    }

    pub fn label(&self) -> String {
        let mut text = String::new();
        for (flag, name) in [
            (KeyModifiers::CONTROL, "Ctrl+"),
            (KeyModifiers::ALT, "Alt+"),
            (KeyModifiers::SHIFT, "Shift+"),
        ] {
            if self.mods.contains(flag) {
                text.push_str(name);
            }
        }
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            // Shift is among the modifiers of the chord already.
            KeyCode::BackTab => "Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        text.push_str(&key);
        text
    }
}

/// One line of the help: one or several chords doing one kind of thing.
#[derive(Debug, Clone)]
pub struct Binding {
    pub layer: Layer,
    pub chords: Vec<(Chord, Action)>,
    pub help: &'static str,
    /// The short word for the hint bar, for the bindings worth a place there.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// Whether the hint bar keeps this one when it has to drop some: how to get help, move on,
    /// save and leave.
    pub fn is_essential(&self) -> bool {
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
    pub fn short_keys(&self) -> String {
        let same = self.chords.windows(2).all(|w| w[0].1 == w[1].1);
        match self.chords.first() {
            Some((chord, _)) if same && self.chords.len() > 1 => chord.label(),
            _ => self.keys(),
        }
    }

    /// "Alt+1…9", "Alt+r/q/u/t/c", "F2…F10", "Ctrl+q / Ctrl+c": generated from the chords, so
    /// it cannot lie.
    pub fn keys(&self) -> String {
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

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn one(
    layer: Layer,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        layer,
        chords: vec![(Chord::new(code, mods), action)],
        help,
        hint,
    }
}

/// The six keys that move through a list, each making the layer's move action.
fn moves(layer: Layer, action: fn(Move) -> Action, help: &'static str) -> Binding {
    let keys = [
        (KeyCode::Up, Move::Up),
        (KeyCode::Down, Move::Down),
        (KeyCode::PageUp, Move::PageUp),
        (KeyCode::PageDown, Move::PageDown),
        (KeyCode::Home, Move::First),
        (KeyCode::End, Move::Last),
    ];
    let chords = keys
        .into_iter()
        .map(|(code, step)| (code, NONE, action(step)))
        .collect();
    many(layer, chords, help, None)
}

fn many(
    layer: Layer,
    chords: Vec<(KeyCode, KeyModifiers, Action)>,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        layer,
        chords: chords
            .into_iter()
            .map(|(code, mods, action)| (Chord::new(code, mods), action))
            .collect(),
        help,
        hint,
    }
}

fn char_code(digit: u8) -> KeyCode {
    KeyCode::Char(char::from(b'0' + digit))
}

impl Default for Keymap {
    fn default() -> Self {
        use KeyCode::*;
        use Layer::*;
        let kind = |c: char, kind: NoteKind| (Char(c), ALT, Action::SetKind(kind));
        let bindings = vec![
            one(
                Global,
                F(1),
                NONE,
                Action::ToggleHelp,
                "show or hide this help",
                Some("help"),
            ),
            many(
                Global,
                vec![
                    (F(12), NONE, Action::SwitchScreen),
                    (Char('w'), ALT, Action::SwitchScreen),
                ],
                "switch between the live screen and the report screen (drafts are saved)",
                Some("report"),
            ),
            many(
                Global,
                (1..=9)
                    .map(|n| (char_code(n), ALT, Action::GiveFloorTo(usize::from(n))))
                    .collect(),
                "give the floor to person 1–9 of the roster: speakers and moderators first, organisers last (while correcting a note: set its speaker)",
                Some("floor"),
            ),
            one(
                Global,
                Char('a'),
                ALT,
                Action::GiveFloor(Speaker::Audience),
                "give the floor to the onsite audience",
                None,
            ),
            one(
                Global,
                Char('o'),
                ALT,
                Action::GiveFloor(Speaker::Online),
                "give the floor to the online audience",
                None,
            ),
            one(
                Global,
                Char('0'),
                ALT,
                Action::CloseFloor,
                "nobody has the floor (a pause)",
                None,
            ),
            one(
                Global,
                Char('s'),
                ALT,
                Action::OpenSpeakerPicker,
                "pick a speaker by name (type to filter)",
                Some("speaker"),
            ),
            many(
                Global,
                QUESTION_KEYS
                    .map(|n| (F(n + 1), NONE, Action::ToggleQuestion(n)))
                    .collect(),
                "tag the notes that follow with policy question 1–9, until pressed again",
                Some("question"),
            ),
            many(
                Global,
                vec![
                    kind('r', NoteKind::Remark),
                    kind('q', NoteKind::Question),
                    kind('u', NoteKind::Quote),
                    kind('t', NoteKind::Takeaway),
                    kind('c', NoteKind::CallToAction),
                ],
                "the next note is a remark, question, quote, takeaway or call to action",
                Some("kind"),
            ),
            one(
                Global,
                Char('g'),
                ALT,
                Action::StartClock,
                "start the session clock",
                None,
            ),
            many(
                Global,
                vec![
                    (Char('n'), ALT, Action::NextSegment),
                    (Char('N'), ALT, Action::PreviousSegment),
                ],
                "move to the next segment of the session's plan (the header shows it), or back one",
                None,
            ),
            one(
                Global,
                Char('p'),
                ALT,
                Action::OpenAddPerson,
                "add a person to the roster",
                None,
            ),
            one(
                Global,
                Char('x'),
                ALT,
                Action::OpenAbsencePicker,
                "mark a person absent, or present again",
                None,
            ),
            one(
                Global,
                Tab,
                NONE,
                Action::SwitchFocus,
                "switch between the editor and the timeline",
                Some("timeline"),
            ),
            many(
                Global,
                vec![
                    (Char('q'), CTRL, Action::Quit),
                    (Char('c'), CTRL, Action::Quit),
                ],
                "quit (everything is already saved)",
                Some("quit"),
            ),
            one(
                Editor,
                Enter,
                NONE,
                Action::Commit,
                "save the note",
                Some("save"),
            ),
            many(
                Editor,
                vec![
                    (Enter, ALT, Action::Newline),
                    (Enter, SHIFT, Action::Newline),
                    (Char('j'), CTRL, Action::Newline),
                ],
                "start a new line in the note",
                None,
            ),
            one(
                Editor,
                Esc,
                NONE,
                Action::Back,
                "stop correcting a note, back to the new one",
                None,
            ),
            many(
                Text,
                vec![
                    (Char('w'), CTRL, Action::EditText(TextEdit::DeleteWordBack)),
                    (Char('u'), CTRL, Action::EditText(TextEdit::DeleteLineBack)),
                    (
                        Char('k'),
                        CTRL,
                        Action::EditText(TextEdit::DeleteLineForward),
                    ),
                ],
                "delete the word or the line before the cursor, or the line after it",
                None,
            ),
            one(
                Text,
                Char('z'),
                CTRL,
                Action::EditText(TextEdit::Undo),
                "undo the last change to the text",
                None,
            ),
            moves(Timeline, Action::Select, "move through the notes"),
            many(
                Timeline,
                vec![
                    (Enter, NONE, Action::EditSelected),
                    (Char('e'), NONE, Action::EditSelected),
                ],
                "correct the selected note in the editor",
                Some("correct"),
            ),
            many(
                Timeline,
                vec![
                    (Char('d'), NONE, Action::DeleteSelected),
                    (Delete, NONE, Action::DeleteSelected),
                ],
                "delete the selected note",
                Some("delete"),
            ),
            one(
                Timeline,
                Char('u'),
                NONE,
                Action::UndoDelete,
                "undo the last deletion",
                Some("undo"),
            ),
            one(
                Timeline,
                Char('/'),
                NONE,
                Action::OpenSearch,
                "search the text of the notes",
                Some("search"),
            ),
            one(
                Timeline,
                Char('s'),
                NONE,
                Action::OpenSpeakerFilter,
                "show only the notes of one speaker",
                None,
            ),
            many(
                Timeline,
                (1..=9)
                    .map(|n| (char_code(n), NONE, Action::ToggleQuestionFilter(n)))
                    .collect(),
                "show only the notes on policy question 1–9",
                None,
            ),
            one(
                Timeline,
                Char('k'),
                NONE,
                Action::CycleKindFilter,
                "show only one kind of note, in turn",
                None,
            ),
            one(
                Timeline,
                Char('c'),
                NONE,
                Action::ClearFilters,
                "show every note again",
                None,
            ),
            one(
                Timeline,
                Char('?'),
                NONE,
                Action::ToggleHelp,
                "show this help",
                None,
            ),
            one(
                Timeline,
                Esc,
                NONE,
                Action::Back,
                "back to the editor",
                None,
            ),
            one(
                Report,
                Tab,
                NONE,
                Action::NextPane,
                "next pane: the fields, the field's text, the notes behind it",
                Some("pane"),
            ),
            one(
                Report,
                Char('s'),
                CTRL,
                Action::SaveField,
                "save the field now (leaving it saves it too)",
                Some("save"),
            ),
            one(
                Report,
                Char('b'),
                ALT,
                Action::ToggleNotes,
                "show or hide the notes behind the field",
                Some("notes"),
            ),
            one(
                Report,
                Char('i'),
                ALT,
                Action::PullNote,
                "pull the selected note, with its speaker, into the field",
                Some("pull"),
            ),
            one(
                Report,
                Char('d'),
                ALT,
                Action::SwitchReport,
                "switch between the short and the final report",
                Some("short/final"),
            ),
            one(
                Report,
                Char('f'),
                ALT,
                Action::CycleFormat,
                "format for preview, export and copy: Markdown, text, HTML, Word (export only)",
                None,
            ),
            one(
                Report,
                Char('v'),
                ALT,
                Action::OpenPreview,
                "preview the whole report",
                Some("preview"),
            ),
            one(
                Report,
                Char('e'),
                ALT,
                Action::ExportReport,
                "export the report to a file beside the session",
                Some("export"),
            ),
            one(
                Report,
                Char('y'),
                ALT,
                Action::CopyField,
                "copy the field to the clipboard (OSC 52)",
                Some("copy"),
            ),
            one(
                Report,
                Char('m'),
                ALT,
                Action::CopyReport,
                "copy the whole report to the clipboard (OSC 52)",
                None,
            ),
            moves(ReportFields, Action::ReportMove, "move through the fields"),
            many(
                ReportFields,
                vec![
                    (Enter, NONE, Action::EditField),
                    (Char('e'), NONE, Action::EditField),
                ],
                "edit the selected field",
                Some("edit"),
            ),
            one(
                ReportFields,
                Esc,
                NONE,
                Action::Back,
                "back to the live screen",
                None,
            ),
            one(
                ReportField,
                Esc,
                NONE,
                Action::Back,
                "leave the field (it is saved)",
                Some("done"),
            ),
            moves(ReportNotes, Action::ReportMove, "move through the notes"),
            one(
                ReportNotes,
                Enter,
                NONE,
                Action::PullNote,
                "pull the selected note into the field",
                Some("pull"),
            ),
            one(
                ReportNotes,
                Esc,
                NONE,
                Action::Back,
                "back to the field's text",
                None,
            ),
            many(
                Preview,
                vec![
                    (PageUp, NONE, Action::OverlayMove(Move::PageUp)),
                    (PageDown, NONE, Action::OverlayMove(Move::PageDown)),
                    (Home, NONE, Action::OverlayMove(Move::First)),
                    (End, NONE, Action::OverlayMove(Move::Last)),
                ],
                "scroll the report by pages, or to its start or end",
                Some("scroll"),
            ),
            many(
                Preview,
                vec![
                    (Esc, NONE, Action::Back),
                    (Char('v'), ALT, Action::OpenPreview),
                ],
                "close the preview",
                Some("close"),
            ),
            many(
                Overlay,
                vec![
                    (Up, NONE, Action::OverlayMove(Move::Up)),
                    (Down, NONE, Action::OverlayMove(Move::Down)),
                ],
                "move through the choices",
                None,
            ),
            one(
                Overlay,
                Enter,
                NONE,
                Action::OverlayAccept,
                "choose, or save the form",
                Some("choose"),
            ),
            many(
                Overlay,
                vec![
                    (Tab, NONE, Action::OverlayNextField),
                    (BackTab, SHIFT, Action::OverlayPreviousField),
                ],
                "next or previous field; ←/→ change a listed field",
                None,
            ),
            one(
                Overlay,
                Esc,
                NONE,
                Action::Back,
                "close without choosing",
                Some("close"),
            ),
            many(
                Help,
                vec![
                    (Esc, NONE, Action::ToggleHelp),
                    (F(1), NONE, Action::ToggleHelp),
                    (Char('?'), NONE, Action::ToggleHelp),
                    (Char('q'), NONE, Action::ToggleHelp),
                ],
                "close the help",
                Some("close"),
            ),
        ];
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action bound to this key in this layer, if any.
    pub fn lookup(&self, layer: Layer, key: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.layer == layer)
            .flat_map(|b| &b.chords)
            .find(|(chord, _)| chord.matches(key))
            .map(|(_, action)| action.clone())
    }

    pub fn layer(&self, layer: Layer) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.layer == layer)
    }

    /// "F1 help · Alt+1…9 floor · …" for the active layers: the hints that must never be
    /// dropped first (help, moving on, saving, leaving), then the rest, the focused part's
    /// before the whole screen's. A binding with alternative chords shows only its first.
    pub fn hints(&self, active: &Active) -> Vec<(String, &'static str)> {
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
            .filter_map(|b| b.hint.map(|hint| (b.short_keys(), hint)))
            .collect()
    }

    /// The key table as Markdown: the README's, checked by a test.
    pub fn markdown(&self) -> String {
        let mut text = String::from(
            "<!-- Generated from src/tui/keymap.rs; `cargo test` checks it (UPDATE_KEYS=1 rewrites it). -->\n",
        );
        for layer in Layer::ALL {
            text.push_str(&format!(
                "\n### {}\n\n| Keys | Action |\n| --- | --- |\n",
                layer.title()
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
        use crate::tui::overlay::{Overlay, picker, preview};
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
            ("form", |_| Overlay::AddPerson(Box::default())),
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
    fn no_chord_means_two_things_where_both_layers_are_active() {
        let keymap = Keymap::default();
        for (state, app) in every_state() {
            let active = crate::tui::input::active_layers(&app).layers;
            for (i, (upper, _)) in active.iter().enumerate() {
                for (lower, scope) in &active[i..] {
                    for (chord, action) in keymap.layer(*upper).flat_map(|b| &b.chords) {
                        let clashes: Vec<&Action> = keymap
                            .layer(*lower)
                            .flat_map(|b| &b.chords)
                            .filter(|(c, a)| c == chord && a != action)
                            .filter(|(_, a)| *scope != Scope::QuitOnly || *a == Action::Quit)
                            .map(|(_, a)| a)
                            .collect();
                        // Meant: under the report's preview, the overlay's Tab and Enter hide the
                        // report's (they do nothing there, as nothing is to be chosen); on the
                        // report screen, Tab moves between its panes, not to the timeline; the help
                        // and the preview close with their own keys.
                        let meant = matches!(
                            (*upper, *lower),
                            (Layer::Overlay, Layer::Report)
                                | (Layer::Report, Layer::Global)
                                | (Layer::Help | Layer::Preview, Layer::Overlay)
                        );
                        assert!(
                            clashes.is_empty() || meant,
                            "{} in {state}: {upper:?} {action:?} and {lower:?} {clashes:?}",
                            chord.label()
                        );
                    }
                }
            }
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
                    .find(|b| b.short_keys() == keys && b.hint == Some(word))
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
        let floor = keymap
            .bindings
            .iter()
            .find(|b| b.help.starts_with("give the floor to person"))
            .unwrap();
        assert_eq!(floor.keys(), "Alt+1…9");
    }
}
