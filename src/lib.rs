//! mobility: a guided routine timer for the command line.
//!
//! `main` parses the command line and hands it to [`run`]; everything else
//! lives here so that tests can drive it in-process.

pub mod cli;
pub mod commands;
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

use cli::{Cli, Command};
use error::{Exit, Result};

/// Runs one command and says how it ended: success, a "no", or a signal.
/// Trouble comes back as an [`error::Error`] (exit 2).
pub fn run(cli: Cli) -> Result<Exit> {
    let ctx = commands::Context::new(&cli)?;
    match cli.command {
        Command::Run(args) => commands::run::run(&ctx, args),
        Command::List(args) => commands::routines::list(&ctx, args),
        Command::Show(args) => commands::routines::show(&ctx, args),
        Command::Check(args) => commands::routines::check(&ctx, args),
        Command::New(args) => commands::routines::new(&ctx, args),
        Command::History(args) => commands::habit::history(&ctx, args),
        Command::Due(args) => commands::habit::due(&ctx, args),
        Command::Remind(args) => commands::habit::remind(&ctx, args),
        Command::Cron(args) => commands::habit::cron(&ctx, args),
        Command::Paths => commands::paths(&ctx),
        Command::Completions(args) => commands::completions(args),
        Command::Man => commands::man(),
    }
}
