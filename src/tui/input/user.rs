//! The user's keys: `$XDG_CONFIG_HOME/rapporteur/keymap.ron` (or `~/.config/…`) changes the
//! built-in table entry by entry. A file that cannot be used is an error naming its line and
//! column, and the built-in keys are used instead: the screen still opens.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::tui::action::Action;

use super::chord::Chord;
use super::keymap::{Keymap, Layer};

/// A keymap file larger than this is not one: it is not read.
const MAX_BYTES: u64 = 1 << 20;

/// Where the user's keymap is looked for.
pub fn path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".config")))?;
    Some(config.join("rapporteur").join("keymap.ron"))
}

/// What is wrong with a keymap file, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub path: PathBuf,
    /// 1-based, when the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for KeymapError {}

/// An entry of the user's file: the name of a built-in entry and its new keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserEntry {
    name: String,
    /// The fields written as `rapporteur keys` prints them; a left-out one keeps the built-in
    /// entry's.
    #[serde(default, deserialize_with = "present")]
    layer: Option<Layer>,
    keys: Vec<(String, Action)>,
    #[serde(default, deserialize_with = "present")]
    help: Option<String>,
    /// `None`: no hint; `Some("word")`: that word.
    #[serde(default, deserialize_with = "present")]
    hint: Option<Option<String>>,
}

/// A field that is there is `Some` of what it says; one left out is None (`serde(default)`).
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// The keys in effect: the built-in table changed by the user's file at `path`, if there is one.
/// A file that cannot be used leaves the built-in keys, and says why.
pub fn load(path: Option<&Path>) -> (Keymap, Option<KeymapError>) {
    let defaults = Keymap::default();
    let Some(path) = path else {
        return (defaults, None);
    };
    match read(path) {
        Ok(None) => (defaults, None),
        Ok(Some(text)) => match merge(defaults.clone(), &text, path) {
            Ok(keymap) => (keymap, None),
            Err(error) => (defaults, Some(error)),
        },
        Err(message) => (
            defaults,
            Some(KeymapError {
                path: path.to_path_buf(),
                at: None,
                message,
            }),
        ),
    }
}

/// The file's text; None if there is no file. Only a regular file is read, and only so much of
/// it: a FIFO or a device there must not hang the screen's start.
fn read(path: &Path) -> Result<Option<String>, String> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("cannot be read: {error}")),
    };
    if !metadata.is_file() {
        return Err("is not a regular file".into());
    }
    if metadata.len() > MAX_BYTES {
        return Err(format!("is over {MAX_BYTES} bytes: not a keymap"));
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_BYTES).read_to_string(&mut text))
        .map_err(|error| format!("cannot be read: {error}"))?;
    Ok(Some(text))
}

/// The built-in table with the entries of `text` put in; `path` names the file in errors.
pub fn merge(mut keymap: Keymap, text: &str, path: &Path) -> Result<Keymap, KeymapError> {
    let error = |at: Option<(usize, usize)>, message: String| KeymapError {
        path: path.to_path_buf(),
        at,
        message,
    };
    let entries: Vec<UserEntry> = ron::from_str(text).map_err(|e| {
        error(
            Some((e.span.start.line, e.span.start.col)),
            format!(
                "{}; expected a list of entries like [(name: \"save the note\", keys: [(\"Ctrl+s\", Commit)])]",
                e.code
            ),
        )
    })?;
    let mut seen: Vec<&str> = Vec::new();
    for entry in &entries {
        let at = place(text, &format!("{:?}", entry.name), 0);
        if seen.contains(&entry.name.as_str()) {
            return Err(error(at, format!("\"{}\" is changed twice", entry.name)));
        }
        seen.push(&entry.name);
        let Some(binding) = keymap.bindings.iter_mut().find(|b| b.name == entry.name) else {
            return Err(error(
                at,
                format!(
                    "no entry is called \"{}\"; `rapporteur keys` lists them",
                    entry.name
                ),
            ));
        };
        if entry.layer.is_some_and(|layer| layer != binding.layer) {
            return Err(error(
                at,
                format!(
                    "\"{}\" works {}: its layer cannot change",
                    entry.name,
                    binding.layer.title().to_lowercase()
                ),
            ));
        }
        let after = at.map_or(0, |_| offset_of(text, &format!("{:?}", entry.name)));
        let mut chords = Vec::new();
        for (key, action) in &entry.keys {
            let key_at = place(text, &format!("{key:?}"), after);
            let chord: Chord = key
                .parse()
                .map_err(|e: super::chord::BadChord| error(key_at, e.to_string()))?;
            if !binding.chords.iter().any(|(_, a)| a == action) {
                let does: Vec<String> = binding
                    .chords
                    .iter()
                    .map(|(_, a)| format!("{a:?}"))
                    .collect();
                return Err(error(
                    key_at,
                    format!(
                        "\"{}\" does {}, not {action:?}",
                        entry.name,
                        dedup(does).join(" or ")
                    ),
                ));
            }
            chords.push((chord, action.clone()));
        }
        binding.chords = chords;
        let texts = entry.help.iter().chain(entry.hint.iter().flatten());
        if texts.flat_map(|t| t.chars()).any(char::is_control) {
            return Err(error(
                at,
                format!(
                    "\"{}\": a help or hint holds a control character",
                    entry.name
                ),
            ));
        }
        if let Some(help) = &entry.help {
            binding.help = help.clone();
        }
        if let Some(hint) = &entry.hint {
            binding.hint = hint.clone();
        }
    }
    if let Some(clash) = keymap.clashes().into_iter().next() {
        let chord = clash.split(' ').next().unwrap_or_default().to_string();
        return Err(error(place(text, &format!("{chord:?}"), 0), clash));
    }
    Ok(keymap)
}

