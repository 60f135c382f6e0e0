//! Reading the file a rapporteur names: a plain-text transcript, or the saved HTML page.

use std::io::Read;
use std::path::Path;

use super::TranscriptError;
use crate::import::html;
use crate::store::{Links, open_regular};

/// A 90-minute session's transcript is about 100 KB and its saved page a few MB; a file this
/// large is not a transcript, and reading it whole would only use up memory.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The transcript's text: the file as UTF-8, or the text of the HTML page, read through the same
/// reader as proposal pages.
pub fn read_text(path: &Path) -> Result<String, TranscriptError> {
    let bytes = read_regular_file(path, Links::Follow, MAX_BYTES)?;
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

/// The kept transcript, one of the session's own files, as UTF-8 text; None when it is not
/// there. A symlink in its place is not ours and is refused.
pub fn read_text_if_present(path: &Path) -> Result<Option<String>, TranscriptError> {
    // Escaping can make the kept copy larger than the transcript it holds.
    let bytes = match read_regular_file(path, Links::Refuse, 2 * MAX_BYTES) {
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

/// Reads a regular file through the store's one way of opening files (a FIFO, a device or a
/// directory is refused before a byte is read), refusing one over `limit` bytes.
fn read_regular_file(path: &Path, links: Links, limit: u64) -> Result<Vec<u8>, TranscriptError> {
    let io = |cause| TranscriptError::Read {
        path: path.to_path_buf(),
        cause,
    };
    let (file, meta) = open_regular(path, links).map_err(io)?;
    if meta.len() > limit {
        return Err(TranscriptError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let mut bytes = Vec::new();
    // No more than it held when looked at, even if it grows meanwhile.
    file.take(meta.len()).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_regular_file_and_what_is_too_large() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_text(dir.path()).unwrap_err();
        assert!(error.to_string().contains("a directory"), "{error}");
        let file = dir.path().join("t.txt");
        std::fs::write(&file, "0123456789A").unwrap();
        let error = read_regular_file(&file, Links::Follow, 10).unwrap_err();
        assert!(matches!(error, TranscriptError::TooLarge { .. }), "{error}");
        assert_eq!(
            read_regular_file(&file, Links::Follow, 11).unwrap().len(),
            11
        );
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
        let error = read_text(&fifo).unwrap_err();
        assert!(error.to_string().contains("FIFO"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_place_of_the_kept_file_is_refused_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere.txt");
        std::fs::write(&target, ">> A: hi\n").unwrap();
        let link = dir.path().join("transcript.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(read_text_if_present(&link).is_err());
        assert_eq!(
            read_text(&link).unwrap(),
            ">> A: hi\n",
            "a user's file may be a link"
        );
        assert_eq!(
            read_text_if_present(&dir.path().join("none")).unwrap(),
            None
        );
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
