//! `mobility schedule add|list|remove`: reminders installed into cron,
//! systemd or launchd. What the files say is made in
//! [`crate::remind::schedule`]; here they are read, written and handed to
//! `crontab`, `systemctl` or `launchctl`, and undone when a step fails.

mod crontab;
mod daemon;
mod display;
mod units;

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use super::Context;
use crate::cli::{ScheduleAddArgs, ScheduleCommand, ScheduleListArgs, ScheduleRemoveArgs};
use crate::error::{Error, Exit, Result, Stdout};
use crate::process::{Bounds, Program, shell_word};
use crate::remind::schedule::{self, Backend, Entry, Found, list_line};
use crate::routine::library;

/// `mobility schedule`.
pub(crate) fn schedule(ctx: &Context, command: ScheduleCommand) -> Result<Exit> {
    match command {
        ScheduleCommand::Add(args) => add(ctx, args),
        ScheduleCommand::List(args) => list(ctx, args),
        ScheduleCommand::Remove(args) => remove(ctx, args),
    }
}

/// `schedule add`: checked like `cron`, then installed; replaces the
/// routine's earlier reminder in the same scheduler.
fn add(ctx: &Context, args: ScheduleAddArgs) -> Result<Exit> {
    if !library::is_id(&args.routine) {
        return Err(Error::Usage(format!(
            "{} is not a routine id: `schedule` names routines by id\n  hint: put the file in a directory and add `--routines-dir DIR`",
            crate::text::quote(&args.routine)
        )));
    }
    let invocation = super::cron::checked_invocation(ctx, &args.routine)?;
    let backend = match args.backend {
        Some(backend) => backend,
        None => schedule::choose(probe()).map_err(Error::Other)?,
    };
    let entry = Entry {
        routine: args.routine,
        at: args.at,
        days: args.days,
    };
    let mut needs_daemon = false;
    let mut table = None;
    match backend {
        Backend::Cron => {
            table = Some(crontab::add(&invocation, &entry).map_err(Error::Other)?);
            if !daemon::cron_running(&daemon::system_root()) {
                // Said after the line that it was installed, below.
                needs_daemon = true;
            }
        }
        Backend::Systemd => units::add_systemd(ctx, &invocation, &entry)?,
        Backend::Launchd => units::add_launchd(ctx, &invocation, &entry)?,
    }
    writeln!(
        Stdout::lock(),
        "installed {}",
        list_line(backend, &entry, &ctx.now())
    )?;
    if needs_daemon {
        ctx.warn(daemon::NOT_RUNNING);
    }
    if warn_if_no_terminal(ctx) {
        display::warn_if_none(ctx, backend, table.as_ref());
    }
    // Two schedulers would remind twice.
    for other in backends(ctx, None) {
        let twice = other != backend
            && entries(ctx, other).is_ok_and(|e| e.iter().any(|e| e.routine == entry.routine));
        if twice {
            ctx.warn(format!(
                "{} is also scheduled in {}, so it will remind twice\n  hint: `mobility schedule remove {} --backend {}`",
                crate::text::quote(&entry.routine),
                other.name(),
                entry.routine,
                other.name()
            ));
        }
    }
    Ok(Exit::Success)
}

/// Says, at install time rather than when it fires, that the Start
/// button will be missing: `terminal` is unset and no terminal of the
/// list is found.
fn warn_if_no_terminal(ctx: &Context) -> bool {
    if ctx.config().terminal.is_some() {
        return true;
    }
    let path = std::env::var_os("PATH");
    let terminal_var = std::env::var("TERMINAL").ok();
    let chosen = crate::remind::choose_terminal(
        None,
        terminal_var.as_deref(),
        cfg!(target_os = "macos"),
        |program| Program::find(program, path.as_deref()),
    );
    if matches!(chosen, crate::remind::Chosen::NoneFound) {
        let tried: Vec<String> = crate::remind::TERMINALS
            .iter()
            .map(|argv| format!("`{}`", argv[0]))
            .collect();
        ctx.warn(format!(
            "no terminal was found to open (`terminal` is unset, and none of {} is on PATH), so this reminder will have no Start button\n  hint: set `terminal` under [remind] in the config, such as `terminal = [\"foot\"]`",
            tried.join(", ")
        ));
        return false;
    }
    true
}

