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
    let mut rows: Vec<(String, String, String)> = config::SETTINGS
        .iter()
        .map(|setting| {
            let (value, from) = match setting.kind {
                // Where the history is also depends on the environment.
                config::Kind::Path => history_dir(ctx),
                config::Kind::Machine => machine(ctx),
                _ => match setting.shown(c) {
                    Some(value) => (value, FILE.to_string()),
                    None => (default(setting.default), DEFAULT.to_string()),
                },
            };
            (setting.name(), value, from)
        })
        .collect();
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
    rows.push(("editor".to_string(), editor.0, editor.1));
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

/// A setting's default, in words.
fn default(default: config::Default) -> String {
    let first_of = |names: &[&str]| format!("the first of {} on PATH", names.join(", "));
    match default {
        config::Default::Words(words) => words.to_string(),
        config::Default::Duration(d) => human(d),
        config::Default::FirstOnPath(config::Programs::Players) => {
            first_of(crate::ui::cues::PLAYERS)
        }
        config::Default::FirstOnPath(config::Programs::Speech) => {
            first_of(crate::ui::cues::SPEECH_PROGRAMS)
        }
        // Ten of them, too many for a row: the first two, and the
        // reference for the rest.
        config::Default::FirstOnPath(config::Programs::Terminals) => format!(
            "the first of {}, … on PATH",
            crate::remind::TERMINALS
                .iter()
                .take(2)
                .filter_map(|argv| argv.first().copied())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

/// The `history_dir` row: from `MOBILITY_HISTORY_DIR`, which wins, or the
/// config, with its origin.
fn history_dir(ctx: &Context) -> (String, String) {
    match &ctx.paths.history_dir {
        Some(dir) => (
            text::path(&dir.path),
            match &dir.origin {
                Origin::Env(var) => format!("environment (${var})"),
                Origin::Config(_) => FILE.to_string(),
                origin => origin.to_string(),
            },
        ),
        // Set as `~/…` with no home directory to put in front.
        None if ctx.config().history_dir.is_some() => (
            "none: `~/` needs a home directory; one file in the state directory".to_string(),
            FILE.to_string(),
        ),
        None => (
            "none: one file in the state directory".to_string(),
            DEFAULT.to_string(),
        ),
    }
}

/// The `machine` row: this machine's name (from the config, else the
/// host name) and its origin.
fn machine(ctx: &Context) -> (String, String) {
    let machine = &ctx.paths.machine;
    let name = text::escape(&machine.name, 200);
    let (value, from) = match machine.origin {
        MachineOrigin::Config => (name, FILE),
        MachineOrigin::HostName => (format!("host name `{name}`"), DEFAULT),
        MachineOrigin::Unnamed => (format!("`{name}`: no host name found"), DEFAULT),
    };
    (value, from.to_string())
}
