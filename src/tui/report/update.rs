//! The report screen's part of `update`: moving through the fields, editing one, pulling notes
//! into it, and asking the runtime for previews, exports and copies. Called only from
//! `tui::update`, so state still changes in one place.

use crossterm::event::KeyEvent;
use ratatui::style::{Modifier, Style};

use crate::model::Change;
use crate::report::{Form, Format, Report, clipboard};

use crate::tui::action::{Action, Effect, Move, TextEdit};
use crate::tui::app::{App, Screen};
use crate::tui::input::keymap::Layer;
use crate::tui::overlay::Overlay;
use crate::tui::overlay::preview::Preview;
use crate::tui::recording::FieldDraft;

use super::{FieldEditor, Pane};

/// How far a page moves in the lists of fields and notes.
const PAGE: usize = 10;

pub fn switch_screen(app: &mut App, fx: &mut Vec<Effect>) {
    match app.ui.screen {
        Screen::Live => {
            app.ui.screen = Screen::Report;
            // Read afresh each time: a transcript imported since, or a floor recorded since,
            // changes what was said when.
            fx.push(Effect::ReadTranscript);
            let keymap = &app.ui.keymap;
            let message = format!(
                "the {}: {} edits a field · {} back to the notes",
                app.ui.drafting.report_name(),
                keymap.key_in(Layer::ReportFields, &Action::EditField),
                keymap.key_for(&Action::SwitchScreen)
            );
            app.tell(message);
        }
        Screen::Report => {
            leave_field(app, fx);
            app.ui.drafting.pane = Pane::Fields;
            app.ui.screen = Screen::Live;
        }
    }
}

/// Esc on the report screen: out of the notes, out of the field, then back to the live screen.
pub fn back(app: &mut App, fx: &mut Vec<Effect>) {
    match app.ui.drafting.pane {
        Pane::Notes => app.ui.drafting.pane = Pane::Field,
        Pane::Field => {
            leave_field(app, fx);
            app.ui.drafting.pane = Pane::Fields;
        }
        Pane::Fields => switch_screen(app, fx),
    }
}

pub fn next_pane(app: &mut App, fx: &mut Vec<Effect>) {
    let drafting = &mut app.ui.drafting;
    drafting.pane = match drafting.pane {
        Pane::Fields => Pane::Field,
        Pane::Field if drafting.show_notes => Pane::Notes,
        Pane::Field | Pane::Notes => Pane::Fields,
    };
    if drafting.pane == Pane::Fields {
        leave_field(app, fx);
    }
}

pub fn edit_field(app: &mut App) {
    app.ui.drafting.pane = Pane::Field;
}

pub fn report_move(app: &mut App, step: Move, fx: &mut Vec<Effect>) {
    let drafting = &mut app.ui.drafting;
    if drafting.pane == Pane::Notes {
        let count = drafting.field.as_ref().map_or(0, |f| f.notes.len());
        drafting.note_selected = moved(drafting.note_selected, step, count);
        return;
    }
    let next = moved(drafting.selected, step, drafting.field_count());
    if next != drafting.selected {
        leave_field(app, fx);
        app.ui.drafting.selected = next;
        app.ui.drafting.field = None;
        app.ui.drafting.note_selected = 0;
    }
}

fn moved(current: usize, step: Move, count: usize) -> usize {
    let last = count.saturating_sub(1);
    match step {
        Move::Up => current.saturating_sub(1),
        Move::Down => current + 1,
        Move::PageUp => current.saturating_sub(PAGE),
        Move::PageDown => current + PAGE,
        Move::First => 0,
        Move::Last => last,
    }
    .min(last)
}

/// Saves the field if its text changed: through the same journal and retry queue as notes.
pub fn leave_field(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(field) = app.ui.drafting.field.as_mut() else {
        return;
    };
    if !field.changed() {
        return;
    }
    let text = field.content();
    field.saved_text = text.clone();
    field.drafted = true;
    let key = field.key.clone();
    let label = field.label.clone();
    app.ui.status.message = Some(format!("saving “{label}”…"));
    app.ui.drafting.saving = Some(label);
    let at = app.recording.now;
    app.recording
        .record(Change::ReportField { key, text, at }, fx);
    // The draft file no longer needs to carry the field.
    app.recording.saving.recovery_stale();
}

pub fn save_field(app: &mut App, fx: &mut Vec<Effect>) {
    match &app.ui.drafting.field {
        Some(field) if field.changed() => leave_field(app, fx),
        Some(field) => app.ui.status.message = Some(format!("“{}” has no new text", field.label)),
        None => {}
    }
}

