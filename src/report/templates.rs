//! Where templates and profiles come from: the user's directory first, then the ones built into
//! the binary (so `cargo install` needs no files beside it).

use std::path::{Path, PathBuf};

use super::ReportError;

/// The files of templates/ embedded at build time, by their path relative to templates/.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "profiles/igf.ron",
        include_str!("../../templates/profiles/igf.ron"),
    ),
    (
        "profiles/igf-2016.ron",
        include_str!("../../templates/profiles/igf-2016.ron"),
    ),
    ("report.md.j2", include_str!("../../templates/report.md.j2")),
    (
        "report.txt.j2",
        include_str!("../../templates/report.txt.j2"),
    ),
    (
        "report.html.j2",
        include_str!("../../templates/report.html.j2"),
    ),
];

/// The text of a template or profile and where it came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    /// A file path, or "built-in templates/<name>".
    pub origin: String,
}

/// The user's templates directories, searched in order before the built-in files. Each has the
/// layout of templates/: `profiles/NAME.ron`, `report.md.j2`, ...
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateDirs {
    pub dirs: Vec<PathBuf>,
}

impl TemplateDirs {
    /// Only what is built in: what tests and benchmarks use.
    pub fn built_in() -> Self {
        TemplateDirs::default()
    }

    pub fn new(dirs: impl IntoIterator<Item = PathBuf>) -> Self {
        TemplateDirs {
            dirs: dirs.into_iter().collect(),
        }
    }

    /// `$XDG_CONFIG_HOME/rapporteur/templates`, else `~/.config/rapporteur/templates`.
    pub fn user_config_dir() -> Option<PathBuf> {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".config")))?;
        Some(config.join("rapporteur").join("templates"))
    }

    /// The file `name` (relative, such as "report.md.j2"), or None if no directory has it and
    /// nothing built in is called so.
    pub fn source(&self, name: &str) -> Result<Option<Source>, ReportError> {
        // A template name never climbs out of its directory.
        if name.split(['/', '\\']).any(|part| part == "..") || Path::new(name).is_absolute() {
            return Ok(None);
        }
        for dir in &self.dirs {
            let path = dir.join(name);
            match super::read_user_text(&path) {
                Ok(text) => {
                    return Ok(Some(Source {
                        text,
                        origin: path.display().to_string(),
                    }));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(cause) => return Err(ReportError::Read { path, cause }),
            }
        }
        Ok(built_in(name).map(|text| Source {
            text: text.to_string(),
            origin: format!("built-in templates/{name}"),
        }))
    }

    /// Every profile name on offer, the user's and the built-in ones, sorted, each once.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = BUILT_IN
            .iter()
            .filter_map(|(file, _)| profile_name(file))
            .map(str::to_string)
            .collect();
        for dir in &self.dirs {
            let Ok(entries) = std::fs::read_dir(dir.join("profiles")) else {
                continue;
            };
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if let Some(name) = file.strip_suffix(".ron") {
                    names.push(name.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }
}

fn profile_name(file: &str) -> Option<&str> {
    file.strip_prefix("profiles/")?.strip_suffix(".ron")
}

pub fn built_in(name: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
}
