//! The session's course from the command line: a question read out for the chat, the segments,
//! the end, and a screen clock that runs from a given time.

mod common;

use common::{arg, rapporteur, scratch, text, workshop};
use rapporteur::store::Store;
use serde_json::Value;

fn new_workshop() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = scratch();
    drop(Store::create(&path, &workshop()).unwrap());
    (dir, path)
}

fn ok(output: std::process::Output) -> String {
    assert!(output.status.success(), "{}", text(&output.stderr));
    text(&output.stdout)
}

fn fails(output: std::process::Output) -> String {
    assert!(!output.status.success(), "{}", text(&output.stdout));
    text(&output.stderr)
}

fn stats(session: &str) -> Value {
    serde_json::from_str(&ok(rapporteur(&["stats", session, "--json"]))).unwrap()
}

fn speaker<'a>(stats: &'a Value, name: &str) -> &'a Value {
    let speakers = stats["speakers"].as_array().unwrap();
    speakers.iter().find(|s| s["speaker"] == name).unwrap()
}

#[test]
fn a_question_from_the_chat_read_out_by_a_moderator_is_the_chats_turn() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let said = ok(rapporteur(&[
        "floor",
        s,
        "online",
        "--read-by",
        "paulus",
        "--at",
        "14:00",
    ]));
    assert!(said.contains("read out by Alexandra Paulus"), "{said}");
    ok(rapporteur(&["floor", s, "sobota", "--at", "14:05"]));
    ok(rapporteur(&["floor", s, "none", "--at", "14:10"]));
    let stats = stats(s);
    assert_eq!(speaker(&stats, "online")["floor_seconds"], 300);
    assert_eq!(speaker(&stats, "online")["interventions"], 1);
    assert_eq!(speaker(&stats, "Alexandra Paulus")["floor_seconds"], 0);
    assert_eq!(speaker(&stats, "Alexandra Paulus")["interventions"], 0);
    assert_eq!(speaker(&stats, "Livia Sobota")["floor_seconds"], 300);
    // The reader was evidently there.
    let shown: Value = serde_json::from_str(&ok(rapporteur(&["show", s, "--json"]))).unwrap();
    let paulus = shown["people"].as_array().unwrap().iter();
    let paulus = paulus.clone().find(|p| p["name"] == "Alexandra Paulus");
    assert_eq!(paulus.unwrap()["attended"], true);
    // The final report counts the turn for the online audience.
    let report: Value =
        serde_json::from_str(&ok(rapporteur(&["export", s, "final", "--format", "json"]))).unwrap();
    let audience = report["floor"]["audience"].as_array().unwrap();
    let online = audience.iter().find(|r| r["label"] == "Online audience");
    assert_eq!(online.unwrap()["seconds"], 300);

    let error = fails(rapporteur(&["floor", s, "sobota", "--read-by", "paulus"]));
    assert!(
        error.contains("online") && error.contains("audience"),
        "{error}"
    );
    let error = fails(rapporteur(&["floor", s, "online", "--read-by", "audience"]));
    assert!(error.contains("person"), "{error}");
}

/// The question from the chat read out at 14:00 by Paulus, a note on it at 14:01; Sobota from
/// 14:05; the chat again at 14:07, typed and read out by nobody, a note at 14:08; closed at 14:10.
fn chat_read_out() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = new_workshop();
    let s = arg(&path);
    let read = ["--read-by", "paulus"];
    for (who, time, reader) in [
        ("online", "14:00", &read[..]),
        ("sobota", "14:05", &[]),
        ("online", "14:07", &[]),
        ("none", "14:10", &[]),
    ] {
        let mut args = vec!["floor", s, who, "--at", time];
        args.extend(reader);
        ok(rapporteur(&args));
    }
    for (time, text) in [
        ("14:01", "Who keeps the evidence?"),
        ("14:08", "Typed only"),
    ] {
        ok(rapporteur(&["note", s, "-s", "online", "--at", time, text]));
    }
    (dir, path)
}

