//! The parts of a report as Word draws them: the particulars, the policy questions, a field, what
//! the audience said, the break-out groups, who took part and floor time.

use docx_rs::{BreakType, Paragraph, Run, Shading, TableCell, TableRow, WidthType};
use serde_json::Value;

use super::style::{
    ACCENT, BAR, BAR_LENGTH, ListKind, MUTED, TEXT_WIDTH, cell, grid, header_row, number_cell,
    person_runs, text_cell,
};
use super::{Writer, clean, items, text};

impl Writer<'_> {
    pub(super) fn particulars(&mut self) {
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

    pub(super) fn policy_questions(&mut self) {
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

    pub(super) fn field(&mut self, part: &Value, section_title: &Value, parts_in_section: usize) {
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

    pub(super) fn entry_text(&mut self, entry: Option<&Value>) {
        let paragraphs = entry.map(|e| items(&e["paragraphs"])).unwrap_or_default();
        if paragraphs.is_empty() {
            self.missing("Not recorded.");
        }
        for paragraph in paragraphs {
            self.body(text(paragraph));
        }
    }

    pub(super) fn audience(&mut self) {
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
                    let mut paragraph = Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text(clean(&format!("{}  ", text(&note["at"]))))
                                .color(MUTED),
                        )
                        .add_run(Run::new().add_text(tags).color(ACCENT).size(18));
                    if let Some(reader) = note["read_by"].as_str() {
                        let read_out = format!("read out by {reader}: ");
                        paragraph =
                            paragraph.add_run(Run::new().add_text(clean(&read_out)).color(MUTED));
                    }
                    paragraph.add_run(Run::new().add_text(clean(text(&note["text"]))))
                })
                .collect();
            self.list(ListKind::Bullet, notes);
        }
    }

    /// Each break-out group under its own heading: its members, its taker and its notes.
    pub(super) fn break_out_groups(&mut self) {
        for group in items(&self.context["groups"]) {
            self.heading(3, &format!("Break-out group: {}", text(&group["name"])));
            let members: Vec<&str> = items(&group["members"]).iter().map(text).collect();
            if !members.is_empty() {
                self.body(&format!("Members: {}.", members.join(", ")));
            }
            if let Some(taker) = group["taker"].as_str() {
                self.body(&format!("Notes taken by {taker}."));
            }
            let notes: Vec<Paragraph> = items(&group["notes"])
                .iter()
                .map(|note| {
                    let mut paragraph = Paragraph::new().add_run(
                        Run::new()
                            .add_text(clean(&format!("{}  ", text(&note["at"]))))
                            .color(MUTED),
                    );
                    if let Some(speaker) = note["speaker"].as_str() {
                        paragraph = paragraph
                            .add_run(Run::new().add_text(clean(&format!("{speaker} "))).bold());
                    }
                    let kind = text(&note["kind"]);
                    if kind != "remark" {
                        paragraph = paragraph.add_run(
                            Run::new()
                                .add_text(clean(&format!("{kind} · ")))
                                .color(ACCENT)
                                .size(18),
                        );
                    }
                    paragraph.add_run(Run::new().add_text(clean(text(&note["text"]))))
                })
                .collect();
            if notes.is_empty() {
                self.missing("No notes were taken in this group.");
            } else {
                self.list(ListKind::Bullet, notes);
            }
        }
    }

    pub(super) fn participants(&mut self) {
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

    pub(super) fn floor_time(&mut self) {
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
                for detail in [&row["detail"], &row["read_out"]]
                    .iter()
                    .filter_map(|d| d.as_str())
                {
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
}
