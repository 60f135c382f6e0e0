//! `rapporteur transcript` and the quote check in `check`, end to end: the real binary on the
//! WS #422 session (imported from the shared page when it is here, else built with its roster)
//! and a transcript written in the captioners' style for these tests.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{arg, fails, ok, person, rapporteur, scratch, text, workshop};
use rapporteur::model::{RegionalGroup, Role, StakeholderGroup};
use rapporteur::store::{SessionPaths, Store};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transcripts")
        .join(name)
}

fn json(output: std::process::Output) -> Value {
    serde_json::from_str(&ok(output)).expect("JSON on stdout")
}

/// The WS #422 session: from the shared proposal page when it is here (as `rapporteur new`
/// reads it), else the same roster built by hand.
fn ws422() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = scratch();
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/proposals/igf2022-ws422-cyber-diplomacy.txt");
    if page.exists() {
        ok(rapporteur(&[
            "new",
            arg(&path),
            "--from-proposal",
            arg(&page),
        ]));
    } else {
        use RegionalGroup::*;
        use StakeholderGroup::*;
        let mut session = workshop();
        session.people.extend([
            person(
                5,
                "Koichiro Komiyama",
                TechnicalCommunity,
                AsiaPacific,
                &[Role::Speaker],
            ),
            person(
                6,
                "Rafael Evangelista",
                TechnicalCommunity,
                Grulac,
                &[Role::OnsiteModerator],
            ),
            person(
                7,
                "Alexandre Costa Barbosa",
                TechnicalCommunity,
                Grulac,
                &[Role::Organizer, Role::OnlineModerator],
            ),
        ]);
        drop(Store::create(&path, &session).unwrap());
    }
    (dir, path)
}

fn speaker<'v>(report: &'v Value, name: &str) -> &'v Value {
    report["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["speaker"] == name)
        .unwrap_or_else(|| panic!("{name} is not among the speakers: {report:#}"))
}

fn interventions(report: &Value, name: &str) -> u64 {
    speaker(report, name)["interventions"].as_u64().unwrap()
}

