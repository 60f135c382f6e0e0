//! The app's state: the session being recorded ([`Recording`], with its saving state machine) and
//! the screen around it ([`Ui`]: which screen, focus, overlays, editors, scroll).

use std::time::Instant;

use ratatui::layout::Rect;

use super::action::Moment;
use super::input::keymap::Keymap;
use super::live::clock::EndAsked;
use super::live::{Editor, Focus, Timeline};
use super::overlay::Overlay;
use super::recording::Recording;
use super::report::Drafting;
use super::widgets::theme::Theme;

/// Opaque outside the crate: the program drives it through [`super::step`] and draws it with
/// [`super::draw`].
pub struct App {
    pub(crate) recording: Recording,
    pub(crate) ui: Ui,
}

/// Everything on screen that is not the session.
pub struct Ui {
    pub screen: Screen,
    /// The size of the terminal, for the layout that mouse clicks and scrolling need.
    pub size: Rect,
    pub editor: Editor,
    pub timeline: Timeline,
    pub focus: Focus,
    /// The balance panel is up on the live screen.
    pub balance: bool,
    pub overlay: Option<Overlay>,
    /// The report screen: the form, the field being edited.
    pub drafting: Drafting,
    pub status: Status,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The break-out group the notes typed now are taken in (None: the plenary); the header
    /// shows it.
    pub group: Option<String>,
    /// The end chord was pressed once: a second press ends the session.
    pub end_asked: Option<EndAsked>,
}

/// Which screen is up: the live one (notes) or the report one (drafting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Live,
    Report,
}

#[derive(Debug, Default)]
pub struct Status {
    /// A passing message: what was just done, or a notice given at start. It goes with the
    /// next action other than typing, or a few seconds after it was first shown.
    pub message: Option<String>,
    /// When the message was first seen by `update`.
    pub message_since: Option<Instant>,
}

impl App {
    pub(crate) fn new(session: crate::model::Session, at: Moment, theme: Theme) -> Self {
        let recording = Recording::new(session, at);
        let editor = Editor {
            speaker: recording.session.floor_holder(),
            ..Editor::default()
        };
        App {
            recording,
            ui: Ui {
                screen: Screen::Live,
                size: Rect::new(0, 0, 80, 24),
                editor,
                timeline: Timeline::default(),
                focus: Focus::Editor,
                balance: false,
                overlay: None,
                drafting: Drafting::built_in(),
                status: Status::default(),
                keymap: Keymap::default(),
                theme,
                group: None,
                end_asked: None,
            },
        }
    }

    /// Everything is saved, or the user chose to leave without it: the loop ends.
    pub(crate) fn has_quit(&self) -> bool {
        self.recording.saving.has_quit()
    }

    /// A passing message on the status line.
    pub(crate) fn tell(&mut self, message: impl Into<String>) {
        self.ui.status.message = Some(message.into());
    }
}
