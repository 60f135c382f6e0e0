//! `update` is the one place where the app changes: an [`Action`] (a key, the mouse, the clock)
//! or a [`Reply`] (the runtime's answer about a write) goes in, effects (writes) come out. It
//! hands each action to the part of the screen it concerns (`live`, `report`, `overlay`) and
//! keeps the session's recovery file in step.

use std::time::Duration;

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::action::{Action, Effect, Reply};
use super::app::{App, Screen};
use super::layout;
use super::live::{Focus, capture, clock, others, pointer, review};
use super::overlay::form::Form;
use super::overlay::picker::{Picker, Purpose};
use super::overlay::{self, Overlay};
use super::recording::{HeaderDraft, Recovery};
use super::report;
use super::widgets::textarea::{self, new_textarea};

/// How long a passing message stays on the status line if nothing else clears it.
const MESSAGE_FOR: Duration = Duration::from_secs(6);

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if !matches!(action, Action::Tick(_) | Action::Quit) {
        app.recording.saving.stay();
    }
    if !clock::keeps_end_asked(&action) {
        app.ui.end_asked = None;
    }
    let message_before = if is_a_command(&action) {
        app.ui.status.message = None;
        None
    } else {
        app.ui.status.message.clone()
    };
    match action {
        Action::Tick(now) => {
            app.recording.now = match app.recording.replay {
                Some(replay) => replay.now(now.mono),
                None => now.wall,
            };
            app.recording.mono = now.mono;
            if app.recording.saving.recovery_due(now.mono) {
                write_recovery(app, &mut fx);
            }
            fx.extend(app.recording.saving.retries(now.mono));
            super::live::search::look_on(app);
        }
        Action::Resize(width, height) => {
            app.ui.size = Rect::new(0, 0, width, height);
            review::keep_selection_in_view(app);
        }
        Action::Quit => quit(app, &mut fx),
        Action::OthersWrote => fx.push(Effect::ReadOthers),
        Action::SaveBeforeLeaving => {
            report::update::leave_field(app, &mut fx);
            if !app.recording.saving.pending.is_empty() {
                fx.push(Effect::Flush);
            }
            // Whatever was last saved, the recovery file is written again: it is the last chance.
            app.recording.saving.recovery_stale();
            write_recovery(app, &mut fx);
        }
        Action::ToggleHelp => {
            app.ui.overlay = match app.ui.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            }
        }
        Action::SwitchFocus => review::switch_focus(app),
        Action::Back => back(app, &mut fx),
        Action::GiveFloor(speaker) => capture::give_floor(app, Some(speaker), &mut fx),
        Action::GiveFloorTo(key) => capture::give_floor_to(app, key, &mut fx),
        Action::CloseFloor => capture::give_floor(app, None, &mut fx),
        Action::ToggleQuestion(number) => capture::toggle_question(app, number),
        Action::SetKind(kind) => {
            app.ui.editor.kind = kind;
            app.recording.saving.recovery_stale();
        }
        Action::Commit => capture::commit(app, &mut fx),
        Action::Newline => {
            app.ui.editor.text.insert_newline();
            capture::typed(app);
        }
        Action::Type(key) if app.ui.screen == Screen::Report => report::update::type_key(app, key),
        Action::Type(key) => {
            if app.ui.editor.text.input(key) {
                capture::typed(app);
            }
        }
        Action::Paste(text) => paste(app, &text),
        Action::EditText(edit) if app.ui.screen == Screen::Report => {
            report::update::edit_text(app, edit)
        }
        Action::EditText(edit) => {
            if textarea::edit(&mut app.ui.editor.text, edit) {
                capture::typed(app);
            }
        }
        Action::StartClock => capture::start_clock(app, &mut fx),
        Action::PauseReplay => clock::pause_replay(app),
        Action::EndSession => clock::end_session(app, &mut fx),
        Action::ReadOutOnline => capture::read_out_online(app, &mut fx),
        Action::NextSegment => capture::step_segment(app, true, &mut fx),
        Action::PreviousSegment => capture::step_segment(app, false, &mut fx),
        Action::OpenSpeakerPicker => {
            let purpose = if app.ui.editor.editing.is_some() {
                Purpose::NoteSpeaker
            } else {
                Purpose::Floor
            };
            open_picker(app, purpose);
        }
        Action::OpenAbsencePicker => open_picker(app, Purpose::Absence),
        Action::OpenGroupPicker if app.recording.session.groups.is_empty() => {
            app.tell("this session has no break-out groups; `rapporteur group add` makes one")
        }
        Action::OpenGroupPicker => open_picker(app, Purpose::Group),
        Action::OpenAddPerson => app.ui.overlay = Some(Overlay::Form(Box::new(Form::add_person()))),
        Action::OpenParticipation => {
            let form = Form::participation(&app.recording.session.participation);
            app.ui.overlay = Some(Overlay::Form(Box::new(form)));
        }
        Action::ToggleBalance => toggle_balance(app),
        Action::Select(step) => {
            app.ui.focus = Focus::Timeline;
            review::select(app, step);
        }
        Action::EditSelected => review::begin_correction(app),
        Action::DeleteSelected => review::delete_selected(app, &mut fx),
        Action::UndoDelete => review::undo_delete(app, &mut fx),
        Action::OpenSearch => {
            app.ui.overlay = Some(Overlay::Search(new_textarea(&app.ui.timeline.filter.text)))
        }
        Action::OpenSpeakerFilter => open_picker(app, Purpose::SpeakerFilter),
        Action::ToggleQuestionFilter(number) => review::toggle_question_filter(app, number),
        Action::CycleKindFilter => review::cycle_kind_filter(app),
        Action::ClearFilters => {
            app.ui.timeline.filter = Default::default();
            review::refilter(app);
        }
        Action::OverlayMove(step) => overlay::move_in(app, step),
        Action::OverlayAccept => overlay::accept(app, &mut fx),
        Action::OverlayNextField => overlay::next_field(app, true),
        Action::OverlayPreviousField => overlay::next_field(app, false),
        Action::OverlayType(key) => overlay::type_key(app, key),
        Action::Mouse(event) => pointer::mouse(app, event, &mut fx),
        Action::SwitchScreen => report::update::switch_screen(app, &mut fx),
        Action::ReportMove(step) => report::update::report_move(app, step, &mut fx),
        Action::NextPane if app.ui.overlay.is_none() => report::update::next_pane(app, &mut fx),
        Action::NextPane => {}
        Action::EditField => report::update::edit_field(app),
        Action::SaveField => report::update::save_field(app, &mut fx),
        Action::ToggleNotes => report::update::toggle_notes(app),
        Action::PullNote => report::update::pull_note(app),
        Action::PullPassage => report::transcript::pull_passage(app),
        Action::SwitchReport => report::update::switch_report(app, &mut fx),
        Action::CycleFormat => report::update::cycle_format(app, &mut fx),
        Action::OpenPreview => report::update::open_preview(app, &mut fx),
        Action::ExportReport => report::update::export_report(app, &mut fx),
        Action::CopyField => report::update::copy_field(app, &mut fx),
        Action::CopyReport => report::update::copy_report(app, &mut fx),
    }
    after_update(app, message_before);
    fx
}

