use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use rapporteur::model::{Change, Note, NoteKind, Session, Speaker};
use rapporteur::store::Store;

use super::json::{NoteJson, check_questions};
use super::moment::{given_or_now, shown};

#[derive(Args)]
pub struct NoteArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Who had the floor: any unique part of a name (case and accents do not matter), `audience` or `online`.
    #[arg(short, long, value_name = "WHO")]
    pub speaker: Option<String>,
    /// A policy question the note bears on; repeat for several.
    #[arg(short, long = "question", value_name = "N")]
    pub questions: Vec<u8>,
    /// remark, question, quote, takeaway or call-to-action.
    #[arg(short, long, value_parser = super::word::<NoteKind>, default_value = "remark")]
    pub kind: NoteKind,
    /// 14:05, 14:05:30, +00:12:30 from the session start, or an RFC 3339 time (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Read many notes from JSON lines (the shape of `notes --json`); `-` reads stdin.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["speaker", "questions", "at", "text", "group"])]
    pub from: Option<PathBuf>,
    /// The break-out group the note was taken in.
    #[arg(short, long, value_name = "NAME")]
    pub group: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
    /// The note's text; #hashtags in it become tags.
    #[arg(required_unless_present = "from")]
    pub text: Vec<String>,
}

pub fn run_note(args: &NoteArgs) -> anyhow::Result<ExitCode> {
    let Some(file) = &args.from else {
        // Groups live in the journals: a note in a group reads them all.
        let (mut store, session, warnings) = if args.group.is_some() {
            let opened = Store::open_as(&args.session, args.taker.name())?;
            (opened.store, opened.session, opened.warnings)
        } else {
            Store::open_for_append_as(&args.session, args.taker.name())?
        };
        super::report_warnings(&warnings);
        let note = note_from_args(args, &session)?;
        store.append(&Change::Note(note.clone()))?;
        super::say(format_args!("saved note {} at {}", note.id, shown(note.at)));
        return Ok(ExitCode::SUCCESS);
    };
    // Ids in the input are checked against every note, so the whole journal is read.
    let opened = Store::open_as(&args.session, args.taker.name())?;
    super::report_warnings(&opened.warnings);
    let mut store = opened.store;
    let notes = read_json_lines(file, &opened.session)?;
    let sorted = opened
        .session
        .sort_incoming(notes.notes)
        .map_err(|clash| anyhow::anyhow!("{}:{}: {clash}", notes.name, notes.lines[clash.index]))?;
    let changes: Vec<Change> = sorted.new.iter().cloned().map(Change::Note).collect();
    store.append_all(&changes)?;
    super::say(format_args!(
        "{} new, {} already there",
        sorted.new.len(),
        sorted.already
    ));
    Ok(ExitCode::SUCCESS)
}

fn note_from_args(args: &NoteArgs, session: &Session) -> anyhow::Result<Note> {
    let text = args.text.join(" ");
    Note::require_text(&text)?;
    let speaker = args
        .speaker
        .as_deref()
        .map(|who| session.resolve_speaker(who))
        .transpose()?;
    if let Some(Speaker::Person(id)) = speaker
        && let Some(person) = session.person(id).filter(|p| p.marked_absent())
    {
        super::warn(format_args!(
            "{} is marked absent; the note is saved with them as its speaker \
             (`rapporteur person present` if they came)",
            person.name
        ));
    }
    check_questions(session, &args.questions)?;
    let at = given_or_now(args.at.as_deref(), session)?;
    let mut note = Note::new(
        at,
        speaker,
        args.questions.clone(),
        args.kind,
        text,
        session.taker.clone(),
    );
    note.group = args
        .group
        .as_deref()
        .map(|name| session.group_name(name))
        .transpose()?;
    Ok(note)
}

/// The notes of a JSON lines input, with where each was.
struct NoteLines {
    name: String,
    notes: Vec<Note>,
    /// The line number of each note.
    lines: Vec<usize>,
}

