//! The saving state machine: what is not on disk yet (changes for the journal, the header, the
//! crash-recovery file), when failed writes are tried again, and whether the app may quit.
//!
//! It reads the runtime's [`Reply`]s and says what follows ([`After`]); it never builds the
//! recovery file itself, since that holds the text in the editors (see `super::recovery`).

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::model::Change;

use crate::tui::action::{Effect, Reply};

/// How long after a failed write it is tried again.
const RETRY: Duration = Duration::from_secs(2);
/// The recovery file is written at most this often while typing, and always within a second.
const RECOVERY_EVERY: Duration = Duration::from_millis(500);

#[derive(Debug, Default)]
pub struct Saving {
    /// Changes applied to the session but not yet in the journal, oldest first.
    pub pending: VecDeque<Change>,
    /// The header (roster, clock) changed and is not yet on disk.
    pub header_unsaved: bool,
    recovery: RecoveryFile,
    /// When to try failed writes again.
    retry_at: Option<Instant>,
    pub quit: Quit,
    /// The last write error; stays until every write has succeeded since.
    pub error: Option<String>,
}

/// The crash-recovery file beside the session, as last written.
#[derive(Debug, Default)]
struct RecoveryFile {
    /// What it would hold now differs from what it holds.
    stale: bool,
    /// Its last write failed.
    failed: bool,
    /// It carries the roster: once the header is saved, it is written again without it.
    has_header: bool,
    written_at: Option<Instant>,
}

/// Where a quit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quit {
    /// Nobody asked to quit, or the user did something else since being told.
    #[default]
    Staying,
    /// The user was told what quitting would leave unsaved: the next quit goes. `losing`: the
    /// recovery file cannot be written either, and the user was told that leaving loses it.
    Told { losing: bool },
    /// Quit was accepted and its last writes are running: the app leaves only once they are
    /// known to have worked, so that a failure can still be told.
    Leaving { told: bool, anyway: bool },
    /// Everything is saved, or the user chose to leave without it.
    Left,
}

/// What follows a reply.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct After {
    /// Write the recovery file now, not at the next tick.
    pub write_recovery: bool,
    /// The journal has every change made so far.
    pub all_persisted: bool,
    /// What the user should be told.
    pub message: Option<String>,
}

impl Saving {
    pub fn unsaved(&self) -> usize {
        self.pending.len() + usize::from(self.header_unsaved)
    }

    /// Something the recovery file holds changed (the text typed, a tag, a field).
    pub fn recovery_stale(&mut self) {
        self.recovery.stale = true;
    }

    pub fn recovery_current(&self) -> bool {
        !self.recovery.stale && !self.recovery.failed
    }

    /// Whether the recovery file is due for a write at `now` (at most every half second).
    pub fn recovery_due(&self, now: Instant) -> bool {
        self.recovery.stale
            && self
                .recovery
                .written_at
                .is_none_or(|at| now.saturating_duration_since(at) >= RECOVERY_EVERY)
    }

    /// Whether the recovery file needs a write now; if so, it is taken as written (the reply
    /// says whether it was).
    pub fn take_recovery_write(&mut self, now: Instant, with_header: bool) -> bool {
        if !self.recovery.stale {
            return false;
        }
        self.recovery.stale = false;
        self.recovery.written_at = Some(now);
        self.recovery.has_header = with_header;
        true
    }

    /// A restored recovery file is what is on disk: nothing to write until something changes.
    pub fn restored(&mut self, has_header: bool) {
        self.recovery.stale = false;
        self.recovery.has_header = has_header;
    }

