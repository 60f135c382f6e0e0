//! `rapporteur transcript`: the published transcript kept with the session and read against it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use rapporteur::model::{NoteId, Session, Speaker};
use rapporteur::stats::{self, Until, hms};
use rapporteur::store::{SessionPaths, Store, now};
use rapporteur::transcript::{
    Analysis, Attribution, Estimate, KEPT_FORMAT, Kept, LabelMap, Passage, QuoteCheck, QuoteStatus,
    SpanSource, Version, detect_version, is_unnamed,
};

use super::json;

#[derive(Args)]
pub struct TranscriptArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// The transcript, as text or the saved HTML page; it replaces the one kept with the session.
    /// Without it, the kept one is read.
    pub file: Option<PathBuf>,
    /// Settle a label the roster does not: "JANE ROE=audience" (WHO is a unique part of a name,
    /// `audience` or `online`; "LABEL=" forgets it). Kept for the next import.
    #[arg(long = "map", value_name = "LABEL=WHO")]
    pub map: Vec<String>,
    /// Which version FILE is (else its disclaimer says, if it does): a raw version never
    /// replaces a corrected one kept with the session.
    #[arg(long, value_enum, requires = "file")]
    pub version: Option<VersionArg>,
    /// Print JSON (see the README for its shape).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VersionArg {
    Raw,
    Corrected,
}

impl From<VersionArg> for Version {
    fn from(arg: VersionArg) -> Version {
        match arg {
            VersionArg::Raw => Version::Raw,
            VersionArg::Corrected => Version::Corrected,
        }
    }
}

pub fn run(args: &TranscriptArgs) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(&args.session)?;
    super::report_warnings(&warnings);
    let paths = SessionPaths::new(&args.session);
    // Read before anything is replaced: a kept file that cannot be read is never overwritten.
    let previous = Kept::load(&paths.transcript)?;
    let (mut kept, transcript, imported) = match (&args.file, previous) {
        (Some(file), previous) => {
            refuse_session_file(file, &args.session)?;
            let (text, transcript) = rapporteur::transcript::read_file(file)?;
            let version = args
                .version
                .map(Version::from)
                .or_else(|| detect_version(&text));
            match previous {
                Some(previous) if keeps_corrected(&previous, version) => {
                    super::warn(format_args!(
                        "{} is a raw version; the corrected one kept with the session ({}) stays the reference and is read instead",
                        file.display(),
                        previous.source
                    ));
                    let transcript = previous.transcript(&paths.transcript)?;
                    (previous, transcript, false)
                }
                previous => {
                    if let Some(previous) = previous.as_ref().filter(|p| {
                        p.version == Some(Version::Raw) && version == Some(Version::Corrected)
                    }) {
                        super::tell(format_args!(
                            "the corrected version replaces the raw one ({})",
                            previous.source
                        ));
                    }
                    let kept = Kept {
                        format: KEPT_FORMAT,
                        source: file.display().to_string(),
                        imported: Some(now()),
                        version,
                        map: previous.map(|p| p.map).unwrap_or_default(),
                        text,
                    };
                    (kept, transcript, true)
                }
            }
        }
        (None, Some(kept)) => {
            let transcript = kept.transcript(&paths.transcript)?;
            (kept, transcript, false)
        }
        (None, None) => bail!(
            "{}: no transcript is kept with this session; give one: rapporteur transcript {} FILE",
            args.session.display(),
            args.session.display()
        ),
    };
    for entry in &args.map {
        settle(&session, &mut kept.map, entry)?;
    }
    if imported || !args.map.is_empty() {
        std::fs::create_dir_all(&paths.folder)
            .with_context(|| format!("could not create {}", paths.folder.display()))?;
        kept.save(&paths.transcript)?;
    }
    let analysis = Analysis::new(&session, transcript, &kept.map);
    for entry in kept.map.entries() {
        if !analysis.has_label(&entry.label) {
            super::warn(format_args!(
                "no turn of this transcript is labelled \"{}\"; the mapping is kept for the next import",
                entry.label
            ));
        }
    }
    if args.json {
        json::print(&TranscriptJson::of(&session, &kept, &analysis))?;
    } else {
        super::say_lines(&describe(&session, &kept, &analysis));
    }
    Ok(ExitCode::SUCCESS)
}

