//! The terminal side of a run: the full-screen view or plain lines, fed
//! with input, signals and deadlines.
//!
//! Every way a run can end (the last phase, `q`, Ctrl-C, a signal, a
//! vanished terminal) comes back from [`drive`] as an [`Outcome`]; the
//! `run` command prints the summary and records the session in one place.

pub mod cues;
pub mod keys;
pub mod model;
pub mod plain;
pub mod terminal;
pub mod tui;
pub mod view;

use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Instant;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use crate::error::{Error, Result};
use crate::session::{Engine, Event, PhaseKind, Summary};
use crate::text::clock;
use cues::Cues;

/// What reaches the run loop, from the keyboard thread and the signal thread.
#[derive(Debug)]
pub enum Input {
    Key(keys::Key),
    Resize,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT.
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
    /// Why plain output could not be written, when that ended the run.
    pub output_error: Option<std::io::Error>,
}

/// Runs the engine to its end, full screen or as plain lines, and says how
/// it ended. Signals and (full screen) keys arrive through one channel.
pub fn drive(engine: Engine, cues: &mut Cues, plain: bool, color: bool) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel();
    watch_signals(tx.clone())?;
    if plain {
        plain::run(engine, cues, &rx)
    } else {
        tui::run(engine, cues, tx, &rx, color)
    }
}

/// "Completed Wall thoracic flexion in 1:52." or how far the run got.
pub fn summary_line(title: &str, s: &Summary, signal: Option<i32>) -> String {
    let skipped = match s.steps_skipped {
        0 => String::new(),
        n => format!(" Skipped {}.", crate::text::plural(n as u64, "step")),
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
        SIGQUIT => "SIGQUIT".into(),
        signal_hook::consts::SIGPIPE => "SIGPIPE".into(),
        other => format!("signal {other}"),
    }
}

/// Forwards SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP and SIGWINCH to the run loop
/// as ordinary input, so they leave through the same path as `q`.
fn watch_signals(tx: Sender<Input>) -> Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH])
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
                cues.count(&secs.to_string());
            }
            Event::PromptFired { text, .. } => cues.say(text),
            Event::Finished => {
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
