//! Following the other takers while the live screen is open: their journals are only appended
//! to, so each is read from where the last reading stopped, and only to the end of its last whole
//! line (a record still being written, or torn, waits for the next reading). The header, which
//! only the first taker writes, is read again when it changes, for the people it adds.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{Change, FloorChange, Person, floor_changes, unite};

use super::files::{self, Links};
use super::header::Header;
use super::{SessionPaths, StoreError, StoreWarning, journal, shared};

/// How far each journal has been read, in bytes: always the end of a whole line.
pub type Offsets = BTreeMap<PathBuf, u64>;

/// What the other takers wrote since the last reading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct News {
    /// Their changes, united in time order.
    pub changes: Vec<Change>,
    /// The floor changes among them, each with the taker who recorded it: the floor is settled
    /// by who recorded what.
    pub floor: Vec<(String, FloorChange)>,
    /// The roster of the header, when the first taker rewrote it (for a taker who joined).
    pub people: Option<Vec<Person>>,
    /// Files in the folder that appeared since and are not read (a sync tool's copies).
    pub warnings: Vec<StoreWarning>,
    /// What could not be read, said once each time it is met.
    pub problems: Vec<String>,
}

impl News {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.people.is_none()
            && self.warnings.is_empty()
            && self.problems.is_empty()
    }
}

/// The other takers' files as far as they have been read.
#[derive(Debug)]
pub struct Follower {
    paths: SessionPaths,
    /// This taker's own files: the journal is never followed, as everything in it is already on
    /// screen.
    own: SessionPaths,
    read: Offsets,
    /// Who writes each journal read so far.
    takers: BTreeMap<PathBuf, String>,
    /// The header's time and size when last read; None for the first taker, who writes it.
    header_seen: Option<(Option<SystemTime>, u64)>,
    /// Stray files already told of.
    told: BTreeSet<PathBuf>,
}

impl Follower {
    /// Follows from `read`, where opening the session stopped; `joined` when this taker is not
    /// the session's first (so the header is someone else's).
    pub(super) fn new(
        own: &SessionPaths,
        read: Offsets,
        takers: BTreeMap<PathBuf, String>,
        joined: bool,
    ) -> Follower {
        let paths = SessionPaths::new(&own.header);
        let told = shared::joined_journals(&paths)
            .1
            .into_iter()
            .filter_map(|warning| match warning {
                StoreWarning::NotRead { path } => Some(path),
                _ => None,
            })
            .collect();
        Follower {
            header_seen: joined.then(|| header_stamp(&paths.header)),
            paths,
            own: own.clone(),
            read,
            takers,
            told,
        }
    }