/// A raw version never replaces a corrected one: the corrected one stays the reference.
fn keeps_corrected(kept: &Kept, importing: Option<Version>) -> bool {
    kept.version == Some(Version::Corrected) && importing == Some(Version::Raw)
}

/// The session's own files are not transcripts, and reading the journal or the kept copy as one
/// would only confuse: the header, everything in the session's folder, and a format-1 session's
/// files beside the header.
fn refuse_session_file(file: &Path, session: &Path) -> anyhow::Result<()> {
    let Ok(file) = file.canonicalize() else {
        return Ok(()); // reading it will say what is wrong
    };
    let paths = SessionPaths::new(session);
    let old = SessionPaths::format_1(session);
    let own = [&paths.header, &old.journal, &old.lock, &old.draft];
    let in_folder = paths
        .folder
        .canonicalize()
        .is_ok_and(|folder| file.starts_with(folder));
    if in_folder
        || own
            .iter()
            .any(|p| p.canonicalize().is_ok_and(|p| p == file))
    {
        bail!(
            "{}: this is one of the files of the session {}, not a transcript",
            file.display(),
            session.display()
        );
    }
    Ok(())
}

/// Applies one `--map LABEL=WHO`.
fn settle(session: &Session, map: &mut LabelMap, entry: &str) -> anyhow::Result<()> {
    let Some((label, who)) = entry.split_once('=').filter(|(l, _)| !l.trim().is_empty()) else {
        bail!("--map \"{entry}\": expected LABEL=WHO, as in --map \"JANE ROE=audience\"");
    };
    let speaker = match who.trim() {
        "" => None,
        who => Some(
            session
                .resolve_speaker(who)
                .with_context(|| format!("--map \"{entry}\""))?,
        ),
    };
    map.set(label, speaker);
    Ok(())
}

/// How a person, an audience or an unsettled label is named in the output.
fn who_name(session: &Session, who: &Attribution) -> String {
    match who {
        Attribution::Speaker(speaker) => session.speaker_name(*speaker),
        Attribution::Unknown(label) if is_unnamed(label) => {
            format!("a speaker the captioner did not name {label}")
        }
        Attribution::Unknown(label) => format!("\"{label}\" (not matched to the roster)"),
    }
}

/// What `check` says about a quote that is not where the note puts it; None for one that is.
pub fn quote_problem(session: &Session, check: &QuoteCheck) -> Option<String> {
    let note = session.note(check.note)?;
    let named = note
        .speaker
        .map_or_else(|| "nobody".to_string(), |s| session.speaker_name(s));
    let place = |passage: &Option<Passage>| {
        passage
            .as_ref()
            .map_or_else(String::new, |p| format!(" (transcript line {})", p.line))
    };
    match check.status {
        QuoteStatus::Found => None,
        QuoteStatus::Misattributed => Some(format!(
            "quote note {} \"{}\" is put down to {named}, but {} said it{}",
            check.note,
            check.text,
            check
                .said_by
                .as_ref()
                .map_or_else(|| "someone else".to_string(), |w| who_name(session, w)),
            place(&check.passage)
        )),
        QuoteStatus::NotFound => Some(format!(
            "quote note {} \"{}\" is not in the transcript in these words{}",
            check.note,
            check.text,
            check.passage.as_ref().map_or_else(String::new, |p| format!(
                "; the closest is {}'s \"{}\" (line {})",
                who_name(session, &p.who),
                p.text,
                p.line
            ))
        )),
    }
}

