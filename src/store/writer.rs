//! Writing a session: creating its files, opening a taker's journal under its lock, and appending
//! changes durably.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Change, Session};

use super::files;
use super::follow::{Follower, News};
use super::header::Header;
use super::journal::{self, Tail};
use super::lock::WriterLock;
use super::{
    SessionPaths, Store, StoreError, StoreWarning, exists, now, paths, taker_slug, upgrade_format_1,
};

impl Store {
    /// Creates the files of a new session; refuses to touch an existing one. On failure (a full
    /// disk, say) nothing it made is left behind.
    pub fn create(path: impl AsRef<Path>, session: &Session) -> Result<Store, StoreError> {
        Self::create_from(path, session, &replayable(session), &[])
    }

    /// Creates a new session from a header (`session`'s particulars, roster and questions), the
    /// changes its first taker's journal begins with, and the journals of the takers who joined
    /// (each taker's name and changes): how a merge keeps every edit, deletion and floor record
    /// of every taker, each where it would be had they shared one folder.
    pub fn create_from(
        path: impl AsRef<Path>,
        session: &Session,
        changes: &[Change],
        joined: &[(String, Vec<Change>)],
    ) -> Result<Store, StoreError> {
        let paths = SessionPaths::new(path);
        let format_1 = SessionPaths::format_1(&paths.header);
        // A FIFO, a directory, a device or a link that leads nowhere is said as what it is.
        if let Err(e) = files::real_target(&paths.header) {
            return Err(StoreError::Refused {
                path: paths.header.clone(),
                reason: format!("{e}; choose another path for the new session"),
            });
        }
        if exists(&paths.header) || exists(&paths.folder) || exists(&format_1.journal) {
            return Err(StoreError::Exists(paths.header.clone()));
        }
        std::fs::create_dir(&paths.folder)
            .map_err(|e| StoreError::io("create the session's folder", &paths.folder, e))?;
        let made = Self::create_in_folder(paths.clone(), session, changes, joined);
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
        joined: &[(String, Vec<Change>)],
    ) -> Result<Store, StoreError> {
        let lock = WriterLock::acquire(&paths.lock, &paths.header)?;
        // The journal first, whole: its preamble and one line a change, so that a session made
        // from another reads like one written live.
        let text = journal_text(&paths.journal, changes)?;
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
        for (taker, changes) in joined {
            write_joined(&paths, taker, changes)?;
        }
        // The header last, beside the folder: a failure before it leaves only the folder,
        // which the caller removes.
        Header::of(session).write(&paths.header)?;
        Ok(Store {
            journal_len: text.len() as u64,
            paths,
            journal,
            format_1_journal: None,
            joined: None,
            people_saved: session.people.clone(),
            others: None,
            _lock: lock,
        })
    }

    pub(super) fn open_writer(
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
            others: None,
            _lock: lock,
        };
        warnings.extend(store.repair_tail()?);
        Ok((store, header, warnings))
    }

    /// Tells the session which taker this copy writes as, and remembers its roster, so that a
    /// joined taker's roster changes can be saved as changes.
    pub(super) fn fit(&mut self, session: &mut Session) {
        if let Some(name) = &self.joined {
            session.taker = name.clone();
            session.person_id_block = crate::model::person_id_block(name);
        }
        self.people_saved = session.people.clone();
    }

    /// What the other takers wrote since the session was opened, or since the last call; nothing
    /// for a store that was not opened with [`Store::open_as`].
    pub fn read_others(&mut self) -> News {
        self.others.as_mut().map(Follower::poll).unwrap_or_default()
    }

    /// The folders whose changes may be news to [`Store::read_others`], and a test of the paths
    /// a change names; None when there is nothing to follow.
    pub fn followed(&self) -> Option<&Follower> {
        self.others.as_ref()
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
        if self.joined.is_some() {
            self.append_all(&changed)?;
        } else {
            let mut header = Header::of(session);
            header.format_1_journal = self.format_1_journal.clone();
            header.write(&self.paths.header)?;
            // The header has no time, and the joined takers' records are read after it: the
            // first taker's edit of an entry they also edited is journalled too, with its time,
            // so the later edit stands whoever made it.
            if !super::shared::joined_journals(&self.paths).0.is_empty() {
                self.append_all(&changed)?;
            }
        }
        self.people_saved = session.people.clone();
        Ok(())
    }
}

/// A new journal's text: its preamble and one line a change.
fn journal_text(path: &Path, changes: &[Change]) -> Result<String, StoreError> {
    let mut text = journal::PREAMBLE.to_string();
    for change in changes {
        text.push_str(
            &journal::encode(change)
                .map_err(|e| StoreError::io("encode a change", path, std::io::Error::other(e)))?,
        );
    }
    Ok(text)
}

/// Writes the journal of a taker who joined a session being created.
fn write_joined(paths: &SessionPaths, taker: &str, changes: &[Change]) -> Result<(), StoreError> {
    let journal = SessionPaths::of_taker(&paths.header, &taker_slug(taker)).journal;
    create_folder(&paths.folder.join(paths::TAKERS))?;
    let text = journal_text(&journal, changes)?;
    write_new(&journal, text.as_bytes(), "create")
}

/// Writes a file that is not there yet, whole, and makes it durable.
fn write_new(path: &Path, bytes: &[u8], action: &'static str) -> Result<(), StoreError> {
    let io = |e| StoreError::io(action, path, e);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io)
}

/// Moves a torn last record out of a journal into a file beside it, then cuts the journal back.
pub(super) fn keep_torn_tail(
    journal: &mut File,
    path: &Path,
    from: u64,
    bytes: &[u8],
) -> Result<PathBuf, StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let kept = SessionPaths::damaged_beside(path, &stamp);
    write_new(&kept, bytes, "write the damaged bytes")?;
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

/// The journal changes that recreate what a session holds beyond its header.
pub(super) fn replayable(session: &Session) -> Vec<Change> {
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