    /// The folder to watch, and the header's (for a taker who joined, whose header may change).
    pub fn watched(&self) -> (PathBuf, Option<PathBuf>) {
        let header_dir = self.header_seen.is_some().then(|| {
            let dir = self.paths.header.parent().unwrap_or(Path::new("."));
            if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir.to_path_buf()
            }
        });
        (self.paths.folder.clone(), header_dir)
    }

    /// Tells whether a change to a path may be news: not one of this taker's own files (the
    /// draft is saved every half second while typing), nor a temporary file (a save under way,
    /// whose rename names the file it replaces). For a watcher's thread.
    pub fn news_filter(&self) -> impl Fn(&Path) -> bool + Send + 'static {
        let own = [
            self.own.journal.clone(),
            self.own.lock.clone(),
            self.own.draft.clone(),
        ];
        move |path: &Path| {
            let temporary = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            !temporary && !own.iter().any(|own| own == path)
        }
    }

    /// Everything the other takers wrote since the last call.
    pub fn poll(&mut self) -> News {
        let mut news = News::default();
        let (joined, strays) = shared::joined_journals(&self.paths);
        for stray in strays {
            if let StoreWarning::NotRead { path } = &stray
                && self.told.insert(path.clone())
            {
                news.warnings.push(stray);
            }
        }
        let mut journals = Vec::new();
        for path in std::iter::once(self.paths.journal.clone()).chain(joined) {
            if path == self.own.journal {
                continue;
            }
            match self.read_new(&path) {
                Ok(changes) => {
                    // Kept only once the journal names its taker: a journal read between its
                    // creation and its `Joined` record would otherwise keep its file's name.
                    let taker = match self.takers.get(&path) {
                        Some(taker) => taker.clone(),
                        None => match super::open::joined_name(&changes) {
                            Some(named) => {
                                self.takers.insert(path.clone(), named.clone());
                                named
                            }
                            None => super::open::taker_of(&path, &changes),
                        },
                    };
                    let floor = floor_changes(&changes).into_iter();
                    news.floor.extend(floor.map(|floor| (taker.clone(), floor)));
                    journals.push(changes);
                }
                Err(error) => news.problems.push(error.to_string()),
            }
        }
        news.changes = unite(journals);
        if let Some(seen) = self.header_seen {
            let now = header_stamp(&self.paths.header);
            if now != seen {
                self.header_seen = Some(now);
                match Header::read(&self.paths.header) {
                    Ok(header) => news.people = Some(header.people),
                    Err(error) => news.problems.push(error.to_string()),
                }
            }
        }
        news
    }

    /// The whole records appended to one journal since it was last read.
    fn read_new(&mut self, path: &Path) -> Result<Vec<Change>, StoreError> {
        let io = |e| StoreError::io("read", path, e);
        let (mut file, meta) = match files::open_regular(path, Links::Refuse) {
            Ok(opened) => opened,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(e)),
        };
        let mut from = self.read.get(path).copied().unwrap_or(0);
        if meta.len() < from {
            // Shorter than what was read: not the same file (a sync tool put another in its
            // place). Read it again whole; notes come back by id, so nothing is doubled.
            from = 0;
        }
        file.seek(SeekFrom::Start(from)).map_err(io)?;
        let mut bytes = Vec::new();
        file.take(meta.len() - from)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        let whole = bytes
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |at| at + 1);
        // Past the damage too: a line that cannot be read is told once, not at every reading.
        self.read.insert(path.to_path_buf(), from + whole as u64);
        Ok(journal::parse(&bytes[..whole], path)?.0)
    }
}

fn header_stamp(path: &Path) -> (Option<SystemTime>, u64) {
    std::fs::metadata(path).map_or((None, 0), |meta| (meta.modified().ok(), meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_takers_own_files_and_temporary_files_are_no_news() {
        let dir = tempfile::tempdir().unwrap();
        let own = SessionPaths::of_taker(dir.path().join("ws.ron"), "ana");
        let follower = Follower::new(&own, Offsets::new(), BTreeMap::new(), true);
        let news = follower.news_filter();
        assert!(!news(&own.draft));
        assert!(!news(&own.journal));
        assert!(!news(
            &own.folder.join("takers/.ana.draft.ron.rapporteur-tmp-1-0")
        ));
        assert!(news(&SessionPaths::new(&own.header).journal));
        assert!(news(&own.folder.join("takers/omar.notes.ron")));
        assert!(news(&own.header));
    }

    #[test]
    fn a_journal_read_before_its_joined_record_still_gets_its_takers_name() {
        use crate::model::{FloorChange, Speaker};
        let dir = tempfile::tempdir().unwrap();
        let own = SessionPaths::new(dir.path().join("ws.ron"));
        let omar = SessionPaths::of_taker(&own.header, "omar-haddad").journal;
        std::fs::create_dir_all(omar.parent().unwrap()).unwrap();
        // `join` has made the file and not yet written its first record.
        std::fs::write(&omar, "").unwrap();
        let mut follower = Follower::new(&own, Offsets::new(), BTreeMap::new(), false);
        assert!(follower.poll().floor.is_empty());
        let at = chrono::DateTime::parse_from_rfc3339("2022-12-01T14:00:00Z").unwrap();
        let floor = FloorChange {
            at,
            speaker: Some(Speaker::Online),
            read_by: None,
        };
        let joined = Change::Joined {
            taker: "Omar Haddad".into(),
            at,
        };
        let mut text = String::new();
        for change in [joined, Change::Floor(floor)] {
            text.push_str(&super::super::journal::encode(&change).unwrap());
        }
        std::fs::write(&omar, text).unwrap();
        let news = follower.poll();
        let takers: Vec<&str> = news.floor.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(takers, ["Omar Haddad"]);
    }
}
