//! The timeline: correcting, deleting and undoing a note, searching and filtering, and
//! where it stands when the editor saves the next note.

use crossterm::event::KeyCode;

use super::new_session;
use crate::model::{NoteKind, PersonId, Speaker};
use crate::tui::tests::support::*;
use crate::tui::{self};

#[test]
fn correct_delete_and_undo_through_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("first note"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("second note"));
    run.press([key(KeyCode::Enter)]);
    // Something typed for the next note survives a correction in between.
    run.press(typed("half"));

    run.press([key(KeyCode::Tab), key(KeyCode::Up), key(KeyCode::Char('e'))]);
    assert_eq!(run.app.ui.editor.content(), "first note");
    run.press([key(KeyCode::End)]);
    run.press(typed(", corrected"));
    run.press([alt('1'), key(KeyCode::F(2)), alt('q'), key(KeyCode::Enter)]);
    let corrected = &run.app.recording.session.notes[0];
    assert_eq!(corrected.text, "first note, corrected");
    assert_eq!(corrected.speaker, Some(Speaker::Person(PersonId(1))));
    assert_eq!(corrected.kind, NoteKind::Question);
    assert_eq!(corrected.questions, vec![1]);
    assert!(corrected.edited.is_some());
    let timeline = screen(&run.app);
    assert!(
        timeline.contains("corrected ✎ edited"),
        "a mark apart from the text: {timeline}"
    );
    assert!(
        run.app.recording.session.floor.is_empty(),
        "setting a corrected note's speaker gives no floor"
    );
    assert_eq!(run.app.ui.editor.content(), "half");

    run.press([
        key(KeyCode::Tab),
        key(KeyCode::End),
        key(KeyCode::Char('d')),
    ]);
    assert_eq!(run.app.recording.session.notes.len(), 1);
    run.press([key(KeyCode::Char('u'))]);
    assert_eq!(run.app.recording.session.notes.len(), 2);
    run.press([key(KeyCode::Char('d'))]);
    let ids: Vec<_> = run
        .app
        .recording
        .session
        .notes
        .iter()
        .map(|n| n.id)
        .collect();

    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(
        reopened
            .app
            .recording
            .session
            .notes
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>(),
        ids
    );
    assert_eq!(
        reopened.app.recording.session.notes[0].text,
        "first note, corrected"
    );
    assert_eq!(reopened.app.recording.session.trash.len(), 1);
    assert_eq!(
        reopened.app.ui.editor.content(),
        "half",
        "the draft came back"
    );
}

#[test]
fn search_and_filters_narrow_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = Run::saved(&dir, &mid_way(40));
    run.press([key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run.press(typed("SHAMING"));
    run.press([key(KeyCode::Enter)]);
    assert_eq!(run.app.ui.timeline.len(&run.app.recording.session), 10);
    run.press([key(KeyCode::Char('c')), key(KeyCode::Char('s'))]);
    run.press(typed("alcant"));
    run.press([key(KeyCode::Enter), key(KeyCode::Char('k'))]);
    let shown = run.app.ui.timeline.shown_notes(&run.app.recording.session);
    assert!(!shown.is_empty());
    for index in shown {
        let note = &run.app.recording.session.notes[index];
        assert_eq!(note.speaker, Some(Speaker::Person(PersonId(1))));
        assert_eq!(note.kind, NoteKind::Remark);
    }
}

#[test]
fn a_changed_correction_is_not_dropped_by_another_correction_or_a_delete() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("first"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("second"));
    run.press([key(KeyCode::Enter)]);
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Home),
        key(KeyCode::Char('e')),
    ]);
    run.press(typed(" LONG CORRECTION"));

    // Another note's correction would replace the words typed into this one.
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::End),
        key(KeyCode::Char('e')),
    ]);
    assert_eq!(run.app.ui.editor.content(), "first LONG CORRECTION");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("finish this correction first"), "{status}");

    // So would deleting the note being corrected.
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Home),
        key(KeyCode::Char('d')),
    ]);
    assert_eq!(run.app.recording.session.notes.len(), 2);
    assert_eq!(run.app.ui.editor.content(), "first LONG CORRECTION");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("finish this correction first"), "{status}");

    // The refusal hands the keys back to the correction, where Enter saves it.
    run.press([key(KeyCode::Enter)]);
    assert_eq!(
        run.app.recording.session.notes[0].text,
        "first LONG CORRECTION"
    );

    // A correction with nothing changed yet gives way to another.
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Home),
        key(KeyCode::Char('e')),
    ]);
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::End),
        key(KeyCode::Char('e')),
    ]);
    assert_eq!(run.app.ui.editor.content(), "second");
}

