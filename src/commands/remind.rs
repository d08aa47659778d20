//! `mobility remind`: a desktop notification when a routine is due, with
//! Start and Snooze buttons where the desktop offers them. Nothing is
//! printed when the notification went out, since cron mails whatever a job
//! prints; when it could not be shown, the reminder is printed instead, so
//! that the mail is the reminder. Failing to notify is not an error.

use std::ffi::OsString;
use std::time::{Duration, Instant};

use super::program::Habit;
use super::{Context, read_history, window};
use crate::cli::RemindArgs;
use crate::config::SNOOZE_RANGE;
use crate::error::{Error, Exit, Result, Stdout};
use crate::process::Program;
use crate::remind::{self, Answer, Button, Chosen, Terminal};
use crate::text;

/// How long `remind` waits for the desktop to take a notification.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(3);

/// How long `remind` waits for a button at most, if the notification has
/// not expired by then.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10 * 60);

const START: Button = Button {
    key: "start",
    label: "Start",
};
const SNOOZE: Button = Button {
    key: "snooze",
    label: "Snooze",
};

/// `mobility remind`.
pub(crate) fn remind(ctx: &Context, args: RemindArgs) -> Result<Exit> {
    let mut habit = super::program::habit(ctx, &args.routine)?;
    if habit.program.is_some() {
        // An unreadable history is said by `is_due`, and reminds anyway.
        if let Ok(log) = ctx.history_store().read() {
            habit.at_stage(&log);
        }
    }
    let snooze = snooze(ctx, args.snooze)?;
    if !is_due(ctx, &args, &habit)? {
        return Ok(Exit::Success);
    }
    let name = &habit.id;
    let summary = format!("Time for {} — {}", habit.title, about(habit.total));
    let mut body = format!(
        "Run: mobility run {}",
        text::escape(&crate::process::shell_word(name), text::PATH_CHARS)
    );
    // `run` refuses a config with mistakes, which every other command only
    // warns about: a terminal opened by Start would close before the error
    // could be read. So no Start button, and the way to fix it instead.
    let start = if ctx.config_ignored() {
        ctx.warn(
            "no Start button: `mobility run` stops at the config file's mistakes; \
             see `mobility config check`",
        );
        body.push_str(" (first fix the config: mobility config check)");
        None
    } else {
        start_command(ctx, name)
    };
    let buttons: &[Button] = if start.is_some() {
        &[START, SNOOZE]
    } else {
        &[SNOOZE]
    };
    // Unlimited snoozes: each one is a click, and each wait is bounded, so
    // the process ends at the latest ten minutes after a reminder nobody
    // answers.
    // Killed while it waits: the notification goes, then mobility.
    let signals: Vec<i32> = crate::ui::TERMINATING.iter().map(|&(n, _)| n).collect();
    if let Err(e) = remind::close_on(&signals) {
        ctx.warn(format!("cannot watch for signals: {e}"));
    }
    loop {
        match remind::ask(&summary, &body, buttons, NOTIFY_TIMEOUT, ANSWER_TIMEOUT) {
            Err(reason) => {
                writeln!(Stdout::lock(), "{summary}. {body}")?;
                ctx.warn(format!("no desktop notification: {reason}"));
                return Ok(Exit::Success);
            }
            Ok(Answer::Signal(n)) => return Ok(Exit::Signal(n)),
            Ok(Answer::Pressed(key)) if key == START.key => {
                if let Some((program, args)) = &start {
                    open(program, args)?;
                }
                return Ok(Exit::Success);
            }
            Ok(Answer::Pressed(key)) if key == SNOOZE.key => {
                std::thread::sleep(snooze);
                // Done in the meantime, from another terminal: no second
                // reminder.
                if !is_due(ctx, &args, &habit)? {
                    return Ok(Exit::Success);
                }
            }
            Ok(
                Answer::Pressed(_)
                | Answer::ShownWithoutButtons
                | Answer::Closed
                | Answer::NoAnswer,
            ) => {
                return Ok(Exit::Success);
            }
        }
    }
}

/// Whether to remind: always with `--always`, else if the history says the
/// routine is due. An unreadable history must not silence the reminder
/// cron relies on.
fn is_due(ctx: &Context, args: &RemindArgs, habit: &Habit) -> Result<bool> {
    if args.always {
        return Ok(true);
    }
    let window = window(ctx, args.within)?;
    let records = read_history(ctx).unwrap_or_else(|e| {
        ctx.warn(format!("{e}; reminding anyway"));
        Vec::new()
    });
    Ok(remind::check(&habit.runs(&records), &habit.id, &ctx.now(), window).due)
}

