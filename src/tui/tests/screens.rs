//! Whole screens at 80×24 and 160×48, as a user sees them; the clock is fixed in the app.

use super::support::*;
use crate::tui::action::Action;
use crate::tui::update::update;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

#[test]
fn empty_session() {
    for (w, h) in SIZES {
        let app = app(roster_only(), w, h);
        insta::assert_snapshot!(format!("empty_{w}x{h}"), screen(&app));
    }
}

#[test]
fn session_mid_way_with_a_note_being_typed() {
    for (w, h) in SIZES {
        let mut app = app(mid_way(30), w, h);
        update(&mut app, Action::ToggleQuestion(2));
        update(&mut app, Action::SetKind(crate::model::NoteKind::Quote));
        for event in typed("Ünal: «capacity first» — 先建设能力") {
            if let Some(action) = crate::tui::input::action_for(&app, event) {
                update(&mut app, action);
            }
        }
        insta::assert_snapshot!(format!("mid_way_{w}x{h}"), screen(&app));
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut app = app(mid_way(30), w, h);
        update(&mut app, Action::ToggleHelp);
        let help = screen(&app);
        if w >= 160 {
            // The legend is drawn from the marks the timeline uses.
            assert!(help.contains("? question"), "{help}");
            assert!(help.contains("✎ edited"), "{help}");
        }
        insta::assert_snapshot!(format!("help_{w}x{h}"), help);
    }
}

#[test]
fn filtered_timeline() {
    for (w, h) in SIZES {
        let mut app = app(mid_way(30), w, h);
        update(&mut app, Action::SwitchFocus);
        update(&mut app, Action::ToggleQuestionFilter(2));
        update(&mut app, Action::CycleKindFilter);
        update(&mut app, Action::CycleKindFilter);
        let screen = screen(&app);
        assert!(screen.contains("Q2 · question"), "{screen}");
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), screen);
    }
}

#[test]
fn the_editor_cursor_shows_only_while_the_editor_has_the_keys() {
    use ratatui::style::Modifier;
    let reversed_cells = |app: &crate::tui::App| {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| crate::tui::view::draw(frame, app))
            .unwrap();
        let editor = crate::tui::layout::live(app.ui.size, app).editor;
        let buffer = terminal.backend().buffer().clone();
        editor
            .positions()
            .filter(|p| buffer[*p].modifier.contains(Modifier::REVERSED))
            .count()
    };
    let mut app = app(roster_only(), 80, 24);
    update(&mut app, Action::Paste("typing".into()));
    assert_eq!(reversed_cells(&app), 1, "the cursor, in the editor");
    update(&mut app, Action::SwitchFocus);
    assert_eq!(
        reversed_cells(&app),
        0,
        "no cursor while the timeline has the keys"
    );
    update(&mut app, Action::SwitchFocus);
    assert_eq!(reversed_cells(&app), 1);
}

#[test]
fn report_screen() {
    for (w, h) in SIZES {
        let mut app = app(mid_way(30), w, h);
        update(&mut app, Action::SwitchScreen);
        let short = screen(&app);
        assert!(short.contains("Key takeaway 1"), "{short}");
        insta::assert_snapshot!(format!("report_short_{w}x{h}"), short);

        // The final report, a question's field being edited with the notes behind it.
        // The short report's takeaways and calls to action come first: down to question 1.
        update(&mut app, Action::SwitchReport);
        for _ in 0..app.ui.drafting.field_count() {
            let on_q1 = app
                .ui
                .drafting
                .selected_field()
                .is_some_and(|f| f.key == "final.session_report.q1");
            if on_q1 {
                break;
            }
            update(&mut app, Action::ReportMove(crate::tui::action::Move::Down));
        }
        update(&mut app, Action::EditField);
        update(&mut app, Action::ToggleNotes);
        let final_report = screen(&app);
        assert!(
            final_report.contains("Notes behind this field"),
            "{final_report}"
        );
        insta::assert_snapshot!(format!("report_final_{w}x{h}"), final_report);
    }
}

#[test]
fn report_preview() {
    for (w, h) in SIZES {
        let mut app = app(mid_way(30), w, h);
        act(&mut app, Action::SwitchScreen);
        act(&mut app, Action::OpenPreview);
        let preview = screen(&app);
        assert!(preview.contains("## Key Takeaways"), "{preview}");
        insta::assert_snapshot!(format!("report_preview_{w}x{h}"), preview);
    }
}

#[test]
fn key_hints_at_80_columns_are_whole_and_keep_help_tab_save_and_quit() {
    let mut app = app(mid_way(30), 80, 24);
    let hint_line = |app: &crate::tui::App| {
        let screen = screen(app);
        let last = screen.lines().last().unwrap_or_default().to_string();
        last.trim_matches('"').trim_end().to_string()
    };
    let keymap = crate::tui::input::keymap::Keymap::default();
    let words: Vec<&str> = keymap
        .bindings
        .iter()
        .filter_map(|b| b.hint.as_deref())
        .collect();
    let editor = hint_line(&app);
    for wanted in ["Enter save", "F1 help", "Tab timeline", "Ctrl+q quit"] {
        assert!(editor.contains(wanted), "{editor}");
    }
    update(&mut app, Action::SwitchFocus);
    let timeline = hint_line(&app);
    for wanted in ["F1 help", "Tab timeline", "Ctrl+q quit", "correct"] {
        assert!(timeline.contains(wanted), "{timeline}");
    }
    for line in [editor, timeline] {
        let last_word = line.rsplit(' ').next().unwrap_or_default();
        assert!(words.contains(&last_word), "cut: {line}");
    }
}

