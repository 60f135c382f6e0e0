//! The report as it will be exported, over the report screen. It is rendered by the runtime (the
//! templates may come from the user's directory) and arrives here as lines; only the lines in
//! view are wrapped, so a long final report scrolls as fast as a short one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use crate::report::{Format, Report};

use crate::tui::action::{Action, Move};
use crate::tui::input::keymap::{Keymap, Layer};
use crate::tui::layout::centered;
use crate::tui::widgets::text::wrap;
use crate::tui::widgets::theme::Theme;

pub struct Preview {
    pub report: Report,
    pub format: Format,
    /// None while the runtime renders it; an error if it could not be.
    pub text: Option<Result<Vec<String>, String>>,
    /// The first line in view.
    pub scroll: usize,
}

impl Preview {
    pub fn new(report: Report, format: Format) -> Preview {
        Preview {
            report,
            format,
            text: None,
            scroll: 0,
        }
    }

    pub fn line_count(&self) -> usize {
        match &self.text {
            Some(Ok(lines)) => lines.len(),
            _ => 0,
        }
    }

    pub fn render(
        &self,
        title: &str,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        // The status line stays in view: it tells where an export went.
        let above_status = Rect {
            height: area.height.saturating_sub(2).max(1),
            ..area
        };
        let area = centered(above_status, 110, above_status.height);
        Clear.render(area, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.focused_border())
            .title(Span::styled(format!(" {title} "), theme.title()))
            .title_bottom(Span::styled(
                format!(
                    " {}/{} scroll · {} export · {} format · {} copy · {} closes ",
                    keymap.key_in(Layer::Overlay, &Action::OverlayMove(Move::Up)),
                    keymap.key_in(Layer::Overlay, &Action::OverlayMove(Move::Down)),
                    keymap.key_for(&Action::ExportReport),
                    keymap.key_for(&Action::CycleFormat),
                    keymap.key_for(&Action::CopyReport),
                    keymap.key_in(Layer::Preview, &Action::Back)
                ),
                theme.dim(),
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.is_empty() {
            return;
        }
        let lines: Vec<Line> = match &self.text {
            None => vec![Line::from(Span::styled("Rendering…", theme.dim()))],
            Some(Err(error)) => vec![Line::from(Span::styled(error.clone(), theme.error()))],
            Some(Ok(text)) => {
                let rows = usize::from(inner.height);
                let mut shown = Vec::with_capacity(rows);
                for line in text.iter().skip(self.scroll) {
                    if shown.len() >= rows {
                        break;
                    }
                    shown.extend(wrap(
                        &[(line.clone(), ratatui::style::Style::default())],
                        usize::from(inner.width),
                        0,
                    ));
                }
                shown
            }
        };
        Paragraph::new(lines).render(inner, buf);
    }
}
