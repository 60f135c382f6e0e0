//! The command line as a script or a rapporteur uses it: the real binary, real files.

mod common;

use std::fs;

use common::{arg, fails, ok, rapporteur, scratch, text, workshop};
use rapporteur::store::{SessionPaths, Store};
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn new_workshop() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    (dir, path)
}

#[test]
fn a_note_names_its_speaker_by_any_unique_part_without_accents() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "alcantara",
        "-q",
        "1",
        "-q",
        "3",
        "-k",
        "takeaway",
        "--at",
        "14:05",
        "Attribution",
        "needs",
        "evidence",
        "#norms",
    ]));
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "online",
        "--at",
        "+00:20:00",
        "-k",
        "question",
        "How do small states take part?",
    ]));
    let lines = ok(rapporteur(&["notes", s, "--json"]));
    let notes: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["speaker"], "Bruna Toso de Alcântara");
    assert_eq!(notes[0]["at"], "2022-12-01T14:05:00Z");
    assert_eq!(notes[0]["questions"], serde_json::json!([1, 3]));
    assert_eq!(notes[0]["text"], "Attribution needs evidence #norms");
    assert_eq!(notes[0]["tags"], serde_json::json!(["norms"]));
    assert_eq!(notes[0]["taker"], "Bruna Toso de Alcântara");
    assert_eq!(notes[1]["speaker"], "online");
    assert_eq!(notes[1]["at"], "2022-12-01T14:10:00Z");
    assert_eq!(notes[1]["kind"], "question");

    let filtered = ok(rapporteur(&["notes", s, "-q", "3"]));
    assert_eq!(filtered.lines().count(), 1);
    assert!(filtered.contains("Attribution needs evidence"));
    assert!(filtered.contains("+0:15:00"), "{filtered}");
    let by_kind = ok(rapporteur(&["notes", s, "-k", "question"]));
    assert!(by_kind.contains("small states") && by_kind.lines().count() == 1);
}

#[test]
fn attendance_is_present_absent_or_not_recorded() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let attended = || -> Vec<(String, Value)> {
        let shown = json(&rapporteur(&["show", s, "--json"]));
        let people = shown["people"].as_array().unwrap().iter();
        people
            .map(|p| (p["name"].as_str().unwrap().into(), p["attended"].clone()))
            .collect()
    };
    let of = |name: &str| -> Value {
        let found = attended().into_iter().find(|(n, _)| n.contains(name));
        found.unwrap().1
    };
    assert!(
        attended().iter().all(|(_, a)| a.is_null()),
        "{:?}",
        attended()
    );
    ok(rapporteur(&["floor", s, "sobota", "--at", "14:00"]));
    ok(rapporteur(&[
        "note", s, "-s", "paulus", "--at", "14:01", "x",
    ]));
    ok(rapporteur(&["person", "present", s, "alcantara"]));
    ok(rapporteur(&["person", "absent", s, "markovski"]));
    assert_eq!(of("Sobota"), true, "given the floor");
    assert_eq!(of("Paulus"), true, "a note on her");
    assert_eq!(of("Alcântara"), true, "marked present");
    assert_eq!(of("Markovski"), false);

    // A note on someone marked absent is saved, with a warning that says so.
    let noted = rapporteur(&["note", s, "-s", "markovski", "--at", "14:02", "y"]);
    assert!(noted.status.success());
    let warning = text(&noted.stderr);
    assert!(
        warning.contains("Veni Markovski is marked absent"),
        "{warning}"
    );
    assert_eq!(
        ok(rapporteur(&["notes", s, "-s", "markovski"]))
            .lines()
            .count(),
        1
    );
    assert_eq!(of("Markovski"), false, "the mark stands");

    // Given the floor, he evidently came.
    let floor = ok(rapporteur(&["floor", s, "markovski", "--at", "14:03"]));
    assert!(floor.contains("marked present"), "{floor}");
    assert_eq!(of("Markovski"), true);

    // Reading a question out for the chat, so did the reader.
    ok(rapporteur(&["person", "absent", s, "markovski"]));
    let read = ok(rapporteur(&[
        "floor",
        s,
        "online",
        "--read-by",
        "markovski",
        "--at",
        "14:04",
    ]));
    assert!(
        read.contains("read out by Veni Markovski (Veni Markovski marked present)"),
        "{read}"
    );
    assert_eq!(of("Markovski"), true);
}