    /// The failed writes, once their time to try again has come.
    pub fn retries(&mut self, now: Instant) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.retry_at.is_some_and(|at| now >= at) {
            self.retry_at = None;
            if !self.pending.is_empty() {
                fx.push(Effect::Flush);
            }
            if self.header_unsaved {
                fx.push(Effect::SaveHeader);
            }
        }
        fx
    }

    pub fn on_reply(&mut self, reply: &Reply, now: Instant) -> After {
        let mut after = After::default();
        match reply {
            Reply::Persisted { count } => {
                self.pending.drain(..(*count).min(self.pending.len()));
                if *count > 0 && self.pending.is_empty() {
                    self.retry_at = None;
                    self.clear_error_once_all_saved();
                    after.all_persisted = true;
                    // The recovery file no longer needs to carry the committed changes.
                    self.recovery.stale = true;
                    after.write_recovery = true;
                }
            }
            Reply::PersistFailed { saved, error } => {
                self.pending.drain(..(*saved).min(self.pending.len()));
                self.error = Some(error.clone());
                self.retry_at = Some(now + RETRY);
                // Keep the unsaved changes in the recovery file too, in case the journal's disk
                // is the one that failed and the app is then killed.
                self.recovery.stale = true;
                after.write_recovery = true;
            }
            Reply::HeaderSaved => {
                self.header_unsaved = false;
                if self.recovery.has_header {
                    // The recovery file's copy of the roster is stale now, and no longer needed.
                    self.recovery.stale = true;
                    after.write_recovery = true;
                }
                if self.pending.is_empty() {
                    self.retry_at = None;
                }
                self.clear_error_once_all_saved();
            }
            Reply::HeaderFailed(error) => {
                self.error = Some(error.clone());
                self.retry_at = Some(now + RETRY);
                // Until the header is written the roster lives only in memory: keep it in the
                // recovery file, with the changes that may name its newest person.
                self.recovery.stale = true;
                after.write_recovery = true;
            }
            Reply::DraftSaved => {
                self.recovery.failed = false;
                self.clear_error_once_all_saved();
            }
            Reply::DraftFailed(error) => {
                // Tried again on the next tick.
                self.recovery.stale = true;
                self.recovery.failed = true;
                self.error = Some(error.clone());
            }
            Reply::WritesDone => after.message = self.finish_quit(),
            Reply::PreviewReady { .. }
            | Reply::Exported(_)
            | Reply::Copied(_)
            | Reply::Arrived(_)
            | Reply::TranscriptRead(_) => {}
        }
        after
    }

    /// The error on the status line is the last failed write's: it goes only when nothing is
    /// left unwritten, so that a draft saved does not hide a journal that still fails, nor the
    /// reverse.
    fn clear_error_once_all_saved(&mut self) {
        if self.pending.is_empty() && !self.header_unsaved && !self.recovery.failed {
            self.error = None;
        }
    }

    /// The user did something else than quitting: a quit they were told about is off.
    pub fn stay(&mut self) {
        if matches!(self.quit, Quit::Told { .. }) {
            self.quit = Quit::Staying;
        }
    }

    /// Quit was asked for. Returns what to tell the user first, if leaving now could lose
    /// something they do not know of; otherwise the app starts leaving (its last writes follow).
    pub fn ask_to_quit(&mut self) -> Option<String> {
        match self.quit {
            Quit::Told { losing } => {
                self.quit = Quit::Leaving {
                    told: true,
                    anyway: losing,
                };
                None
            }
            Quit::Staying | Quit::Leaving { .. } | Quit::Left => {
                let unsaved = self.unsaved();
                if self.recovery.failed {
                    // Known before the last writes run: the user hears it once, not after them.
                    self.quit = Quit::Told { losing: true };
                    Some(draft_failed_prompt())
                } else if unsaved > 0 {
                    self.quit = Quit::Told { losing: false };
                    Some(unsaved_prompt(unsaved))
                } else {
                    self.quit = Quit::Leaving {
                        told: false,
                        anyway: false,
                    };
                    None
                }
            }
        }
    }

    pub fn leaving(&self) -> bool {
        matches!(self.quit, Quit::Leaving { .. })
    }

    pub fn has_quit(&self) -> bool {
        self.quit == Quit::Left
    }

    /// The last writes of a quit are done: leave if what is not in the journal is in the
    /// recovery file (and the user was told so), otherwise say what failed and ask again.
    fn finish_quit(&mut self) -> Option<String> {
        let Quit::Leaving { told, anyway } = self.quit else {
            return None;
        };
        let recovery_current = self.recovery_current();
        let unsaved = self.unsaved();
        if anyway || (recovery_current && (unsaved == 0 || told)) {
            self.quit = Quit::Left;
            return None;
        }
        if recovery_current {
            self.quit = Quit::Told { losing: false };
            Some(unsaved_prompt(unsaved))
        } else {
            self.quit = Quit::Told { losing: true };
            Some(draft_failed_prompt())
        }
    }
}

/// True because the recovery file carries unsaved changes and the roster.
fn unsaved_prompt(unsaved: usize) -> String {
    format!(
        "{unsaved} change(s) could not be saved yet; quit again to leave them in the draft file"
    )
}

fn draft_failed_prompt() -> String {
    "the draft could not be saved; quit again to leave anyway, losing what is not saved".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(what: &str) -> String {
        format!("{what}: No space left on device")
    }

    #[test]
    fn a_full_disk_is_left_with_two_quits() {
        let now = Instant::now();
        let mut saving = Saving::default();
        saving
            .pending
            .push_back(Change::Floor(crate::model::FloorChange {
                at: crate::store::now(),
                speaker: None,
                read_by: None,
            }));
        saving.on_reply(
            &Reply::PersistFailed {
                saved: 0,
                error: failed("journal"),
            },
            now,
        );
        assert!(saving.take_recovery_write(now, false));
        saving.on_reply(&Reply::DraftFailed(failed("draft")), now);
        let told = saving.ask_to_quit().expect("the first quit tells");
        assert!(told.contains("losing"), "{told}");
        assert_eq!(saving.ask_to_quit(), None);
        // The last writes fail again; the user was told, so the app leaves.
        assert!(saving.take_recovery_write(now, false));
        saving.on_reply(&Reply::DraftFailed(failed("draft")), now);
        saving.on_reply(&Reply::WritesDone, now);
        assert!(saving.has_quit());
    }

    #[test]
    fn retries_follow_the_monotonic_clock() {
        let now = Instant::now();
        let mut saving = Saving {
            header_unsaved: true,
            ..Saving::default()
        };
        saving.on_reply(&Reply::HeaderFailed(failed("header")), now);
        assert!(saving.retries(now + Duration::from_secs(1)).is_empty());
        assert_eq!(
            saving.retries(now + Duration::from_secs(2)),
            vec![Effect::SaveHeader]
        );
    }

    #[test]
    fn doing_something_else_takes_back_a_quit_that_was_told() {
        let mut saving = Saving {
            header_unsaved: true,
            ..Saving::default()
        };
        assert!(saving.ask_to_quit().is_some());
        saving.stay();
        assert!(saving.ask_to_quit().is_some(), "told again, not left");
    }
}
