//! The text being typed, kept beside the journal so that a crash loses none of it.

use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::files::{self, Links};
use super::{Store, StoreError, parse_error};

impl Store {
    /// Saves the text being typed, atomically, in the session's folder.
    pub fn save_draft<T: Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let path = &self.paths.draft;
        let io = |e| StoreError::io("save the draft", path, e);
        let text = ron::to_string(draft).map_err(|e| io(std::io::Error::other(e)))?;
        files::replace(path, text.as_bytes(), Links::Refuse).map_err(io)
    }

    /// The draft left by the last run, if any.
    pub fn load_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, StoreError> {
        let path = &self.paths.draft;
        match files::read_regular(path, Links::Refuse) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| StoreError::Parse {
                    path: path.clone(),
                    line: 1,
                    column: 1,
                    message: "the draft is not UTF-8 text".to_string(),
                })?;
                ron::from_str(&text)
                    .map(Some)
                    .map_err(|e| parse_error(path, 0, &e, "a draft"))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io("read the draft", path, e)),
        }
    }

    /// Moves a draft that could not be read out of the way, so that the next save cannot
    /// overwrite what may still be recovered from it by hand. Returns where it now is.
    pub fn set_aside_draft(&self) -> Result<PathBuf, StoreError> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
        let kept = self.paths.damaged_draft(&stamp);
        std::fs::rename(&self.paths.draft, &kept)
            .map_err(|e| StoreError::io("move the unreadable draft aside", &self.paths.draft, e))?;
        Ok(kept)
    }

    pub fn clear_draft(&self) -> Result<(), StoreError> {
        match std::fs::remove_file(&self.paths.draft) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::io("remove the draft", &self.paths.draft, e))
            }
            _ => Ok(()),
        }
    }
}
