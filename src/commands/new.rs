//! `mobility new NAME`: a commented starter routine in the user's routine
//! directory.

use std::io::Write;
use std::path::Path;

use super::{Context, say, survive_file_size_limit};
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
    survive_file_size_limit();
    write_new(&path, text.as_bytes())?;
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

/// Writes a file that must not exist yet, whole or not at all: through a
/// temporary file in the same directory, linked into place only once it is
/// written, so that a full disk leaves no empty routine behind and an
/// existing file is never replaced.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    let placed = written.map_err(|e| Error::io(path, e)).and_then(|()| {
        // A hard link never replaces a file that appeared meanwhile.
        std::fs::hard_link(&temp, path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
            _ => Error::io(path, e),
        })
    });
    let _ = std::fs::remove_file(&temp);
    placed
}

#[cfg(test)]
mod tests;
