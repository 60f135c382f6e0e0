//! Format 1 kept a session's files beside its header; format 2 keeps them in its folder.

use std::path::Path;

use super::files::{self, Links};
use super::header::Header;
use super::journal::{self, Tail};
use super::lock::WriterLock;
use super::{
    FORMAT_VERSION, SessionPaths, StoreError, StoreWarning, create_folder, exists, keep_torn_tail,
};

/// Moves a format-1 session into its folder, under the lock a format-1 writer takes: the header
/// (now format 2) names the old journal, which stays where it is and is only read from now on; a
/// draft beside it moves into the folder, unless it is another session's header.
pub(super) fn upgrade_format_1(
    path: &Path,
    warnings: &mut Vec<StoreWarning>,
) -> Result<Header, StoreError> {
    let old = SessionPaths::format_1(path);
    let _old_lock = WriterLock::acquire(&old.lock, path)?;
    let mut header = Header::read(path)?;
    if header.format >= 2 {
        // Another process upgraded it while this one waited.
        return Ok(header);
    }
    let folder = SessionPaths::new(path);
    create_folder(&folder.folder)?;
    match files::open_own(&old.journal, false) {
        Ok((mut journal, meta)) => {
            if let Tail::Torn { from, bytes } =
                journal::inspect_tail(&mut journal, meta.len(), &old.journal)?
            {
                let kept = keep_torn_tail(&mut journal, &old.journal, from, &bytes)?;
                warnings.push(StoreWarning::TornTail {
                    journal: old.journal.clone(),
                    bytes: bytes.len(),
                    kept: Some(kept),
                });
            }
            header.format_1_journal = old
                .journal
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(StoreError::io("open", &old.journal, e)),
    }
    if let Ok(draft) = files::read_regular(&old.draft, Links::Refuse)
        && !Header::looks_like_one(&draft)
        && !exists(&folder.draft)
    {
        std::fs::rename(&old.draft, &folder.draft)
            .map_err(|e| StoreError::io("move the draft into the folder", &old.draft, e))?;
    }
    header.format = FORMAT_VERSION;
    header.write(path)?;
    warnings.push(StoreWarning::Upgraded {
        header: path.to_path_buf(),
        folder: folder.folder,
    });
    Ok(header)
}
