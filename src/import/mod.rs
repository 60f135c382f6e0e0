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
    #[error(
        "the HTML page {} nests its elements more than {limit} levels deep; save the page as text (select all, copy, paste into a .txt file) and import that",
        path.display()
    )]
    TooDeep { path: PathBuf, limit: usize },
    #[error(
        "{}line {line}: the page has {count} policy questions; a session holds at most 255",
        path_prefix(.path.as_deref())
    )]
    TooManyQuestions {
        path: Option<PathBuf>,
        line: usize,
        count: usize,
    },
}

fn path_prefix(path: Option<&Path>) -> String {
    path.map(|p| format!("{}: ", p.display()))
        .unwrap_or_default()
}

impl ImportError {
    /// The error with the file it is about, for errors found in the text.
    fn in_file(self, file: &Path) -> Self {
        match self {
            ImportError::TooManyQuestions { line, count, .. } => ImportError::TooManyQuestions {
                path: Some(file.to_path_buf()),
                line,
                count,
            },
            other => other,
        }
    }
}

/// Reads a proposal from its text. Never panics: what it cannot read is in the warnings; it fails
/// only on a page that cannot be a session (more policy questions than can be numbered).
pub fn import_text(text: &str) -> Result<Imported, ImportError> {
    let (session, warnings) = parse::read(text)?;
    Ok(Imported { session, warnings })
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
        if html::nesting_deeper_than(&text, html::MAX_NESTING) {
            return Err(ImportError::TooDeep {
                path: path.to_path_buf(),
                limit: html::MAX_NESTING,
            });
        }
        let page_text = html::to_text(&text).map_err(|error| ImportError::Html {
            path: path.to_path_buf(),
            message: error.to_string(),
        })?;
        let mut imported = import_text(&page_text).map_err(|e| e.in_file(path))?;
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
    import_text(&text).map_err(|e| e.in_file(path))
}

/// The proposal of the built-in example session: fictional people, a fictional workshop.
pub const EXAMPLE_PROPOSAL: &str = include_str!("example_proposal.txt");

/// A fictional IGF workshop, for trying the program out and for tests.
pub fn example_session() -> Session {
    import_text(EXAMPLE_PROPOSAL)
        .map(|imported| imported.session)
        .unwrap_or_default()
}
