//! Where everything goes on screen, and what is under a point: the one place that knows, used by
//! the renderers to draw and by `update` to scroll and to read mouse clicks. Nothing here draws.
//!
//! Only what is in view is laid out (the notes that fit, the roster's window), so a frame and a
//! click cost the same at 10 or 100,000 notes.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use crate::model::{Note, Speaker};
use crate::text::visible;

use super::app::App;
use super::live::Focus;
use super::report::Pane;
use super::widgets::text::wrap;
use super::widgets::theme::{EDITED_MARK, kind_mark};

/// The smallest terminal the screens are drawn in: below it the timeline or the editor would
/// have no row left, and typing would go on unseen.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 12;

mod balance;

pub use balance::{Piece, Placed, balance_plan, piece_rows};

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The area inside a bordered box.
pub fn inner(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

/// A rectangle of at most this size in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

// The live screen.

#[derive(Debug, Clone, Copy, Default)]
pub struct LiveAreas {
    pub header: Rect,
    pub roster: Rect,
    pub questions: Rect,
    pub timeline: Rect,
    /// The balance panel; empty while it is hidden.
    pub balance: Rect,
    pub editor: Rect,
    pub status: Rect,
}

/// From this width the balance panel goes beside the timeline; below it, in its place.
const PANEL_BESIDE_FROM: u16 = 84;

pub fn live(area: Rect, app: &App) -> LiveAreas {
    let editor_rows = if area.height >= 40 { 7 } else { 4 };
    let [header, body, editor, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(editor_rows),
        Constraint::Length(2),
    ])
    .areas(area);
    // Below 60 columns the timeline gets the whole width; the picker still reaches everyone.
    let side = if area.width >= 60 {
        // 28: room for a name, its key and a floor time with its hours ("0:05:00").
        (area.width / 3).clamp(28, 72)
    } else {
        0
    };
    let [side, main] =
        Layout::horizontal([Constraint::Length(side), Constraint::Min(0)]).areas(body);
    // Where there is no room for both, the timeline while it has the keys: they never act on
    // notes out of sight.
    let panel = match (app.ui.balance, app.ui.focus) {
        (false, _) => 0,
        (true, _) if main.width >= PANEL_BESIDE_FROM => (main.width / 2).min(64),
        (true, Focus::Editor) => main.width,
        (true, Focus::Timeline) => 0,
    };
    let [timeline, balance] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(panel)]).areas(main);
    let roster_rows = roster_entries(app).len() as u16 + 2;
    let question_rows = (app.recording.session.questions.len() as u16 + 2).min(side.height / 2);
    let [roster, questions] = Layout::vertical([
        Constraint::Max(roster_rows.max(side.height.saturating_sub(question_rows))),
        Constraint::Length(question_rows),
    ])
    .areas(side);
    LiveAreas {
        header,
        roster,
        questions,
        timeline,
        balance,
        editor,
        status,
    }
}

/// The inside of the timeline's box on the current screen.
pub fn timeline_inner(app: &App) -> Rect {
    inner(live(app.ui.size, app).timeline)
}

// The report screen.

/// Below this width only the focused pane is shown.
const SIDE_BY_SIDE_FROM: u16 = 60;

#[derive(Debug, Clone, Copy, Default)]
pub struct ReportAreas {
    pub header: Rect,
    pub fields: Rect,
    pub field: Rect,
    pub notes: Rect,
    pub status: Rect,
}

pub fn report(area: Rect, app: &App) -> ReportAreas {
    let [header, body, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(2),
    ])
    .areas(area);
    let drafting = &app.ui.drafting;
    let list_width = if area.width >= SIDE_BY_SIDE_FROM {
        (area.width / 3).clamp(26, 48)
    } else if drafting.pane == Pane::Fields {
        area.width
    } else {
        0
    };
    let [fields, right] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(body);
    let notes_rows = if drafting.show_notes {
        right.height / 2
    } else {
        0
    };
    let [field, notes] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(notes_rows)]).areas(right);
    ReportAreas {
        header,
        fields,
        field,
        notes,
        status,
    }
}