/// `schedule list`: every reminder found, one line each; with
/// `--backend`, only that scheduler's.
fn list(ctx: &Context, args: ScheduleListArgs) -> Result<Exit> {
    let now = ctx.now();
    let mut out = Stdout::lock();
    let mut any = false;
    let mut failed = None;
    for backend in backends(ctx, args.backend) {
        let found = match entries(ctx, backend) {
            Ok(found) => found,
            // One scheduler that can't be read says nothing of the
            // others: they are listed, then the error (exit 2).
            Err(e) => {
                failed.get_or_insert(e);
                continue;
            }
        };
        for entry in found {
            any = true;
            writeln!(out, "{}", list_line(backend, &entry, &now))?;
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if !any {
        writeln!(
            out,
            "no reminders installed; add one with `mobility schedule add ROUTINE --at HH:MM`"
        )?;
    }
    Ok(Exit::Success)
}

/// `schedule remove`: takes out one routine's reminders, or all of
/// mobility's; exits 1 when there was nothing to remove.
fn remove(ctx: &Context, args: ScheduleRemoveArgs) -> Result<Exit> {
    let only = args.routine.as_deref();
    let mut out = Stdout::lock();
    let mut removed = 0;
    for backend in backends(ctx, args.backend) {
        let names = match backend {
            Backend::Cron => crontab::remove(only).map_err(Error::Other)?,
            Backend::Systemd | Backend::Launchd => units::remove(ctx, backend, only)?,
        };
        for name in names {
            removed += 1;
            writeln!(
                out,
                "removed {} ({})",
                crate::text::escape(&name, crate::text::QUOTE_CHARS),
                backend.name()
            )?;
        }
    }
    if removed == 0 {
        let what = only.map_or_else(
            || "no reminders installed".to_owned(),
            |r| format!("no reminder for {} is installed", crate::text::quote(r)),
        );
        writeln!(out, "{what}; `mobility schedule list` shows what is")?;
        return Ok(Exit::No);
    }
    Ok(Exit::Success)
}

/// The schedulers to look in: the one given, or each that is found here.
fn backends(ctx: &Context, given: Option<Backend>) -> Vec<Backend> {
    if let Some(backend) = given {
        return vec![backend];
    }
    let mut found = Vec::new();
    if on_path("crontab").is_some() {
        found.push(Backend::Cron);
    }
    if units::systemd_dir(ctx).is_dir() {
        found.push(Backend::Systemd);
    }
    if units::launchd_dir(ctx).is_some_and(|d| d.is_dir()) {
        found.push(Backend::Launchd);
    }
    found
}

/// The reminders one scheduler holds.
fn entries(ctx: &Context, backend: Backend) -> Result<Vec<Entry>> {
    match backend {
        Backend::Cron => crontab::entries().map_err(Error::Other),
        Backend::Systemd | Backend::Launchd => units::entries(ctx, backend),
    }
}

/// What this machine offers, for the automatic choice. A systemd user
/// manager counts when `systemctl --user show-environment` succeeds: it
/// answers only when the manager runs and can be reached, which is what
/// `enable --now` will need (`is-system-running` fails on a merely
/// "degraded" system).
fn probe() -> Found {
    let systemd_user = run_tool_within(
        "systemctl",
        &[OsStr::new("--user"), OsStr::new("show-environment")],
        None,
        PROBE_TIMEOUT,
    )
    .is_ok();
    Found {
        macos: cfg!(target_os = "macos"),
        systemd_user,
        crontab: on_path("crontab").is_some(),
    }
}

/// Where `name` is on `PATH`, if it is there and executable.
fn on_path(name: &str) -> Option<Program> {
    Program::on_path(name)
}

/// How running a scheduler's tool went wrong.
#[derive(Debug)]
enum ToolError {
    /// It is not on `PATH`.
    Missing,
    /// It ran and failed; what it said, escaped, on one line.
    Failed(String),
}

/// How long a scheduler's tool may take: `crontab`, `systemctl` and
/// `launchctl` answer at once, unless something is wrong with them.
const TOOL_TIMEOUT: Duration = Duration::from_secs(30);

/// How long `systemctl --user show-environment` may take to say whether a
/// user manager runs.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The most a tool may print on stdout or stderr, 1 MiB: far more than
/// any crontab mobility would edit (which `crontab -l` prints whole).
const TOOL_OUTPUT: usize = 1024 * 1024;

/// Runs `program args...`, feeding it `input`; its stdout on success.
fn run_tool(program: &str, args: &[&OsStr], input: Option<&[u8]>) -> Result<Vec<u8>, ToolError> {
    run_tool_within(program, args, input, TOOL_TIMEOUT)
}

/// [`run_tool`], stopped if it has not finished within `timeout`, and
/// refused if it prints more than [`TOOL_OUTPUT`].
fn run_tool_within(
    program: &str,
    args: &[&OsStr],
    input: Option<&[u8]>,
    timeout: Duration,
) -> Result<Vec<u8>, ToolError> {
    let found = on_path(program).ok_or(ToolError::Missing)?;
    let bounds = Bounds {
        time: timeout,
        output: TOOL_OUTPUT,
    };
    found
        .run_bounded(args, input, bounds)
        .map_err(|e| ToolError::Failed(e.to_string()))
}

/// `program args...` as a person would type it, for messages.
fn shown_command(program: &str, args: &[&OsStr]) -> String {
    std::iter::once(program.to_owned())
        .chain(
            args.iter()
                .map(|a| shell_word(&crate::text::escape(&a.to_string_lossy(), 160))),
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// A file's contents, or `None` when it does not exist.
fn read_if_there(path: &Path) -> Result<Option<Vec<u8>>> {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    // Regular files only, and bounded: a FIFO put there would block.
    crate::diagnostic::read_bounded(path, schedule::MAX_FILE, schedule::FILE_WHAT)
        .map(Some)
        .map_err(Error::Invalid)
}
