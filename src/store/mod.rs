//! The durable session: a small header file replaced atomically, and a journal of changes that is
//! only appended to and fsync'ed before any caller is told a change is saved.
//!
//! Saving a note reads nothing but the last bytes of the journal, so it costs the same at 10 or
//! 10,000 notes. A torn last record is cut off and kept in a file beside the journal; damage
//! anywhere else stops the load with the file, line and column, and nothing is written.

mod header;
mod journal;
mod lock;
mod paths;

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Change, Session};
use header::Header;
use journal::Tail;
use lock::WriterLock;
pub use paths::SessionPaths;

/// The version of the session files this build writes. Every earlier version stays readable.
pub const FORMAT_VERSION: u32 = 1;

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
        }
    }
}

/// A session opened for writing: holds the writer lock until dropped.
#[derive(Debug)]
pub struct Store {
    paths: SessionPaths,
    journal: File,
    journal_len: u64,
    _lock: WriterLock,
}

/// What opening a session yields.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub session: Session,
    pub warnings: Vec<StoreWarning>,
}

impl Store {
    /// Creates the files of a new session; refuses to touch an existing one.
    pub fn create(path: impl AsRef<Path>, session: &Session) -> Result<Store, StoreError> {
        let paths = SessionPaths::new(path);
        if paths.header.exists() || paths.journal.exists() {
            return Err(StoreError::Exists(paths.header.clone()));
        }
        let lock = WriterLock::acquire(&paths.lock, &paths.header)?;
        // The journal first, whole: its preamble and one line a change, so that a session made
        // from another reads like one written live.
        let mut text = journal::PREAMBLE.to_string();
        for change in replayable(session) {
            text.push_str(&journal::encode(&change).map_err(|e| {
                StoreError::io("encode a change", &paths.journal, std::io::Error::other(e))
            })?);
        }
        let io = |e| StoreError::io("create", &paths.journal, e);
        let mut journal = OpenOptions::new()
            .read(true)
            .append(true)
            .create_new(true)
            .open(&paths.journal)
            .map_err(io)?;
        let written = journal
            .write_all(text.as_bytes())
            .and_then(|()| journal.sync_all())
            .map_err(io)
            .and_then(|()| Header::of(session).write(&paths.header));
        if let Err(error) = written {
            // Leave nothing half-made behind.
            let _ = std::fs::remove_file(&paths.journal);
            return Err(error);
        }
        Ok(Store {
            journal_len: text.len() as u64,
            paths,
            journal,
            _lock: lock,
        })
    }

    /// Opens a session for writing and replays its journal.
    pub fn open(path: impl AsRef<Path>) -> Result<Opened, StoreError> {
        let (mut store, header, warnings) = Self::open_writer(path.as_ref())?;
        let mut text = Vec::with_capacity(store.journal_len as usize);
        // Read what the file held when it was opened, and no more: a device or a pipe in the
        // journal's place would otherwise never end.
        store
            .journal
            .seek(SeekFrom::Start(0))
            .and_then(|_| {
                (&store.journal)
                    .take(store.journal_len)
                    .read_to_end(&mut text)
            })
            .map_err(|e| StoreError::io("read", &store.paths.journal, e))?;
        // open_writer has already repaired the tail, and the lock keeps other writers out.
        let (changes, _repaired_tail) = journal::parse(&text, &store.paths.journal)?;
        let session = header.replay(changes);
        Ok(Opened {
            store,
            session,
            warnings,
        })
    }

    /// Opens a session for appending without reading its journal: the session it returns has the
    /// particulars, roster and questions but no notes. This is what makes a note cheap to add.
    pub fn open_for_append(
        path: impl AsRef<Path>,
    ) -> Result<(Store, Session, Vec<StoreWarning>), StoreError> {
        let (store, header, warnings) = Self::open_writer(path.as_ref())?;
        Ok((store, header.into_session(), warnings))
    }

