//! The final report carries the key takeaways and calls to action, under those headings, in every
//! format and every built-in profile; where the short report has them, they are its own entries
//! (one draft, two reports).

mod common;
mod fixture;

use std::io::Read;

use rapporteur::model::{NoteKind, Session};
use rapporteur::report::{self, Each, Form, Format, Options, Profile, Report, Seed, TemplateDirs};

/// The sections of a report as a reader sees them: each second-level heading and the words under
/// it, down to the next such heading.
fn sections(format: Format, bytes: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let split = |parts: Vec<&str>, title_end: &str| -> Vec<(String, String)> {
        parts
            .into_iter()
            .skip(1)
            .map(|part| {
                let (title, body) = part.split_once(title_end).unwrap_or((part, ""));
                (
                    common::without_markup(title).trim().to_string(),
                    common::without_markup(body),
                )
            })
            .collect()
    };
    match format {
        Format::Markdown => split(text.split("\n## ").collect(), "\n"),
        Format::Html => split(text.split("<h2>").collect(), "</h2>"),
        Format::Text => {
            // A heading is a line underlined with dashes.
            let lines: Vec<&str> = text.lines().collect();
            let mut found: Vec<(String, String)> = Vec::new();
            let mut index = 0;
            while index < lines.len() {
                let underlined = lines
                    .get(index + 1)
                    .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c == '-'));
                if underlined && !lines[index].is_empty() {
                    found.push((lines[index].to_string(), String::new()));
                    index += 2;
                    continue;
                }
                if let Some((_, body)) = found.last_mut() {
                    body.push_str(lines[index]);
                    body.push('\n');
                }
                index += 1;
            }
            found
        }
        Format::Docx => {
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
            let mut document = String::new();
            archive
                .by_name("word/document.xml")
                .expect("the document part")
                .read_to_string(&mut document)
                .expect("UTF-8 XML");
            let parts = document
                .split(r#"<w:pStyle w:val="Heading2" />"#)
                .map(str::to_string)
                .collect::<Vec<_>>();
            split(parts.iter().map(String::as_str).collect(), "</w:p>")
        }
        Format::Json => {
            let context: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
            context["sections"]
                .as_array()
                .expect("sections")
                .iter()
                .filter_map(|section| {
                    let title = section["title"].as_str()?.to_string();
                    let entries = section["parts"]
                        .as_array()?
                        .iter()
                        .flat_map(|p| p["entries"].as_array().cloned().unwrap_or_default())
                        .map(|e| e["text"].as_str().unwrap_or_default().to_string())
                        .collect::<Vec<_>>();
                    Some((title, entries.join("\n")))
                })
                .collect()
        }
    }
}

fn export(session: &Session, profile: &Profile, format: Format) -> Vec<u8> {
    let dirs = TemplateDirs::built_in();
    let options = Options {
        report: Report::Final,
        format,
        anonymous: None,
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    report::export_document(session, profile, &options)
        .expect("export")
        .bytes
}

/// The key of the numbered field of `report` seeded with notes of `kind`, as drafts store it.
fn item_field(profile: &Profile, report: Report, kind: NoteKind) -> Option<String> {
    profile
        .shape(report)
        .fields()
        .find(|spec| spec.each == Each::Item && spec.seed == Seed::Kind(kind))
        .map(|spec| format!("{}.{}", report.slug(), spec.key))
}

#[test]
fn the_final_report_of_every_profile_and_format_has_the_takeaways_and_calls_to_action() {
    let dirs = TemplateDirs::built_in();
    let names = dirs.profile_names();
    assert!(names.len() >= 2, "the built-in profiles: {names:?}");
    for name in names {
        let profile = Profile::load(&name, &dirs).expect("profile");
        let mut session = fixture::session();
        // Drafted where the short report keeps them, if it does: the final report must show
        // these very words.
        let mut expected = Vec::new();
        for (heading, kind) in [
            ("Key Takeaways", NoteKind::Takeaway),
            ("Calls to Action", NoteKind::CallToAction),
        ] {
            let key = item_field(&profile, Report::Short, kind)
                .or_else(|| item_field(&profile, Report::Final, kind))
                .unwrap_or_else(|| panic!("{name}: no field for {heading}"));
            let words = format!("Drafted once under {key} for the {heading} heading");
            session
                .report_fields
                .insert(format!("{key}.1"), words.clone());
            expected.push((heading, words));
        }
        for format in Format::ALL {
            let found = sections(format, &export(&session, &profile, format));
            for (heading, words) in &expected {
                let under: Vec<&String> = found
                    .iter()
                    .filter(|(title, _)| title.eq_ignore_ascii_case(heading))
                    .map(|(_, body)| body)
                    .collect();
                assert_eq!(
                    under.len(),
                    1,
                    "{name} {format:?}: one \"{heading}\" heading in {:?}",
                    found.iter().map(|(t, _)| t).collect::<Vec<_>>()
                );
                let flat = under[0].split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    flat.contains(words.as_str()),
                    "{name} {format:?}: \"{words}\" under {heading}: {flat}"
                );
            }
        }
    }
}

#[test]
fn the_final_reports_takeaways_are_the_short_reports_entries() {
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let session = fixture::session();
    let short = Form::new(&session, &profile, Report::Short);
    let final_form = Form::new(&session, &profile, Report::Final);
    for key in ["takeaways", "calls_to_action"] {
        let in_short = short
            .group(Report::Short, key)
            .expect("in the short report");
        let in_final = final_form
            .group(Report::Short, key)
            .expect("the short report's field in the final report");
        assert_eq!(in_final, in_short, "{key}: the same entries, drafted once");
        assert!(in_final.entries.iter().all(|e| e.key.starts_with("short.")));
    }
    assert!(final_form.group(Report::Final, "takeaways").is_none());
}

#[test]
fn a_profile_naming_no_field_of_the_short_report_is_refused_with_its_line() {
    let text = report::BUILT_IN
        .iter()
        .find(|(file, _)| *file == "profiles/igf.ron")
        .map(|(_, text)| text.replace("FromShort(\"takeaways\")", "FromShort(\"takeaway\")"))
        .expect("the igf profile");
    let error = Profile::parse(&text, "mine.ron").unwrap_err().to_string();
    let line = text
        .lines()
        .position(|l| l.contains("FromShort(\"takeaway\")"))
        .unwrap()
        + 1;
    assert!(error.starts_with(&format!("mine.ron:{line}:")), "{error}");
    assert!(error.contains("takeaways, calls_to_action"), "{error}");
}

#[test]
fn the_html_report_draws_no_bar_for_a_zero_share() {
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let session = fixture::session();
    let html = String::from_utf8(export(&session, &profile, Format::Html)).unwrap();
    // Aisha Rahman, the rapporteur, never had the floor.
    let row = html
        .lines()
        .find(|l| l.starts_with("<tr><td>Aisha Rahman"))
        .expect("her row in the floor table");
    assert!(row.contains("0:00:00"), "{row}");
    assert!(row.contains(r#"<td class="bar-cell"></td>"#), "{row}");
    assert!(!html.contains("width: 0%"), "no bar of no width");
    assert!(
        html.matches(r#"<span class="bar""#).count() > 10,
        "the other bars stay"
    );
}
