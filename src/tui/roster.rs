//! Everyone who may take the floor, with their quick key and floor time so far.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::model::{RegionalGroup, Role, Speaker, StakeholderGroup};
use crate::stats;

use super::state::App;
use super::text::{pad, width};

/// The roster's rows: the people in roster order, then the onsite and the online audience.
pub fn entries(app: &App) -> Vec<Speaker> {
    app.roster_speakers()
        .chain([Speaker::Audience, Speaker::Online])
        .collect()
}

/// The key shown before an entry: 1–9 for Alt+1…Alt+9, a and o for the audiences.
fn quick_key(index: usize, speaker: Speaker) -> &'static str {
    const DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match speaker {
        Speaker::Audience => "a",
        Speaker::Online => "o",
        Speaker::Person(_) => DIGITS.get(index).copied().unwrap_or(" "),
    }
}

fn block(app: &App) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border())
        .title(Span::styled(" Roster · Alt+key floor ", app.theme.title()))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let block = block(app);
    let inner = block.inner(area);
    block.render(area, buf);
    let theme = &app.theme;
    let holder = app.session.floor_holder();
    let columns = usize::from(inner.width);
    // Wide enough for the details: role, stakeholder group and region in columns.
    let details = columns >= 56;
    let entries = entries(app);
    let rows = usize::from(inner.height);
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .take(rows)
        .map(|(index, &speaker)| {
            if index + 1 == rows && entries.len() > rows {
                return Line::from(Span::styled(
                    format!("+{} more: Alt+s", entries.len() - index),
                    theme.dim(),
                ));
            }
            let person = match speaker {
                Speaker::Person(id) => app.session.person(id),
                _ => None,
            };
            let absent = person.is_some_and(|p| !p.attended);
            let time = stats::clock(app.floor_time(speaker));
            let key = quick_key(index, speaker);
            let mut name = app.session.speaker_name(speaker);
            if absent {
                name.push_str(" (absent)");
            }
            let mut detail = String::new();
            if let (true, Some(p)) = (details, person) {
                let role = p.roles.first().map_or("", |r| short_role(*r));
                let group = p.stakeholder.map_or("", short_stakeholder);
                let region = p.region.map_or("", short_region);
                detail = format!(" {} {} {}", pad(role, 10), pad(group, 10), pad(region, 8));
            }
            let name_columns = columns.saturating_sub(2 + width(&detail) + 1 + width(&time));
            let text = format!("{key} {}{detail} {time}", pad(&name, name_columns));
            let style = if holder == Some(speaker) {
                theme.floor()
            } else if absent {
                theme.dim()
            } else {
                Style::default()
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// The roster entry under the pointer.
pub fn speaker_at(app: &App, area: Rect, at: Position) -> Option<Speaker> {
    let inner = block(app).inner(area);
    if !inner.contains(at) {
        return None;
    }
    let entries = entries(app);
    let row = usize::from(at.y - inner.y);
    let truncated = entries.len() > usize::from(inner.height);
    if truncated && row + 1 == usize::from(inner.height) {
        return None;
    }
    entries.get(row).copied()
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

fn short_stakeholder(group: StakeholderGroup) -> &'static str {
    match group {
        StakeholderGroup::Government => "Government",
        StakeholderGroup::CivilSociety => "Civil soc.",
        StakeholderGroup::PrivateSector => "Private",
        StakeholderGroup::TechnicalCommunity => "Technical",
        StakeholderGroup::IntergovernmentalOrganization => "IGO",
    }
}

fn short_region(region: RegionalGroup) -> &'static str {
    match region {
        RegionalGroup::African => "African",
        RegionalGroup::AsiaPacific => "Asia-Pac",
        RegionalGroup::EasternEuropean => "EEG",
        RegionalGroup::Grulac => "GRULAC",
        RegionalGroup::Weog => "WEOG",
        RegionalGroup::IntergovernmentalOrganization => "IGO",
    }
}
