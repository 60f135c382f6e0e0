//! Hostile input on the command line: times past the calendar or with a 60th second, and text
//! carrying control characters that must never reach the terminal raw.

mod common;

use std::fs;

use common::{arg, rapporteur, scratch, text, workshop};
use rapporteur::store::Store;

fn new_workshop() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    (dir, path)
}

/// A clean failure: exit status 1 (not a panic's 101), the message on stderr.
fn refused(output: std::process::Output) -> String {
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn times_past_the_calendar_or_with_a_60th_second_are_refused_cleanly() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    for at in ["+4294967295:59:59", "+4294967295:00"] {
        let error = refused(rapporteur(&["note", s, "--at", at, "text"]));
        assert!(error.contains("+00:12:30"), "{error}");
        let error = refused(rapporteur(&["floor", s, "paulus", "--at", at]));
        assert!(error.contains("+00:12:30"), "{error}");
    }
    for at in ["14:05:60", "2022-12-01T14:05:60Z"] {
        let error = refused(rapporteur(&["note", s, "--at", at, "text"]));
        assert!(error.contains("00 to 59"), "{error}");
    }
    let leap = dir.path().join("leap.jsonl");
    fs::write(
        &leap,
        "{\"at\":\"2022-12-01T14:05:60Z\",\"text\":\"leap\"}\n",
    )
    .unwrap();
    let error = refused(rapporteur(&["note", s, "--from", arg(&leap)]));
    assert!(
        error.contains("leap.jsonl:1") && error.contains("00 to 59"),
        "{error}"
    );
    assert_eq!(text(&rapporteur(&["notes", s]).stdout), "");
}
