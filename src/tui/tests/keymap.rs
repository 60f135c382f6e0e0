//! A user's keymap file rebinds keys entry by entry, and the hint bar, the help and dispatch
//! follow it; the help and the README's key table say what the keys do, as the table has them.
//! (`rapporteur keys` is tried through the binary, in tests/cli_keys.rs.)

use std::path::Path;

use crossterm::event::KeyCode;

use super::support::*;
use crate::tui::action::Action;
use crate::tui::input::keymap::Keymap;
use crate::tui::input::user;

/// Enter starts a new line; Ctrl+s saves the note (the file tests/cli_keys.rs gives the binary).
const SAVE_WITH_CTRL_S: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/keymaps/save-with-ctrl-s.ron"
));

#[test]
fn a_rebound_save_shows_in_the_hints_and_the_help_and_works() {
    let keymap = user::merge(Keymap::default(), SAVE_WITH_CTRL_S, Path::new("keymap.ron")).unwrap();
    let mut app = app(mid_way(3), 100, 30);
    app.ui.keymap = keymap;
    let hints = screen(&app);
    let hint_line = hints.lines().last().unwrap();
    assert!(hint_line.contains("Ctrl+s keep"), "{hint_line}");
    assert!(!hint_line.contains("Enter save"), "{hint_line}");
    let mut empty = super::support::app(roster_only(), 100, 30);
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
        let action = crate::tui::input::action_for(&app, event).unwrap();
        let effects = crate::tui::update::update(&mut app, action);
        crate::tui::runtime::run_effects(&mut app, &mut store, effects);
    }
    assert_eq!(app.recording.session.notes.len(), 3);
    let save = crate::tui::input::action_for(&app, ctrl('s')).unwrap();
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

#[test]
fn the_readme_key_table_matches_the_keymap() {
    const BEGIN: &str = "<!-- keys:begin -->\n";
    const END: &str = "<!-- keys:end -->";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let table = |readme: &str| {
        let start = readme.find(BEGIN).expect("README.md marks its key table") + BEGIN.len();
        let end = readme
            .find(END)
            .expect("README.md marks the end of its key table");
        (start, end)
    };
    let generated = Keymap::default().markdown();
    let mut readme = std::fs::read_to_string(&path).unwrap();
    if std::env::var_os("UPDATE_KEYS").is_some() {
        let (start, end) = table(&readme);
        readme = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, &readme).unwrap();
    }
    let (start, end) = table(&readme);
    assert_eq!(
        &readme[start..end],
        generated,
        "README.md's key table is stale: run UPDATE_KEYS=1 cargo test --lib tui::tests::keymap"
    );
}
