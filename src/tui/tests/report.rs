//! The report screen driven by scripted keys through the real dispatch, into a real store in a
//! temporary directory: drafts reach the disk, notes are pulled in, limits show, exports and
//! copies carry what the report says.

use super::support::*;
use crate::report::{self, Format, Options, Profile, Report, TemplateDirs, clipboard};
use crate::store::Store;
use crate::tui;
use crate::tui::action::{Action, Effect};
use crate::tui::update::update;
use crossterm::event::KeyCode;

impl Run {
    fn field_text(&self) -> String {
        self.app.ui.drafting.field.as_ref().unwrap().content()
    }
}

/// A session with two takeaways and a call to action, typed on the live screen; Alexandra
/// Paulus (quick key 2) said the first takeaway.
fn session_with_takeaways(dir: &tempfile::TempDir) -> (std::path::PathBuf, Run) {
    let (path, mut run) = Run::saved(dir, &roster_only());
    run.press([alt('2'), alt('t')]);
    run.press(typed("States must report on norms"));
    run.press([key(KeyCode::Enter), alt('t')]);
    run.press(typed("Capacity comes first"));
    run.press([key(KeyCode::Enter), alt('c')]);
    run.press(typed("Fund the CERTs"));
    run.press([key(KeyCode::Enter)]);
    (path, run)
}

#[test]
fn a_takeaway_edited_on_the_report_screen_is_on_disk_when_the_field_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut run) = session_with_takeaways(&dir);
    run.press([alt('w')]);
    assert_eq!(run.app.ui.drafting.report, Report::Short);
    assert_eq!(
        run.field_text(),
        "States must report on norms",
        "seeded from the note"
    );
    run.press([key(KeyCode::Enter), key(KeyCode::End)]);
    run.press(typed(", every year."));
    assert!(
        run.app.recording.session.report_fields.is_empty(),
        "nothing saved while typing"
    );
    run.press([key(KeyCode::Esc)]);
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("“Key takeaway 1” saved"), "{status}");

    drop(run);
    let (session, _) = Store::read(&path).unwrap();
    assert_eq!(
        session
            .report_fields
            .get("short.takeaways.1")
            .map(String::as_str),
        Some("States must report on norms, every year.")
    );
    let mut reopened = Run::open(&path);
    reopened.press([alt('w')]);
    let field = reopened.app.ui.drafting.selected_field().unwrap();
    assert!(field.drafted);
    assert_eq!(field.text, "States must report on norms, every year.");
}

#[test]
fn a_note_is_pulled_into_a_field_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = session_with_takeaways(&dir);
    run.press([alt('w'), alt('b')]);
    let notes = run.app.ui.drafting.field.as_ref().unwrap().notes.clone();
    assert_eq!(notes.len(), 1, "the note the takeaway was drawn from");
    run.press([alt('i')]);
    assert_eq!(
        run.field_text(),
        "States must report on norms\n\nAlexandra Paulus: States must report on norms"
    );
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    assert_eq!(field.words, 12, "counted as it is typed");
    // Enter in the notes pulls too; leaving saves both.
    run.press([key(KeyCode::Enter), key(KeyCode::Esc), key(KeyCode::Esc)]);
    let saved = &run.app.recording.session.report_fields["short.takeaways.1"];
    assert_eq!(saved.matches("Alexandra Paulus:").count(), 2);
    assert!(run.app.recording.saving.pending.is_empty());
}

#[test]
fn a_field_over_its_limit_is_marked_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = session_with_takeaways(&dir);
    run.app.ui.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    run.press([alt('w'), key(KeyCode::Enter), key(KeyCode::End)]);
    let before = screen(&run.app);
    assert!(!before.contains("OVER"), "{before}");
    // 5 words seeded; 56 more make 61, over the limit of 60.
    run.press(typed(&" word".repeat(56)));
    let field = run.app.ui.drafting.field.as_ref().unwrap();
    assert_eq!(field.words, 61);
    let after = screen(&run.app);
    assert!(after.contains("61/60 OVER"), "the list marks it: {after}");
    assert!(
        after.contains("OVER THE LIMIT"),
        "the field marks it: {after}"
    );
    run.press(vec![key(KeyCode::Backspace); 5]);
    assert!(!screen(&run.app).contains("OVER"));
}

