use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};

use rapporteur::model::{
    Attendance, Gender, Person, PersonId, RegionalGroup, Role, Speaker, StakeholderGroup,
};
use rapporteur::store::Store;

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add someone to the roster (or add to what it says of someone already on it).
    #[command(
        after_help = "Examples:\n  rapporteur person add ws422.ron \"Ana Silva\" --affiliation ITU --stakeholder igo --region igo --role speaker\n  rapporteur person add ws422.ron \"Livia Sobota\" --role onsite-moderator --gender woman"
    )]
    Add(AddArgs),
    /// Mark someone on the roster as absent: they did not come.
    #[command(after_help = "Example:\n  rapporteur person absent ws422.ron markovski")]
    Absent(WhoArgs),
    /// Mark someone on the roster as present: they came (the floor or a note on them says so too).
    #[command(after_help = "Example:\n  rapporteur person present ws422.ron markovski")]
    Present(WhoArgs),
}

#[derive(Args)]
pub struct AddArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// The person's full name.
    pub name: String,
    #[arg(long, value_name = "A")]
    pub affiliation: Option<String>,
    /// government, civil-society, private-sector, technical-community, intergovernmental-organization.
    #[arg(long, value_name = "G", value_parser = super::word::<StakeholderGroup>)]
    pub stakeholder: Option<StakeholderGroup>,
    /// african, asia-pacific, eastern-european, grulac, weog, intergovernmental-organization.
    #[arg(long, value_name = "R", value_parser = super::word::<RegionalGroup>)]
    pub region: Option<RegionalGroup>,
    /// organizer, speaker, onsite-moderator, online-moderator, rapporteur; repeat for several.
    #[arg(long = "role", value_name = "ROLE", value_parser = super::word::<Role>)]
    pub roles: Vec<Role>,
    #[command(flatten)]
    pub taker: super::TakerArg,
    /// woman, man, gender-diverse: only as the person gave it; left out, nothing is recorded.
    #[arg(long, value_name = "G", value_parser = super::word::<Gender>)]
    pub gender: Option<Gender>,
}

#[derive(Args)]
pub struct WhoArgs {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
    /// A unique part of the person's name; case and accents do not matter.
    pub who: String,
    #[command(flatten)]
    pub taker: super::TakerArg,
}

pub fn run(command: &PersonCommand) -> anyhow::Result<ExitCode> {
    match command {
        PersonCommand::Add(args) => add(args),
        PersonCommand::Absent(args) => mark(args, Attendance::Absent),
        PersonCommand::Present(args) => mark(args, Attendance::Present),
    }
}

fn add(args: &AddArgs) -> anyhow::Result<ExitCode> {
    if args.name.trim().is_empty() {
        bail!("the name is empty");
    }
    // The whole journal is read: a new person's id must be one no note names already.
    let opened = Store::open_as(&args.session, args.taker.name())?;
    super::report_warnings(&opened.warnings);
    let (mut store, mut session) = (opened.store, opened.session);
    let mut given = Person::new(PersonId(0), args.name.trim());
    given.affiliation = args.affiliation.as_deref().map(|a| a.trim().to_string());
    given.stakeholder = args.stakeholder;
    given.region = args.region;
    given.gender = args.gender;
    for role in &args.roles {
        given.add_role(*role);
    }
    let (id, existed) = session.enrol(given);
    let name = session
        .person(id)
        .map_or_else(String::new, |p| p.name.clone());
    store.save_header(&session)?;
    if existed {
        super::say(format_args!(
            "{name} is already on the roster; updated what was given"
        ));
    } else {
        super::say(format_args!("added {name}"));
    }
    Ok(ExitCode::SUCCESS)
}

fn mark(args: &WhoArgs, attendance: Attendance) -> anyhow::Result<ExitCode> {
    let (mut store, mut session, warnings) =
        Store::open_for_append_as(&args.session, args.taker.name())?;
    super::report_warnings(&warnings);
    let Speaker::Person(id) = session.resolve_speaker(&args.who)? else {
        bail!("the audience cannot be marked absent; name a person");
    };
    let Some(person) = session.person_mut(id) else {
        bail!("the roster lost {}", args.who);
    };
    person.attendance = attendance;
    let name = person.name.clone();
    store.save_header(&session)?;
    let word = if attendance == Attendance::Absent {
        "absent"
    } else {
        "present"
    };
    super::say(format_args!("{name} is marked {word}"));
    Ok(ExitCode::SUCCESS)
}
