//! The top two lines: what session this is, what time it is, how far it has gone.

use chrono::{TimeDelta, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::app::App;

use super::text::{fit, width};
use crate::stats::{Until, counting_end, hms};

/// From this long before the planned end, the elapsed time turns to a warning.
const WARN_BEFORE_END: TimeDelta = TimeDelta::minutes(10);

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.ui.theme;
    let info = &app.recording.session.info;
    let title = match (info.code.is_empty(), info.title.is_empty()) {
        (false, false) => format!("{} · {}", info.code, info.title),
        (true, false) => info.title.clone(),
        (false, true) => info.code.clone(),
        (true, true) => "Untitled session".to_string(),
    };
    let mut segment = segment(app);
    if let Some(group) = &app.ui.group {
        // Before the segment: every note typed now carries it.
        segment = format!("group: {} · {segment}", crate::text::visible(group));
    }
    // The segment and the plan matter more during the session than the end of a long title.
    let room = usize::from(area.width).saturating_sub(width(&segment) + 2);
    let first = Line::from(vec![
        Span::styled(fit(&title, room), theme.title()),
        Span::raw("  "),
        Span::styled(segment, theme.key()),
    ]);

    let now = app.recording.now;
    let mut second = clock(app);
    let planned = info
        .planned_minutes()
        .map(|m| TimeDelta::minutes(i64::from(m)));
    match app.recording.session.clock_started {
        Some(started) => {
            let session = &app.recording.session;
            let until = counting_end(session, Until::Moment(now)).unwrap_or(now);
            let elapsed = (until - started).max(TimeDelta::zero());
            let style = match planned {
                Some(p) if elapsed >= p => theme.error(),
                Some(p) if elapsed >= p - WARN_BEFORE_END => theme.warn(),
                _ => theme.ok(),
            };
            let of = planned.map_or(String::new(), |p| format!(" / {}", hms(p)));
            second.push(Span::raw("   "));
            second.push(Span::styled(format!("elapsed {}{of}", hms(elapsed)), style));
            if let Some(ended) = session.ended {
                second.push(Span::styled(
                    format!(" · ended {}", ended.format("%H:%M:%S")),
                    theme.dim(),
                ));
            }
        }
        None => {
            second.push(Span::raw("   "));
            let said = match app.recording.session.ended {
                Some(ended) => format!(
                    "ended {} before its clock started",
                    ended.format("%H:%M:%S")
                ),
                None => {
                    let of = planned.map_or(String::new(), |p| format!(" ({} planned)", hms(p)));
                    let key = app.ui.keymap.key_for(&Action::StartClock);
                    format!("clock not started: {key}{of}")
                }
            };
            second.push(Span::styled(said, theme.dim()));
        }
    }
    Paragraph::new(vec![first, Line::from(second)]).render(area, buf);
}

/// The screen's time: the time now, or the replayed time of `open --clock`, which says so, and
/// says when it is paused and which key runs it on.
fn clock(app: &App) -> Vec<Span<'static>> {
    let theme = &app.ui.theme;
    let now = app.recording.now;
    let utc = now.with_timezone(&Utc).format("%H:%M");
    let Some(replay) = app.recording.replay else {
        return vec![Span::raw(format!(
            "{} (UTC{}) · {utc} UTC",
            now.format("%H:%M:%S"),
            now.format("%:z"),
        ))];
    };
    // Without the offset: the replay's words and key take its room.
    let time = format!(" {} · {utc} UTC", now.format("%H:%M:%S"));
    if replay.is_paused() {
        let key = app.ui.keymap.key_for(&Action::PauseReplay);
        vec![
            Span::styled("replay paused", theme.warn()),
            Span::raw(time),
            Span::styled(format!(" · {key} resumes"), theme.dim()),
        ]
    } else {
        vec![Span::styled("replay", theme.key()), Span::raw(time)]
    }
}

/// "▸ Speakers (2/5) → Debate": where the session is in its plan, and what comes next.
fn segment(app: &App) -> String {
    let plan = app.recording.session.segment_plan();
    match app.recording.session.current_segment() {
        Some(current) => match plan.iter().position(|s| s == current) {
            Some(i) => {
                let next = plan
                    .get(i + 1)
                    .map_or(String::new(), |next| format!(" → {next}"));
                format!("▸ {current} ({}/{}){next}", i + 1, plan.len())
            }
            None => format!("▸ {current}"),
        },
        None => format!(
            "▸ before {} ({})",
            plan.first().map_or("the start", |s| s),
            app.ui.keymap.key_for(&Action::NextSegment)
        ),
    }
}
