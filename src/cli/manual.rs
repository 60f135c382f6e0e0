//! `rapporteur completions SHELL` and `rapporteur man`: what users of git, cargo and ripgrep
//! expect of a command-line tool, generated from the same clap definitions as `--help`, so
//! they never disagree with it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, CommandFactory, ValueHint};
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// A command to print the page of (`export`, `person add`); the main page if none.
    pub command: Vec<String>,
    /// Write every page (rapporteur.1, rapporteur-export.1, ...) into this directory instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out_dir: Option<PathBuf>,
}

/// The command line as clap knows it, with the hints a shell completes paths by: clap takes
/// every path for "a file or a directory"; here a path is a file (a session, a proposal, a
/// template, an output), but for the directories --templates and --out-dir.
fn command() -> clap::Command {
    fn hinted(command: clap::Command) -> clap::Command {
        command
            .mut_args(|arg| {
                if arg.get_value_hint() != ValueHint::AnyPath {
                    arg
                } else if matches!(arg.get_id().as_str(), "templates" | "out_dir") {
                    arg.value_hint(ValueHint::DirPath)
                } else {
                    arg.value_hint(ValueHint::FilePath)
                }
            })
            .mut_subcommands(hinted)
    }
    let mut command = hinted(Cli::command()).disable_help_subcommand(true);
    command.build();
    command
}

pub fn run_completions(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "rapporteur", &mut script);
    print(&script)
}

pub fn run_man(args: &ManArgs) -> anyhow::Result<ExitCode> {
    let command = command();
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: could not make the directory", dir.display()))?;
        let written = write_pages(&command, dir)?;
        super::tell(format_args!(
            "{written} man pages written to {}",
            dir.display()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let mut page = &command;
    for (depth, name) in args.command.iter().enumerate() {
        page = page.find_subcommand(name).ok_or_else(|| {
            let known: Vec<&str> = page.get_subcommands().map(|c| c.get_name()).collect();
            anyhow::anyhow!(
                "no command \"{}\"; the commands{} are: {}",
                args.command[..=depth].join(" "),
                if depth == 0 {
                    String::new()
                } else {
                    format!(" of \"{}\"", args.command[..depth].join(" "))
                },
                known.join(", ")
            )
        })?;
    }
    print(&man_page(page)?)
}

/// The page of `command` and of each of its commands below it, as NAME.1 files in `dir`.
fn write_pages(command: &clap::Command, dir: &std::path::Path) -> anyhow::Result<usize> {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name());
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, man_page(command)?)
        .with_context(|| format!("{}: could not write the page", path.display()))?;
    let mut written = 1;
    for sub in command.get_subcommands() {
        written += write_pages(sub, dir)?;
    }
    Ok(written)
}

/// A man page in roff: clap_mangen's sections, but the examples kept line for line.
fn man_page(command: &clap::Command) -> anyhow::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(command.clone())
        .manual("rapporteur manual")
        .source(concat!("rapporteur ", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    let render = |roff: &mut Vec<u8>| -> std::io::Result<()> {
        man.render_title(roff)?;
        man.render_name_section(roff)?;
        man.render_synopsis_section(roff)?;
        man.render_description_section(roff)?;
        if command.get_arguments().next().is_some() {
            man.render_options_section(roff)?;
        }
        if command.has_subcommands() {
            man.render_subcommands_section(roff)?;
        }
        if let Some(after) = command.get_after_help() {
            roff.extend_from_slice(examples(&after.to_string()).as_bytes());
        }
        // Only the main command carries the version (clap_mangen would panic on the others).
        if command.get_version().is_some() {
            man.render_version_section(roff)?;
        }
        Ok(())
    };
    render(&mut roff).context("could not render the man page")?;
    Ok(roff)
}

/// The text after `--help`'s options as a section: the examples line for line (commands to
/// copy, not prose to fill), then any notes as filled paragraphs.
fn examples(after_help: &str) -> String {
    let (heading, rest) = match after_help.split_once('\n') {
        Some((first, rest)) if first.starts_with("Example") => ("EXAMPLES", rest),
        _ => ("NOTES", after_help),
    };
    let mut roff = format!(".SH {heading}\n");
    for (index, block) in rest.split("\n\n").enumerate() {
        let lines: Vec<String> = block.lines().map(roff_line).collect();
        if index == 0 && heading == "EXAMPLES" {
            roff.push_str(&format!(".nf\n{}\n.fi\n", lines.join("\n")));
        } else {
            roff.push_str(&format!(".PP\n{}\n", lines.join("\n")));
        }
    }
    roff
}

/// A line of text as roff reads it literally: no control character at its start, backslashes
/// escaped, and "-" a minus (options must survive copying), not a hyphen.
fn roff_line(line: &str) -> String {
    let line = line.trim_start_matches(' ').to_string();
    let line = line.replace('\\', "\\e").replace('-', "\\-");
    if line.starts_with(['.', '\'']) {
        format!("\\&{line}")
    } else {
        line
    }
}

fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .context("could not write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
