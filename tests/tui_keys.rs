//! Scripted key presses through the real dispatch and a real store in a temporary directory.

mod tui_support;

use chrono::TimeDelta;
use crossterm::event::{Event, KeyCode};
use rapporteur::model::{NoteKind, PersonId, Speaker};
use rapporteur::store::Store;
use rapporteur::tui::input::keymap::Keymap;
use rapporteur::tui::widgets::theme::Theme;
use rapporteur::tui::{self, App};
use tui_support::*;

fn new_session(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("ws422.ron");
    Store::create(&path, &roster_only()).unwrap();
    path
}

#[test]
fn type_give_the_floor_tag_commit_then_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('g'), alt('2')]);
    let first_key = run.clock + TimeDelta::seconds(1);
    run.press(typed("Norms need"));
    // Tags and the floor while typing: the chords do not reach the text.
    run.press([key(KeyCode::F(3)), alt('t'), alt('3')]);
    run.press(typed(" follow-up"));
    run.press([alt_key(KeyCode::Enter)]);
    run.press(typed("#norms"));
    run.press([key(KeyCode::Enter)]);

    let note = run.app.recording.session.notes.last().unwrap().clone();
    assert_eq!(note.text, "Norms need follow-up\n#norms");
    assert_eq!(note.at, first_key, "a note's time is its first keystroke");
    assert_eq!(
        note.speaker,
        Some(Speaker::Person(PersonId(2))),
        "the note stays with who had the floor at its first keystroke"
    );
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(PersonId(3)))
    );
    assert_eq!(
        run.app.ui.editor.speaker,
        Some(Speaker::Person(PersonId(3))),
        "the next note is the new speaker's"
    );
    assert_eq!(note.questions, vec![2]);
    assert_eq!(note.kind, NoteKind::Takeaway);
    assert_eq!(note.tags, vec!["norms"]);
    assert!(run.app.ui.editor.is_blank());
    assert_eq!(
        run.app.ui.editor.kind,
        NoteKind::Remark,
        "the kind is per note"
    );
    assert_eq!(
        run.app.ui.editor.questions,
        vec![2],
        "questions stay for the next note"
    );
    assert!(tui::widgets::status::line(&run.app).contains("1 note saved"));

    // Floor time is counted from the floor changes on disk.
    run.tick(60);
    let floor_before = run.app.recording.floor_time(Speaker::Person(PersonId(3)));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.notes, vec![note]);
    assert_eq!(reopened.app.recording.session.floor.len(), 2);
    assert!(reopened.app.recording.session.clock_started.is_some());
    assert_eq!(
        reopened.app.recording.session.current_segment(),
        Some("Opening")
    );
    assert!(floor_before >= TimeDelta::seconds(60));
}

#[test]
fn a_hand_over_while_typing_keeps_the_note_with_its_speaker() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('2')]);
    run.press(typed("Paulus finishing her point"));
    run.press([alt('3')]);
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.contains("the note you are typing stays with Alexandra Paulus"),
        "{status}"
    );
    let screen = screen(&run.app);
    assert!(
        screen.contains("Alexandra Paulus (floor: 小林 美咲)"),
        "{screen}"
    );
    run.press([key(KeyCode::Enter)]);
    let note = run.app.recording.session.notes.last().unwrap();
    assert_eq!(note.speaker, Some(Speaker::Person(PersonId(2))));
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(PersonId(3)))
    );
    // With nothing typed, a floor change applies to the next note.
    run.press([alt('1')]);
    run.press(typed("Bruna"));
    run.press([key(KeyCode::Enter)]);
    let note = run.app.recording.session.notes.last().unwrap();
    assert_eq!(note.speaker, Some(Speaker::Person(PersonId(1))));
}

#[test]
fn the_status_line_tells_a_note_being_typed_from_saved_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("two, not saved yet"));
    run.tick(1);
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.starts_with("1 note saved · typing (draft kept)"),
        "{status}"
    );
    run.press([key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&run.app);
    assert_eq!(status, "2 notes saved");
}

