//! What can go wrong with a session's files, and what the store repaired or noticed on the way.

use std::path::{Path, PathBuf};

use super::FORMAT_VERSION;

use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such session (create it with `rapporteur new {}`)", .0.display(), .0.display())]
    NotFound(PathBuf),
    #[error("{}: a session is already there; choose another path", .0.display())]
    Exists(PathBuf),
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}: written by a newer rapporteur (format {found}); this version reads formats up to {supported}",
        path.display()
    )]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: already open by {}; close it there first", path.display(), holder(*pid))]
    Locked { path: PathBuf, pid: Option<u32> },
    #[error("{}: {message}", path.display())]
    Taker { path: PathBuf, message: String },
    #[error("{}: will not write there: {reason}", path.display())]
    Refused { path: PathBuf, reason: String },
    #[error("{}: could not {action}: {cause}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: std::io::Error,
    },
}

fn holder(pid: Option<u32>) -> String {
    pid.map_or_else(
        || "another process".to_string(),
        |pid| format!("process {pid}"),
    )
}

impl StoreError {
    pub(crate) fn io(action: &'static str, path: &Path, cause: std::io::Error) -> Self {
        StoreError::Io {
            action,
            path: path.to_path_buf(),
            cause,
        }
    }
}

/// A RON error inside a file, placed at its line: `lines_before` is how many lines of the file
/// come before the text that was parsed.
pub(crate) fn parse_error(
    path: &Path,
    lines_before: usize,
    error: &ron::error::SpannedError,
    expected: &str,
) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: lines_before + error.span.start.line,
        column: error.span.start.col,
        message: format!("{}; expected {expected}", error.code),
    }
}

/// Something the store repaired or noticed while opening a session, to be told to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreWarning {
    /// A record cut short by a crash was removed from the journal and kept in `kept`.
    TornTail {
        journal: PathBuf,
        bytes: usize,
        kept: Option<PathBuf>,
    },
    /// A file in the session's folder that no taker writes (a sync tool's conflict copy).
    NotRead { path: PathBuf },
    /// A session of format 1 (sidecars beside the header) was moved into its folder.
    Upgraded { header: PathBuf, folder: PathBuf },
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreWarning::TornTail {
                journal,
                bytes,
                kept: Some(kept),
            } => write!(
                f,
                "{}: the last record was cut short (a crash while saving); its {bytes} bytes were \
                 moved to {} and every complete note was kept",
                journal.display(),
                kept.display()
            ),
            StoreWarning::TornTail {
                journal,
                bytes,
                kept: None,
            } => write!(
                f,
                "{}: the last record is cut short ({bytes} bytes, a crash while saving); it was \
                 skipped; open the session for writing to move it aside",
                journal.display()
            ),
            StoreWarning::NotRead { path } => write!(
                f,
                "{}: not read: no taker writes a file of that name (a sync tool's copy of a file \
                 changed in two places, perhaps); compare it with the journal it copies, then \
                 remove it",
                path.display()
            ),
            StoreWarning::Upgraded { header, folder } => write!(
                f,
                "{}: upgraded to format {FORMAT_VERSION}: its files are now kept in {} (older \
                 versions of rapporteur can no longer open it)",
                header.display(),
                folder.display()
            ),
        }
    }
}
