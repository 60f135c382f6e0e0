//! The session's time on the live screen: pausing the replayed clock with the video it follows,
//! and ending the session.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use crossterm::event::MouseEventKind;

use crate::model::Change;
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;

/// How long a first press of the end chord waits for the second that confirms it.
const CONFIRM_FOR: Duration = Duration::from_secs(6);

/// A first press of the end chord: the moment it was pressed, which the end is recorded at, and
/// when on the monotonic clock, which the confirmation expires by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndAsked {
    pub at: DateTime<FixedOffset>,
    pub mono: Instant,
}

/// Stops the replayed clock, or runs it on; without `open --clock` there is none to stop.
pub fn pause_replay(app: &mut App) {
    let mono = app.recording.mono;
    let Some(replay) = &mut app.recording.replay else {
        app.tell(
            "the screen's clock is the time now: there is no replay clock to pause \
             (open --clock TIME runs one, for a video)",
        );
        return;
    };
    let paused = replay.toggle(mono);
    let now = replay.now(mono);
    app.recording.now = now;
    let key = app.ui.keymap.key_for(&Action::PauseReplay);
    let shown = now.format("%H:%M:%S");
    app.tell(if paused {
        format!("replay paused at {shown}: notes take this time until {key} resumes it")
    } else {
        format!("replay running again from {shown}")
    });
}

/// Ends the session on a second press of the chord, at the moment of the first: an end pressed
/// by accident mid-session would close the floor and stop every count, and the journal has no
/// change that reopens a session, so the chord asks instead of offering an undo.
pub fn end_session(app: &mut App, fx: &mut Vec<Effect>) {
    if refused_after_end(app, "it is over") {
        return;
    }
    let mono = app.recording.mono;
    let asked = app
        .ui
        .end_asked
        .take()
        .filter(|asked| mono.saturating_duration_since(asked.mono) < CONFIRM_FOR);
    let Some(asked) = asked else {
        let at = app.recording.now;
        app.ui.end_asked = Some(EndAsked { at, mono });
        let key = app.ui.keymap.key_for(&Action::EndSession);
        app.tell(format!(
            "end the session at {}? {key} again ends it (the floor closes, time stops); \
             any other key goes on",
            at.format("%H:%M:%S")
        ));
        return;
    };
    app.recording.record(Change::End { at: asked.at }, fx);
    if app.ui.editor.is_blank() && app.ui.editor.editing.is_none() {
        app.ui.editor.speaker = None;
    }
    app.tell(format!(
        "the session ended at {}: the floor is closed and time is counted to then",
        asked.at.format("%H:%M:%S")
    ));
}

/// Says so and answers true when the session has ended: `what` is what stays as it is. Nothing
/// on the screen reopens a session; the command line moves its end.
pub fn refused_after_end(app: &mut App, what: &str) -> bool {
    let Some(ended) = app.recording.session.ended else {
        return false;
    };
    app.tell(format!(
        "the session ended at {}: {what} (`rapporteur end SESSION --at TIME` moves the end)",
        ended.format("%H:%M:%S")
    ));
    true
}

/// Whether an action leaves a first press of the end chord waiting for its second: only time
/// passing, what the app does by itself and a mouse moving over the screen do; anything the user
/// does answers "no".
pub fn keeps_end_asked(action: &Action) -> bool {
    match action {
        Action::Mouse(event) => event.kind == MouseEventKind::Moved,
        action => matches!(
            action,
            Action::Tick(_)
                | Action::Resize(..)
                | Action::OthersWrote
                | Action::SaveBeforeLeaving
                | Action::EndSession
        ),
    }
}
