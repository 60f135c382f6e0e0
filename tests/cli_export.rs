//! The export command, run as the CLI runs it. src/cli/mod.rs belongs to the binary, so the
//! module is compiled here on its own.

mod common;

#[path = "../src/cli/export.rs"]
mod export;

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: export::ExportArgs,
}

fn args(words: &[&str]) -> export::ExportArgs {
    let fixture = common::fixture_path();
    let mut argv = vec!["export".to_string(), fixture.display().to_string()];
    argv.extend(words.iter().map(|w| w.to_string()));
    Cli::try_parse_from(argv).expect("arguments").args
}

#[test]
fn writes_the_report_to_a_file_and_warns_under_strict() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("final.html");
    let path = out.display().to_string();
    let code = export::run(&args(&["final", "--format", "html", "-o", &path])).unwrap();
    assert_eq!(code, ExitCode::SUCCESS);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Policy question 1: Evidence"));

    // The short report has four takeaways for three places: written anyway, non-zero under --strict.
    let out = dir.path().join("short.md");
    let path = out.display().to_string();
    let code = export::run(&args(&["short", "-o", &path, "--strict"])).unwrap();
    assert_eq!(code, ExitCode::from(export::OVER_LIMIT));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("## Key Takeaways")
    );
    let code = export::run(&args(&["short", "-o", &path])).unwrap();
    assert_eq!(code, ExitCode::SUCCESS);
}

#[test]
fn a_broken_template_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("broken.txt.j2");
    std::fs::write(&template, "line one\n{% if report %}\nno end\n").unwrap();
    let path = template.display().to_string();
    let out = dir.path().join("never.txt").display().to_string();
    let error = export::run(&args(&["final", "--template", &path, "-o", &out])).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.starts_with(&format!("{path}:")), "{message}");
    assert!(message.contains("unexpected end of input"), "{message}");
    assert!(!std::path::Path::new(&out).exists());
}

#[test]
fn json_is_the_template_context() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("final.json");
    let path = out.display().to_string();
    export::run(&args(&[
        "final",
        "--format",
        "json",
        "--anonymous",
        "-o",
        &path,
    ]))
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["report"]["kind"], "final");
    assert_eq!(json["anonymous"], true);
    assert_eq!(
        json["fields"]["onsite_participants"]["entries"][0]["text"],
        "45"
    );
}
