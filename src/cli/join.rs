//! `rapporteur join SESSION --taker NAME`: another note taker for a shared session.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;

use rapporteur::store::{SessionPaths, Store, taker_slug};

#[derive(Args)]
pub struct JoinArgs {
    /// The session file, e.g. ws422.ron, in a folder the takers share.
    pub session: PathBuf,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

pub fn run(args: &JoinArgs) -> anyhow::Result<ExitCode> {
    let Some(name) = args.taker.name() else {
        bail!("say who joins: --taker NAME (or RAPPORTEUR_TAKER)");
    };
    let journal = SessionPaths::of_taker(&args.session, &taker_slug(name)).journal;
    if Store::join(&args.session, name)? {
        super::say(format_args!(
            "{name} joined; their notes go to {}",
            journal.display()
        ));
    } else {
        super::say(format_args!(
            "{name} had joined already; their notes go to {}",
            journal.display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
