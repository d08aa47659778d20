//! The command line as clap is given it: [`Cli`]'s definition with each
//! global option (`--routines-dir`, `--color`) listed in the help of the
//! commands that use it and hidden from the rest, and `-V` hidden from
//! every command's help, so that a command's help shows what it takes.
//! Hidden, not taken away: a command line that puts them anywhere still
//! parses, the lines reminders were installed with included.

use clap::{CommandFactory, FromArgMatches};

use super::Cli;

/// The commands that read routines, and so take `--routines-dir`.
const READ_ROUTINES: &[&str] = &[
    "run",
    "list",
    "show",
    "check",
    "new",
    "edit",
    "history",
    "due",
    "remind",
    "cron",
    "status",
    "schedule add",
    "paths",
    "program status",
    "program next",
    "program back",
    "program restart",
];

/// The commands whose own output is coloured, and so take `--color`.
const PRINT_COLOUR: &[&str] = &["run", "list", "show", "history", "program status"];

/// The command line as the parser, the man page and the completions see
/// it: `Cli`'s definition, each global option shown in the help of the
/// commands that use it (in a line that points to `mobility --help`, where
/// it is described once) and hidden from the rest; `-V` hidden from every
/// command's help. Hidden, not taken away: a command line that puts them
/// anywhere still parses.
pub fn command() -> clap::Command {
    refine(Cli::command())
}

/// [`command`] from a definition the caller has adjusted (`man` turns the
/// `help` subcommand off). Clap copies a global option into a subcommand
/// when it builds, unless the subcommand has its own of the same id: each
/// gets its own copy here, before that.
pub fn refine(cmd: clap::Command) -> clap::Command {
    let global = |id: &str| {
        cmd.get_arguments()
            .find(|a| a.get_id() == id)
            .cloned()
            .expect("a global option of Cli")
    };
    let dirs = global("routines_dirs")
        .help("Also look for routines in DIR (repeatable; see `mobility --help`)");
    let color = global("color")
        .help("When to use colour: auto, always or never (see `mobility --help`)")
        .long_help(None)
        .hide_possible_values(true)
        .hide_default_value(true);
    let version = clap::Arg::new("version")
        .short('V')
        .long("version")
        .action(clap::ArgAction::Version)
        .hide(true);
    let options = [(dirs, READ_ROUTINES), (color, PRINT_COLOUR)];
    cmd.mut_subcommands(|sub| own_options(sub, "", &options, &version))
}

/// One subcommand (`parent` as `schedule `) and the ones under it, each
/// given its own copy of the global `options`, hidden unless the command is
/// among those that use it, and of `--version`, hidden.
fn own_options(
    mut cmd: clap::Command,
    parent: &str,
    options: &[(clap::Arg, &[&str])],
    version: &clap::Arg,
) -> clap::Command {
    let path = format!("{parent}{}", cmd.get_name());
    for (order, (option, users)) in options.iter().enumerate() {
        // Listed after the command's own options, before `--help`.
        cmd = cmd.arg(
            option
                .clone()
                .hide(!users.contains(&path.as_str()))
                .display_order(900 + order),
        );
    }
    cmd.disable_version_flag(true)
        .arg(version.clone())
        .mut_subcommands(|sub| own_options(sub, &format!("{path} "), options, version))
}

/// Parses the process's command line with [`command`].
pub fn try_parse() -> Result<Cli, clap::Error> {
    try_parse_from(std::env::args_os())
}

/// Parses `args` (the program's name first) with [`command`].
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}
