//! Which notes the timeline shows under a filter or a search, looked for from the newest note
//! up and only as far as the reader needs.
//!
//! Why this way: a search keystroke must cost the same at 100,000 notes as at 10,000. Settling
//! the whole answer on each key walks every note on some key whatever the trick: narrowing the
//! last answer still walks all of it when a first letter matched most notes, and a stack of
//! earlier answers for Backspace does not help the key that made them. But the screen shows only
//! the newest few dozen matches. So a filter change looks at the newest [`PER_KEY`] notes
//! (enough to fill the screen unless matches are rarer than one in a few hundred); each tick of
//! the clock looks at [`PER_TICK`] more until every note has been seen, the title saying "N+ of
//! M" until then; scrolling up near the oldest match found looks further first; Home looks at
//! all. A change to the notes under the same filter looks again at as many notes as before, so
//! that positions in the timeline keep their meaning. Sessions under [`PER_KEY`] notes see every
//! note on every key, as before.
//!
//! Matches found further up are put above those found before: positions in the timeline count
//! from the oldest shown note, so [`look`] moves the selection and the scroll down by as many.

use std::time::{Duration, Instant};

use crate::model::NoteFilter;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::recording::Recording;

/// Notes looked at by a key that changes the filter: about 60 µs of substring tests.
pub const PER_KEY: usize = 8_192;
/// Notes looked at by each tick of the clock until the answer is whole.
pub const PER_TICK: usize = 4 * PER_KEY;
/// How long an answer waits before a tick looks further: every key press comes with a tick, and
/// while the user types, each key makes a new answer anyway.
const TICK_GAP: Duration = Duration::from_millis(200);

/// How many notes a key and a tick look at.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub per_key: usize,
    pub per_tick: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            per_key: PER_KEY,
            per_tick: PER_TICK,
        }
    }
}

/// The notes that pass a filter, as far as they have been looked for.
#[derive(Debug, Clone)]
pub struct Matches {
    filter: NoteFilter,
    /// The `Recording::notes_version` the positions below are in.
    version: u64,
    /// Positions in `session.notes` of the matching notes looked at, newest first: the ones
    /// found further up are pushed, not inserted.
    newest_first: Vec<usize>,
    /// The notes at positions below this have not been looked at.
    unseen: usize,
    /// When the last look was, on the app's monotonic clock.
    looked: Instant,
}

impl Matches {
    fn new(filter: NoteFilter, recording: &Recording) -> Matches {
        Matches {
            filter,
            version: recording.notes_version,
            newest_first: Vec::new(),
            unseen: recording.session.notes.len(),
            looked: recording.mono,
        }
    }

    pub fn len(&self) -> usize {
        self.newest_first.len()
    }

    /// Whether every note has been looked at.
    pub fn is_whole(&self) -> bool {
        self.unseen == 0
    }

    /// The position in `session.notes` of the `shown`th match, oldest first.
    pub fn note_index(&self, shown: usize) -> usize {
        self.newest_first[self.len() - 1 - shown]
    }

    /// The position among the matches of the note at `index` in `session.notes`, if found.
    pub fn shown(&self, index: usize) -> Option<usize> {
        let from_newest = self
            .newest_first
            .binary_search_by(|probe| index.cmp(probe))
            .ok()?;
        Some(self.len() - 1 - from_newest)
    }

    /// Looks at up to `budget` more notes, newest first; says how many matched.
    fn look(&mut self, recording: &mut Recording, budget: usize) -> usize {
        let matcher = self.filter.matcher();
        let from = self.unseen.saturating_sub(budget);
        if matcher.reads_text() {
            recording.folded_notes(from);
        }
        let notes = &recording.session.notes;
        let folded = &recording.folded.texts;
        let before = self.len();
        self.newest_first.extend(
            (from..self.unseen)
                .rev()
                .filter(|&i| matcher.matches(&notes[i], || folded[i].as_str())),
        );
        self.unseen = from;
        self.looked = recording.mono;
        self.len() - before
    }
}

/// Looks at up to `budget` more notes under the timeline's filter, keeping the selected note
/// and the scroll on the notes they were on.
pub fn look(app: &mut App, budget: usize) {
    let timeline = &mut app.ui.timeline;
    let Some(matches) = timeline.shown.as_mut().filter(|m| !m.is_whole()) else {
        return;
    };
    if matches.version != app.recording.notes_version {
        // A change nobody refiltered after: positions in `matches` are stale.
        return refilter(app);
    }
    let found = matches.look(&mut app.recording, budget);
    timeline.selected = timeline.selected.map(|s| s + found);
    timeline.bottom = timeline.bottom.map(|b| b + found);
}

