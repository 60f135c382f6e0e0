//! Text from a hostile name or note on the live screen: every control character and every
//! direction override is drawn as a visible escape, never put in the screen's cells raw, where
//! the terminal would obey it (clear the screen, ring, set the clipboard, reorder the line).

use super::support::*;
use crate::model::{Change, Note, NoteKind, PersonId, Speaker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn controls_in_a_note_and_a_name_are_drawn_as_visible_escapes() {
    let mut session = mid_way(2);
    session.people[0].name = "Ana\u{1b}[2J\u{7}Lima".into();
    session.apply(Change::Note(Note::new(
        now(),
        Some(Speaker::Person(PersonId(1))),
        vec![],
        NoteKind::ALL[0],
        "clip \u{1b}]52;c;aGk=\u{7} then \u{9b}31m red \u{202e}txet\u{202c} done",
        "Tester",
    )));
    let app = app(session, 160, 48);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|frame| crate::tui::view::draw(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let raw: Vec<String> = buffer
        .content()
        .iter()
        .map(|cell| cell.symbol().to_string())
        .filter(|symbol| {
            symbol.contains(|c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}'))
        })
        .collect();
    assert!(
        raw.is_empty(),
        "raw controls in the screen's cells: {raw:?}"
    );
    let shown = terminal.backend().to_string();
    assert!(shown.contains("Ana\\u{1b}[2J\\u{7}Lima"), "{shown}");
    assert!(
        shown.contains("clip \\u{1b}]52;c;aGk=\\u{7} then"),
        "{shown}"
    );
    assert!(shown.contains("\\u{202e}txet\\u{202c}"), "{shown}");
}

/// The editor's tags name whoever the note goes to and who reads it out: beside the text on a
/// wide screen, under it on a narrow one.
#[test]
fn the_editor_names_a_hostile_speaker_and_reader_with_visible_escapes() {
    use crate::model::{Person, Role};
    use crate::tui::action::Action;
    let mut session = mid_way(0);
    let mut reader = Person::new(PersonId(9), "Mod\u{1b}[31mRed\u{202e}Txet");
    reader.add_role(Role::OnlineModerator);
    session.people.push(reader);
    for width in [160, 90] {
        let mut app = app(session.clone(), width, 40);
        act(&mut app, Action::ReadOutOnline);
        let shown = screen(&app);
        // From the editor's title to its bottom border, which holds the tags when narrow.
        let lines: Vec<&str> = shown.lines().collect();
        let top = lines.iter().position(|l| l.contains("New note")).unwrap();
        let bottom = top + lines[top..].iter().position(|l| l.contains('└')).unwrap();
        let editor = lines[top..=bottom].join("\n");
        assert!(
            editor.contains("Mod\\u{1b}[31mRed\\u{202e}Txet"),
            "at {width} columns:\n{editor}"
        );
    }
}

#[test]
fn a_name_with_a_newline_or_a_tab_keeps_its_roster_row_in_line() {
    let mut session = mid_way(0);
    session.people[0].name = "Ana\nLi\tma".into();
    let shown = screen(&app(session, 120, 40));
    let row = shown.lines().find(|l| l.contains("│1 Ana")).unwrap();
    // Each counted a column but drawn as none, they pulled the floor time away from the border
    // it ends at on every other row ("0:05:00  ││").
    assert!(row.contains("│1 Ana Li ma "), "{row}");
    let time_ends_at_the_border = |row: &str| row.contains(":00││");
    let other = shown
        .lines()
        .find(|l| l.contains("Onsite audience"))
        .unwrap();
    assert!(time_ends_at_the_border(other), "{other}");
    assert!(time_ends_at_the_border(row), "{row}");
}

#[test]
fn the_timeline_title_names_a_filtered_hostile_speaker_with_visible_escapes() {
    let mut session = mid_way(2);
    session.people[0].name = "Ana\u{1b}[31mRed\u{202e}Txet".into();
    let mut app = app(session, 120, 40);
    app.ui.timeline.filter.speaker = Some(Speaker::Person(PersonId(1)));
    let shown = screen(&app);
    let title = shown.lines().find(|l| l.contains(" Timeline")).unwrap();
    assert!(title.contains("Ana\\u{1b}[31mRed\\u{202e}Txet"), "{title}");
}
