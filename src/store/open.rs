//! Opening a session: every taker's journal read and united, for writing or only to look.

use std::collections::BTreeMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::model::{Change, Session};

use super::files::{self, Links};
use super::follow::{Follower, Offsets};
use super::header::Header;
use super::journal::{self, Tail};
use super::{
    Opened, SessionPaths, Store, StoreError, StoreWarning, create_folder, now, paths, shared,
    taker_slug, upgrade_format_1,
};

impl Store {
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
        let mut read = Offsets::new();
        let gathered = gather(
            &store.paths.header,
            &header,
            Some((&store.paths.journal, own)),
            &mut warnings,
            &mut read,
        )?;
        let mut session = header.into_session();
        session.replay_takers(gathered.journals);
        store.fit(&mut session);
        store.others = Some(Follower::new(
            &store.paths,
            read,
            gathered.takers,
            store.joined.is_some(),
        ));
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
        // Two takers' entries for one newcomer are one person here too: a name resolves to it.
        session.unite_namesakes();
        store.fit(&mut session);
        Ok((store, session, warnings))
    }

    /// Reads a session without locking or repairing anything: for commands that only look.
    pub fn read(path: impl AsRef<Path>) -> Result<(Session, Vec<StoreWarning>), StoreError> {
        let (mut session, journals, warnings) = Self::read_record(path)?;
        session.replay_takers(journals);
        Ok((session, warnings))
    }

    /// What a session's files record, unreplayed: its header (particulars, roster, questions and
    /// no notes) and every taker's journal as written, with the taker's name, the first taker's
    /// first. For merging copies of one event: nothing settled, nothing left out.
    #[allow(clippy::type_complexity)]
    pub fn read_record(
        path: impl AsRef<Path>,
    ) -> Result<(Session, Vec<(String, Vec<Change>)>, Vec<StoreWarning>), StoreError> {
        let header_path = path.as_ref();
        let header = Header::read(header_path)?;
        let mut warnings = Vec::new();
        let gathered = gather(
            header_path,
            &header,
            None,
            &mut warnings,
            &mut Offsets::new(),
        )?;
        Ok((header.into_session(), gathered.journals, warnings))
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
            let message = if taker.trim() == header.taker.trim() {
                format!("{taker} is the session's first taker, and writes its own files already")
            } else {
                one_file_for_two(taker, &header.taker, "the session's first taker")
            };
            return Err(StoreError::Taker {
                path: path.to_path_buf(),
                message,
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
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return match joined_as(&paths.journal) {
                    Some(joined) if joined != taker.trim() => Err(StoreError::Taker {
                        path: path.to_path_buf(),
                        message: one_file_for_two(taker, &joined, "who joined already"),
                    }),
                    _ => Ok(false),
                };
            }
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
}

/// The name a taker's journal was begun under.
fn joined_as(journal: &Path) -> Option<String> {
    let changes = read_journal(journal, &mut Vec::new(), &mut Offsets::new()).ok()?;
    joined_name(&changes)
}

/// Why `taker` cannot join: their name differs from `existing`'s only in case, accents or
/// script ("ana", "Chen Jing" for "陈静"), so both would write the same files.
fn one_file_for_two(taker: &str, existing: &str, who: &str) -> String {
    format!(
        "{taker} would write to the files of {existing}, {who}: names that differ only in case, \
         accents or script share one taker's files; if you are {existing}, use that name, \
         otherwise join under a name that tells you apart"
    )
}

/// The journal a format-1 session began, beside its header, if this session has one.
pub(super) fn format_1_journal(header_path: &Path, header: &Header) -> Option<PathBuf> {
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

/// Every taker's journal of a session, as written.
pub(super) struct Gathered {
    /// Each taker's name and changes: the first taker's (the format-1 journal, then `own` or the
    /// folder's), then every joined taker's, in the order of their files.
    pub journals: Vec<(String, Vec<Change>)>,
    /// Who writes each journal that is followed while the screen is open.
    pub takers: BTreeMap<PathBuf, String>,
}

/// Every taker's journal of a session. `own` is the journal the caller has open, already read.
/// How far each other journal was read goes into `read`.
pub(super) fn gather(
    header_path: &Path,
    header: &Header,
    own: Option<(&Path, Vec<Change>)>,
    warnings: &mut Vec<StoreWarning>,
    read: &mut Offsets,
) -> Result<Gathered, StoreError> {
    let paths = SessionPaths::new(header_path);
    let mut first = Vec::new();
    if let Some(old) = format_1_journal(header_path, header) {
        first.extend(read_journal(&old, warnings, read)?);
    }
    let own_path = own.as_ref().map(|(path, _)| path.to_path_buf());
    let mut joined = Vec::new();
    if header.format >= 2 {
        match own {
            Some((path, changes)) if *path == paths.journal => first.extend(changes),
            Some((path, changes)) => {
                first.extend(read_journal(&paths.journal, warnings, read)?);
                joined.push((path.to_path_buf(), changes));
            }
            None => first.extend(read_journal(&paths.journal, warnings, read)?),
        }
    }
    let (journals, strays) = shared::joined_journals(&paths);
    warnings.extend(strays);
    for journal in journals {
        if Some(&journal) == own_path.as_ref() {
            continue;
        }
        let changes = read_journal(&journal, warnings, read)?;
        joined.push((journal, changes));
    }
    // The order of the files, not of their arrival, decides ties.
    joined.sort_by(|a, b| a.0.cmp(&b.0));
    let mut takers = BTreeMap::from([(paths.journal.clone(), header.taker.clone())]);
    let mut journals = vec![(header.taker.clone(), first)];
    for (path, changes) in joined {
        let taker = taker_of(&path, &changes);
        takers.insert(path, taker.clone());
        journals.push((taker, changes));
    }
    Ok(Gathered { journals, takers })
}

/// The name a journal's `Joined` record gives its taker, if it has one yet.
pub(super) fn joined_name(changes: &[Change]) -> Option<String> {
    changes.iter().find_map(|change| match change {
        Change::Joined { taker, .. } => Some(taker.clone()),
        _ => None,
    })
}

/// Who writes a joined taker's journal: the name its first record gives, else its file's.
pub(super) fn taker_of(path: &Path, changes: &[Change]) -> String {
    joined_name(changes).unwrap_or_else(|| {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = file.unwrap_or_default();
        file.strip_suffix(super::paths::JOURNAL_SUFFIX)
            .map_or(file.clone(), str::to_string)
    })
}

/// Every change in one journal; a journal not there yet has none. A torn tail is skipped and
/// told; damage anywhere else is an error naming the line.
/// How far it was read (to the end of its last whole record) goes into `read`.
pub(super) fn read_journal(
    path: &Path,
    warnings: &mut Vec<StoreWarning>,
    read: &mut Offsets,
) -> Result<Vec<Change>, StoreError> {
    let text = match files::read_regular(path, Links::Refuse) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    let (changes, torn) = journal::parse(&text, path)?;
    let whole = match &torn {
        Some(Tail::Torn { from, .. }) => *from,
        _ => text.len() as u64,
    };
    read.insert(path.to_path_buf(), whole);
    if let Some(Tail::Torn { bytes, .. }) = torn {
        warnings.push(StoreWarning::TornTail {
            journal: path.to_path_buf(),
            bytes: bytes.len(),
            kept: None,
        });
    }
    Ok(changes)
}