#[test]
fn a_note_of_several_lines_is_one_entry_in_notes_with_its_lines_indented() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    for (at, text) in [
        ("14:05", "Three points:\n- attribution\r\n- norms"),
        ("14:06", "Next"),
    ] {
        ok(rapporteur(&["note", s, "-s", "sobota", "--at", at, text]));
    }
    let listed = ok(rapporteur(&["notes", s]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 4, "{listed}");
    assert!(lines[0].ends_with("remark: Three points:"), "{listed}");
    assert_eq!(lines[1], "    - attribution");
    assert_eq!(lines[2], "    - norms");
    assert!(lines[3].starts_with('+') && lines[3].ends_with("remark: Next"));
}

#[test]
fn unknown_or_ambiguous_speakers_and_questions_are_errors_that_list_candidates() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let ambiguous = fails(rapporteur(&["note", s, "-s", "a", "text"]));
    assert!(ambiguous.contains("matches several people"), "{ambiguous}");
    assert!(ambiguous.contains("Alexandra Paulus") && ambiguous.contains("Livia Sobota"));
    let unknown = fails(rapporteur(&["note", s, "-s", "zhang", "text"]));
    assert!(
        unknown.contains("Veni Markovski") && unknown.contains("audience"),
        "{unknown}"
    );
    let question = fails(rapporteur(&["note", s, "-q", "7", "text"]));
    assert!(question.contains("no policy question 7"), "{question}");
    let time = fails(rapporteur(&["note", s, "--at", "noonish", "text"]));
    assert!(time.contains("14:05:30"), "{time}");
    let kind = fails(rapporteur(&["note", s, "-k", "rant", "text"]));
    assert!(kind.contains("call-to-action"), "{kind}");
    assert_eq!(ok(rapporteur(&["notes", s])), "", "nothing was added");
}

#[test]
fn json_lines_are_added_whole_or_not_at_all() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    let good = dir.path().join("good.jsonl");
    fs::write(
        &good,
        concat!(
            "{\"at\":\"2022-12-01T14:01:00Z\",\"speaker\":\"paulus\",\"questions\":[2],\"kind\":\"quote\",\"text\":\"Norms need teeth\"}\n",
            "\n",
            "{\"at\":\"2022-12-01T14:02:00Z\",\"speaker\":\"audience\",\"text\":\"What about the Global South?\"}\n",
        ),
    )
    .unwrap();
    let bad = dir.path().join("bad.jsonl");
    fs::write(
        &bad,
        concat!(
            "{\"at\":\"2022-12-01T14:03:00Z\",\"text\":\"fine\"}\n",
            "{\"at\":\"2022-12-01T14:04:00Z\",\"speaker\":\"nobody-at-all\",\"text\":\"bad speaker\"}\n",
        ),
    )
    .unwrap();
    let error = fails(rapporteur(&["note", s, "--from", arg(&bad)]));
    assert!(error.contains("bad.jsonl:2"), "{error}");
    assert!(error.contains("nothing was added"), "{error}");
    let garbled = dir.path().join("garbled.jsonl");
    fs::write(
        &garbled,
        "{\"at\":\"2022-12-01T14:03:00Z\",\"text\":\"fine\"}\n{not json\n",
    )
    .unwrap();
    let error = fails(rapporteur(&["note", s, "--from", arg(&garbled)]));
    assert!(
        error.contains("garbled.jsonl:2") && error.contains("expected a note object"),
        "{error}"
    );
    assert_eq!(ok(rapporteur(&["notes", s])), "");

    assert_eq!(
        ok(rapporteur(&["note", s, "--from", arg(&good)])).trim(),
        "2 new, 0 already there"
    );
    // What `notes --json` prints, `note --from` reads back: a copy round-trips.
    let exported = ok(rapporteur(&["notes", s, "--json"]));
    let copy = dir.path().join("copy.ron");
    drop(Store::create(&copy, &workshop()).unwrap());
    ok(note_from_stdin(&copy, &exported));
    assert_eq!(ok(rapporteur(&["notes", arg(&copy), "--json"])), exported);
}

