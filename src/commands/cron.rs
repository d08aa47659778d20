//! `mobility cron`: crontab lines that call `remind` at the given times;
//! and the checks `cron` and `schedule add` make before a reminder is
//! written down.

use std::path::{Path, PathBuf};

use super::Context;
use crate::cli::CronArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::remind::{self, Invocation, cargo_target};
use crate::routine::library::history_id;

/// `mobility cron`.
pub(crate) fn cron(ctx: &Context, args: CronArgs) -> Result<Exit> {
    let invocation = checked_invocation(ctx, &args.routine)?;
    let lines = remind::cron_lines(
        &invocation,
        &history_id(&args.routine),
        &args.at,
        &args.days,
    )
    .map_err(|e| Error::Usage(e.to_string()))?;
    Stdout::lock().write_all(lines.as_bytes())?;
    Ok(Exit::Success)
}

/// Everything checked before a reminder is written down, so that it does
/// not fail at 10:30 every morning instead: the routine resolves and the
/// config file is valid. Then how to start `remind`, with a warning when
/// this binary will not last.
pub(crate) fn checked_invocation(ctx: &Context, routine: &str) -> Result<Invocation> {
    // A program is reminded of as a routine is: `remind` takes both.
    crate::program::load_any(routine, &ctx.paths)?;
    if let Some(problems) = ctx.config_problems() {
        return Err(Error::Other(format!(
            "{problems}\n  hint: the reminder would read this file each time it fires; fix it, then try again; see `mobility config check`"
        )));
    }
    let binary = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::Other(format!("cannot find the path of this program: {e}")))?;
    if let Some(target) = cargo_target(&binary, |p| p.is_file()) {
        ctx.warn(format!(
            "`{}` is inside cargo's build directory `{}`: `cargo clean` will break this reminder\n  hint: install mobility (`cargo install --locked --path .`) and run the installed copy",
            crate::text::path(&binary),
            crate::text::path(&target)
        ));
    }
    let binary = named(&binary, crate::process::Program::on_path("mobility"));
    Invocation::for_paths(&ctx.paths, &binary).map_err(|e| Error::Usage(e.to_string()))
}

/// The path a reminder names for this binary: the `mobility` found on
/// `PATH` when it is this very file, reached through a link (a versioned
/// install: Homebrew, nix, a `~/.local/bin` link), so that an upgrade that
/// moves the link on keeps the reminder working; else the resolved path.
fn named(binary: &Path, on_path: Option<crate::process::Program>) -> PathBuf {
    on_path
        .map(|p| p.path().to_path_buf())
        .filter(|p| std::fs::canonicalize(p).is_ok_and(|c| c == binary))
        .unwrap_or_else(|| binary.to_path_buf())
}
