//! The systemd and launchd backends: unit files or a plist written into
//! the user's directory, then handed to `systemctl --user` or `launchctl`.
//! When the tool fails, the files are put back as they were. When it is
//! not installed at all, the files stay and a warning says what to run
//! where it is (a home directory shared with another machine, say).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::{ToolError, read_if_there, run_tool, shown_command};
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::remind::Invocation;
use crate::remind::schedule::{self, Backend, Entry, launchd, systemd};
use crate::text;

/// `$XDG_CONFIG_HOME/systemd/user`.
pub(super) fn systemd_dir(ctx: &Context) -> PathBuf {
    ctx.paths.systemd_units.path.clone()
}

/// `~/Library/LaunchAgents`.
pub(super) fn launchd_dir(ctx: &Context) -> Option<PathBuf> {
    ctx.paths.launch_agents.as_ref().map(|l| l.path.clone())
}

fn usage(e: crate::remind::ScheduleError) -> Error {
    Error::Usage(e.to_string())
}

/// Writes the `.service` and `.timer`, then `daemon-reload` and
/// `enable --now` the timer.
pub(super) fn add_systemd(ctx: &Context, invocation: &Invocation, entry: &Entry) -> Result<()> {
    let stem = systemd::unit_stem(&entry.routine).map_err(usage)?;
    let dir = systemd_dir(ctx);
    let files = [
        (
            dir.join(format!("{stem}.service")),
            systemd::service(invocation, &entry.routine).map_err(usage)?,
        ),
        (
            dir.join(format!("{stem}.timer")),
            systemd::timer(&entry.routine, &entry.at, &entry.days).map_err(usage)?,
        ),
    ];
    refuse_links(
        files.iter().map(|(p, _)| p.as_path()),
        "nothing was installed",
    )?;
    let timer = format!("{stem}.timer");
    let steps: [&[&str]; 2] = [
        &["--user", "daemon-reload"],
        &["--user", "enable", "--now", &timer],
    ];
    // The old units were never disabled: once they are back and reloaded,
    // the old timer runs as it did.
    let reinstate = |replaced: bool| {
        let _ = run_tool(
            "systemctl",
            &[OsStr::new("--user"), OsStr::new("daemon-reload")],
            None,
        );
        if replaced {
            "the reminder installed before is back as it was".to_owned()
        } else {
            String::new()
        }
    };
    install(ctx, &dir, &files, "systemctl", &steps, &reinstate)
}

/// Writes the plist, then `launchctl load -w` it (after unloading the
/// one it replaces).
pub(super) fn add_launchd(ctx: &Context, invocation: &Invocation, entry: &Entry) -> Result<()> {
    let label = launchd::label(&entry.routine).map_err(usage)?;
    let dir = launchd_dir(ctx).ok_or_else(|| {
        Error::Other("cannot find the home directory for ~/Library/LaunchAgents".into())
    })?;
    let path = dir.join(format!("{label}.plist"));
    let text = launchd::plist(invocation, &entry.routine, &entry.at, &entry.days).map_err(usage)?;
    refuse_links([path.as_path()], "nothing was installed")?;
    // The agent it replaces, unloaded first. Whether that worked says
    // whether it was loaded, and so whether to load it again should the
    // new one fail.
    let was_loaded = path.exists()
        && run_tool("launchctl", &[OsStr::new("unload"), path.as_os_str()], None).is_ok();
    let path_text = path.to_string_lossy().into_owned();
    let steps: [&[&str]; 1] = [&["load", "-w", &path_text]];
    let reinstate = |replaced: bool| {
        let shown = text::path(&path);
        if !replaced {
            return String::new();
        }
        if !was_loaded {
            return format!(
                "the reminder installed before is back in `{shown}`, not loaded, as it was"
            );
        }
        let load = [OsStr::new("load"), OsStr::new("-w"), path.as_os_str()];
        match run_tool("launchctl", &load, None) {
            Ok(_) => "the reminder installed before is back and loaded again".to_owned(),
            Err(e) => format!(
                "the reminder installed before is back in `{shown}` but not loaded, so it will not fire ({}: {})\n  hint: run `{}` once launchctl works",
                shown_command("launchctl", &load),
                match e {
                    ToolError::Missing => "launchctl is gone from PATH".to_owned(),
                    ToolError::Failed(said) => said,
                },
                shown_command("launchctl", &load)
            ),
        }
    };
    install(
        ctx,
        &dir,
        &[(path.clone(), text)],
        "launchctl",
        &steps,
        &reinstate,
    )
}

