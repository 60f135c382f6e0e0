//! The durable session: a small header file replaced atomically, and a journal of changes that is
//! only appended to and fsync'ed before any caller is told a change is saved.
//!
//! Saving a note reads nothing but the last bytes of the journal, so it costs the same at 10 or
//! 10,000 notes. A torn last record is cut off and kept in a file beside the journal; damage
//! anywhere else stops the load with the file, line and column, and nothing is written.

pub(crate) mod files;
mod header;
mod journal;
mod lock;
mod paths;
mod shared;

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{Change, Session};
pub use files::{Links, open_regular, read_regular};
use header::Header;
use journal::Tail;
use lock::WriterLock;
pub use paths::{SessionPaths, taker_slug};

/// The version of the session files this build writes. Every earlier version stays readable.
pub const FORMAT_VERSION: u32 = 2;

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

impl Store {
    /// Creates the files of a new session; refuses to touch an existing one. On failure (a full
    /// disk, say) nothing it made is left behind.
    pub fn create(path: impl AsRef<Path>, session: &Session) -> Result<Store, StoreError> {
        Self::create_from(path, session, &replayable(session))
    }

    /// Creates a new session from a header (`session`'s particulars, roster and questions) and
    /// the changes its journal begins with: how a merge keeps every edit and deletion.
    pub fn create_from(
        path: impl AsRef<Path>,
        session: &Session,
        changes: &[Change],
    ) -> Result<Store, StoreError> {
        let paths = SessionPaths::new(path);
        let format_1 = SessionPaths::format_1(&paths.header);
        if exists(&paths.header) || exists(&paths.folder) || exists(&format_1.journal) {
            return Err(StoreError::Exists(paths.header.clone()));
        }
        std::fs::create_dir(&paths.folder)
            .map_err(|e| StoreError::io("create the session's folder", &paths.folder, e))?;
        let made = Self::create_in_folder(paths.clone(), session, changes);
        if made.is_err() {
            // Only what this call made: the folder was new, so everything in it is ours.
            let _ = std::fs::remove_dir_all(&paths.folder);
        }
        made
    }

