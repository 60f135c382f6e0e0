//! What opens over a screen: the help, a picker, the person form, the search line and the
//! report's preview. Each is drawn by its own module; here is what keys do in them.

pub mod form;
pub mod help;
pub mod picker;
pub mod preview;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::model::{Attendance, Speaker};
use crate::report::Figure;
use crate::tui::action::{Action, Effect, Move};
use crate::tui::app::App;
use crate::tui::live::Focus;
use crate::tui::live::capture::{give_floor, give_floor_read_by};
use crate::tui::live::review::refilter;
use crate::tui::report;

use form::{Form, Purpose as FormPurpose};
use picker::{Choice, Picker, Purpose};
use preview::Preview;

pub enum Overlay {
    Help {
        scroll: u16,
    },
    Picker(Picker),
    /// A person added on the spot, or the participation figures.
    Form(Box<Form>),
    Search(TextArea<'static>),
    /// The rendered report, over the report screen.
    Preview(Preview),
}

/// Tab and Shift+Tab in a form.
pub fn next_field(app: &mut App, forward: bool) {
    if let Some(Overlay::Form(form)) = &mut app.ui.overlay {
        let n = form.fields.len();
        form.focus = if forward {
            (form.focus + 1) % n
        } else {
            (form.focus + n - 1) % n
        };
    }
}

pub fn move_in(app: &mut App, step: Move) {
    match &mut app.ui.overlay {
        Some(Overlay::Picker(picker)) => {
            let last = picker.shown.len().saturating_sub(1);
            picker.selected = match step {
                Move::Up => picker.selected.saturating_sub(1),
                Move::Down => (picker.selected + 1).min(last),
                Move::PageUp | Move::First => 0,
                Move::PageDown | Move::Last => last,
            };
        }
        Some(Overlay::Help { scroll }) => {
            *scroll = match step {
                Move::Up => scroll.saturating_sub(1),
                Move::Down => scroll.saturating_add(1),
                Move::PageUp => scroll.saturating_sub(10),
                Move::PageDown => scroll.saturating_add(10),
                Move::First => 0,
                Move::Last => u16::MAX / 2,
            };
        }
        Some(Overlay::Preview(preview)) => {
            let page = usize::from(app.ui.size.height.saturating_sub(4)).max(1);
            report::update::scroll_preview(preview, step, page);
        }
        Some(Overlay::Form(form)) => {
            let n = form.fields.len();
            form.focus = match step {
                Move::Up => (form.focus + n - 1) % n,
                _ => (form.focus + 1) % n,
            };
        }
        _ => {}
    }
}

pub fn type_key(app: &mut App, key: KeyEvent) {
    match &mut app.ui.overlay {
        Some(Overlay::Picker(picker)) => {
            let changed = picker.query.input(key);
            if changed {
                picker.refilter();
            }
        }
        Some(Overlay::Form(form)) => {
            let handled = match key.code {
                KeyCode::Left => form.cycle(false),
                KeyCode::Right => form.cycle(true),
                _ => false,
            };
            if !handled && key.code != KeyCode::Enter {
                let focus = form.focus;
                form.fields[focus].text.input(key);
            }
            form.error = None;
        }
        Some(Overlay::Search(area)) => {
            let changed = key.code != KeyCode::Enter && area.input(key);
            if changed {
                search_changed(app);
            }
        }
        _ => {}
    }
}

pub fn search_changed(app: &mut App) {
    if let Some(Overlay::Search(area)) = &app.ui.overlay {
        app.ui.timeline.filter.text = area.lines().join(" ");
        refilter(app);
    }
}

pub fn accept(app: &mut App, fx: &mut Vec<Effect>) {
    match app.ui.overlay.take() {
        Some(Overlay::Picker(picker)) => {
            let chosen = picker.chosen();
            let speaker = match chosen {
                Some(Choice::Speaker(speaker)) => speaker,
                Some(Choice::Group(group)) => return set_group(app, group),
                None => {
                    app.ui.overlay = Some(Overlay::Picker(picker));
                    return;
                }
            };
            match picker.purpose {
                Purpose::Floor | Purpose::NoteSpeaker => give_floor(app, Some(speaker), fx),
                Purpose::SpeakerFilter => {
                    app.ui.timeline.filter.speaker = Some(speaker);
                    app.ui.focus = Focus::Timeline;
                    refilter(app);
                }
                Purpose::Absence => toggle_absent(app, speaker, fx),
                Purpose::Reader => {
                    let Speaker::Person(reader) = speaker else {
                        return;
                    };
                    give_floor_read_by(app, Some(Speaker::Online), Some(reader), fx);
                }
                Purpose::Group => {}
            }
        }
        Some(Overlay::Form(mut form)) => {
            let done = match form.purpose {
                FormPurpose::AddPerson => add_person(app, &form, fx),
                FormPurpose::Participation => record_participation(app, &form, fx),
            };
            if let Err(error) = done {
                form.error = Some(error);
                app.ui.overlay = Some(Overlay::Form(form));
            }
        }
        Some(Overlay::Search(_)) => app.ui.focus = Focus::Timeline,
        other => app.ui.overlay = other,
    }
}

/// The group the notes typed from now on carry; the header shows it.
fn set_group(app: &mut App, group: Option<String>) {
    app.tell(match &group {
        Some(name) => format!("notes from now on are taken in the break-out group {name}"),
        None => "notes from now on are taken in the plenary, in no group".to_string(),
    });
    app.ui.group = group;
}

fn add_person(app: &mut App, form: &Form, fx: &mut Vec<Effect>) -> Result<(), String> {
    let person = form.person()?;
    let (id, existed) = app.recording.session.enrol(person);
    let name = app
        .recording
        .session
        .person(id)
        .map_or_else(String::new, |p| p.name.clone());
    if !existed {
        // The next free quick key: nobody else's key moves mid-session.
        app.recording.quick_order.push(id);
    }
    app.recording.header_changed(fx);
    let key = app
        .recording
        .roster_speakers()
        .position(|s| s == Speaker::Person(id))
        .map(|i| i + 1)
        .filter(|k| *k <= 9)
        .map_or_else(
            || {
                let keys = &app.ui.keymap;
                format!(
                    " ({} to give the floor)",
                    keys.key_for(&Action::OpenSpeakerPicker)
                )
            },
            |k| {
                let key = app.ui.keymap.key_for(&Action::GiveFloorTo(k));
                format!(" ({key} gives the floor)")
            },
        );
    let what = if existed {
        "was already on the roster; updated"
    } else {
        "added"
    };
    app.ui.status.message = Some(format!("{name} {what}{key}"));
    Ok(())
}

/// The figures recorded as a change, through the journal as the command line records them.
fn record_participation(app: &mut App, form: &Form, fx: &mut Vec<Effect>) -> Result<(), String> {
    let given = form.participation_given()?;
    let session = &app.recording.session;
    if session.participation.updated(&given) == session.participation {
        app.tell("the participation figures are as they were");
        return Ok(());
    }
    let change = session
        .participation_change(given, app.recording.now)
        .map_err(|e| e.to_string())?;
    app.recording.record(change, fx);
    let session = &app.recording.session;
    let figures: Vec<String> = [Figure::Total, Figure::WomenAndGenderDiverse]
        .into_iter()
        .map(|figure| crate::report::participation_figure(session, figure))
        .filter(|text| !text.is_empty())
        .collect();
    app.tell(format!(
        "participation figures recorded: {}",
        figures.join("; ")
    ));
    Ok(())
}

fn toggle_absent(app: &mut App, speaker: Speaker, fx: &mut Vec<Effect>) {
    let Speaker::Person(id) = speaker else {
        return;
    };
    let Some(person) = app.recording.session.person_mut(id) else {
        return;
    };
    let (attendance, word) = if person.marked_absent() {
        (Attendance::Present, "present")
    } else {
        (Attendance::Absent, "absent")
    };
    person.attendance = attendance;
    let message = format!("{} marked {word}", person.name);
    app.ui.status.message = Some(message);
    app.recording.header_changed(fx);
}
