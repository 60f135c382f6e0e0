//! Balance figures from the command line: gender, parts, question coverage, participation and
//! who spoke when, against a session counted by hand.

mod common;

use common::{arg, fails, ok, rapporteur, scratch, text, workshop};
use rapporteur::store::Store;
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    assert!(output.status.success(), "{}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// Livia (a woman, government) 14:00–14:05 and 14:12–14:15; Paulus (a man, civil society)
/// 14:05–14:09:30; the room 14:15–14:17; Markovski, a speaker of no recorded gender, never
/// speaks; the floor closes at 14:20 after the chat from 14:17.
fn counted_session() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    let s = arg(&path);
    ok(rapporteur(&[
        "person",
        "add",
        s,
        "livia sobota",
        "--gender",
        "woman",
    ]));
    ok(rapporteur(&[
        "person",
        "add",
        s,
        "Alexandra Paulus",
        "--gender",
        "man",
    ]));
    for (who, time) in [
        ("livia", "14:00"),
        ("paulus", "14:05"),
        ("none", "14:09:30"),
        ("sobota", "14:12"),
        ("audience", "14:15"),
        ("online", "14:17"),
        ("none", "14:20"),
    ] {
        ok(rapporteur(&["floor", s, who, "--at", time]));
    }
    for (who, question, time) in [
        ("livia", "1", "14:01"),
        ("livia", "1", "14:02"),
        ("paulus", "1", "14:06"),
        ("audience", "2", "14:16"),
    ] {
        ok(rapporteur(&[
            "note", s, "-s", who, "-q", question, "--at", time, "a note",
        ]));
    }
    (dir, path)
}

#[test]
fn stats_by_gender_part_and_question_agree_with_a_hand_count() {
    let (_dir, path) = counted_session();
    let stats = json(&rapporteur(&["stats", arg(&path), "--json"]));
    let row = |list: &str, key: &str, value: Value| {
        let found = stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r[key] == value);
        let found = found.unwrap_or_else(|| panic!("{value} in {list}: {stats}"));
        (
            found["floor_seconds"].as_i64().unwrap(),
            found["interventions"].as_i64().unwrap(),
        )
    };
    assert_eq!(row("genders", "gender", "woman".into()), (480, 2));
    assert_eq!(row("genders", "gender", "man".into()), (270, 1));
    assert_eq!(
        row("genders", "gender", Value::Null),
        (0, 0),
        "not recorded is its own row"
    );
    assert_eq!(row("parts", "part", "moderators".into()), (0, 0));
    assert_eq!(row("parts", "part", "speakers".into()), (750, 3));
    assert_eq!(row("parts", "part", "onsite-audience".into()), (120, 1));
    assert_eq!(row("parts", "part", "online-audience".into()), (180, 1));
    assert_eq!(stats["total_floor_seconds"], 1050);

    let question = |n: usize| stats["policy_questions"][n].clone();
    // Livia's first turn (two notes, counted once) and Paulus's turn.
    assert_eq!(question(0)["floor_seconds"], 300 + 270);
    assert_eq!(question(0)["notes"], 3);
    assert_eq!(
        question(0)["stakeholder_groups"],
        serde_json::json!(["government", "civil-society"])
    );
    assert_eq!(question(1)["floor_seconds"], 120);
    assert_eq!(question(1)["stakeholder_groups"], serde_json::json!([]));
    assert_eq!(stats["unaddressed_questions"], serde_json::json!([3]));
    assert_eq!(
        stats["not_yet_heard"],
        serde_json::json!(["Veni Markovski"])
    );
    assert_eq!(stats["speakers"][1]["gender"], "woman");

    let human = ok(rapporteur(&["stats", arg(&path)]));
    assert!(
        human.contains("By gender") && human.contains("(not recorded)"),
        "{human}"
    );
    assert!(human.contains("Not addressed yet: Q3"), "{human}");
    assert!(
        human.contains("Speakers not heard yet: Veni Markovski"),
        "{human}"
    );
}

