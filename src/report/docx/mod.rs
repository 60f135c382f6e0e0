//! The report as a Word document, drawn from the same context as the templates (its JSON form,
//! so that --anonymous has already replaced every name). Built with docx-rs: Word's own heading
//! styles (so the navigation pane and Google Docs' outline work), numbered and bulleted lists,
//! tables for the particulars, the participants and floor time, and the session in the
//! document's properties.

mod parts;
mod properties;
mod style;

use std::io::Cursor;

use docx_rs::{
    BorderType, Docx, Footer, IndentLevel, LineSpacing, LineSpacingType, Numbering, NumberingId,
    PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    RunFonts, Style, StyleType, Table,
};
use serde_json::Value;

use super::ReportError;
use properties::core_properties;
use style::{
    ACCENT, ListKind, MARGIN_SIDE, MARGIN_TOP, MUTED, PAGE, RULE, heading, list_definition,
};

/// The Word document of a report context.
pub fn document(context: &Value) -> Result<Vec<u8>, ReportError> {
    let mut writer = Writer::new(context);
    writer.report();
    let Writer { docx, .. } = writer;
    let mut parts = docx.build();
    parts.doc_props.core = core_properties(context);
    let mut bytes = Cursor::new(Vec::new());
    parts.pack(&mut bytes).map_err(|e| ReportError::Template {
        file: "(docx)".to_string(),
        line: None,
        message: format!("could not write the Word document: {e}"),
    })?;
    Ok(bytes.into_inner())
}

struct Writer<'a> {
    context: &'a Value,
    docx: Docx,
    /// The numbering instances made so far.
    lists: usize,
}

impl<'a> Writer<'a> {
    fn new(context: &'a Value) -> Writer<'a> {
        let footer = Footer::new().add_paragraph(Paragraph::new().style("Footer").add_run(
            Run::new().add_text(clean(&format!(
                "{} prepared with {} (profile {}).",
                text(&context["report"]["title"]),
                text(&context["generator"]),
                text(&context["profile"]["name"]),
            ))),
        ));
        let docx = Docx::new()
            .page_size(PAGE.0, PAGE.1)
            .page_margin(
                PageMargin::new()
                    .top(MARGIN_TOP)
                    .bottom(MARGIN_TOP)
                    .left(MARGIN_SIDE)
                    .right(MARGIN_SIDE)
                    .header(600)
                    .footer(600),
            )
            .default_fonts(
                RunFonts::new()
                    .ascii("Calibri")
                    .hi_ansi("Calibri")
                    .cs("Calibri")
                    .east_asia("Noto Sans CJK SC"),
            )
            .default_size(21)
            .default_line_spacing(
                LineSpacing::new()
                    .after(120)
                    .line(264)
                    .line_rule(LineSpacingType::Auto),
            )
            .add_style(heading("Heading1", "heading 1", 32, "1B1B1B").outline_lvl(0))
            .add_style(heading("Heading2", "heading 2", 26, ACCENT).outline_lvl(1))
            .add_style(heading("Heading3", "heading 3", 22, "1B1B1B").outline_lvl(2))
            .add_style(
                Style::new("Subtitle", StyleType::Paragraph)
                    .name("Subtitle")
                    .based_on("Normal")
                    .size(18)
                    .bold()
                    .color(ACCENT),
            )
            .add_style(
                Style::new("Note", StyleType::Paragraph)
                    .name("Note")
                    .based_on("Normal")
                    .size(19)
                    .color(MUTED),
            )
            .add_style(
                Style::new("Footer", StyleType::Paragraph)
                    .name("footer")
                    .based_on("Normal")
                    .size(16)
                    .color(MUTED),
            )
            .add_style(
                Style::new("TableText", StyleType::Paragraph)
                    .name("Table Text")
                    .based_on("Normal")
                    .size(19)
                    .line_spacing(LineSpacing::new().before(30).after(30).line(240)),
            )
            .add_style(
                Style::new("ListParagraph", StyleType::Paragraph)
                    .name("List Paragraph")
                    .based_on("Normal"),
            )
            .custom_property("Session code", clean(text(&context["session"]["code"])))
            .custom_property("Session title", clean(text(&context["session"]["title"])))
            .footer(footer);
        Writer {
            context,
            docx,
            lists: 0,
        }
    }

    fn paragraph(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    fn table(&mut self, table: Table) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table);
    }

