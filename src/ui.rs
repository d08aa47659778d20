//! The terminal side of a run: the full-screen view or plain lines, fed
//! with input, signals and deadlines.
//!
//! Every way a run can end (the last phase, `q`, Ctrl-C, a signal, a
//! vanished terminal) comes back from [`drive`] as an [`Outcome`]; the
//! `run` command prints the summary and records the session in one place.

pub mod cues;
pub mod keymap;
mod keys;
mod model;
mod plain;
mod signals;
mod terminal;
mod tui;
pub mod view;

use std::io::Write;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::session::{Action, Engine, Summary};
use crate::text::clock;
use cues::Cues;
use signals::{signal_name, stop_self, watch_signals};
use terminal::Screen;

/// What reaches the run loop, from the keyboard thread and the signal thread.
#[derive(Debug)]
enum Input {
    Key(keys::Key),
    Resize,
    /// One of the signals that end a run (see [`signals::TERMINATING`]).
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

/// How long the last sounds may go on after a run that reached its end,
/// so that its tone and its last words are heard before mobility leaves.
const LAST_WORDS: Duration = Duration::from_secs(3);

/// Runs the engine to its end, full screen or as plain lines, and says how
/// it ended. Signals and (full screen) keys arrive through one channel.
///
/// Before it returns, the cues are finished (nothing is left playing or
/// speaking) and every signal has its default meaning back.
pub fn drive(engine: Engine, cues: &mut Cues, plain: bool, color: bool) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel();
    let watch = watch_signals(tx.clone())?;
    let outcome = if plain {
        plain::run(engine, cues, &rx)
    } else {
        tui::run(engine, cues, tx, &rx, color)
    };
    let grace = match &outcome {
        Ok(o) if o.signal.is_none() && o.summary.completed() => LAST_WORDS,
        _ => Duration::ZERO,
    };
    // A signal or a key while the last words are said means: stop now.
    let mut late = None;
    cues.finish(grace, || match rx.try_recv() {
        Ok(Input::Signal(n)) => {
            late = Some(n);
            true
        }
        Ok(Input::Key(_)) => true,
        _ => false,
    });
    drop(watch);
    // A signal that came after the loop still says how the run ended,
    // though it was seen through: the exit code tells whoever sent it.
    let late = late.or_else(|| {
        rx.try_iter().find_map(|input| match input {
            Input::Signal(n) => Some(n),
            _ => None,
        })
    });
    outcome.map(|mut o| {
        o.signal = o.signal.or(late);
        o
    })
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

/// Stops the process for Ctrl-Z or SIGTSTP with the clock standing still,
/// leaving the full screen first when there is one and coming back to it
/// after. When the screen cannot be had back, the session stays paused and
/// the error says why.
fn suspend(engine: &mut Engine, mut screen: Option<&mut Screen>) -> std::io::Result<()> {
    let was_paused = engine.is_paused();
    if !was_paused {
        engine.apply(Action::TogglePause, Instant::now());
    }
    if let Some(screen) = screen.as_deref_mut() {
        screen.suspend();
    }
    let _ = std::io::stdout().flush();
    stop_self();
    if let Some(screen) = screen {
        screen.resume()?;
    }
    if !was_paused {
        engine.apply(Action::TogglePause, Instant::now());
    }
    Ok(())
}

/// Waits for input until `wake`, or forever when there is nothing to wake for.
fn next_input(rx: &Receiver<Input>, wake: Option<Instant>) -> Option<Input> {
    match wake {
        Some(wake) => rx
            .recv_timeout(wake.saturating_duration_since(Instant::now()))
            .ok(),
        None => rx.recv().ok(),
    }
}