#[test]
fn passing_messages_go_with_the_next_action_or_in_a_few_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    for text in ["one", "two"] {
        run.press(typed(text));
        run.press([key(KeyCode::Enter)]);
    }
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Char('d')),
        key(KeyCode::Char('u')),
    ]);
    assert!(tui::widgets::status::line(&run.app).contains("note restored"));
    run.press([key(KeyCode::Char('/'))]);
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&run.app);
    assert!(!status.contains("restored"), "{status}");

    run.press([key(KeyCode::Char('u'))]);
    assert!(tui::widgets::status::line(&run.app).contains("nothing to undo"));
    run.tick(2);
    assert!(tui::widgets::status::line(&run.app).contains("nothing to undo"));
    run.tick(10);
    let status = tui::widgets::status::line(&run.app);
    assert!(!status.contains("nothing to undo"), "{status}");
}

#[test]
fn readline_keys_edit_the_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("hello big world"));
    run.press([ctrl('w')]);
    assert_eq!(run.app.ui.editor.content(), "hello big ");
    run.press([key(KeyCode::Left), key(KeyCode::Left), ctrl('u')]);
    assert_eq!(run.app.ui.editor.content(), "g ");
    run.press([ctrl('z')]);
    assert_eq!(run.app.ui.editor.content(), "hello big ");
}

#[test]
fn segments_step_forward_and_back_and_the_header_shows_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('g'), alt('n')]);
    assert!(screen(&run.app).contains("▸ Speakers (2/5) → Debate"));
    run.press([alt('N')]);
    assert!(screen(&run.app).contains("▸ Opening (1/5) → Speakers"));
    assert_eq!(
        run.app.recording.session.segments.len(),
        3,
        "going back is recorded"
    );
    run.press([alt('N')]);
    assert!(tui::widgets::status::line(&run.app).contains("first segment"));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(
        reopened.app.recording.session.current_segment(),
        Some("Opening")
    );
}

#[test]
fn questions_stay_on_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([key(KeyCode::F(3))]);
    let screen_now = screen(&run.app);
    assert!(screen_now.contains("Q2 stays on (F3 off)"), "{screen_now}");
    assert!(screen_now.contains("● on"), "{screen_now}");
    assert!(tui::widgets::status::line(&run.app).contains("until F3"));
    run.press(typed("one"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("two"));
    run.press([key(KeyCode::Enter), key(KeyCode::F(3))]);
    let tagged: Vec<_> = run
        .app
        .recording
        .session
        .notes
        .iter()
        .map(|n| n.questions.clone())
        .collect();
    assert_eq!(tagged, vec![vec![2], vec![2]]);
    assert!(screen(&run.app).contains("no question"));
}

#[test]
fn giving_the_floor_to_someone_marked_absent_marks_them_present() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let keyed = |app: &App| app.recording.session.quick_keys(&app.recording.quick_order);
    let before = keyed(&run.app);
    assert_eq!(before[1], PersonId(2), "Alexandra Paulus has Alt+2");
    run.press([alt('x')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    let absent = |app: &App| {
        app.recording
            .session
            .person(PersonId(2))
            .unwrap()
            .marked_absent()
    };
    assert!(absent(&run.app));
    // Marked absent, she has no quick key: the next person moves up to Alt+2.
    assert_eq!(keyed(&run.app)[1], before[2]);
    run.press([alt('2')]);
    assert_eq!(
        run.app.recording.session.floor_holder(),
        Some(Speaker::Person(before[2]))
    );
    assert!(absent(&run.app));
    run.press([alt('s')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    assert!(!absent(&run.app));
    assert_eq!(keyed(&run.app), before, "her key is hers again");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("marked present"), "{status}");
    drop(run);
    let reopened = Run::open(&path);
    assert!(!absent(&reopened.app), "saved in the header");
}

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
    let path = dir.path().join("mid.ron");
    Store::create(&path, &mid_way(40)).unwrap();
    let mut run = Run::open(&path);
    run.press([key(KeyCode::Tab), key(KeyCode::Char('/'))]);
    run.press(typed("SHAMING"));
    run.press([key(KeyCode::Enter)]);
    assert_eq!(run.app.ui.timeline.len(&run.app.recording.session), 10);
    run.press([key(KeyCode::Char('c')), key(KeyCode::Char('s'))]);
    run.press(typed("alcant"));
    run.press([key(KeyCode::Enter), key(KeyCode::Char('k'))]);
    let shown = run.app.ui.timeline.shown.clone().unwrap();
    assert!(!shown.is_empty());
    for index in shown {
        let note = &run.app.recording.session.notes[index];
        assert_eq!(note.speaker, Some(Speaker::Person(PersonId(1))));
        assert_eq!(note.kind, NoteKind::Remark);
    }
}

/// Adding someone who is already on the roster (another spelling of the same name) adds to
/// them, as `rapporteur person add` does, rather than listing them twice.
#[test]
fn adding_someone_already_on_the_roster_updates_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let before = run.app.recording.session.roster().count();
    run.press([alt('p')]);
    run.press(typed("alexandra paulus"));
    run.press([key(KeyCode::Tab)]);
    run.press(typed("TU Chemnitz"));
    run.press([key(KeyCode::Enter)]);
    assert!(tui::widgets::status::line(&run.app).contains("already on the roster"));
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.roster().count(), before);
    let paulus = reopened
        .app
        .recording
        .session
        .person_named("Alexandra Paulus")
        .unwrap();
    assert_eq!(paulus.affiliation.as_deref(), Some("TU Chemnitz"));
}