// The timeline: notes newest at the bottom, each wrapped under its offset.

/// A note as it reads in the timeline: offset, kind mark, speaker, questions, then the text,
/// wrapped under the offset.
pub fn note_lines(app: &App, note: &Note, columns: u16) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let session = &app.recording.session;
    let offset = match session.origin() {
        Some(origin) => crate::stats::offset(note.at - origin),
        None => note.at.format("%H:%M:%S").to_string(),
    };
    let indent = offset.chars().count() + 1;
    let speaker = note
        .speaker
        .map_or("—".to_string(), |s| session.speaker_name(s));
    let mut spans = vec![
        (format!("{offset} "), theme.dim()),
        (format!("{} ", kind_mark(note.kind)), theme.kind(note.kind)),
    ];
    if crate::tui::live::others::is_others(app, &note.taker) {
        spans.push((format!("‹{}› ", visible(&note.taker)), theme.dim()));
    }
    spans.extend([
        (speaker, theme.speaker()),
        (" ".to_string(), Style::default()),
    ]);
    if !note.questions.is_empty() {
        let tags: Vec<String> = note.questions.iter().map(|q| format!("Q{q}")).collect();
        spans.push((format!("[{}] ", tags.join(" ")), theme.tag()));
    }
    spans.push((note.text.clone(), Style::default()));
    if note.edited.is_some() {
        spans.push((" ".to_string(), Style::default()));
        spans.push((EDITED_MARK.to_string(), theme.edited()));
    }
    wrap(&spans, usize::from(columns), indent)
}

fn shown_note(app: &App, shown: usize) -> &Note {
    &app.recording.session.notes[app.ui.timeline.note_index(shown)]
}

fn note_height(app: &App, shown: usize, columns: u16) -> usize {
    note_lines(app, shown_note(app, shown), columns).len()
}

fn timeline_bottom(app: &App) -> Option<usize> {
    let len = app.ui.timeline.len(&app.recording.session);
    (len > 0).then(|| app.ui.timeline.bottom.unwrap_or(len - 1).min(len - 1))
}

/// The first shown note (at least partly) in view when `bottom` is the last.
pub fn first_visible(app: &App, area: Rect, bottom: usize) -> usize {
    let mut rows = 0;
    let mut first = bottom;
    loop {
        rows += note_height(app, first, area.width);
        if rows >= usize::from(area.height) || first == 0 {
            return first;
        }
        first -= 1;
    }
}

/// The last note in view when `top` is the first, whole, note.
pub fn bottom_for_top(app: &App, area: Rect, top: usize) -> usize {
    let len = app.ui.timeline.len(&app.recording.session);
    let mut rows = 0;
    let mut last = top;
    while last < len {
        rows += note_height(app, last, area.width);
        if rows >= usize::from(area.height) {
            return last;
        }
        last += 1;
    }
    len.saturating_sub(1)
}

/// A note in view: its shown position, first row and lines.
pub struct PlacedNote {
    pub shown: usize,
    pub top: u16,
    pub lines: Vec<Line<'static>>,
}

/// The notes in view, top first. The topmost note may be cut at its top.
pub fn visible_notes(app: &App, area: Rect) -> Vec<PlacedNote> {
    let Some(bottom) = timeline_bottom(app) else {
        return Vec::new();
    };
    let rows = usize::from(area.height);
    let mut notes = Vec::new();
    let mut used = 0;
    let mut shown = bottom;
    while used < rows {
        let mut lines = note_lines(app, shown_note(app, shown), area.width);
        if used + lines.len() > rows {
            lines.drain(..used + lines.len() - rows);
        }
        used += lines.len();
        notes.push((shown, lines));
        if shown == 0 {
            break;
        }
        shown -= 1;
    }
    notes.reverse();
    let mut y = area.y;
    notes
        .into_iter()
        .map(|(shown, lines)| {
            let top = y;
            y += lines.len() as u16;
            PlacedNote { shown, top, lines }
        })
        .collect()
}

