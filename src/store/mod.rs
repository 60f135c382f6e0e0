//! The durable session: a small header file replaced atomically, and a journal of changes that is
//! only appended to and fsync'ed before any caller is told a change is saved.
//!
//! Saving a note reads nothing but the last bytes of the journal, so it costs the same at 10 or
//! 10,000 notes. A torn last record is cut off and kept in a file beside the journal; damage
//! anywhere else stops the load with the file, line and column, and nothing is written.

mod draft;
mod error;
pub(crate) mod files;
mod follow;
mod header;
mod journal;
mod lock;
mod open;
mod paths;
mod shared;
mod upgrade;
mod user_file;
mod writer;

use std::fs::File;
use std::path::Path;

use crate::model::Session;
pub use files::{Links, open_regular, read_regular};
pub use follow::{Follower, News};
use lock::WriterLock;
pub use paths::{SessionPaths, taker_slug};

/// The version of the session files this build writes. Every earlier version stays readable.
pub const FORMAT_VERSION: u32 = 2;

pub(crate) use error::parse_error;
pub use error::{StoreError, StoreWarning};
use open::{format_1_journal, read_journal};
use upgrade::upgrade_format_1;
pub use user_file::{write_atomically, write_user_file};
pub(crate) use writer::create_folder;
use writer::keep_torn_tail;

/// A session opened for writing: holds the writer lock until dropped.
#[derive(Debug)]
pub struct Store {
    paths: SessionPaths,
    journal: File,
    journal_len: u64,
    /// Where a session begun in format 1 keeps its first journal (read, never written).
    format_1_journal: Option<String>,
    /// The taker this copy writes as, when not the session's first (who owns the header).
    joined: Option<String>,
    /// The roster as last saved: what a joined taker's roster changes are told apart from.
    people_saved: Vec<crate::model::Person>,
    /// The other takers' journals, followed from where opening read them to.
    others: Option<follow::Follower>,
    _lock: WriterLock,
}

/// What opening a session yields.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub session: Session,
    pub warnings: Vec<StoreWarning>,
}

fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// The local time now, with its offset.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    crate::clock::now()
}
