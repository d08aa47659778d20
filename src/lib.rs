//! mobility: a guided routine timer for the command line.
//!
//! `main` parses the command line and hands it to [`run`]; everything else
//! lives here so that tests can drive it in-process.

pub mod cli;
mod commands;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod history;
pub mod paths;
pub mod remind;
pub mod routine;
pub mod session;
pub mod style;
pub mod text;
pub mod ui;

pub use commands::capable as capable_terminal;

use cli::{Cli, Command};
use error::{Exit, Result};

/// Runs one command and says how it ended: success, a "no", or a signal.
/// Trouble comes back as an [`error::Error`] (exit 2).
pub fn run(cli: Cli) -> Result<Exit> {
    let ctx = commands::Context::new(&cli)?;
    match cli.command {
        Command::Run(args) => commands::run::run(&ctx, args),
        Command::List(args) => commands::list::list(&ctx, args),
        Command::Show(args) => commands::show::show(&ctx, args),
        Command::Check(args) => commands::check::check(args),
        Command::New(args) => commands::new::new(&ctx, args),
        Command::History(args) => commands::history::history(&ctx, args),
        Command::Due(args) => commands::due::due(&ctx, args),
        Command::Remind(args) => commands::remind::remind(&ctx, args),
        Command::Cron(args) => commands::cron::cron(&ctx, args),
        Command::Paths => commands::paths::paths(&ctx),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man => commands::man::man(),
    }
}
