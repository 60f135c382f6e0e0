//! The lines that give the session's particulars: when it is, its format and how long it lasts.

use crate::model::Section;

use super::super::date_line;
use super::super::lines::Line;
use super::super::schedule;
use super::{Place, Reader};

impl Reader {
    pub(super) fn date(&mut self, line: &Line) {
        self.date_text = Some(line.text.clone());
        match date_line::parse_date_line(&line.text) {
            Ok(when) => {
                for reading in &when.ambiguous {
                    self.warn(line.number, reading.as_str());
                }
                if !when.zone_given {
                    self.warn(
                        line.number,
                        "the date line gives no time zone; its times are read as UTC",
                    );
                }
                if when.end.is_some_and(|end| end < when.start) {
                    self.warn(
                        line.number,
                        "the session ends before it starts; the end is left out",
                    );
                }
                self.session.info.start = Some(when.start);
                self.session.info.end = when.end.filter(|end| *end >= when.start);
            }
            Err(why) => {
                self.warn(
                    line.number,
                    format!(
                        "could not read the date and time in \"{}\": {why}; {}",
                        line.text,
                        date_line::EXPECTED
                    ),
                );
                self.session.info.sections.push(Section {
                    heading: "Date".into(),
                    text: line.text.clone(),
                });
            }
        }
    }

    pub(super) fn format(&mut self, number: usize, format: String, minutes: Option<u32>) {
        if self.session.info.format.as_ref() == Some(&format) {
            self.warn(number, "the format line again; read once");
        } else if let Some(kept) = &self.session.info.format {
            self.warn(
                number,
                format!("a second format \"{format}\"; kept \"{kept}\""),
            );
        } else {
            self.session.info.format = Some(format);
            self.format_line = Some(number);
        }
        if let Some(minutes) = minutes {
            self.set_duration(number, minutes);
        }
        self.place = Place::Loose;
    }

    pub(super) fn duration(&mut self, number: usize, text: &str) {
        match schedule::duration(text) {
            Some(minutes) => self.set_duration(number, minutes),
            None => self.warn(
                number,
                format!("could not read the duration \"{text}\" as minutes"),
            ),
        }
    }

    fn set_duration(&mut self, number: usize, minutes: u32) {
        match self.session.info.duration_minutes {
            Some(kept) if kept != minutes => self.warn(
                number,
                format!(
                    "the page gives {minutes} minutes here and {kept} minutes before; kept {kept}"
                ),
            ),
            _ => self.session.info.duration_minutes = Some(minutes),
        }
    }
}