/// The store has every pending change: a field on its way there is saved now.
pub fn persisted(app: &mut App) {
    if let Some(label) = app.ui.drafting.saving.take() {
        app.ui.status.message = Some(format!("“{label}” saved"));
    }
}

pub fn type_key(app: &mut App, key: KeyEvent) {
    if let Some(field) = app.ui.drafting.field.as_mut()
        && field.input(key)
    {
        app.recording.saving.recovery_stale();
    }
}

/// Ctrl+w, Ctrl+u, Ctrl+k, Ctrl+z in a field: the note editor's keys, on the same text area.
pub fn edit_text(app: &mut App, edit: TextEdit) {
    let Some(field) = app.ui.drafting.field.as_mut() else {
        return;
    };
    if field.edit(edit) {
        app.recording.saving.recovery_stale();
    } else if edit == TextEdit::Undo && field.text.is_windowed() {
        // Undo doing nothing in a long field is the window's cost, not a broken key: say so.
        let lines = super::window::WINDOW;
        app.tell(format!(
            "nothing more to undo here: a field over {lines} lines is edited {lines} lines at a \
             time, and undo reaches back only to where that part last moved"
        ));
    }
}

pub fn paste(app: &mut App, text: &str) {
    if let Some(field) = app.ui.drafting.field.as_mut() {
        field.paste(text);
        app.ui.drafting.pane = Pane::Field;
        app.recording.saving.recovery_stale();
    }
}

pub fn toggle_notes(app: &mut App) {
    let drafting = &mut app.ui.drafting;
    drafting.show_notes = !drafting.show_notes;
    drafting.pane = if drafting.show_notes {
        Pane::Notes
    } else if drafting.pane == Pane::Notes {
        Pane::Field
    } else {
        drafting.pane
    };
}

/// Appends the selected note, led by who said it, as a paragraph of its own.
pub fn pull_note(app: &mut App) {
    let Some(field) = app.ui.drafting.field.as_mut() else {
        return;
    };
    let note = field
        .notes
        .get(app.ui.drafting.note_selected)
        .and_then(|id| app.recording.session.note(*id));
    let Some(note) = note else {
        let message = format!(
            "no notes behind “{}”; {} shows them when there are",
            field.label,
            app.ui.keymap.key_for(&Action::ToggleNotes)
        );
        app.ui.status.message = Some(message);
        return;
    };
    field.append_paragraph(&crate::report::attributed(&app.recording.session, note));
    app.ui.status.message = Some(format!(
        "pulled the note of {} into “{}”",
        note.at.format("%H:%M:%S"),
        field.label
    ));
    app.recording.saving.recovery_stale();
}

pub fn switch_report(app: &mut App, fx: &mut Vec<Effect>) {
    leave_field(app, fx);
    let drafting = &mut app.ui.drafting;
    drafting.report = match drafting.report {
        Report::Short => Report::Final,
        Report::Final => Report::Short,
    };
    drafting.form = None;
    drafting.field = None;
    drafting.selected = 0;
    drafting.note_selected = 0;
    drafting.pane = Pane::Fields;
    app.ui.status.message = Some(format!("the {}", app.ui.drafting.report_name()));
    refresh_preview(app, fx);
}

pub fn cycle_format(app: &mut App, fx: &mut Vec<Effect>) {
    let drafting = &mut app.ui.drafting;
    drafting.format = drafting.format.next_on_screen();
    app.ui.status.message = Some(format!(
        "preview, export and copy in {}",
        app.ui.drafting.format_name()
    ));
    refresh_preview(app, fx);
}

pub fn open_preview(app: &mut App, fx: &mut Vec<Effect>) {
    if matches!(app.ui.overlay, Some(Overlay::Preview(_))) {
        app.ui.overlay = None;
        return;
    }
    leave_field(app, fx);
    let (report, format) = (app.ui.drafting.report, app.ui.drafting.format);
    app.ui.overlay = Some(Overlay::Preview(Preview::new(report, format)));
    fx.push(Effect::Preview { report, format });
}

/// A preview showing another report or format than the one chosen is rendered again.
fn refresh_preview(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(Overlay::Preview(preview)) = &mut app.ui.overlay {
        let (report, format) = (app.ui.drafting.report, app.ui.drafting.format);
        *preview = Preview::new(report, format);
        fx.push(Effect::Preview { report, format });
    }
}

