//! The Word export: a real .docx package (read back with the zip crate) with Word's heading
//! styles, numbered lists, tables, the session in its properties, and text XML can hold.

mod common;
mod fixture;

use std::io::Read;

use rapporteur::model::{Note, NoteKind, Session, Speaker};
use rapporteur::report::{self, Anonymity, Format, Options, Profile, Report, TemplateDirs};

fn docx(session: &Session, report: Report, anonymous: Option<Anonymity>) -> Vec<u8> {
    common::export(session, "igf", report, Format::Docx, anonymous)
}

/// One part of the package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

#[test]
fn the_final_report_is_a_word_document_with_headings_lists_and_tables() {
    let session = fixture::session();
    let bytes = docx(&session, Report::Final, None);
    assert_eq!(&bytes[..2], b"PK", "a zip package");
    let document = part(&bytes, "word/document.xml");
    let styles = part(&bytes, "word/styles.xml");
    for (id, name) in [
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
    ] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}""#))
                && styles.contains(&format!(r#"<w:name w:val="{name}" />"#)),
            "{id} in styles.xml"
        );
        assert!(
            document.contains(&format!(r#"<w:pStyle w:val="{id}" />"#)),
            "{id} used"
        );
    }
    assert!(document.contains("<w:numPr>"), "lists are Word lists");
    assert!(part(&bytes, "word/numbering.xml").contains(r#"<w:numFmt w:val="decimal" />"#));
    // Particulars, who took part and the four floor-time tables.
    assert!(document.matches("<w:tbl>").count() >= 6, "tables");
    let text = common::without_markup(&document);
    for expected in [
        "Attribution of cyberattacks",
        "Lucía Fernández Ortega",
        "Who took part",
        "Floor time",
        "0:14:00",
        "Policy question 1: Evidence",
    ] {
        assert!(text.contains(expected), "{expected}");
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Final report: IGF 2022 WS #999: Attribution of cyberattacks"),
        "{core}"
    );
    assert!(
        core.contains("<dc:subject>IGF 2022 WS #999</dc:subject>"),
        "{core}"
    );
}

#[test]
fn the_short_report_numbers_each_list_from_one() {
    let bytes = docx(&fixture::session(), Report::Short, None);
    let document = part(&bytes, "word/document.xml");
    let numbering = part(&bytes, "word/numbering.xml");
    // Takeaways and calls to action: two lists, each a definition of its own.
    assert!(
        numbering.matches("<w:abstractNum ").count() >= 2,
        "{numbering}"
    );
    let ids: std::collections::BTreeSet<&str> = document
        .match_indices(r#"<w:numId w:val=""#)
        .map(|(at, m)| {
            let rest = &document[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn control_characters_and_markup_in_notes_come_out_as_plain_text() {
    let mut session = fixture::session();
    session.notes.push(Note::new(
        fixture::at("11:50"),
        Some(Speaker::Audience),
        vec![1],
        NoteKind::Question,
        "Bell\u{7} and \u{1b}[2Jescape <w:p> & \"quotes\" \u{85}next",
        "taker",
    ));
    let bytes = docx(&session, Report::Final, None);
    let document = part(&bytes, "word/document.xml");
    assert!(
        !document
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        "no control character in the XML"
    );
    assert!(
        document.contains("Bell and [2Jescape &lt;w:p&gt; &amp;"),
        "escaped"
    );
}

#[test]
fn an_anonymous_word_document_names_nobody() {
    let session = fixture::session();
    let bytes = docx(&session, Report::Final, Some(Anonymity::GroupAndRegion));
    let text = common::without_markup(&part(&bytes, "word/document.xml"));
    for person in &session.people {
        assert!(
            !text.contains(&person.name),
            "{} in the document",
            person.name
        );
        let affiliation = person.affiliation.as_deref().unwrap_or_default();
        assert!(!text.contains(affiliation), "{affiliation} in the document");
    }
    assert!(text.contains("Civil Society (GRULAC)"));
    assert!(text.contains("Chatham House Rule"));
}

#[test]
fn text_exports_refuse_the_word_format() {
    let dirs = TemplateDirs::built_in();
    let profile = Profile::load("igf", &dirs).unwrap();
    let options = Options {
        report: Report::Short,
        format: Format::Docx,
        anonymous: None,
        template: None,
        dirs: &dirs,
        wrap: None,
    };
    let error = report::export(&fixture::session(), &profile, &options).unwrap_err();
    assert!(error.to_string().contains("-o FILE"), "{error}");
}

/// The break-out fixture (three groups, two takers) with a fourth group in which nobody wrote.
#[test]
fn each_break_out_group_has_its_heading_members_taker_and_notes() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/breakout/ws222.ron");
    let (mut session, _) = rapporteur::store::Store::read(&fixture).expect("the fixture");
    session.groups.push(rapporteur::model::Group {
        name: "Finance".into(),
        taker: None,
        members: Vec::new(),
    });
    let bytes = docx(&session, Report::Final, None);
    let document = part(&bytes, "word/document.xml");
    // The paragraph that says it, and whether it is a third-level heading.
    let heading = |name: &str| {
        let words = format!(">Break-out group: {name}<");
        let paragraph = document.split("<w:p ").find(|p| p.contains(&words));
        paragraph.is_some_and(|p| p.contains(r#"<w:pStyle w:val="Heading3" />"#))
    };
    let text = common::without_markup(&document);
    let mut rest = text.as_str();
    for (name, members, taker, notes) in [
        (
            "Access",
            "Members: Livia Sobota, Alexandra Paulus.",
            "Notes taken by Bruna Toso.",
            [
                "Rural schools still pay per megabyte",
                "Community networks fill the gap",
            ],
        ),
        (
            "Skills",
            "Members: Veni Markovski, Omar Haddad.",
            "Notes taken by Ana Silva.",
            [
                "Digital literacy must start",
                "Who pays for training the trainers?",
            ],
        ),
        (
            "Policy",
            "Members: Mei Chen, Kwame Mensah.",
            "Notes taken by Ana Silva.",
            [
                "Universal service funds sit unspent",
                "Spend the funds on last-mile access",
            ],
        ),
    ] {
        assert!(heading(name), "{name} is a heading");
        // In this order: the heading, the members, the taker, the group's own notes.
        for expected in [format!("Break-out group: {name}").as_str(), members, taker]
            .into_iter()
            .chain(notes)
        {
            let at = rest
                .find(expected)
                .unwrap_or_else(|| panic!("{expected} after the one before, in {text}"));
            rest = &rest[at + expected.len()..];
        }
    }
    assert!(heading("Finance"));
    let finance = rest
        .split("Break-out group: Finance")
        .nth(1)
        .unwrap_or_default();
    assert!(
        finance
            .trim_start()
            .starts_with("No notes were taken in this group."),
        "{finance}"
    );
    // A group's notes name who spoke and what kind of note it is.
    let skills = text
        .split("Break-out group: Skills")
        .nth(1)
        .unwrap_or_default();
    let skills = skills
        .split("Break-out group: Policy")
        .next()
        .unwrap_or_default();
    assert!(skills.contains("Omar Haddad"), "{skills}");
    assert!(skills.contains("question ·"), "{skills}");
}

/// The numbering format of the list the first list paragraph of the document belongs to.
fn first_list_format(bytes: &[u8]) -> String {
    let document = part(bytes, "word/document.xml");
    let numbering = part(bytes, "word/numbering.xml");
    let after = |text: &str, marker: &str| -> String {
        let rest = text
            .split(marker)
            .nth(1)
            .unwrap_or_else(|| panic!("{marker}"));
        rest.split('"').next().unwrap_or_default().to_string()
    };
    let id = after(&document, r#"<w:numId w:val=""#);
    let num = numbering
        .split(&format!(r#"<w:num w:numId="{id}">"#))
        .nth(1)
        .unwrap_or_else(|| panic!("list {id} in {numbering}"));
    let abstract_id = after(num, r#"<w:abstractNumId w:val=""#);
    let definition = numbering
        .split(&format!(
            r#"<w:abstractNum w:abstractNumId="{abstract_id}">"#
        ))
        .nth(1)
        .unwrap_or_else(|| panic!("definition {abstract_id}"));
    after(definition, r#"<w:numFmt w:val=""#)
}

#[test]
fn a_first_list_of_bullets_is_bulleted_not_numbered() {
    // No takeaways: the first list is the audience's notes.
    let mut session = common::workshop();
    session.upsert_note(Note::new(
        common::at("2022-12-01T14:10:00Z"),
        Some(Speaker::Online),
        vec![],
        NoteKind::Question,
        "Who keeps the evidence?",
        "",
    ));
    assert_eq!(
        first_list_format(&docx(&session, Report::Final, None)),
        "bullet"
    );
    // And a first numbered list stays numbered.
    let numbered = first_list_format(&docx(&fixture::session(), Report::Final, None));
    assert_eq!(numbered, "decimal");
}