#[test]
fn the_export_writes_what_report_export_makes_beside_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut run) = session_with_takeaways(&dir);
    // A field opens at its start; End goes to the end of its line.
    run.press([alt('w'), key(KeyCode::Enter), key(KeyCode::End)]);
    run.press(typed(" now"));
    // Export saves the field first, so the file has the draft.
    run.press([alt('e')]);
    let exported = dir.path().join("ws422.short.md");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains(&exported.display().to_string()), "{status}");
    let written = std::fs::read_to_string(&exported).unwrap();
    assert!(
        written.contains("States must report on norms now"),
        "{written}"
    );

    // HTML of the final report, next.
    run.press([alt('d'), alt('f'), alt('f'), alt('e')]);
    let html = dir.path().join("ws422.final.html");
    let written_html = std::fs::read_to_string(&html).unwrap();

    // Word comes after HTML in the cycle, and is exported as a file.
    run.press([alt('f'), alt('e')]);
    let docx = std::fs::read(dir.path().join("ws422.final.docx")).unwrap();
    assert_eq!(&docx[..2], b"PK", "a Word document is a zip file");

    drop(run);
    let (session, _) = Store::read(&path).unwrap();
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let expected = |report, format| {
        let options = Options {
            report,
            format,
            anonymous: None,
            template: None,
            dirs: &dirs,
            wrap: None,
        };
        report::export(&session, &profile, &options).unwrap().text
    };
    assert_eq!(written, expected(Report::Short, Format::Markdown));
    assert_eq!(written_html, expected(Report::Final, Format::Html));
}

/// What an OSC 52 copy of `text` carries between its opening and its bell: the base64 that a
/// sequence sent to the terminal must hold, however the terminal's wrapping splits it.
fn osc52_payload(text: &str) -> String {
    let sequence = clipboard::osc52(text);
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|rest| rest.strip_suffix('\x07'));
    payload.expect("an OSC 52 sequence").to_string()
}

#[test]
fn copying_a_field_sends_its_text_as_osc_52() {
    let mut app = app(mid_way(12), 80, 24);
    update(&mut app, Action::SwitchScreen);
    let text = app.ui.drafting.field.as_ref().unwrap().content();
    assert!(!text.is_empty());
    let effects = update(&mut app, Action::CopyField);
    let base64 = osc52_payload(&text);
    let [Effect::Copy { sequence, chars }] = effects.as_slice() else {
        panic!("one copy effect: {effects:?}");
    };
    let sequence = sequence.clone();
    assert!(sequence.contains(&base64), "{sequence:?}");
    assert_eq!(*chars, text.chars().count());

    // Through the runtime: the sequence reaches the terminal, and the status line says so.
    let mut terminal = Nowhere::default();
    tui::runtime::run_effects(&mut app, &mut terminal, effects);
    assert_eq!(terminal.terminal, [sequence]);
    let status = tui::widgets::status::line(&app);
    assert!(
        status.contains(&format!(
            "{} characters sent to the terminal",
            text.chars().count()
        )),
        "{status}"
    );

    // The whole report, rendered by the runtime.
    let effects = update(&mut app, Action::CopyReport);
    tui::runtime::run_effects(&mut app, &mut terminal, effects);
    let report =
        tui::runtime::effects::render_report(&app, Report::Short, Format::Markdown).unwrap();
    assert_eq!(terminal.terminal.len(), 2);
    assert!(terminal.terminal[1].contains(&osc52_payload(&report)));
}