    fn create_in_folder(
        paths: SessionPaths,
        session: &Session,
        changes: &[Change],
    ) -> Result<Store, StoreError> {
        let lock = WriterLock::acquire(&paths.lock, &paths.header)?;
        // The journal first, whole: its preamble and one line a change, so that a session made
        // from another reads like one written live.
        let mut text = journal::PREAMBLE.to_string();
        for change in changes {
            text.push_str(&journal::encode(change).map_err(|e| {
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
        journal
            .write_all(text.as_bytes())
            .and_then(|()| journal.sync_all())
            .map_err(io)?;
        Header::of(session).write(&paths.header)?;
        Ok(Store {
            journal_len: text.len() as u64,
            paths,
            journal,
            format_1_journal: None,
            joined: None,
            people_saved: session.people.clone(),
            _lock: lock,
        })
    }

    /// Opens a session for writing as its first taker and replays every taker's journal.
    pub fn open(path: impl AsRef<Path>) -> Result<Opened, StoreError> {
        Self::open_as(path, None)
    }

    /// Opens a session for writing as `taker` (the first taker when None or when it names the
    /// header's taker) and replays every taker's journal, united.
    pub fn open_as(path: impl AsRef<Path>, taker: Option<&str>) -> Result<Opened, StoreError> {
        let (mut store, header, mut warnings) = Self::open_writer(path.as_ref(), taker)?;
        // open_writer has already repaired this taker's tail, and the lock keeps other writers
        // of it out; the text read is what the journal held when it was opened, and no more.
        let own = files::read_bounded(&store.journal, store.journal_len)
            .map_err(|e| StoreError::io("read", &store.paths.journal, e))?;
        let own = journal::parse(&own, &store.paths.journal)?.0;
        let changes = gather(
            &store.paths.header,
            &header,
            Some((&store.paths.journal, own)),
            &mut warnings,
        )?;
        let mut session = header.replay(changes);
        store.fit(&mut session);
        Ok(Opened {
            store,
            session,
            warnings,
        })
    }

    /// Opens a session for appending without reading the notes: the session it returns has the
    /// particulars, roster and questions but no notes. This is what makes a note cheap to add.
    /// Roster changes of takers who joined are read from their journals, if there are any.
    pub fn open_for_append(
        path: impl AsRef<Path>,
    ) -> Result<(Store, Session, Vec<StoreWarning>), StoreError> {
        Self::open_for_append_as(path, None)
    }

    /// [`Store::open_for_append`] as `taker`.
    pub fn open_for_append_as(
        path: impl AsRef<Path>,
        taker: Option<&str>,
    ) -> Result<(Store, Session, Vec<StoreWarning>), StoreError> {
        let (mut store, header, mut warnings) = Self::open_writer(path.as_ref(), taker)?;
        // The first taker's roster is the header; a joined taker's own changes are in their
        // journal, read here with the others'.
        let journals = shared::read_joined(&store.paths, &mut warnings)?;
        let roster: Vec<Change> = crate::model::unite(journals)
            .into_iter()
            .flat_map(Change::flatten)
            .filter(|change| {
                matches!(
                    change,
                    Change::Joined { .. } | Change::Person { .. } | Change::Group(_)
                )
            })
            .collect();
        let mut session = header.replay(roster);
        store.fit(&mut session);
        Ok((store, session, warnings))
    }

    /// Reads a session without locking or repairing anything: for commands that only look.
    pub fn read(path: impl AsRef<Path>) -> Result<(Session, Vec<StoreWarning>), StoreError> {
        let header_path = path.as_ref();
        let header = Header::read(header_path)?;
        let mut warnings = Vec::new();
        let changes = gather(header_path, &header, None, &mut warnings)?;
        Ok((header.replay(changes), warnings))
    }

    /// What a session's files record, unreplayed: its header (particulars, roster, questions and
    /// no notes) and every taker's changes, united. For merging copies of one event.
    pub fn read_record(
        path: impl AsRef<Path>,
    ) -> Result<(Session, Vec<Change>, Vec<StoreWarning>), StoreError> {
        let header_path = path.as_ref();
        let header = Header::read(header_path)?;
        let mut warnings = Vec::new();
        let changes = gather(header_path, &header, None, &mut warnings)?;
        Ok((header.into_session(), changes, warnings))
    }

    /// Adds a taker to a session: their journal, begun with a record that they joined. Returns
    /// false if they had joined already.
    pub fn join(path: impl AsRef<Path>, taker: &str) -> Result<bool, StoreError> {
        let path = path.as_ref();
        if Header::read(path)?.format < 2 {
            upgrade_format_1(path, &mut Vec::new())?;
        }
        let header = Header::read(path)?;
        if taker.trim().is_empty() {
            return Err(StoreError::Taker {
                path: path.to_path_buf(),
                message: "a taker needs a name".into(),
            });
        }
        if crate::model::fold(taker) == crate::model::fold(&header.taker) {
            return Err(StoreError::Taker {
                path: path.to_path_buf(),
                message: format!(
                    "{taker} is the session's first taker, and writes its own files already"
                ),
            });
        }
        let paths = SessionPaths::of_taker(path, &taker_slug(taker));
        create_folder(&paths.folder)?;
        create_folder(&paths.folder.join(paths::TAKERS))?;
        let joined = Change::Joined {
            taker: taker.trim().to_string(),
            at: now(),
        };
        let encode = journal::encode(&joined).map_err(|e| {
            StoreError::io("encode a change", &paths.journal, std::io::Error::other(e))
        })?;
        let text = format!("{}{encode}", journal::PREAMBLE);
        let io = |e| StoreError::io("create", &paths.journal, e);
        let mut file = match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&paths.journal)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
            Err(e) => return Err(io(e)),
        };
        let written = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            let _ = std::fs::remove_file(&paths.journal);
            return Err(io(e));
        }
        Ok(true)
    }

    fn open_writer(
        path: &Path,
        taker: Option<&str>,
    ) -> Result<(Store, Header, Vec<StoreWarning>), StoreError> {
        let mut warnings = Vec::new();
        if Header::read(path)?.format < 2 {
            upgrade_format_1(path, &mut warnings)?;
        }
        let header = Header::read(path)?;
        let joined = taker
            .map(str::trim)
            .filter(|name| crate::model::fold(name) != crate::model::fold(&header.taker))
            .map(str::to_string);
        let paths = match &joined {
            None => SessionPaths::new(path),
            Some(name) => SessionPaths::of_taker(path, &taker_slug(name)),
        };
        // A header copied without its folder is a session with nothing recorded yet.
        create_folder(&paths.folder)?;
        if joined.is_some() {
            // The takers' folder is ours like the session's: a symlink there is refused, never
            // followed to write a journal and a lock elsewhere.
            create_folder(&paths.folder.join(paths::TAKERS))?;
        }
        if let Some(name) = &joined
            && !exists(&paths.journal)
        {
            return Err(StoreError::Taker {
                path: path.to_path_buf(),
                message: format!(
                    "{name} has not joined this session; run `rapporteur join {} --taker \"{name}\"` first",
                    path.display()
                ),
            });
        }
        let lock = WriterLock::acquire(&paths.lock, &paths.header)?;
        // Re-read under the lock: the header may have changed meanwhile.
        let header = Header::read(path)?;
        files::remove_stale_temps(&paths.header);
        files::remove_stale_temps(&paths.draft);
        let (journal, meta) = files::open_own(&paths.journal, joined.is_none())
            .map_err(|e| StoreError::io("open", &paths.journal, e))?;
        let mut store = Store {
            journal_len: meta.len(),
            paths,
            journal,
            format_1_journal: header.format_1_journal.clone(),
            joined,
            people_saved: Vec::new(),
            _lock: lock,
        };
        warnings.extend(store.repair_tail()?);
        Ok((store, header, warnings))
    }

    /// Tells the session which taker this copy writes as, and remembers its roster, so that a
    /// joined taker's roster changes can be saved as changes.
    fn fit(&mut self, session: &mut Session) {
        if let Some(name) = &self.joined {
            session.taker = name.clone();
            session.person_id_block = crate::model::person_id_block(name);
        }
        self.people_saved = session.people.clone();
    }

    /// The taker this copy writes as, if not the session's first.
    pub fn joined_as(&self) -> Option<&str> {
        self.joined.as_deref()
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
                let kept = keep_torn_tail(&mut self.journal, &path, from, &bytes)?;
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

    /// Replaces the header (particulars, roster, questions, taker, clock) atomically; a
    /// symlinked header is written through to its target.
    /// A taker who joined never writes the header (it is the first taker's file): their roster
    /// changes are appended to their journal instead, one `Person` record for each entry that
    /// changed; the session's particulars are the first taker's to change.
    pub fn save_header(&mut self, session: &Session) -> Result<(), StoreError> {
        if self.joined.is_some() {
            let at = now();
            let changed: Vec<Change> = session
                .people
                .iter()
                .filter(|person| !self.people_saved.contains(person))
                .map(|person| Change::Person {
                    person: person.clone(),
                    at,
                })
                .collect();
            self.append_all(&changed)?;
        } else {
            let mut header = Header::of(session);
            header.format_1_journal = self.format_1_journal.clone();
            header.write(&self.paths.header)?;
        }
        self.people_saved = session.people.clone();
        Ok(())
    }

    /// Saves the text being typed, atomically, in the session's folder.
    pub fn save_draft<T: Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let path = &self.paths.draft;
        let io = |e| StoreError::io("save the draft", path, e);
        let text = ron::to_string(draft).map_err(|e| io(std::io::Error::other(e)))?;
        files::replace(path, text.as_bytes(), Links::Refuse).map_err(io)
    }

    /// The draft left by the last run, if any.
    pub fn load_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, StoreError> {
        let path = &self.paths.draft;
        match files::read_regular(path, Links::Refuse) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| StoreError::Parse {
                    path: path.clone(),
                    line: 1,
                    column: 1,
                    message: "the draft is not UTF-8 text".to_string(),
                })?;
                ron::from_str(&text)
                    .map(Some)
                    .map_err(|e| parse_error(path, 0, &e, "a draft"))
            }
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

/// Moves a torn last record out of a journal into a file beside it, then cuts the journal back.
fn keep_torn_tail(
    journal: &mut File,
    path: &Path,
    from: u64,
    bytes: &[u8],
) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let kept = SessionPaths::damaged_beside(path, &stamp);
    let io = |e| StoreError::io("write the damaged bytes", &kept, e);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&kept)
        .map_err(io)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io)?;
    // Only once the bytes are safe elsewhere is the journal cut back.
    journal
        .set_len(from)
        .and_then(|()| journal.sync_all())
        .map_err(|e| StoreError::io("cut off the torn record", path, e))?;
    Ok(kept)
}