/// Sends `input` to `note SESSION --from -`.
fn note_from_stdin(session: &std::path::Path, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["note", arg(session), "--from", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn bulk_notes_already_there_are_counted_and_changed_ones_refuse_the_whole_file() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&["note", s, "-s", "sobota", "first"]));
    ok(rapporteur(&["note", s, "-s", "online", "second"]));
    let exported = ok(rapporteur(&["notes", s, "--json"]));
    let fresh = "{\"at\":\"2022-12-01T14:03:00Z\",\"text\":\"third\"}\n";
    let again = note_from_stdin(&path, &format!("{exported}{fresh}"));
    assert_eq!(ok(again).trim(), "1 new, 2 already there");
    assert_eq!(ok(rapporteur(&["notes", s])).lines().count(), 3);

    let before = ok(rapporteur(&["notes", s, "--json"]));
    let changed = exported.replacen("first", "FIRST, rewritten", 1);
    let error = fails(note_from_stdin(&path, &format!("{fresh}{changed}")));
    assert!(error.contains("stdin:2"), "{error}");
    assert!(error.contains("other content"), "{error}");
    assert_eq!(
        ok(rapporteur(&["notes", s, "--json"])),
        before,
        "nothing added"
    );

    let empty = "{\"at\":\"2022-12-01T14:03:00Z\",\"text\":\"  \"}\n";
    let error = fails(note_from_stdin(&path, &format!("{fresh}{empty}")));
    assert!(
        error.contains("stdin:2") && error.contains("empty"),
        "{error}"
    );
    assert_eq!(
        ok(rapporteur(&["notes", s, "--json"])),
        before,
        "nothing added"
    );
}

#[test]
fn people_named_like_an_audience_round_trip_through_json_lines() {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&["person", "add", s, "Online"]));
    ok(rapporteur(&["person", "add", s, "Audience"]));
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "person:online",
        "said by the person",
    ]));
    ok(rapporteur(&["note", s, "-s", "online", "said in the chat"]));
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "person:Audience",
        "said by the other person",
    ]));
    let exported = ok(rapporteur(&["notes", s, "--json"]));
    assert!(
        exported.contains("\"speaker\":\"person:Online\""),
        "{exported}"
    );
    assert!(exported.contains("\"speaker\":\"online\""), "{exported}");

    let copy = dir.path().join("copy.ron");
    fs::copy(&path, &copy).unwrap();
    assert_eq!(
        ok(note_from_stdin(&copy, &exported)).trim(),
        "3 new, 0 already there"
    );
    assert_eq!(ok(rapporteur(&["notes", arg(&copy), "--json"])), exported);
}

#[test]
fn show_json_lists_people_roles_and_questions() {
    let (_dir, path) = new_workshop();
    let shown = json(&rapporteur(&["show", arg(&path), "--json"]));
    assert_eq!(shown["code"], "IGF 2022 WS #422");
    assert_eq!(shown["start"], "2022-12-01T13:50:00Z");
    assert_eq!(shown["duration_minutes"], 90);
    assert_eq!(shown["people"][0]["name"], "Bruna Toso de Alcântara");
    assert_eq!(
        shown["people"][0]["roles"],
        serde_json::json!(["organizer", "rapporteur"])
    );
    assert_eq!(shown["people"][1]["stakeholder_group"], "government");
    assert_eq!(shown["people"][1]["regional_group"], "grulac");
    assert_eq!(shown["people"][1]["attended"], Value::Null, "not recorded");
    assert_eq!(shown["policy_questions"].as_array().unwrap().len(), 3);
    let human = ok(rapporteur(&["show", arg(&path)]));
    assert!(human.contains("Livia Sobota") && human.contains("Government"));
}

