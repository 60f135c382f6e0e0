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