/// Makes the session's folder if it is not there; refuses anything else in its place.
pub(crate) fn create_folder(folder: &Path) -> Result<(), StoreError> {
    match std::fs::create_dir(folder) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            match std::fs::symlink_metadata(folder) {
                Ok(meta) if meta.is_dir() => Ok(()),
                _ => Err(StoreError::io(
                    "use the session's folder",
                    folder,
                    std::io::Error::other("it is there but is not a directory"),
                )),
            }
        }
        Err(e) => Err(StoreError::io("create the session's folder", folder, e)),
        Ok(()) => Ok(()),
    }
}

/// The journal a format-1 session began, beside its header, if this session has one.
fn format_1_journal(header_path: &Path, header: &Header) -> Option<PathBuf> {
    match (&header.format_1_journal, header.format) {
        // Only a file beside the header, named as format 1 named journals: a header that names
        // any other path does not make another session's notes (or any file) this one's.
        (Some(name), _) if is_format_1_journal_name(name) => Some(header_path.with_file_name(name)),
        (Some(_), _) => None,
        (None, 1) => Some(SessionPaths::format_1(header_path).journal),
        (None, _) => None,
    }
}

fn is_format_1_journal_name(name: &str) -> bool {
    let path = Path::new(name);
    path.file_name()
        .is_some_and(|file| file == path.as_os_str())
        && name.ends_with(".notes.ron")
        && !name.starts_with('.')
}

