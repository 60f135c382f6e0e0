//! `rapporteur group add`: break-out groups, each with its members and, often, its own taker.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};

use rapporteur::model::{Change, Group, Speaker};
use rapporteur::store::Store;

#[derive(Subcommand)]
pub enum GroupCommand {
    /// Make a break-out group (or add a taker or members to one).
    #[command(
        after_help = "Examples:\n  rapporteur group add ws222.ron \"Group A\" --taker \"Ana Silva\" --member sobota --member paulus\n  rapporteur note ws222.ron -g \"group a\" \"Trust needs shared evidence\"\n  rapporteur notes ws222.ron -g \"Group A\"\n\nThe group is recorded by the taker in RAPPORTEUR_TAKER (default: the session's first taker)."
    )]
    Add(AddArgs),
}

#[derive(Args)]
pub struct AddArgs {
    /// The session file, e.g. ws222.ron.
    pub session: PathBuf,
    /// The group's name, e.g. "Group A".
    pub name: String,
    /// Who takes the group's notes.
    #[arg(long, value_name = "T")]
    pub taker: Option<String>,
    /// Someone in the group (a unique part of a name); repeat for several.
    #[arg(long = "member", value_name = "WHO")]
    pub members: Vec<String>,
}

pub fn run(command: &GroupCommand) -> anyhow::Result<ExitCode> {
    match command {
        GroupCommand::Add(args) => add(args),
    }
}

fn add(args: &AddArgs) -> anyhow::Result<ExitCode> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("the group needs a name");
    }
    let writer = std::env::var("RAPPORTEUR_TAKER").ok();
    let writer = writer.as_deref().filter(|w| !w.trim().is_empty());
    let (mut store, session, warnings) = Store::open_for_append_as(&args.session, writer)?;
    super::report_warnings(&warnings);
    let mut members = Vec::new();
    for who in &args.members {
        match session.resolve_speaker(who)? {
            Speaker::Person(id) => members.push(id),
            _ => bail!("{who}: the audience is not a member of a group; name a person"),
        }
    }
    let group = Group {
        name: name.to_string(),
        taker: args.taker.as_deref().map(str::trim).map(str::to_string),
        members,
    };
    store.append(&Change::Group(group))?;
    let known = session.group(name).is_some();
    super::say(format_args!(
        "{} break-out group {name}",
        if known { "updated the" } else { "added the" }
    ));
    Ok(ExitCode::SUCCESS)
}
