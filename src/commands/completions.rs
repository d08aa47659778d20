//! `mobility completions SHELL`: a completion script, from the same clap
//! definitions as the parser.

use crate::cli::CompletionsArgs;
use crate::error::{Exit, Result, Stdout};

/// `mobility completions SHELL`.
pub(crate) fn completions(args: CompletionsArgs) -> Result<Exit> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut crate::cli::command(), "mobility", &mut out);
    Stdout::lock().write_all(&out)?;
    Ok(Exit::Success)
}