/// The shown position of the note under the pointer, in the timeline's inner area.
pub fn note_at(app: &App, area: Rect, at: Position) -> Option<usize> {
    if !area.contains(at) {
        return None;
    }
    visible_notes(app, area)
        .into_iter()
        .find(|n| at.y >= n.top && at.y < n.top + n.lines.len() as u16)
        .map(|n| n.shown)
}

// The roster: a window on the people, then the two audiences, which always have their rows.

/// The roster's entries: the people in quick-key order, then the onsite and the online audience.
pub fn roster_entries(app: &App) -> Vec<Speaker> {
    app.recording
        .roster_speakers()
        .chain([Speaker::Audience, Speaker::Online])
        .collect()
}

pub struct RosterRows {
    pub entries: Vec<Speaker>,
    /// (position in `entries`, first row), top first.
    pub placed: Vec<(usize, u16)>,
    /// Each person takes two rows: the details get a line of their own.
    pub two_lines: bool,
    /// People above and below the window.
    pub above: usize,
    pub below: usize,
}

/// The window keeps the floor holder in view when not everyone fits; the rows left over say how
/// many more there are. `inner` is the inside of the roster's box.
pub fn roster_rows(app: &App, inner: Rect) -> RosterRows {
    let entries = roster_entries(app);
    let people = entries.len() - 2;
    let height = usize::from(inner.height);
    let two_lines = inner.width >= 24 && height >= people * 2 + 2;
    let per_person = if two_lines { 2 } else { 1 };
    let for_people = height.saturating_sub(2);
    let (first, shown) = if people * per_person <= for_people {
        (0, people)
    } else {
        // One row goes to "+N more".
        let shown = for_people.saturating_sub(1);
        let holder = app
            .recording
            .session
            .floor_holder()
            .and_then(|h| entries.iter().position(|e| *e == h))
            .filter(|i| *i < people);
        let first = match holder {
            Some(i) if shown > 0 && i >= shown => i + 1 - shown,
            _ => 0,
        };
        (first, shown)
    };
    let mut placed = Vec::new();
    let mut row = 0u16;
    for index in first..first + shown {
        placed.push((index, inner.y + row));
        row += per_person as u16;
    }
    let hidden = people - shown;
    if hidden > 0 {
        row += 1;
    }
    for index in people..entries.len() {
        if usize::from(row) < height {
            placed.push((index, inner.y + row));
            row += 1;
        }
    }
    RosterRows {
        entries,
        placed,
        two_lines,
        above: first,
        below: hidden - first,
    }
}

/// The roster entry under the pointer; `area` is the roster's box.
pub fn speaker_at(app: &App, area: Rect, at: Position) -> Option<Speaker> {
    let inner = inner(area);
    if !inner.contains(at) {
        return None;
    }
    let rows = roster_rows(app, inner);
    rows.placed.iter().find_map(|&(index, top)| {
        let speaker = rows.entries[index];
        let height = if rows.two_lines && matches!(speaker, Speaker::Person(_)) {
            2
        } else {
            1
        };
        (at.y >= top && at.y < top + height).then_some(speaker)
    })
}

/// The policy question under the pointer on the balance panel; `area` is the panel's box.
pub fn balance_question_at(app: &App, area: Rect, at: Position) -> Option<u8> {
    let balance = &app.recording.balance;
    balance::question_in_panel(balance, &balance_plan(balance, inner(area)), at)
}

/// The number of the policy question under the pointer; `area` is the questions' box.
pub fn question_at(app: &App, area: Rect, at: Position) -> Option<u8> {
    let inner = inner(area);
    if !inner.contains(at) {
        return None;
    }
    app.recording
        .session
        .questions
        .get(usize::from(at.y - inner.y))
        .map(|q| q.number)
}
