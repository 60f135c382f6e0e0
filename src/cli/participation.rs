//! `rapporteur participation`: the figures the final report asks for, counted by the rapporteur.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use rapporteur::model::{Participation, Session};
use rapporteur::stats::{self, Until};
use rapporteur::store::{Store, now};

#[derive(Args)]
pub struct ParticipationArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// How many took part in the room.
    #[arg(long, value_name = "N", value_parser = count)]
    pub onsite: Option<u32>,
    /// How many took part online.
    #[arg(long, value_name = "N", value_parser = count)]
    pub online: Option<u32>,
    /// How many of them were women.
    #[arg(long, value_name = "N", value_parser = count)]
    pub women: Option<u32>,
    /// How many of them were gender-diverse.
    #[arg(long, value_name = "N", value_parser = count)]
    pub gender_diverse: Option<u32>,
    /// Whether the session discussed gender issues: yes or no.
    #[arg(long, value_name = "yes|no", value_parser = yes_or_no)]
    pub gender_discussed: Option<bool>,
    /// How gender was discussed, for the final report's Gender section.
    #[arg(long, value_name = "TEXT")]
    pub gender_notes: Option<String>,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

// The model reads the figures, for the live screen's form too.
fn count(text: &str) -> Result<u32, String> {
    Participation::parse_count(text).map_err(|e| e.to_string())
}

fn yes_or_no(text: &str) -> Result<bool, String> {
    Participation::parse_yes_no(text).map_err(|e| e.to_string())
}

pub fn run(args: &ParticipationArgs) -> anyhow::Result<ExitCode> {
    let given = Participation {
        onsite: args.onsite,
        online: args.online,
        women: args.women,
        gender_diverse: args.gender_diverse,
        gender_discussed: args.gender_discussed,
        gender_notes: args.gender_notes.clone(),
    };
    if given.is_empty() {
        let (session, warnings) = Store::read(&args.session)?;
        super::report_warnings(&warnings);
        super::say_lines(&describe(&session));
        return Ok(ExitCode::SUCCESS);
    }
    // The whole journal is read: the figures given before are checked together with these.
    let opened = Store::open_as(&args.session, args.taker.name())?;
    super::report_warnings(&opened.warnings);
    let (mut store, mut session) = (opened.store, opened.session);
    let change = session.participation_change(given, now())?;
    store.append(&change)?;
    session.apply(change);
    super::say_lines(&describe(&session));
    Ok(ExitCode::SUCCESS)
}

fn describe(session: &Session) -> String {
    let figures = &session.participation;
    let figure = |n: Option<u32>| n.map_or_else(|| "not given".to_string(), |n| n.to_string());
    let mut out = format!(
        "Onsite participants: {}\nOnline participants: {}\nWomen: {}\nGender-diverse: {}\n",
        figure(figures.onsite),
        figure(figures.online),
        figure(figures.women),
        figure(figures.gender_diverse),
    );
    out += &format!(
        "Gender discussed: {}\n",
        match figures.gender_discussed {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not given",
        }
    );
    if let Some(notes) = &figures.gender_notes {
        out += &format!("Gender notes: {notes}\n");
    }
    let stats = stats::compute(session, Until::LastRecorded);
    if let Some(sentence) = stats::speakers_by_gender(session, &stats) {
        out += &format!("{sentence}\n");
    }
    out
}
