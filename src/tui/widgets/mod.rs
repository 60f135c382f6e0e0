//! Pieces every screen draws with: text measured by display width, the theme, the header and
//! status lines, and the one text-area configuration.

pub(crate) mod bar;
pub(crate) mod header;
pub(crate) mod status;
pub mod text;
pub(crate) mod textarea;
pub(crate) mod theme;