/// The runtime's answer about an effect it ran: the saving machine reads the store's, the report
/// screen its own.
pub fn reply(app: &mut App, reply: Reply) -> Vec<Effect> {
    let mut fx = Vec::new();
    let message_before = app.ui.status.message.clone();
    let after = app.recording.saving.on_reply(&reply, app.recording.mono);
    if after.all_persisted {
        report::update::persisted(app);
    }
    if after.write_recovery {
        write_recovery(app, &mut fx);
    }
    if let Some(message) = after.message {
        app.tell(message);
    }
    match reply {
        Reply::PreviewReady {
            report,
            format,
            text,
        } => report::update::preview_ready(app, report, format, text),
        Reply::Exported(result) => report::update::exported(app, result),
        Reply::Copied(result) => report::update::copied(app, result),
        Reply::Arrived(news) => others::arrived(app, news),
        Reply::TranscriptRead(result) => report::transcript::read(app, result),
        _ => {}
    }
    after_update(app, message_before);
    fx
}

fn after_update(app: &mut App, message_before: Option<String>) {
    app.recording.count();
    age_the_message(app, message_before);
    show_cursor_where_typing_goes(app);
    report::update::sync(app);
}

/// Whether an action is something the user did that makes the last message stale. Typing is
/// not: a message about a hand-over should outlive the next few characters. Nor is the clock.
fn is_a_command(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick(_)
            | Action::Resize(..)
            | Action::Type(_)
            | Action::Paste(_)
            | Action::Newline
            | Action::OverlayType(_)
            | Action::Mouse(_)
            | Action::OthersWrote
    )
}

