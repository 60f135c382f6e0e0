//! Everyone who may take the floor, with their quick key and floor time so far.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::model::{Role, Speaker};
use crate::stats;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::input::keymap::Keymap;
use crate::tui::layout::{self, RosterRows};
use crate::tui::widgets::text::{fit, pad, width};

/// The key shown before an entry, without the modifiers the title names: 1 for Alt+1, a and o
/// for the audiences; blank for someone without a quick key.
fn quick_key(keymap: &Keymap, index: usize, speaker: Speaker) -> String {
    let action = match speaker {
        Speaker::Person(_) => Action::GiveFloorTo(index + 1),
        audience => Action::GiveFloor(audience),
    };
    keymap
        .key_if_any(&action)
        .map_or(" ".to_string(), |key| Keymap::key_part(&key).to_string())
}

fn block(app: &App) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.ui.theme.border())
        .title(Span::styled(
            format!(
                " Roster · {}key floor ",
                app.ui.keymap.modifiers_for(&Action::GiveFloorTo(1))
            ),
            app.ui.theme.title(),
        ))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let block = block(app);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let holder = app.recording.session.floor_holder();
    let columns = usize::from(inner.width);
    let RosterRows {
        entries,
        placed,
        two_lines,
        above,
        below,
    } = layout::roster_rows(app, inner);
    // Without a line of their own, the details go in columns when there is room.
    let inline_details = !two_lines && columns >= 56;
    // Too narrow for " (absent)" after the name: it takes the place of the floor time.
    let absent_in_time = columns < 40;
    let mut lines: Vec<Line> = Vec::new();
    for &(index, row) in &placed {
        let speaker = entries[index];
        if matches!(speaker, Speaker::Audience) && above + below > 0 {
            let pick = app.ui.keymap.key_for(&Action::OpenSpeakerPicker);
            let more = match (above, below) {
                (0, b) => format!("↓{b} more: {pick}"),
                (a, 0) => format!("↑{a} more: {pick}"),
                (a, b) => format!("↑{a} ↓{b} more: {pick}"),
            };
            lines.push(Line::from(Span::styled(fit(&more, columns), theme.dim())));
        }
        let person = match speaker {
            Speaker::Person(id) => app.recording.session.person(id),
            _ => None,
        };
        let absent = person.is_some_and(|p| p.marked_absent());
        let mut time = stats::hms(app.recording.floor_time(speaker));
        let key = if absent {
            " ".to_string()
        } else {
            quick_key(&app.ui.keymap, index, speaker)
        };
        let session = &app.recording.session;
        // The reader of the turn has a line of their own where the row under it is free: the
        // online audience's, the last entry, usually is.
        let room_under = row + 1 < inner.bottom() && index + 1 == entries.len();
        let reader = super::capture::reader_now(session, speaker).filter(|_| room_under);
        let mut name = match reader {
            Some(_) => session.speaker_name(speaker),
            None => super::capture::floor_label(session, speaker),
        };
        if absent && absent_in_time {
            time = "absent".into();
        } else if absent {
            name.push_str(" (absent)");
        }
        let mut detail = String::new();
        if let (true, Some(p)) = (inline_details, person) {
            let role = p.roles.first().map_or("", |r| short_role(*r));
            let group = p.stakeholder.map_or("", |g| g.short());
            let region = p.region.map_or("", |r| r.short());
            detail = format!(" {} {} {}", pad(role, 10), pad(group, 10), pad(region, 8));
        }
        let name_columns =
            columns.saturating_sub(width(&key) + 1 + width(&detail) + 1 + width(&time));
        let text = format!("{key} {}{detail} {time}", pad(&name, name_columns));
        let style = if holder == Some(speaker) {
            theme.floor()
        } else if absent {
            theme.dim()
        } else {
            Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
        if let Some(reader) = reader {
            let text = format!("  read out by {reader}");
            lines.push(Line::from(Span::styled(fit(&text, columns), theme.dim())));
        }
        if let (true, Some(p)) = (two_lines, person) {
            let parts: Vec<String> = p
                .roles
                .iter()
                .map(|r| r.label().to_string())
                .chain(p.stakeholder.map(|g| g.label().to_string()))
                .chain(p.region.map(|r| r.short().to_string()))
                .chain(p.affiliation.clone())
                .collect();
            let text = format!("  {}", parts.join(" · "));
            lines.push(Line::from(Span::styled(fit(&text, columns), theme.dim())));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

fn short_role(role: Role) -> &'static str {
    match role {
        Role::Organizer => "Organizer",
        Role::Speaker => "Speaker",
        Role::OnsiteModerator => "Moderator",
        Role::OnlineModerator => "Online mod",
        Role::Rapporteur => "Rapporteur",
    }
}
