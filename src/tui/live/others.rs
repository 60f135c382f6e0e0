//! What the other takers wrote, arriving while the screen is open: their notes, floor changes
//! and roster changes are applied as they come, and the timeline keeps the note the reader was
//! on, wherever the new ones fall in time.

use std::collections::BTreeMap;

use crate::model::{Change, NoteId, SAME_MOMENT, fold};
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
    let mut floor = 0;
    let mut differing = 0;
    for change in news.changes.into_iter().flat_map(Change::flatten) {
        match &change {
            Change::Note(note) => *notes.entry(note.taker.clone()).or_default() += 1,
            Change::Floor(incoming) => {
                floor += 1;
                // Settled by role when the session is next read; until then both are shown.
                let session = &app.recording.session;
                differing += usize::from(session.floor.iter().any(|known| {
                    (known.at - incoming.at).abs() <= SAME_MOMENT
                        && (known.speaker, known.read_by) != (incoming.speaker, incoming.read_by)
                }));
            }
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
            "{differing} of them recorded another speaker for the same moment (`check` lists it)"
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
    let index = app.recording.note_position(id?)?;
    match &app.ui.timeline.shown {
        None => Some(index),
        Some(shown) => shown.binary_search(&index).ok(),
    }
}
