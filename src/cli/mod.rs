//! The command line: clap definitions and the non-interactive subcommands.

mod check;
mod export;
mod floor;
mod group;
mod join;
mod json;
mod keys;
mod manual;
mod merge;
mod moment;
mod new;
mod note;
mod open;
mod participation;
mod person;
mod plan;
mod show;
mod timeline;
mod transcript;

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand};

use rapporteur::model::UnknownWord;
use rapporteur::text::visible;

#[derive(Parser)]
#[command(
    name = "rapporteur",
    version,
    about = "Take the record of a live IGF session: import the proposal, tag notes live, export the reports.",
    long_about = "Take the record of a live IGF session: import the proposal, tag notes live, export the reports.\n\n\
                  Without a command, opens the live screen on SESSION (default: session.ron in the \
                  current directory, created from a built-in example session if it does not exist).",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  rapporteur new ws422.ron --from-proposal proposal.txt\n  rapporteur ws422.ron\n  rapporteur note ws422.ron -s alcantara -q 1 \"Attribution needs evidence\"\n  rapporteur stats ws422.ron --json"
)]
pub struct Cli {
    /// The session file to open on the live screen.
    pub session: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a session, empty or from a proposal page.
    #[command(
        after_help = "Examples:\n  rapporteur new ws422.ron --from-proposal ws422.txt\n  rapporteur new ws422.html.ron --from-proposal saved-page.html --taker \"Ana Silva\"\n  rapporteur new panel.ron --title \"Panel on data governance\""
    )]
    New(new::NewArgs),
    /// Show the session: particulars, people and policy questions.
    #[command(
        after_help = "Examples:\n  rapporteur show ws422.ron\n  rapporteur show ws422.ron --json | jq '.people[].name'"
    )]
    Show(show::ShowArgs),
    /// Add a note, or many from JSON lines.
    #[command(
        after_help = "Examples:\n  rapporteur note ws422.ron -s alcantara -q 1 -q 3 \"Attribution needs evidence #norms\"\n  rapporteur note ws422.ron -s online -k question --at +00:42:10 \"How do small states take part?\"\n  rapporteur note ws422.ron --from notes.jsonl\n  rapporteur notes old.ron --json | rapporteur note ws422.ron --from -"
    )]
    Note(note::NoteArgs),
    /// List notes, filtered by speaker, question or kind.
    #[command(
        after_help = "Examples:\n  rapporteur notes ws422.ron\n  rapporteur notes ws422.ron -s paulus -q 2 -k takeaway\n  rapporteur notes ws422.ron --json > notes.jsonl"
    )]
    Notes(note::NotesArgs),
    /// Record who has the floor from now (or --at) on; `none` closes it.
    #[command(
        after_help = "Examples:\n  rapporteur floor ws422.ron markovski\n  rapporteur floor ws422.ron audience --at 14:40\n  rapporteur floor ws422.ron online --read-by ribeiro   # the online moderator reads out a question from the chat\n  rapporteur floor ws422.ron none"
    )]
    Floor(floor::FloorArgs),
    /// Move through the session's plan: to the next segment, back one, or to one by name.
    #[command(
        after_help = "Examples:\n  rapporteur segment ws422.ron next\n  rapporteur segment ws422.ron back\n  rapporteur segment ws422.ron debate --at 14:30"
    )]
    Segment(plan::SegmentArgs),
    /// End the session: the floor closes, and floor time is counted to that moment.
    #[command(
        after_help = "Examples:\n  rapporteur end ws422.ron\n  rapporteur end ws422.ron --at 15:20"
    )]
    End(plan::EndArgs),
    /// Floor time and interventions by person, group, region, gender and audience; questions covered.
    #[command(
        after_help = "Examples:\n  rapporteur stats ws422.ron\n  rapporteur stats ws422.ron --json\n  rapporteur stats ws422.ron --timeline"
    )]
    Stats(floor::StatsArgs),
    /// Record how many took part onsite and online, how many were women or gender-diverse, and
    /// whether gender was discussed; without figures, show them.
    #[command(
        after_help = "Examples:\n  rapporteur participation ws422.ron --onsite 45 --online 30 --women 38 --gender-diverse 2\n  rapporteur participation ws422.ron --gender-discussed yes --gender-notes \"Online violence against women was raised.\"\n  rapporteur participation ws422.ron\n\nFigures given later replace those given before; the others stay. Women and gender-diverse\ntogether cannot exceed onsite plus online."
    )]
    Participation(participation::ParticipationArgs),
    /// Fix the roster: add a person, mark one absent or present again.
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// Export the short or the final report as Markdown, text, printable HTML, JSON or Word.
    #[command(
        after_help = "Examples:\n  rapporteur export ws422.ron short > short.md\n  rapporteur export ws422.ron final --format html -o final.html\n  rapporteur export ws422.ron final --format docx -o final.docx\n  rapporteur export ws422.ron final --profile igf-2016 --format txt --anonymous\n  rapporteur export ws422.ron final --template mine.md.j2 --strict\n\nTemplates and profiles: --templates DIR, then $XDG_CONFIG_HOME/rapporteur/templates, then the\nbuilt-in ones (see templates/README.md). Exit status 3: --strict and a field over its limit."
    )]
    Export(export::ExportArgs),
    /// Open the live screen on a session (the same as `rapporteur SESSION`).
    #[command(
        after_help = "Examples:\n  rapporteur open ws422.ron\n  rapporteur open ws422.ron --clock 14:05   # recording from the video, which starts at 14:05\n  rapporteur open ws422.ron --clock +00:42:10"
    )]
    Open(open::OpenArgs),
    /// Read the published transcript against the session: who spoke, for how long, and quotes.
    #[command(
        after_help = "Examples:\n  rapporteur transcript ws422.ron ws422-transcript.txt\n  rapporteur transcript ws422.ron saved-page.html --json\n  rapporteur transcript ws422.ron corrected.txt --version corrected\n  rapporteur transcript ws422.ron --map \"JANE ROE=audience\" --map \"MR. SILVA=barbosa\"\n\nThe transcript is kept with the session (.ws422.ron.d/transcript.ron) with the labels settled by\n--map; importing another replaces it, but a raw version (--version raw, or a disclaimer that says\nso) never replaces a corrected one. `check` reports quotes put down to the wrong speaker."
    )]
    Transcript(transcript::TranscriptArgs),
    /// Break-out groups: `group add` makes one.
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Add a note taker to a session shared through a synced folder.
    #[command(
        after_help = "Examples:\n  rapporteur join ws422.ron --taker \"Ana Silva\"\n  RAPPORTEUR_TAKER=\"Ana Silva\" rapporteur note ws422.ron -s online \"A question from the chat\"\n\nEach taker writes only their own files in the session's folder (.ws422.ron.d/takers/); every\nreader unites all takers' notes. A sync tool (Syncthing, Nextcloud, a network share) then never\nsees two writers of one file."
    )]
    Join(join::JoinArgs),
    /// Merge copies of one event that takers kept apart into a new session.
    #[command(
        after_help = "Examples:\n  rapporteur merge ws422-all.ron ws422.ron ana/ws422.ron\n  rapporteur merge all.ron room.ron chat.ron --shift chat.ron=+00:00:42\n\nNotes are united by id (a note in two copies is there once) and keep their taker; people are\nmatched by name, ignoring case and accents; where one note was edited differently, the latest\nedit is kept and the other listed. Merging is the same in any order, and a copy given twice\ncounts once. Copies of different events are refused unless --force."
    )]
    Merge(merge::MergeArgs),
    /// Load the session and report problems; exits non-zero if there are any.
    #[command(after_help = "Example:\n  rapporteur check ws422.ron && echo fine")]
    Check(SessionArg),
    /// Print a completion script for your shell: session files, report names and formats.
    #[command(
        after_help = "Examples:\n  rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur\n  rapporteur completions zsh > ~/.zfunc/_rapporteur\n  rapporteur completions fish > ~/.config/fish/completions/rapporteur.fish"
    )]
    Completions(manual::CompletionsArgs),
    /// Print the manual page (roff), of rapporteur or of one command.
    #[command(
        after_help = "Examples:\n  rapporteur man | man -l -\n  rapporteur man export > rapporteur-export.1\n  rapporteur man --out-dir ~/.local/share/man/man1"
    )]
    Man(manual::ManArgs),
    /// Print the keys of the live screen: the built-in keymap changed by your keymap.ron.
    #[command(
        after_help = "Examples:\n  rapporteur keys\n  rapporteur keys --default > ~/.config/rapporteur/keymap.ron\n  rapporteur keys --markdown\n\nYour keys: $XDG_CONFIG_HOME/rapporteur/keymap.ron (~/.config/rapporteur/keymap.ron), entries of\nthe printed shape; an entry there replaces the keys of the entry of the same name. Exit status\n1: that file could not be used (the built-in keys are printed, as the screen would use them)."
    )]
    Keys(keys::KeysArgs),
}

