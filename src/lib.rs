//! mobility: a guided routine timer for the command line.
//!
//! `main` parses the command line and hands it to [`run`]; everything else
//! lives here so that tests can drive it in-process.

// Terminals, signals, process groups, file modes and the schedulers are
// all the Unix kind; there is no Windows port to fall back on.
#[cfg(not(unix))]
compile_error!(
    "mobility runs on Unix only (Linux and macOS): it needs Unix terminals, \
     signals, process groups and file permissions; Windows is not supported"
);

mod atomic_file;
pub mod cli;
mod commands;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod figure;
pub mod history;
pub mod paths;
pub mod process;
pub mod program;
pub mod remind;
pub mod routine;
pub mod session;
pub mod style;
pub mod text;
pub mod ui;

use cli::{Cli, Command};
use error::{Exit, Result};

/// The message for a routine given where a command goes
/// (`mobility wall-flexion`), or `None` when `word` is not a routine.
/// `args` are the whole command line, for the `--routines-dir` flags that
/// clap could not parse.
pub fn routine_as_command(word: &str, args: &[std::ffi::OsString]) -> Option<String> {
    let mut dirs = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--routines-dir" {
            dirs.extend(args.next().map(std::path::PathBuf::from));
        } else if let Some(dir) = arg.to_str().and_then(|a| a.strip_prefix("--routines-dir=")) {
            dirs.push(dir.into());
        }
    }
    let paths = paths::Paths::from_env(dirs).ok()?;
    let known = if routine::library::is_id(word) {
        routine::library::all_ids(&paths)
            .iter()
            .any(|id| id == word)
    } else {
        word.ends_with(".toml") && std::path::Path::new(word).is_file()
    };
    known.then(|| {
        format!(
            "{} is a routine, not a command\n  hint: to run it: `mobility run {}`",
            text::quote(word),
            text::escape(word, text::PATH_CHARS)
        )
    })
}

/// Runs one command and says how it ended: success, a "no", or a signal.
/// Trouble comes back as an [`error::Error`] (exit 2).
pub fn run(cli: Cli) -> Result<Exit> {
    // `status` runs in a prompt or a status bar, where a message would
    // break the line it shares: any trouble is exit 2 and nothing else.
    if matches!(cli.command, Command::Status(_)) {
        return Ok(run_command(cli).unwrap_or(Exit::Trouble));
    }
    run_command(cli)
}

fn run_command(cli: Cli) -> Result<Exit> {
    let ctx = commands::Context::new(&cli)?;
    match cli.command {
        Command::Run(args) => commands::run::run(&ctx, args),
        Command::List(args) => commands::list::list(&ctx, args),
        Command::Show(args) => commands::show::show(&ctx, args),
        Command::Check(args) => commands::check::check(&ctx, args),
        Command::New(args) => commands::new::new(&ctx, args),
        Command::Edit(args) => commands::edit::edit(&ctx, args),
        Command::Config(command) => commands::config::config(&ctx, command),
        Command::History(args) => commands::history::history(&ctx, args),
        Command::Due(args) => commands::due::due(&ctx, args),
        Command::Remind(args) => commands::remind::remind(&ctx, args),
        Command::Cron(args) => commands::cron::cron(&ctx, args),
        Command::Status(args) => commands::status::status(&ctx, args),
        Command::Schedule(command) => commands::schedule::schedule(&ctx, command),
        Command::Program(command) => commands::program::program(&ctx, command),
        Command::Paths => commands::paths::paths(&ctx),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man(args) => commands::man::man(args),
    }
}