    /// Reads a session without locking or repairing anything: for commands that only look.
    pub fn read(path: impl AsRef<Path>) -> Result<(Session, Vec<StoreWarning>), StoreError> {
        let paths = SessionPaths::new(path);
        let header = Header::read(&paths.header)?;
        let text = std::fs::read(&paths.journal).or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(Vec::new()),
            _ => Err(StoreError::io("read", &paths.journal, e)),
        })?;
        let (changes, torn) = journal::parse(&text, &paths.journal)?;
        let warnings = match torn {
            Some(Tail::Torn { bytes, .. }) => vec![StoreWarning::TornTail {
                journal: paths.journal.clone(),
                bytes: bytes.len(),
                kept: None,
            }],
            _ => Vec::new(),
        };
        Ok((header.replay(changes), warnings))
    }

    fn open_writer(path: &Path) -> Result<(Store, Header, Vec<StoreWarning>), StoreError> {
        let paths = SessionPaths::new(path);
        if !paths.header.exists() {
            return Err(StoreError::NotFound(paths.header.clone()));
        }
        let lock = WriterLock::acquire(&paths.lock, &paths.header)?;
        let header = Header::read(&paths.header)?;
        let io = |e| StoreError::io("open", &paths.journal, e);
        let journal = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&paths.journal)
            .map_err(io)?;
        let journal_len = journal.metadata().map_err(io)?.len();
        let mut store = Store {
            paths,
            journal,
            journal_len,
            _lock: lock,
        };
        let warnings = store.repair_tail()?.into_iter().collect();
        Ok((store, header, warnings))
    }

    /// Makes the journal end in a whole record before anything is appended to it.
    fn repair_tail(&mut self) -> Result<Option<StoreWarning>, StoreError> {
        let path = self.paths.journal.clone();
        match journal::inspect_tail(&mut self.journal, self.journal_len, &path)? {
            Tail::Whole => Ok(None),
            Tail::MissingNewline => {
                self.write_durably(b"\n")?;
                Ok(None)
            }
            Tail::Torn { from, bytes } => {
                let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
                let kept = self.paths.damaged(&stamp);
                let io = |e| StoreError::io("write the damaged bytes", &kept, e);
                let mut file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&kept)
                    .map_err(io)?;
                file.write_all(&bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(io)?;
                // Only once the bytes are safe elsewhere is the journal cut back.
                self.journal
                    .set_len(from)
                    .and_then(|()| self.journal.sync_all())
                    .map_err(|e| StoreError::io("cut off the torn record", &path, e))?;
                self.journal_len = from;
                Ok(Some(StoreWarning::TornTail {
                    journal: path,
                    bytes: bytes.len(),
                    kept: Some(kept),
                }))
            }
        }
    }

    pub fn paths(&self) -> &SessionPaths {
        &self.paths
    }

    /// Appends one change; when this returns Ok the change is on disk.
    pub fn append(&mut self, change: &Change) -> Result<(), StoreError> {
        self.append_all(std::slice::from_ref(change))
    }

    /// Appends several changes as one record: after a crash all of them are on disk, or none
    /// (a torn record is cut off whole).
    pub fn append_all(&mut self, changes: &[Change]) -> Result<(), StoreError> {
        let line = match changes {
            [] => return Ok(()),
            [one] => self.encode(one)?,
            many => self.encode(&Change::Batch(many.to_vec()))?,
        };
        self.write_durably(line.as_bytes())
    }

    fn encode(&self, change: &Change) -> Result<String, StoreError> {
        journal::encode(change).map_err(|e| {
            StoreError::io(
                "encode a change",
                &self.paths.journal,
                std::io::Error::other(e),
            )
        })
    }

    /// Writes and fsyncs, or leaves the journal exactly as long as it was.
    fn write_durably(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        let written = self
            .journal
            .write_all(bytes)
            .and_then(|()| self.journal.sync_data());
        match written {
            Ok(()) => {
                self.journal_len += bytes.len() as u64;
                Ok(())
            }
            Err(error) => {
                // A full disk can leave part of the batch behind: cut it off again.
                let _ = self.journal.set_len(self.journal_len);
                let _ = self.journal.sync_data();
                Err(StoreError::io("save", &self.paths.journal, error))
            }
        }
    }

    /// Replaces the header (particulars, roster, questions, taker, clock) atomically.
    pub fn save_header(&mut self, session: &Session) -> Result<(), StoreError> {
        Header::of(session).write(&self.paths.header)
    }

    /// Saves the text being typed, atomically, beside the session.
    pub fn save_draft<T: Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let path = &self.paths.draft;
        let io = |e| StoreError::io("save the draft", path, e);
        let text = ron::to_string(draft).map_err(|e| io(std::io::Error::other(e)))?;
        write_atomically(path, text.as_bytes()).map_err(io)
    }

    /// The draft left by the last run, if any.
    pub fn load_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, StoreError> {
        let path = &self.paths.draft;
        match std::fs::read_to_string(path) {
            Ok(text) => ron::from_str(&text)
                .map(Some)
                .map_err(|e| parse_error(path, 0, &e, "a draft")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io("read the draft", path, e)),
        }
    }

    /// Moves a draft that could not be read out of the way, so that the next save cannot
    /// overwrite what may still be recovered from it by hand. Returns where it now is.
    pub fn set_aside_draft(&self) -> Result<PathBuf, StoreError> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let kept = self.paths.damaged_draft(&stamp);
        std::fs::rename(&self.paths.draft, &kept)
            .map_err(|e| StoreError::io("move the unreadable draft aside", &self.paths.draft, e))?;
        Ok(kept)
    }

    pub fn clear_draft(&self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.paths.draft) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::io("remove the draft", &self.paths.draft, e))
            }
            _ => Ok(()),
        }
    }
}

/// Replaces a whole file so that it is always either the old or the new version: written to a
/// temporary file, fsync'ed, renamed over the old one, and the directory fsync'ed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = atomic_write_file::AtomicWriteFile::open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The local time now, with its offset.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// The journal changes that recreate what a session holds beyond its header.
fn replayable(session: &Session) -> Vec<Change> {
    let notes = session.notes.iter().cloned().map(Change::Note);
    let floor = session.floor.iter().copied().map(Change::Floor);
    let segments = session.segments.iter().cloned().map(Change::Segment);
    let at = session
        .clock_started
        .or(session.info.start)
        .unwrap_or_else(now);
    let fields = session
        .report_fields
        .iter()
        .map(|(key, text)| Change::ReportField {
            key: key.clone(),
            text: text.clone(),
            at,
        });
    notes.chain(floor).chain(segments).chain(fields).collect()
}
