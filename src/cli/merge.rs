//! `rapporteur merge OUT SESSION...`: copies of one event, taken apart, made one session.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;

use rapporteur::model::merge::{self, Copy};
use rapporteur::store::Store;

use super::moment::parse_offset;

#[derive(Args)]
pub struct MergeArgs {
    /// The new session to write (it must not exist).
    pub out: PathBuf,
    /// The copies to merge: two or more session files of the same event.
    #[arg(required = true, num_args = 1..)]
    pub sessions: Vec<PathBuf>,
    /// Merge copies even if they seem to record different events.
    #[arg(long)]
    pub force: bool,
    /// Move every time of one copy, whose laptop clock was off: SESSION=+00:00:42 or =-00:01:05.
    #[arg(long, value_name = "SESSION=±HH:MM:SS")]
    pub shift: Vec<String>,
}

pub fn run(args: &MergeArgs) -> anyhow::Result<ExitCode> {
    let mut shifts = Vec::new();
    for entry in &args.shift {
        let Some((session, offset)) = entry.rsplit_once('=') else {
            bail!("--shift {entry}: expected SESSION=+HH:MM:SS");
        };
        let (sign, digits) = match offset.trim().split_at_checked(1) {
            Some(("+", rest)) => (1, rest),
            Some(("-", rest)) => (-1, rest),
            _ => bail!("--shift {entry}: expected a signed offset such as +00:00:42"),
        };
        let Some(by) = parse_offset(digits) else {
            bail!("--shift {entry}: expected a signed offset such as +00:00:42");
        };
        if !args.sessions.iter().any(|s| s.as_os_str() == session) {
            bail!("--shift {entry}: {session} is not one of the sessions to merge");
        }
        shifts.push((PathBuf::from(session), by * sign));
    }
    let mut copies = Vec::new();
    for path in &args.sessions {
        let (header, journals, warnings) = Store::read_record(path)?;
        super::report_warnings(&warnings);
        let mut copy = Copy {
            name: path.display().to_string(),
            header,
            journals,
        };
        for (_, by) in shifts.iter().filter(|(p, _)| p == path) {
            copy = merge::shift(copy, *by).with_context(|| {
                format!("{}: shifted, a time leaves the calendar", path.display())
            })?;
        }
        copies.push(copy);
    }
    let first = &copies[0];
    for other in &copies[1..] {
        if !args.force && !merge::same_event(&first.header.info, &other.header.info) {
            bail!(
                "{} ({} {}) and {} ({} {}) seem to record different events; nothing was written \
                 (--force merges them anyway)",
                first.name,
                first.header.info.code,
                first.header.info.title,
                other.name,
                other.header.info.code,
                other.header.info.title
            );
        }
    }
    let merged = merge::merge(copies);
    let (first, joined) = merged
        .journals
        .split_first()
        .map_or((&[][..], &[][..]), |(first, joined)| (&first.1[..], joined));
    drop(
        Store::create_from(&args.out, &merged.header, first, joined)
            .with_context(|| format!("could not create {}", args.out.display()))?,
    );
    let summary = &merged.summary;
    super::say(format_args!(
        "merged {} copies into {}: {} notes, {} of them in more than one copy",
        summary.copies,
        args.out.display(),
        summary.notes,
        summary.in_several
    ));
    if !summary.people_matched.is_empty() {
        super::say(format_args!(
            "people on several rosters, matched: {}",
            summary.people_matched.join(", ")
        ));
    }
    for conflict in &summary.conflicts {
        super::say(format_args!(
            "note {} was edited differently: kept \"{}\"; {} had \"{}\" (an earlier edit)",
            conflict.id, conflict.kept, conflict.other_copy, conflict.other
        ));
    }
    if summary.floor_conflicts > 0 {
        super::warn(format_args!(
            "{} record(s) of the floor named another speaker than another taker's record of the \
             same moment: the floor follows the taker whose role covers it, and `rapporteur check \
             {}` lists them",
            summary.floor_conflicts,
            args.out.display()
        ));
    }
    for apart in &summary.floor_apart {
        super::warn(format_args!(
            "{} and {} put the floor's hand-over to {} {} seconds apart; \
             is one laptop's clock off? (--shift corrects it)",
            apart.copies.0,
            apart.copies.1,
            apart.speaker,
            apart.seconds.abs()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
