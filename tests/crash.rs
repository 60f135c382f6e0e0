//! kill -9 in the middle of saving: every note the program reported saved is still there.
//! A killed process leaves the kernel's page cache behind, so this shows what a crash of the
//! program loses (nothing); what a power cut loses is the fsync's business (`write_durably`).

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{arg, scratch, workshop};
use rapporteur::store::{SessionPaths, Store, StoreError};

/// Two shell loops add notes as fast as they can, competing for the session (a loser of the lock
/// just tries again); both are killed with SIGKILL, whole process groups, mid-stream.
#[test]
fn kill_9_while_adding_notes_loses_no_note_reported_saved() {
    let (_dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let mut reported: HashSet<String> = HashSet::new();

    for (round, kill_after) in [(0, 5), (1, 17), (2, 1), (3, 9)] {
        let writers: Vec<_> = (0..2)
            .map(|writer| {
                let script = format!(
                    r#"i=0; while :; do "$0" note "$1" -s audience "round {round} writer {writer} note $i" 2>/dev/null && i=$((i+1)); done"#
                );
                let mut child = Command::new("sh")
                    .arg("-c")
                    .arg(script)
                    .arg(env!("CARGO_BIN_EXE_rapporteur"))
                    .arg(arg(&path))
                    .stdout(Stdio::piped())
                    .process_group(0)
                    .spawn()
                    .expect("sh runs");
                let lines = BufReader::new(child.stdout.take().unwrap()).lines();
                (child, lines)
            })
            .collect();
        for (mut child, mut lines) in writers {
            for _ in 0..kill_after {
                let line = lines.next().expect("a line").expect("text");
                let id = line
                    .strip_prefix("saved note ")
                    .and_then(|rest| rest.split(' ').next())
                    .unwrap_or_else(|| panic!("unexpected output: {line}"));
                reported.insert(id.to_string());
            }
            let group = format!("-{}", child.id());
            let killed = Command::new("kill")
                .args(["-9", "--", &group])
                .status()
                .unwrap();
            assert!(killed.success());
            child.wait().unwrap();
        }
    }

    // A killed process lets go of the lock only once the kernel has finished tearing it down,
    // which can be a moment after `kill` returns: wait for that, not for a fixed time.
    let deadline = Instant::now() + Duration::from_secs(30);
    let opened = loop {
        match Store::open(&path) {
            Err(StoreError::Locked { .. }) if Instant::now() < deadline => std::thread::yield_now(),
            // Opening for writing repairs whatever a kill tore.
            other => break other.expect("the session opens after the kills"),
        }
    };
    let saved: HashSet<String> = opened
        .session
        .notes
        .iter()
        .map(|n| n.id.to_string())
        .collect();
    let missing: Vec<&String> = reported.difference(&saved).collect();
    assert!(missing.is_empty(), "reported saved but lost: {missing:?}");
    assert_eq!(reported.len(), 2 * (5 + 17 + 1 + 9));
    // Each note is one record in the journal: a retry after a kill never saved one twice.
    let journal = std::fs::read_to_string(SessionPaths::new(&path).journal).unwrap();
    for id in &reported {
        assert_eq!(
            journal.matches(id.as_str()).count(),
            1,
            "note {id} is in the journal once"
        );
    }
}