    /// A heading of level 1 (the session), 2 (a section of the report) or 3; the first two
    /// ruled beneath, as in the HTML.
    fn heading(&mut self, level: usize, words: &str) {
        let (style, rule) = match level {
            1 => ("Heading1", Some((ACCENT, 12))),
            2 => ("Heading2", Some((RULE, 4))),
            _ => ("Heading3", None),
        };
        let mut paragraph = Paragraph::new()
            .style(style)
            .keep_next(true)
            .add_run(Run::new().add_text(clean(words)));
        if let Some((color, size)) = rule {
            paragraph.property = paragraph.property.set_borders(
                ParagraphBorders::with_empty().set(
                    ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                        .val(BorderType::Single)
                        .size(size)
                        .space(4)
                        .color(color),
                ),
            );
        }
        self.paragraph(paragraph);
    }

    fn body(&mut self, words: &str) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(clean(words))));
    }

    fn missing(&mut self, words: &str) {
        self.paragraph(Paragraph::new().add_run(Run::new().add_text(words).italic().color(MUTED)));
    }

    /// A new list. Each has a definition of its own, since LibreOffice carries the count on
    /// across lists that share one (the calls to action would start at 5).
    fn list(&mut self, kind: ListKind, items: Vec<Paragraph>) {
        self.lists += 1;
        // docx-rs writes a decimal list of its own as number 1, which won over ours: a first list
        // of bullets (the audience's notes, with no takeaways before them) came out numbered.
        let id = self.lists + 1;
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx
            .add_abstract_numbering(list_definition(id, kind))
            .add_numbering(Numbering::new(id, id));
        for item in items {
            self.paragraph(
                item.style("ListParagraph")
                    .numbering(NumberingId::new(id), IndentLevel::new(0)),
            );
        }
    }

    fn report(&mut self) {
        let context = self.context;
        let session = &context["session"];
        let mut kicker = text(&context["report"]["title"]).to_uppercase();
        if !text(&session["code"]).is_empty() {
            kicker = format!("{kicker} · {}", text(&session["code"]));
        }
        self.paragraph(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(clean(&kicker))),
        );
        self.heading(1, text(&session["title"]));
        if context["anonymous"].as_bool() == Some(true) {
            self.paragraph(
                Paragraph::new()
                    .style("Note")
                    .add_run(Run::new().add_text(clean(&format!(
                        "Held under the Chatham House Rule: speakers are named by {}.",
                        text(&context["named_by"])
                    )))),
            );
        }
        for section in items(&context["sections"]) {
            if let Some(title) = section["title"].as_str() {
                self.heading(2, title);
            }
            let parts = items(&section["parts"]);
            for part in parts {
                match text(&part["type"]) {
                    "particulars" => self.particulars(),
                    "policy_questions" => self.policy_questions(),
                    "field" => self.field(part, &section["title"], parts.len()),
                    "audience_questions" => self.audience(),
                    "break_out_groups" => self.break_out_groups(),
                    "participants" => self.participants(),
                    "floor_time" => self.floor_time(),
                    _ => {}
                }
            }
        }
    }

    fn spacer(&mut self) {
        self.paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
    }
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

fn items(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or_default()
}

/// Text as XML 1.0 and a run may hold it: no control characters, line breaks and tabs as
/// spaces (paragraphs are already apart), no noncharacters.
fn clean(words: &str) -> String {
    crate::text::strip_controls(words)
        .chars()
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .map(|c| {
            if c.is_whitespace() && c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}
