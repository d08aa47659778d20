//! `mobility cron`: crontab lines that call `remind` at the given times;
//! and what `cron` and `schedule add` share: the checks made before a
//! reminder is written, and how it starts mobility.

use std::path::{Path, PathBuf};

use super::Context;
use crate::cli::CronArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::paths::Paths;
use crate::remind::{self, Invocation};
use crate::routine::library::{self, history_id};

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
    library::load(routine, &ctx.paths)?;
    ctx.strict_config().map_err(|e| {
        Error::Other(format!(
            "{e}\n  hint: the reminder would read this file each time it fires; fix it (`mobility config check`), then try again"
        ))
    })?;
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
    invocation(
        &ctx.paths,
        &named(&binary, crate::process::Program::on_path("mobility")),
    )
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

/// How to start this binary's `remind` with the paths now in effect:
/// every location a variable chose, and each `--routines-dir` made
/// absolute (cron starts jobs in the home directory).
fn invocation(paths: &Paths, binary: &Path) -> Result<Invocation> {
    let dirs = paths
        .extra_routines
        .iter()
        .map(|d| std::path::absolute(d).map_err(|e| Error::io(d, e)))
        .collect::<Result<Vec<_>>>()?;
    let dir_refs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    Invocation::new(binary, &paths.carried(), &dir_refs).map_err(|e| Error::Usage(e.to_string()))
}

/// The cargo build directory `binary` lies in, if any: an ancestor that
/// holds cargo's `CACHEDIR.TAG`, or one named `target` beside a
/// `Cargo.toml`.
fn cargo_target(binary: &Path, is_file: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    binary.ancestors().skip(1).find_map(|dir| {
        let tagged = is_file(&dir.join("CACHEDIR.TAG"));
        let named = dir.file_name().is_some_and(|n| n == "target")
            && dir.parent().is_some_and(|p| is_file(&p.join("Cargo.toml")));
        (tagged || named).then(|| dir.to_path_buf())
    })
}

#[cfg(test)]
mod tests;
