//! Scripted key presses through the real dispatch and a real store in a temporary directory.

mod recovery;
mod roster;
mod saving;
mod timeline;
mod typing;

use crate::store::Store;
use crate::tui::tests::support::roster_only;

/// A new session file in `dir`, on the sample roster.
fn new_session(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("ws422.ron");
    Store::create(&path, &roster_only()).unwrap();
    path
}
