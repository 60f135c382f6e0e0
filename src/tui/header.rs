//! The top two lines: what session this is, what time it is, how far it has gone.

use chrono::{TimeDelta, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::state::App;

/// From this long before the planned end, the elapsed time turns to a warning.
const WARN_BEFORE_END: TimeDelta = TimeDelta::minutes(10);

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let info = &app.session.info;
    let title = match (info.code.is_empty(), info.title.is_empty()) {
        (false, false) => format!("{} · {}", info.code, info.title),
        (true, false) => info.title.clone(),
        (false, true) => info.code.clone(),
        (true, true) => "Untitled session".to_string(),
    };
    let plan = app.session.segment_plan();
    let segment = match app.session.current_segment() {
        Some(current) => {
            let position = plan.iter().position(|s| s == current);
            match position {
                Some(i) => format!("{current} ({}/{})", i + 1, plan.len()),
                None => current.to_string(),
            }
        }
        None => format!("before {}", plan.first().map_or("the start", |s| s)),
    };
    let first = Line::from(vec![
        Span::styled(title, theme.title()),
        Span::raw("  "),
        Span::styled(format!("▸ {segment}"), theme.key()),
    ]);

    let now = app.now;
    let mut second = vec![Span::raw(format!(
        "{} (UTC{}) · {} UTC",
        now.format("%H:%M:%S"),
        now.format("%:z"),
        now.with_timezone(&Utc).format("%H:%M")
    ))];
    let planned = info
        .planned_minutes()
        .map(|m| TimeDelta::minutes(i64::from(m)));
    match app.session.clock_started {
        Some(started) => {
            let elapsed = (now - started).max(TimeDelta::zero());
            let style = match planned {
                Some(p) if elapsed >= p => theme.error(),
                Some(p) if elapsed >= p - WARN_BEFORE_END => theme.warn(),
                _ => theme.ok(),
            };
            let of = planned.map_or(String::new(), |p| format!(" / {}", hms(p)));
            second.push(Span::raw("   "));
            second.push(Span::styled(format!("elapsed {}{of}", hms(elapsed)), style));
        }
        None => {
            second.push(Span::raw("   "));
            let of = planned.map_or(String::new(), |p| format!(" ({} planned)", hms(p)));
            second.push(Span::styled(
                format!("clock not started: Alt+g{of}"),
                theme.dim(),
            ));
        }
    }
    Paragraph::new(vec![first, Line::from(second)]).render(area, buf);
}

/// "1:05:09": hours always shown, so the elapsed time does not change width at the hour.
pub fn hms(duration: TimeDelta) -> String {
    let seconds = duration.num_seconds();
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}
