//! The reports: a profile says which fields a report has and within what limits; the form fills
//! them from the notes and the rapporteur's drafts; the context gathers what the templates draw.
//!
//! `export` is the whole way from a session to a finished report in one format.

mod anonymize;
mod chart;
pub mod clipboard;
mod context;
mod docx;
mod form;
mod participation;
mod profile;
mod render;
mod templates;

use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use anonymize::{Anonymity, Anonymizer, group_label, region_short};
pub use context::{
    AudienceNote, AudienceView, Context, Count, EntryView, FieldView, FloorRow, FloorView,
    PartView, Participants, Particulars, PersonView, QuestionView, SectionView, SessionView,
};
pub use form::{
    Broken, Field, FieldGroup, Form, LimitWarning, Subject, attributed, paragraphs, word_count,
};
pub use participation::figure as participation_figure;
pub use profile::{
    Each, FieldSpec, Figure, Limits, Part, Profile, Report, ReportShape, Section, Seed,
};
pub use templates::{BUILT_IN, Source, TemplateDirs};

use crate::model::{Person, Session};

/// A file the user gave for a report (a template, a profile), read as the store reads every file
/// it is given: a regular file only, no further than its size, so that a FIFO or `/dev/zero`
/// is refused by name instead of hanging or filling memory.
fn read_user_text(path: &Path) -> std::io::Result<String> {
    let bytes = crate::store::read_regular(path, crate::store::Links::Follow)?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{file}:{line}:{column}: {message}")]
    Profile {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("no report profile called \"{name}\"; the profiles are: {known}")]
    UnknownProfile { name: String, known: String },
    #[error("profile \"{profile}\" has no template for the {format} format")]
    NoTemplate { profile: String, format: String },
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("a {format} document is a file, not text: export it with -o FILE")]
    NotText { format: &'static str },
    #[error("a {format} document is built by rapporteur itself and takes no --template")]
    NoTemplateFor { format: &'static str },
    // The cause is in the message and not a `#[source]`, so that a chain printed whole does not
    // say it twice.
    #[error("{}: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// The output formats; Markdown, text and HTML are drawn by a template, JSON is the template
/// context itself and Word is built from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Text,
    Html,
    /// The template context itself.
    Json,
    /// A Word document (binary: written to a file, never shown or copied as text).
    Docx,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Text,
        Format::Html,
        Format::Json,
        Format::Docx,
    ];

    /// The formats that are text, to show, copy or print.
    pub const TEXT: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Json];

    /// The formats the report screen cycles through: the text ones it previews and copies, and
    /// Word, which it only exports (preview and copy say it is a file).
    pub const ON_SCREEN: [Format; 4] = [Format::Markdown, Format::Text, Format::Html, Format::Docx];

    /// How the profile's `templates` map and the command line name it.
    pub fn slug(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Json => "json",
            Format::Docx => "docx",
        }
    }

    /// How a sentence names it: "preview, export and copy in Markdown".
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Json => "JSON",
            Format::Docx => "Word",
        }
    }

    pub fn is_text(self) -> bool {
        self != Format::Docx
    }

    /// The next format of the report screen's cycle.
    pub fn next_on_screen(self) -> Format {
        let at = Format::ON_SCREEN.iter().position(|&f| f == self);
        match at {
            Some(at) => Format::ON_SCREEN[(at + 1) % Format::ON_SCREEN.len()],
            None => Format::ON_SCREEN[0],
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "txt" | "text" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(format!(
                "unknown format \"{other}\"; expected md, txt, html, json or docx"
            )),
        }
    }
}

/// Whether the report names a person in the particulars, the floor table and the fields: on the
/// roster and not marked absent. Who took part is [`Session::took_part`].
pub fn listed(person: &Person) -> bool {
    !person.marked_absent() && !person.removed
}

/// How to export one report.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    pub report: Report,
    pub format: Format,
    /// Names replaced by stakeholder group and region, or group alone (the Chatham House Rule).
    pub anonymous: Option<Anonymity>,
    /// The user's own template, instead of the profile's one for the format.
    pub template: Option<&'a Path>,
    pub dirs: &'a TemplateDirs,
    /// The columns a text report is wrapped at, for reading; None: a paragraph a line, the form
    /// the secretariat's web form takes.
    pub wrap: Option<usize>,
}

/// A finished report and the limits its fields break.
#[derive(Debug, Clone)]
pub struct Exported {
    pub text: String,
    pub warnings: Vec<LimitWarning>,
}

/// A finished report in any format, text or binary, and the limits its fields break.
#[derive(Debug, Clone)]
pub struct Document {
    pub bytes: Vec<u8>,
    pub format: Format,
    pub warnings: Vec<LimitWarning>,
}

/// The report as text; a binary format (Word) is refused: see [`export_document`].
pub fn export(
    session: &Session,
    profile: &Profile,
    options: &Options<'_>,
) -> Result<Exported, ReportError> {
    if !options.format.is_text() {
        return Err(ReportError::NotText {
            format: options.format.name(),
        });
    }
    let document = export_document(session, profile, options)?;
    Ok(Exported {
        // Templates and serde_json write UTF-8.
        text: String::from_utf8(document.bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        warnings: document.warnings,
    })
}

/// The report in any format, as the bytes of its file.
pub fn export_document(
    session: &Session,
    profile: &Profile,
    options: &Options<'_>,
) -> Result<Document, ReportError> {
    let form = Form::new(session, profile, options.report);
    let context = Context::new(session, profile, &form, options.anonymous);
    // Names are replaced in the JSON form of the context, every string of it; without
    // --anonymous the context is drawn as it is, which saves converting it.
    let anonymized = options.anonymous.map(|_| context.to_json(session));
    let bytes = match options.format {
        Format::Docx => {
            if options.template.is_some() {
                return Err(ReportError::NoTemplateFor {
                    format: Format::Docx.name(),
                });
            }
            let value = anonymized.unwrap_or_else(|| context.to_json(session));
            docx::document(&value)?
        }
        Format::Json => {
            // Through serde_json::Value either way, so keys come sorted with or without names.
            let value = anonymized.unwrap_or_else(|| context.to_json(session));
            let mut json = crate::text::to_json(&value, true).unwrap_or_default();
            json.push('\n');
            json.into_bytes()
        }
        format => {
            let file = options.template.map(|path| render::TemplateFile { path });
            let name = match (&file, profile.templates.get(format.slug())) {
                (Some(_), _) => String::new(),
                (None, Some(name)) => name.clone(),
                (None, None) => {
                    return Err(ReportError::NoTemplate {
                        profile: profile.name.clone(),
                        format: format.slug().to_string(),
                    });
                }
            };
            let page = render::Page {
                name: &name,
                file,
                dirs: options.dirs,
                wrap: options.wrap,
            };
            let text = match &anonymized {
                Some(value) => render::render(value, page)?,
                None => render::render(&context, page)?,
            };
            // A report is read elsewhere (pasted, printed, shown by `cat`): no control character
            // in it may act on a terminal, and none belongs in a report.
            match crate::text::strip_controls(&text) {
                std::borrow::Cow::Borrowed(_) => text,
                std::borrow::Cow::Owned(stripped) => stripped,
            }
            .into_bytes()
        }
    };
    Ok(Document {
        bytes,
        format: options.format,
        warnings: form.warnings(),
    })
}
