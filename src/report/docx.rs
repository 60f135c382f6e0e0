//! The report as a Word document, drawn from the same context as the templates (its JSON form,
//! so that --anonymous has already replaced every name). Built with docx-rs: Word's own heading
//! styles (so the navigation pane and Google Docs' outline work), numbered and bulleted lists,
//! tables for the particulars, the participants and floor time, and the session in the
//! document's properties.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, Docx, Footer, IndentLevel, Level,
    LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    RunFonts, Shading, SpecialIndentType, Start, Style, StyleType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableRow, WidthType,
};
use serde_json::Value;

use super::ReportError;

const ACCENT: &str = "1F4E79";
const MUTED: &str = "5C5C5C";
const RULE: &str = "C9C9C9";
const HEADER_FILL: &str = "E8EEF5";
const BAR: &str = "3B6EA5";
/// The longest floor-time bar, in no-break spaces.
const BAR_LENGTH: usize = 48;
/// A4 in twentieths of a point, and the margins of the HTML's print layout (18 mm, 16 mm).
const PAGE: (u32, u32) = (11906, 16838);
const MARGIN_TOP: i32 = 1020;
const MARGIN_SIDE: i32 = 907;
const TEXT_WIDTH: usize = (PAGE.0 as usize) - 2 * (MARGIN_SIDE as usize);
/// The kinds of list: numbered (takeaways, calls to action, policy questions) and bulleted.
#[derive(Clone, Copy)]
enum ListKind {
    Decimal,
    Bullet,
}

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
        let id = self.lists;
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
                    "participants" => self.participants(),
                    "floor_time" => self.floor_time(),
                    _ => {}
                }
            }
        }
    }

    fn particulars(&mut self) {
        let context = self.context;
        let session = &context["session"];
        let particulars = &context["particulars"];
        let mut rows: Vec<(&str, String)> = Vec::new();
        for (label, value) in [
            ("Date", &session["date"]),
            ("Time", &session["time"]),
            ("Format", &session["format"]),
        ] {
            if let Some(value) = value.as_str() {
                rows.push((label, value.to_string()));
            }
        }
        let widths = [2600, TEXT_WIDTH - 2600];
        let mut rows: Vec<TableRow> = rows
            .into_iter()
            .map(|(label, value)| {
                TableRow::new(vec![
                    cell(Run::new().add_text(label).bold(), widths[0]),
                    text_cell(&value, widths[1]),
                ])
            })
            .collect();
        let anonymous = context["anonymous"].as_bool() == Some(true);
        for (label, key, one_a_line) in [
            ("Organisers", "organizers", false),
            ("Chair / moderator", "onsite_moderators", false),
            ("Online moderator", "online_moderators", false),
            ("Rapporteur", "rapporteurs", false),
            ("Speakers", "speakers", true),
        ] {
            let people = items(&particulars[key]);
            if people.is_empty() {
                continue;
            }
            let mut paragraphs: Vec<Paragraph> = Vec::new();
            for (index, p) in people.iter().enumerate() {
                if one_a_line || index == 0 {
                    paragraphs.push(Paragraph::new().style("TableText"));
                } else if let Some(last) = paragraphs.pop() {
                    paragraphs.push(last.add_run(Run::new().add_text("; ")));
                }
                if let Some(last) = paragraphs.pop() {
                    paragraphs.push(person_runs(last, p, one_a_line && !anonymous));
                }
            }
            let value = paragraphs
                .into_iter()
                .fold(TableCell::new(), TableCell::add_paragraph)
                .width(widths[1], WidthType::Dxa);
            rows.push(TableRow::new(vec![
                cell(Run::new().add_text(label).bold(), widths[0]),
                value,
            ]));
        }
        self.table(grid(rows, &widths, false));
        self.spacer();
    }

    fn policy_questions(&mut self) {
        let questions = items(&self.context["questions"]);
        if questions.is_empty() {
            return;
        }
        self.heading(3, "Policy questions");
        let paragraphs = questions
            .iter()
            .map(|q| {
                let mut paragraph = Paragraph::new();
                if let Some(title) = q["title"].as_str() {
                    paragraph =
                        paragraph.add_run(Run::new().add_text(clean(&format!("{title}: "))).bold());
                }
                paragraph.add_run(Run::new().add_text(clean(text(&q["text"]))))
            })
            .collect();
        self.list(ListKind::Decimal, paragraphs);
    }

    fn field(&mut self, part: &Value, section_title: &Value, parts_in_section: usize) {
        let label = text(&part["label"]);
        let entries = items(&part["entries"]);
        let titled = parts_in_section > 1 && section_title.as_str() != Some(label);
        if part["inline"].as_bool() == Some(true) {
            let value = entries
                .first()
                .map(|e| text(&e["text"]))
                .filter(|t| !t.is_empty());
            let mut paragraph =
                Paragraph::new().add_run(Run::new().add_text(clean(&format!("{label}: "))).bold());
            paragraph = match value {
                Some(value) => paragraph.add_run(Run::new().add_text(clean(value))),
                None => {
                    paragraph.add_run(Run::new().add_text("not recorded").italic().color(MUTED))
                }
            };
            self.paragraph(paragraph);
            return;
        }
        match text(&part["each"]) {
            "item" => {
                if titled {
                    self.heading(3, label);
                }
                if entries.is_empty() {
                    self.missing("None recorded.");
                } else {
                    let paragraphs = entries
                        .iter()
                        .map(|e| {
                            let joined: Vec<&str> =
                                items(&e["paragraphs"]).iter().map(text).collect();
                            Paragraph::new().add_run(Run::new().add_text(clean(&joined.join(" "))))
                        })
                        .collect();
                    self.list(ListKind::Decimal, paragraphs);
                }
            }
            "once" => {
                if titled {
                    self.heading(3, label);
                }
                self.entry_text(entries.first());
            }
            _ => {
                if entries.is_empty() {
                    self.missing("None recorded.");
                }
                for entry in entries {
                    self.heading(3, text(&entry["label"]));
                    self.entry_text(Some(entry));
                }
            }
        }
    }

    fn entry_text(&mut self, entry: Option<&Value>) {
        let paragraphs = entry.map(|e| items(&e["paragraphs"])).unwrap_or_default();
        if paragraphs.is_empty() {
            self.missing("Not recorded.");
        }
        for paragraph in paragraphs {
            self.body(text(paragraph));
        }
    }

    fn audience(&mut self) {
        let audience = &self.context["audience"];
        self.heading(3, "From the audience");
        let groups: Vec<&[Value]> = [&audience["onsite"], &audience["online"]]
            .into_iter()
            .map(items)
            .filter(|g| !g.is_empty())
            .collect();
        if groups.is_empty() {
            self.missing("No questions or comments from the audience were recorded.");
        }
        for group in groups {
            self.paragraph(
                Paragraph::new().keep_next(true).add_run(
                    Run::new()
                        .add_text(clean(text(&group[0]["speaker"])))
                        .bold(),
                ),
            );
            let notes = group
                .iter()
                .map(|note| {
                    let mut tags = String::new();
                    if note["question"].as_bool() == Some(true) {
                        tags.push_str("question · ");
                    }
                    for n in items(&note["questions"]) {
                        tags.push_str(&format!("PQ {n} · "));
                    }
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(clean(&format!("{}  ", text(&note["at"]))))
                                .color(MUTED),
                        )
                        .add_run(Run::new().add_text(tags).color(ACCENT).size(18))
                        .add_run(Run::new().add_text(clean(text(&note["text"]))))
                })
                .collect();
            self.list(ListKind::Bullet, notes);
        }
    }

    fn participants(&mut self) {
        let context = self.context;
        let participants = &context["participants"];
        self.heading(3, "Who took part");
        let anonymous = context["anonymous"].as_bool() == Some(true);
        let roles = |p: &Value| {
            let roles: Vec<&str> = items(&p["roles"]).iter().map(text).collect();
            if roles.is_empty() {
                "Participant".to_string()
            } else {
                roles.join(", ")
            }
        };
        let people = items(&participants["people"]);
        let table = if anonymous {
            let widths = [TEXT_WIDTH / 2, TEXT_WIDTH - TEXT_WIDTH / 2];
            let mut rows = vec![header_row(&["Participant", "Role"], &widths)];
            rows.extend(people.iter().map(|p| {
                TableRow::new(vec![
                    text_cell(text(&p["group"]), widths[0]),
                    text_cell(&roles(p), widths[1]),
                ])
            }));
            grid(rows, &widths, true)
        } else {
            let widths = [2300, 2300, 1900, 1700, TEXT_WIDTH - 8200];
            let mut rows = vec![header_row(
                &[
                    "Name",
                    "Affiliation",
                    "Stakeholder group",
                    "Regional group",
                    "Role",
                ],
                &widths,
            )];
            rows.extend(people.iter().map(|p| {
                let or_unknown = |v: &Value| v.as_str().unwrap_or("not known").to_string();
                TableRow::new(vec![
                    text_cell(text(&p["name"]), widths[0]),
                    text_cell(text(&p["affiliation"]), widths[1]),
                    text_cell(&or_unknown(&p["stakeholder"]), widths[2]),
                    text_cell(&or_unknown(&p["region"]), widths[3]),
                    text_cell(&roles(p), widths[4]),
                ])
            }));
            grid(rows, &widths, true)
        };
        self.table(table);
        let counts = |key: &str| {
            items(&participants[key])
                .iter()
                .map(|c| format!("{} {}", text(&c["label"]), c["count"]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.paragraph(
            Paragraph::new().style("Note").add_run(
                Run::new()
                    .add_text(clean(&format!(
                        "By stakeholder group: {}.",
                        counts("by_stakeholder")
                    )))
                    .add_break(BreakType::TextWrapping)
                    .add_text(clean(&format!(
                        "By regional group: {}.",
                        counts("by_region")
                    ))),
            ),
        );
    }

    fn floor_time(&mut self) {
        let floor = &self.context["floor"];
        self.heading(3, "Floor time");
        if floor["total_seconds"].as_i64().unwrap_or(0) <= 0 {
            self.missing("No floor time was recorded.");
            return;
        }
        self.body(&format!(
            "Total recorded floor time: {}. Bars are scaled to the longest row of each table.",
            text(&floor["total"])
        ));
        for (caption, key) in [
            ("Speaker", "speakers"),
            ("Stakeholder group", "stakeholder_groups"),
            ("Regional group", "regional_groups"),
            ("Speakers and audience", "audience"),
        ] {
            let widths = [3500, 1150, 900, 3400, TEXT_WIDTH - 8950];
            let mut rows = vec![header_row(
                &[caption, "Time", "Share", "", "Turns"],
                &widths,
            )];
            for row in items(&floor[key]) {
                let mut label = Paragraph::new()
                    .style("TableText")
                    .add_run(Run::new().add_text(clean(text(&row["label"]))));
                if let Some(detail) = row["detail"].as_str() {
                    label = label.add_run(
                        Run::new()
                            .add_break(BreakType::TextWrapping)
                            .add_text(clean(detail))
                            .size(17)
                            .color(MUTED),
                    );
                }
                let bar = (row["bar"].as_i64().unwrap_or(0).clamp(0, 100) as usize * BAR_LENGTH
                    + 50)
                    / 100;
                rows.push(TableRow::new(vec![
                    TableCell::new()
                        .add_paragraph(label)
                        .width(widths[0], WidthType::Dxa),
                    number_cell(text(&row["time"]), widths[1]),
                    number_cell(&format!("{}%", row["share"]), widths[2]),
                    // A run of shaded no-break spaces: a solid bar in any font.
                    cell(
                        Run::new()
                            .add_text("\u{A0}".repeat(bar))
                            .shading(Shading::new().fill(BAR))
                            .size(14),
                        widths[3],
                    ),
                    number_cell(&row["interventions"].to_string(), widths[4]),
                ]));
            }
            self.table(grid(rows, &widths, true));
            self.spacer();
        }
    }

    fn spacer(&mut self) {
        self.paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
    }
}

fn heading(id: &str, name: &str, size: usize, color: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(size)
        .bold()
        .color(color)
        .line_spacing(
            LineSpacing::new()
                .before(280)
                .after(100)
                .line(276)
                .line_rule(LineSpacingType::Auto),
        )
}

fn list_definition(id: usize, kind: ListKind) -> AbstractNumbering {
    let (format, text) = match kind {
        ListKind::Decimal => ("decimal", "%1."),
        ListKind::Bullet => ("bullet", "•"),
    };
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(500), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

/// A table with light rules, as wide as the text.
fn grid(rows: Vec<TableRow>, widths: &[usize], ruled: bool) -> Table {
    let rule = |position| {
        TableBorder::new(position)
            .border_type(if ruled {
                BorderType::Single
            } else {
                BorderType::Nil
            })
            .size(4)
            .color(RULE)
    };
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .set_borders(
            TableBorders::new()
                .set(rule(TableBorderPosition::Top))
                .set(rule(TableBorderPosition::Bottom))
                .set(rule(TableBorderPosition::InsideH))
                .clear(TableBorderPosition::Left)
                .clear(TableBorderPosition::Right)
                .clear(TableBorderPosition::InsideV),
        )
}

/// The column heads; those of numbers ("Time", "Share", "Turns") over the numbers, on the right.
fn header_row(labels: &[&str], widths: &[usize]) -> TableRow {
    TableRow::new(
        labels
            .iter()
            .zip(widths)
            .map(|(label, &width)| {
                let numeric = matches!(*label, "Time" | "Share" | "Turns");
                let mut paragraph = Paragraph::new()
                    .style("TableText")
                    .add_run(Run::new().add_text(*label).bold());
                if numeric {
                    paragraph = paragraph.align(AlignmentType::Right);
                }
                TableCell::new()
                    .add_paragraph(paragraph)
                    .width(width, WidthType::Dxa)
                    .shading(Shading::new().fill(HEADER_FILL))
            })
            .collect(),
    )
    .cant_split()
}

fn cell(run: Run, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().style("TableText").add_run(run))
        .width(width, WidthType::Dxa)
}

fn text_cell(words: &str, width: usize) -> TableCell {
    cell(Run::new().add_text(clean(words)), width)
}

fn number_cell(words: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new()
                .style("TableText")
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(clean(words))),
        )
        .width(width, WidthType::Dxa)
}

/// A person as the particulars name them: the name, the affiliation in grey, and the group
/// when asked for.
fn person_runs(paragraph: Paragraph, p: &Value, with_group: bool) -> Paragraph {
    let mut paragraph = paragraph.add_run(Run::new().add_text(clean(text(&p["name"]))));
    if let Some(affiliation) = p["affiliation"].as_str() {
        paragraph = paragraph.add_run(
            Run::new()
                .add_text(clean(&format!(" ({affiliation})")))
                .color(MUTED),
        );
    }
    if with_group {
        paragraph = paragraph.add_run(
            Run::new()
                .add_text(clean(&format!(" · {}", text(&p["group"]))))
                .color(MUTED),
        );
    }
    paragraph
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

/// The document's core properties (what Word shows under File › Info and LibreOffice as the
/// title of the PDF): the report and session as title, the session code as subject. docx-rs
/// writes this part but offers no way to set the title, so it is written here.
fn core_properties(context: &Value) -> Vec<u8> {
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