/// Every change of a session, from every taker's journal, united: the first taker's (the
/// format-1 journal, then `own` or the folder's), then every joined taker's. `own` is the journal
/// the caller has open, already read.
fn gather(
    header_path: &Path,
    header: &Header,
    own: Option<(&Path, Vec<Change>)>,
    warnings: &mut Vec<StoreWarning>,
) -> Result<Vec<Change>, StoreError> {
    let paths = SessionPaths::new(header_path);
    let mut first = Vec::new();
    if let Some(old) = format_1_journal(header_path, header) {
        first.extend(read_journal(&old, warnings)?);
    }
    let own_path = own.as_ref().map(|(path, _)| path.to_path_buf());
    let mut joined = Vec::new();
    if header.format >= 2 {
        match own {
            Some((path, changes)) if *path == paths.journal => first.extend(changes),
            Some((_, changes)) => {
                first.extend(read_journal(&paths.journal, warnings)?);
                joined.push((own_path.clone(), changes));
            }
            None => first.extend(read_journal(&paths.journal, warnings)?),
        }
    }
    let (journals, strays) = shared::joined_journals(&paths);
    warnings.extend(strays);
    for journal in journals {
        if Some(&journal) == own_path.as_ref() {
            continue;
        }
        let changes = read_journal(&journal, warnings)?;
        joined.push((Some(journal), changes));
    }
    // The order of the files, not of their arrival, decides ties.
    joined.sort_by(|a, b| a.0.cmp(&b.0));
    let mut all = vec![first];
    all.extend(joined.into_iter().map(|(_, changes)| changes));
    Ok(crate::model::unite(all))
}

/// Every change in one journal; a journal not there yet has none. A torn tail is skipped and
/// told; damage anywhere else is an error naming the line.
fn read_journal(path: &Path, warnings: &mut Vec<StoreWarning>) -> Result<Vec<Change>, StoreError> {
    let text = match files::read_regular(path, Links::Refuse) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    let (changes, torn) = journal::parse(&text, path)?;
    if let Some(Tail::Torn { bytes, .. }) = torn {
        warnings.push(StoreWarning::TornTail {
            journal: path.to_path_buf(),
            bytes: bytes.len(),
            kept: None,
        });
    }
    Ok(changes)
}

/// Moves a format-1 session into its folder, under the lock a format-1 writer takes: the header
/// (now format 2) names the old journal, which stays where it is and is only read from now on; a
/// draft beside it moves into the folder, unless it is another session's header.
fn upgrade_format_1(path: &Path, warnings: &mut Vec<StoreWarning>) -> Result<Header, StoreError> {
    let old = SessionPaths::format_1(path);
    let _old_lock = WriterLock::acquire(&old.lock, path)?;
    let mut header = Header::read(path)?;
    if header.format >= 2 {
        // Another process upgraded it while this one waited.
        return Ok(header);
    }
    let folder = SessionPaths::new(path);
    create_folder(&folder.folder)?;
    match files::open_own(&old.journal, false) {
        Ok((mut journal, meta)) => {
            if let Tail::Torn { from, bytes } =
                journal::inspect_tail(&mut journal, meta.len(), &old.journal)?
            {
                let kept = keep_torn_tail(&mut journal, &old.journal, from, &bytes)?;
                warnings.push(StoreWarning::TornTail {
                    journal: old.journal.clone(),
                    bytes: bytes.len(),
                    kept: Some(kept),
                });
            }
            header.format_1_journal = old
                .journal
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io("open", &old.journal, e)),
    }
    if let Ok(draft) = files::read_regular(&old.draft, Links::Refuse)
        && !Header::looks_like_one(&draft)
        && !exists(&folder.draft)
    {
        std::fs::rename(&old.draft, &folder.draft)
            .map_err(|e| StoreError::io("move the draft into the folder", &old.draft, e))?;
    }
    header.format = FORMAT_VERSION;
    header.write(path)?;
    warnings.push(StoreWarning::Upgraded {
        header: path.to_path_buf(),
        folder: folder.folder,
    });
    Ok(header)
}