/// `--snooze`, else `snooze` in the config, else 15 minutes.
fn snooze(ctx: &Context, flag: Option<Duration>) -> Result<Duration> {
    let Some(flag) = flag else {
        return Ok(ctx.config().snooze.unwrap_or(crate::config::SNOOZE));
    };
    let (min, max) = SNOOZE_RANGE;
    let wrong = if flag < min {
        format!("is shorter than the {} minimum", text::human(min))
    } else if flag > max {
        format!("is longer than the {} limit", text::human(max))
    } else {
        return Ok(flag);
    };
    Err(Error::Usage(format!(
        "--snooze {} {wrong}; give a duration between {} and {}, like `15m`",
        humantime::format_duration(flag),
        text::human(min),
        text::human(max)
    )))
}

/// The terminal the Start button opens and its arguments (the command it
/// runs last), or `None` (no Start button) when no terminal is found, said
/// once as a warning when the configured one is missing.
fn start_command(ctx: &Context, routine: &str) -> Option<(Program, Vec<OsString>)> {
    // The routine and the directories must reach `run` exactly, so they
    // can't be escaped for the terminal's argv: one with a control
    // character is not handed over at all.
    let dirs = ctx.paths.extra_routines.iter().map(|d| d.to_string_lossy());
    if let Some(odd) = std::iter::once(routine.into())
        .chain(dirs)
        .find(|s| s.chars().any(text::is_forbidden))
    {
        ctx.warn(format!(
            "no Start button: {} contains a control character, which is not passed to a terminal",
            text::quote(&odd)
        ));
        return None;
    }
    let path = std::env::var_os("PATH");
    let terminal_var = std::env::var("TERMINAL").ok();
    let chosen = remind::choose_terminal(
        ctx.config().terminal.as_deref(),
        terminal_var.as_deref(),
        cfg!(target_os = "macos"),
        |program| Program::find(program, path.as_deref()),
    );
    let terminal: Terminal<Program> = match chosen {
        Chosen::Found(terminal) => terminal,
        Chosen::ConfiguredMissing(program) => {
            ctx.warn(format!(
                "`terminal` in [remind]: {} is not found; no Start button",
                text::quote(&program)
            ));
            return None;
        }
        Chosen::NoneFound => return None,
    };
    let program = std::env::current_exe().ok()?;
    let command = remind::run_command(&program, &ctx.paths.extra_routines, routine);
    Some(remind::open_argv(terminal, &command))
}

/// Opens the terminal, in a process group of its own so that it outlives
/// `remind` and a signal to cron's job does not reach it. Its environment
/// is this one, so the run reads the same config and history, plus the
/// desktop's `DISPLAY` and the like where cron left them out.
///
/// A terminal that fails at once (no display, a bad option) is an error;
/// one still running after [`NOTIFY_TIMEOUT`] is left to itself.
fn open(program: &Program, args: &[OsString]) -> Result<()> {
    let name = text::quote(program.name());
    let desktop =
        remind::missing_desktop_vars(&remind::manager_environment(NOTIFY_TIMEOUT), |key| {
            std::env::var_os(key).is_some_and(|v| !v.is_empty())
        });
    let has = |key: &str| {
        desktop.iter().any(|(k, _)| k == key)
            || std::env::var_os(key).is_some_and(|v| !v.is_empty())
    };
    let hint = if has("DISPLAY") || has("WAYLAND_DISPLAY") {
        "set `terminal` under [remind] in the config to one that works from here"
    } else {
        "there is no DISPLAY or WAYLAND_DISPLAY here; put `DISPLAY=:0` (or \
         `WAYLAND_DISPLAY=wayland-1`) on a line of its own at the top of your crontab"
    };
    let mut child = program.spawn_detached(args, desktop).map_err(|e| {
        Error::Usage(format!(
            "could not open the terminal {name}: {}",
            text::escape(&e.to_string(), 200)
        ))
    })?;
    // Done (many terminals hand the window to a server and exit), still
    // running, or nothing more to learn: all fine.
    match crate::process::wait_until(&mut child, Instant::now() + NOTIFY_TIMEOUT) {
        Ok(Some(status)) if !status.success() => Err(Error::Usage(format!(
            "the terminal {name} failed at once ({status}); {hint}"
        ))),
        Ok(_) | Err(_) => Ok(()),
    }
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
