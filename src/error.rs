//! The domain error type, and the exit-code policy in one place.
//!
//! Every error is printed exactly once, by `main`, as `error: {self}`. The
//! text says what went wrong and, where there is one, what to do next.

use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::diagnostic::ParseError;

/// Anything that stops a command. All of these exit with 2 ("trouble").
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line made sense to clap but not to us.
    #[error("{0}")]
    Usage(String),

    #[error(
        "no routine named {}\n  hint: {}",
        crate::text::quote(name),
        suggest(suggestions)
    )]
    UnknownRoutine {
        name: String,
        suggestions: Vec<String>,
    },

    #[error(
        "{} is not a routine id (ids are 1 to 64 lowercase letters, digits and `-`, starting with a letter or digit)\n  hint: to run a file, give its path, such as `./{}.toml`",
        crate::text::quote(.0),
        crate::text::escape(.0, crate::text::QUOTE_CHARS)
    )]
    BadId(String),

    #[error("{0}")]
    Invalid(ParseError),

    #[error("{}", io_shown(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` already exists\n  hint: edit it, or pick another name", crate::text::path(.0))]
    Exists(PathBuf),

    /// Standard output could not be written (for example the pipe was
    /// closed). Only [`Stdout`] makes this: a failed file operation is an
    /// [`Error::Io`] with its path.
    #[error("could not write output: {0}")]
    Output(std::io::Error),

    #[error("{0}")]
    Other(String),
}

fn suggest(suggestions: &[String]) -> String {
    let list = match suggestions {
        [] => String::new(),
        [one] => format!("did you mean {}? ", crate::text::quote(one)),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| crate::text::quote(s)).collect();
            format!("did you mean one of {}? ", quoted.join(", "))
        }
    };
    format!("{list}`mobility list` shows every routine")
}

/// An I/O error with its path: the path in the way when it is a file
/// where a directory must be, else the path and the system's words.
fn io_shown(path: &std::path::Path, source: &std::io::Error) -> String {
    crate::diagnostic::not_a_directory(path, source)
        .unwrap_or_else(|| format!("`{}`: {source}", crate::text::path(path)))
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// How the process ends for this error: trouble, except that a reader
    /// who left (`mobility list | head`) is not our trouble at all.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success,
            _ => Exit::Trouble,
        }
    }

    /// Whether the error is worth printing: not a reader that left.
    pub fn is_reportable(&self) -> bool {
        self.exit() != Exit::Success
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How a command ends: the whole exit-code policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done, or "yes".
    Success,
    /// 1: a "no" (not due, problems found, a run stopped short).
    No,
    /// 2: trouble (an [`Error`]).
    Trouble,
    /// 128 + n: ended by signal n.
    Signal(i32),
}

impl Exit {
    /// The process exit status.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::No => 1,
            Exit::Trouble => 2,
            Exit::Signal(n) => u8::try_from(128 + n.clamp(0, 127)).unwrap_or(u8::MAX),
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// Standard output for commands. Every write goes through here, so that a
/// failure to write output is [`Error::Output`] and nothing else is.
#[derive(Debug)]
pub struct Stdout(Sink);

#[derive(Debug)]
enum Sink {
    Real(std::io::StdoutLock<'static>),
    /// In a unit test inside [`captured`]: written to a buffer.
    #[cfg(test)]
    Captured,
}

impl Stdout {
    pub fn lock() -> Stdout {
        #[cfg(test)]
        if CAPTURED.with(|c| c.borrow().is_some()) {
            return Stdout(Sink::Captured);
        }
        Stdout(Sink::Real(std::io::stdout().lock()))
    }

    /// What `write!` and `writeln!` call.
    pub fn write_fmt(&mut self, args: fmt::Arguments) -> Result<()> {
        match &mut self.0 {
            Sink::Real(out) => out.write_fmt(args).map_err(Error::Output),
            #[cfg(test)]
            Sink::Captured => self.write_all(fmt::format(args).as_bytes()),
        }
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.0 {
            Sink::Real(out) => out.write_all(bytes).map_err(Error::Output),
            #[cfg(test)]
            Sink::Captured => {
                CAPTURED.with(|c| c.borrow_mut().get_or_insert_default().extend(bytes));
                Ok(())
            }
        }
    }
}

#[cfg(test)]
thread_local! {
    static CAPTURED: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with what it writes through [`Stdout`] on this thread kept,
/// and returns its result and that text: for in-process tests of commands.
#[cfg(test)]
pub(crate) fn captured<R>(f: impl FnOnce() -> R) -> (R, String) {
    CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let result = f();
    let bytes = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (result, String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_documented_policy() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::No.code(), 1);
        assert_eq!(Exit::Trouble.code(), 2);
        assert_eq!(Exit::Signal(15).code(), 143);
        assert_eq!(Exit::Signal(1).code(), 129);
    }

    #[test]
    fn a_closed_pipe_is_success_but_other_output_errors_are_trouble() {
        let pipe = Error::Output(std::io::ErrorKind::BrokenPipe.into());
        assert_eq!(pipe.exit(), Exit::Success);
        assert!(!pipe.is_reportable());
        let full = Error::Output(std::io::Error::other("no space left"));
        assert_eq!(full.exit(), Exit::Trouble);
        let file = Error::io("/x", std::io::ErrorKind::BrokenPipe.into());
        assert_eq!(file.exit(), Exit::Trouble);
    }
}