#[test]
fn roster_changes_are_saved_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('p')]);
    run.press(typed("Zoë Ndlovu"));
    run.press([key(KeyCode::Tab)]);
    run.press(typed("Research ICT Africa"));
    run.press([key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Right)]);
    run.press([key(KeyCode::Tab)]);
    run.press(typed("african"));
    run.press([key(KeyCode::Enter)]);
    run.press([alt('x')]);
    run.press(typed("paulus"));
    run.press([key(KeyCode::Enter)]);
    // The new person had the next free quick key, 5; with Alexandra Paulus marked absent the
    // people after her move up, so it is 4, and she can take the floor at once.
    run.press([alt('4')]);
    drop(run);
    let reopened = Run::open(&path);
    let zoe = reopened
        .app
        .recording
        .session
        .person_named("Zoe Ndlovu")
        .unwrap();
    assert_eq!(zoe.affiliation.as_deref(), Some("Research ICT Africa"));
    assert_eq!(
        zoe.stakeholder,
        Some(rapporteur::model::StakeholderGroup::CivilSociety)
    );
    assert_eq!(zoe.region, Some(rapporteur::model::RegionalGroup::African));
    assert_eq!(
        reopened.app.recording.session.floor_holder(),
        Some(Speaker::Person(zoe.id))
    );
    assert!(
        reopened
            .app
            .recording
            .session
            .person_named("Alexandra Paulus")
            .unwrap()
            .marked_absent()
    );
}

#[test]
fn the_draft_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press([alt('1'), key(KeyCode::F(4)), alt('u')]);
    run.press(typed("half a quo"));
    let started = run.app.ui.editor.started;
    run.tick(1);
    // No quit: the process dies here, with the store's lock released as a kill would.
    drop(run);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.ui.editor.content(), "half a quo");
    assert_eq!(reopened.app.ui.editor.started, started);
    assert_eq!(reopened.app.ui.editor.questions, vec![3]);
    assert_eq!(reopened.app.ui.editor.kind, NoteKind::Quote);
    assert_eq!(
        reopened.app.ui.editor.speaker,
        Some(Speaker::Person(PersonId(1)))
    );
    assert!(tui::widgets::status::line(&reopened.app).contains("restored"));
}

#[test]
fn a_correction_in_progress_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    run.press(typed("first note"));
    run.press([key(KeyCode::Enter)]);
    run.press(typed("parked"));
    run.press([
        key(KeyCode::Tab),
        key(KeyCode::Home),
        key(KeyCode::Char('e')),
    ]);
    run.press(typed(" PLUS CORRECTION"));
    run.tick(2);
    let id = run.app.recording.session.notes[0].id;
    drop(run);

    let mut reopened = Run::open(&path);
    assert_eq!(reopened.app.ui.editor.editing, Some(id));
    assert_eq!(
        reopened.app.ui.editor.content(),
        "first note PLUS CORRECTION"
    );
    let status = tui::widgets::status::line(&reopened.app);
    assert!(status.contains("correction"), "{status}");
    // Enter saves the correction; then the parked new note is back.
    reopened.press([key(KeyCode::Enter)]);
    assert_eq!(
        reopened.app.recording.session.notes[0].text,
        "first note PLUS CORRECTION"
    );
    assert_eq!(reopened.app.ui.editor.editing, None);
    assert_eq!(reopened.app.ui.editor.content(), "parked");
}

/// The session's store, except that while `full` is set, journal appends fail as the store fails
/// them on a full disk (the store's own tests write to a file that cannot grow).
struct FillableDisk {
    real: Store,
    full: bool,
}

