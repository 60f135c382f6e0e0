//! The help overlay, generated from the keymap: what it shows is what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::model::NoteKind;

use crate::tui::action::{Action, Move};
use crate::tui::app::App;
use crate::tui::input::keymap::Layer;
use crate::tui::layout::centered;
use crate::tui::widgets::text::{pad, width, wrap};
use crate::tui::widgets::theme::{EDITED_MARK, kind_mark};
use ratatui::style::Style;

/// The bindings of some layers as a table: keys in a column as wide as the widest, the
/// description wrapped beside it.
fn lines(app: &App, layers: &[Layer], columns: u16) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let key_columns = layers
        .iter()
        .flat_map(|l| app.ui.keymap.layer(*l))
        .map(|b| width(&b.keys()))
        .max()
        .unwrap_or(0)
        .min(usize::from(columns) / 3);
    let mut lines = Vec::new();
    for layer in layers {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            app.ui.keymap.title(*layer),
            theme.title(),
        )));
        for binding in app.ui.keymap.layer(*layer) {
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

/// What the marks in the timeline mean, from the same functions that draw them, and the plan
/// of the session's segments.
fn legend(app: &App, columns: u16) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = vec![
        Line::default(),
        Line::from(Span::styled("Marks in the timeline", theme.title())),
    ];
    for kind in NoteKind::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", kind_mark(*kind)), theme.kind(*kind)),
            Span::raw(kind.label().to_lowercase()),
        ]));
    }
    lines.extend(wrap(
        &[
            (format!("{EDITED_MARK} "), theme.edited()),
            (
                "after the text: the note was corrected; not part of what was said".to_string(),
                Style::default(),
            ),
        ],
        usize::from(columns),
        2,
    ));
    let plan = app.recording.session.segment_plan();
    let current = app.recording.session.current_segment();
    let steps: Vec<String> = plan
        .iter()
        .map(|s| {
            if Some(s.as_str()) == current {
                format!("[{s}]")
            } else {
                s.clone()
            }
        })
        .collect();
    lines.push(Line::default());
    let keymap = &app.ui.keymap;
    lines.push(Line::from(Span::styled(
        format!(
            "The session's plan ({} / {})",
            keymap.key_for(&Action::NextSegment),
            keymap.key_for(&Action::PreviousSegment)
        ),
        theme.title(),
    )));
    lines.extend(wrap(
        &[(steps.join(" → "), Style::default())],
        usize::from(columns),
        0,
    ));
    lines
}

/// The keys of some layers, with the legend after the timeline's.
fn section(app: &App, layers: &[Layer], columns: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut rest = layers;
    while let Some(at) = rest.iter().position(|l| *l == Layer::Timeline) {
        out.extend(lines(app, &rest[..=at], columns));
        out.extend(legend(app, columns));
        out.push(Line::default());
        rest = &rest[at + 1..];
    }
    out.extend(lines(app, rest, columns));
    out
}

pub fn render(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) {
    let keymap = &app.ui.keymap;
    let area = centered(area, 150, area.height.saturating_sub(2).max(1));
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.ui.theme.focused_border())
        .title(Span::styled(
            format!(
                " Keys · {}/{} scroll · {} closes ",
                keymap.key_in(Layer::Overlay, &Action::OverlayMove(Move::Up)),
                keymap.key_in(Layer::Overlay, &Action::OverlayMove(Move::Down)),
                keymap.key_in(Layer::Help, &Action::ToggleHelp)
            ),
            app.ui.theme.title(),
        ))
        .title_bottom(Span::styled(
            " Notes are saved as you commit them; the text being typed is kept as a draft. ",
            app.ui.theme.dim(),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    // Two columns when there is room for both, so the whole table fits on a large terminal.
    let two = inner.width >= 120;
    let columns: Vec<(Rect, Vec<Line>)> = if two {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(inner);
        // The live screen's layers on the left, the report's and the overlays' on the right.
        let (left_layers, right_layers) = Layer::ALL.split_at(4);
        vec![
            (left, lines(app, left_layers, left.width.saturating_sub(1))),
            (right, {
                // The marks first: the report's keys matter less during the session.
                let mut right_lines = legend(app, right.width);
                right_lines.remove(0);
                right_lines.push(Line::default());
                right_lines.extend(lines(app, right_layers, right.width));
                right_lines
            }),
        ]
    } else {
        vec![(inner, section(app, &Layer::ALL, inner.width))]
    };
    for (area, lines) in columns {
        let max_scroll = (lines.len() as u16).saturating_sub(area.height);
        Paragraph::new(lines)
            .scroll((scroll.min(max_scroll), 0))
            .render(area, buf);
    }
}
