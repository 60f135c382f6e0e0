//! `rapporteur export`, run as a user runs it.

mod fixture;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary on the fixture session, with a configuration directory of its own so that
/// the user's templates do not leak in.
fn export(config: &Path, words: &[&str]) -> Output {
    let fixture = fixture::fixture_path();
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("export")
        .arg(&fixture)
        .args(words)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .expect("the rapporteur binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn writes_the_report_to_a_file_and_fails_over_limits_only_under_strict() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("final.html");
    let output = export(
        dir.path(),
        &["final", "--format", "html", "-o", out.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Policy question 1: Evidence"));

    // Four takeaways for three places: written anyway, with a warning; status 3 under --strict.
    let out = dir.path().join("short.md");
    let output = export(
        dir.path(),
        &["short", "-o", out.to_str().unwrap(), "--strict"],
    );
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("warning: short.takeaways: 4 items, over the limit of 3"));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("## Key Takeaways")
    );
    let output = export(dir.path(), &["short"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("## Key Takeaways"));
    assert!(stderr(&output).contains("over the limit of 3"));
}

#[test]
fn a_broken_template_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("broken.txt.j2");
    std::fs::write(&template, "line one\n{% if report %}\n{{ report.title }\n").unwrap();
    let out = dir.path().join("never.txt");
    let output = export(
        dir.path(),
        &[
            "final",
            "--template",
            template.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("{}:3: syntax error", template.display())),
        "{message}"
    );
    assert!(!out.exists());
}

#[test]
fn the_users_config_directory_overrides_the_built_in_templates() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("rapporteur/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("report.txt.j2"),
        "{{ report.title }}: {{ fields.takeaways.entries|length }} takeaways\n",
    )
    .unwrap();
    let output = export(dir.path(), &["short", "--format", "txt"]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Short report: 4 takeaways\n"
    );
}

