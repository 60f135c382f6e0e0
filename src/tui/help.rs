//! The help overlay, generated from the keymap: what it shows is what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::keymap::Layer;
use super::picker::centered;
use super::state::App;
use super::text::{pad, width, wrap};
use ratatui::style::Style;

/// The bindings of some layers as a table: keys in a column as wide as the widest, the
/// description wrapped beside it.
fn lines(app: &App, layers: &[Layer], columns: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let key_columns = layers
        .iter()
        .flat_map(|l| app.keymap.layer(*l))
        .map(|b| width(&b.keys()))
        .max()
        .unwrap_or(0)
        .min(usize::from(columns) / 3);
    let mut lines = Vec::new();
    for layer in layers {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(layer.title(), theme.title())));
        for binding in app.keymap.layer(*layer) {
            let keys = format!("{} ", pad(&binding.keys(), key_columns));
            lines.extend(wrap(
                &[
                    (keys, theme.key()),
                    (binding.help.to_string(), Style::default()),
                ],
                usize::from(columns),
                key_columns + 1,
            ));
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
        let left_layers = [Layer::Global, Layer::Editor, Layer::Timeline];
        let right_layers = [
            Layer::Report,
            Layer::ReportFields,
            Layer::ReportField,
            Layer::ReportNotes,
            Layer::Preview,
            Layer::Overlay,
            Layer::Help,
        ];
        vec![
            (left, lines(app, &left_layers, left.width.saturating_sub(1))),
            (right, lines(app, &right_layers, right.width)),
        ]
    } else {
        vec![(inner, lines(app, &Layer::ALL, inner.width))]
    };
    for (area, lines) in columns {
        let max_scroll = (lines.len() as u16).saturating_sub(area.height);
        Paragraph::new(lines)
            .scroll((scroll.min(max_scroll), 0))
            .render(area, buf);
    }
}
