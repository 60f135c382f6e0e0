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

/// ESC [2J clears the screen, OSC 0 sets the window title, OSC 52 the clipboard, BEL rings; C1
/// CSI (U+009B) and DEL act on some terminals too.
const HOSTILE_NAME: &str = "Eve\u{1b}[2J\u{1b}]0;owned\u{7} Mallory\u{9b}31m\u{7f}";
const HOSTILE_NOTE: &str = "copy \u{1b}]52;c;cm0gLXJmIH4=\u{7} this\r\u{85}done";

fn assert_no_raw_controls(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let raw: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect();
    assert!(raw.is_empty(), "{what} printed {raw:?}: {text}");
}

#[test]
fn no_control_character_reaches_the_terminal_from_any_command() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    let added = rapporteur(&[
        "person",
        "add",
        s,
        HOSTILE_NAME,
        "--affiliation",
        "\u{1b}[5mLab",
        "--role",
        "speaker",
    ]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_no_raw_controls("person add", &added.stdout);
    assert!(
        text(&added.stdout).contains("\\u{1b}[2J"),
        "{}",
        text(&added.stdout)
    );
    let noted = rapporteur(&["note", s, "-s", "mallory", "--at", "14:05", HOSTILE_NOTE]);
    assert!(noted.status.success(), "{}", text(&noted.stderr));
    let floor = rapporteur(&["floor", s, "mallory", "--at", "14:05"]);
    assert!(floor.status.success(), "{}", text(&floor.stderr));
    assert_no_raw_controls("floor", &floor.stdout);

    let out = dir.path().join("short.md");
    for args in [
        vec!["show", s],
        vec!["show", s, "--json"],
        vec!["notes", s],
        vec!["notes", s, "--json"],
        vec!["stats", s],
        vec!["stats", s, "--json"],
        vec!["check", s],
        vec!["export", s, "final"],
        vec!["export", s, "final", "--format", "txt"],
        vec!["export", s, "final", "--format", "html"],
        vec!["export", s, "final", "--format", "json"],
        vec!["export", s, "short", "-o", arg(&out)],
        vec!["note", s, "-s", "\u{1b}[2Jnobody", "text"],
        vec!["person", "absent", s, "\u{1b}]0;x\u{7}"],
        vec!["join", s, "--taker", HOSTILE_NAME],
    ] {
        let output = rapporteur(&args);
        let what = args.join(" ");
        assert_no_raw_controls(&what, &output.stdout);
        assert_no_raw_controls(&what, &output.stderr);
    }
    let notes = text(&rapporteur(&["notes", s]).stdout);
    assert!(
        notes.contains("\\u{1b}]52;c;"),
        "shown, not hidden: {notes}"
    );
    // JSON keeps the text whole, escaped: it reads back to the same characters.
    let json = text(&rapporteur(&["notes", s, "--json"]).stdout);
    let note: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(note["text"], HOSTILE_NOTE);
    let file = fs::read_to_string(&out).unwrap();
    assert_no_raw_controls("export -o", file.as_bytes());
    assert!(file.contains("Eve[2J]0;owned Mallory31m"), "{file}");
}

#[test]
fn markdown_exports_carry_no_markup_from_notes() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let hostile = "<script>alert(1)</script> see [the paper](javascript:alert(2)) #x";
    let noted = rapporteur(&[
        "note", s, "-s", "paulus", "-k", "takeaway", "--at", "14:05", hostile,
    ]);
    assert!(noted.status.success(), "{}", text(&noted.stderr));
    // The final report quotes the audience's questions as they were noted.
    let asked = rapporteur(&[
        "note", s, "-s", "audience", "-k", "question", "--at", "14:06", hostile,
    ]);
    assert!(asked.status.success(), "{}", text(&asked.stderr));
    for report in ["short", "final"] {
        let markdown = text(&rapporteur(&["export", s, report]).stdout);
        assert!(markdown.contains("the paper"), "{markdown}");
        assert!(!markdown.contains("<script"), "{markdown}");
        assert!(!markdown.contains("](javascript:"), "{markdown}");
    }
    let html = text(&rapporteur(&["export", s, "final", "--format", "html"]).stdout);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("overflow-wrap: anywhere"), "long words wrap");
}

