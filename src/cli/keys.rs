//! `rapporteur keys`: the keys of the live and report screens, as the screen will use them.

use std::process::ExitCode;

use clap::Args;

use rapporteur::tui::input::keymap::DEFAULT_KEYS;
use rapporteur::tui::input::user;

#[derive(Args)]
pub struct KeysArgs {
    /// Print the built-in keymap, as shipped, instead of the keys in effect.
    #[arg(long, conflicts_with = "markdown")]
    pub default: bool,
    /// Print the keys in effect as the README's table (Markdown) instead of RON.
    #[arg(long)]
    pub markdown: bool,
}

pub fn run(args: &KeysArgs) -> anyhow::Result<ExitCode> {
    if args.default {
        print!("{DEFAULT_KEYS}");
        return Ok(ExitCode::SUCCESS);
    }
    let path = user::path();
    let (keymap, error) = user::load(path.as_deref());
    if args.markdown {
        print!("{}", keymap.markdown());
    } else {
        print!("{}", user::to_ron(&keymap));
    }
    match error {
        // The keys printed are the built-in ones, as the screen would use them.
        Some(error) => {
            eprintln!("rapporteur: {error}; the built-in keys are used");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}
