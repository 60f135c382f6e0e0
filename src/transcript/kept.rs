//! The transcript kept with the session (`.ws422.ron.d/transcript.ron`): its text, where it came from,
//! and the labels the rapporteur settled. Replaced whole and atomically on each import.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::labels::LabelMap;
use super::parse::Transcript;
use super::version::Version;
use super::{TranscriptError, parse_or_explain, source};

/// The version of the kept transcript this build writes; every earlier one stays readable.
pub const KEPT_FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kept {
    pub format: u32,
    /// The file it was imported from, as named.
    pub source: String,
    pub imported: Option<DateTime<FixedOffset>>,
    /// Raw or corrected, as the rapporteur said or the disclaimer did; None when neither said.
    pub version: Option<Version>,
    /// Labels settled by the rapporteur.
    pub map: LabelMap,
    /// The transcript as text (an HTML page's text), so that later versions read it afresh.
    pub text: String,
}

impl Kept {
    /// The kept transcript, or None if there is none. One that cannot be read is an error, so
    /// that nobody overwrites it.
    pub fn load(path: &Path) -> Result<Option<Kept>, TranscriptError> {
        let text = match source::read_text_if_present(path)? {
            Some(text) => text,
            None => return Ok(None),
        };
        let kept: Kept = ron::from_str(&text).map_err(|error| {
            crate::store::parse_error(
                path,
                0,
                &error,
                "a kept transcript (format, source, map, text)",
            )
        })?;
        if kept.format > KEPT_FORMAT {
            return Err(TranscriptError::NewerFormat {
                path: path.to_path_buf(),
                found: kept.format,
            });
        }
        Ok(Some(kept))
    }

    pub fn save(&self, path: &Path) -> Result<(), TranscriptError> {
        let io = |action, cause| crate::store::StoreError::io(action, path, cause);
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| io("encode the transcript", std::io::Error::other(e)))?;
        // A format-1 session that was never opened for writing has no folder yet.
        if let Some(folder) = path.parent() {
            crate::store::create_folder(folder)?;
        }
        crate::store::files::replace(path, text.as_bytes(), crate::store::Links::Refuse)
            .map_err(|e| io("save the transcript", e))?;
        Ok(())
    }

    /// The kept transcript and its turns, or None if there is none.
    pub fn load_read(path: &Path) -> Result<Option<(Kept, Transcript)>, TranscriptError> {
        match Kept::load(path)? {
            Some(kept) => {
                let transcript = kept.transcript(path)?;
                Ok(Some((kept, transcript)))
            }
            None => Ok(None),
        }
    }

    /// The kept text's turns; `path` is the kept file, named in errors.
    pub fn transcript(&self, path: &Path) -> Result<Transcript, TranscriptError> {
        parse_or_explain(&self.text, path)
    }
}
