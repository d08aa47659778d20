//! Where the history is kept (one file, or a history directory shared by
//! machines), and `history --move-to DIR`.

use std::path::Path;

use super::Context;
use crate::config::Config;
use crate::error::{Error, Exit, Result, Stdout};
use crate::history::{self, Store};
use crate::paths::{Located, Origin, Paths};
use crate::text::{self, plural};

/// The machine name used when neither the config nor the system gives one.
const UNNAMED: &str = "unnamed";

/// Where the history is kept: the history directory if
/// `MOBILITY_HISTORY_DIR` (first) or `history_dir` names one, else the one
/// file. This machine is `machine` from the config, else the host name.
pub(crate) fn store(paths: &Paths, config: &Config) -> Store {
    let machine = config
        .machine
        .clone()
        .or_else(history::host_name)
        .unwrap_or_else(|| UNNAMED.to_string());
    match history_dir(paths, config) {
        Some(dir) => Store::Dir {
            dir: dir.path,
            machine,
        },
        None => Store::File {
            path: paths.history_file.path.clone(),
            machine,
        },
    }
}

/// The history directory and where it was set, if it is.
pub(crate) fn history_dir(paths: &Paths, config: &Config) -> Option<Located> {
    paths.history_dir.clone().or_else(|| {
        config
            .history_dir(paths.home.as_deref())
            .map(|path| Located {
                path,
                origin: Origin::Config("history_dir"),
            })
    })
}

/// `mobility history --move-to DIR`.
pub(super) fn move_to(ctx: &Context, dir: &Path) -> Result<Exit> {
    let dir = std::path::absolute(dir).map_err(|e| Error::io(dir, e))?;
    let configured = history_dir(&ctx.paths, &ctx.config);
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
    let machine = store(&ctx.paths, &ctx.config).machine().to_string();
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
