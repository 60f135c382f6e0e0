//! A user's keymap file: it rebinds keys entry by entry, and the hint bar, the help, dispatch and
//! `rapporteur keys` all follow it; a bad file is an error with its place, and the built-in keys
//! still work.

mod tui_support;

use std::path::Path;
use std::process::{Command, Output};

use crossterm::event::KeyCode;
use rapporteur::tui::action::Action;
use rapporteur::tui::input::keymap::Keymap;
use rapporteur::tui::input::user;
use tui_support::*;

const SAVE_WITH_CTRL_S: &str = r#"// Enter starts a new line; Ctrl+s saves the note.
[
    (name: "save the note", keys: [("Ctrl+s", Commit)], hint: Some("keep")),
    (name: "new line", keys: [("Enter", Newline)]),
]
"#;

fn keys(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("keys")
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .expect("the rapporteur binary runs")
}

fn write_keymap(config: &Path, text: &str) {
    let dir = config.join("rapporteur");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("keymap.ron"), text).unwrap();
}

#[test]
fn a_rebound_save_shows_in_the_hints_and_the_help_and_works() {
    let keymap = user::merge(Keymap::default(), SAVE_WITH_CTRL_S, Path::new("keymap.ron")).unwrap();
    let mut app = app(mid_way(3), 100, 30);
    app.ui.keymap = keymap;
    let hints = screen(&app);
    let hint_line = hints.lines().last().unwrap();
    assert!(hint_line.contains("Ctrl+s keep"), "{hint_line}");
    assert!(!hint_line.contains("Enter save"), "{hint_line}");
    let mut empty = tui_support::app(roster_only(), 100, 30);
    empty.ui.keymap = app.ui.keymap.clone();
    assert!(
        screen(&empty).contains("Ctrl+s saves the note"),
        "the empty timeline names the key"
    );

    // Enter makes a new line now; Ctrl+s saves the note, with both lines.
    let mut store = Nowhere::default();
    for event in typed("one")
        .into_iter()
        .chain([key(KeyCode::Enter)])
        .chain(typed("two"))
    {
        let action = rapporteur::tui::input::action_for(&app, event).unwrap();
        let effects = rapporteur::tui::update::update(&mut app, action);
        rapporteur::tui::runtime::run_effects(&mut app, &mut store, effects);
    }
    assert_eq!(app.recording.session.notes.len(), 3);
    let save = rapporteur::tui::input::action_for(&app, ctrl('s')).unwrap();
    assert_eq!(save, Action::Commit);
    act(&mut app, save);
    let note = app.recording.session.notes.last().unwrap();
    assert_eq!(note.text, "one\ntwo");

    // Tall enough for the help to reach the editor's keys without scrolling.
    act(&mut app, Action::Resize(100, 40));
    act(&mut app, Action::ToggleHelp);
    let help = screen(&app);
    assert!(help.contains("Ctrl+s"), "{help}");
    assert!(help.contains("save the note"), "{help}");
}

#[test]
fn rapporteur_keys_prints_the_keys_in_effect_and_the_defaults_on_request() {
    let config = tempfile::tempdir().unwrap();
    let defaults = keys(config.path(), &["--default"]);
    assert!(defaults.status.success());
    assert_eq!(
        String::from_utf8(defaults.stdout).unwrap(),
        rapporteur::tui::input::keymap::DEFAULT_KEYS
    );

    write_keymap(config.path(), SAVE_WITH_CTRL_S);
    let effective = keys(config.path(), &[]);
    assert!(effective.status.success(), "{effective:?}");
    let printed = String::from_utf8(effective.stdout).unwrap();
    // What it prints is a keymap file: read back, it is the keymap in effect.
    let read = user::merge(Keymap::default(), &printed, Path::new("printed")).unwrap();
    assert_eq!(read.key_for(&Action::Commit), "Ctrl+s");
    assert_eq!(read.key_for(&Action::Newline), "Enter");

    let table = keys(config.path(), &["--markdown"]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("| Ctrl+s | save the note |"), "{table}");
}

#[test]
fn a_bad_keymap_file_says_where_and_the_built_in_keys_are_used() {
    let config = tempfile::tempdir().unwrap();
    write_keymap(
        config.path(),
        "[\n    (name: \"save the note\", keys: [(\"Ctrl+s\", Commit)]),\n    (name: \"sav\", keys: []),\n]\n",
    );
    let output = keys(config.path(), &[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("rapporteur/keymap.ron:3:12: no entry is called \"sav\""),
        "{stderr}"
    );
    assert!(stderr.contains("the built-in keys are used"), "{stderr}");
    let printed = String::from_utf8(output.stdout).unwrap();
    let read = user::merge(Keymap::default(), &printed, Path::new("printed")).unwrap();
    assert_eq!(read, Keymap::default());
}

/// A terminal may ignore OSC 52: the keys' help and the README say the text is sent to the
/// terminal, never that it is on the clipboard.
#[test]
fn copying_says_sent_to_the_terminal_not_copied_to_the_clipboard() {
    let keymap = Keymap::default();
    let copies: Vec<_> = keymap
        .bindings
        .iter()
        .filter(|b| {
            b.chords
                .iter()
                .any(|(_, a)| matches!(a, Action::CopyField | Action::CopyReport))
        })
        .collect();
    assert_eq!(copies.len(), 2);
    for binding in copies {
        assert!(
            binding.help.contains("sent to the terminal")
                && binding.help.contains("ready to paste"),
            "{}",
            binding.help
        );
    }
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let help_lines = keymap.bindings.iter().map(|b| b.help.to_lowercase());
    for text in help_lines.chain([readme.to_lowercase().replace('\n', " ")]) {
        assert!(!text.contains("to the clipboard"), "{text}");
        assert!(!text.contains("to the system clipboard"), "{text}");
    }
}