/// The clock's tick: a little further towards the whole answer, for the count in the title.
pub fn look_on(app: &mut App) {
    let now = app.recording.mono;
    let due = app.ui.timeline.shown.as_ref().is_some_and(|m| {
        now.checked_duration_since(m.looked)
            .is_some_and(|waited| waited >= TICK_GAP)
    });
    if due {
        look(app, app.ui.timeline.budget.per_tick);
    }
}

/// Before moving up to `shown`: looks further when it is within a screen of the oldest match
/// found, so the view above it is not empty while there may be more.
pub fn look_above(app: &mut App, shown: usize) {
    let rows = usize::from(layout::timeline_inner(app).height);
    if shown <= rows {
        look(app, app.ui.timeline.budget.per_key);
    }
}

/// Recomputes which notes pass the filter; only when one is set, so the plain timeline never
/// walks the notes.
pub fn refilter(app: &mut App) {
    let filter = app.ui.timeline.filter.clone();
    let notes = app.recording.session.notes.len();
    let budget = match app.ui.timeline.shown.take() {
        Some(old) if old.filter == filter => notes.saturating_sub(old.unseen),
        _ => app.ui.timeline.budget.per_key,
    };
    app.ui.timeline.shown = (!filter.is_empty()).then(|| {
        let mut matches = Matches::new(filter, &app.recording);
        matches.look(&mut app.recording, budget);
        matches
    });
    let len = app.ui.timeline.len(&app.recording.session);
    let clamp = |i: Option<usize>| i.filter(|_| len > 0).map(|i| i.min(len - 1));
    app.ui.timeline.selected = clamp(app.ui.timeline.selected);
    app.ui.timeline.bottom = clamp(app.ui.timeline.bottom);
    super::review::keep_selection_in_view(app);
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use proptest::prelude::*;

    use super::Budget;
    use crate::model::{Change, Note, NoteKind, Session, fold};
    use crate::tui::action::{Action, Moment, Move};
    use crate::tui::app::App;
    use crate::tui::update::update;
    use crate::tui::widgets::theme::Theme;

    #[derive(Debug, Clone)]
    enum Step {
        Type(char),
        Backspace,
        /// Esc: the search line closes and its words are cleared.
        Clear,
        Tick,
        Select(Move),
        Question(u8),
        /// A note saved while the filter is on.
        Add(String, u8),
        Delete(usize),
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof!["no", "on", "Nöte", "a", "bé", "ab"], 0..4)
            .prop_map(|words| words.join(" "))
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => prop_oneof![Just('n'), Just('o'), Just('a'), Just('b'), Just(' '), Just('É')]
                .prop_map(Step::Type),
            2 => Just(Step::Backspace),
            1 => Just(Step::Clear),
            2 => Just(Step::Tick),
            2 => prop_oneof![
                Just(Move::Up),
                Just(Move::PageUp),
                Just(Move::First),
                Just(Move::Down),
                Just(Move::Last)
            ]
            .prop_map(Step::Select),
            1 => (1u8..3).prop_map(Step::Question),
            1 => (text(), 0u8..3).prop_map(|(t, q)| Step::Add(t, q)),
            1 => any::<usize>().prop_map(Step::Delete),
        ]
    }

    fn start() -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339("2022-11-30T09:30:00+01:00").unwrap()
    }

    fn note(at: i64, text: &str, question: u8) -> Change {
        let questions = if question == 0 {
            vec![]
        } else {
            vec![question]
        };
        Change::Note(Note::new(
            start() + TimeDelta::seconds(at),
            None,
            questions,
            NoteKind::Remark,
            text,
            "t",
        ))
    }

    /// The notes a plain walk over all of them lets through, in `session.notes` order.
    fn every_match(app: &App) -> Vec<usize> {
        let filter = &app.ui.timeline.filter;
        let words: Vec<String> = fold(&filter.text)
            .split_whitespace()
            .map(String::from)
            .collect();
        let notes = &app.recording.session.notes;
        (0..notes.len())
            .filter(|&i| {
                let text = fold(&notes[i].text);
                filter
                    .question
                    .is_none_or(|q| notes[i].questions.contains(&q))
                    && words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    fn shown(app: &App) -> Vec<usize> {
        app.ui.timeline.shown_notes(&app.recording.session)
    }

    fn selected_note(app: &App) -> Option<usize> {
        let timeline = &app.ui.timeline;
        timeline.selected.map(|s| timeline.note_index(s))
    }

    fn key(code: KeyCode) -> Action {
        Action::OverlayType(KeyEvent::new(code, KeyModifiers::NONE))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn the_shown_notes_are_the_newest_of_a_full_scan(
            notes in proptest::collection::vec((text(), 0u8..3), 0..40),
            per_key in 1usize..12,
            per_tick in 1usize..12,
            steps in proptest::collection::vec(step(), 1..40),
        ) {
            let mut session = Session::default();
            for (i, (text, question)) in notes.iter().enumerate() {
                session.apply(note(i as i64, text, *question));
            }
            let mut moment = Moment { wall: start(), mono: std::time::Instant::now() };
            let mut app = App::new(session, moment, Theme { color: false });
            app.ui.timeline.budget = Budget { per_key, per_tick };
            update(&mut app, Action::Resize(60, 14));
            let mut added = notes.len() as i64;
            for step in steps {
                let selected_before = selected_note(&app);
                let whole_before = app.ui.timeline.is_whole();
                let looked_before = app.ui.timeline.shown.as_ref().map(|m| (m.looked, m.unseen));
                match step {
                    Step::Type(_) | Step::Backspace if app.ui.overlay.is_none() => {
                        update(&mut app, Action::OpenSearch);
                    }
                    _ => {}
                }
                match &step {
                    Step::Type(c) => { update(&mut app, key(KeyCode::Char(*c))); }
                    Step::Backspace => { update(&mut app, key(KeyCode::Backspace)); }
                    Step::Clear => {
                        if app.ui.overlay.is_some() {
                            update(&mut app, Action::Back);
                            prop_assert!(app.ui.timeline.filter.text.is_empty());
                        }
                    }
                    Step::Tick => {
                        moment.mono += std::time::Duration::from_millis(150);
                        update(&mut app, Action::Tick(moment));
                    }
                    Step::Select(step) => { update(&mut app, Action::Select(*step)); }
                    Step::Question(q) => { update(&mut app, Action::ToggleQuestionFilter(*q)); }
                    Step::Add(text, q) => {
                        // Later than every note, as a note being taken is.
                        added += 1;
                        let mut fx = Vec::new();
                        app.recording.record(note(added, text, *q), &mut fx);
                        super::refilter(&mut app);
                    }
                    Step::Delete(i) => {
                        let notes = &app.recording.session.notes;
                        if !notes.is_empty() {
                            let id = notes[i % notes.len()].id;
                            let mut fx = Vec::new();
                            let change = Change::Delete { id, at: moment.wall };
                            app.recording.record(change, &mut fx);
                            super::refilter(&mut app);
                        }
                    }
                }
                // The folded texts a search reads are the notes' own.
                let folded = &app.recording.folded;
                if folded.version == Some(app.recording.notes_version) {
                    let notes = &app.recording.session.notes;
                    prop_assert_eq!(folded.texts.len(), notes.len());
                    for (note, text) in notes.iter().zip(&folded.texts).skip(folded.from) {
                        prop_assert_eq!(text, &fold(&note.text));
                    }
                }
                let all = every_match(&app);
                let shown = shown(&app);
                let timeline = &app.ui.timeline;
                match &timeline.shown {
                    None => {
                        prop_assert!(timeline.filter.is_empty());
                        prop_assert_eq!(shown.len(), app.recording.session.notes.len());
                    }
                    Some(matches) => {
                        // Exactly the matches among the notes looked at: the newest ones.
                        let looked: Vec<usize> =
                            all.iter().copied().filter(|&i| i >= matches.unseen).collect();
                        prop_assert_eq!(&shown, &looked);
                        prop_assert_eq!(matches.is_whole(), matches.unseen == 0);
                    }
                }
                let len = shown.len();
                prop_assert!(timeline.selected.is_none_or(|s| s < len));
                prop_assert!(timeline.bottom.is_none_or(|b| b < len));
                if matches!(step, Step::Tick) {
                    // Looking further keeps the reader on the note they were on.
                    prop_assert_eq!(selected_note(&app), selected_before);
                    prop_assert!(app.ui.timeline.is_whole() || !whole_before);
                    // Only once the answer is a while old: typing makes a new one each key.
                    let unseen = app.ui.timeline.shown.as_ref().map(|m| m.unseen);
                    let waited = looked_before.is_none_or(|(at, before)| {
                        moment.mono - at >= super::TICK_GAP || unseen == Some(before)
                    });
                    prop_assert!(waited);
                }
                if matches!(step, Step::Select(Move::First)) {
                    prop_assert!(app.ui.timeline.is_whole());
                    let first = (!shown.is_empty()).then_some(0);
                    prop_assert_eq!(app.ui.timeline.selected, first);
                }
            }
            // The clock's ticks finish the answer.
            for _ in 0..=notes.len() + 40 {
                moment.mono += std::time::Duration::from_millis(250);
                update(&mut app, Action::Tick(moment));
            }
            prop_assert!(app.ui.timeline.is_whole());
            prop_assert_eq!(shown(&app), every_match(&app));
        }
    }
}
