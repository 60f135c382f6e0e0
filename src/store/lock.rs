//! One writer per taker: an advisory lock on a file of the session that also names the holder's
//! process.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::StoreError;
use super::files;

/// Held for as long as the process may write as its taker; released when dropped or at exit,
/// however the process ends.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// How long a writer waits for the lock before it is refused. A holder that is just finishing
/// lets go within moments, and so does a child process forked while the lock was held, which keeps
/// a copy of the lock's descriptor until it starts its own program (the lock is on the open file,
/// and that copy is closed only at exec); a live screen holds it for good and is refused after this.
const RELEASE_WAIT: Duration = Duration::from_millis(500);

/// How long a refused process waits for the holder to finish writing its process id. The holder
/// writes it right after taking the lock, so this is only ever the gap of a few instructions.
const PID_WAIT: Duration = Duration::from_millis(200);

impl WriterLock {
    pub fn acquire(lock_path: &Path, session: &Path) -> Result<Self, StoreError> {
        let io = |e| StoreError::io("open the lock file", lock_path, e);
        let mut file = files::open_lock(lock_path).map_err(io)?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if started.elapsed() < RELEASE_WAIT => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: session.to_path_buf(),
                        pid: holder(&mut file),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        // One write of a fixed width at the start: a reader sees the old number or the new one,
        // never an empty file, and no digits of a longer old number are left behind.
        let record = format!("{:>10}\n", std::process::id());
        file.seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(record.as_bytes()))
            .and_then(|()| file.set_len(record.len() as u64))
            .map_err(io)?;
        Ok(WriterLock { _file: file })
    }
}

/// The holder's process id, waiting briefly for a holder that has just taken the lock.
fn holder(file: &mut File) -> Option<u32> {
    let started = Instant::now();
    loop {
        let mut text = String::new();
        let read = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.take(64).read_to_string(&mut text));
        // A number left by a holder that died is not the holder: wait for the new one.
        match text.trim().parse::<u32>() {
            Ok(pid) if files::process_is_alive(pid) => return Some(pid),
            _ => {}
        }
        if read.is_err() || started.elapsed() > PID_WAIT {
            return None;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}
