//! The screen, drawn from the state alone: no I/O and no changes here.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::drafting::Screen;
use super::state::{App, Overlay};
use super::text::width;
use super::{editor, header, help, questions, report_screen, roster, status, timeline};

/// Where each part of the screen goes; shared by drawing and by the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub header: Rect,
    pub roster: Rect,
    pub questions: Rect,
    pub timeline: Rect,
    pub editor: Rect,
    pub status: Rect,
}

pub fn layout(area: Rect, app: &App) -> Areas {
    let editor_rows = if area.height >= 40 { 7 } else { 4 };
    let [header, body, editor, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(editor_rows),
        Constraint::Length(2),
    ])
    .areas(area);
    // Below 60 columns the timeline gets the whole width; the picker still reaches everyone.
    let side = if area.width >= 60 {
        // 28: room for a name, its key and a floor time with its hours ("0:05:00").
        (area.width / 3).clamp(28, 72)
    } else {
        0
    };
    let [side, timeline] =
        Layout::horizontal([Constraint::Length(side), Constraint::Min(0)]).areas(body);
    let roster_rows = roster::entries(app).len() as u16 + 2;
    let question_rows = (app.session.questions.len() as u16 + 2).min(side.height / 2);
    let [roster, questions] = Layout::vertical([
        Constraint::Max(roster_rows.max(side.height.saturating_sub(question_rows))),
        Constraint::Length(question_rows),
    ])
    .areas(side);
    Areas {
        header,
        roster,
        questions,
        timeline,
        editor,
        status,
    }
}

/// The smallest terminal the screens are drawn in: below it the timeline or the editor would
/// have no row left, and typing would go on unseen.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 12;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Instead of a screen with no room for the notes: what size is needed, and the end of the note
/// being typed, so it is plain that keys still go to the editor.
fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::from(Span::styled(
        format!("window too small (need {MIN_WIDTH}×{MIN_HEIGHT})"),
        app.theme.warn(),
    ))];
    if app.screen == Screen::Live && !app.editor.is_blank() {
        let text = app.editor.content().replace('\n', " ");
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
        match self.screen {
            Screen::Live => {
                let areas = layout(area, self);
                header::render(self, areas.header, buf);
                roster::render(self, areas.roster, buf);
                questions::render(self, areas.questions, buf);
                timeline::render(self, areas.timeline, buf);
                editor::render(self, areas.editor, buf);
                status::render(self, areas.status, buf);
            }
            Screen::Report => report_screen::render(self, area, buf),
        }
        match &self.overlay {
            Some(Overlay::Help { scroll }) => help::render(self, *scroll, area, buf),
            Some(Overlay::Picker(picker)) => picker.render(area, buf, &self.theme),
            Some(Overlay::AddPerson(form)) => form.render(area, buf, &self.theme),
            Some(Overlay::Preview(preview)) => {
                let title = format!(
                    "Preview · {} · {}",
                    self.drafting.report_name(),
                    self.drafting.format_name()
                );
                preview.render(&title, area, buf, &self.theme)
            }
            Some(Overlay::Search(_)) | None => {}
        }
    }
}

/// The textarea draws its own cursor, so the terminal's stays hidden.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(app, frame.area());
}