fn describe(session: &Session, kept: &Kept, analysis: &Analysis) -> String {
    let transcript = &analysis.transcript;
    let version = kept
        .version
        .map_or_else(String::new, |v| format!(" ({} version)", v.slug()));
    let mut out = format!(
        "Transcript {}{version}: {} turns, {} words, {} interventions",
        kept.source,
        transcript.turns.len(),
        transcript.words(),
        analysis.interventions.len()
    );
    match analysis.span {
        Some(span) => {
            let from = match span.source {
                SpanSource::Clock => "from the clock's start to the last record",
                SpanSource::Schedule => "the scheduled duration",
            };
            out += &format!(
                "; floor time estimated over {} ({from})",
                hms(chrono::TimeDelta::seconds(span.seconds))
            );
            let anchored = analysis.interventions.iter().filter(|i| i.anchored).count();
            if anchored > 0 {
                out += &format!(", {anchored} of them placed by recorded floor changes");
            }
            out += ".\n";
        }
        None => {
            out += ".\nThe session has neither a started clock nor a planned duration: no floor time is estimated.\n"
        }
    }
    let stats = stats::compute(session, Until::LastRecorded);
    let estimates = analysis.estimates(session);
    let (known, unknown): (Vec<&Estimate>, Vec<&Estimate>) = estimates
        .iter()
        .partition(|e| matches!(e.who, Attribution::Speaker(_)));
    let estimate = |e: &Estimate| {
        e.seconds
            .map_or_else(|| "—".to_string(), |s| hms(chrono::TimeDelta::seconds(s)))
    };
    let mut rows: Vec<[String; 5]> = vec![[
        "Speaker".into(),
        "interventions".into(),
        "words".into(),
        "estimate".into(),
        "recorded".into(),
    ]];
    for e in &known {
        let Attribution::Speaker(speaker) = e.who else {
            continue;
        };
        rows.push([
            session.speaker_name(speaker),
            e.interventions.to_string(),
            e.words.to_string(),
            estimate(e),
            hms(stats.speaker(speaker).floor),
        ]);
    }
    out += "\n";
    out += &table(&rows);
    // The transcript hears the reader; the record gives that time to the audience.
    for read in &stats.read_out {
        let reader = session.speaker_name(Speaker::Person(read.reader));
        out += &format!(
            "{reader} read out {} for the {}: the record counts it as the audience's, the transcript's estimate as {reader}'s.\n",
            hms(read.tally.floor),
            session.speaker_name(read.audience).to_lowercase()
        );
    }
    if !unknown.is_empty() {
        out += "\nLabels not matched to the roster (settle them with --map \"LABEL=WHO\"):\n";
        let mut rows: Vec<[String; 5]> = vec![[
            "Label".into(),
            "interventions".into(),
            "words".into(),
            "estimate".into(),
            "first line".into(),
        ]];
        for e in &unknown {
            rows.push([
                e.labels.join(" / "),
                e.interventions.to_string(),
                e.words.to_string(),
                estimate(e),
                e.first_line.to_string(),
            ]);
        }
        out += &table(&rows);
    }
    let silent = analysis.silent_speakers(session);
    if !silent.is_empty() {
        let names: Vec<&str> = silent.iter().map(|p| p.name.as_str()).collect();
        out += &format!(
            "\nNever speak in the transcript (did they attend?): {}\n",
            names.join(", ")
        );
    }
    let quotes = analysis.check_quotes(session);
    if !quotes.is_empty() {
        out += "\nQuotes:\n";
        for check in &quotes {
            match quote_problem(session, check) {
                Some(problem) => out += &format!("  {}: {problem}\n", check.status.slug()),
                None => out += &format!("  found: \"{}\"\n", check.text),
            }
        }
    }
    out
}