#[test]
fn a_search_folds_only_the_note_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = Run::saved(&dir, &mid_way(40));
    run.press([key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run.press(typed("norms"));
    run.press([key(KeyCode::Enter), key(KeyCode::Tab)]);
    assert_eq!(run.app.recording.folded.texts.len(), 40);
    // A marker no fold makes: it stays only if the notes are not all folded again.
    run.app.recording.folded.texts[0] = "marker".into();
    run.press(typed("Norms again"));
    run.press([key(KeyCode::Enter)]);
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::End),
        key(KeyCode::Char('d')),
    ]);
    run.press([key(KeyCode::Char('u'))]);
    let folded = &run.app.recording.folded.texts;
    assert_eq!(folded[0], "marker", "the other notes were not folded again");
    let expected: Vec<String> = run.app.recording.session.notes[1..]
        .iter()
        .map(|n| crate::model::fold(&n.text))
        .collect();
    assert_eq!(&folded[1..], &expected[..]);
    let shown = run.app.ui.timeline.shown_notes(&run.app.recording.session);
    assert!(
        shown
            .iter()
            .any(|&i| run.app.recording.session.notes[i].text == "Norms again")
    );
}

/// The text of the last note saved, on one line as the timeline starts it.
fn newest_note_on_screen(run: &Run) -> bool {
    let text = &run.app.recording.session.notes.last().unwrap().text;
    screen(&run.app).contains(text.as_str())
}

/// However the timeline was left (moved up, filtered, searched, cleared), the note saved next
/// from the editor is on screen.
#[test]
fn a_note_saved_after_a_trip_to_the_timeline_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = Run::saved(&dir, &mid_way(40));
    run.press([key(KeyCode::Tab)]);
    run.press([key(KeyCode::PageUp), key(KeyCode::PageUp), key(KeyCode::Up)]);
    run.press([key(KeyCode::Tab)]);
    run.press(typed("zz-one"));
    run.press([key(KeyCode::Enter)]);
    assert!(newest_note_on_screen(&run), "{}", screen(&run.app));

    // A filter set and cleared, and a search left with Esc.
    run.press([key(KeyCode::Tab), key(KeyCode::Char('k'))]);
    run.press([
        key(KeyCode::Up),
        key(KeyCode::Char('c')),
        key(KeyCode::Char('/')),
    ]);
    run.press(typed("SHAMING"));
    run.press([key(KeyCode::Esc), key(KeyCode::Up), key(KeyCode::Up)]);
    run.press([key(KeyCode::Esc)]);
    run.press(typed("zz-two"));
    run.press([key(KeyCode::Enter)]);
    assert!(newest_note_on_screen(&run), "{}", screen(&run.app));

    // A search kept (Enter) then back to the editor: the new note is shown though it does not
    // match the search.
    run.press([key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run.press(typed("SHAMING"));
    run.press([key(KeyCode::Enter), key(KeyCode::Up), key(KeyCode::Tab)]);
    run.press(typed("zz-three"));
    run.press([key(KeyCode::Enter)]);
    assert!(newest_note_on_screen(&run), "{}", screen(&run.app));
    assert!(
        tui::widgets::status::line(&run.app).contains("filter is off"),
        "a filter taken away says so"
    );
}

/// Reading an older note in the timeline keeps the place, and the title says how many newer
/// notes are below it.
#[test]
fn reading_older_notes_says_newer_ones_are_below() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut run) = Run::saved(&dir, &mid_way(40));
    run.press([key(KeyCode::Tab)]);
    assert!(!screen(&run.app).contains("newer"));
    run.press([key(KeyCode::Home)]);
    let below = tui::live::review::newer_below(&run.app);
    assert!(below > 0 && below < 40, "{below}");
    assert!(
        screen(&run.app).contains(&format!("↓ {below} newer notes below")),
        "{}",
        screen(&run.app)
    );
    run.press([key(KeyCode::End)]);
    assert!(!screen(&run.app).contains("newer"));
}
