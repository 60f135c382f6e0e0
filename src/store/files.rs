//! The two ways rapporteur touches a file: reading one it was given (a session file, a proposal,
//! a transcript), and replacing one whole (a header, a draft, a report the user named).
//!
//! Reading: only regular files. A FIFO, a device or a directory is refused by name before a byte is
//! read (it is opened without blocking, then looked at through the open handle, so it cannot be
//! swapped in between), and no more than the file's size is read, so `/dev/zero` cannot fill memory.
//!
//! Replacing: a temporary file beside the real target, fsync'ed, renamed over it, and the directory
//! fsync'ed. A symlink is followed and its target replaced, so the link stays a link; a file keeps
//! its mode, a new one gets 0644 less the umask. Temporary files carry the writer's process id in
//! their name, so the next writer of the same file removes those a dead process left behind.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Whether the last component of a path may be a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The user named the file: a symlink to a regular file is what they meant.
    Follow,
    /// One of the session's own files: a symlink there is not ours, and is refused.
    Refuse,
}

/// What a path is, in words, when it is not a regular file.
fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("a directory")
    } else if kind.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_symlink() {
        Some("a symbolic link")
    } else {
        Some("not a regular file")
    }
}

fn refused(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    )
}

fn symlink_refused(error: io::Error) -> io::Error {
    // O_NOFOLLOW on a symlink fails with ELOOP: say what it means.
    if error.raw_os_error() == Some(libc::ELOOP) {
        return io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link, and this file of the session must be a regular file",
        );
    }
    error
}

fn flags(links: Links) -> i32 {
    // Without O_NONBLOCK, opening a FIFO waits for a writer forever.
    libc::O_NONBLOCK
        | libc::O_CLOEXEC
        | match links {
            Links::Follow => 0,
            Links::Refuse => libc::O_NOFOLLOW,
        }
}

/// Checks an open handle: a regular file, or an error saying what it is.
fn regular(file: File) -> io::Result<(File, Metadata)> {
    let meta = file.metadata()?;
    match not_regular(&meta) {
        Some(what) => Err(refused(what)),
        None => Ok((file, meta)),
    }
}

/// Opens a file for reading, if it is a regular file.
pub fn open_regular(path: &Path, links: Links) -> io::Result<(File, Metadata)> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags(links))
        .open(path)
        .map_err(symlink_refused)?;
    regular(file)
}

/// Opens (or creates) one of the session's own files for reading and appending, if it is a
/// regular file and not a symlink.
pub fn open_own(path: &Path, create: bool) -> io::Result<(File, Metadata)> {
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(create)
        .mode(0o644)
        .custom_flags(flags(Links::Refuse))
        .open(path)
        .map_err(symlink_refused)?;
    regular(file)
}

/// Opens (or creates) a lock file: read and write, never through a symlink, never a special file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .custom_flags(flags(Links::Refuse))
        .open(path)
        .map_err(symlink_refused)?;
    regular(file).map(|(file, _)| file)
}

/// Reads at most `len` bytes from the start of an open file: what it held when looked at.
pub fn read_bounded(file: &File, len: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 26));
    let mut reader = file;
    std::io::Seek::seek(&mut reader, io::SeekFrom::Start(0))?;
    reader.take(len).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The whole of a regular file, refusing FIFOs, devices and directories before reading.
pub fn read_regular(path: &Path, links: Links) -> io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path, links)?;
    read_bounded(&file, meta.len())
}

/// Where a write to `path` really lands: the path itself, or the file its symlinks lead to.
/// Refuses what is not a regular file, and a symlink that leads nowhere.
pub fn real_target(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(e) => Err(e),
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => io::Error::new(
                    io::ErrorKind::NotFound,
                    "it is a symbolic link to a file that does not exist",
                ),
                _ => e,
            })?;
            let meta = std::fs::metadata(&target)?;
            match not_regular(&meta) {
                Some(what) => Err(refused(&format!("a symbolic link to {what}"))),
                None => Ok(target),
            }
        }
        Ok(meta) => match not_regular(&meta) {
            Some(what) => Err(refused(what)),
            None => Ok(path.to_path_buf()),
        },
    }
}

const TEMP_MARK: &str = ".rapporteur-tmp-";

