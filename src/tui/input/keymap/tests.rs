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
