//! What the other takers wrote, arriving while the screen is open: their notes, floor changes
//! and roster changes are applied as they come, and the timeline keeps the note the reader was
//! on, wherever the new ones fall in time.

use std::collections::BTreeMap;

use crate::model::{Change, NoteId, fold};
use crate::store::News;
use crate::tui::app::App;

use super::review;

/// Applies what the other takers wrote and says so on the status line.
pub fn arrived(app: &mut App, news: News) {
    if news.is_empty() {
        return;
    }
    let selected = shown_id(app, app.ui.timeline.selected);
    let bottom = shown_id(app, app.ui.timeline.bottom);
    let mut notes: BTreeMap<String, usize> = BTreeMap::new();
    for change in news.changes.into_iter().flat_map(Change::flatten) {
        match &change {
            Change::Note(note) => *notes.entry(note.taker.clone()).or_default() += 1,
            // Kept below with the taker who recorded it: applied here, it would be this one's.
            Change::Floor(_) => continue,
            _ => {}
        }
        app.recording.apply(change);
    }
    let mut people = 0;
    for person in news.people.into_iter().flatten() {
        // Only newcomers: an entry this taker knows may carry changes of their own since.
        if app.recording.session.person(person.id).is_none() {
            app.recording.session.people.push(person);
            people += 1;
        }
    }
    let floor = news.floor.len();
    let session = &mut app.recording.session;
    let conflicts_before = session.floor_conflicts.clone();
    for (taker, change) in news.floor {
        session.add_floor_record(&taker, change);
    }
    // Settled as reading every file settles it, so the screen shows what a reopen would.
    let namesakes = session.namesakes.len();
    session.unite_takers();
    if session.namesakes.len() != namesakes {
        // Notes that named a namesake now name the person kept: filters and caches see it.
        app.recording.notes_version += 1;
    }
    let differing = session
        .floor_conflicts
        .iter()
        .filter(|c| !conflicts_before.contains(c))
        .count();
    // Newcomers are on the roster: the counts include them.
    app.recording.changed();
    review::refilter(app);
    app.ui.timeline.selected = shown_index(app, selected).or(app.ui.timeline.selected);
    app.ui.timeline.bottom = bottom.and_then(|id| shown_index(app, Some(id)));
    review::keep_selection_in_view(app);
    let mut said: Vec<String> = notes
        .iter()
        .map(|(taker, n)| {
            let who = if taker.is_empty() {
                "another taker"
            } else {
                taker
            };
            format!("{who}: {n} note{}", if *n == 1 { "" } else { "s" })
        })
        .collect();
    if floor > 0 {
        said.push(format!(
            "{floor} floor change{} from another taker",
            if floor == 1 { "" } else { "s" }
        ));
    }
    if differing > 0 {
        said.push(format!(
            "{differing} of them recorded another speaker for the same moment; the floor follows \
             the taker whose role covers it (`check` lists it)"
        ));
    }
    if people > 0 {
        said.push(format!("{people} new on the roster"));
    }
    said.extend(news.warnings.iter().map(ToString::to_string));
    said.extend(news.problems);
    if !said.is_empty() {
        app.tell(said.join(" · "));
    }
}

/// Whether a note is another taker's: theirs to correct, not this one's.
pub fn is_others(app: &App, taker: &str) -> bool {
    !taker.trim().is_empty() && fold(taker) != fold(&app.recording.session.taker)
}

fn shown_id(app: &App, shown: Option<usize>) -> Option<NoteId> {
    let timeline = &app.ui.timeline;
    let shown = shown.filter(|s| *s < timeline.len(&app.recording.session))?;
    Some(app.recording.session.notes[timeline.note_index(shown)].id)
}