/// Columns lined up by display width (CJK names are two cells a character); numbers to the right.
fn table(rows: &[[String; 5]]) -> String {
    let widths: Vec<usize> = (0..5)
        .map(|column| rows.iter().map(|r| r[column].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = format!("  {}{}", row[0], " ".repeat(widths[0] - row[0].width()));
        for (cell, width) in row.iter().zip(&widths).skip(1) {
            line += &format!("  {}{cell}", " ".repeat(width - cell.width()));
        }
        out += line.trim_end();
        out += "\n";
    }
    out
}

#[derive(Serialize)]
struct TranscriptJson<'a> {
    source: &'a str,
    /// "raw", "corrected", or null when neither the import nor the disclaimer said.
    version: Option<&'static str>,
    turns: usize,
    words: usize,
    span_seconds: Option<i64>,
    /// "clock" or "schedule".
    span_from: Option<&'static str>,
    speakers: Vec<SpeakerJson>,
    unknown_labels: Vec<UnknownLabelJson>,
    silent_speakers: Vec<&'a str>,
    quotes: Vec<QuoteJson>,
}

#[derive(Serialize)]
struct SpeakerJson {
    speaker: String,
    labels: Vec<String>,
    interventions: usize,
    words: usize,
    floor_seconds_estimate: Option<i64>,
    floor_seconds_recorded: i64,
}

#[derive(Serialize)]
struct UnknownLabelJson {
    label: String,
    line: usize,
    interventions: usize,
    words: usize,
    floor_seconds_estimate: Option<i64>,
}

#[derive(Serialize)]
struct QuoteJson {
    note: NoteId,
    text: String,
    found: bool,
    /// "found", "misattributed" or "not-found".
    status: &'static str,
    said_by: Option<String>,
    passage: Option<PassageJson>,
}

#[derive(Serialize)]
struct PassageJson {
    speaker: String,
    line: usize,
    text: String,
}

/// A speaker as the JSON names them: a name, "audience", "online", or the label as written.
fn who_word(session: &Session, who: &Attribution) -> String {
    match who {
        Attribution::Speaker(speaker) => session.speaker_word(*speaker),
        Attribution::Unknown(label) => label.clone(),
    }
}

impl<'a> TranscriptJson<'a> {
    fn of(session: &'a Session, kept: &'a Kept, analysis: &Analysis) -> Self {
        let stats = stats::compute(session, Until::LastRecorded);
        let mut speakers = Vec::new();
        let mut unknown_labels = Vec::new();
        for e in analysis.estimates(session) {
            match e.who {
                Attribution::Speaker(speaker) => speakers.push(SpeakerJson {
                    speaker: session.speaker_word(speaker),
                    labels: e.labels,
                    interventions: e.interventions,
                    words: e.words,
                    floor_seconds_estimate: e.seconds,
                    floor_seconds_recorded: stats.speaker(speaker).floor.num_seconds(),
                }),
                Attribution::Unknown(label) => unknown_labels.push(UnknownLabelJson {
                    label,
                    line: e.first_line,
                    interventions: e.interventions,
                    words: e.words,
                    floor_seconds_estimate: e.seconds,
                }),
            }
        }
        let quotes = analysis
            .check_quotes(session)
            .into_iter()
            .map(|check| QuoteJson {
                note: check.note,
                found: check.status == QuoteStatus::Found,
                status: check.status.slug(),
                said_by: check.said_by.as_ref().map(|w| who_word(session, w)),
                passage: check.passage.map(|p| PassageJson {
                    speaker: who_word(session, &p.who),
                    line: p.line,
                    text: p.text,
                }),
                text: check.text,
            })
            .collect();
        TranscriptJson {
            source: &kept.source,
            version: kept.version.map(Version::slug),
            turns: analysis.transcript.turns.len(),
            words: analysis.transcript.words(),
            span_seconds: analysis.span.map(|s| s.seconds),
            span_from: analysis.span.map(|s| s.source.slug()),
            speakers,
            unknown_labels,
            silent_speakers: analysis
                .silent_speakers(session)
                .iter()
                .map(|p| p.name.as_str())
                .collect(),
            quotes,
        }
    }
}
