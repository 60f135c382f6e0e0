mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            cli::tell(format_args!("{error:#}"));
            ExitCode::FAILURE
        }
    }
}