impl tui::Persist for FillableDisk {
    fn append(
        &mut self,
        change: &rapporteur::model::Change,
    ) -> Result<(), rapporteur::store::StoreError> {
        if self.full {
            return Err(rapporteur::store::StoreError::Io {
                action: "save",
                path: self.real.paths().journal.clone(),
                cause: std::io::Error::from_raw_os_error(28), // ENOSPC
            });
        }
        self.real.append(change)
    }
    fn save_header(
        &mut self,
        session: &rapporteur::model::Session,
    ) -> Result<(), rapporteur::store::StoreError> {
        self.real.save_header(session)
    }
    fn save_draft(&mut self, draft: &tui::Recovery) -> Result<(), rapporteur::store::StoreError> {
        self.real.save_draft(draft)
    }
    fn clear_draft(&mut self) -> Result<(), rapporteur::store::StoreError> {
        self.real.clear_draft()
    }
}

#[test]
fn a_full_disk_keeps_the_note_and_retries() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let (mut app, real) = tui::open(&path, None, moment(now()), Theme { color: false }).unwrap();
    let mut disk = FillableDisk { real, full: true };
    let mut clock = now();
    let mut press = |app: &mut App, disk: &mut FillableDisk, events: Vec<Event>| {
        for event in events {
            clock += TimeDelta::seconds(1);
            tui::step(app, disk, Some(event), moment(clock));
        }
    };
    press(&mut app, &mut disk, typed("every word counts"));
    press(&mut app, &mut disk, vec![key(KeyCode::Enter)]);
    let status = tui::widgets::status::line(&app);
    assert!(status.contains("1 NOT SAVED"), "{status}");
    assert!(status.contains("No space left on device"), "{status}");
    assert_eq!(app.recording.saving.pending.len(), 1);
    assert_eq!(app.recording.session.notes[0].text, "every word counts");
    // The unsaved note is kept in the draft file too, in case the app is killed now.
    let draft: tui::Recovery = disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.pending.len(), 1);

    // Still full at the first retry; then the disk frees up and the next retry saves the note.
    press(&mut app, &mut disk, vec![Event::FocusGained; 3]);
    assert_eq!(app.recording.saving.pending.len(), 1);
    disk.full = false;
    press(&mut app, &mut disk, vec![Event::FocusGained; 3]);
    assert!(app.recording.saving.pending.is_empty());
    let status = tui::widgets::status::line(&app);
    assert!(status.contains("1 note saved"), "{status}");
    assert!(!status.contains("No space"), "{status}");
    assert_eq!(disk.real.load_draft::<tui::Recovery>().unwrap(), None);
    drop(disk);
    let reopened = Run::open(&path);
    assert_eq!(reopened.app.recording.session.notes.len(), 1);
    assert_eq!(
        reopened.app.recording.session.notes[0].text,
        "every word counts"
    );
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
        "README.md's key table is stale: run UPDATE_KEYS=1 cargo test --test tui_keys"
    );
}

#[test]
fn a_draft_that_cannot_be_read_is_kept_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let draft = rapporteur::store::SessionPaths::new(&path).draft;
    let damaged = "(text: \"precious\", pending: [Note(( garbage";
    std::fs::write(&draft, damaged).unwrap();
    let mut run = Run::open(&path);
    let error = run.app.recording.saving.error.clone().unwrap_or_default();
    assert!(error.contains("could not be read"), "{error}");
    let kept: Vec<_> = std::fs::read_dir(draft.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("draft.damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        error.contains(&*kept[0].to_string_lossy()),
        "the status line says where the draft is kept: {error}"
    );
    run.press(typed("hello"));
    run.press([key(KeyCode::Enter)]);
    run.tick(2);
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), damaged);
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

/// The session's store, with each kind of write failing while its switch is on.
struct Flaky {
    real: Store,
    fail_append: bool,
    fail_header: bool,
    fail_draft: bool,
}

fn refused() -> rapporteur::store::StoreError {
    rapporteur::store::StoreError::Io {
        action: "save",
        path: "the disk".into(),
        cause: std::io::Error::other("EIO"),
    }
}

