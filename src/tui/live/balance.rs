//! The balance panel: who had the floor by stakeholder group, region, gender and part, with the
//! figure written on every bar; the policy questions with their coverage, those not yet
//! addressed marked in words and in reverse; and who has not spoken yet. Drawn from the figures
//! `Recording::count` keeps, where `layout` puts each part.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::stats::{Coverage, Section, hms};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::layout::{self, Piece, Placed, piece_rows};
use crate::tui::widgets::bar::share_line;
use crate::tui::widgets::text::{fit, pad, width};
use crate::tui::widgets::theme::Theme;

/// What follows a policy question nobody has addressed: the words carry it without colour.
pub const NOT_YET: &str = "not yet";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let balance = &app.recording.balance;
    let inner = layout::inner(area);
    let plan = layout::balance_plan(balance, inner);
    let key = app.ui.keymap.key_for(&Action::ToggleBalance);
    let title = if plan.left_out > 0 {
        format!(" Balance · {key} hides · more in a larger window ")
    } else {
        format!(" Balance of the floor · {key} hides ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()));
    block.render(area, buf);
    for placed in &plan.placed {
        let columns = usize::from(placed.area.width);
        let lines = match placed.piece {
            Piece::Section(i) => match balance.sections.get(i) {
                Some(section) => {
                    let hide = plan.zero_bars_hidden.contains(&i);
                    section_lines(section, hide, columns, theme)
                }
                None => Vec::new(),
            },
            Piece::Questions => question_lines(&balance.questions, columns, theme),
            Piece::NotYetHeard => not_heard_lines(&balance.not_yet_heard, columns, theme),
        };
        let total = piece_rows(balance, placed.piece, &plan.zero_bars_hidden);
        Paragraph::new(cut(lines, placed, total, theme)).render(placed.area, buf);
    }
}

/// The lines that fit, the last saying how many more there are when some do not.
fn cut(
    mut lines: Vec<Line<'static>>,
    placed: &Placed,
    total: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = usize::from(placed.area.height);
    if placed.cut && rows >= 2 {
        lines.truncate(rows - 1);
        let more = total.saturating_sub(rows - 1);
        let text = format!("+{more} more");
        lines.push(Line::from(Span::styled(
            fit(&text, usize::from(placed.area.width)),
            theme.dim(),
        )));
    }
    lines
}

/// The full heading where it fits, else the short one.
fn heading(full: &str, short: &str, columns: usize, theme: &Theme) -> Line<'static> {
    let text = if width(full) <= columns { full } else { short };
    Line::from(Span::styled(fit(text, columns), theme.title()))
}

fn section_lines(
    section: &Section,
    zero_bars_hidden: bool,
    columns: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![heading(section.title, section.short_title, columns, theme)];
    let bars: Vec<_> = section
        .bars
        .iter()
        .filter(|b| !zero_bars_hidden || b.floor > chrono::TimeDelta::zero())
        .collect();
    if bars.is_empty() {
        let nothing = if section.bars.is_empty() {
            "nobody on the roster"
        } else {
            "no floor time yet"
        };
        lines.push(Line::from(Span::styled(fit(nothing, columns), theme.dim())));
        return lines;
    }
    // A label in full where it fits in two fifths of the width, else its short form.
    let most = (columns * 2 / 5).max(10);
    let labels: Vec<&str> = bars
        .iter()
        .map(|b| {
            if width(&b.label) <= most {
                b.label.as_str()
            } else {
                b.short.as_str()
            }
        })
        .collect();
    let label_columns = labels.iter().map(|l| width(l)).max().unwrap_or(0).min(most);
    for (bar, label) in bars.iter().zip(labels) {
        lines.push(share_line(
            label,
            label_columns,
            bar.percent,
            columns,
            theme.ok(),
        ));
    }
    lines
}

fn question_lines(questions: &[Coverage], columns: usize, theme: &Theme) -> Vec<Line<'static>> {
    let open = questions.iter().filter(|q| !q.addressed()).count();
    let (title, short) = match open {
        0 => ("Policy questions".to_string(), "Questions".to_string()),
        n => (
            format!("Policy questions · {n} {NOT_YET}"),
            format!("Questions · {n} {NOT_YET}"),
        ),
    };
    let mut lines = vec![heading(&title, &short, columns, theme)];
    for question in questions {
        let label = if question.title.is_empty() {
            format!("Q{}", question.number)
        } else {
            format!("Q{} {}", question.number, question.title)
        };
        if !question.addressed() {
            let right = format!(" ◆ {NOT_YET}");
            let text = format!(
                "{}{right}",
                pad(&label, columns.saturating_sub(width(&right)))
            );
            lines.push(Line::from(Span::styled(
                fit(&text, columns),
                theme.unaddressed(),
            )));
            continue;
        }
        let plural = if question.notes == 1 { "" } else { "s" };
        let groups: Vec<&str> = question.groups.iter().map(|g| g.short()).collect();
        let details = [
            format!(" {} note{plural}", question.notes),
            format!(" {}", hms(question.floor)),
            format!(" {}", groups.join(", ")),
        ];
        // As much detail as leaves the question a readable title.
        let keep = width(&label).min(12);
        let mut right = String::new();
        for detail in details.iter().filter(|d| !d.trim().is_empty()) {
            if width(&right) + width(detail) + keep <= columns {
                right.push_str(detail);
            } else {
                break;
            }
        }
        lines.push(Line::from(vec![
            Span::raw(pad(&label, columns.saturating_sub(width(&right)))),
            Span::styled(fit(&right, columns), theme.dim()),
        ]));
    }
    lines
}

fn not_heard_lines(names: &[String], columns: usize, theme: &Theme) -> Vec<Line<'static>> {
    if names.is_empty() {
        let all = "Not heard yet: nobody";
        return vec![heading(all, all, columns, theme)];
    }
    let mut lines = vec![heading("Not heard yet", "Not heard yet", columns, theme)];
    lines.extend(names.iter().map(|name| {
        Line::from(Span::styled(
            fit(&format!("· {name}"), columns),
            Style::new(),
        ))
    }));
    lines
}
