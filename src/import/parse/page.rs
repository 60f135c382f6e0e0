//! Where the page starts, and where a page pasted twice starts over.

use crate::model::Section;

use super::super::date_line;
use super::super::headings;
use super::super::lines::Line;
use super::super::schedule;
use super::{Reader, append, is_numbered_role};

impl Reader {
    /// Reads the code and title; returns where they and the body are. A page saved from the web
    /// may start with its navigation, so a later line with a session code wins over the first
    /// line, and what came before it is kept as a section. The code may stand alone with the
    /// title on the next line; a page copied from its roster down has neither.
    pub(super) fn title(&mut self, lines: &[Line]) -> Option<Top> {
        let first = lines.first()?;
        let coded = lines
            .iter()
            .take(60)
            .take_while(|l| {
                is_numbered_role(&l.text).is_none() && !date_line::looks_like_date_line(&l.text)
            })
            .position(|l| schedule::code_and_title(&l.text).is_some());
        let at = match coded {
            Some(at) if at > 0 => {
                let skipped: Vec<&str> = lines[..at].iter().map(|l| l.text.as_str()).collect();
                self.session.info.sections.push(Section {
                    heading: "Page header".into(),
                    text: skipped.join("\n"),
                });
                self.warn(
                    first.number,
                    format!("{at} line(s) before the session title kept as \"Page header\""),
                );
                at
            }
            _ => 0,
        };
        let line = lines.get(at)?;
        match schedule::code_and_title(&line.text) {
            Some((code, title)) => {
                self.session.info.code = code;
                if !title.is_empty() {
                    self.session.info.title = title;
                    return Some(Top::at(at));
                }
                match lines.get(at + 1).filter(|next| could_be_title(&next.text)) {
                    Some(next) => {
                        self.session.info.title = next.text.clone();
                        return Some(Top {
                            title: Some(at),
                            body: at + 2,
                        });
                    }
                    None => self.warn(line.number, "no title after the session code"),
                }
            }
            None if !could_be_title(&line.text) => {
                self.warn(
                    line.number,
                    "no session code or title line: the page starts with its roster or a heading, so the title is unknown (`rapporteur show` lists what was read)",
                );
                return Some(Top {
                    title: None,
                    body: at,
                });
            }
            None => {
                self.warn(
                    line.number,
                    "no session code (like \"IGF 2022 WS #422\") on the first line; the line is taken as the title",
                );
                self.session.info.title = line.text.clone();
            }
        }
        Some(Top::at(at))
    }

    /// A second copy of the page is not read again (it would add its lines twice and its header
    /// as people), but kept, whole, as a section, in case it differs from the first.
    pub(super) fn keep_repeat(&mut self, repeat: &[Line], starts_over: &StartsOver) {
        let Some(first) = repeat.first() else {
            return;
        };
        let glued = if starts_over.glued {
            " in the middle of this line (pasted twice with no line break between the copies?)"
        } else {
            " (pasted twice?)"
        };
        self.warn(
            first.number,
            format!(
                "the page starts over here{glued}: this repeats line {} on. The repeat is kept as the section \"Repeated page\", not read again",
                starts_over.repeats
            ),
        );
        let mut text = String::new();
        for line in repeat {
            append(&mut text, &line.text, line.blanks_before);
        }
        self.session.info.sections.push(Section {
            heading: "Repeated page".into(),
            text,
        });
    }
}

/// Where the title is (if the page has one) and where the body starts.
pub(super) struct Top {
    pub title: Option<usize>,
    pub body: usize,
}

impl Top {
    fn at(title: usize) -> Top {
        Top {
            title: Some(title),
            body: title + 1,
        }
    }
}

/// Whether a first line can be a title: not a roster line, a heading, a date or a format line,
/// which a page copied from lower down starts with.
fn could_be_title(text: &str) -> bool {
    is_numbered_role(text).is_none()
        && headings::standalone(text, false).is_none()
        && headings::inline(text, false).is_none()
        && !date_line::looks_like_date_line(text)
        && schedule::format_line(text).is_none()
}

/// Where a page pasted twice starts over.
pub(super) struct StartsOver {
    /// The index of the second copy's first line.
    pub at: usize,
    /// The number of the line that the second copy's first line repeats.
    pub repeats: usize,
    /// Whether the copy began on the first copy's last line, which was cut in two there.
    pub glued: bool,
}

/// How many lines after a line that repeats the page's first (or first body) line must repeat
/// too: one line may well be written twice on a page, four in a row are a second copy.
const CONFIRMING_LINES: usize = 3;

/// Where a page pasted twice starts over: the first later line that repeats a line where the page
/// starts (its header, its title or the first lines of its body) and goes on as the page did.
/// The title is distinctive alone; the other lines need the lines after them to repeat too. The
/// second copy may begin on the first copy's last line, glued to it when the copies were pasted
/// with no line break between them: that line is cut in two where the copy begins, so neither
/// half is read as something it is not (a person named after the format line).
pub(super) fn starts_over(lines: &mut Vec<Line>, top: &Top) -> Option<StartsOver> {
    // A selection may begin on any of the page's first lines; the title (and the code above it)
    // names the session, so a line that repeats it is a second copy by itself.
    let anchors: Vec<(usize, bool)> = (0..=top.body + CONFIRMING_LINES)
        .map(|at| {
            (
                at,
                top.title
                    .is_some_and(|title| (title..top.body).contains(&at)),
            )
        })
        .collect();
    let found = (1..lines.len()).find_map(|at| {
        anchors.iter().find_map(|&(anchor, alone)| {
            let start = lines.get(anchor)?;
            if at <= anchor {
                return None;
            }
            let text = &lines[at].text;
            let cut = text.len().checked_sub(start.text.len())?;
            if !text.ends_with(start.text.as_str()) {
                return None;
            }
            let confirming = if alone { 0 } else { CONFIRMING_LINES };
            let follows =
                (1..=confirming).all(|n| match (lines.get(at + n), lines.get(anchor + n)) {
                    (Some(again), Some(first)) => again.text == first.text,
                    // A second copy may stop short.
                    (None, _) => n > 1,
                    (Some(_), None) => false,
                });
            follows.then_some((at, anchor, cut))
        })
    });
    let (at, anchor, cut) = found?;
    let repeats = lines[anchor].number;
    if cut == 0 {
        return Some(StartsOver {
            at,
            repeats,
            glued: false,
        });
    }
    let line = &mut lines[at];
    let copy = Line {
        number: line.number,
        text: line.text[cut..].to_string(),
        blanks_before: 0,
    };
    line.text.truncate(cut);
    line.text.truncate(line.text.trim_end().len());
    if line.text.is_empty() {
        *line = copy;
        return Some(StartsOver {
            at,
            repeats,
            glued: false,
        });
    }
    lines.insert(at + 1, copy);
    Some(StartsOver {
        at: at + 1,
        repeats,
        glued: true,
    })
}
