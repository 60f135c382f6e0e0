//! The help overlay, generated from the keymap: what it shows is what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::keymap::Layer;
use super::picker::centered;
use super::state::App;

fn lines(app: &App, layers: &[Layer]) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for layer in layers {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(layer.title(), theme.title())));
        for binding in app.keymap.layer(*layer) {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>14} ", binding.keys()), theme.key()),
                Span::raw(binding.help),
            ]));
        }
    }
    lines
}

pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let area = centered(area, 150, area.height.saturating_sub(2).max(1));
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.focused_border())
        .title(Span::styled(
            " Keys · ↑/↓ scroll · Esc closes ",
            app.theme.title(),
        ))
        .title_bottom(Span::styled(
            " Notes are saved as you commit them; the text being typed is kept as a draft. ",
            app.theme.dim(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    // Two columns when there is room for both, so the whole table fits on a large terminal.
    let two = inner.width >= 120;
    let columns: Vec<(Rect, Vec<Line>)> = if two {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(inner);
        vec![
            (left, lines(app, &[Layer::Global])),
            (
                right,
                lines(
                    app,
                    &[Layer::Editor, Layer::Timeline, Layer::Overlay, Layer::Help],
                ),
            ),
        ]
    } else {
        vec![(inner, lines(app, &Layer::ALL))]
    };
    for (area, lines) in columns {
        // Wrapping can make the table longer than its lines; let the last line reach the top.
        let max_scroll = (lines.len() as u16).saturating_sub(1);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll.min(max_scroll), 0))
            .render(area, buf);
    }
}
