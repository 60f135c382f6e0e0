//! Turning terminal events into actions, layer by layer: the overlay on top, then the app's
//! chords, then the focused part of the screen. App chords win over the textarea's shortcuts
//! because the textarea only sees what no layer above it claimed.

use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::action::Action;
use super::drafting::{Pane, Screen};
use super::keymap::Layer;
use super::state::{App, Focus, Overlay};

pub fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(mouse) => Some(Action::Mouse(mouse)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    let keymap = &app.keymap;
    let quit = || {
        keymap
            .lookup(Layer::Global, &key)
            .filter(|a| *a == Action::Quit)
    };
    match &app.overlay {
        Some(Overlay::Help { .. }) => keymap
            .lookup(Layer::Help, &key)
            .or_else(|| keymap.lookup(Layer::Overlay, &key))
            .or_else(quit),
        // The report's own chords (export, format, copy) work on its preview too.
        Some(Overlay::Preview(_)) => keymap
            .lookup(Layer::Preview, &key)
            .or_else(|| keymap.lookup(Layer::Overlay, &key))
            .or_else(|| keymap.lookup(Layer::Report, &key))
            .or_else(quit),
        Some(_) => keymap
            .lookup(Layer::Overlay, &key)
            .or_else(quit)
            .or(Some(Action::OverlayType(key))),
        None if app.screen == Screen::Report => keymap
            .lookup(Layer::Report, &key)
            .or_else(|| keymap.lookup(Layer::Global, &key))
            .or_else(|| match app.drafting.pane {
                Pane::Fields => keymap.lookup(Layer::ReportFields, &key),
                Pane::Field => keymap
                    .lookup(Layer::ReportField, &key)
                    .or(Some(Action::Type(key))),
                Pane::Notes => keymap.lookup(Layer::ReportNotes, &key),
            }),
        None => keymap
            .lookup(Layer::Global, &key)
            .or_else(|| match app.focus {
                Focus::Editor => keymap
                    .lookup(Layer::Editor, &key)
                    .or(Some(Action::Type(key))),
                Focus::Timeline => keymap.lookup(Layer::Timeline, &key),
            }),
    }
}
