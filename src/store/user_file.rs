//! Files the user names (reports), written anywhere but over a session's own files.

use std::path::{Path, PathBuf};

use super::files::{self, Links};
use super::header::{self, Header};
use super::{SessionPaths, StoreError, format_1_journal, paths};

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
