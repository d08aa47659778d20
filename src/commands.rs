//! The commands themselves, one file each: each takes its parsed arguments
//! and writes to stdout, returning the exit code. What several of them
//! share is here.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod cron;
pub(crate) mod due;
pub(crate) mod edit;
pub(crate) mod history;
pub(crate) mod list;
pub(crate) mod man;
pub(crate) mod new;
pub(crate) mod paths;
pub(crate) mod program;
pub(crate) mod remind;
pub(crate) mod run;
pub(crate) mod schedule;
pub(crate) mod show;
pub(crate) mod status;

use std::ffi::OsStr;
use std::io::Write;
use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::Serialize;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::diagnostic::ParseError;
use crate::error::{Error, Result, Stdout};
use crate::history::Record;
use crate::paths::Paths;
use crate::remind::Window;
use crate::style;

/// What every command needs: where things are, the settings, the time,
/// and how to print.
#[derive(Debug)]
pub(crate) struct Context {
    /// Every location, the history's included (as the config places it,
    /// or as the defaults do when the config has problems).
    pub paths: Paths,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub err_color: bool,
    /// The config file, read once: the settings, or its problems.
    config: std::result::Result<Config, ParseError>,
    /// The defaults, lent out when the config has problems.
    defaults: Config,
    /// The config's problems have been said.
    warned: std::cell::Cell<bool>,
    /// The local time zone, found on first use.
    tz: std::sync::OnceLock<TimeZone>,
    /// A fixed time, for tests; the clock when `None`.
    fixed_now: Option<Timestamp>,
    /// Warnings are not printed (`status`, whose output shares a line with
    /// a prompt or a status bar).
    silent: bool,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Context> {
        let paths = Paths::from_env(cli.routines_dirs.clone())?;
        let config = crate::config::load(&paths.config_file.path);
        let ctx = Context::with(paths, config, crate::history::host_name)
            .colored(
                style::for_stream(cli.color, &std::io::stdout()),
                style::for_stream(cli.color, &std::io::stderr()),
            )
            .silenced(matches!(cli.command, Command::Status(_)));
        for note in &ctx.paths.ignored {
            ctx.warn(note);
        }
        Ok(ctx)
    }

    /// A context for the given paths and config result: the history's
    /// place settled from the config (the defaults' if it has problems),
    /// no colour, the real clock.
    fn with(
        paths: Paths,
        config: std::result::Result<Config, ParseError>,
        host_name: impl FnOnce() -> Option<String>,
    ) -> Context {
        let settled = config.as_ref().ok().cloned().unwrap_or_default();
        let dir = settled.history_dir(paths.home.as_deref());
        let paths = paths.with_history(dir, settled.machine, host_name);
        Context {
            paths,
            color: false,
            err_color: false,
            config,
            defaults: Config::default(),
            warned: std::cell::Cell::new(false),
            tz: std::sync::OnceLock::new(),
            fixed_now: None,
            silent: false,
        }
    }

    fn colored(mut self, color: bool, err_color: bool) -> Context {
        self.color = color;
        self.err_color = err_color;
        self
    }

    fn silenced(mut self, silent: bool) -> Context {
        self.silent = silent;
        self
    }

    /// The settings, for every command that can do without the file: a
    /// file with problems is named in one warning (the first time it is
    /// asked for) and the defaults stand in, so that a typo never silences
    /// a reminder.
    pub fn config(&self) -> &Config {
        match &self.config {
            Ok(config) => config,
            Err(problems) => {
                if !self.warned.replace(true) {
                    self.warn(crate::config::ignored_warning(problems));
                }
                &self.defaults
            }
        }
    }

    /// The settings, for `run` and the commands that write a reminder
    /// down: a file with problems is an error, which ends by saying where
    /// the whole list is.
    pub fn strict_config(&self) -> Result<&Config> {
        self.config.as_ref().map_err(|problems| {
            Error::Other(format!(
                "{problems}\n  hint: fix the file first; see `mobility config check`"
            ))
        })
    }

    /// Where the history is kept, as the config places it (said once if
    /// the config is ignored).
    pub fn history_store(&self) -> crate::history::Store {
        self.config();
        self.paths.history_store()
    }

    /// Whether the config file has problems, and the defaults stand in.
    pub fn config_ignored(&self) -> bool {
        self.config.is_err()
    }

    /// The config file's problems, for `config check` to list.
    pub fn config_problems(&self) -> Option<&ParseError> {
        self.config.as_ref().err()
    }

    /// The local time zone, the one place it is worked out: what `TZ` says,
    /// unless it names a file that is not a regular file (a FIFO would
    /// block, `/dev/zero` would be read forever), which is ignored with a
    /// warning.
    pub fn tz(&self) -> TimeZone {
        self.tz
            .get_or_init(|| local_zone(std::env::var_os("TZ").as_deref(), |m| self.warn(m)))
            .clone()
    }

    /// Now, in the local time zone: the clock, or the time a test fixed.
    pub fn now(&self) -> ZonedDateTime {
        self.fixed_now
            .unwrap_or_else(Timestamp::now)
            .to_zoned_datetime(self.tz())
    }