/// Who writes: a taker who joined the session writes only their own files.
#[derive(Args, Clone, Default)]
pub struct TakerArg {
    /// Write as this taker (one who joined with `rapporteur join`); default: the session's
    /// first taker.
    #[arg(long, env = "RAPPORTEUR_TAKER", value_name = "NAME")]
    pub taker: Option<String>,
}

impl TakerArg {
    pub fn name(&self) -> Option<&str> {
        self.taker.as_deref().filter(|name| !name.trim().is_empty())
    }
}

#[derive(Args)]
pub struct SessionArg {
    /// The session file, e.g. ws422.ron.
    pub session: PathBuf,
}

/// Clap's value parser for a vocabulary (kinds, groups, roles), so errors list what is accepted.
pub fn word<T: FromStr<Err = UnknownWord>>(text: &str) -> Result<T, String> {
    text.parse().map_err(|e: UnknownWord| e.to_string())
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    rapporteur::clock::check()?;
    match cli.command {
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Show(args)) => show::run(&args),
        Some(Command::Note(args)) => note::run_note(&args),
        Some(Command::Notes(args)) => note::run_notes(&args),
        Some(Command::Floor(args)) => floor::run_floor(&args),
        Some(Command::Stats(args)) => floor::run_stats(&args),
        Some(Command::Segment(args)) => plan::run_segment(&args),
        Some(Command::End(args)) => plan::run_end(&args),
        Some(Command::Person(command)) => person::run(&command),
        Some(Command::Participation(args)) => participation::run(&args),
        Some(Command::Transcript(args)) => transcript::run(&args),
        Some(Command::Join(args)) => join::run(&args),
        Some(Command::Group(command)) => group::run(&command),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Check(args)) => check::run(&args.session),
        Some(Command::Completions(args)) => manual::run_completions(&args),
        Some(Command::Man(args)) => manual::run_man(&args),
        Some(Command::Keys(args)) => keys::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Open(args)) => open::run(
            Some(&args.session),
            args.clock.as_deref(),
            args.taker.name(),
        ),
        None => {
            // `rapporteur SESSION` has no options of its own; the taker may come from the
            // environment, as it does for every command.
            let taker = std::env::var("RAPPORTEUR_TAKER").ok();
            let taker = taker.as_deref().filter(|name| !name.trim().is_empty());
            open::run(cli.session.as_deref(), None, taker)
        }
    }
}

