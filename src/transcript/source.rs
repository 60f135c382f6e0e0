//! Reading the file a rapporteur names: a plain-text transcript, or the saved HTML page.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::TranscriptError;
use crate::import::html;

/// A 90-minute session's transcript is about 100 KB and its saved page a few MB; a file this
/// large is not a transcript, and reading it whole would only use up memory.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The transcript's text: the file as UTF-8, or the text of the HTML page, read through the same
/// reader as proposal pages.
pub fn read_text(path: &Path) -> Result<String, TranscriptError> {
    let bytes = read_regular_file(path, MAX_BYTES)?;
    let text = decode(path, bytes)?;
    let extension = path.extension().and_then(|e| e.to_str());
    if html::is_html(extension, &text) {
        return html::to_text(&text).map_err(|error| TranscriptError::Html {
            path: path.to_path_buf(),
            message: error.to_string(),
        });
    }
    Ok(text)
}

/// A file of ours beside the session as UTF-8 text, or None when it is not there.
pub fn read_text_if_present(path: &Path) -> Result<Option<String>, TranscriptError> {
    // Escaping can make the kept copy larger than the transcript it holds.
    let bytes = match read_regular_file(path, 2 * MAX_BYTES) {
        Err(TranscriptError::Read { cause, .. })
            if cause.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(None);
        }
        other => other?,
    };
    decode(path, bytes).map(Some)
}

fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, TranscriptError> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        TranscriptError::NotUtf8 {
            path: path.to_path_buf(),
            line,
        }
    })
}

/// Reads a file the user named, refusing what is not a regular file (a FIFO would block, a
/// device would never end) and anything over `limit` bytes.
// The `store` helper is adding one safe-open for every user-named file; this one goes once it lands.
fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, TranscriptError> {
    let io = |cause| TranscriptError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let not_regular = || TranscriptError::NotAFile {
        path: path.to_path_buf(),
    };
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Between the look and the open the path could become a FIFO: do not wait for a writer.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = options.open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(TranscriptError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_regular_file_and_what_is_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_regular_file(dir.path(), 10).unwrap_err();
        assert!(matches!(error, TranscriptError::NotAFile { .. }), "{error}");
        let file = dir.path().join("t.txt");
        std::fs::write(&file, "0123456789A").unwrap();
        let error = read_regular_file(&file, 10).unwrap_err();
        assert!(matches!(error, TranscriptError::TooLarge { .. }), "{error}");
        assert_eq!(read_regular_file(&file, 11).unwrap().len(), 11);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo here");
            return;
        }
        let error = read_regular_file(&fifo, 10).unwrap_err();
        assert!(matches!(error, TranscriptError::NotAFile { .. }), "{error}");
    }

    #[test]
    fn bad_utf8_is_placed_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.txt");
        std::fs::write(&file, b">> A: one\n>> B: tw\xffo\n").unwrap();
        let error = read_text(&file).unwrap_err();
        assert!(error.to_string().contains("t.txt:2:"), "{error}");
    }
}