#[test]
fn whoever_read_out_for_the_chat_is_named_beside_its_time_everywhere() {
    let (dir, path) = chat_read_out();
    let s = arg(&path);
    let notes = ok(rapporteur(&["notes", s]));
    assert!(
        notes.contains("Online audience (read out by Alexandra Paulus) remark: Who keeps"),
        "{notes}"
    );
    assert!(
        notes.contains("Online audience remark: Typed only"),
        "{notes}"
    );

    let said = ok(rapporteur(&["stats", s]));
    assert!(
        said.contains("Online audience 0:08:00, 0:05:00 read out by Alexandra Paulus: the audience's floor time, not the reader's own."),
        "{said}"
    );
    let stats = stats(s);
    assert_eq!(speaker(&stats, "online")["floor_seconds"], 480);
    assert_eq!(speaker(&stats, "Alexandra Paulus")["floor_seconds"], 0);
    assert_eq!(
        stats["read_out"],
        serde_json::json!([{"audience": "online", "reader": "Alexandra Paulus",
                            "floor_seconds": 300, "interventions": 1, "notes": 1}])
    );
    let shown = ok(rapporteur(&["show", s]));
    assert!(
        shown.contains("Alexandra Paulus for the online audience: 1 turn, 0:05:00"),
        "{shown}"
    );

    let export = |format: &str| {
        let file = dir.path().join(format!("final.{format}"));
        let file = file.to_str().unwrap();
        ok(rapporteur(&[
            "export", s, "final", "--format", format, "-o", file,
        ]));
        std::fs::read(file).unwrap()
    };
    let by = "0:05:00 read out by Alexandra Paulus";
    let md = text(&export("md"));
    assert!(
        md.contains(&format!("| Online audience · {by} | 0:08:00 |")),
        "{md}"
    );
    assert!(
        md.contains("- 14:01, read out by Alexandra Paulus: Who keeps"),
        "{md}"
    );
    assert!(md.contains("- 14:08: Typed only"), "{md}");
    let txt = text(&export("txt"));
    assert!(
        txt.contains("0:08:00") && txt.contains(&format!("\n  {by}\n")),
        "{txt}"
    );
    assert!(
        txt.contains("14:01, read out by Alexandra Paulus: Who keeps"),
        "{txt}"
    );
    let html = text(&export("html"));
    assert!(
        html.contains(&format!(r#"<span class="muted">{by}</span>"#)),
        "{html}"
    );
    assert!(
        html.contains("read out by Alexandra Paulus:</span> Who keeps"),
        "{html}"
    );
    let json: Value = serde_json::from_slice(&export("json")).unwrap();
    let online = json["floor"]["audience"].as_array().unwrap().iter();
    let online = online
        .clone()
        .find(|r| r["label"] == "Online audience")
        .unwrap();
    assert_eq!(
        (&online["seconds"], &online["read_out"]),
        (&480.into(), &by.into())
    );
    assert_eq!(json["audience"]["online"][0]["read_by"], "Alexandra Paulus");
    assert_eq!(json["audience"]["online"][1]["read_by"], Value::Null);
    let docx = export("docx");
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut package.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    let document = common::without_markup(&document);
    assert!(document.contains(by), "{document}");
    let note = document.split("14:01").nth(1).unwrap_or_default();
    assert!(
        note.trim_start()
            .starts_with("read out by Alexandra Paulus:"),
        "{document}"
    );
}

#[test]
fn ending_the_session_closes_the_floor_and_stops_the_count() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    ok(rapporteur(&["floor", s, "sobota", "--at", "14:00"]));
    let said = ok(rapporteur(&["end", s, "--at", "14:10"]));
    assert!(said.contains("2022-12-01 14:10:00"), "{said}");
    // Recorded after the end: kept, said so, and counted no further.
    let after = rapporteur(&["floor", s, "paulus", "--at", "14:20"]);
    let warned = text(&after.stderr);
    assert!(
        warned.contains("ended at 2022-12-01 14:10:00") && warned.contains("not counted"),
        "{warned}"
    );
    ok(after);
    let before = rapporteur(&["floor", s, "sobota", "--at", "14:05"]);
    assert!(text(&before.stderr).is_empty(), "{}", text(&before.stderr));
    ok(before);
    ok(rapporteur(&[
        "note", s, "-s", "paulus", "--at", "14:30", "late",
    ]));
    let stats = stats(s);
    assert_eq!(speaker(&stats, "Livia Sobota")["floor_seconds"], 600);
    assert_eq!(speaker(&stats, "Alexandra Paulus")["floor_seconds"], 0);
    assert_eq!(stats["total_floor_seconds"], 600);
    assert_eq!(stats["open_floor"], Value::Null);
    assert_eq!(stats["counted_until"], "2022-12-01T14:10:00Z");
    // Ended again, later: the latest end stands.
    ok(rapporteur(&["end", s, "--at", "14:25"]));
    let stats = self::stats(s);
    assert_eq!(speaker(&stats, "Alexandra Paulus")["floor_seconds"], 300);
    assert_eq!(stats["counted_until"], "2022-12-01T14:25:00Z");
    let error = fails(rapporteur(&["end", s, "--at", "soon"]));
    assert!(error.contains("not a time"), "{error}");
}

#[test]
fn segments_move_through_the_plan_as_alt_n_does() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let error = fails(rapporteur(&["segment", s, "back"]));
    assert!(error.contains("first segment"), "{error}");
    let said = ok(rapporteur(&["segment", s, "next", "--at", "13:50"]));
    assert!(said.starts_with("now: Opening (1/5)") && said.contains("next: Speakers"));
    let said = ok(rapporteur(&["segment", s, "next", "--at", "13:55"]));
    assert!(said.starts_with("now: Speakers (2/5)"), "{said}");
    let said = ok(rapporteur(&["segment", s, "back", "--at", "13:56"]));
    assert!(said.starts_with("now: Opening (1/5)"), "{said}");
    let said = ok(rapporteur(&["segment", s, "q&a", "--at", "14:50"]));
    assert!(said.starts_with("now: Q&A (4/5)"), "{said}");
    let said = ok(rapporteur(&["segment", s, "CLOS", "--at", "15:10"]));
    assert!(said.contains("it is the last"), "{said}");
    let error = fails(rapporteur(&["segment", s, "next"]));
    assert!(error.contains("last segment"), "{error}");
    let error = fails(rapporteur(&["segment", s, "lunch"]));
    assert!(
        error.contains("Opening, Speakers, Debate, Q&A, Closing"),
        "{error}"
    );
    let (session, _) = Store::read(&path).unwrap();
    let names: Vec<&str> = session.segments.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Opening", "Speakers", "Opening", "Q&A", "Closing"]);
}

#[test]
fn the_screen_clock_is_read_as_at_is_before_the_screen_opens() {
    let (_dir, path) = new_workshop();
    let s = arg(&path);
    let error = fails(rapporteur(&["open", s, "--clock", "half past two"]));
    assert!(error.contains("not a time"), "{error}");
    let (_other, missing) = scratch();
    let error = fails(rapporteur(&["open", arg(&missing), "--clock", "14:05"]));
    assert!(error.contains("no such session"), "{error}");
}