pub fn preview_ready(app: &mut App, report: Report, format: Format, text: Result<String, String>) {
    if let Some(Overlay::Preview(preview)) = &mut app.ui.overlay
        && preview.report == report
        && preview.format == format
    {
        preview.text = Some(text.map(|t| t.lines().map(String::from).collect()));
    }
}

pub fn scroll_preview(preview: &mut Preview, step: Move, page: usize) {
    let last = preview.line_count().saturating_sub(1);
    preview.scroll = match step {
        Move::Up => preview.scroll.saturating_sub(1),
        Move::Down => preview.scroll + 1,
        Move::PageUp => preview.scroll.saturating_sub(page),
        Move::PageDown => preview.scroll + page,
        Move::First => 0,
        Move::Last => last,
    }
    .min(last);
}

/// `ws422.ron` → `ws422.short.md`, beside it.
pub fn export_path(app: &App) -> Option<std::path::PathBuf> {
    let path = app.recording.path.as_ref()?;
    let name = path.file_name()?.to_string_lossy();
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    Some(path.with_file_name(format!(
        "{stem}.{}.{}",
        app.ui.drafting.report.slug(),
        app.ui.drafting.format.slug()
    )))
}

pub fn export_report(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(path) = export_path(app) else {
        app.ui.status.message = Some("this session has no file to export beside".into());
        return;
    };
    leave_field(app, fx);
    app.ui.status.message = Some(format!("exporting to {}…", path.display()));
    fx.push(Effect::Export {
        report: app.ui.drafting.report,
        format: app.ui.drafting.format,
        path,
    });
}

pub fn exported(app: &mut App, result: Result<std::path::PathBuf, String>) {
    app.ui.status.message = Some(match result {
        Ok(path) => format!(
            "exported the {} to {}",
            app.ui.drafting.report_name(),
            path.display()
        ),
        Err(error) => format!("could not export: {error}"),
    });
}

pub fn copy_field(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(field) = &app.ui.drafting.field else {
        return;
    };
    // Ready to paste into the secretariat's web form: a paragraph a line, whatever line breaks
    // the field was typed with.
    let text = crate::report::paragraphs(&field.content()).join("\n\n");
    fx.push(Effect::Copy {
        sequence: clipboard::osc52_for_terminal(&text),
        chars: text.chars().count(),
    });
}

pub fn copy_report(app: &mut App, fx: &mut Vec<Effect>) {
    leave_field(app, fx);
    fx.push(Effect::CopyReport {
        report: app.ui.drafting.report,
        format: app.ui.drafting.format,
    });
}

pub fn copied(app: &mut App, result: Result<usize, String>) {
    app.ui.status.message = Some(match result {
        Ok(chars) => format!("{chars} characters sent to the terminal to copy (OSC 52)"),
        Err(error) => format!("could not copy: {error}"),
    });
}

/// The field being drafted, for the draft file, if it has text not yet saved.
pub fn field_draft(app: &App) -> Option<FieldDraft> {
    app.ui
        .drafting
        .field
        .as_ref()
        .filter(|f| f.changed())
        .map(|f| FieldDraft {
            key: f.key.clone(),
            text: f.content(),
        })
}

/// After every update: the form is rebuilt if notes or drafts changed since it was built, and
/// the selected field is loaded. Costs nothing when nothing changed.
pub fn sync(app: &mut App) {
    if app.ui.screen != Screen::Report {
        return;
    }
    let versions = (app.recording.notes_version, app.recording.drafts_version);
    let drafting = &mut app.ui.drafting;
    if drafting.form.is_none() || drafting.built_at != versions {
        drafting.form = Some(Form::new(
            &app.recording.session,
            &drafting.profile,
            drafting.report,
        ));
        drafting.built_at = versions;
    }
    let count = drafting.field_count();
    drafting.selected = drafting.selected.min(count.saturating_sub(1));
    if drafting.field.is_none()
        && let Some(field) = drafting.selected_field()
    {
        let hint = drafting.hint_for(&field.key);
        drafting.field = Some(FieldEditor::new(field, hint));
        super::transcript::attach(drafting, &app.recording.session);
    }
    if let Some(field) = drafting.field.as_mut() {
        let typing = drafting.pane == Pane::Field && app.ui.overlay.is_none();
        let style = if typing {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        if field.text.area.cursor_style() != style {
            field.text.area.set_cursor_style(style);
        }
    }
}
