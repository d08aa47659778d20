//! `history`, `due`, `remind` and `cron`: the habit side of mobility.

use std::time::Duration;

use jiff::ZonedDateTime;
use serde_json::json;

use super::Context;
use crate::cli::{CronArgs, DueArgs, HistoryArgs, RemindArgs};
use crate::config;
use crate::error::{Error, Exit, Result, Stdout};
use crate::history::{self, Filter, Record};
use crate::remind::{self, Window};
use crate::routine::library;
use crate::text::{clock, plural};

/// How long `remind` waits for the desktop to take a notification.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(3);

/// Reads the history, printing its warnings once on stderr.
fn read_history(ctx: &Context) -> Result<Vec<Record>> {
    let path = &ctx.paths.history_file.path;
    let log = history::read(path).map_err(|e| Error::io(path, e))?;
    for warning in &log.warnings {
        ctx.warn(warning);
    }
    Ok(log.records)
}

/// `mobility history`.
pub fn history(ctx: &Context, args: HistoryArgs) -> Result<Exit> {
    let now = ZonedDateTime::now();
    let since = match &args.since {
        Some(text) => Some(
            history::parse_since(text)
                .and_then(|s| s.cutoff(&now))
                .map_err(|e| Error::Usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    let records = read_history(ctx)?;
    let summary = history::summarize(&records, &now);
    let filter = Filter {
        routine: args.routine.as_deref().map(routine_arg),
        since,
        limit: Some(args.limit),
    };
    let chosen = filter.apply(&records);
    let mut out = Stdout::lock();
    if args.json {
        let json = json!({
            "records": chosen.iter().rev().collect::<Vec<_>>(),
            "summary": {
                "current_streak": summary.current_streak,
                "longest_streak": summary.longest_streak,
                "runs_this_week": summary.runs_this_week,
                "total_runs": summary.total_runs,
                "completed_runs": summary.completed_runs,
            },
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        )?;
        return Ok(Exit::Success);
    }
    if chosen.is_empty() {
        if records.is_empty() {
            writeln!(
                out,
                "No runs yet. Start one with `mobility run wall-flexion`."
            )?;
        } else {
            writeln!(out, "No runs match.")?;
        }
    }
    let tz = now.time_zone().clone();
    let width = chosen
        .iter()
        .map(|r| r.routine.chars().count())
        .max()
        .unwrap_or(0);
    for r in chosen.iter().rev() {
        let started = r.started_at.in_zone(&tz);
        let how = if r.completed && r.steps_skipped > 0 {
            format!("completed, {} skipped", r.steps_skipped)
        } else if r.completed {
            "completed".to_string()
        } else {
            format!("stopped, {} of {} steps", r.steps_done, r.steps_total)
        };
        writeln!(
            out,
            "{}  {:<width$}  {:>6}  {how}",
            started.strftime("%Y-%m-%d %H:%M"),
            r.routine,
            clock(Duration::try_from_secs_f64(r.active_seconds).unwrap_or(Duration::MAX)),
        )?;
    }
    if !records.is_empty() {
        writeln!(out)?;
    }
    let days = |n: usize| plural(n as u64, "day");
    let runs = |n: usize| plural(n as u64, "run");
    writeln!(
        out,
        "Streak: {} (longest {}) · {} this week · {} completed of {}",
        days(summary.current_streak),
        days(summary.longest_streak),
        runs(summary.runs_this_week),
        summary.completed_runs,
        runs(summary.total_runs),
    )?;
    Ok(Exit::Success)
}

/// The window for `due` and `remind`: `--within`, the config, or today.
fn window(ctx: &Context, within: Option<Duration>) -> Result<Window> {
    let within = match within {
        Some(w) => Some(w),
        None => config::load(&ctx.paths.config_file.path)?.within,
    };
    Ok(within.map_or(Window::Today, Window::Within))
}

/// `mobility due`: exit 0 and say so when due, exit 1 quietly when not.
pub fn due(ctx: &Context, args: DueArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let window = window(ctx, args.within)?;
    let now = ZonedDateTime::now();
    let records = read_history(ctx)?;
    let status = remind::check(&records, &found.routine.id, &now, window);
    if !status.due {
        return Ok(Exit::No);
    }
    writeln!(
        Stdout::lock(),
        "{}",
        remind::due_line(&args.routine, &status, &now)
    )?;
    Ok(Exit::Success)
}

/// "2 min", or "45 s" for a routine under a minute.
fn about(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min", (secs + 30) / 60)
    }
}

/// `mobility remind`: a desktop notification and a line on stdout when the
/// routine is due. Failing to notify is said on stderr, and is not an error:
/// cron mails the output either way.
pub fn remind(ctx: &Context, args: RemindArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let routine = &found.routine;
    if !args.always {
        let window = window(ctx, args.within)?;
        // An unreadable history must not silence the reminder cron relies on.
        let records = read_history(ctx).unwrap_or_else(|e| {
            ctx.warn(format!("{e}; reminding anyway"));
            Vec::new()
        });
        if !remind::check(&records, &routine.id, &ZonedDateTime::now(), window).due {
            return Ok(Exit::Success);
        }
    }
    let summary = format!("Time for {} — {}", routine.title, about(routine.total()));
    let body = format!(
        "Run: mobility run {}",
        remind::shell_word(&routine_arg(&args.routine))
    );
    writeln!(Stdout::lock(), "{summary}. {body}")?;
    if let Err(reason) = remind::notify(&summary, &body, NOTIFY_TIMEOUT) {
        ctx.warn(format!("no desktop notification: {reason}"));
    }
    Ok(Exit::Success)
}

/// A routine as a later command should name it: ids as they are, paths
/// made absolute (cron runs jobs from the home directory).
fn routine_arg(name: &str) -> String {
    match std::fs::canonicalize(name) {
        Ok(path) if library::is_path(name) => path.to_string_lossy().into_owned(),
        _ => name.to_string(),
    }
}

/// `mobility cron`: crontab lines that call `remind` at the given times.
pub fn cron(ctx: &Context, args: CronArgs) -> Result<Exit> {
    let times = remind::parse_times(&args.at).map_err(|e| Error::Usage(e.to_string()))?;
    let days = remind::parse_days(&args.days).map_err(|e| Error::Usage(e.to_string()))?;
    // Refuse an id that would only fail later, at 10:30 every morning.
    library::load(&args.routine, &ctx.paths)?;
    let binary = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::Other(format!("cannot find the path of this program: {e}")))?;
    let lines = remind::cron_lines(&binary, &routine_arg(&args.routine), &times, &days)
        .map_err(|e| Error::Usage(e.to_string()))?;
    Stdout::lock().write_all(lines.as_bytes())?;
    Ok(Exit::Success)
}
