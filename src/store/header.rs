//! The header file: the session's particulars, roster and policy questions, as pretty RON.
//! Small, and replaced whole through a temporary file and a rename, so it is always either the
//! old or the new version.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::path::Path;

use super::files::{self, Links};
use super::{FORMAT_VERSION, StoreError, parse_error};
use crate::model::{Change, Person, PolicyQuestion, Session, SessionInfo};

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Header {
    pub format: u32,
    #[serde(default)]
    pub taker: String,
    #[serde(default)]
    pub clock_started: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub info: SessionInfo,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub questions: Vec<PolicyQuestion>,
    /// A session begun in format 1 keeps its first journal beside the header, under this name;
    /// it is read, never written again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format_1_journal: Option<String>,
}

/// Only the version, read first, so that a newer file is refused with a clear word rather than a
/// confusing parse error about fields this version does not know.
#[derive(Deserialize)]
#[serde(rename = "session")]
struct VersionOnly {
    format: u32,
}

impl Header {
    pub fn of(session: &Session) -> Self {
        Header {
            format: FORMAT_VERSION,
            taker: session.taker.clone(),
            clock_started: session.clock_started,
            info: session.info.clone(),
            people: session.people.clone(),
            questions: session.questions.clone(),
            format_1_journal: None,
        }
    }

    pub fn into_session(self) -> Session {
        let mut session = Session::default();
        session.info = self.info;
        session.people = self.people;
        session.questions = self.questions;
        session.taker = self.taker;
        session.clock_started = self.clock_started;
        session
    }

    /// The session this header begins, with the journal's changes applied in order.
    pub fn replay(self, changes: Vec<Change>) -> Session {
        let mut session = self.into_session();
        session.replay(changes);
        session
    }

    pub fn read(path: &Path) -> Result<Header, StoreError> {
        let bytes = files::read_regular(path, Links::Follow).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
            _ => StoreError::io("read", path, e),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| StoreError::Parse {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is not UTF-8 text; expected a rapporteur session in RON".to_string(),
        })?;
        let version: VersionOnly =
            ron::from_str(&text).map_err(|e| parse_error(path, 0, &e, EXPECTED))?;
        if version.format > FORMAT_VERSION {
            return Err(StoreError::NewerFormat {
                path: path.to_path_buf(),
                found: version.format,
                supported: FORMAT_VERSION,
            });
        }
        ron::from_str(&text).map_err(|e| parse_error(path, 0, &e, EXPECTED))
    }

    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .depth_limit(6)
            .indentor("  ".to_string());
        let body = ron::ser::to_string_pretty(self, pretty)
            .map_err(|e| StoreError::io("serialise", path, std::io::Error::other(e)))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let text = format!(
            "// rapporteur session {name}: particulars, people and policy questions.\n\
             // Notes are in the journals of its folder, .{name}.d. Format {FORMAT_VERSION}; \
             edit with care.\n{body}\n"
        );
        // A symlinked header is written through: its target is replaced and the link kept.
        files::write_atomically(path, text.as_bytes()).map_err(|e| StoreError::io("write", path, e))
    }

    /// Whether a file reads as a session header (of any version): such a file is never one of
    /// another session's sidecars, and is never moved or removed as one.
    pub fn looks_like_one(bytes: &[u8]) -> bool {
        std::str::from_utf8(bytes)
            .ok()
            .is_some_and(|text| ron::from_str::<VersionOnly>(text).is_ok())
    }
}

/// Whether the first bytes of a file are those of a session header (any version) or of a
/// journal: comments and blank space, then `(format:` (or `session(format:`). Only the start is
/// needed, so a file of any size is told by a bounded read.
pub(super) fn begins_like_session_file(prefix: &[u8]) -> bool {
    let text = String::from_utf8_lossy(prefix);
    if text.starts_with(super::journal::PREAMBLE.trim_end()) {
        return true;
    }
    let mut rest = text.as_ref();
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix("//") {
            Some(comment) => rest = comment.split_once('\n').map_or("", |(_, after)| after),
            None => break,
        }
    }
    let rest = rest.strip_prefix("session").unwrap_or(rest).trim_start();
    rest.strip_prefix('(')
        .map(str::trim_start)
        .and_then(|rest| rest.strip_prefix("format"))
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

const EXPECTED: &str = "a rapporteur session header: (format: N, info: (...), people: [...], ...)";
