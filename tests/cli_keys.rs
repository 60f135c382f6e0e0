//! `rapporteur keys`: it prints the keys in effect (the built-in ones merged with the user's
//! keymap file) as a keymap file, or the defaults on request; a bad file is an error with its
//! place, and the built-in keys are printed instead.

use std::path::Path;
use std::process::{Command, Output};

use rapporteur::tui::action::Action;
use rapporteur::tui::input::keymap::Keymap;
use rapporteur::tui::input::user;

/// Enter starts a new line; Ctrl+s saves the note (the TUI's own tests use it too).
const SAVE_WITH_CTRL_S: &str = include_str!("fixtures/keymaps/save-with-ctrl-s.ron");

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
