//! Which terminal the reminder's Start button opens, and the command line
//! that opens it.
//!
//! [`choose_terminal`] is pure: it takes the `terminal` setting, `TERMINAL`
//! and a lookup for programs on `PATH`, so that every choice can be tested
//! without the programs installed. What the lookup finds (a
//! [`Program`](crate::process::Program) when mobility runs) is what opens
//! the terminal: a name is never looked up a second time.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The terminals tried when `terminal` is not set, in order: the program
/// and the arguments that come before the command it runs. `$TERMINAL`
/// stands for the program the `TERMINAL` variable names.
pub const TERMINALS: &[&[&str]] = &[
    &["xdg-terminal-exec"],
    &["$TERMINAL", "-e"],
    &["x-terminal-emulator", "-e"],
    &["gnome-terminal", "--"],
    &["konsole", "-e"],
    &["kitty"],
    &["alacritty", "-e"],
    &["wezterm", "start", "--"],
    &["foot"],
    &["xterm", "-e"],
];

/// How to open a terminal that runs a command, with `P` the program found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terminal<P> {
    /// A program and its leading arguments; the command goes last.
    Argv(P, Vec<String>),
    /// macOS Terminal, asked through `osascript`, the program found.
    MacTerminal(P),
}

/// Where the terminal came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen<P> {
    /// Found: how to open it.
    Found(Terminal<P>),
    /// `terminal` is set, but its program is not found.
    ConfiguredMissing(String),
    /// Nothing configured, and none of the known terminals is installed.
    NoneFound,
}

/// Chooses the terminal for the Start button.
///
/// The `terminal` setting comes first, if its program is found; then the
/// first of [`TERMINALS`] that is found, `$TERMINAL` being what
/// `terminal_var` names. On macOS (`macos`), Terminal itself is the last
/// resort, through `osascript`. `find` looks a program up.
pub fn choose_terminal<P>(
    configured: Option<&[String]>,
    terminal_var: Option<&str>,
    macos: bool,
    find: impl Fn(&str) -> Option<P>,
) -> Chosen<P> {
    if let Some(argv) = configured {
        let Some((program, args)) = argv.split_first() else {
            return Chosen::NoneFound;
        };
        return match find(program) {
            Some(found) => Chosen::Found(Terminal::Argv(found, args.to_vec())),
            None => Chosen::ConfiguredMissing(program.clone()),
        };
    }
    let terminal_var = terminal_var.map(str::trim).filter(|t| !t.is_empty());
    for argv in TERMINALS {
        let program = match argv[0] {
            "$TERMINAL" => match terminal_var {
                Some(program) => program,
                None => continue,
            },
            program => program,
        };
        if let Some(found) = find(program) {
            let args = argv[1..].iter().map(|a| (*a).to_owned()).collect();
            return Chosen::Found(Terminal::Argv(found, args));
        }
    }
    if macos && let Some(osascript) = find("osascript") {
        return Chosen::Found(Terminal::MacTerminal(osascript));
    }
    Chosen::NoneFound
}

/// The program that opens `terminal` running `command`, and its
/// arguments: the command's words go last, each as one argument, never
/// through a shell (except for `osascript`, which gets them quoted as a
/// shell would).
pub fn open_argv<P>(terminal: Terminal<P>, command: &[OsString]) -> (P, Vec<OsString>) {
    match terminal {
        Terminal::Argv(program, args) => {
            let args = args.into_iter().map(OsString::from);
            (program, args.chain(command.iter().cloned()).collect())
        }
        Terminal::MacTerminal(osascript) => {
            let words: Vec<String> = command
                .iter()
                .map(|w| crate::process::shell_word(&w.to_string_lossy()))
                .collect();
            // AppleScript string: backslashes and double quotes escaped.
            let script = words.join(" ").replace('\\', "\\\\").replace('"', "\\\"");
            let args = [
                "-e".to_owned(),
                format!("tell application \"Terminal\" to do script \"{script}\""),
                "-e".to_owned(),
                "tell application \"Terminal\" to activate".to_owned(),
            ];
            (osascript, args.into_iter().map(OsString::from).collect())
        }
    }
}

/// The command a Start button runs: `mobility [--routines-dir=DIR]... run
/// -- ROUTINE`, with `--` so that no routine name is read as an option.
/// Each directory is one word, `--routines-dir=` and its absolute path
/// (the terminal may start elsewhere), so that a name starting with `-` is
/// never read as an option of its own.
pub fn run_command(program: &Path, routines_dirs: &[PathBuf], routine: &str) -> Vec<OsString> {
    let mut argv = vec![program.as_os_str().to_owned()];
    for dir in routines_dirs {
        let mut word = OsString::from("--routines-dir=");
        word.push(std::path::absolute(dir).unwrap_or_else(|_| dir.clone()));
        argv.push(word);
    }
    argv.extend(["run".into(), "--".into(), routine.into()]);
    argv
}

#[cfg(test)]
mod tests;
