//! `mobility paths`: every file and directory mobility uses, and where
//! each came from.

use super::Context;
use crate::error::{Exit, Result, Stdout};
use crate::paths::MachineOrigin;

/// `mobility paths`.
pub(crate) fn paths(ctx: &Context) -> Result<Exit> {
    // The history's place depends on the config: said once if it is
    // ignored.
    ctx.config();
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
    match &p.history_dir {
        Some(dir) => {
            row("history dir", &dir.path, &dir.origin.to_string())?;
            let own = p.history_store().own_file();
            let whose = match p.machine.origin {
                MachineOrigin::Config => "this machine's file in it, from `machine` in config.toml",
                MachineOrigin::HostName => "this machine's file in it, named by the host name",
                MachineOrigin::Unnamed => "this machine's file in it; no host name found",
            };
            row("history", &own, whose)?;
        }
        None => row(
            "history",
            &p.history_file.path,
            &p.history_file.origin.to_string(),
        )?,
    }
    row("sounds", &p.sounds.path, &p.sounds.origin.to_string())?;
    row(
        "voice",
        &p.voice_cache.path,
        &p.voice_cache.origin.to_string(),
    )?;
    row(
        "systemd units",
        &p.systemd_units.path,
        &p.systemd_units.origin.to_string(),
    )?;
    if let Some(agents) = &p.launch_agents {
        row("launchd agents", &agents.path, &agents.origin.to_string())?;
    }
    Ok(Exit::Success)
}
