//! The domain error type and its exit codes.
//!
//! Every error is printed exactly once, by `main`, as `error: {self}`. The
//! text says what went wrong and, where there is one, what to do next.

use std::path::PathBuf;

use crate::routine::parse::ParseError;

/// Anything that stops a command. All of these exit with 2 ("trouble").
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line made sense to clap but not to us.
    #[error("{0}")]
    Usage(String),

    #[error("no routine named `{name}`\n  hint: {}", suggest(suggestions))]
    UnknownRoutine {
        name: String,
        suggestions: Vec<String>,
    },

    #[error(
        "`{0}` is not a routine id (ids use lowercase letters, digits and `-`)\n  hint: to run a file, give its path, such as `./{0}.toml`"
    )]
    BadId(String),

    #[error("{0}")]
    Invalid(ParseError),

    #[error("`{}`: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("`{}` already exists\n  hint: edit it, or pick another name", .0.display())]
    Exists(PathBuf),

    /// Output could not be written (for example the pipe was closed).
    #[error("could not write output: {0}")]
    Output(#[from] std::io::Error),

    #[error("{0}")]
    Other(String),
}

fn suggest(suggestions: &[String]) -> String {
    let list = match suggestions {
        [] => String::new(),
        [one] => format!("did you mean `{one}`? "),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
            format!("did you mean one of {}? ", quoted.join(", "))
        }
    };
    format!("{list}`mobility list` shows every routine")
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// True when the error is only that stdout went away (`mobility list | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