/// Writes `files`, then runs each step of `program`. A failing step puts
/// every file back as it was, then `reinstate` brings the scheduler back to
/// its old state (told whether there were old files) and says what state
/// is left; a missing program leaves them written and warns with the
/// commands to run.
fn install(
    ctx: &Context,
    dir: &Path,
    files: &[(PathBuf, String)],
    program: &str,
    steps: &[&[&str]],
    reinstate: &dyn Fn(bool) -> String,
) -> Result<()> {
    for (path, text) in files {
        if text.len() as u64 > schedule::MAX_FILE {
            return Err(Error::Other(format!(
                "`{}` would be {} KiB, more than {} KiB, the limit for {} (the most mobility reads back): nothing was installed\n  hint: give fewer times or days, or use `--backend cron`",
                text::path(path),
                text.len().div_ceil(1024),
                schedule::MAX_FILE / 1024,
                schedule::FILE_WHAT
            )));
        }
    }
    // The directories made here, deepest first, taken away again on
    // failure.
    let made: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let old = files
        .iter()
        .map(|(path, _)| read_if_there(path))
        .collect::<Result<Vec<_>>>()?;
    let restore = || {
        for ((path, _), old) in files.iter().zip(&old) {
            let _ = match old {
                Some(bytes) => crate::atomic_file::write(path, bytes),
                None => std::fs::remove_file(path),
            };
        }
        for dir in &made {
            // Only if empty: never anything that is not ours.
            let _ = std::fs::remove_dir(dir);
        }
    };
    let replaced = old.iter().any(Option::is_some);
    // What is left once the files are back, for the message.
    let left = || match reinstate(replaced) {
        state if state.is_empty() => "nothing was installed".to_owned(),
        state => format!("nothing was installed; {state}"),
    };
    for (path, text) in files {
        if let Err(e) = crate::atomic_file::write(path, text.as_bytes()) {
            restore();
            return Err(Error::Other(format!(
                "cannot write `{}`: {}\n  {}",
                text::path(path),
                crate::diagnostic::io_message(&e),
                left()
            )));
        }
    }
    for step in steps {
        let args: Vec<&OsStr> = step.iter().map(OsStr::new).collect();
        match run_tool(program, &args, None) {
            Ok(_) => {}
            Err(ToolError::Missing) => {
                let todo: Vec<String> = steps
                    .iter()
                    .map(|s| shown_command(program, &s.iter().map(OsStr::new).collect::<Vec<_>>()))
                    .collect();
                ctx.warn(format!(
                    "`{program}` is not on PATH: wrote {}, but nothing is enabled\n  hint: where {program} runs, run: {}",
                    written(files),
                    todo.join(" && ")
                ));
                return Ok(());
            }
            Err(ToolError::Failed(said)) => {
                restore();
                return Err(Error::Other(format!(
                    "`{}` failed: {said}\n  {}; hint: see whether `{program}` works here, or choose another `--backend`",
                    shown_command(program, &args),
                    left()
                )));
            }
        }
    }
    Ok(())
}

/// Refuses when a symbolic link stands where one of mobility's files goes.
/// mobility never makes links there, so it is someone else's: writing
/// through it would put unit text into whatever file it points to, and
/// deleting it would leave that file holding it.
fn refuse_links<'p>(paths: impl IntoIterator<Item = &'p Path>, outcome: &str) -> Result<()> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            let target = std::fs::read_link(path).unwrap_or_default();
            return Err(Error::Other(format!(
                "`{}` is a symbolic link (to `{}`), not a file mobility wrote, and mobility never writes or deletes through a link: {outcome}\n  hint: remove the link (the file it points to is not touched) and run the command again",
                text::path(path),
                text::path(&target)
            )));
        }
    }
    Ok(())
}

