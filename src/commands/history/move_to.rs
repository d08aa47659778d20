//! `history --move-to DIR`: the one history file into a history directory.

use std::path::Path;

use super::Context;
use crate::error::{Error, Exit, Result, Stdout};
use crate::history::{self, Store};
use crate::text::{self, plural};

/// `mobility history --move-to DIR`.
pub(super) fn move_to(ctx: &Context, dir: &Path) -> Result<Exit> {
    // Where the history is depends on the config: said once if ignored.
    ctx.config();
    let dir = std::path::absolute(dir).map_err(|e| Error::io(dir, e))?;
    let configured = ctx.paths.history_dir.as_ref();
    if let Some(set) = &configured
        && set.path != dir
    {
        return Err(Error::Usage(format!(
            "the history directory is already `{}` ({}); moving the history elsewhere would hide it\n  \
             hint: run `mobility history --move-to {}`, or change the setting first",
            text::path(&set.path),
            set.origin,
            text::path(&set.path),
        )));
    }
    let machine = ctx.paths.machine.name.clone();
    let to = Store::Dir {
        dir: dir.clone(),
        machine,
    };
    let from = &ctx.paths.history_file.path;
    let moved = history::move_into(from, &to).map_err(|(path, e)| Error::io(path, e))?;
    let mut out = Stdout::lock();
    let own = text::path(&to.own_file());
    if !moved.found {
        writeln!(
            out,
            "No history file at `{}`: nothing to move.",
            text::path(from)
        )?;
    } else {
        write!(
            out,
            "Moved {} into `{own}`",
            plural(moved.moved as u64, "run")
        )?;
        if moved.already > 0 {
            write!(out, " ({} already there)", moved.already)?;
        }
        writeln!(out, ".")?;
        match &moved.kept {
            Some(kept) => writeln!(
                out,
                "Some lines could not be read and were not moved: the old file is kept as `{}`.",
                text::path(kept)
            )?,
            None => writeln!(out, "Removed `{}`.", text::path(from))?,
        }
    }
    if configured.is_none() {
        // mobility does not rewrite the user's config: it says what to add.
        let value = toml::Value::String(dir.to_string_lossy().into_owned()).to_string();
        writeln!(
            out,
            "\nTo keep recording there, add this to `{}`:\n\n[history]\nhistory_dir = {}\n\n\
             or set MOBILITY_HISTORY_DIR. Until then, runs go to the old file again.",
            text::path(&ctx.paths.config_file.path),
            text::escape(&value, 4 * text::PATH_CHARS),
        )?;
    }
    Ok(Exit::Success)
}
