//! The full-screen loop: input and deadlines in, engine, view out.
//!
//! The loop sleeps on one channel until the next instant anything visible
//! changes (the engine's `next_wake`) or input arrives, so it is idle
//! between seconds.

use std::io::Write;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Instant;

use super::keys::{Key, read_keys};
use super::terminal::Screen;
use super::view::{self, Flags, Model};
use super::{Input, Outcome, cue_events, next_input, stop_self};
use crate::error::{Error, Result};
use crate::session::{Action, Engine};
use crate::ui::cues::Cues;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Engine(Action),
    Mute,
    Help,
    Suspend,
    /// Esc closes the help before it quits.
    Escape,
}

/// Maps a key press to a command.
pub fn command_for(key: Key) -> Option<Command> {
    Some(match key {
        Key::Ctrl('c') => Command::Engine(Action::Quit),
        Key::Ctrl('z') => Command::Suspend,
        Key::Char(' ') => Command::Engine(Action::TogglePause),
        Key::Char('n') | Key::Right => Command::Engine(Action::NextStep),
        Key::Char('p') | Key::Left => Command::Engine(Action::PrevStep),
        Key::Char('s') => Command::Engine(Action::SkipPhase),
        Key::Char('+' | '=') => Command::Engine(Action::AddTime),
        Key::Char('-' | '_') => Command::Engine(Action::RemoveTime),
        Key::Char('m') => Command::Mute,
        Key::Char('?' | 'h') => Command::Help,
        Key::Char('q') => Command::Engine(Action::Quit),
        Key::Esc => Command::Escape,
        _ => return None,
    })
}

/// Runs the engine full screen until the routine ends or the user stops.
pub fn run(
    mut engine: Engine,
    cues: &mut Cues,
    tx: Sender<Input>,
    rx: &Receiver<Input>,
    color: bool,
) -> Result<Outcome> {
    let mut screen =
        Screen::enter().map_err(|e| Error::Other(format!("cannot set up the terminal: {e}")))?;
    read_keys(tx);
    let mut flags = Flags {
        color,
        ..Flags::default()
    };
    let mut previous = None;
    let mut signal = None;
    let mut out = std::io::stdout();
    // Lets the end-to-end tests prove that a panic gives the terminal back.
    let panic_for_test = std::env::var_os("MOBILITY_TEST_PANIC").is_some();
    loop {
        let now = Instant::now();
        let events = engine.tick(now);
        cue_events(&engine, &events, &mut previous, cues, &mut out);
        if engine.status().is_over() {
            break;
        }
        flags.muted = cues.is_muted();
        let drawn = screen
            .terminal
            .draw(|frame| view::render(frame, &Model::from_engine(&engine, now, flags)));
        if drawn.is_err() || screen.gone() {
            // Writes fail when the terminal has gone: end as a hang-up.
            signal = Some(signal_hook::consts::SIGHUP);
            break;
        }
        assert!(!panic_for_test, "MOBILITY_TEST_PANIC is set");
        let Some(input) = next_input(rx, engine.next_wake(now)) else {
            continue;
        };
        let now = Instant::now();
        let command = match input {
            Input::Key(key) => command_for(key),
            Input::Resize => {
                let _ = screen.terminal.autoresize();
                None
            }
            Input::Signal(n) => {
                signal = Some(n);
                engine.apply(Action::Quit, now);
                break;
            }
            Input::Gone => {
                signal = Some(signal_hook::consts::SIGHUP);
                engine.apply(Action::Quit, now);
                break;
            }
            Input::Suspend => Some(Command::Suspend),
        };
        match command {
            Some(Command::Engine(action)) => {
                let events = engine.apply(action, now);
                cue_events(&engine, &events, &mut previous, cues, &mut out);
            }
            Some(Command::Mute) => {
                cues.toggle_mute();
            }
            Some(Command::Help) => flags.help = !flags.help,
            Some(Command::Escape) if flags.help => flags.help = false,
            Some(Command::Escape) => {
                engine.apply(Action::Quit, now);
            }
            Some(Command::Suspend) => {
                // The clock stands still while suspended.
                let was_paused = engine.is_paused();
                if !was_paused {
                    engine.apply(Action::TogglePause, now);
                }
                screen.suspend();
                let _ = out.flush();
                stop_self();
                if screen.resume().is_err() {
                    signal = Some(signal_hook::consts::SIGHUP);
                    break;
                }
                if !was_paused {
                    engine.apply(Action::TogglePause, Instant::now());
                }
            }
            None => {}
        }
    }
    let summary = engine.summary(Instant::now());
    drop(screen);
    Ok(Outcome {
        started: engine.has_started(),
        summary,
        signal,
        output_error: None,
    })
}
