//! The look of the Word document: page, colours, heading and list styles, tables.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Level, LevelJc, LevelText, LineSpacing,
    LineSpacingType, NumberFormat, Paragraph, Run, Shading, SpecialIndentType, Start, Style,
    StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow,
    WidthType,
};
use serde_json::Value;

use super::{clean, text};

pub(super) const ACCENT: &str = "1F4E79";
pub(super) const MUTED: &str = "5C5C5C";
pub(super) const RULE: &str = "C9C9C9";
pub(super) const HEADER_FILL: &str = "E8EEF5";
pub(super) const BAR: &str = "3B6EA5";
/// The longest floor-time bar, in no-break spaces.
pub(super) const BAR_LENGTH: usize = 48;
/// A4 in twentieths of a point, and the margins of the HTML's print layout (18 mm, 16 mm).
pub(super) const PAGE: (u32, u32) = (11906, 16838);
pub(super) const MARGIN_TOP: i32 = 1020;
pub(super) const MARGIN_SIDE: i32 = 907;
pub(super) const TEXT_WIDTH: usize = (PAGE.0 as usize) - 2 * (MARGIN_SIDE as usize);
/// The kinds of list: numbered (takeaways, calls to action, policy questions) and bulleted.
#[derive(Clone, Copy)]
pub(super) enum ListKind {
    Decimal,
    Bullet,
}

pub(super) fn heading(id: &str, name: &str, size: usize, color: &str) -> Style {
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

pub(super) fn list_definition(id: usize, kind: ListKind) -> AbstractNumbering {
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
pub(super) fn grid(rows: Vec<TableRow>, widths: &[usize], ruled: bool) -> Table {
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
pub(super) fn header_row(labels: &[&str], widths: &[usize]) -> TableRow {
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

pub(super) fn cell(run: Run, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(Paragraph::new().style("TableText").add_run(run))
        .width(width, WidthType::Dxa)
}

pub(super) fn text_cell(words: &str, width: usize) -> TableCell {
    cell(Run::new().add_text(clean(words)), width)
}

pub(super) fn number_cell(words: &str, width: usize) -> TableCell {
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
pub(super) fn person_runs(paragraph: Paragraph, p: &Value, with_group: bool) -> Paragraph {
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
