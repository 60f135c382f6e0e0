//! Colours, or none: with NO_COLOR set, emphasis is carried by bold, reverse and dim alone.

use ratatui::style::{Color, Modifier, Style};

use crate::model::NoteKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless NO_COLOR is set to anything non-empty (no-color.org).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn title(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn border(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn focused_border(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn floor(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn selected(&self) -> Style {
        self.pick(
            Style::new().bg(Color::Blue).fg(Color::White),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn speaker(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn tag(&self) -> Style {
        self.pick(Style::new().fg(Color::Magenta), Style::new())
    }

    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn warn(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The "edited" mark after a note: set apart from the note's own words even without colour.
    pub fn edited(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
        )
    }

    /// A policy question nobody has addressed yet: it must stand out even without colour (a
    /// text mark goes with it).
    pub fn unaddressed(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn ok(&self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn kind(&self, kind: NoteKind) -> Style {
        let color = match kind {
            NoteKind::Remark => return self.dim(),
            NoteKind::Question => Color::LightBlue,
            NoteKind::Quote => Color::LightMagenta,
            NoteKind::Takeaway => Color::LightGreen,
            NoteKind::CallToAction => Color::LightRed,
        };
        self.pick(
            Style::new().fg(color).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}

/// What follows a corrected note in the timeline; the pencil keeps it apart from the text.
pub const EDITED_MARK: &str = "✎ edited";

/// The one-character mark of a note's kind in the timeline; ASCII so its width is never in doubt.
pub fn kind_mark(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Remark => "-",
        NoteKind::Question => "?",
        NoteKind::Quote => "\"",
        NoteKind::Takeaway => "*",
        NoteKind::CallToAction => "!",
    }
}