fn unknown_labels(report: &Value) -> Vec<&str> {
    report["unknown_labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap())
        .collect()
}

#[test]
fn the_ws422_transcript_is_matched_counted_estimated_and_its_quotes_checked() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    let quote = |who: &str, at: &str, text: &str| {
        ok(rapporteur(&[
            "note", s, "-s", who, "-k", "quote", "--at", at, text,
        ]));
    };
    quote("sobota", "14:00", "progress is uneven");
    quote(
        "sobota",
        "14:05",
        "“Attribution without evidence is just an accusation.” #attribution",
    );
    quote(
        "markovski",
        "14:10",
        "diplomats must protect the public core of the Internet",
    );
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "paulus",
        "--at",
        "14:06",
        "Not a quote: attribution",
    ]));
    let transcript = fixture("ws422-transcript.txt");
    let report = json(rapporteur(&["transcript", s, arg(&transcript), "--json"]));

    // Every label it can map: moderator by role, names in part, misspelt, with honorifics.
    assert_eq!(
        interventions(&report, "Rafael Evangelista"),
        7,
        "the mixed-case turn joins the one before"
    );
    assert_eq!(interventions(&report, "Livia Sobota"), 2);
    assert_eq!(
        speaker(&report, "Livia Sobota")["labels"],
        serde_json::json!(["LIVIA SOBOTA", "LIVIA SOBOTTA"])
    );
    assert_eq!(
        interventions(&report, "Alexandra Paulus"),
        2,
        "two turns in a row are one"
    );
    assert_eq!(interventions(&report, "Veni Markovski"), 2);
    assert_eq!(interventions(&report, "Alexandre Costa Barbosa"), 1);
    assert_eq!(interventions(&report, "audience"), 2);
    assert_eq!(interventions(&report, "online"), 1);
    assert_eq!(
        speaker(&report, "online")["words"],
        22,
        "a stage note and a break-off are not words"
    );
    // The rest listed, never guessed: a bare `>>` that carries on ("And a second question") is
    // the audience going on; one after a finished sentence is a voice nobody named.
    assert_eq!(unknown_labels(&report), ["JANE ROE", "(unnamed 1)"]);
    assert_eq!(report["unknown_labels"][0]["words"], 23);
    assert_eq!(report["unknown_labels"][0]["line"], 53);
    assert_eq!(report["unknown_labels"][1]["line"], 58);
    // The estimate adds up to the session, and so do the words.
    assert_eq!(
        (
            report["span_seconds"].as_i64(),
            report["span_from"].as_str()
        ),
        (Some(5400), Some("schedule"))
    );
    let everyone = report["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["unknown_labels"].as_array().unwrap());
    let (seconds, words) = everyone.fold((0, 0), |(s, w), e| {
        (
            s + e["floor_seconds_estimate"].as_i64().unwrap(),
            w + e["words"].as_u64().unwrap(),
        )
    });
    assert_eq!(seconds, 5400);
    assert_eq!(words, report["words"].as_u64().unwrap());
    // The speaker who did not come.
    assert_eq!(
        report["silent_speakers"],
        serde_json::json!(["Koichiro Komiyama"])
    );
    // Quotes: one right, one put down to the wrong speaker, one not said in these words.
    let quotes = report["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 3, "only notes of kind quote");
    assert_eq!(
        (&quotes[0]["found"], &quotes[0]["said_by"]),
        (&Value::Bool(true), &Value::from("Livia Sobota"))
    );
    assert_eq!(
        (&quotes[1]["found"], &quotes[1]["status"]),
        (&Value::Bool(false), &Value::from("misattributed"))
    );
    assert_eq!(quotes[1]["said_by"], "Alexandra Paulus");
    assert_eq!(quotes[1]["passage"]["line"], 27);
    assert!(
        quotes[1]["passage"]["text"]
            .as_str()
            .unwrap()
            .contains("Attribution without evidence is just an accusation.")
    );
    assert_eq!(
        (&quotes[2]["found"], &quotes[2]["said_by"]),
        (&Value::Bool(false), &Value::Null)
    );
    assert_eq!(quotes[2]["passage"]["speaker"], "Veni Markovski");
    assert!(
        quotes[2]["passage"]["text"]
            .as_str()
            .unwrap()
            .contains("the public core of the network")
    );

    // `check` reports the misattributed and the unfound quote, and only those.
    let problems = fails(rapporteur(&["check", s]));
    assert!(
        problems.contains("is put down to Livia Sobota, but Alexandra Paulus said it"),
        "{problems}"
    );
    assert!(
        problems.contains(
            "\"diplomats must protect the public core of the Internet\" is not in the transcript"
        ),
        "{problems}"
    );
    assert!(problems.contains("2 problem(s)"), "{problems}");
}

#[test]
fn the_table_puts_the_recorded_floor_time_beside_the_estimate() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    ok(rapporteur(&["floor", s, "evangelista", "--at", "13:50"]));
    ok(rapporteur(&["floor", s, "sobota", "--at", "13:58"]));
    ok(rapporteur(&["floor", s, "evangelista", "--at", "14:05:30"]));
    ok(rapporteur(&["floor", s, "none", "--at", "14:06"]));
    let out = ok(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("ws422-transcript.txt")),
    ]));
    let row = |name: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{out}"))
            .split_whitespace()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
    };
    // recorded, estimate, words, interventions (read from the right)
    let livia = row("Livia Sobota");
    assert_eq!(livia[0], "0:07:30", "{out}");
    assert_eq!(&livia[2..], ["114", "2"], "{out}");
    assert!(livia[1].starts_with("0:"), "floor times with hours: {out}");
    assert_eq!(row("Rafael Evangelista")[0], "0:08:30", "{out}");
    assert!(
        out.contains("2 of them placed by recorded floor changes"),
        "{out}"
    );
    assert!(
        out.contains("JANE ROE") && out.contains("(unnamed 1)"),
        "{out}"
    );
    assert!(out.contains("--map \"LABEL=WHO\""), "{out}");
    assert!(
        out.contains("(did they attend?): Koichiro Komiyama"),
        "{out}"
    );
}

#[test]
fn the_table_says_what_a_reader_read_out_for_the_chat() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    ok(rapporteur(&["floor", s, "evangelista", "--at", "13:50"]));
    // Barbosa reads the chat's question out (transcript line 48): the chat's turn.
    ok(rapporteur(&[
        "floor",
        s,
        "online",
        "--read-by",
        "barbosa",
        "--at",
        "14:20",
    ]));
    ok(rapporteur(&["floor", s, "none", "--at", "14:21:30"]));
    let out = ok(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("ws422-transcript.txt")),
    ]));
    assert!(
        out.contains("Alexandre Costa Barbosa read out 0:01:30 for the online audience: the record counts it as the audience's, the transcript's estimate as Alexandre Costa Barbosa's."),
        "{out}"
    );
    // The reading lines up with Barbosa's words in the transcript and places them.
    assert!(
        out.contains("1 of them placed by recorded floor changes"),
        "{out}"
    );
}

