//! The export command on its own, for use before it is wired into the `rapporteur` binary
//! (and by .ci/pdf-check.sh as a fallback): `cargo run --example export -- SESSION final ...`.

#[path = "../src/cli/export.rs"]
mod export;

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "rapporteur-export",
    about = "Export the short or final report of a session"
)]
struct Cli {
    #[command(flatten)]
    args: export::ExportArgs,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match export::run(&cli.args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
