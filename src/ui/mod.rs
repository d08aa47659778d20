//! The terminal: views, the loop, plain output and cues.

pub mod cues;
pub mod terminal;
pub mod view;

use std::process::ExitCode;

use crate::cli::RunArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

/// `mobility run`.
pub fn run(_ctx: &Context, _args: RunArgs) -> Result<ExitCode> {
    Err(Error::Other("`run` is not built yet".into()))
}