#[test]
fn a_label_settled_with_map_is_kept_for_the_next_import() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    let transcript = fixture("ws422-transcript.txt");
    ok(rapporteur(&["transcript", s, arg(&transcript)]));
    let settled = json(rapporteur(&[
        "transcript",
        s,
        "--map",
        "jane roe=audience",
        "--json",
    ]));
    assert_eq!(unknown_labels(&settled), ["(unnamed 1)"]);
    assert_eq!(interventions(&settled, "audience"), 3);
    // An unnamed voice is settled by its number, alone.
    let unnamed = json(rapporteur(&[
        "transcript",
        s,
        "--map",
        "(unnamed 1)=audience",
        "--json",
    ]));
    assert!(unknown_labels(&unnamed).is_empty(), "{unnamed:#}");
    assert_eq!(interventions(&unnamed, "audience"), 4);
    ok(rapporteur(&["transcript", s, "--map", "(unnamed 1)="]));
    // Kept: read again, and imported again.
    let again = json(rapporteur(&["transcript", s, "--json"]));
    assert_eq!(interventions(&again, "audience"), 3);
    let reimported = json(rapporteur(&["transcript", s, arg(&transcript), "--json"]));
    assert_eq!(interventions(&reimported, "audience"), 3);
    // A map can also overrule a match, and be forgotten.
    let overruled = json(rapporteur(&[
        "transcript",
        s,
        "--map",
        "VENI=komiyama",
        "--json",
    ]));
    assert_eq!(interventions(&overruled, "Koichiro Komiyama"), 1);
    assert_eq!(interventions(&overruled, "Veni Markovski"), 1);
    let forgotten = json(rapporteur(&[
        "transcript",
        s,
        "--map",
        "veni=",
        "--map",
        "Jane Roe=",
        "--json",
    ]));
    assert_eq!(interventions(&forgotten, "Veni Markovski"), 2);
    assert_eq!(unknown_labels(&forgotten), ["JANE ROE", "(unnamed 1)"]);
    // A label that is not in the transcript is kept, with a warning.
    let output = rapporteur(&["transcript", s, "--map", "JOHN DOE=online"]);
    assert!(text(&output.stderr).contains("no turn of this transcript is labelled \"JOHN DOE\""));
    assert!(output.status.success());
}

#[test]
fn an_html_page_reimported_replaces_the_kept_transcript() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    ok(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("ws422-transcript.txt")),
    ]));
    let page = json(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("short-page.html")),
        "--json",
    ]));
    assert_eq!(
        page["turns"], 4,
        "the page's navigation and footer are not turns: {page:#}"
    );
    assert_eq!(interventions(&page, "Rafael Evangelista"), 2);
    assert_eq!(
        interventions(&page, "Livia Sobota"),
        1,
        "an accent the roster does not have"
    );
    assert_eq!(
        interventions(&page, "Koichiro Komiyama"),
        1,
        "H.E. MR. and a surname alone"
    );
    assert!(unknown_labels(&page).is_empty());
    let fine = ok(rapporteur(&["check", s]));
    assert!(
        fine.contains("fine") && fine.contains("quotes checked against the transcript: 0 found"),
        "{fine}"
    );
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "sobota",
        "-k",
        "quote",
        "rarely funded",
    ]));
    let fine = ok(rapporteur(&["check", s]));
    assert!(
        fine.contains("quotes checked against the transcript: 1 found"),
        "{fine}"
    );
    let kept = fs::read_to_string(SessionPaths::new(&path).transcript).unwrap();
    assert!(
        kept.contains("short-page.html") && !kept.contains("JANE ROE"),
        "{kept}"
    );
}