    /// A context for in-process tests: the files under `dir` (nothing of
    /// the caller's environment), `config` as if read from the file, UTC,
    /// and the clock stopped at `now`.
    #[cfg(test)]
    pub fn fixed(
        dir: &std::path::Path,
        config: std::result::Result<Config, ParseError>,
        now: Timestamp,
    ) -> Context {
        let var = |name: &str| match name {
            "XDG_CONFIG_HOME" => Some(dir.join("config").into_os_string()),
            "XDG_STATE_HOME" => Some(dir.join("state").into_os_string()),
            "XDG_CACHE_HOME" => Some(dir.join("cache").into_os_string()),
            _ => None,
        };
        let paths =
            Paths::resolve(var, Some(dir.join("home")), Vec::new()).expect("absolute directories");
        let ctx = Context::with(paths, config, || Some("test-machine".to_owned()));
        let _ = ctx.tz.set(TimeZone::UTC);
        Context {
            fixed_now: Some(now),
            silent: true,
            ..ctx
        }
    }

    /// Prints a warning on stderr.
    pub fn warn(&self, message: impl std::fmt::Display) {
        if self.silent {
            return;
        }
        say(format_args!(
            "{} {message}",
            style::warning_label(self.err_color)
        ));
    }
}

/// The system's zone file, used when `TZ` can't be.
const LOCALTIME: &str = "/etc/localtime";

/// The local time zone given the value of `TZ`. A `TZ` that names a path
/// (`/usr/share/zoneinfo/X` or `:/...`) is used only if that is a regular
/// file; otherwise `warn` is told, and the zone comes from
/// `/etc/localtime`, or is UTC.
fn local_zone(tz: Option<&OsStr>, warn: impl FnOnce(String)) -> TimeZone {
    let Some(value) = tz else {
        return TimeZone::system();
    };
    use std::os::unix::ffi::OsStrExt;
    // POSIX: a leading `:` says "implementation-defined", which for the
    // C library and jiff alike means a file.
    let bytes = value.as_bytes();
    let bytes = bytes.strip_prefix(b":").unwrap_or(bytes);
    if !bytes.starts_with(b"/") {
        return TimeZone::system();
    }
    let path = std::path::Path::new(OsStr::from_bytes(bytes));
    let kind = match std::fs::metadata(path) {
        Ok(meta) => crate::diagnostic::irregular(&meta),
        // Missing: jiff finds nothing to read and falls back by itself.
        Err(_) => None,
    };
    let Some(kind) = kind else {
        return TimeZone::system();
    };
    warn(format!(
        "ignoring TZ={}: it is {kind}, not a time zone file; using {LOCALTIME}",
        crate::text::quote(&value.to_string_lossy())
    ));
    system_zone_file().unwrap_or(TimeZone::UTC)
}

/// The zone in `/etc/localtime`, read with the same care as any file.
fn system_zone_file() -> Option<TimeZone> {
    let path = std::path::Path::new(LOCALTIME);
    let data = crate::diagnostic::read_bounded(path, 1024 * 1024, "a time zone file").ok()?;
    // Named as the IANA id it links to, when it does (as it usually does).
    let target = std::fs::read_link(path).ok();
    let name = target
        .as_ref()
        .and_then(|t| t.to_str())
        .and_then(|t| t.split_once("zoneinfo/"))
        .map_or("Local", |(_, id)| id);
    TimeZone::tzif(name, &data).ok()
}

pub(crate) use crate::text::is_dumb;

/// Makes a write past `ulimit -f` fail with an error (EFBIG) that can be
/// reported, instead of SIGXFSZ killing the process without a word. Any
/// handler will do; signal-hook can't set SIG_IGN, so a flag nobody reads
/// stands in for it.
fn survive_file_size_limit() {
    use std::sync::{Arc, atomic::AtomicBool};
    let unread = Arc::new(AtomicBool::new(false));
    // Without the handler a write past the limit still ends the process,
    // as it did before: nothing to report.
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, unread);
}

/// Prints a line on stderr. Unlike `eprintln!`, a stderr that has gone
/// away (a closed terminal) is not a reason to panic.
fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a view as pretty JSON on stdout, for `--json`.
fn print_json(view: &impl Serialize) -> Result<()> {
    let json = serde_json::to_string_pretty(view)
        .map_err(|e| Error::Other(format!("cannot write JSON: {e}")))?;
    writeln!(Stdout::lock(), "{json}")?;
    Ok(())
}

/// The longest warning about one history line, in characters.
const WARNING_CHARS: usize = 400;

/// Reads the history (every machine's, from a history directory),
/// printing its warnings once on stderr.
fn read_history(ctx: &Context) -> Result<Vec<Record>> {
    Ok(read_log(ctx)?.records)
}

/// [`read_history`], with the lines of other kinds (programs' moves) too.
fn read_log(ctx: &Context) -> Result<crate::history::Log> {
    let store = ctx.history_store();
    let mut log = store.read().map_err(|(path, e)| Error::io(path, e))?;
    let unusable: Vec<_> = crate::program::progress::unreadable(&log.other)
        .into_iter()
        .map(|(o, why)| (o.path.clone(), o.line, why, o.value.to_string()))
        .collect();
    for (path, line, why, value) in unusable {
        log.warn_unusable(path, line, &why, &value);
    }
    for warning in log.warning_lines() {
        // One line each, but naming a path that may hold anything.
        ctx.warn(crate::text::escape(&warning, WARNING_CHARS));
    }
    Ok(log)
}

/// The window for `due` and `remind`: `--within`, the config, or today.
fn window(ctx: &Context, within: Option<Duration>) -> Result<Window> {
    let within = within.or(ctx.config().within);
    Ok(within.map_or(Window::Today, Window::Within))
}

#[cfg(test)]
mod tests;
