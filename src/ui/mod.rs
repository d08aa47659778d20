//! The terminal side of a run: picks the full-screen view or plain lines,
//! feeds input, signals and deadlines to the engine, and reports the end.
//!
//! Every way a run can end (the last phase, `q`, Ctrl-C, a signal, a
//! vanished terminal) comes back to [`run`] as an [`Outcome`], which is the
//! one place the summary is printed and the session recorded.

pub mod cues;
pub mod keys;
pub mod model;
pub mod plain;
pub mod terminal;
pub mod tui;
pub mod view;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Instant;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};

use crate::cli::RunArgs;
use crate::commands::Context;
use crate::config;
use crate::error::{Error, Result};
use crate::history;
use crate::routine::{clock, library};
use crate::session::{Engine, Event, PhaseKind, Status, Summary};
use cues::Cues;

/// What reaches the run loop, from the keyboard thread and the signal thread.
#[derive(Debug)]
pub enum Input {
    Key(keys::Key),
    Resize,
    /// SIGTERM, SIGHUP or SIGINT.
    Signal(i32),
    /// Ctrl-Z or SIGTSTP.
    Suspend,
    /// The terminal went away (reads failed).
    Gone,
}

/// How a run ended.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Summary,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    /// Whether the run got past its first phase (only then is it recorded).
    pub started: bool,
}

/// `mobility run`.
pub fn run(ctx: &Context, args: RunArgs) -> Result<ExitCode> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let config = config::load(&ctx.paths.config_file.path)?;
    let mut routine = found.routine;
    if let Some(lead_in) = args.lead_in.or(config.lead_in) {
        if lead_in > crate::routine::parse::MAX_PAUSE {
            return Err(Error::Usage("--lead-in is at most 10m".into()));
        }
        routine.lead_in = lead_in;
        for step in &mut routine.steps {
            step.lead_in = lead_in;
        }
    }
    let quiet = !args.bell && (args.quiet || config.quiet == Some(true));
    let voice = !args.no_voice && (args.voice || config.voice == Some(true));
    let voice = if !voice {
        None
    } else if let Some(command) = config.voice_command {
        Some(command)
    } else {
        let found = cues::find_speech_program(std::env::var_os("PATH").as_deref());
        if found.is_none() {
            ctx.warn(format!(
                "no speech program found ({}); going on without a voice",
                cues::SPEECH_PROGRAMS.join(", ")
            ));
        }
        found.map(|p| vec![p.to_string_lossy().into_owned()])
    };
    let plain = args.plain || !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal();
    // A bell in a pipe would be a raw control character in someone's log.
    let bell = !quiet && std::io::stdout().is_terminal();
    let mut cues = Cues::new(bell, voice);

    let (tx, rx) = mpsc::channel();
    watch_signals(tx.clone())?;
    let started_at = jiff::ZonedDateTime::now();
    let title = routine.title.clone();
    let id = routine.id.clone();
    let engine = Engine::new(routine, Instant::now());
    let outcome = if plain {
        plain::run(engine, &mut cues, &rx)?
    } else {
        tui::run(engine, &mut cues, tx, &rx, ctx.color)?
    };
    if outcome.started {
        record(ctx, &id, &title, &started_at, &outcome.summary);
    }
    finish(&title, &outcome, plain)
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
fn finish(title: &str, outcome: &Outcome, plain: bool) -> Result<ExitCode> {
    let s = &outcome.summary;
    if !plain {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            summary_line(title, s, outcome.signal)
        )?;
    }
    Ok(match (outcome.signal, s.completed()) {
        (Some(signal), _) => ExitCode::from(128 + signal as u8),
        (None, true) => ExitCode::SUCCESS,
        (None, false) => ExitCode::from(1),
    })
}

/// "Completed Wall thoracic flexion in 1:52." or how far the run got.
pub fn summary_line(title: &str, s: &Summary, signal: Option<i32>) -> String {
    let skipped = match s.steps_skipped {
        0 => String::new(),
        1 => " Skipped 1 step.".to_string(),
        n => format!(" Skipped {n} steps."),
    };
    if s.completed() && signal.is_none() {
        return format!("Completed {title} in {}.{skipped}", clock(s.active));
    }
    let how = match signal {
        Some(signal) => format!("Stopped by {}", signal_name(signal)),
        None => "Stopped".to_string(),
    };
    format!(
        "{how}: {title} after {}, {} of {} steps done.{skipped}",
        clock(s.active),
        s.steps_done,
        s.steps_total
    )
}

fn signal_name(signal: i32) -> String {
    match signal {
        SIGTERM => "SIGTERM".into(),
        SIGHUP => "SIGHUP".into(),
        SIGINT => "SIGINT".into(),
        other => format!("signal {other}"),
    }
}

/// Forwards SIGTERM, SIGHUP, SIGINT, SIGTSTP and SIGWINCH to the run loop
/// as ordinary input, so they leave through the same path as `q`.
fn watch_signals(tx: Sender<Input>) -> Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGWINCH])
            .map_err(|e| Error::Other(format!("cannot watch for signals: {e}")))?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                SIGTSTP => Input::Suspend,
                SIGWINCH => Input::Resize,
                _ => Input::Signal(signal),
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Stops the process until it is continued (the default action of
/// SIGTSTP, which our handler replaced).
pub fn stop_self() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// Rings and speaks what the engine's events call for.
pub fn cue_events(
    engine: &Engine,
    events: &[Event],
    previous_kind: &mut Option<PhaseKind>,
    cues: &mut Cues,
    out: &mut impl Write,
) {
    for event in events {
        match event {
            Event::PhaseStarted { index } => {
                let phase = &engine.plan().phases()[*index];
                let hold_ended = *previous_kind == Some(PhaseKind::Hold);
                if phase.kind == PhaseKind::Hold || hold_ended {
                    cues.bell(out);
                }
                let first_of_step = engine.plan().first_phase_of(phase.step) == *index;
                if first_of_step {
                    cues.say(&engine.routine().steps[phase.step].name);
                } else if phase.kind == PhaseKind::SwitchSides {
                    cues.say("switch sides");
                }
                *previous_kind = Some(phase.kind);
            }
            Event::Countdown { secs } => {
                cues.bell(out);
                cues.say(&secs.to_string());
            }
            Event::PromptFired { text } => cues.say(text),
            Event::Finished { .. } => {
                if *previous_kind == Some(PhaseKind::Hold) {
                    cues.bell(out);
                }
            }
            Event::Paused | Event::Resumed | Event::Quit => {}
        }
    }
}

/// Waits for input until `wake`, or forever when there is nothing to wake for.
pub fn next_input(rx: &Receiver<Input>, wake: Option<Instant>) -> Option<Input> {
    match wake {
        Some(wake) => rx
            .recv_timeout(wake.saturating_duration_since(Instant::now()))
            .ok(),
        None => rx.recv().ok(),
    }
}

/// Whether the engine has moved past its first phase.
pub fn started(engine: &Engine) -> bool {
    engine.phase_index() > 0 || engine.status() == (Status::Finished { completed: true })
}
