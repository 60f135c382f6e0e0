//! A session several takers share through a folder a sync tool keeps (Syncthing, Nextcloud, a
//! network share): each taker appends to a journal of their own, and a reader unites them all.
//!
//! Uniting is a merge of the journals by when each change was made, each journal's own order kept,
//! and journals taken in a fixed order (the first taker's, then the others by name) where two
//! changes share a moment: the same files give the same session whatever order they arrived in,
//! and reading them again changes nothing. A file in the folder that no taker writes (a sync
//! tool's conflict copy) is not read, and is reported.

use std::path::{Path, PathBuf};

use super::paths::{FIRST_JOURNAL, JOURNAL_SUFFIX, SessionPaths, TAKERS};
use super::{StoreWarning, read_journal};
use crate::model::Change;

/// The journals of the takers who joined, in the order they are united (by file name), and
/// what else is in the folder that rapporteur did not write.
pub(super) fn joined_journals(paths: &SessionPaths) -> (Vec<PathBuf>, Vec<StoreWarning>) {
    let mut journals = Vec::new();
    let mut strays = Vec::new();
    for name in file_names(&paths.folder) {
        if !is_first_takers_file(&name) {
            strays.push(paths.folder.join(&name));
        }
    }
    let takers = paths.folder.join(TAKERS);
    for name in file_names(&takers) {
        if let Some(slug) = name.strip_suffix(JOURNAL_SUFFIX)
            && is_slug(slug)
        {
            journals.push(takers.join(&name));
        } else if !is_joined_takers_file(&name) {
            strays.push(takers.join(&name));
        }
    }
    journals.sort();
    strays.sort();
    let warnings = strays
        .into_iter()
        .map(|path| StoreWarning::NotRead { path })
        .collect();
    (journals, warnings)
}

fn file_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// What a taker's file name begins with: only what [`super::taker_slug`] makes.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Hidden files are the temporary files of a save under way (or of one a crash cut short,
/// removed by the next save).
fn is_temporary(name: &str) -> bool {
    name.starts_with('.')
}

fn is_damaged_copy(name: &str, of: &str) -> bool {
    name.strip_prefix(of)
        .and_then(|rest| rest.strip_prefix(".damaged-"))
        .is_some_and(|rest| rest.ends_with(".ron") && !rest.contains(['/', ' ', '(']))
}

fn is_first_takers_file(name: &str) -> bool {
    matches!(
        name,
        FIRST_JOURNAL | "lock" | "draft.ron" | "transcript.ron" | TAKERS
    ) || is_temporary(name)
        || is_damaged_copy(name, "notes")
        || is_damaged_copy(name, "draft")
}

fn is_joined_takers_file(name: &str) -> bool {
    if is_temporary(name) {
        return true;
    }
    let own = |suffix: &str| name.strip_suffix(suffix).is_some_and(is_slug);
    if own(".lock") || own(".draft.ron") {
        return true;
    }
    name.split_once('.').is_some_and(|(slug, rest)| {
        is_slug(slug) && (is_damaged_copy(rest, "notes") || is_damaged_copy(rest, "draft"))
    })
}

