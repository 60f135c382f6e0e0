//! Pieces every screen draws with: text measured by display width, the theme, the header and
//! status lines, and the one text-area configuration.

pub mod bar;
pub mod header;
pub mod status;
pub mod text;
pub mod textarea;
pub mod theme;
