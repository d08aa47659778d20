//! `mobility man`: the man page, from the same clap definitions as the
//! parser.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Exit, Result, Stdout};

/// `mobility man`.
pub(crate) fn man() -> Result<Exit> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Error::Output)?;
    Stdout::lock().write_all(&out)?;
    Ok(Exit::Success)
}
