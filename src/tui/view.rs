//! The screen, drawn from the state alone: no I/O and no changes here. Where things go is
//! `layout`'s; each part draws itself in the area it is given, overlays last (z-order).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Screen};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH, too_small};
use super::live::{balance, editor, questions, roster, timeline};
use super::overlay::{Overlay, help};
use super::report;
use super::widgets::text::width;
use super::widgets::{header, status};

/// Instead of a screen with no room for the notes: what size is needed, and the end of the note
/// being typed, so it is plain that keys still go to the editor.
fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::from(Span::styled(
        format!("window too small (need {MIN_WIDTH}×{MIN_HEIGHT})"),
        app.ui.theme.warn(),
    ))];
    if app.ui.screen == Screen::Live && !app.ui.editor.is_blank() {
        let text = app.ui.editor.content().replace('\n', " ");
        let room = usize::from(area.width).saturating_sub(1).max(1);
        let tail: String = {
            let chars: Vec<char> = text.chars().collect();
            let mut start = chars.len();
            let mut used = 0;
            while start > 0 {
                let w = width(&chars[start - 1].to_string());
                if used + w > room {
                    break;
                }
                used += w;
                start -= 1;
            }
            chars[start..].iter().collect()
        };
        lines.push(Line::from(format!("{tail}▏")));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            render_too_small(self, area, buf);
            return;
        }
        match self.ui.screen {
            Screen::Live => {
                let areas = layout::live(area, self);
                header::render(self, areas.header, buf);
                roster::render(self, areas.roster, buf);
                questions::render(self, areas.questions, buf);
                timeline::render(self, areas.timeline, buf);
                balance::render(self, areas.balance, buf);
                editor::render(self, areas.editor, buf);
                status::render(self, areas.status, buf);
            }
            Screen::Report => report::view::render(self, area, buf),
        }
        match &self.ui.overlay {
            Some(Overlay::Help { scroll }) => help::render(self, *scroll, area, buf),
            Some(Overlay::Picker(picker)) => picker.render(area, buf, &self.ui.theme),
            Some(Overlay::Form(form)) => form.render(area, buf, &self.ui.theme, &self.ui.keymap),
            Some(Overlay::Preview(preview)) => {
                let title = format!(
                    "Preview · {} · {}",
                    self.ui.drafting.report_name(),
                    self.ui.drafting.format_name()
                );
                preview.render(&title, area, buf, &self.ui.theme, &self.ui.keymap)
            }
            Some(Overlay::Search(_)) | None => {}
        }
    }
}

/// The textarea draws its own cursor, so the terminal's stays hidden.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(app, frame.area());
}