#[test]
fn participation_figures_are_checked_kept_and_reported() {
    let (_dir, path) = counted_session();
    let s = arg(&path);
    let error = fails(rapporteur(&[
        "participation",
        s,
        "--onsite",
        "30",
        "--online",
        "10",
        "--women",
        "35",
        "--gender-diverse",
        "6",
    ]));
    assert!(
        error.contains("41") && error.contains("40 who took part"),
        "{error}"
    );
    let error = fails(rapporteur(&[
        "participation",
        s,
        "--gender-discussed",
        "maybe",
    ]));
    assert!(error.contains("yes or no"), "{error}");
    ok(rapporteur(&[
        "participation",
        s,
        "--onsite",
        "30",
        "--online",
        "10",
        "--women",
        "20",
        "--gender-diverse",
        "2",
    ]));
    // Given later, alone: the other figures stay, and the check counts them.
    let error = fails(rapporteur(&["participation", s, "--onsite", "5"]));
    assert!(error.contains("more than the 15"), "{error}");
    ok(rapporteur(&[
        "participation",
        s,
        "--gender-discussed",
        "yes",
        "--gender-notes",
        "Online abuse of women MPs.",
    ]));
    let shown = ok(rapporteur(&["participation", s]));
    assert!(
        shown.contains("Onsite participants: 30") && shown.contains("Women: 20"),
        "{shown}"
    );

    let report = ok(rapporteur(&["export", s, "final"]));
    assert!(report.contains("**Onsite participants:** 30"), "{report}");
    assert!(report.contains("20 women, 2 gender-diverse"), "{report}");
    assert!(report.contains("Online abuse of women MPs."), "{report}");
    // Livia spoke 480 of 1,050 seconds; Paulus is a man; Markovski never spoke.
    assert!(
        report.contains("1 of 2 speakers was a woman; she held 46% of the floor."),
        "{report}"
    );
    // Anonymous, genders appear only as totals: every "woman" is the sentence's.
    let anonymous = ok(rapporteur(&[
        "export",
        s,
        "final",
        "--anonymous",
        "--format",
        "json",
    ]));
    let sentences = anonymous.matches("1 of 2 speakers was a woman").count();
    assert!(sentences > 0, "{anonymous}");
    assert_eq!(anonymous.matches("woman").count(), sentences, "{anonymous}");
}

#[test]
fn the_timeline_draws_one_line_a_speaker_within_the_width() {
    let (_dir, path) = counted_session();
    let picture = ok(rapporteur(&[
        "stats",
        arg(&path),
        "--timeline",
        "--width",
        "60",
    ]));
    let lines: Vec<&str> = picture.lines().collect();
    assert!(lines[0].contains("14:00 to 14:20"), "{picture}");
    let lane = |name: &str| *lines.iter().find(|l| l.starts_with(name)).unwrap();
    // Livia holds the first quarter of the twenty minutes, Paulus the next, the chat the last.
    let bar = |name: &str| lane(name).split('│').nth(1).unwrap().to_string();
    let livia = bar("Livia");
    assert!(livia.starts_with("██"), "{picture}");
    assert!(bar("Online audience").ends_with("██"), "{picture}");
    assert!(
        !picture.contains("Markovski"),
        "only those who had the floor: {picture}"
    );
    for line in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*line) <= 60, "{line}");
    }
    let tiny = ok(rapporteur(&[
        "stats",
        arg(&path),
        "--timeline",
        "--width",
        "1",
    ]));
    assert!(tiny.lines().count() > 3, "{tiny}");
    for absurd in ["0", "65536", "18446744073709551615"] {
        let error = fails(rapporteur(&[
            "stats",
            arg(&path),
            "--timeline",
            "--width",
            absurd,
        ]));
        assert!(error.contains("--width"), "{absurd}: {error}");
    }
}

/// Every duration in `text`: the words that start with a digit and hold a colon.
fn durations(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || c == '|' || c == '(' || c == ')')
        .map(|word| word.trim_end_matches(['.', ',', ':']))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(':'))
        .collect()
}

#[test]
fn floor_times_show_hours_in_stats_and_in_the_floor_tables() {
    let (dir, path) = counted_session();
    let s = arg(&path);
    let stats = ok(rapporteur(&["stats", s]));
    // Livia 0:08:00, Paulus 0:04:30: never 8:00 or 04:30.
    assert!(
        stats.contains("0:08:00") && stats.contains("0:04:30"),
        "{stats}"
    );
    let found = durations(&stats);
    assert!(found.len() > 10, "{stats}");
    for duration in found {
        assert_eq!(duration.matches(':').count(), 2, "{duration} in\n{stats}");
    }
    for format in ["md", "txt"] {
        let file = dir.path().join(format!("final.{format}"));
        let file = arg(&file);
        ok(rapporteur(&[
            "export", s, "final", "--format", format, "-o", file,
        ]));
        let report = std::fs::read_to_string(file).unwrap();
        let floor = report.split("Floor time").last().unwrap();
        assert!(floor.contains("0:08:00"), "{floor}");
        for duration in durations(floor) {
            assert_eq!(duration.matches(':').count(), 2, "{duration} in\n{floor}");
        }
    }
}