#[test]
fn the_roster_can_be_fixed_from_the_command_line() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&[
        "person",
        "add",
        s,
        "Ana Silva",
        "--affiliation",
        "ITU",
        "--stakeholder",
        "igo",
        "--region",
        "Intergovernmental Organization",
        "--role",
        "speaker",
    ]));
    ok(rapporteur(&[
        "person",
        "add",
        s,
        "livia sobota",
        "--role",
        "onsite-moderator",
    ]));
    ok(rapporteur(&["person", "absent", s, "markovski"]));
    let shown = json(&rapporteur(&["show", s, "--json"]));
    let people = shown["people"].as_array().unwrap();
    assert_eq!(people.len(), 5);
    let ana = people.iter().find(|p| p["name"] == "Ana Silva").unwrap();
    assert_eq!(ana["stakeholder_group"], "intergovernmental-organization");
    assert_eq!(ana["regional_group"], "intergovernmental-organization");
    let livia = people.iter().find(|p| p["name"] == "Livia Sobota").unwrap();
    assert_eq!(
        livia["roles"],
        serde_json::json!(["speaker", "onsite-moderator"])
    );
    let veni = people
        .iter()
        .find(|p| p["name"] == "Veni Markovski")
        .unwrap();
    assert_eq!(veni["attended"], false);
    assert_eq!(ana["attended"], Value::Null, "not recorded");
    let error = fails(rapporteur(&[
        "person",
        "add",
        s,
        "X",
        "--stakeholder",
        "martians",
    ]));
    assert!(error.contains("civil-society"), "{error}");
}

/// A fixture counted by hand: two speakers with two turns each, a pause, the room and the chat,
/// a change entered late with --at, and a speaker who did not come.
#[test]
fn stats_agree_with_a_hand_count() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    for (who, time) in [
        ("livia", "14:00"),
        ("paulus", "14:05"),
        ("none", "14:09:30"),
        ("audience", "14:15"),
        ("online", "14:17"),
        ("paulus", "14:18:30"),
        ("none", "14:20"),
        ("sobota", "14:12"), // recorded out of order
    ] {
        ok(rapporteur(&["floor", s, who, "--at", time]));
    }
    ok(rapporteur(&["person", "absent", s, "markovski"]));
    for (who, question, time) in [
        ("livia", "1", "14:01"),
        ("livia", "1", "14:13"),
        ("audience", "2", "14:16"),
    ] {
        ok(rapporteur(&[
            "note", s, "-s", who, "-q", question, "--at", time, "a note",
        ]));
    }
    ok(rapporteur(&[
        "note",
        s,
        "-s",
        "online",
        "-q",
        "1",
        "-q",
        "3",
        "--at",
        "14:17:30",
        "from the chat",
    ]));
    ok(rapporteur(&["note", s, "--at", "14:19", "untagged"]));

    let stats = json(&rapporteur(&["stats", s, "--json"]));
    let speaker = |name: &str| {
        stats["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["speaker"] == name)
            .unwrap_or_else(|| panic!("{name} in {stats}"))
            .clone()
    };
    let figures = |e: Value| {
        (
            e["floor_seconds"].as_i64().unwrap(),
            e["interventions"].as_i64().unwrap(),
            e["notes"].as_i64().unwrap(),
        )
    };
    assert_eq!(figures(speaker("Livia Sobota")), (300 + 180, 2, 2));
    assert_eq!(figures(speaker("Alexandra Paulus")), (270 + 90, 2, 0));
    assert_eq!(figures(speaker("audience")), (120, 1, 1));
    assert_eq!(figures(speaker("online")), (90, 1, 1));
    assert_eq!(figures(speaker("Veni Markovski")), (0, 0, 0));
    assert_eq!(speaker("Veni Markovski")["attended"], false);
    assert_eq!(stats["total_floor_seconds"], 480 + 360 + 120 + 90);
    assert_eq!(stats["open_floor"], Value::Null);
    let group = |list: &str, slug: &str| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == slug)
            .map(|g| {
                (
                    g["floor_seconds"].as_i64().unwrap(),
                    g["interventions"].as_i64().unwrap(),
                )
            })
    };
    assert_eq!(group("stakeholder_groups", "government"), Some((480, 2)));
    assert_eq!(group("stakeholder_groups", "civil-society"), Some((360, 2)));
    assert_eq!(
        group("stakeholder_groups", "technical-community"),
        Some((0, 0))
    );
    assert_eq!(group("regional_groups", "grulac"), Some((480, 2)));
    assert_eq!(group("regional_groups", "weog"), Some((360, 2)));
    assert_eq!(group("regional_groups", "eastern-european"), Some((0, 0)));
    let per_question: Vec<i64> = stats["policy_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["notes"].as_i64().unwrap())
        .collect();
    assert_eq!(per_question, vec![3, 1, 1]);
    assert_eq!(stats["notes"], 5);
    assert_eq!(stats["notes_without_question"], 1);
    assert_eq!(stats["clock_started"], Value::Null);
    let human = ok(rapporteur(&["stats", s]));
    assert!(human.contains("never started"), "{human}");
    assert!(
        human.contains("Livia Sobota") && human.contains(" 0:08:00 "),
        "{human}"
    );
}

