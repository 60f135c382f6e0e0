//! One writer per session: an advisory lock on a sidecar file that also names the holder's process.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::StoreError;

/// Held for as long as the process may write the session; released when dropped or at exit,
/// however the process ends.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    pub fn acquire(lock_path: &Path, session: &Path) -> Result<Self, StoreError> {
        let io = |e| StoreError::io("open the lock file", lock_path, e);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(lock_path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // The holder may not have written its pid yet; then we say so without a number.
                let _ = file.read_to_string(&mut holder);
                return Err(StoreError::Locked {
                    path: session.to_path_buf(),
                    pid: holder.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(WriterLock { _file: file })
    }
}
