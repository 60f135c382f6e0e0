//! A list to choose from, narrowed by typing: speakers (for rosters longer than nine, for
//! filtering the timeline by speaker, and for marking people absent) or break-out groups.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::{Session, Speaker, fold};

use crate::tui::layout::centered;
use crate::tui::widgets::text::fit;
use crate::tui::widgets::textarea::new_textarea;
use crate::tui::widgets::theme::Theme;

/// What choosing does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Floor,
    /// Set the speaker of the note being corrected.
    NoteSpeaker,
    SpeakerFilter,
    Absence,
    /// Who read out the online audience's turn.
    Reader,
    /// The break-out group the notes typed from now on are taken in.
    Group,
}

/// What an item of the list stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Speaker(Speaker),
    /// A break-out group by name; None is the plenary, no group.
    Group(Option<String>),
}

pub struct Picker {
    pub purpose: Purpose,
    pub items: Vec<Item>,
    pub query: TextArea<'static>,
    /// Positions in `items` of those that match the query.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub selected: usize,
}

pub struct Item {
    pub choice: Choice,
    pub label: String,
    pub detail: String,
    /// Folded once, so filtering does not fold on every key.
    folded: String,
}

impl Picker {
    pub fn new(purpose: Purpose, session: &Session) -> Self {
        if purpose == Purpose::Group {
            return Self::of(purpose, groups(session));
        }
        let people = session.roster().map(|p| {
            let mut detail = Vec::new();
            if p.marked_absent() {
                detail.push("absent".to_string());
            }
            detail.extend(p.affiliation.clone());
            detail.extend(p.roles.iter().map(|r| r.label().to_string()));
            (
                Choice::Speaker(Speaker::Person(p.id)),
                p.name.clone(),
                detail.join(", "),
            )
        });
        let audiences = [Speaker::Audience, Speaker::Online]
            .into_iter()
            .filter(|_| !matches!(purpose, Purpose::Absence | Purpose::Reader))
            .map(|s| (Choice::Speaker(s), session.speaker_name(s), String::new()));
        Self::of(purpose, people.chain(audiences).collect())
    }

    fn of(purpose: Purpose, items: Vec<(Choice, String, String)>) -> Self {
        let items: Vec<Item> = items
            .into_iter()
            .map(|(choice, label, detail)| Item {
                folded: fold(&format!("{label} {detail}")),
                choice,
                label,
                detail,
            })
            .collect();
        let shown = (0..items.len()).collect();
        Picker {
            purpose,
            items,
            query: new_textarea(""),
            shown,
            selected: 0,
        }
    }

    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Floor => "Give the floor to",
            Purpose::NoteSpeaker => "The note's speaker",
            Purpose::SpeakerFilter => "Show the notes of",
            Purpose::Absence => "Mark absent or present",
            Purpose::Reader => "Who read out the online audience's turn?",
            Purpose::Group => "Notes from now on are taken in",
        }
    }

    /// Narrows the list to the items whose folded name holds every word typed.
    pub fn refilter(&mut self) {
        let query = fold(&self.query.lines().join(" "));
        self.shown = (0..self.items.len())
            .filter(|&i| query.split(' ').all(|w| self.items[i].folded.contains(w)))
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    pub fn chosen(&self) -> Option<Choice> {
        self.shown
            .get(self.selected)
            .map(|&i| self.items[i].choice.clone())
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = area.width.min(60);
        let height = area.height.min(self.items.len() as u16 + 4);
        let area = centered(area, width, height);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focused_border())
            .title(Span::styled(format!(" {} ", self.title()), theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let query = self.query.lines().join(" ");
        Paragraph::new(Line::from(vec![
            Span::styled("filter: ", theme.dim()),
            Span::raw(query),
            Span::styled("▏", theme.key()),
        ]))
        .render(Rect { height: 1, ..inner }, buf);
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let rows = usize::from(list.height);
        let first = self.selected.saturating_sub(rows.saturating_sub(1));
        let lines: Vec<Line> = self
            .shown
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .map(|(pos, &i)| {
                let item = &self.items[i];
                let style = if pos == self.selected {
                    theme.selected()
                } else {
                    ratatui::style::Style::default()
                };
                let label = fit(&item.label, usize::from(list.width));
                let room = usize::from(list.width)
                    .saturating_sub(ratatui::text::Span::raw(&label).width() + 2);
                Line::from(vec![
                    Span::styled(label, style),
                    Span::raw("  "),
                    Span::styled(fit(&item.detail, room), theme.dim()),
                ])
            })
            .collect();
        Paragraph::new(lines).render(list, buf);
    }
}

/// The plenary first, then the session's groups with their members and taker.
fn groups(session: &Session) -> Vec<(Choice, String, String)> {
    let plenary = (
        Choice::Group(None),
        "No group (the plenary)".to_string(),
        String::new(),
    );
    let groups = session.groups.iter().map(|group| {
        let mut detail: Vec<String> = group
            .members
            .iter()
            .map(|id| session.speaker_name(Speaker::Person(*id)))
            .collect();
        detail.extend(group.taker.as_ref().map(|t| format!("notes: {t}")));
        (
            Choice::Group(Some(group.name.clone())),
            group.name.clone(),
            detail.join(", "),
        )
    });
    std::iter::once(plenary).chain(groups).collect()
}