#[test]
fn an_open_floor_is_counted_to_the_last_recorded_moment_and_said() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&["floor", s, "markovski", "--at", "14:30"]));
    ok(rapporteur(&["note", s, "--at", "14:34", "still talking"]));
    let stats = json(&rapporteur(&["stats", s, "--json"]));
    assert_eq!(stats["open_floor"]["speaker"], "Veni Markovski");
    assert_eq!(stats["counted_until"], "2022-12-01T14:34:00Z");
    assert_eq!(stats["total_floor_seconds"], 240);
    assert!(ok(rapporteur(&["stats", s])).contains("left open"));
}

#[test]
fn a_second_writer_gets_already_open_by_process() {
    let (_dir, path) = new_workshop();
    let holder = Store::open(&path).unwrap();
    let error = fails(rapporteur(&["note", arg(&path), "text"]));
    assert!(
        error.contains(&format!("already open by process {}", std::process::id())),
        "{error}"
    );
    drop(holder);
    // Another test thread may fork while we hold the lock: its child keeps a copy of the lock's
    // descriptor until it execs, so the lock can outlive `drop` by a moment. A few attempts, not
    // a sleep, cover that window; a lock that is really still held fails every one.
    let released = (0..50).any(|_| rapporteur(&["note", arg(&path), "text"]).status.success());
    assert!(
        released,
        "the session stayed locked after its holder was dropped"
    );
}

#[test]
fn check_reports_damage_and_exits_non_zero() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    assert!(ok(rapporteur(&["check", s])).contains("fine"));
    fs::write(&path, "(format: 1, info: (title: 12))").unwrap();
    let error = fails(rapporteur(&["check", s]));
    assert!(error.contains("ws422.ron:1:"), "{error}");
    assert!(error.contains("expected"), "{error}");
    let missing = fails(rapporteur(&["check", "/nonexistent/x.ron"]));
    assert!(missing.contains("no such session"), "{missing}");
}

#[test]
fn a_full_disk_is_a_clear_error_and_nothing_changes() {
    use std::os::unix::process::CommandExt;
    let (_dir, path) = new_workshop();
    let paths = SessionPaths::new(&path);
    let header = fs::read(&path).unwrap();
    let journal = fs::read(&paths.journal).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    command.args(["note", arg(&path), "a note that does not fit"]);
    let limit = journal.len() as u64 + 10;
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe { command.pre_exec(move || common::limit_file_size(limit)) };
    let error = fails(command.output().unwrap());
    assert!(error.contains("File too large"), "{error}");
    assert!(error.contains(".ws422.ron.d/notes.ron"), "{error}");
    assert_eq!(fs::read(&path).unwrap(), header);
    assert_eq!(fs::read(&paths.journal).unwrap(), journal);
}

/// Tests run as root in CI, where permissions do not stop writes; there the writer runs as
/// nobody, as a rapporteur's own account would.
#[test]
fn a_read_only_directory_is_a_clear_error_and_nothing_changes() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = new_workshop();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    for sidecar in [
        SessionPaths::new(&path).journal,
        SessionPaths::new(&path).lock,
        path.clone(),
    ] {
        fs::set_permissions(&sidecar, fs::Permissions::from_mode(0o444)).unwrap();
    }
    let header = fs::read(&path).unwrap();
    let as_root = text(
        &std::process::Command::new("id")
            .arg("-u")
            .output()
            .unwrap()
            .stdout,
    )
    .trim()
        == "0";
    let mut command = if as_root {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_rapporteur"),
        ]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
    };
    // Walking into the temporary directory needs search permission for nobody on its parents.
    let output = command
        .args(["person", "add", arg(&path), "New Person"])
        .output()
        .unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let error = fails(output);
    assert!(error.contains("ws422"), "{error}");
    assert!(
        error.contains("Permission denied") || error.contains("Read-only"),
        "{error}"
    );
    assert_eq!(fs::read(&path).unwrap(), header);
}
