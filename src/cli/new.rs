use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use rapporteur::model::Session;
use rapporteur::store::Store;

#[derive(Args)]
pub struct NewArgs {
    /// Where the session goes, e.g. ws422.ron (its other files go in the folder .ws422.ron.d).
    pub session: PathBuf,
    /// The session's proposal page: text copied from the browser, or the saved HTML page.
    #[arg(long, value_name = "FILE")]
    pub from_proposal: Option<PathBuf>,
    /// The session's title (overrides the proposal's).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Who takes the notes in this copy (default: the proposal's rapporteur).
    #[arg(long, value_name = "NAME")]
    pub taker: Option<String>,
}

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let mut session = match &args.from_proposal {
        Some(file) => {
            let imported = rapporteur::import::import_file(file)?;
            for warning in &imported.warnings {
                super::tell(format_args!("{}: {warning}", file.display()));
            }
            imported.session
        }
        None => Session::default(),
    };
    if let Some(title) = &args.title {
        session.info.title = title.clone();
    }
    session.taker = args
        .taker
        .clone()
        .or_else(|| session.rapporteur_name().map(str::to_string))
        .unwrap_or_default();
    Store::create(&args.session, &session)
        .with_context(|| format!("could not create {}", args.session.display()))?;
    super::say(format_args!(
        "created {}: {} people, {} policy questions",
        args.session.display(),
        session.roster().count(),
        session.questions.len()
    ));
    Ok(ExitCode::SUCCESS)
}