fn shown_index(app: &App, id: Option<NoteId>) -> Option<usize> {
    app.ui.timeline.shown(app.recording.note_position(id?)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FloorChange, Note, NoteKind, Person, PersonId, Role, Session, Speaker};
    use crate::store::Store;
    use crate::tui::Moment;
    use crate::tui::widgets::theme::Theme;
    use chrono::{DateTime, FixedOffset};

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2022-12-01T{time}Z")).unwrap()
    }

    fn floor(time: &str, speaker: Speaker) -> Change {
        Change::Floor(FloorChange {
            at: at(time),
            speaker: Some(speaker),
            read_by: None,
        })
    }

    /// A hybrid panel shared by Ana (the room, first taker) and Omar (the online moderator).
    fn shared() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.ron");
        let mut session = Session::default();
        session.info.title = "Hybrid panel".into();
        session.taker = "Ana Silva".into();
        let mut omar = Person::new(PersonId(2), "Omar Haddad");
        omar.roles = vec![Role::OnlineModerator];
        session.people = vec![
            Person::new(PersonId(1), "Ana Silva"),
            omar,
            Person::new(PersonId(3), "Alexandra Paulus"),
        ];
        drop(Store::create(&path, &session).unwrap());
        assert!(Store::join(&path, "Omar Haddad").unwrap());
        (dir, path)
    }

    /// Ana's live screen on the session, and her store.
    fn anas_screen(path: &std::path::Path) -> (App, Store) {
        let opened = Store::open_as(path, None).unwrap();
        let moment = Moment {
            wall: at("15:00:00"),
            mono: std::time::Instant::now(),
        };
        let app = App::new(opened.session, moment, Theme { color: false });
        (app, opened.store)
    }

    /// Omar's records arrive on Ana's open screen: the floor she sees is the floor a reopen
    /// shows, with one hand-over both recorded differently settled by role (and listed), one
    /// recorded alike counted once, and a quick hand-over after hers kept.
    #[test]
    fn another_takers_floor_records_are_settled_as_a_reopen_settles_them() {
        let (_dir, path) = shared();
        let paulus = Speaker::Person(PersonId(3));
        let (mut app, mut store) = anas_screen(&path);
        // Ana records on her screen (applied as the screen applies its own changes), and saves.
        for change in [
            floor("14:10:00", paulus),
            floor("14:20:00", paulus),
            floor("14:30:00", Speaker::Audience),
        ] {
            app.recording.apply(change.clone());
            store.append(&change).unwrap();
        }
        {
            let mut omar = Store::open_as(&path, Some("Omar Haddad")).unwrap().store;
            let said = Note::new(
                at("14:30:05"),
                None,
                vec![],
                NoteKind::Remark,
                "chat",
                "Omar",
            );
            for change in [
                floor("14:10:01", Speaker::Online),
                floor("14:20:02", paulus),
                floor("14:30:04", Speaker::Online),
                Change::Note(said),
            ] {
                omar.append(&change).unwrap();
            }
        }
        let news = store.read_others();
        assert_eq!(news.floor.len(), 3);
        arrived(&mut app, news);
        let (reopened, _) = Store::read(&path).unwrap();
        let session = &app.recording.session;
        assert_eq!(session.floor, reopened.floor);
        assert_eq!(session.floor_conflicts, reopened.floor_conflicts);
        let speakers: Vec<Option<Speaker>> = session.floor.iter().map(|f| f.speaker).collect();
        assert_eq!(
            speakers,
            [
                Some(Speaker::Online),
                Some(paulus),
                Some(Speaker::Audience),
                Some(Speaker::Online)
            ]
        );
        assert_eq!(session.floor_conflicts.len(), 1);
        assert_eq!(session.floor_conflicts[0].left_out_by, "Ana Silva");
        let told = app.ui.status.message.clone().unwrap_or_default();
        assert!(
            told.contains("1 of them recorded another speaker for the same moment"),
            "{told}"
        );
        assert_eq!(session.notes.len(), 1);
    }

    /// Ana adds a newcomer on her screen while Omar, not having her header yet, adds the same
    /// person and names him: when Omar's records arrive, Ana's screen has one person, named by
    /// both notes, as a reopen has.
    #[test]
    fn another_takers_entry_for_a_newcomer_here_is_the_same_person() {
        let (_dir, path) = shared();
        let (mut app, mut store) = anas_screen(&path);
        let session = &mut app.recording.session;
        let (jose, _) = session.enrol(Person::new(PersonId(0), "José Pérez"));
        store.save_header(session).unwrap();
        let ours = Note::new(
            at("14:10:00"),
            Some(Speaker::Person(jose)),
            vec![],
            NoteKind::Remark,
            "room",
            "Ana Silva",
        );
        app.recording.apply(Change::Note(ours.clone()));
        store.append(&Change::Note(ours.clone())).unwrap();
        let theirs = {
            let mut omar = Store::open_as(&path, Some("Omar Haddad")).unwrap();
            // Omar's copy as it was before Ana's header reached him.
            let mut before = omar.session.clone();
            before.people.retain(|p| p.id != jose);
            let (his, existed) = before.enrol(Person::new(PersonId(0), "jose perez"));
            assert!(!existed && his != jose);
            let person = before.person(his).unwrap().clone();
            let note = Note::new(
                at("14:11:00"),
                Some(Speaker::Person(his)),
                vec![],
                NoteKind::Remark,
                "chat",
                "Omar Haddad",
            );
            let changes = [
                Change::Person {
                    person,
                    at: at("14:09:00"),
                },
                Change::Note(note.clone()),
                floor("14:11:00", Speaker::Person(his)),
            ];
            omar.store.append_all(&changes).unwrap();
            note
        };
        arrived(&mut app, store.read_others());
        let (reopened, _) = Store::read(&path).unwrap();
        let session = &app.recording.session;
        let named: Vec<&Person> = session
            .roster()
            .filter(|p| fold(&p.name) == "jose perez")
            .collect();
        assert_eq!(named.len(), 1, "{:?}", session.people);
        assert_eq!(named[0].id, jose);
        let speaker = |id| session.note(id).and_then(|n| n.speaker);
        assert_eq!(speaker(ours.id), speaker(theirs.id));
        assert_eq!(
            session.floor.last().and_then(|f| f.speaker),
            speaker(ours.id)
        );
        assert_eq!(session.people, reopened.people);
        assert_eq!(session.notes, reopened.notes);
        assert_eq!(session.floor, reopened.floor);
        assert!(reopened.problems().is_empty(), "{:?}", reopened.problems());
    }
}
