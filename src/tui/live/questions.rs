//! The policy questions, how many notes bear on each, and which the next note will carry.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::text::{pad, width};

fn block(app: &App) -> Block<'static> {
    let first = app.ui.keymap.key_for(&Action::ToggleQuestion(1));
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.ui.theme.border())
        .title(Span::styled(
            // Which questions the notes get, until their key is pressed again.
            if app.ui.editor.questions.is_empty() {
                format!(" Policy questions · {first}… ")
            } else {
                format!(" Questions · {first}… · ● on ")
            },
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
    let columns = usize::from(inner.width);
    let lines: Vec<Line> = app
        .recording
        .session
        .questions
        .iter()
        .map(|q| {
            let count = app.recording.stats.question_notes(q.number).to_string();
            let tagged = app.ui.editor.questions.contains(&q.number);
            let mark = if tagged { "●" } else { " " };
            let label = format!("{mark}Q{} ", q.number);
            let room = columns.saturating_sub(width(&label) + width(&count) + 1);
            let style = if tagged {
                app.ui.theme.selected()
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(label, app.ui.theme.key()),
                Span::styled(pad(q.short(), room), style),
                Span::raw(" "),
                Span::styled(count, app.ui.theme.dim()),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}
