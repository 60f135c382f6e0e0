use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use rapporteur::model::{Change, FloorChange, Session};
use rapporteur::stats::{self, Stats, Tally, Until};
use rapporteur::store::{Store, now};

use super::json::{self, StatsJson};
use super::moment::parse_moment;

#[derive(Args)]
pub struct FloorArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Who takes the floor (a unique part of a name, `audience` or `online`), or `none` to close it.
    pub who: String,
    /// 14:05, 14:05:30, +00:12:30 from the session start, or an RFC 3339 time (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

pub fn run_floor(args: &FloorArgs) -> anyhow::Result<ExitCode> {
    let (mut store, session, warnings) = Store::open_for_append(&args.session)?;
    super::report_warnings(&warnings);
    let speaker = match args.who.trim().to_lowercase().as_str() {
        "none" | "nobody" => None,
        _ => Some(session.resolve_speaker(&args.who)?),
    };
    let at = match &args.at {
        Some(time) => parse_moment(time, session.origin(), now())?,
        None => now(),
    };
    store.append(&Change::Floor(FloorChange { at, speaker }))?;
    match speaker {
        Some(speaker) => println!("{} has the floor from {at}", session.speaker_name(speaker)),
        None => println!("the floor is closed from {at}"),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct StatsArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Print JSON (see the README for its shape).
    #[arg(long)]
    pub json: bool,
}

pub fn run_stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(&args.session)?;
    super::report_warnings(&warnings);
    let stats = stats::compute(&session, Until::LastRecorded);
    if args.json {
        json::print(&StatsJson::of(&session, &stats))?;
    } else {
        print!("{}", describe(&session, &stats));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(session: &Session, stats: &Stats) -> String {
    let mut out = String::new();
    if session.clock_started.is_none() {
        out += "The session clock was never started.\n";
    }
    if session.floor.is_empty() {
        out += "No floor changes were recorded, so there is no floor time.\n";
    }
    if let Some(open) = stats.open_floor {
        let until = stats
            .counted_until
            .map_or_else(|| "—".to_string(), |t| t.to_string());
        out += &format!(
            "The floor was left open: {}'s turn from {} is counted to the last recorded moment, {until}.\n",
            session.speaker_name(open.speaker),
            open.since
        );
    }
    let row = |name: &str, tally: &Tally| {
        format!(
            "  {name:<40} {:>8} {:>6} {:>6}\n",
            stats::clock(tally.floor),
            tally.interventions,
            tally.notes
        )
    };
    let header = |title: &str| {
        format!(
            "\n{title:<42} {:>8} {:>6} {:>6}\n",
            "floor", "turns", "notes"
        )
    };
    out += &header("By speaker");
    for entry in &stats.speakers {
        let mut name = session.speaker_name(entry.speaker);
        if let rapporteur::model::Speaker::Person(id) = entry.speaker
            && session.person(id).is_some_and(|p| !p.attended)
        {
            name += " (absent)";
        }
        out += &row(&name, &entry.tally);
    }
    out += &header("By stakeholder group");
    for group in &stats.stakeholder_groups {
        out += &row(
            group.group.map_or("(not given)", |g| g.label()),
            &group.tally,
        );
    }
    out += &header("By regional group");
    for group in &stats.regional_groups {
        out += &row(
            group.group.map_or("(not given)", |g| g.label()),
            &group.tally,
        );
    }
    out += &format!("\nTotal floor time: {}\n", stats::clock(stats.total_floor));
    out += "\nNotes by policy question\n";
    for question in &stats.questions {
        let text = session.question(question.number).map_or("", |q| q.short());
        out += &format!("  Q{} {:>5}  {}\n", question.number, question.notes, text);
    }
    out += &format!(
        "  —  {:>5}  without a question\n  all {:>4}\n",
        stats.notes_without_question, stats.notes
    );
    out
}