/// Every line must be a good note before any is saved: a file is added whole or not at all.
fn read_json_lines(file: &PathBuf, session: &Session) -> anyhow::Result<NoteLines> {
    let name = if file.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        file.display().to_string()
    };
    let reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let opened = std::fs::File::open(file).with_context(|| format!("could not open {name}"))?;
        Box::new(BufReader::new(opened))
    };
    let mut notes = Vec::new();
    let mut lines = Vec::new();
    for (index, line) in reader.lines().enumerate() {
        let line_number = index + 1;
        let line = line.with_context(|| format!("{name}:{line_number}: could not read"))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: NoteJson = serde_json::from_str(&line).with_context(|| {
            format!(
                "{name}:{line_number}: expected a note object such as \
                 {{\"at\": \"2022-12-01T14:05:00Z\", \"speaker\": \"audience\", \"text\": \"…\"}}; nothing was added"
            )
        })?;
        let note = parsed
            .into_note(session)
            .with_context(|| format!("{name}:{line_number}: nothing was added"))?;
        notes.push(note);
        lines.push(line_number);
    }
    if notes.is_empty() {
        bail!("{name}: no notes in it; nothing was added");
    }
    Ok(NoteLines { name, notes, lines })
}

#[derive(Args)]
pub struct NotesArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Only notes of this speaker (a part of a name, `audience` or `online`).
    #[arg(short, long, value_name = "WHO")]
    pub speaker: Option<String>,
    /// Only notes on this policy question.
    #[arg(short, long = "question", value_name = "N")]
    pub question: Option<u8>,
    /// Only notes of this kind.
    #[arg(short, long, value_parser = super::word::<NoteKind>)]
    pub kind: Option<NoteKind>,
    /// Only notes taken in this break-out group.
    #[arg(short, long, value_name = "NAME")]
    pub group: Option<String>,
    /// Print JSON lines, one note a line (what `note --from` reads).
    #[arg(long)]
    pub json: bool,
}

pub fn run_notes(args: &NotesArgs) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(&args.session)?;
    super::report_warnings(&warnings);
    let speaker: Option<Speaker> = args
        .speaker
        .as_deref()
        .map(|who| session.resolve_speaker(who))
        .transpose()?;
    if let Some(number) = args.question {
        check_questions(&session, &[number])?;
    }
    let filter = rapporteur::model::NoteFilter {
        text: String::new(),
        speaker,
        question: args.question,
        kind: args.kind,
    };
    let matcher = filter.matcher();
    let group = args
        .group
        .as_deref()
        .map(|name| session.group_name(name))
        .transpose()?;
    let chosen = session.notes.iter().filter(|note| {
        matcher.matches(note, || "")
            && group
                .as_ref()
                .is_none_or(|g| note.group.as_ref() == Some(g))
    });
    for note in chosen {
        if args.json {
            let json = rapporteur::text::to_json(&NoteJson::of(&session, note), false)?;
            super::out(&format!("{json}\n"));
        } else {
            super::say(describe(&session, note));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `+0:12:30 14:02 Livia Sobota [Q1 Q3] takeaway: text`, the clock time in the session's zone;
/// an audience's note in a turn read out for it says by whom.
/// A note of several lines stays one entry: its continuation lines are indented.
fn describe(session: &Session, note: &Note) -> String {
    let local = session
        .origin()
        .map_or(note.at, |origin| note.at.with_timezone(&origin.timezone()));
    let offset = session
        .origin()
        .map(|origin| format!("{} ", rapporteur::stats::offset(note.at - origin)))
        .unwrap_or_default();
    let speaker = note.speaker.map_or_else(
        || "—".to_string(),
        |s| {
            let name = session.speaker_name(s);
            match rapporteur::stats::reader_at(session, s, note.at) {
                Some(reader) => {
                    let reader = session.speaker_name(Speaker::Person(reader));
                    format!("{name} (read out by {reader})")
                }
                None => name,
            }
        },
    );
    let questions = if note.questions.is_empty() {
        String::new()
    } else {
        let tags: Vec<String> = note.questions.iter().map(|q| format!("Q{q}")).collect();
        format!(" [{}]", tags.join(" "))
    };
    format!(
        "{offset}{} {speaker}{questions} {}: {}",
        local.format("%H:%M"),
        note.kind.slug(),
        note.text.lines().collect::<Vec<_>>().join(CONTINUATION)
    )
}

/// What starts a note's second and later lines in `notes`, so that no line of a note can be
/// taken for the start of another.
const CONTINUATION: &str = "\n    ";