impl tui::Persist for Flaky {
    fn append(
        &mut self,
        change: &rapporteur::model::Change,
    ) -> Result<(), rapporteur::store::StoreError> {
        if self.fail_append {
            return Err(refused());
        }
        self.real.append(change)
    }
    fn save_header(
        &mut self,
        session: &rapporteur::model::Session,
    ) -> Result<(), rapporteur::store::StoreError> {
        if self.fail_header {
            return Err(refused());
        }
        self.real.save_header(session)
    }
    fn save_draft(&mut self, draft: &tui::Recovery) -> Result<(), rapporteur::store::StoreError> {
        if self.fail_draft {
            return Err(refused());
        }
        self.real.save_draft(draft)
    }
    fn clear_draft(&mut self) -> Result<(), rapporteur::store::StoreError> {
        if self.fail_draft {
            return Err(refused());
        }
        self.real.clear_draft()
    }
}

/// The app on a `Flaky` store, driven like `Run`.
struct FlakyRun {
    app: App,
    disk: Flaky,
    clock: chrono::DateTime<chrono::FixedOffset>,
}

impl FlakyRun {
    fn open(path: &std::path::Path) -> FlakyRun {
        let (app, real) = tui::open(path, None, moment(now()), Theme { color: false }).unwrap();
        FlakyRun {
            app,
            disk: Flaky {
                real,
                fail_append: false,
                fail_header: false,
                fail_draft: false,
            },
            clock: now(),
        }
    }

    fn press(&mut self, events: impl IntoIterator<Item = Event>) {
        for event in events {
            self.clock += TimeDelta::seconds(1);
            tui::step(
                &mut self.app,
                &mut self.disk,
                Some(event),
                moment(self.clock),
            );
        }
    }
}

#[test]
fn a_draft_saved_again_clears_the_error_of_the_failed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.disk.fail_draft = true;
    run.press(typed("words"));
    assert!(run.app.recording.saving.error.is_some());
    assert!(!tui::widgets::status::line(&run.app).contains("draft kept"));
    run.disk.fail_draft = false;
    run.press([Event::FocusGained]);
    assert_eq!(run.app.recording.saving.error, None);
    assert!(tui::widgets::status::line(&run.app).contains("draft kept"));
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "words");
}

#[test]
fn a_person_whose_header_save_failed_is_kept_in_the_draft_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.disk.fail_header = true;
    run.press([alt('p')]);
    run.press(typed("Zoe New"));
    run.press([key(KeyCode::Enter)]);
    run.press([alt('5')]);
    run.press(typed("zoe said"));
    run.press([key(KeyCode::Enter)]);
    let zoe = run.app.recording.session.notes[0].speaker;
    run.press([ctrl('q')]);
    let prompt = tui::widgets::status::line(&run.app);
    assert!(prompt.contains("leave them in the draft file"), "{prompt}");
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    let header = draft.header.expect("the unsaved roster is in the draft");
    assert!(header.people.iter().any(|p| p.name == "Zoe New"));
    drop(run);

    // Next time the roster comes back, and the header is written with it.
    let reopened = Run::open(&path);
    let note = &reopened.app.recording.session.notes[0];
    assert_eq!(note.speaker, zoe);
    assert_eq!(
        note.speaker
            .map(|s| reopened.app.recording.session.speaker_name(s)),
        Some("Zoe New".to_string())
    );
    assert!(!reopened.app.recording.saving.header_unsaved);
    drop(reopened);
    let (saved, _) = Store::read(&path).unwrap();
    assert!(saved.people.iter().any(|p| p.name == "Zoe New"));
    assert!(
        Run::open(&path)
            .app
            .ui
            .status
            .message
            .is_none_or(|m| !m.contains("roster")),
        "the draft's roster went once the header had it"
    );
}

#[test]
fn quit_waits_for_its_own_saves_and_says_when_they_fail() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.press(typed("not yet a note"));
    // Nothing is unsaved as far as the app knows, so the first quit goes straight to saving.
    run.disk.fail_draft = true;
    run.press([ctrl('q')]);
    assert!(!run.app.has_quit(), "the text typed is in no file");
    let status = tui::widgets::status::line(&run.app);
    assert!(status.contains("the draft could not be saved"), "{status}");
    assert!(status.contains("EIO"), "{status}");

    // The disk recovers: the next quit saves the draft and leaves.
    run.disk.fail_draft = false;
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "not yet a note");
}