#[test]
fn a_pipe_in_a_name_or_a_note_keeps_the_markdown_tables_whole() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let added = rapporteur(&[
        "person",
        "add",
        s,
        "Ana | Lima",
        "--affiliation",
        "R|D Lab",
        "--role",
        "speaker",
    ]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let noted = rapporteur(&["note", s, "-s", "lima", "--at", "14:05", "yes | no"]);
    assert!(noted.status.success(), "{}", text(&noted.stderr));
    let markdown = text(&rapporteur(&["export", s, "final"]).stdout);
    // A table row's cells are split at every `|` not escaped by a backslash.
    let cells = |row: &str| {
        row.match_indices('|')
            .filter(|(i, _)| !row[..*i].ends_with('\\'))
            .count()
    };
    let header = markdown
        .lines()
        .find(|l| l.starts_with("| Name |"))
        .expect("the people table");
    let row = markdown
        .lines()
        .find(|l| l.contains("Ana") && l.starts_with('|'))
        .expect("Ana's row");
    assert_eq!(cells(row), cells(header), "{row}");
    assert!(
        row.contains("Ana \\| Lima") && row.contains("R\\|D Lab"),
        "{row}"
    );
}

#[test]
fn direction_overrides_are_shown_on_the_terminal_and_left_out_of_files() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    let hostile = "pay \u{202e}0001\u{202c} now, שלום and مرحبا";
    let noted = rapporteur(&[
        "note", s, "-s", "paulus", "-k", "takeaway", "--at", "14:05", hostile,
    ]);
    assert!(noted.status.success(), "{}", text(&noted.stderr));
    let notes = text(&rapporteur(&["notes", s]).stdout);
    assert!(!notes.contains('\u{202e}'), "{notes}");
    assert!(
        notes.contains("pay \\u{202e}0001\\u{202c} now, שלום and مرحبا"),
        "{notes}"
    );
    let out = dir.path().join("short.md");
    assert!(
        rapporteur(&["export", s, "short", "-o", arg(&out)])
            .status
            .success()
    );
    let file = fs::read_to_string(&out).unwrap();
    assert!(file.contains("pay 0001 now, שלום and مرحبا"), "{file}");
}

#[test]
fn a_note_of_only_invisible_characters_is_refused_like_an_empty_one() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    let invisible = "\u{200b}\u{200d} \u{feff}\u{2060}";
    let error = refused(rapporteur(&["note", s, invisible]));
    assert!(
        error.contains("the note is empty") && error.contains("invisible"),
        "{error}"
    );
    let lines = dir.path().join("notes.jsonl");
    let good = "{\"at\":\"2022-12-01T14:03:00Z\",\"text\":\"seen\"}";
    let blank = format!("{{\"at\":\"2022-12-01T14:04:00Z\",\"text\":\"{invisible}\"}}");
    fs::write(&lines, format!("{good}\n{blank}\n")).unwrap();
    let error = refused(rapporteur(&["note", s, "--from", arg(&lines)]));
    assert!(
        error.contains("notes.jsonl:2") && error.contains("the note is empty"),
        "{error}"
    );
    let notes = text(&rapporteur(&["notes", s]).stdout);
    assert_eq!(notes, "", "nothing added");
}

/// Runs the binary with its stdout going to `stdout`.
fn with_stdout(args: &[&str], stdout: std::process::Stdio) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_or_a_closed_pipe_on_stdout_is_no_panic() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    assert!(rapporteur(&["note", s, "one note"]).status.success());
    for args in [
        &["notes", s][..],
        &["notes", "--json", s],
        &["show", s],
        &["show", "--json", s],
        &["stats", s],
        &["check", s],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = with_stdout(args, full.into());
        let error = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {error}");
        assert!(
            error.contains("could not write to standard output"),
            "{args:?}: {error}"
        );

        // The reader is gone before the program starts, as `| head -1` is after one line.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = with_stdout(args, writer.into());
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(text(&output.stderr), "", "{args:?}: quietly");
    }
}
