//! `rapporteur export SESSION short|final`: the short or the final report of a session, as
//! Markdown, plain text, printable HTML or the JSON template context.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};

use rapporteur::report::{self, Anonymity, Format, Options, Profile, Report, TemplateDirs};
use rapporteur::store::Store;

/// Exit status when --strict finds a field over its limit (the report is still written).
pub const OVER_LIMIT: u8 = 3;

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The session file, as given to `rapporteur new`.
    pub session: PathBuf,
    /// Which report: the short one (within hours) or the final one.
    #[arg(value_enum)]
    pub report: ReportArg,
    /// The report profile: a name (igf, igf-2016, or one in your templates directory) or a
    /// .ron file.
    #[arg(long, default_value = "igf")]
    pub profile: String,
    #[arg(long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// Your own template, used instead of the profile's one for the format.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// A directory of templates and profiles (profiles/NAME.ron, report.md.j2, ...) searched
    /// before $XDG_CONFIG_HOME/rapporteur/templates and the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Where to write the report (replaced atomically); standard output if not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Chatham House Rule: every name becomes the person's stakeholder group and region
    /// (`--anonymous=coarse`: the stakeholder group alone); affiliations are removed.
    #[arg(
        long,
        value_enum,
        value_name = "HOW",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "region"
    )]
    pub anonymous: Option<AnonymousArg>,
    /// Exit with status 3 when a field is over its limit (the report is still written).
    #[arg(long)]
    pub strict: bool,
    /// Wrap a text report at N columns (20 to 1000), for reading; without it a paragraph is one
    /// line, ready to paste into the secretariat's web form.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub wrap: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportArg {
    Short,
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Md,
    Txt,
    Html,
    Json,
    /// A Word document (needs -o FILE).
    Docx,
}

/// How `--anonymous` names a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnonymousArg {
    // Value help has no quotes: fish's completion script would break on them.
    /// Stakeholder group and region, e.g. Civil Society (GRULAC); what --anonymous alone means.
    Region,
    /// The stakeholder group alone, e.g. Civil Society: when a group and region is one person.
    Coarse,
}

impl From<AnonymousArg> for Anonymity {
    fn from(arg: AnonymousArg) -> Anonymity {
        match arg {
            AnonymousArg::Region => Anonymity::GroupAndRegion,
            AnonymousArg::Coarse => Anonymity::GroupOnly,
        }
    }
}

impl From<ReportArg> for Report {
    fn from(arg: ReportArg) -> Report {
        match arg {
            ReportArg::Short => Report::Short,
            ReportArg::Final => Report::Final,
        }
    }
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Txt => Format::Text,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Docx => Format::Docx,
        }
    }
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let format = Format::from(args.format);
    if !format.is_text() && args.output.is_none() {
        anyhow::bail!(
            "--format {} writes a {} document, which is a file: name it with -o FILE",
            format.slug(),
            format.name()
        );
    }
    if args.wrap.is_some() && format != Format::Text {
        anyhow::bail!(
            "--wrap is for --format txt: {} paragraphs are not wrapped",
            format.name()
        );
    }
    let (session, store_warnings) = Store::read(&args.session)?;
    super::report_warnings(&store_warnings);
    let dirs = TemplateDirs::new(
        args.templates
            .iter()
            .cloned()
            .chain(TemplateDirs::user_config_dir()),
    );
    let profile = Profile::load(&args.profile, &dirs)?;
    let anonymity = args.anonymous.map(Anonymity::from);
    if let Some(anonymity) = anonymity {
        warn_of_lone_labels(&session, anonymity);
    }
    let options = Options {
        report: args.report.into(),
        format,
        anonymous: anonymity,
        template: args.template.as_deref(),
        dirs: &dirs,
        wrap: args.wrap.map(usize::from),
    };
    let exported = report::export_document(&session, &profile, &options)?;
    super::report_warnings(&exported.warnings);
    match &args.output {
        Some(path) => rapporteur::store::write_user_file(path, &exported.bytes, &args.session)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&exported.bytes)
                .and_then(|()| stdout.flush())
                .context("could not write the report to standard output")?;
        }
    }
    if args.strict && !exported.warnings.is_empty() {
        super::tell(format_args!(
            "{} field limit(s) broken (--strict)",
            exported.warnings.len()
        ));
        return Ok(ExitCode::from(OVER_LIMIT));
    }
    Ok(ExitCode::SUCCESS)
}

/// A label that stands for one person names them to everyone who was in the room.
fn warn_of_lone_labels(session: &rapporteur::model::Session, anonymity: Anonymity) {
    let lone = anonymity.lone_labels(session);
    if lone.is_empty() {
        return;
    }
    let advice = match anonymity {
        Anonymity::GroupAndRegion => "; --anonymous=coarse names the stakeholder group alone",
        Anonymity::GroupOnly => "",
    };
    let labels = lone
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let stand = if lone.len() == 1 {
        "stands for one person, who may be recognised"
    } else {
        "each stand for one person, who may be recognised"
    };
    super::warn(format_args!("under --anonymous, {labels} {stand}{advice}"));
}