/// Reads every joined taker's journal, in the order they are united.
pub(super) fn read_joined(
    paths: &SessionPaths,
    warnings: &mut Vec<StoreWarning>,
) -> Result<Vec<Vec<Change>>, super::StoreError> {
    let (journals, strays) = joined_journals(paths);
    warnings.extend(strays);
    journals
        .iter()
        .map(|journal| read_journal(journal, warnings, &mut super::follow::Offsets::new()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FloorChange, Note, NoteKind, Session, Speaker};
    use chrono::{DateTime, FixedOffset};
    use proptest::prelude::*;

    fn at(minute: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2022-12-01T14:{minute:02}:00Z")).unwrap()
    }

    /// A journal of notes, edits, deletions and floor changes by one taker.
    fn journal(taker: &'static str) -> impl Strategy<Value = Vec<Change>> {
        prop::collection::vec((0u32..50, 0u8..4), 0..12).prop_map(move |steps| {
            let mut changes: Vec<Change> = Vec::new();
            let mut mine: Vec<Note> = Vec::new();
            for (minute, what) in steps {
                match (what, mine.last().cloned()) {
                    (1, Some(mut note)) => {
                        note.text.push_str(" (corrected)");
                        note.edited = Some(at(minute));
                        changes.push(Change::Edit(note));
                    }
                    (2, Some(note)) => changes.push(Change::Delete {
                        id: note.id,
                        at: at(minute),
                    }),
                    (3, _) => changes.push(Change::Floor(FloorChange {
                        // Seconds apart: two takers' records of one moment meet.
                        at: at(0) + chrono::TimeDelta::seconds(i64::from(minute)),
                        speaker: Some([Speaker::Audience, Speaker::Online][minute as usize % 2]),
                        read_by: None,
                    })),
                    _ => {
                        let note =
                            Note::new(at(minute), None, vec![], NoteKind::Remark, "n", taker);
                        mine.push(note.clone());
                        changes.push(Change::Note(note));
                    }
                }
            }
            changes
        })
    }

    /// The session the takers' journals make, the first taker's first, read as the store reads
    /// them: united, namesakes one, the floor settled.
    fn session_of(journals: Vec<(&str, Vec<Change>)>) -> Session {
        let mut session = Session::default();
        let mut moderator = crate::model::Person::new(crate::model::PersonId(2), "B");
        moderator.roles = vec![crate::model::Role::OnlineModerator];
        session.people = vec![moderator];
        session.replay_takers(
            journals
                .into_iter()
                .map(|(taker, changes)| (taker.to_string(), changes))
                .collect(),
        );
        session
    }

    proptest! {
        #[test]
        fn uniting_is_independent_of_order_and_idempotent(
            a in journal("A"), b in journal("B"), c in journal("C")
        ) {
            let abc = session_of(vec![("A", a.clone()), ("B", b.clone()), ("C", c.clone())]);
            // The joined takers' files in another order, and some read twice: the first
            // taker's is always first, and a change seen twice changes nothing.
            let acb = session_of(vec![("A", a.clone()), ("C", c.clone()), ("B", b.clone())]);
            let twice = session_of(vec![
                ("A", a.clone()),
                ("B", b.clone()),
                ("C", c.clone()),
                ("C", c),
                ("B", b),
            ]);
            for other in [&acb, &twice] {
                prop_assert_eq!(&abc.notes, &other.notes);
                prop_assert_eq!(&abc.floor, &other.floor);
                prop_assert_eq!(&abc.floor_conflicts, &other.floor_conflicts);
            }
        }
    }

    #[test]
    fn a_sync_tools_conflict_copy_is_reported_and_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SessionPaths::new(dir.path().join("ws.ron"));
        std::fs::create_dir_all(paths.folder.join(TAKERS)).unwrap();
        for name in [
            "takers/ana.notes.ron",
            "takers/ana.lock",
            "takers/ana.notes.damaged-20221201T140000Z.ron",
            "takers/.ana.draft.ron.rapporteur-tmp-1-0",
            "notes.ron",
            "lock",
            "takers/ana.notes.sync-conflict-20221201-140000-ABCDEF.ron",
            "notes (conflicted copy 2022-12-01).ron",
        ] {
            std::fs::write(paths.folder.join(name), "").unwrap();
        }
        let (journals, strays) = joined_journals(&paths);
        assert_eq!(journals, vec![paths.folder.join("takers/ana.notes.ron")]);
        let strays: Vec<String> = strays.iter().map(ToString::to_string).collect();
        assert_eq!(strays.len(), 2, "{strays:?}");
        assert!(strays.iter().any(|s| s.contains("sync-conflict")));
        assert!(strays.iter().any(|s| s.contains("conflicted copy")));
    }
}
