//! `mobility paths`: every file and directory mobility uses, and where
//! each came from.

use super::Context;
use crate::error::{Exit, Result, Stdout};

/// `mobility paths`.
pub(crate) fn paths(ctx: &Context) -> Result<Exit> {
    let p = &ctx.paths;
    let mut out = Stdout::lock();
    let mut row = |label: &str, path: &std::path::Path, origin: &str| {
        writeln!(out, "{label:<16} {}  ({origin})", crate::text::path(path))
    };
    row(
        "config file",
        &p.config_file.path,
        &p.config_file.origin.to_string(),
    )?;
    // Routine directories in the order they are searched.
    for dir in &p.extra_routines {
        row("routines", dir, "from --routines-dir")?;
    }
    row(
        "routines",
        &p.user_routines.path,
        &p.user_routines.origin.to_string(),
    )?;
    match super::history::history_dir(p, &ctx.config) {
        Some(dir) => {
            row("history dir", &dir.path, &dir.origin.to_string())?;
            let own = super::history::store(p, &ctx.config).own_file();
            row("history", &own, "this machine's file in it")?;
        }
        None => row(
            "history",
            &p.history_file.path,
            &p.history_file.origin.to_string(),
        )?,
    }
    row("sounds", &p.sounds.path, &p.sounds.origin.to_string())?;
    Ok(Exit::Success)
}