#[test]
fn quit_with_a_failing_journal_leaves_only_once_the_draft_holds_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = FlakyRun::open(&path);
    run.press([alt('w'), key(KeyCode::Enter), key(KeyCode::End)]);
    run.press(typed(" field text"));
    run.disk.fail_append = true;
    // Leaving the field saves it as a change, which the journal refuses at quit.
    run.press([ctrl('q')]);
    assert!(!run.app.has_quit());
    let status = tui::widgets::status::line(&run.app);
    assert!(
        status.contains("quit again to leave them in the draft file"),
        "{status}"
    );
    run.press([ctrl('q')]);
    assert!(run.app.has_quit());
    let draft: tui::Recovery = run.disk.real.load_draft().unwrap().unwrap();
    assert_eq!(draft.pending.len(), 1);
}

/// Scripted events, then the terminal fails.
struct FailingEvents(std::collections::VecDeque<Event>);

impl tui::Events for FailingEvents {
    fn next(&mut self, _timeout: std::time::Duration) -> std::io::Result<tui::Next> {
        match self.0.pop_front() {
            Some(event) => Ok(tui::Next::Event(event)),
            None => Err(std::io::Error::other("the terminal went away")),
        }
    }
}

#[test]
fn a_failing_terminal_still_leaves_the_text_in_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_session(&dir);
    let mut run = Run::open(&path);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mut events = FailingEvents(typed("every word").into());
    let result = tui::event_loop(
        &mut terminal,
        &mut run.app,
        &mut events,
        &mut run.store,
        || moment(now()),
    );
    assert!(result.is_err());
    let draft: tui::Recovery = run.store.load_draft().unwrap().unwrap();
    assert_eq!(draft.text, "every word");
}

#[test]
fn a_question_past_the_function_keys_is_named_without_a_key() {
    let mut session = roster_only();
    for number in [12, 255] {
        session.questions.push(rapporteur::model::PolicyQuestion {
            number,
            title: None,
            text: format!("question {number}"),
        });
    }
    let mut app = app(session, 100, 30);
    act(
        &mut app,
        rapporteur::tui::action::Action::ToggleQuestion(255),
    );
    let message = app.ui.status.message.clone().unwrap_or_default();
    assert!(message.contains("Q255 on"), "{message}");
    assert!(!message.contains("F256"), "{message}");
    act(&mut app, rapporteur::tui::action::Action::ToggleQuestion(2));
    let shown =
        rapporteur::tui::live::editor::questions_on(&app.ui.keymap, &app.ui.editor.questions);
    assert_eq!(shown, "Q2 Q255 stay on (F3 off)");
    assert!(screen(&app).contains("Q255"));
}

#[test]
fn a_search_folds_only_the_note_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws422.ron");
    Store::create(&path, &mid_way(40)).unwrap();
    let mut run = Run::open(&path);
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
        .map(|n| rapporteur::model::fold(&n.text))
        .collect();
    assert_eq!(&folded[1..], &expected[..]);
    let shown = run.app.ui.timeline.shown.clone().unwrap();
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
    let path = dir.path().join("mid.ron");
    Store::create(&path, &mid_way(40)).unwrap();
    let mut run = Run::open(&path);
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
    let path = dir.path().join("mid.ron");
    Store::create(&path, &mid_way(40)).unwrap();
    let mut run = Run::open(&path);
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

/// Opening a session days after its scheduled time says so once, on the status line; opening
/// it during its time does not.
#[test]
fn opening_far_from_the_scheduled_time_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws422.ron");
    let mut session = roster_only();
    session.info.start = Some(start());
    Store::create(&path, &session).unwrap();
    let open_at = |wall| {
        let (app, _store) = tui::open(&path, None, moment(wall), Theme { color: false }).unwrap();
        tui::widgets::status::line(&app)
    };
    let during = open_at(now());
    assert!(!during.contains("scheduled"), "{during}");
    let later = open_at(start() + TimeDelta::days(3));
    assert!(
        later.contains("scheduled 2 days ago (2022-11-30 09:30)"),
        "{later}"
    );
    let before = open_at(start() - TimeDelta::hours(10));
    assert!(before.contains("scheduled in 10 hours"), "{before}");

    let clock = start() + TimeDelta::days(3);
    let (app, store) = tui::open(&path, None, moment(clock), Theme { color: false }).unwrap();
    let mut run = Run { app, store, clock };
    run.press([key(KeyCode::Tab)]);
    assert!(!tui::widgets::status::line(&run.app).contains("scheduled"));
}
