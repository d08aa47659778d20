//! `mobility run`: load the routine and settings, drive the run, then print
//! the summary, record the session and choose the exit code, in one place
//! whatever ended the run.

use std::io::IsTerminal;
use std::time::Instant;

use super::Context;
use crate::cli::RunArgs;
use crate::config;
use crate::error::{Error, Exit, Result, Stdout};
use crate::history;
use crate::routine::library;
use crate::session::{Engine, Summary};
use crate::ui::{self, Outcome, cues::Cues};

/// `mobility run`.
pub fn run(ctx: &Context, args: RunArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let config = config::load(&ctx.paths.config_file.path)?;
    let mut routine = found.routine;
    if let Some(lead_in) = args.lead_in.or(config.lead_in) {
        if lead_in > crate::routine::MAX_PAUSE {
            return Err(Error::Usage("--lead-in is at most 10m".into()));
        }
        routine.lead_in = lead_in;
        for step in &mut routine.steps {
            step.lead_in = lead_in;
        }
    }
    let quiet = !args.bell && (args.quiet || config.quiet == Some(true));
    let voice = !args.no_voice && (args.voice || config.voice == Some(true));
    let voice = if voice {
        speech_command(ctx, config.voice_command)
    } else {
        None
    };
    let plain = args.plain || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal();
    // A bell in a pipe would be a raw control character in someone's log.
    let bell = !quiet && std::io::stdout().is_terminal();
    let mut cues = Cues::new(bell, voice);

    let started_at = jiff::ZonedDateTime::now();
    let title = routine.title.clone();
    let id = routine.id.clone();
    let engine = Engine::new(routine, Instant::now());
    let outcome = ui::drive(engine, &mut cues, plain, ctx.color)?;
    if outcome.started {
        record(ctx, &id, &title, &started_at, &outcome.summary);
    }
    if let Some(e) = outcome.output_error {
        return Err(Error::Output(e));
    }
    finish(&title, &outcome, plain)
}

/// The speech command to use: the configured one if it can be run, else
/// the first known speech program on `PATH`. Says once why there is none.
fn speech_command(ctx: &Context, configured: Option<Vec<String>>) -> Option<Vec<String>> {
    let path = std::env::var_os("PATH");
    if let Some(command) = configured {
        if ui::cues::find_program(&command[0], path.as_deref()).is_some() {
            return Some(command);
        }
        ctx.warn(format!(
            "`voice_command` names {}, which is not an executable program; going on without a voice",
            crate::text::quote(&command[0])
        ));
        return None;
    }
    let found = ui::cues::find_speech_program(path.as_deref());
    if found.is_none() {
        ctx.warn(format!(
            "no speech program found ({}); going on without a voice",
            ui::cues::SPEECH_PROGRAMS.join(", ")
        ));
    }
    found.map(|p| vec![p.to_string_lossy().into_owned()])
}

/// Appends the run to the history. A failure is a warning, not an error:
/// the run itself happened, and the exit code should say how it went.
fn record(ctx: &Context, id: &str, title: &str, started_at: &jiff::ZonedDateTime, s: &Summary) {
    let ended_at = jiff::ZonedDateTime::now();
    let record = history::Record {
        routine: id.to_string(),
        title: title.to_string(),
        started_at: started_at.into(),
        ended_at: (&ended_at).into(),
        active_seconds: s.active.as_secs_f64(),
        completed: s.completed(),
        steps_done: u32::try_from(s.steps_done).unwrap_or(u32::MAX),
        steps_total: u32::try_from(s.steps_total).unwrap_or(u32::MAX),
        steps_skipped: u32::try_from(s.steps_skipped).unwrap_or(u32::MAX),
    };
    let path = &ctx.paths.history_file.path;
    if let Err(e) = history::append(path, &record) {
        ctx.warn(format!(
            "could not record this run in `{}`: {e}",
            path.display()
        ));
    }
}

/// The single end of every run: the summary line and the exit code.
fn finish(title: &str, outcome: &Outcome, plain: bool) -> Result<Exit> {
    let s = &outcome.summary;
    if !plain {
        // The terminal may be gone (a hang-up): the exit code still tells.
        let _ = writeln!(
            Stdout::lock(),
            "{}",
            ui::summary_line(title, s, outcome.signal)
        );
    }
    Ok(match (outcome.signal, s.completed()) {
        (Some(signal), _) => Exit::Signal(signal),
        (None, true) => Exit::Success,
        (None, false) => Exit::No,
    })
}