/// Replaces a whole file so that it is always either the old or the new version: written to a
/// temporary file, fsync'ed, renamed over the old one, and the directory fsync'ed. A symlink is
/// written through; anything but a regular file is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    files::write_atomically(path, bytes)
}

/// Writes a file the user named (a report), as [`write_atomically`] does, but never one of the
/// session's own files: its header, its folder and everything in it, and the sidecars a format-1
/// session keeps beside its header, compared by real path and by inode, so that no symlink or
/// second name gets round it.
pub fn write_user_file(target: &Path, bytes: &[u8], session: &Path) -> Result<(), StoreError> {
    let refuse = |reason: String| StoreError::Refused {
        path: target.to_path_buf(),
        reason,
    };
    let real = files::real_target(target).map_err(|e| refuse(e.to_string()))?;
    let real = canonical(&real);
    let header = canonical(&files::real_target(session).unwrap_or_else(|_| session.into()));
    let folder = canonical(&SessionPaths::new(session).folder);
    let format_1 = SessionPaths::format_1(session);
    let mut own = vec![
        header.clone(),
        canonical(&format_1.journal),
        canonical(&format_1.lock),
        canonical(&format_1.draft),
    ];
    if let Ok(old) = Header::read(session)
        && let Some(journal) = format_1_journal(session, &old)
    {
        own.push(canonical(&journal));
    }
    let stem = format_1.journal.to_string_lossy().replace(".notes.ron", "");
    let damaged = [".notes.damaged-", ".draft.damaged-"].map(|kind| format!("{stem}{kind}"));
    let by_name = own.contains(&real)
        || real.starts_with(&folder)
        || damaged.iter().any(|prefix| {
            canonical_str(&real).starts_with(&canonical_str(&canonical(Path::new(prefix))))
        });
    let in_folder = [folder.clone(), folder.join(paths::TAKERS)]
        .into_iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|entries| entries.flatten().map(|entry| entry.path()));
    own.extend(in_folder);
    let by_inode = std::fs::metadata(&real).ok().is_some_and(|meta| {
        own.iter()
            .filter_map(|path| std::fs::metadata(path).ok())
            .any(|other| files::same_file(&meta, &other))
    });
    if by_name || by_inode {
        return Err(refuse(format!(
            "it is one of the files of the session {}; choose another file for the report",
            session.display()
        )));
    }
    if let Some(reason) = some_sessions_file(&real) {
        return Err(refuse(format!(
            "{reason}; choose another file for the report"
        )));
    }
    files::write_atomically(target, bytes).map_err(|e| StoreError::io("write", target, e))
}

/// How many bytes of an existing file are read to tell whether it is a session's header or journal.
const SESSION_FILE_PREFIX: u64 = 4096;

/// Why a file (its real path) belongs to some session, any session: it is inside a session's
/// folder (`.NAME.d` beside a file `NAME`), or it begins as a header or a journal does.
fn some_sessions_file(real: &Path) -> Option<String> {
    let folder = real.ancestors().skip(1).find_map(|dir| {
        let name = dir.file_name()?.to_str()?;
        let header = name.strip_prefix('.')?.strip_suffix(".d")?;
        let header = dir.with_file_name(header);
        header.is_file().then_some(header)
    });
    if let Some(header) = folder {
        return Some(format!(
            "it is inside the folder of the session {}",
            header.display()
        ));
    }
    let (file, _) = files::open_regular(real, Links::Follow).ok()?;
    let prefix = files::read_bounded(&file, SESSION_FILE_PREFIX).ok()?;
    header::begins_like_session_file(&prefix)
        .then(|| "it is a rapporteur session file (a header or a journal)".to_string())
}

/// A path with its directory resolved (symlinks, `..`), the file itself left as named.
fn canonical(path: &Path) -> PathBuf {
    let (dir, name) = match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => (dir, name),
        _ => return std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir)
        .map(|dir| dir.join(name))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn canonical_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The local time now, with its offset.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    crate::clock::now()
}

/// A clock that runs from `start` as from now on (a session recorded afterwards from its video),
/// or the real one without a start.
pub fn clock_running_from(
    start: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> impl Fn() -> chrono::DateTime<chrono::FixedOffset> + Copy {
    let offset = start.map_or(chrono::TimeDelta::zero(), |start| start - now());
    move || now() + offset
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
    let participation = (!session.participation.is_empty()).then(|| Change::Participation {
        figures: session.participation.clone(),
        at,
    });
    let end = session.ended.map(|at| Change::End { at });
    notes
        .chain(floor)
        .chain(segments)
        .chain(fields)
        .chain(participation)
        .chain(end)
        .collect()
}