#[test]
fn json_is_the_template_context() {
    let dir = tempfile::tempdir().unwrap();
    let output = export(dir.path(), &["final", "--format", "json", "--anonymous"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["report"]["kind"], "final");
    assert_eq!(json["anonymous"], true);
    assert_eq!(
        json["fields"]["onsite_participants"]["entries"][0]["text"],
        "45"
    );
    assert_eq!(
        json["particulars"]["speakers"][0]["name"],
        "Government (African Group)"
    );
}

#[test]
fn a_label_that_names_one_person_is_warned_of_and_coarse_names_the_group_alone() {
    let dir = tempfile::tempdir().unwrap();
    let output = export(dir.path(), &["final", "--format", "json", "--anonymous"]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Lucía Fernández Ortega is the only Civil Society person from GRULAC.
    let warning = stderr(&output);
    assert!(
        warning.contains("\"Civil Society (GRULAC)\"") && warning.contains("--anonymous=coarse"),
        "{warning}"
    );

    let output = export(
        dir.path(),
        &["final", "--format", "json", "--anonymous=coarse"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["anonymous"], true);
    let speaker = &json["particulars"]["speakers"][0];
    assert_eq!(speaker["name"], "Government");
    assert_eq!(speaker["group"], "Government");
    assert!(speaker["region"].is_null(), "{speaker}");
    // Where a person stands, no region: only the tables by region still count them.
    for person in json["participants"]["people"].as_array().unwrap() {
        assert!(!person["name"].as_str().unwrap().contains('('), "{person}");
    }
    for row in json["floor"]["speakers"].as_array().unwrap() {
        assert!(!row["label"].as_str().unwrap().contains('('), "{row}");
    }
    // The stakeholder group alone is still one person for some groups: still said.
    assert!(!stderr(&output).contains("--anonymous=coarse"));

    let output = export(dir.path(), &["final", "--anonymous=loose"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("coarse"), "{}", stderr(&output));
}

#[test]
fn a_word_document_is_written_to_a_named_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let output = export(dir.path(), &["final", "--format", "docx"]);
    assert!(!output.status.success());
    assert!(
        output.stdout.is_empty(),
        "nothing binary on standard output"
    );
    assert!(stderr(&output).contains("-o FILE"), "{}", stderr(&output));

    let out = dir.path().join("final.docx");
    let output = export(
        dir.path(),
        &[
            "final",
            "--format",
            "docx",
            "--anonymous",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..4], b"PK\x03\x04", "a zip package");
}

/// Runs the binary's export on a session file of the test's own.
fn export_of(session: &Path, words: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("export")
        .arg(session)
        .args(words)
        .env("XDG_CONFIG_HOME", session.parent().unwrap())
        .output()
        .expect("the rapporteur binary runs")
}

/// Text with its runs of white space made single spaces.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of a text report above its floor-time tables, which keep their columns.
fn prose_lines(report: &str) -> Vec<&str> {
    report.lines().take_while(|l| *l != "Floor time").collect()
}

#[test]
fn a_text_report_is_a_paragraph_a_line_unless_wrap_asks_for_columns() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    let mut session = fixture::session();
    let chinese = "陈静说：社区网络需要资金和频谱，地方政府应该支持农村地区的接入，监管机构也应该为社区网络保留频谱。";
    session.notes.push(rapporteur::model::Note::new(
        fixture::at("11:55"),
        None,
        vec![1],
        rapporteur::model::NoteKind::Takeaway,
        chinese,
        "Aisha Rahman",
    ));
    drop(rapporteur::store::Store::create(&path, &session).unwrap());

    let pasted = export_of(&path, &["final", "--format", "txt"]);
    assert!(pasted.status.success(), "{}", stderr(&pasted));
    let pasted = String::from_utf8(pasted.stdout).unwrap();
    // Every long note the report quotes is whole on one line: nothing to unwrap after pasting.
    let long: Vec<&str> = session
        .notes
        .iter()
        .map(|n| n.text.trim())
        .filter(|t| t.width() > 100 && flat(&pasted).contains(t))
        .collect();
    assert!(long.len() >= 5, "{long:?}");
    for text in &long {
        assert!(
            pasted.lines().any(|line| line.contains(text)),
            "split over lines: {text}"
        );
    }
    assert!(prose_lines(&pasted).iter().any(|l| l.width() > 100));

    let wrapped = export_of(&path, &["final", "--format", "txt", "--wrap", "50"]);
    assert!(wrapped.status.success(), "{}", stderr(&wrapped));
    let wrapped = String::from_utf8(wrapped.stdout).unwrap();
    for line in prose_lines(&wrapped) {
        // A heading is the title as it is; a single word wider than the page cannot be cut.
        let one_word = !line.trim().contains(' ');
        assert!(
            line.width() <= 50 || one_word,
            "{} columns: {line}",
            line.width()
        );
    }
    assert!(
        wrapped
            .lines()
            .any(|l| l.contains("陈静说") && l.width() <= 50),
        "CJK wraps by display columns"
    );
    // Underlines follow their heading's width.
    let words = |report: &str| {
        let lines = report.lines();
        let text: Vec<&str> = lines
            .filter(|l| l.is_empty() || !l.chars().all(|c| c == '=' || c == '-'))
            .collect();
        flat(&text.join("\n")).replace(' ', "")
    };
    assert_eq!(
        words(&wrapped),
        words(&pasted),
        "the same words, only the line breaks differ"
    );
}

#[test]
fn at_a_terminals_width_a_label_keeps_its_text_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    drop(rapporteur::store::Store::create(&path, &fixture::session()).unwrap());
    let wrapped = export_of(&path, &["final", "--format", "txt", "--wrap", "78"]);
    assert!(wrapped.status.success(), "{}", stderr(&wrapped));
    let wrapped = String::from_utf8(wrapped.stdout).unwrap();
    // The widest label (40 columns) leaves 38 for its text: enough to keep it on the line.
    let onsite = wrapped
        .lines()
        .find(|l| l.starts_with("Onsite participants:"));
    let onsite = onsite.expect("the onsite figure");
    assert!(onsite.trim_end() != "Onsite participants:", "{wrapped}");
    assert!(
        !wrapped.lines().any(|l| l.trim_end() == "Date:"),
        "{wrapped}"
    );
}

#[test]
fn at_the_narrowest_wrap_labels_stand_alone_and_every_line_fits() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.ron");
    drop(rapporteur::store::Store::create(&path, &fixture::session()).unwrap());
    let wrapped = export_of(&path, &["final", "--format", "txt", "--wrap", "20"]);
    assert!(wrapped.status.success(), "{}", stderr(&wrapped));
    let wrapped = String::from_utf8(wrapped.stdout).unwrap();
    // The floor-time tables keep their fixed columns at any width; everything else wraps.
    let (prose, tables) = wrapped.split_once("\nFloor time\n").unwrap();
    let total_and_footer = tables
        .lines()
        .filter(|l| l.starts_with("Total recorded") || l.contains("prepared with"));
    for line in prose.lines().chain(total_and_footer).map(str::trim_end) {
        // A label wider than half the page is alone on its line, its text below it.
        let label_alone = line.ends_with(':');
        let one_word = !line.trim().contains(' ');
        assert!(
            line.width() <= 20 || label_alone || one_word,
            "{} columns: {line}",
            line.width()
        );
    }
    assert!(wrapped.contains("Organisers:"), "{wrapped}");
}

#[test]
fn wrap_takes_20_to_1000_columns_and_only_for_text() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["19", "1001", "0", "-3", "wide"] {
        let output = export(
            dir.path(),
            &["final", "--format", "txt", &format!("--wrap={bad}")],
        );
        assert_eq!(output.status.code(), Some(2), "--wrap {bad}");
        assert!(stderr(&output).contains("--wrap"), "{}", stderr(&output));
    }
    let output = export(dir.path(), &["final", "--format", "txt", "--wrap", "19"]);
    assert!(stderr(&output).contains("20..=1000"), "{}", stderr(&output));
    for fine in ["20", "1000"] {
        let output = export(dir.path(), &["short", "--format", "txt", "--wrap", fine]);
        assert!(
            output.status.success(),
            "--wrap {fine}: {}",
            stderr(&output)
        );
    }
    let output = export(dir.path(), &["final", "--format", "md", "--wrap", "60"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("--wrap is for --format txt"),
        "{}",
        stderr(&output)
    );
}