/// Tells the user, on stderr, what the store repaired or noticed.
pub fn report_warnings<W: std::fmt::Display>(warnings: &[W]) {
    for warning in warnings {
        warn(warning);
    }
}

// Every line the commands print for a person to read goes through one of these, so that no
// control character from a name, a note or a file name reaches the terminal raw.

/// A line on stdout.
pub fn say(line: impl std::fmt::Display) {
    out(&format!("{}\n", visible(&line.to_string())));
}

/// Lines on stdout, as they are (with their own line breaks).
pub fn say_lines(text: &str) {
    out(&visible(text));
}

/// Text on stdout that is already safe for a terminal (JSON, a drawn chart). The one place the
/// commands write to stdout: a reader that went away (`| head -1`) ends the program quietly, as
/// ripgrep does, and any other failure (`>/dev/full`) ends it with a message and status 1,
/// rather than a panic.
pub fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        tell(format_args!("could not write to standard output: {error}"));
        std::process::exit(1);
    }
}

/// A message on stderr, after the program's name. A stderr that is gone (the terminal closed)
/// is not a reason to panic: there is no one left to tell.
pub fn tell(message: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "rapporteur: {}",
        visible(&message.to_string())
    );
}

/// A warning on stderr.
pub fn warn(message: impl std::fmt::Display) {
    tell(format_args!("warning: {message}"));
}
