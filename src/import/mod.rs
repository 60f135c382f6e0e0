//! Proposal text → [`Session`]: reads an IGF session page, as copied from the web or saved as
//! HTML, into the session's particulars, roster and policy questions, with a warning for every
//! part it could not read. It never invents data: what it cannot place is kept as text.

mod date_line;
mod headings;
pub(crate) mod html;
mod lines;
mod parse;
mod people;
mod questions;
mod roles;
mod schedule;
mod sdgs;
mod zone;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::Session;

/// A session read from a proposal page, and what could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub session: Session,
    pub warnings: Vec<ImportWarning>,
}

/// Something the importer could not read, or read only by guessing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// 1-based line of the text (of the HTML page's text, for HTML files).
    pub line: usize,
    pub message: String,
}

impl ImportWarning {
    pub(crate) fn new(line: usize, message: impl Into<String>) -> Self {
        ImportWarning {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A proposal file that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the proposal {}: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("the proposal {} is not UTF-8 text (byte {valid_up_to} is not); save it as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, valid_up_to: usize },
    #[error("cannot turn the HTML page {} into text: {message}", path.display())]
    Html { path: PathBuf, message: String },
}

/// Reads a proposal from its text. Never fails and never panics: what it cannot read is in the
/// warnings.
pub fn import_text(text: &str) -> Imported {
    let (session, warnings) = parse::read(text);
    Imported { session, warnings }
}

/// Reads a proposal file: text, or an HTML page (by its extension or its first bytes).
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let bytes = crate::store::read_regular(path, crate::store::Links::Follow).map_err(|cause| {
        ImportError::Read {
            path: path.to_path_buf(),
            cause,
        }
    })?;
    let text = String::from_utf8(bytes).map_err(|error| ImportError::NotUtf8 {
        path: path.to_path_buf(),
        valid_up_to: error.utf8_error().valid_up_to(),
    })?;
    let extension = path.extension().and_then(|e| e.to_str());
    if html::is_html(extension, &text) {
        let page_text = html::to_text(&text).map_err(|error| ImportError::Html {
            path: path.to_path_buf(),
            message: error.to_string(),
        })?;
        let mut imported = import_text(&page_text);
        // The HTML parser drops them before the text is read, so they are told about here.
        if let Some(line) = text
            .lines()
            .position(|l| l.contains(lines::is_stray_control))
        {
            imported.warnings.insert(
                0,
                ImportWarning::new(
                    1,
                    format!(
                        "control characters (such as ESC or BEL) removed from the page (first on line {} of the HTML file)",
                        line + 1
                    ),
                ),
            );
        }
        return Ok(imported);
    }
    Ok(import_text(&text))
}

/// The proposal of the built-in example session: fictional people, a fictional workshop.
pub const EXAMPLE_PROPOSAL: &str = include_str!("example_proposal.txt");

/// A fictional IGF workshop, for trying the program out and for tests.
pub fn example_session() -> Session {
    import_text(EXAMPLE_PROPOSAL).session
}