/// The files written, for a message.
fn written(files: &[(PathBuf, String)]) -> String {
    files
        .iter()
        .map(|(p, _)| format!("`{}`", text::path(p)))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Each routine with a timer or plist of mobility's in `backend`'s
/// directory, with the file.
fn installed(ctx: &Context, backend: Backend) -> Result<Vec<(String, PathBuf)>> {
    let (dir, routine_of): (_, fn(&str) -> Option<&str>) = match backend {
        Backend::Systemd => (Some(systemd_dir(ctx)), systemd::routine_of),
        _ => (launchd_dir(ctx), launchd::routine_of),
    };
    let Some(dir) = dir else { return Ok(vec![]) };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            Some((routine_of(&name)?.to_owned(), e.path()))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// The reminders in `backend`'s directory, read back from their files.
pub(super) fn entries(ctx: &Context, backend: Backend) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (routine, path) in installed(ctx, backend)? {
        let bytes = crate::diagnostic::read_bounded(&path, schedule::MAX_FILE, schedule::FILE_WHAT)
            .map_err(Error::Invalid)?;
        let text = String::from_utf8_lossy(&bytes);
        out.push(match backend {
            Backend::Systemd => systemd::parse_timer(&routine, &text),
            _ => launchd::parse_plist(&routine, &text),
        });
    }
    Ok(out)
}

/// Disables and deletes one routine's files, or all of mobility's;
/// returns the routines removed. A tool that fails leaves that routine's
/// files in place.
pub(super) fn remove(ctx: &Context, backend: Backend, only: Option<&str>) -> Result<Vec<String>> {
    let program = if backend == Backend::Systemd {
        "systemctl"
    } else {
        "launchctl"
    };
    let mut removed = Vec::new();
    let mut missing = false;
    for (routine, path) in installed(ctx, backend)? {
        if only.is_some_and(|o| o != routine) {
            continue;
        }
        let mut files = vec![path.clone()];
        if backend == Backend::Systemd {
            files.push(path.with_extension("service"));
        }
        refuse_links(
            files.iter().map(PathBuf::as_path),
            &format!("nothing was removed for {}", text::quote(&routine)),
        )?;
        let file_name = path.file_name().unwrap_or_default().to_owned();
        let args: Vec<&OsStr> = match backend {
            Backend::Systemd => vec![
                "--user".as_ref(),
                "disable".as_ref(),
                "--now".as_ref(),
                &file_name,
            ],
            _ => vec!["unload".as_ref(), "-w".as_ref(), path.as_os_str()],
        };
        match run_tool(program, &args, None) {
            Ok(_) => {}
            Err(ToolError::Missing) => missing = true,
            Err(ToolError::Failed(said)) => {
                return Err(Error::Other(format!(
                    "`{}` failed: {said}\n  {} was left in place; hint: see whether `{program}` works here, or delete the file by hand",
                    shown_command(program, &args),
                    text::quote(&routine)
                )));
            }
        }
        for file in files {
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&file, e));
                }
                _ => {}
            }
        }
        removed.push(routine);
    }
    let reload = || {
        run_tool(
            program,
            &[OsStr::new("--user"), OsStr::new("daemon-reload")],
            None,
        )
    };
    if backend == Backend::Systemd
        && !removed.is_empty()
        && !missing
        && let Err(ToolError::Failed(said)) = reload()
    {
        ctx.warn(format!("`systemctl --user daemon-reload` failed: {said}"));
    }
    if missing && !removed.is_empty() {
        ctx.warn(format!(
            "`{program}` is not on PATH: the files are deleted, but whatever {program} had loaded from them is not stopped"
        ));
    }
    Ok(removed)
}