#[test]
fn below_the_minimum_size_one_line_says_so_and_typing_goes_on() {
    let mut app = app(mid_way(30), 40, 10);
    for event in typed("still typing") {
        if let Some(action) = crate::tui::input::action_for(&app, event) {
            update(&mut app, action);
        }
    }
    let small = screen(&app);
    assert!(small.contains("window too small (need 30×12)"), "{small}");
    assert!(small.contains("still typing"), "{small}");
    update(&mut app, Action::Resize(20, 5));
    let tiny = screen(&app);
    assert!(tiny.contains("typing▏"), "{tiny}");
    // At the minimum, the timeline and the editor both have rows of their own.
    update(&mut app, Action::Resize(30, 12));
    let areas = crate::tui::layout::live(app.ui.size, &app);
    assert!(crate::tui::layout::inner(areas.timeline).height >= 1);
    assert!(areas.editor.height >= 3);
    assert!(screen(&app).contains("still typing"));
}

/// The sample roster with an organiser who only organises at its head and `extra` people
/// without a role after it.
fn long_roster(extra: u32) -> crate::model::Session {
    use crate::model::{Person, PersonId, Role};
    let mut session = roster_only();
    let mut organiser = Person::new(PersonId(100), "Olga Organiser");
    organiser.add_role(Role::Organizer);
    session.people.insert(0, organiser);
    for i in 0..extra {
        session
            .people
            .push(Person::new(PersonId(200 + i), format!("Guest {i}")));
    }
    session
}

#[test]
fn quick_keys_go_to_speakers_first_and_the_audiences_always_show() {
    use crate::model::{PersonId, Speaker};
    let mut app = app(long_roster(12), 80, 24);
    let keys: Vec<Speaker> = app.recording.roster_speakers().take(5).collect();
    assert_eq!(keys[0], Speaker::Person(PersonId(1)), "the moderator first");
    assert_eq!(
        keys[4],
        Speaker::Person(PersonId(200)),
        "then people without a role"
    );
    assert_eq!(
        app.recording.roster_speakers().last(),
        Some(Speaker::Person(PersonId(100))),
        "whoever only organises comes last"
    );
    let screen_now = screen(&app);
    assert!(screen_now.contains("a Onsite audience"), "{screen_now}");
    assert!(screen_now.contains("o Online audience"), "{screen_now}");
    assert!(screen_now.contains("↓"), "{screen_now}");
    // The floor holder stays in view, even far down the list.
    update(&mut app, Action::GiveFloor(Speaker::Person(PersonId(211))));
    let screen_now = screen(&app);
    assert!(screen_now.contains("Guest 11"), "{screen_now}");
    assert!(screen_now.contains("↑"), "{screen_now}");
    assert!(screen_now.contains("a Onsite audience"), "{screen_now}");
    // Alt+9 is the ninth in that order.
    update(&mut app, Action::GiveFloorTo(9));
    assert_eq!(
        app.recording.session.floor_holder(),
        Some(Speaker::Person(PersonId(204)))
    );
    assert!(screen(&app).contains("9 Guest 4"));
}

#[test]
fn someone_added_on_the_spot_gets_the_next_free_key() {
    use crate::model::{PersonId, Speaker};
    let mut app = app(long_roster(0), 80, 24);
    // The organiser has key 5 and keeps it.
    update(&mut app, Action::OpenAddPerson);
    for event in typed("Zoë Ndlovu") {
        if let Some(action) = crate::tui::input::action_for(&app, event) {
            update(&mut app, action);
        }
    }
    update(&mut app, Action::OverlayAccept);
    let status = crate::tui::widgets::status::line(&app);
    assert!(status.contains("Alt+6 gives the floor"), "{status}");
    let keys: Vec<Speaker> = app.recording.roster_speakers().collect();
    assert_eq!(keys[4], Speaker::Person(PersonId(100)));
    let screen_now = screen(&app);
    assert!(screen_now.contains("6 Zoë Ndlovu"), "{screen_now}");
}

#[test]
fn absent_is_not_cut_at_80_columns() {
    let app = app(mid_way(30), 80, 24);
    let screen_now = screen(&app);
    assert!(screen_now.contains("absent"), "{screen_now}");
}

/// A long error and a long message are cut on the status line, never wrapped over the keys
/// below, at 80 columns and narrower.
#[test]
fn a_long_message_never_covers_the_key_hints() {
    let error = "the journal could not be written: No space left on device (os error 28) \
                 while appending to /home/rapporteur/sessions/igf-2022-ws-422/journal.ron";
    for width in [80, 60, 40, 30] {
        let mut app = app(mid_way(30), width, 24);
        let hints_alone = screen(&app).lines().last().unwrap().to_string();
        app.recording.saving.error = Some(error.into());
        app.tell("a passing message long enough to need more than one line of the status bar");
        let drawn = screen(&app);
        let lines: Vec<&str> = drawn.lines().collect();
        assert_eq!(lines[lines.len() - 1], hints_alone, "{drawn}");
        let status = lines[lines.len() - 2].trim_matches('"').trim_end();
        assert!(status.starts_with("30 notes saved"), "{drawn}");
        assert!(status.ends_with('…'), "{drawn}");
    }
}
