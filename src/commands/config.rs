//! `mobility config check|show|edit`. The rule for a config file with
//! problems lives in [`Context`]: a one-line warning for a command that
//! can do without it, an error for `run`, `cron` and `schedule add`, a
//! silent exit 2 for `status`.

use std::path::Path;

use super::{Context, edit};
use crate::cli::ConfigCommand;
use crate::config;
use crate::diagnostic::ParseError;
use crate::error::{Error, Exit, Result, Stdout};
use crate::paths::{MachineOrigin, Origin};
use crate::text::{self, human};

/// `mobility config`.
pub(crate) fn config(ctx: &Context, command: ConfigCommand) -> Result<Exit> {
    let path = &ctx.paths.config_file.path;
    match command {
        ConfigCommand::Check => check(path, ctx.config_problems()),
        ConfigCommand::Show => show(ctx),
        ConfigCommand::Edit => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            edit::open(path)?;
            // Read again: the editor has changed it.
            check(path, config::load(path).err().as_ref())
        }
    }
}

/// `config check`: every problem with its line and column (exit 1), or ok.
fn check(path: &Path, problems: Option<&ParseError>) -> Result<Exit> {
    let mut out = Stdout::lock();
    let shown = text::path(path);
    if std::fs::symlink_metadata(path).is_err() {
        writeln!(
            out,
            "`{shown}` does not exist: every setting has its default"
        )?;
        return Ok(Exit::Success);
    }
    match problems {
        None => {
            writeln!(out, "`{shown}` ok")?;
            Ok(Exit::Success)
        }
        Some(problems) => {
            writeln!(out, "{problems}")?;
            Ok(Exit::No)
        }
    }
}

/// Where a setting's value came from.
const DEFAULT: &str = "default";
const FILE: &str = "config file";

/// `config show`: each setting, its value, and where that came from.
fn show(ctx: &Context) -> Result<Exit> {
    let c = ctx.config();
    let path = &ctx.paths.config_file;
    let exists = std::fs::symlink_metadata(&path.path).is_ok();
    let from = |set: bool| if set { FILE } else { DEFAULT };
    let duration = |d: Option<std::time::Duration>, default: &str| match d {
        Some(d) => (human(d), FILE),
        None => (default.to_string(), DEFAULT),
    };
    let sound = match c.sound {
        Some(s) => (format!("{s:?}").to_lowercase(), FILE),
        None => (
            "tones when a player is found, else the bell".to_string(),
            DEFAULT,
        ),
    };
    let command = |words: &Option<Vec<String>>, default: String| match words {
        Some(words) => (
            text::escape(
                &words
                    .iter()
                    .map(|w| crate::process::shell_word(w))
                    .collect::<Vec<_>>()
                    .join(" "),
                200,
            ),
            FILE,
        ),
        None => (default, DEFAULT),
    };
    let sound_command = command(
        &c.sound_command,
        format!(
            "the first of {} on PATH",
            crate::ui::cues::PLAYERS.join(", ")
        ),
    );
    let voice_command = command(
        &c.voice_command,
        format!(
            "the first of {} on PATH",
            crate::ui::cues::SPEECH_PROGRAMS.join(", ")
        ),
    );
    let (lead_in, lead_in_from) = duration(c.lead_in, "each routine's own");
    let (end_screen, end_screen_from) = duration(c.end_screen, &human(config::END_SCREEN));
    let (within, within_from) = duration(c.within, "today");
    let (snooze, snooze_from) = duration(c.snooze, &human(super::remind::DEFAULT_SNOOZE));
    let terminal = command(
        &c.terminal,
        // Ten of them, too many for a row: the first two, and the README
        // for the rest.
        format!(
            "the first of {}, … on PATH",
            crate::remind::TERMINALS
                .iter()
                .take(2)
                .filter_map(|argv| argv.first().copied())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|var| {
            let value = std::env::var_os(var).filter(|v| !v.is_empty())?;
            Some((
                text::escape(&value.to_string_lossy(), 200),
                format!("environment (${var})"),
            ))
        })
        .unwrap_or_else(|| ("vi".to_string(), DEFAULT.to_string()));
    let (history_dir, machine) = history(ctx);
    let rows = [
        ("run.sound", sound.0, sound.1.to_string()),
        (
            "run.sound_command",
            sound_command.0,
            sound_command.1.to_string(),
        ),
        (
            "run.quiet",
            c.quiet.unwrap_or(false).to_string(),
            from(c.quiet.is_some()).to_string(),
        ),
        (
            "run.voice",
            c.voice.unwrap_or(false).to_string(),
            from(c.voice.is_some()).to_string(),
        ),
        (
            "run.voice_command",
            voice_command.0,
            voice_command.1.to_string(),
        ),
        ("run.lead_in", lead_in, lead_in_from.to_string()),
        ("run.end_screen", end_screen, end_screen_from.to_string()),
        ("remind.within", within, within_from.to_string()),
        ("remind.snooze", snooze, snooze_from.to_string()),
        ("remind.terminal", terminal.0, terminal.1.to_string()),
        ("history.history_dir", history_dir.0, history_dir.1),
        ("history.machine", machine.0, machine.1.to_string()),
        ("editor", editor.0, editor.1),
    ];
    let mut out = Stdout::lock();
    writeln!(
        out,
        "config file: {}  ({}{})",
        text::path(&path.path),
        path.origin,
        if exists { "" } else { "; not found" }
    )?;
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let value_width = rows.iter().map(|r| text::width(&r.1)).max().unwrap_or(0);
    for (name, value, from) in rows {
        let pad = " ".repeat(value_width - text::width(&value));
        writeln!(out, "{name:<width$}  {value}{pad}  {from}")?;
    }
    Ok(Exit::Success)
}

/// The `[history]` rows of `config show`: the history directory (from
/// `MOBILITY_HISTORY_DIR`, which wins, or the config) and this machine's
/// name (from the config, else the host name), each with its origin.
fn history(ctx: &Context) -> ((String, String), (String, &'static str)) {
    let c = ctx.config();
    let dir = match &ctx.paths.history_dir {
        Some(dir) => (
            text::path(&dir.path),
            match &dir.origin {
                Origin::Env(var) => format!("environment (${var})"),
                Origin::Config(_) => FILE.to_string(),
                origin => origin.to_string(),
            },
        ),
        // Set as `~/…` with no home directory to put in front.
        None if c.history_dir.is_some() => (
            "none: `~/` needs a home directory; one file in the state directory".to_string(),
            FILE.to_string(),
        ),
        None => (
            "none: one file in the state directory".to_string(),
            DEFAULT.to_string(),
        ),
    };
    let machine = &ctx.paths.machine;
    let name = text::escape(&machine.name, 200);
    let machine = match machine.origin {
        MachineOrigin::Config => (name, FILE),
        MachineOrigin::HostName => (format!("host name `{name}`"), DEFAULT),
        MachineOrigin::Unnamed => (format!("`{name}`: no host name found"), DEFAULT),
    };
    (dir, machine)
}
