//! The files of one session: the header the user names, and the session's own folder beside it.
//!
//! Format 2 keeps every sidecar in a hidden folder named after the header's whole file name
//! (`ws422.ron` → `.ws422.ron.d/`), so no sidecar of one session can be another session's file:
//! a header is a regular file, and the folder of `a.ron` is `.a.ron.d`, a directory. Inside it, the
//! session's first taker (the header's) writes `notes.ron`, `lock` and `draft.ron`; every other
//! taker writes `takers/NAME.notes.ron`, `.lock` and `.draft.ron`, so each file has one writer.
//!
//! Format 1 kept its sidecars beside the header (`ws422.notes.ron`, `ws422.lock`,
//! `ws422.draft.ron`); such a session is still read from there, and moves to the folder the first
//! time it is opened for writing (its old journal stays where it is and is read from there).

use std::path::{Path, PathBuf};

/// What a session's files are called, for one taker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPaths {
    /// `ws422.ron`: particulars, roster and policy questions; replaced whole, atomically.
    pub header: PathBuf,
    /// `.ws422.ron.d/`: every other file of the session.
    pub folder: PathBuf,
    /// This taker's journal of changes, one RON record a line, only ever appended to.
    pub journal: PathBuf,
    /// Held by the one process that writes as this taker.
    pub lock: PathBuf,
    /// The text this taker is typing, saved every second.
    pub draft: PathBuf,
    /// `.ws422.ron.d/transcript.ron`: the published transcript and the labels settled for it.
    pub transcript: PathBuf,
}

/// The folder that holds the journals of the takers who joined after the first.
pub const TAKERS: &str = "takers";
/// The first taker's journal inside the session's folder.
pub const FIRST_JOURNAL: &str = "notes.ron";
/// How every other taker's journal name ends.
pub const JOURNAL_SUFFIX: &str = ".notes.ron";

impl SessionPaths {
    /// The files of the session's first taker (the one the header names).
    pub fn new(header: impl AsRef<Path>) -> Self {
        let header = header.as_ref().to_path_buf();
        let folder = Self::folder_of(&header);
        SessionPaths {
            journal: folder.join(FIRST_JOURNAL),
            lock: folder.join("lock"),
            draft: folder.join("draft.ron"),
            transcript: folder.join("transcript.ron"),
            folder,
            header,
        }
    }

    /// The files of a taker who joined the session; `slug` is from [`taker_slug`].
    pub fn of_taker(header: impl AsRef<Path>, slug: &str) -> Self {
        let mut paths = Self::new(header);
        let takers = paths.folder.join(TAKERS);
        paths.journal = takers.join(format!("{slug}{JOURNAL_SUFFIX}"));
        paths.lock = takers.join(format!("{slug}.lock"));
        paths.draft = takers.join(format!("{slug}.draft.ron"));
        paths
    }

    /// The files of a format-1 session, beside the header.
    pub fn format_1(header: impl AsRef<Path>) -> Self {
        let header = header.as_ref().to_path_buf();
        let name = header
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = name.strip_suffix(".ron").unwrap_or(&name).to_string();
        let beside = |suffix: &str| header.with_file_name(format!("{stem}{suffix}"));
        SessionPaths {
            folder: Self::folder_of(&header),
            journal: beside(".notes.ron"),
            lock: beside(".lock"),
            draft: beside(".draft.ron"),
            // Transcripts came with format 2: kept in the folder whatever the format.
            transcript: Self::folder_of(&header).join("transcript.ron"),
            header,
        }
    }

    fn folder_of(header: &Path) -> PathBuf {
        let name = header.file_name().unwrap_or_default().to_string_lossy();
        header.with_file_name(format!(".{name}.d"))
    }

    /// Where the damaged bytes of a torn journal tail are kept; never an existing file.
    pub fn damaged(&self, stamp: &str) -> PathBuf {
        Self::damaged_beside(&self.journal, stamp)
    }

    /// Where a draft that could not be read is kept; never an existing file.
    pub fn damaged_draft(&self, stamp: &str) -> PathBuf {
        Self::damaged_beside(&self.draft, stamp)
    }

    pub(super) fn damaged_beside(file: &Path, stamp: &str) -> PathBuf {
        let file = file.to_string_lossy();
        let base = file.strip_suffix(".ron").unwrap_or(&file);
        let mut candidate = PathBuf::from(format!("{base}.damaged-{stamp}.ron"));
        let mut n = 1;
        while candidate.symlink_metadata().is_ok() {
            n += 1;
            candidate = PathBuf::from(format!("{base}.damaged-{stamp}-{n}.ron"));
        }
        candidate
    }
}

/// A taker's name as a file name: the same for names that differ only in case, accents or spacing
/// (they are one taker), different otherwise, and never holding a dot, a slash or a space, so that
/// a sync tool's conflict copy (`ana.notes.sync-conflict-….ron`) can never look like a journal.
pub fn taker_slug(name: &str) -> String {
    let folded = crate::model::fold(name);
    let mut slug = String::new();
    for c in folded.chars() {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            ' ' => slug.push('-'),
            other => slug.push_str(&format!("_{:x}_", u32::from(other))),
        }
    }
    if slug.is_empty() {
        slug.push('_');
    }
    if slug.len() > 96 {
        // Keep file names short; the hash keeps long names apart.
        let hash = folded.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let mut cut = 80;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        slug = format!("{}-{hash:016x}", &slug[..cut]);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_live_in_the_sessions_own_folder() {
        let paths = SessionPaths::new("/tmp/x/ws422.ron");
        assert_eq!(paths.folder, PathBuf::from("/tmp/x/.ws422.ron.d"));
        assert_eq!(
            paths.journal,
            PathBuf::from("/tmp/x/.ws422.ron.d/notes.ron")
        );
        assert_eq!(paths.lock, PathBuf::from("/tmp/x/.ws422.ron.d/lock"));
        assert_eq!(paths.draft, PathBuf::from("/tmp/x/.ws422.ron.d/draft.ron"));
        assert_eq!(
            paths.transcript,
            PathBuf::from("/tmp/x/.ws422.ron.d/transcript.ron")
        );
        let bare = SessionPaths::new("session");
        assert_eq!(bare.journal, PathBuf::from(".session.d/notes.ron"));
    }

    #[test]
    fn no_sidecar_of_one_session_is_another_sessions_header() {
        let a = SessionPaths::new("/s/a.ron");
        let b = SessionPaths::new("/s/a.draft.ron");
        for sidecar in [&a.journal, &a.lock, &a.draft] {
            assert_ne!(sidecar, &b.header);
            assert!(sidecar.starts_with(&a.folder));
        }
        assert_eq!(
            SessionPaths::format_1("/s/a.ron").draft,
            b.header,
            "what format 1 got wrong"
        );
    }

    #[test]
    fn taker_slugs_are_safe_file_names_and_fold_case_and_accents() {
        assert_eq!(taker_slug("Ana Silva"), "ana-silva");
        assert_eq!(taker_slug("  ANA  Sílva "), "ana-silva");
        assert_ne!(taker_slug("Ana Silva"), taker_slug("Ana Silvas"));
        assert_eq!(taker_slug(""), "_");
        for name in [
            "../../etc/passwd",
            "a.b",
            "x/y",
            "陈静",
            "O'Brien",
            "a\u{0}b",
        ] {
            let slug = taker_slug(name);
            assert!(
                slug.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{name} → {slug}"
            );
        }
        let long = "x".repeat(500);
        assert!(taker_slug(&long).len() <= 97);
        assert_ne!(taker_slug(&long), taker_slug(&"x".repeat(501)));
    }
}
