//! The document's properties: its title, subject and dates.

use serde_json::Value;

use super::{clean, text};

/// The document's core properties (what Word shows under File › Info and LibreOffice as the
/// title of the PDF): the report and session as title, the session code as subject. docx-rs
/// writes this part but offers no way to set the title, so it is written here.
pub(super) fn core_properties(context: &Value) -> Vec<u8> {
    let session = &context["session"];
    let code = text(&session["code"]);
    let mut title = text(&context["report"]["title"]).to_string();
    if !code.is_empty() {
        title = format!("{title}: {code}");
    }
    title = format!("{title}: {}", text(&session["title"]));
    let created = session["start"]
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string()
        })
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{creator}</dc:creator>"#,
            r#"<dc:language>en</dc:language><cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = xml_text(&title),
        subject = xml_text(code),
        creator = xml_text(text(&context["generator"])),
        created = created,
    )
    .into_bytes()
}

fn xml_text(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for c in clean(words).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_loses_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{1b}[2Jb\u{7}c\u{85}d\u{FFFF}"), "a[2Jbcd");
        assert_eq!(clean("one\ntwo\tthree"), "one two three");
        assert_eq!(xml_text("<b>&\u{0}"), "&lt;b&gt;&amp;");
    }
}
