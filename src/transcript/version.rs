//! Which version of a session's transcript a file is: the captioners' raw output or the corrected
//! one published later. A raw version never replaces a corrected one kept with the session.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Version {
    /// As captioned during the session: names and words not yet checked.
    Raw,
    /// Checked and corrected after the session: the reference when there is one.
    Corrected,
}

impl Version {
    pub fn slug(self) -> &'static str {
        match self {
            Version::Raw => "raw",
            Version::Corrected => "corrected",
        }
    }
}

/// Words of a disclaimer that mark the raw output; looked for before the corrected ones, as
/// captioners call their rough output "rough edited copy".
const RAW_WORDS: &[&str] = &["raw", "unedited", "rough"];
const CORRECTED_WORDS: &[&str] = &["corrected", "edited"];

/// The version the disclaimer (the text before the first turn) says the transcript is, if it
/// says: "raw", "unedited" or "rough" is raw; "edited" or "corrected" is corrected.
pub fn detect(text: &str) -> Option<Version> {
    let disclaimer = text
        .lines()
        .take_while(|line| !line.trim_start().starts_with(">>"));
    let mut words = Vec::new();
    for line in disclaimer {
        words.extend(
            line.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    let says = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    if says(RAW_WORDS) {
        Some(Version::Raw)
    } else if says(CORRECTED_WORDS) {
        Some(Version::Corrected)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disclaimer_says_which_version_it_is() {
        let turn = "\n***\n>> MODERATOR: This corrected text is what was said, raw.\n";
        assert_eq!(
            detect(&format!("UNEDITED ROUGH DRAFT{turn}")),
            Some(Version::Raw)
        );
        assert_eq!(
            detect(&format!("ROUGH EDITED COPY{turn}")),
            Some(Version::Raw),
            "the captioners' name for their raw output"
        );
        assert_eq!(
            detect(&format!("This is the corrected version.{turn}")),
            Some(Version::Corrected)
        );
        assert_eq!(
            detect(&format!("Edited transcript{turn}")),
            Some(Version::Corrected)
        );
        assert_eq!(
            detect(&format!(
                "FINISHED FILE. The output of realtime captioning.{turn}"
            )),
            None,
            "words after the first turn are what was said, not the disclaimer"
        );
    }
}