/// `.NAME.rapporteur-tmp-PID-N` beside the target: hidden, and tied to the process writing it.
fn temp_name(target: &Path, attempt: u32) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let pid = std::process::id();
    target.with_file_name(format!(".{name}{TEMP_MARK}{pid}-{attempt}"))
}

pub(super) fn process_is_alive(pid: u32) -> bool {
    // Zero and negative numbers name process groups, not a process.
    let Ok(pid) = i32::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 checks without signalling; EPERM means it exists but is someone else's.
    // SAFETY: kill with signal 0 has no effect beyond the check.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Removes the temporary files that writers of `target` left behind when they died mid-write.
/// Returns how many were removed. A temporary file of a process still running is left alone.
pub fn remove_stale_temps(target: &Path) -> usize {
    let Some(dir) = target.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return 0;
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}{TEMP_MARK}");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let ours = pid == Some(std::process::id());
        if pid.is_some_and(|pid| pid > 0 && !ours && !process_is_alive(pid))
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    File::open(dir)?.sync_all()
}

/// Replaces a whole file so that it is always either the old or the new version. `path` may be a
/// symlink to a regular file (its target is replaced, the link kept) or not exist yet; anything
/// else is refused. The file keeps its mode; a new one gets 0644 less the umask.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, Links::Follow)
}

/// Replaces a whole file atomically; with `Links::Refuse`, a symlink in its place is refused.
pub fn replace(path: &Path, bytes: &[u8], links: Links) -> io::Result<()> {
    let target = match links {
        Links::Follow => real_target(path)?,
        Links::Refuse => match std::fs::symlink_metadata(path) {
            Ok(meta) => match not_regular(&meta) {
                Some(what) => return Err(refused(what)),
                None => path.to_path_buf(),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => path.to_path_buf(),
            Err(e) => return Err(e),
        },
    };
    remove_stale_temps(&target);
    let mode = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta.permissions().mode() & 0o7777),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(mode) = mode
        && !writable(&target, mode)
    {
        // Renaming over it would work (the directory allows it), but the file says no.
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("permission denied: it is read-only (mode {mode:04o}), and is left as it is"),
        ));
    }
    let (temp, mut file) = create_temp(&target)?;
    let written = (|| {
        if let Some(mode) = mode {
            file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)?;
        sync_dir(target.parent().unwrap_or(Path::new(".")))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Whether the file lets this process write it: some write permission in its mode (root may
/// write anything, but a file made read-only says that it should not be), and for this user.
fn writable(path: &Path, mode: u32) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    mode & 0o222 != 0 && unsafe { libc::access(name.as_ptr(), libc::W_OK) } == 0
}

fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    let mut attempt = 0;
    loop {
        let temp = temp_name(target, attempt);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Whether two paths are the same file on disk (same device and inode).
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_by_name_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let error = read_regular(&fifo, Links::Follow).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
    }

    #[test]
    fn devices_and_directories_are_refused() {
        for (path, what) in [
            ("/dev/zero", "device"),
            ("/dev/full", "device"),
            ("/", "directory"),
        ] {
            let error = read_regular(Path::new(path), Links::Follow).unwrap_err();
            assert!(error.to_string().contains(what), "{path}: {error}");
        }
    }

    #[test]
    fn a_symlink_is_refused_where_links_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read_regular(&link, Links::Follow).unwrap(), b"x");
        let error = read_regular(&link, Links::Refuse).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(open_lock(&link).is_err());
    }

    #[test]
    fn a_replaced_symlink_stays_a_link_and_its_target_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let fresh = dir.path().join("fresh.md");
        write_atomically(&fresh, b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o133, 0, "at most 0644: {mode:o}");
        assert_eq!(mode & 0o600, 0o600);
    }

    #[test]
    fn a_device_is_never_replaced() {
        let error = write_atomically(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(error.to_string().contains("device"), "{error}");
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn temporary_files_of_dead_writers_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ws.ron");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!(".ws.ron{TEMP_MARK}{dead}-0"));
        let live = dir.path().join(format!(".ws.ron{TEMP_MARK}1-0"));
        std::fs::write(&stale, "half").unwrap();
        std::fs::write(&live, "busy").unwrap();
        write_atomically(&target, b"whole").unwrap();
        assert!(!stale.exists());
        assert!(live.exists(), "pid 1 is alive");
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
    }
}
