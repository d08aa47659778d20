//! Which terminal the reminder's Start button opens, and the command line
//! that opens it.
//!
//! [`choose_terminal`] is pure: it takes the `terminal` setting, `TERMINAL`
//! and a lookup for programs on `PATH`, so that every choice can be tested
//! without the programs installed.

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

/// How to open a terminal that runs a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terminal {
    /// A program and its leading arguments; the command goes last.
    Argv(Vec<String>),
    /// macOS Terminal, asked through `osascript`.
    MacTerminal,
}

/// Where the terminal came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// Found: how to open it.
    Found(Terminal),
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
/// resort: it is always there.
pub fn choose_terminal(
    configured: Option<&[String]>,
    terminal_var: Option<&str>,
    macos: bool,
    found: impl Fn(&str) -> bool,
) -> Chosen {
    if let Some(argv) = configured {
        return match argv.first() {
            Some(program) if found(program) => Chosen::Found(Terminal::Argv(argv.to_vec())),
            Some(program) => Chosen::ConfiguredMissing(program.clone()),
            None => Chosen::NoneFound,
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
        if found(program) {
            let args = argv[1..].iter().map(|a| (*a).to_owned());
            let argv = std::iter::once(program.to_owned()).chain(args).collect();
            return Chosen::Found(Terminal::Argv(argv));
        }
    }
    if macos {
        Chosen::Found(Terminal::MacTerminal)
    } else {
        Chosen::NoneFound
    }
}

/// The full command line that opens `terminal` running `command`: the
/// command's words go last, each as one argument, never through a shell
/// (except for `osascript`, which gets them quoted as a shell would).
pub fn open_argv(terminal: &Terminal, command: &[OsString]) -> Vec<OsString> {
    match terminal {
        Terminal::Argv(argv) => argv
            .iter()
            .map(OsString::from)
            .chain(command.iter().cloned())
            .collect(),
        Terminal::MacTerminal => {
            let words: Vec<String> = command
                .iter()
                .map(|w| crate::remind::shell_word(&w.to_string_lossy()))
                .collect();
            // AppleScript string: backslashes and double quotes escaped.
            let script = words.join(" ").replace('\\', "\\\\").replace('"', "\\\"");
            [
                "osascript".to_owned(),
                "-e".to_owned(),
                format!("tell application \"Terminal\" to do script \"{script}\""),
                "-e".to_owned(),
                "tell application \"Terminal\" to activate".to_owned(),
            ]
            .into_iter()
            .map(OsString::from)
            .collect()
        }
    }
}

/// The command a Start button runs: `mobility [--routines-dir DIR]... run
/// -- ROUTINE`, with `--` so that no routine name is read as an option.
pub fn run_command(program: &Path, routines_dirs: &[PathBuf], routine: &str) -> Vec<OsString> {
    let mut argv = vec![program.as_os_str().to_owned()];
    for dir in routines_dirs {
        argv.push("--routines-dir".into());
        argv.push(dir.as_os_str().to_owned());
    }
    argv.extend(["run".into(), "--".into(), routine.into()]);
    argv
}

#[cfg(test)]
mod tests;