/// A new message starts its time on screen now; an old one goes once its time is up.
fn age_the_message(app: &mut App, before: Option<String>) {
    let now = app.recording.mono;
    let status = &mut app.ui.status;
    if status.message.is_none() {
        status.message_since = None;
    } else if status.message != before || status.message_since.is_none() {
        status.message_since = Some(now);
    } else if status
        .message_since
        .is_some_and(|since| now.saturating_duration_since(since) >= MESSAGE_FOR)
    {
        status.message = None;
        status.message_since = None;
    }
}

/// The textarea draws its cursor itself, whether or not it has the keys; a cursor in the editor
/// while the timeline has them would tell the user their typing goes there.
fn show_cursor_where_typing_goes(app: &mut App) {
    let ui = &mut app.ui;
    let typing = ui.screen == Screen::Live && ui.focus == Focus::Editor && ui.overlay.is_none();
    let style = if typing {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    if ui.editor.text.cursor_style() != style {
        ui.editor.text.set_cursor_style(style);
    }
}

/// The panel takes the timeline's place where there is no room for both: the keys go back to
/// the editor, not to notes out of sight.
fn toggle_balance(app: &mut App) {
    app.ui.balance = !app.ui.balance;
    let out_of_sight = layout::live(app.ui.size, app).balance.is_empty();
    if app.ui.balance && out_of_sight && app.ui.focus == Focus::Timeline {
        app.ui.focus = Focus::Editor;
    }
}

fn open_picker(app: &mut App, purpose: Purpose) {
    let picker = Picker::new(purpose, &app.recording.session);
    app.ui.overlay = Some(Overlay::Picker(picker));
}

fn paste(app: &mut App, text: &str) {
    match &mut app.ui.overlay {
        Some(Overlay::Search(area)) => {
            area.insert_str(textarea::pasted_on_one_line(text));
            overlay::search_changed(app);
        }
        Some(_) => {}
        None if app.ui.screen == Screen::Report => report::update::paste(app, text),
        None => {
            app.ui.focus = Focus::Editor;
            app.ui.editor.text.insert_str(textarea::pasted(text));
            capture::typed(app);
        }
    }
}

/// Builds the recovery file from what the editors hold and what is not saved, and asks for it
/// to be written (or removed, when nothing in it would be lost). Only if it is stale.
pub fn write_recovery(app: &mut App, fx: &mut Vec<Effect>) {
    let header_unsaved = app.recording.saving.header_unsaved;
    if !app
        .recording
        .saving
        .take_recovery_write(app.recording.mono, header_unsaved)
    {
        return;
    }
    let editor = &app.ui.editor;
    let mut recovery = match editor.stash.clone() {
        Some(stash) => Recovery {
            correction: Some(Box::new(editor.draft())),
            ..Recovery::of(stash)
        },
        None => Recovery::of(editor.draft()),
    };
    recovery.pending = app.recording.saving.pending.iter().cloned().collect();
    recovery.field = report::update::field_draft(app);
    let session = &app.recording.session;
    recovery.header = header_unsaved.then(|| HeaderDraft {
        people: session.people.clone(),
        clock_started: session.clock_started,
    });
    if recovery.is_empty() {
        fx.push(Effect::ClearDraft);
    } else {
        fx.push(Effect::SaveDraft(recovery));
    }
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(prompt) = app.recording.saving.ask_to_quit() {
        app.tell(prompt);
        return;
    }
    // A field being drafted is saved like any other change; should that write fail, the
    // recovery file written on the failure keeps it. The app leaves once these writes have
    // reported back (`Reply::WritesDone`).
    report::update::leave_field(app, fx);
    write_recovery(app, fx);
}

fn back(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(overlay) = app.ui.overlay.take() {
        if let Overlay::Search(_) = overlay {
            app.ui.timeline.filter.text.clear();
            review::refilter(app);
        }
    } else if app.ui.screen == Screen::Report {
        report::update::back(app, fx);
    } else if app.ui.focus == Focus::Timeline {
        app.ui.focus = Focus::Editor;
    } else if app.ui.editor.editing.is_some() {
        review::end_correction(app);
        app.tell("correction abandoned; the note is as it was");
    }
}
