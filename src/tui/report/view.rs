//! The report screen: the fields of the chosen report on the left, the selected field's text on
//! the right with its word count against the limit, and the notes behind it below. Drawn from the
//! state alone; the form it reads is rebuilt by `update` when notes or drafts change.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::report::Limits;
use crate::text::visible;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::input::keymap::Layer;
use crate::tui::layout;
use crate::tui::widgets::text::{fit, pad, width};
use crate::tui::widgets::{header, status};

use super::{FieldEditor, Pane, transcript};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = layout::report(area, app);
    header::render(app, areas.header, buf);
    render_fields(app, areas.fields, buf);
    if let Some(field) = &app.ui.drafting.field {
        render_field(app, field, areas.field, buf);
        render_notes(app, field, areas.notes, buf);
    }
    status::render(app, areas.status, buf);
}

fn border(app: &App, focused: bool) -> Style {
    if focused && app.ui.overlay.is_none() {
        app.ui.theme.focused_border()
    } else {
        app.ui.theme.border()
    }
}

/// "45/60", "72/60 OVER", "4/3¶ OVER" when only the paragraphs are too many, or "45 w" where
/// there is no limit: the mark is a word, not a colour.
fn count(words: usize, paragraphs: usize, limits: Limits) -> (String, bool) {
    match limits.broken(words, paragraphs).next() {
        Some(broken) if broken.what == "paragraphs" => {
            (format!("{paragraphs}/{}¶ OVER", broken.limit), true)
        }
        Some(broken) => (format!("{words}/{} OVER", broken.limit), true),
        None => match limits.words {
            Some(limit) => (format!("{words}/{limit}"), false),
            None => (format!("{words} w"), false),
        },
    }
}