#[test]
fn a_raw_version_never_replaces_the_corrected_one() {
    let (_dir, path) = ws422();
    let s = arg(&path);
    let corrected = fixture("ws422-transcript.txt");
    let raw = fixture("ws422-raw.txt");
    let source = |report: &Value| report["source"].as_str().unwrap().to_string();
    // Raw first (its disclaimer says so), then the corrected one replaces it, and says so.
    let first = json(rapporteur(&["transcript", s, arg(&raw), "--json"]));
    assert_eq!(
        (first["version"].as_str(), first["turns"].as_u64()),
        (Some("raw"), Some(4))
    );
    let output = rapporteur(&[
        "transcript",
        s,
        arg(&corrected),
        "--version",
        "corrected",
        "--json",
    ]);
    assert!(
        text(&output.stderr).contains("the corrected version replaces the raw one"),
        "{}",
        text(&output.stderr)
    );
    let report = json(output);
    assert_eq!(report["version"], "corrected");
    assert!(source(&report).ends_with("ws422-transcript.txt"));
    // The raw one imported again is not kept: the corrected one is read, and the user is told.
    let kept = SessionPaths::new(&path).transcript;
    let before = fs::read_to_string(&kept).unwrap();
    let output = rapporteur(&["transcript", s, arg(&raw), "--json"]);
    assert!(
        text(&output.stderr).contains("the corrected one kept with the session")
            && text(&output.stderr).contains("stays the reference"),
        "{}",
        text(&output.stderr)
    );
    let report = json(output);
    assert!(
        source(&report).ends_with("ws422-transcript.txt"),
        "{report:#}"
    );
    assert_eq!(report["turns"], 22);
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        before,
        "nothing replaced"
    );
    // The plain output names the version read.
    let plain = ok(rapporteur(&["transcript", s]));
    assert!(plain.contains("(corrected version)"), "{plain}");
    // A file that says neither replaces as before: the rapporteur chose to import it.
    let unmarked = json(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("short-page.html")),
        "--json",
    ]));
    assert_eq!(unmarked["version"], Value::Null);
    assert_eq!(unmarked["turns"], 4);
}

#[test]
fn bad_input_is_a_clear_error_and_nothing_kept_is_overwritten() {
    let (dir, path) = ws422();
    let s = arg(&path);
    let none_kept = fails(rapporteur(&["transcript", s]));
    assert!(none_kept.contains("no transcript is kept"), "{none_kept}");

    let no_turns = dir.path().join("notes.txt");
    fs::write(&no_turns, "Some notes\nwithout any turn\n").unwrap();
    let error = fails(rapporteur(&["transcript", s, arg(&no_turns)]));
    assert!(
        error.contains("notes.txt:2: no turn found; expected lines that start with `>>`"),
        "{error}"
    );

    let error = fails(rapporteur(&["transcript", s, arg(dir.path())]));
    assert!(error.contains("not a regular file"), "{error}");
    let error = fails(rapporteur(&["transcript", s, s]));
    assert!(error.contains("one of the files of the session"), "{error}");
    let journal = SessionPaths::new(&path).journal;
    let error = fails(rapporteur(&["transcript", s, arg(&journal)]));
    assert!(error.contains("one of the files of the session"), "{error}");
    let transcript = fixture("ws422-transcript.txt");
    let error = fails(rapporteur(&[
        "transcript",
        s,
        arg(&transcript),
        "--map",
        "JANE ROE",
    ]));
    assert!(error.contains("expected LABEL=WHO"), "{error}");
    let error = fails(rapporteur(&[
        "transcript",
        s,
        arg(&transcript),
        "--map",
        "JANE ROE=zhang",
    ]));
    assert!(
        error.contains("Veni Markovski") && error.contains("audience"),
        "lists the candidates: {error}"
    );
    assert!(
        !SessionPaths::new(&path).transcript.exists(),
        "nothing kept after a failure"
    );

    // A kept transcript that cannot be read is reported and never overwritten.
    let kept = SessionPaths::new(&path).transcript;
    fs::write(&kept, "(format: 1, text: \"unterminated").unwrap();
    let error = fails(rapporteur(&["transcript", s, arg(&transcript)]));
    assert!(error.contains(".ws422.ron.d/transcript.ron:1:"), "{error}");
    assert_eq!(
        fs::read_to_string(&kept).unwrap(),
        "(format: 1, text: \"unterminated"
    );
    let problems = fails(rapporteur(&["check", s]));
    assert!(
        problems.contains(".ws422.ron.d/transcript.ron:1:"),
        "{problems}"
    );
}

#[test]
fn a_format_1_session_gets_its_folder_for_the_kept_transcript_and_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v1");
    for name in ["ws422.ron", "ws422.notes.ron"] {
        fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let path = dir.path().join("ws422.ron");
    let s = arg(&path);
    let before = ok(rapporteur(&["show", s, "--json"]));
    let report = json(rapporteur(&[
        "transcript",
        s,
        arg(&fixture("ws422-transcript.txt")),
        "--json",
    ]));
    assert!(report["turns"].as_u64().unwrap() > 0);
    assert!(SessionPaths::new(&path).transcript.is_file());
    assert_eq!(
        ok(rapporteur(&["show", s, "--json"])),
        before,
        "the session reads as before"
    );
    ok(rapporteur(&["transcript", s, "--json"]));
}
