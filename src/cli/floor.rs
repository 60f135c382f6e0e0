use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use rapporteur::model::{Attendance, Change, FloorChange, Session, Speaker};
use rapporteur::stats::{self, Stats, Tally, Until};
use rapporteur::store::Store;
use unicode_width::UnicodeWidthStr;

use super::json::{self, StatsJson};
use super::moment::{given_or_now, shown};

#[derive(Args)]
pub struct FloorArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Who takes the floor (a unique part of a name, `audience` or `online`), or `none` to close it.
    pub who: String,
    /// 14:05, 14:05:30, +00:12:30 from the session start, or an RFC 3339 time (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
    /// Who read the turn out for the audience (the online moderator reading a question from the
    /// chat): the turn and its floor time stay the audience's.
    #[arg(long, value_name = "WHO")]
    pub read_by: Option<String>,
}

pub fn run_floor(args: &FloorArgs) -> anyhow::Result<ExitCode> {
    let (mut store, mut session, warnings) =
        Store::open_for_append_as(&args.session, args.taker.name())?;
    super::report_warnings(&warnings);
    let speaker = match args.who.trim().to_lowercase().as_str() {
        "none" | "nobody" => None,
        _ => Some(session.resolve_speaker(&args.who)?),
    };
    let read_by = match (&args.read_by, speaker) {
        (None, _) => None,
        (Some(reader), Some(Speaker::Audience | Speaker::Online)) => {
            match session.resolve_speaker(reader)? {
                Speaker::Person(id) => Some(id),
                _ => bail!("--read-by names the person who read the turn out, not an audience"),
            }
        }
        (Some(_), _) => bail!(
            "--read-by is for a turn of the audience read out by someone: give the floor to \
             `online` or `audience`"
        ),
    };
    let at = given_or_now(args.at.as_deref(), &session)?;
    // Kept rather than refused: a rapporteur who ended too early moves the end later, and the
    // turns recorded meanwhile then count. The end is in the journals, which opening to append
    // does not replay: the last one stands, as replaying them would have it.
    let (header, journals, _) = Store::read_record(&args.session)?;
    let journals = journals.into_iter().map(|(_, changes)| changes).collect();
    let ended = rapporteur::model::unite(journals)
        .into_iter()
        .flat_map(Change::flatten)
        .filter_map(|change| match change {
            Change::End { at } => Some(at),
            _ => None,
        })
        .next_back()
        .or(header.ended);
    if let Some(ended) = ended.filter(|ended| at >= *ended) {
        super::warn(format_args!(
            "the session ended at {}: this turn is kept but not counted unless the end moves \
             past it (`rapporteur end SESSION --at TIME`)",
            shown(ended)
        ));
    }
    store.append(&Change::Floor(FloorChange {
        at,
        speaker,
        read_by,
    }))?;
    // Someone given the floor, or reading a turn out, evidently came, as on the live screen.
    let given = match speaker {
        Some(Speaker::Person(id)) => Some(id),
        _ => None,
    };
    let mut marked = String::new();
    for id in given.into_iter().chain(read_by) {
        if let Some(person) = session.person_mut(id).filter(|p| p.marked_absent()) {
            person.attendance = Attendance::Present;
            marked += &format!(" ({} marked present)", person.name);
        }
    }
    if !marked.is_empty() {
        store.save_header(&session)?;
    }
    let reader = read_by.map_or_else(String::new, |id| {
        let name = session.speaker_name(Speaker::Person(id));
        format!(", read out by {name}")
    });
    match speaker {
        Some(speaker) => super::say(format_args!(
            "{} has the floor from {}{reader}{marked}",
            session.speaker_name(speaker),
            shown(at)
        )),
        None => super::say(format_args!("the floor is closed from {}", shown(at))),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct StatsArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Print JSON (see the README for its shape).
    #[arg(long, conflicts_with = "timeline")]
    pub json: bool,
    /// Draw who spoke when: one line a speaker over the session's time.
    #[arg(long)]
    pub timeline: bool,
    /// How many columns to draw the timeline in, 1 to 65535 (default: the terminal's width).
    // As wide as a terminal can be: a wider line is no picture, and a width of any size would
    // have the drawing allocate that many cells.
    #[arg(long, value_name = "N", requires = "timeline", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
}

pub fn run_stats(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(&args.session)?;
    super::report_warnings(&warnings);
    if args.timeline {
        let columns = args
            .width
            .map_or_else(super::timeline::terminal_width, usize::from);
        match stats::SpeakingTimeline::of(&session, Until::LastRecorded) {
            Some(timeline) => super::out(&super::timeline::draw(&session, &timeline, columns)),
            None => super::say("No floor time was recorded, so there is no timeline."),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let stats = stats::compute(&session, Until::LastRecorded);
    if args.json {
        json::print(&StatsJson::of(&session, &stats))?;
    } else {
        super::say_lines(&describe(&session, &stats));
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
    if let Some(ended) = session.ended {
        out += &format!(
            "The session ended at {}; time is counted to then.\n",
            shown(ended)
        );
    }
    if let Some(open) = stats.open_floor {
        let until = stats.counted_until.map_or_else(|| "—".to_string(), shown);
        out += &format!(
            "The floor was left open: {}'s turn from {} is counted to the last recorded moment, {until}.\n",
            session.speaker_name(open.speaker),
            shown(open.since)
        );
    }
    let mut tables: Vec<(&str, Vec<(String, Tally)>)> = Vec::new();
    let speakers = stats.speakers.iter().map(|entry| {
        let mut name = session.speaker_name(entry.speaker);
        if let Speaker::Person(id) = entry.speaker
            && session.person(id).is_some_and(|p| p.marked_absent())
        {
            name += " (absent)";
        }
        (name, entry.tally)
    });
    tables.push(("By speaker", speakers.collect()));
    let unknown = "(not given)".to_string();
    tables.push((
        "By stakeholder group",
        stats
            .stakeholder_groups
            .iter()
            .map(|g| {
                (
                    g.group.map_or(unknown.clone(), |g| g.label().into()),
                    g.tally,
                )
            })
            .collect(),
    ));
    tables.push((
        "By regional group",
        stats
            .regional_groups
            .iter()
            .map(|g| {
                (
                    g.group.map_or(unknown.clone(), |g| g.label().into()),
                    g.tally,
                )
            })
            .collect(),
    ));
    tables.push((
        "By gender",
        stats
            .genders
            .iter()
            .map(|g| {
                let label = g.group.map_or("(not recorded)", |g| g.label());
                (label.to_string(), g.tally)
            })
            .collect(),
    ));
    tables.push((
        "By part",
        stats
            .parts
            .iter()
            .map(|p| (p.part.label().to_string(), p.tally))
            .collect(),
    ));
    // Columns line up by display width, so that CJK names and long group names do not push them.
    let width = tables
        .iter()
        .flat_map(|(title, rows)| {
            let names = rows.iter().map(|(name, _)| name.width() + 2);
            names.chain([title.width()])
        })
        .max()
        .unwrap_or(0);
    let pad = |text: &str| format!("{text}{}", " ".repeat(width.saturating_sub(text.width())));
    for (title, rows) in &tables {
        out += &format!(
            "\n{} {:>8} {:>6} {:>6}\n",
            pad(title),
            "floor",
            "turns",
            "notes"
        );
        for (name, tally) in rows {
            out += &format!(
                "{} {:>8} {:>6} {:>6}\n",
                pad(&format!("  {name}")),
                stats::hms(tally.floor),
                tally.interventions,
                tally.notes
            );
        }
    }
    out += &format!("\nTotal floor time: {}\n", stats::hms(stats.total_floor));
    let reader = |id| session.speaker_name(Speaker::Person(id));
    for audience in [Speaker::Audience, Speaker::Online] {
        if let Some(by) = stats::read_out_by(stats.read_out_for(audience), reader) {
            let readers = if stats.read_out_for(audience).count() > 1 {
                "readers'"
            } else {
                "reader's"
            };
            out += &format!(
                "{} {}, {by}: the audience's floor time, not the {readers} own.\n",
                session.speaker_name(audience),
                stats::hms(stats.speaker(audience).floor)
            );
        }
    }
    out += &format!(
        "\nBy policy question {:>5} {:>8}  stakeholder groups\n",
        "notes", "floor"
    );
    for question in &stats.questions {
        let text = session.question(question.number).map_or("", |q| q.short());
        let groups: Vec<&str> = question
            .stakeholder_groups
            .iter()
            .map(|g| g.slug())
            .collect();
        out += &format!(
            "  Q{:<3} {:>16} {:>8}  {}\n      {text}\n",
            question.number,
            question.notes,
            stats::hms(question.floor),
            if groups.is_empty() {
                "—".to_string()
            } else {
                groups.join(", ")
            },
        );
    }
    out += &format!(
        "  without a question {:>3}\n  all notes {:>12}\n",
        stats.notes_without_question, stats.notes
    );
    let unaddressed: Vec<String> = stats
        .unaddressed_questions()
        .map(|n| format!("Q{n}"))
        .collect();
    if !unaddressed.is_empty() {
        out += &format!("\nNot addressed yet: {}\n", unaddressed.join(", "));
    }
    if !stats.not_yet_heard.is_empty() {
        let names: Vec<String> = stats
            .not_yet_heard
            .iter()
            .map(|id| session.speaker_name(Speaker::Person(*id)))
            .collect();
        out += &format!("Speakers not heard yet: {}\n", names.join(", "));
    }
    out
}
