//! Where a key press goes. [`action_for`] turns a terminal event into an [`Action`] through the
//! keymap, trying the layers [`active_layers`] gives, top first: the overlay on top, then the
//! app's chords, then the focused part of the screen. App chords win over the text areas'
//! shortcuts because a text area only sees what no layer above it claimed. The hint bar, the help
//! and the keymap's clash test read the same function, so none of them can disagree.

pub mod chord;
pub mod keymap;
pub mod user;

use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::action::Action;
use super::app::{App, Screen};
use super::live::Focus;
use super::overlay;
use super::report::Pane;
use keymap::Layer;

/// How much of a layer is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every binding, and its hints are shown.
    Whole,
    /// Every binding, but the hint bar leaves it to the layer on top (the report's chords
    /// under its preview, the list keys under the help).
    Quiet,
    /// Only quitting: over a picker or the help, the app's other chords would act unseen.
    QuitOnly,
}

/// What a key no layer claims does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Otherwise {
    Nothing,
    /// It is typed into the note or the field being edited.
    Type,
    /// It is typed into the overlay's input (the picker's filter, the form, the search).
    TypeInOverlay,
}

/// The layers that take keys in the app's state, in the order they are tried.
pub(crate) struct Active {
    pub layers: Vec<(Layer, Scope)>,
    pub otherwise: Otherwise,
}

/// Where the keys go, as far as the keymap is concerned: every state of the app falls in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Where {
    Live(Focus),
    Report(Pane),
    Help,
    Preview,
    /// A picker, the person form or the search line.
    Overlay,
}

impl Where {
    pub const ALL: [Where; 8] = [
        Where::Live(Focus::Editor),
        Where::Live(Focus::Timeline),
        Where::Report(Pane::Fields),
        Where::Report(Pane::Field),
        Where::Report(Pane::Notes),
        Where::Help,
        Where::Preview,
        Where::Overlay,
    ];

    pub fn of(app: &App) -> Where {
        match &app.ui.overlay {
            Some(overlay::Overlay::Help { .. }) => Where::Help,
            Some(overlay::Overlay::Preview(_)) => Where::Preview,
            Some(_) => Where::Overlay,
            None if app.ui.screen == Screen::Report => Where::Report(app.ui.drafting.pane),
            None => Where::Live(app.ui.focus),
        }
    }
}

/// The one place that says which keys work now: dispatch, the hint bar and the keymap's clash
/// check all read it.
pub(crate) fn active_layers(app: &App) -> Active {
    layers_in(Where::of(app))
}

/// The layers that take keys in a place, in the order they are tried.
pub(crate) fn layers_in(place: Where) -> Active {
    use Layer::*;
    use Scope::*;
    let (layers, otherwise) = match place {
        Where::Help => (
            vec![(Help, Whole), (Overlay, Quiet), (Global, QuitOnly)],
            Otherwise::Nothing,
        ),
        // The report's own chords (export, format, copy) work on its preview too.
        Where::Preview => (
            vec![
                (Preview, Whole),
                (Overlay, Quiet),
                (Report, Quiet),
                (Global, QuitOnly),
            ],
            Otherwise::Nothing,
        ),
        Where::Overlay => (
            vec![(Overlay, Whole), (Global, QuitOnly)],
            Otherwise::TypeInOverlay,
        ),
        Where::Report(pane) => {
            let (pane, otherwise) = match pane {
                Pane::Fields => (vec![(ReportFields, Whole)], Otherwise::Nothing),
                Pane::Field => (vec![(ReportField, Whole), (Text, Whole)], Otherwise::Type),
                Pane::Notes => (vec![(ReportNotes, Whole)], Otherwise::Nothing),
            };
            let mut layers = vec![(Report, Whole), (Global, Whole)];
            layers.extend(pane);
            (layers, otherwise)
        }
        Where::Live(Focus::Editor) => (
            vec![(Global, Whole), (Editor, Whole), (Text, Whole)],
            Otherwise::Type,
        ),
        Where::Live(Focus::Timeline) => {
            (vec![(Global, Whole), (Timeline, Whole)], Otherwise::Nothing)
        }
    };
    Active { layers, otherwise }
}

pub(crate) fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let keymap = &app.ui.keymap;
    let active = active_layers(app);
    let bound = active.layers.iter().find_map(|(layer, scope)| {
        keymap
            .lookup(*layer, &key)
            .filter(|action| *scope != Scope::QuitOnly || *action == Action::Quit)
    });
    bound.or(match active.otherwise {
        Otherwise::Nothing => None,
        Otherwise::Type => Some(Action::Type(key)),
        Otherwise::TypeInOverlay => Some(Action::OverlayType(key)),
    })
}
