//! `rapporteur stats --timeline`: who spoke when, one line a speaker, as wide as the terminal.

use std::io::IsTerminal;

use rapporteur::model::Session;
use rapporteur::stats::{SpeakingTimeline, hms};
use rapporteur::tui::widgets::text::{pad, width};

/// How wide to draw: the terminal's width, else $COLUMNS, else 80.
pub fn terminal_width() -> usize {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    let columns = || std::env::var("COLUMNS").ok()?.trim().parse().ok();
    terminal.or_else(columns).unwrap_or(80)
}

/// A speaker's name as one line: control characters would move the cursor.
fn printable(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The picture in `columns` columns: a name, a bar of the session's time, the floor time.
pub fn draw(session: &Session, timeline: &SpeakingTimeline, columns: usize) -> String {
    const TIME: usize = 8;
    let longest = timeline
        .lanes
        .iter()
        .map(|lane| width(&printable(&session.speaker_name(lane.speaker))))
        .max()
        .unwrap_or(0);
    let name_width = longest.min(24).min(columns / 3).max(1);
    let bar = columns.saturating_sub(name_width + 3 + TIME).max(1);
    let slice = timeline.length() / i32::try_from(bar).unwrap_or(i32::MAX);
    let time = |at: chrono::DateTime<chrono::FixedOffset>| at.format("%H:%M").to_string();
    let mut out = format!(
        "Who spoke when, {} to {}; a column is {}\n",
        time(timeline.start),
        time(timeline.end),
        hms(slice)
    );
    for lane in &timeline.lanes {
        let name = pad(&printable(&session.speaker_name(lane.speaker)), name_width);
        let cells: String = timeline
            .coverage(lane, bar)
            .iter()
            .map(|share| match share {
                s if *s >= 0.5 => '█',
                s if *s > 0.0 => '▏',
                _ => ' ',
            })
            .collect();
        out += &format!("{name} │{cells}│{:>TIME$}\n", hms(lane.floor));
    }
    // Times under the bar, each starting where it falls, as many as fit without touching.
    let mut axis = vec![' '; bar];
    let ticks = (bar / 12).max(1) + 1;
    for at in timeline.ticks(ticks) {
        let label: Vec<char> = time(at).chars().collect();
        let column = (timeline.position(at) * bar as f64) as usize;
        let start = column.min(bar.saturating_sub(label.len()));
        let free = axis[start..]
            .iter()
            .take(label.len() + 1)
            .all(|c| *c == ' ');
        if start + label.len() <= bar && free {
            axis[start..start + label.len()].copy_from_slice(&label);
        }
    }
    let axis: String = axis.into_iter().collect();
    out += &format!("{} {}\n", " ".repeat(name_width + 1), axis.trim_end());
    out += "█ had the floor for half a column or more; ▏ for less.\n";
    out
}