fn render_fields(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let drafting = &app.ui.drafting;
    let title = drafting
        .form
        .as_ref()
        .map_or("Report".to_string(), |f| f.title.clone());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border(app, drafting.pane == Pane::Fields))
        .title(Span::styled(format!(" {title} "), theme.title()))
        .title_bottom(items_over(app));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let rows = usize::from(inner.height);
    let first = (drafting.selected + 1).saturating_sub(rows);
    let columns = usize::from(inner.width);
    let lines: Vec<Line> = drafting
        .fields()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, field)| {
            let selected = i == drafting.selected;
            // The selected field is counted as it is being typed.
            let (words, paragraphs, drafted) = match (&drafting.field, selected) {
                (Some(editor), true) => (editor.words, editor.paragraphs, editor.drafted),
                _ => (field.words, field.paragraphs, field.drafted),
            };
            let (count, broken) = count(words, paragraphs, field.limits);
            let marker = if selected { "▸" } else { " " };
            let mark = if drafted { "●" } else { "○" };
            let count_width = width(&count) + 1;
            let label_width = columns.saturating_sub(3 + count_width);
            let style = if selected && drafting.pane == Pane::Fields && app.ui.overlay.is_none() {
                Style::new().add_modifier(Modifier::REVERSED)
            } else if selected {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            let count_style = if broken { theme.error() } else { theme.dim() };
            // "Q2: Accountability" keeps the question's title in view on a narrow list.
            let label = field.label.replace("Policy question ", "Q");
            let text = format!("{marker}{mark} {}", pad(&label, label_width));
            Line::from(vec![
                Span::styled(fit(&text, columns), style),
                Span::styled(format!(" {count}"), count_style.patch(style)),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

/// Too many items in a numbered field ("5/3 Key Takeaways OVER"), else the legend.
fn items_over(app: &App) -> Span<'static> {
    let broken: Vec<String> = app
        .ui
        .drafting
        .form
        .iter()
        .flat_map(|f| &f.groups)
        .flat_map(|g| {
            g.warnings
                .iter()
                .map(|w| format!("{}/{} {} OVER", w.count, w.limit, g.spec.label))
        })
        .collect();
    if broken.is_empty() {
        Span::styled(" ● drafted ○ from notes ", app.ui.theme.dim())
    } else {
        Span::styled(format!(" {} ", broken.join(" · ")), app.ui.theme.error())
    }
}

fn render_field(app: &App, field: &FieldEditor, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let origin = if field.drafted {
        "drafted"
    } else {
        "from the notes"
    };
    let words = match field.limits.words {
        Some(limit) => format!("{}/{limit}", field.words),
        None => field.words.to_string(),
    };
    let mut measure = format!(" {words} words");
    if let Some(limit) = field.limits.paragraphs {
        measure.push_str(&format!(" · {}/{limit} paragraphs", field.paragraphs));
    }
    let broken = field.over();
    let bottom = if broken.is_empty() {
        Span::styled(format!("{measure} "), theme.dim())
    } else {
        Span::styled(format!("{measure} · OVER THE LIMIT ✗ "), theme.error())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border(app, app.ui.drafting.pane == Pane::Field))
        .title(Span::styled(
            format!(" {} · {origin} ", field.label),
            theme.title(),
        ))
        .title_bottom(Line::from(bottom));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let hint_rows = match &field.hint {
        Some(_) if inner.height >= 6 => 2,
        _ => 0,
    };
    let [hint, text] =
        Layout::vertical([Constraint::Length(hint_rows), Constraint::Min(0)]).areas(inner);
    if let Some(hint_text) = field.hint.as_ref().filter(|_| hint_rows > 0) {
        Paragraph::new(Span::styled(hint_text.clone(), theme.dim()))
            .wrap(Wrap { trim: true })
            .render(hint, buf);
    }
    (&field.text.area).render(text, buf);
}

fn render_notes(app: &App, field: &FieldEditor, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let theme = &app.ui.theme;
    let focused = app.ui.drafting.pane == Pane::Notes;
    let said = app.ui.drafting.transcript.as_ref();
    let title = format!(
        " Notes behind this field · {} · {} or {} pulls one in ",
        field.notes.len(),
        app.ui.keymap.key_in(Layer::ReportNotes, &Action::PullNote),
        app.ui.keymap.key_in(Layer::Report, &Action::PullNote)
    );
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(border(app, focused))
        .title(Span::styled(title, theme.title()));
    if let Some(said) = said {
        let version = said
            .version
            .map_or_else(String::new, |v| format!(" ({} version)", v.slug()));
        // The keys first: a narrow pane cuts the end; the file by its name, not its path.
        let source = std::path::Path::new(&said.source)
            .file_name()
            .map_or(said.source.as_str(), |name| {
                name.to_str().unwrap_or_default()
            });
        block = block.title_bottom(Span::styled(
            format!(
                " ↳ said then: {} it · {}{version} ",
                transcript::pull_keys(app),
                visible(source)
            ),
            theme.dim(),
        ));
    }
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if field.notes.is_empty() {
        Paragraph::new(Span::styled(
            "No notes behind this field: it is written from scratch.",
            theme.dim(),
        ))
        .wrap(Wrap { trim: true })
        .render(inner, buf);
        return;
    }
    // With a transcript, each note has a second row: what was said around its time.
    let rows_per_note = if said.is_some() { 2 } else { 1 };
    let shown = (usize::from(inner.height) / rows_per_note).max(1);
    let selected = app.ui.drafting.note_selected;
    let first = (selected + 1).saturating_sub(shown);
    let columns = usize::from(inner.width);
    let session = &app.recording.session;
    let mut lines: Vec<Line> = Vec::with_capacity(shown * rows_per_note);
    // Only the notes in view are looked up.
    for (i, id) in field.notes.iter().enumerate().skip(first).take(shown) {
        let text = match session.note(*id) {
            Some(note) => {
                let speaker = note
                    .speaker
                    .map_or("—".to_string(), |s| session.speaker_name(s));
                let body = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
                format!("{} {speaker}: {body}", note.at.format("%H:%M"))
            }
            None => "(deleted)".to_string(),
        };
        let marker = if i == selected { "▸ " } else { "  " };
        let style = if i == selected && focused && app.ui.overlay.is_none() {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(
            fit(&format!("{marker}{text}"), columns),
            style,
        )));
        if said.is_some() {
            let passage = match field.passages.get(i).and_then(Option::as_ref) {
                Some(passage) => format!("    ↳ {}: {}", passage.who.name(session), passage.text),
                None => "    ↳ (the transcript has nothing at this time)".to_string(),
            };
            lines.push(Line::from(Span::styled(
                fit(&passage, columns),
                theme.dim(),
            )));
        }
    }
    Paragraph::new(lines).render(inner, buf);
}
