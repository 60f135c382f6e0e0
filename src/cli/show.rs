use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use rapporteur::model::{Attendance, Session, Speaker};
use rapporteur::stats::{self, Until};
use rapporteur::store::Store;

use super::json::{self, SessionJson};
use super::moment::shown;

#[derive(Args)]
pub struct ShowArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// Print JSON (see the README for its shape).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let (session, warnings) = Store::read(&args.session)?;
    super::report_warnings(&warnings);
    if args.json {
        json::print(&SessionJson::of(&session))?;
    } else {
        super::say_lines(&describe(&session));
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(session: &Session) -> String {
    let info = &session.info;
    let mut out = String::new();
    let heading = [info.code.as_str(), info.title.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    out += &format!(
        "{}\n",
        if heading.is_empty() {
            "(untitled session)"
        } else {
            &heading
        }
    );
    match (info.start, info.end) {
        (Some(start), Some(end)) => out += &format!("When: {} to {}\n", shown(start), shown(end)),
        (Some(start), None) => out += &format!("When: {}\n", shown(start)),
        _ => out += "When: not given\n",
    }
    if let Some(format) = &info.format {
        out += &format!("Format: {format}\n");
    }
    if let Some(minutes) = info.planned_minutes() {
        out += &format!("Duration: {minutes} min\n");
    }
    if !session.taker.is_empty() {
        out += &format!("Notes taken by: {}\n", session.taker);
    }
    out += "\nPeople:\n";
    if session.roster().next().is_none() {
        out += "  (none)\n";
    }
    let attendances = session.attendances();
    for person in session.roster() {
        let roles: Vec<&str> = person.roles.iter().map(|r| r.label()).collect();
        let mut groups: Vec<&str> = [
            person.stakeholder.map(|g| g.label()),
            person.region.map(|g| g.label()),
        ]
        .into_iter()
        .flatten()
        .collect();
        // "Intergovernmental Organization" can be both; say it once.
        groups.dedup();
        out += &format!("  {}", person.name);
        if let Some(affiliation) = &person.affiliation {
            out += &format!(", {affiliation}");
        }
        if !groups.is_empty() {
            out += &format!(" · {}", groups.join(" · "));
        }
        if !roles.is_empty() {
            out += &format!(" — {}", roles.join(", "));
        }
        out += match attendances.of(person) {
            Attendance::Present => " [present]",
            Attendance::Absent => " [absent]",
            Attendance::NotRecorded => "",
        };
        out += "\n";
    }
    let stats = stats::compute(session, Until::LastRecorded);
    if !stats.read_out.is_empty() {
        out += "\nRead out for the audience (its floor time, not the reader's):\n";
    }
    for read in &stats.read_out {
        let turns = read.tally.interventions;
        out += &format!(
            "  {} for the {}: {turns} {}, {}\n",
            session.speaker_name(Speaker::Person(read.reader)),
            session.speaker_name(read.audience).to_lowercase(),
            if turns == 1 { "turn" } else { "turns" },
            stats::hms(read.tally.floor)
        );
    }
    out += "\nPolicy questions:\n";
    if session.questions.is_empty() {
        out += "  (none)\n";
    }
    for question in &session.questions {
        match &question.title {
            Some(title) => out += &format!("  {}. {title}: {}\n", question.number, question.text),
            None => out += &format!("  {}. {}\n", question.number, question.text),
        }
    }
    if !info.sdgs.is_empty() {
        out += &format!("\nSDGs: {}\n", info.sdgs.join("; "));
    }
    out
}
