//! `mobility new NAME`: a commented starter routine in the user's routine
//! directory.

use std::io::Write;

use super::{Context, say};
use crate::cli::NewArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::{Routine, library, parse};
use crate::text::{self, clock};

/// The starter routine, with `TITLE` where the title goes. It must pass
/// `check` once the title is in; a unit test and the shipped-routines test
/// make sure.
const STARTER: &str = include_str!("../../routines/starter.toml");

/// The starter routine's text for a routine with this id.
fn starter(name: &str) -> String {
    STARTER.replace("TITLE", &name.replace('-', " "))
}

/// `mobility new`.
pub(crate) fn new(ctx: &Context, args: NewArgs) -> Result<Exit> {
    if !library::is_id(&args.name) {
        return Err(Error::Usage(format!(
            "{} is not a valid routine id\n  hint: use lowercase letters, digits and `-`, such as `hip-openers`",
            text::quote(&args.name)
        )));
    }
    let dir = &ctx.paths.user_routines.path;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(format!("{}.toml", args.name));
    let text = starter(&args.name);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.clone()),
            _ => Error::io(&path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    let routine: Routine =
        parse::parse_str(&text, args.name.clone(), &text::path(&path)).map_err(Error::Invalid)?;
    let mut out = Stdout::lock();
    writeln!(out, "{}", text::path(&path))?;
    if library::BUILT_IN.iter().any(|(id, _)| *id == args.name) {
        ctx.warn(format!(
            "this replaces the built-in `{}` until you rename or remove the file",
            args.name
        ));
    }
    say(format_args!(
        "Wrote a starter routine ({}, {} steps). Edit it, then try `mobility run {}`.",
        clock(routine.total()),
        routine.steps.len(),
        args.name
    ));
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests;