fn dedup(mut items: Vec<String>) -> Vec<String> {
    items.dedup();
    items
}

fn offset_of(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or(0)
}

/// Line and column (1-based, in characters) of the first `needle` at or after byte `from`.
fn place(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let start = from + text.get(from..)?.find(needle)?;
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

/// The keys in effect as the keymap's file writes them: `rapporteur keys` prints this, and a
/// user can start their own file from it.
pub fn to_ron(keymap: &Keymap) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_string());
    let body = ron::ser::to_string_pretty(&keymap.bindings, config)
        .unwrap_or_else(|error| format!("// the keymap could not be written: {error}"));
    format!(
        "// The keys in effect: the built-in table with {} changed. Entries of this shape in\n\
         // $XDG_CONFIG_HOME/rapporteur/keymap.ron change the keys of the entry of the same name.\n{body}\n",
        "the user's keymap.ron"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(text: &str) -> Result<Keymap, KeymapError> {
        merge(Keymap::default(), text, Path::new("keymap.ron"))
    }

    #[test]
    fn an_entry_changes_only_its_own_keys() {
        let keymap = merged(r#"[(name: "save the note", keys: [("Ctrl+s", Commit)])]"#).unwrap();
        assert_eq!(keymap.key_for(&Action::Commit), "Ctrl+s");
        let defaults = Keymap::default();
        assert_eq!(keymap.bindings.len(), defaults.bindings.len());
        let others = |k: &Keymap| -> Vec<Binding> {
            k.bindings
                .iter()
                .filter(|b| b.name != "save the note")
                .cloned()
                .collect()
        };
        assert_eq!(others(&keymap), others(&defaults));
    }

    use super::super::keymap::Binding;

    #[test]
    fn a_bad_file_says_where() {
        let cases = [
            (
                "[(name: \"save the note\",\n  keys: [(\"Ctrl+s\" Commit)])]",
                (2, 20),
                "expected",
            ),
            (
                "[\n  (name: \"sav\", keys: [])]",
                (2, 10),
                "no entry is called \"sav\"",
            ),
            (
                "[(name: \"save the note\",\n   keys: [(\"Ctrl+Hyper\", Commit)])]",
                (2, 12),
                "is not a key",
            ),
            (
                "[(name: \"save the note\", keys: [(\"Ctrl+s\", Quit)])]",
                (1, 34),
                "does Commit, not Quit",
            ),
            (
                "[(name: \"save the note\", keys: [(\"Alt+w\", Commit)])]",
                (1, 34),
                "Alt+w is both",
            ),
            ("[(name: \"help\", kyes: [])]", (1, 17), "kyes"),
        ];
        for (text, at, says) in cases {
            let error = merged(text).unwrap_err();
            assert_eq!(error.at, Some(at), "{error}");
            assert!(error.to_string().contains(says), "{error}");
            assert!(error.to_string().starts_with("keymap.ron:"), "{error}");
        }
    }

    #[test]
    fn what_keys_prints_reads_back_as_the_same_keymap() {
        let mut keymap = Keymap::default();
        keymap = merge(
            keymap,
            r#"[(name: "save the note", keys: [("Ctrl+s", Commit)], hint: Some("keep"))]"#,
            Path::new("k"),
        )
        .unwrap();
        let printed = to_ron(&keymap);
        let read = merge(Keymap::default(), &printed, Path::new("k")).unwrap();
        assert_eq!(read, keymap);
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_fifo_is_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("keymap.ron");
        assert_eq!(load(Some(&missing)), (Keymap::default(), None));
        let fifo = dir.path().join("fifo.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let (keymap, error) = load(Some(&fifo));
            assert_eq!(keymap, Keymap::default());
            assert!(error.unwrap().message.contains("not a regular file"));
        }
    }
}
