use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use rapporteur::store::{SessionPaths, Store, now};
use rapporteur::tui::TuiError;
use rapporteur::tui::action::Action;
use rapporteur::tui::input::keymap::Keymap;
use rapporteur::tui::input::user;

use super::moment::parse_moment;

/// Where `rapporteur` alone keeps its session.
const DEFAULT_SESSION: &str = "session.ron";

#[derive(Args)]
pub struct OpenArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Run the screen's clock from this time, as --at takes it (14:05, +00:12:30, RFC 3339): for
    /// recording a session afterwards from its video, or catching up on one.
    #[arg(long, value_name = "TIME")]
    pub clock: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

/// Opens the live screen; without a path, on ./session.ron, made from the built-in example
/// session the first time so that a new user sees a working screen at once.
pub fn run(
    session: Option<&Path>,
    clock: Option<&str>,
    taker: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (path, notice) = match session {
        Some(path) => (path.to_path_buf(), None),
        None => {
            let path = PathBuf::from(DEFAULT_SESSION);
            let notice = create_example(&path)?;
            (path, notice)
        }
    };
    let clock = match clock {
        Some(text) => {
            // Read without the writer lock, which the live screen takes itself.
            let (session, _) = Store::read(&path)?;
            Some(parse_moment(text, session.origin(), now())?)
        }
        None => None,
    };
    match rapporteur::tui::run(&path, taker, notice, clock) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // As a shell reports a program a signal ended: 128 and its number (143 for SIGTERM).
        Err(stopped @ TuiError::Stopped(signal)) => {
            super::tell(&stopped);
            Ok(ExitCode::from(
                u8::try_from(128 + signal).unwrap_or(u8::MAX),
            ))
        }
        Err(error) => Err(error.into()),
    }
}

fn create_example(path: &Path) -> anyhow::Result<Option<String>> {
    if SessionPaths::new(path).header.exists() {
        return Ok(None);
    }
    let mut session = rapporteur::import::example_session();
    session.taker = session.rapporteur_name().unwrap_or_default().to_string();
    // The store is dropped at once: the live screen takes the writer lock itself.
    drop(
        Store::create(path, &session)
            .with_context(|| format!("could not create {}", path.display()))?,
    );
    // The help key as the screen will have it: the user's keymap may move it.
    let (keymap, _) = user::load(user::path().as_deref());
    Ok(Some(example_notice(path, &keymap)))
}

fn example_notice(path: &Path, keymap: &Keymap) -> String {
    format!(
        "created {} from the built-in example session (a fictional workshop); {} for help",
        path.display(),
        keymap.key_for(&Action::ToggleHelp)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_notice_names_the_help_key_of_the_users_keymap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keymap.ron");
        std::fs::write(&file, r#"[(name: "help", keys: [("F13", ToggleHelp)])]"#).unwrap();
        let (keymap, error) = user::load(Some(&file));
        assert!(error.is_none(), "{error:?}");
        let notice = example_notice(Path::new("session.ron"), &keymap);
        assert!(notice.ends_with("; F13 for help"), "{notice}");
    }
}
