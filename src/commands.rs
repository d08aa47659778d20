//! The commands themselves: each takes its parsed arguments and writes to
//! stdout, returning the exit code.

pub mod habit;
pub mod routines;
pub mod run;

use std::io::{IsTerminal, Write};

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Exit, Result, Stdout};
use crate::paths::Paths;
use crate::style;

/// What every command needs: where things are and how to print.
#[derive(Debug)]
pub struct Context {
    pub paths: Paths,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub err_color: bool,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Context> {
        Ok(Context {
            paths: Paths::from_env(cli.routines_dirs.clone())?,
            color: style::enabled(cli.color, std::io::stdout().is_terminal()),
            err_color: style::enabled(cli.color, std::io::stderr().is_terminal()),
        })
    }

    /// Prints a warning on stderr.
    pub fn warn(&self, message: impl std::fmt::Display) {
        say(format_args!(
            "{} {message}",
            style::warning_label(self.err_color)
        ));
    }
}

/// Prints a line on stderr. Unlike `eprintln!`, a stderr that has gone
/// away (a closed terminal) is not a reason to panic.
pub fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `mobility paths`.
pub fn paths(ctx: &Context) -> Result<Exit> {
    let p = &ctx.paths;
    let mut out = Stdout::lock();
    let mut row = |label: &str, path: &std::path::Path, origin: &str| {
        writeln!(out, "{label:<16} {}  ({origin})", path.display())
    };
    row(
        "config file",
        &p.config_file.path,
        &p.config_file.origin.to_string(),
    )?;
    // Routine directories in the order they are searched.
    for dir in &p.extra_routines {
        row("routines", dir, "from --routines-dir")?;
    }
    row(
        "routines",
        &p.user_routines.path,
        &p.user_routines.origin.to_string(),
    )?;
    row(
        "history",
        &p.history_file.path,
        &p.history_file.origin.to_string(),
    )?;
    Ok(Exit::Success)
}

/// `mobility completions SHELL`.
pub fn completions(args: CompletionsArgs) -> Result<Exit> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mobility", &mut out);
    Stdout::lock().write_all(&out)?;
    Ok(Exit::Success)
}

/// `mobility man`.
pub fn man() -> Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Error::Output)?;
    Stdout::lock().write_all(&out)?;
    Ok(Exit::Success)
}
