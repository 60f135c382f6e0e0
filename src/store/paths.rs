//! The files of one session: the header the user names, and its sidecars beside it.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPaths {
    /// `ws422.ron`: particulars, roster and policy questions; replaced whole, atomically.
    pub header: PathBuf,
    /// `ws422.notes.ron`: the journal of changes, one RON record a line, only ever appended to.
    pub journal: PathBuf,
    /// `ws422.lock`: held by the one process that writes the session.
    pub lock: PathBuf,
    /// `ws422.draft.ron`: the text being typed, saved every second.
    pub draft: PathBuf,
    /// `ws422.transcript.ron`: the published transcript and the labels settled for it.
    pub transcript: PathBuf,
}

impl SessionPaths {
    pub fn new(header: impl AsRef<Path>) -> Self {
        let header = header.as_ref().to_path_buf();
        let sidecar = |suffix: &str| {
            let name = header
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.strip_suffix(".ron").unwrap_or(&name);
            header.with_file_name(format!("{stem}{suffix}"))
        };
        SessionPaths {
            journal: sidecar(".notes.ron"),
            lock: sidecar(".lock"),
            draft: sidecar(".draft.ron"),
            transcript: sidecar(".transcript.ron"),
            header,
        }
    }

    /// Where the damaged bytes of a torn journal tail are kept; never an existing file.
    pub fn damaged(&self, stamp: &str) -> PathBuf {
        Self::damaged_beside(&self.journal, stamp)
    }

    /// Where a draft that could not be read is kept; never an existing file.
    pub fn damaged_draft(&self, stamp: &str) -> PathBuf {
        Self::damaged_beside(&self.draft, stamp)
    }

    fn damaged_beside(file: &Path, stamp: &str) -> PathBuf {
        let file = file.to_string_lossy();
        let base = file.strip_suffix(".ron").unwrap_or(&file);
        let mut candidate = PathBuf::from(format!("{base}.damaged-{stamp}.ron"));
        let mut n = 1;
        while candidate.exists() {
            n += 1;
            candidate = PathBuf::from(format!("{base}.damaged-{stamp}-{n}.ron"));
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_sit_beside_the_named_file() {
        let paths = SessionPaths::new("/tmp/x/ws422.ron");
        assert_eq!(paths.journal, PathBuf::from("/tmp/x/ws422.notes.ron"));
        assert_eq!(paths.lock, PathBuf::from("/tmp/x/ws422.lock"));
        assert_eq!(paths.draft, PathBuf::from("/tmp/x/ws422.draft.ron"));
        assert_eq!(
            paths.transcript,
            PathBuf::from("/tmp/x/ws422.transcript.ron")
        );
        let bare = SessionPaths::new("session");
        assert_eq!(bare.journal, PathBuf::from("session.notes.ron"));
    }
}
