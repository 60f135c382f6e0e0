//! The session's course from the command line: its segments and its end.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use rapporteur::model::{Change, SegmentChange, fold, name_matches};
use rapporteur::store::Store;

use super::moment::{given_or_now, shown};

#[derive(Args)]
pub struct SegmentArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// `next`, `back`, or a segment of the plan by any unique part of its name.
    #[arg(value_name = "next|back|NAME")]
    pub to: String,
    /// 14:05, 14:05:30, +00:12:30 from the session start, or an RFC 3339 time (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

pub fn run_segment(args: &SegmentArgs) -> anyhow::Result<ExitCode> {
    // The current segment is in the journal: the whole session is read.
    let opened = Store::open_as(&args.session, args.taker.name())?;
    super::report_warnings(&opened.warnings);
    let (mut store, session) = (opened.store, opened.session);
    let plan = session.segment_plan();
    let index = match args.to.trim().to_lowercase().as_str() {
        "next" => match session.stepped_segment(true) {
            Some(index) => index,
            None => bail!("the session is in its last segment, {}", plan.join(" → ")),
        },
        "back" => match session.stepped_segment(false) {
            Some(index) => index,
            None => bail!("the session is in its first segment, or in none yet"),
        },
        _ => segment_named(&plan, &args.to)?,
    };
    let at = given_or_now(args.at.as_deref(), &session)?;
    let name = plan[index].clone();
    store.append(&Change::Segment(SegmentChange {
        at,
        name: name.clone(),
    }))?;
    let next = plan
        .get(index + 1)
        .map_or("it is the last".to_string(), |next| format!("next: {next}"));
    super::say(format_args!(
        "now: {name} ({}/{}) from {}; {next}",
        index + 1,
        plan.len(),
        shown(at)
    ));
    Ok(ExitCode::SUCCESS)
}

/// The one segment of the plan that `query` names, ignoring case and accents.
fn segment_named(plan: &[String], query: &str) -> anyhow::Result<usize> {
    let wanted = fold(query);
    if let Some(exact) = plan.iter().position(|s| fold(s) == wanted) {
        return Ok(exact);
    }
    let matching: Vec<usize> = (0..plan.len())
        .filter(|i| name_matches(&plan[*i], query))
        .collect();
    match matching.as_slice() {
        [one] => Ok(*one),
        [] => bail!(
            "the session's plan has no segment \"{query}\"; it is: {} (or next, back)",
            plan.join(", ")
        ),
        many => bail!(
            "\"{query}\" matches several segments: {}; give more of the name",
            many.iter()
                .map(|i| plan[*i].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[derive(Args)]
pub struct EndArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// 14:05, 14:05:30, +00:12:30 from the session start, or an RFC 3339 time (default: now).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

pub fn run_end(args: &EndArgs) -> anyhow::Result<ExitCode> {
    let (mut store, session, warnings) =
        Store::open_for_append_as(&args.session, args.taker.name())?;
    super::report_warnings(&warnings);
    let at = given_or_now(args.at.as_deref(), &session)?;
    store.append(&Change::End { at })?;
    super::say(format_args!(
        "the session ended at {}: the floor is closed and time is counted to then",
        shown(at)
    ));
    Ok(ExitCode::SUCCESS)
}