#[test]
fn copies_are_ready_to_paste_a_paragraph_a_line() {
    let mut app = app(mid_way(12), 80, 24);
    update(&mut app, Action::SwitchScreen);
    update(&mut app, Action::EditField);
    update(
        &mut app,
        Action::Paste(
            "Typed over\ntwo lines, one paragraph longer than a line of seventy-eight columns\n\n"
                .into(),
        ),
    );
    let effects = update(&mut app, Action::CopyField);
    let mut terminal = Nowhere::default();
    tui::runtime::run_effects(&mut app, &mut terminal, effects);
    let field = app.ui.drafting.field.as_ref().unwrap().content();
    assert!(field.contains("Typed over\ntwo lines"), "{field:?}");
    let pasted = field.replace("Typed over\ntwo lines", "Typed over two lines");
    assert!(
        terminal.terminal[0].contains(&osc52_payload(&pasted)),
        "{:?}",
        terminal.terminal
    );

    // The whole report as text: no line is broken inside a paragraph.
    update(&mut app, Action::Back);
    while app.ui.drafting.format != Format::Text {
        update(&mut app, Action::CycleFormat);
    }
    let effects = update(&mut app, Action::CopyReport);
    tui::runtime::run_effects(&mut app, &mut terminal, effects);
    let report = tui::runtime::effects::render_report(&app, Report::Short, Format::Text).unwrap();
    let long = report
        .lines()
        .find(|l| l.contains("Typed over two lines, one paragraph longer than a line of seventy"));
    assert!(long.is_some_and(|l| l.chars().count() > 78), "{report}");
    assert!(terminal.terminal[1].contains(&osc52_payload(&report)));
}

#[test]
fn a_field_being_typed_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut run) = session_with_takeaways(&dir);
    run.press([
        alt('w'),
        key(KeyCode::Down),
        key(KeyCode::Enter),
        key(KeyCode::End),
    ]);
    run.press(typed(" — half a thou"));
    run.tick(1);
    // No Esc, no quit: the process dies here.
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(
        reopened
            .app
            .recording
            .session
            .report_fields
            .get("short.takeaways.2")
            .map(String::as_str),
        Some("Capacity comes first — half a thou")
    );
    assert!(
        reopened.app.recording.saving.pending.is_empty(),
        "and written to the journal"
    );
}

#[test]
fn the_export_refuses_a_link_onto_the_sessions_own_journal() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = session_with_takeaways(&dir);
    let journal = dir.path().join(".ws422.ron.d/notes.ron");
    let before = std::fs::read(&journal).unwrap();
    std::os::unix::fs::symlink(".ws422.ron.d/notes.ron", dir.path().join("ws422.short.md"))
        .unwrap();
    run.press([alt('w'), alt('e')]);
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("will not write there"), "{status}");
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        before,
        "the journal is kept"
    );
}

#[test]
fn undo_that_stops_where_a_long_fields_window_moved_says_why() {
    use crate::tui::action::TextEdit;
    use crate::tui::report::window::WINDOW;
    let mut app = app(mid_way(12), 80, 24);
    update(&mut app, Action::SwitchScreen);
    update(&mut app, Action::EditField);
    let short = |app: &crate::tui::App| app.ui.status.message.clone().unwrap_or_default();
    // A field of a few lines: undo works and says nothing of windows.
    update(&mut app, Action::Paste("typed".into()));
    update(&mut app, Action::EditText(TextEdit::Undo));
    assert!(
        !short(&app).contains("nothing more to undo"),
        "{}",
        short(&app)
    );
    // A paste of three windows' lines moves the window, and with it the undo history.
    let long: Vec<String> = (0..3 * WINDOW).map(|i| format!("line {i}")).collect();
    update(&mut app, Action::Paste(long.join("\n")));
    let pasted = app.ui.drafting.field.as_ref().unwrap().content();
    update(&mut app, Action::EditText(TextEdit::Undo));
    assert_eq!(app.ui.drafting.field.as_ref().unwrap().content(), pasted);
    let said = short(&app);
    assert!(
        said.contains("nothing more to undo here") && said.contains(&WINDOW.to_string()),
        "{said}"
    );
}
