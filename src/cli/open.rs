use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use rapporteur::store::{SessionPaths, Store};

/// Where `rapporteur` alone keeps its session.
const DEFAULT_SESSION: &str = "session.ron";

/// Opens the live screen; without a path, on ./session.ron, made from the built-in example
/// session the first time so that a new user sees a working screen at once.
pub fn run(session: Option<&Path>) -> anyhow::Result<ExitCode> {
    let (path, notice) = match session {
        Some(path) => (path.to_path_buf(), None),
        None => {
            let path = PathBuf::from(DEFAULT_SESSION);
            let notice = create_example(&path)?;
            (path, notice)
        }
    };
    rapporteur::tui::run(&path, notice)?;
    Ok(ExitCode::SUCCESS)
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
    Ok(Some(format!(
        "created {} from the built-in example session (a fictional workshop); F1 for help",
        path.display()
    )))
}
