//! The full-screen loop: input and deadlines in, engine, view out.
//!
//! The loop sleeps on one channel until the next instant anything visible
//! changes (the engine's `next_wake`) or input arrives, so it is idle
//! between seconds.

use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use super::checkin::{self, Answers};
use super::cues::Cues;
use super::keymap::{KeyAction, action_for};
use super::keys::read_keys;
use super::terminal::Screen;
use super::view::{self, EndView, Flags, Model, Question};
use super::{Ending, FullScreen, Input, Outcome, next_input, suspend};
use crate::error::{Error, Result};
use crate::session::{Action, Engine, Status};
use crate::text::Glyphs;

/// Runs the engine full screen until the routine ends or the user stops.
pub(super) fn run(
    mut engine: Engine,
    cues: &mut Cues,
    tx: Sender<Input>,
    rx: &Receiver<Input>,
    full: FullScreen,
    ending: &mut Ending,
    glyphs: Glyphs,
) -> Result<Outcome> {
    let asking = ending.asking;
    let mut screen =
        Screen::enter().map_err(|e| Error::Other(format!("cannot set up the terminal: {e}")))?;
    read_keys(tx);
    let mut answers = Answers::default();
    let mut signal = None;
    if asking.before {
        signal = ending.ask_before(&mut engine, &mut answers, |engine| {
            ask_before(&mut screen, rx, &engine.routine().title, full.color, glyphs)
        });
    }
    if signal.is_none() {
        signal = run_loop(&mut engine, cues, rx, &mut screen, full.color, glyphs);
    }
    let summary = engine.summary(Instant::now());
    if signal.is_none() && summary.status == Status::Finished {
        // Recorded before the end screen, which shows the streak it makes.
        if let Some(note) = ending.end(&summary, engine.has_started()) {
            let end = EndView {
                title: &engine.routine().title,
                active: summary.active,
                today: note.today,
                streak: note.streak,
                weeks: note.weeks,
                program: note.program.as_ref(),
                total: summary.total,
                skipped: summary.steps_skipped,
                counted: summary.completed(),
                color: full.color,
                glyphs,
                ratings: note.ratings,
                // Only on an end screen: with none, nothing is asked.
                question: if asking.after && !full.end_screen.is_zero() {
                    Question::Open
                } else {
                    Question::None
                },
            };
            (answers.after, answers.interrupted) =
                end_screen(&mut screen, rx, end, full.end_screen, cues);
        }
    }
    drop(screen);
    Ok(Outcome {
        started: engine.has_started(),
        summary,
        signal,
        output_error: None,
        recorded: Ok(None),
        answers,
    })
}

/// Asks the check-in before the get-ready: a rating, a skip (`None`), or
/// the signal that came meanwhile (`Err`). A terminal that has gone is a
/// hang-up.
fn ask_before(
    screen: &mut Screen,
    rx: &Receiver<Input>,
    title: &str,
    color: bool,
    glyphs: Glyphs,
) -> std::result::Result<Option<u8>, i32> {
    let until = Instant::now() + checkin::WAIT;
    loop {
        let drawn =
            (screen.terminal).draw(|frame| view::render_before(frame, title, color, glyphs));
        if drawn.is_err() || screen.gone() {
            return Err(signal_hook::consts::SIGHUP);
        }
        match next_input(rx, Some(until)) {
            Some(Input::Key(key)) => return Ok(checkin::rating_for(key)),
            Some(Input::Signal(n)) => return Err(n),
            Some(Input::Gone) => return Err(signal_hook::consts::SIGHUP),
            Some(Input::Resize | Input::Suspend | Input::Line(_)) => {}
            None => return Ok(None),
        }
    }
}

/// The loop: tick, draw, wait for the next frame or input, handle it;
/// until the routine is over, or a signal (a hang-up when the terminal
/// goes) ends it, which is returned.
fn run_loop(
    engine: &mut Engine,
    cues: &mut Cues,
    rx: &Receiver<Input>,
    screen: &mut Screen,
    color: bool,
    glyphs: Glyphs,
) -> Option<i32> {
    let mut flags = Flags {
        color,
        // The figure's blocks need a UTF-8 locale: without one the figure is left
        // out, and `f` cannot bring it back.
        figure: glyphs.unicode,
        glyphs,
        ..Flags::default()
    };
    // Lets the end-to-end tests (debug builds) prove that a panic gives the
    // terminal back; a release build never reads the variable.
    let panic_for_test =
        cfg!(debug_assertions) && std::env::var_os("MOBILITY_TEST_PANIC").is_some();
    loop {
        let now = Instant::now();
        let events = engine.tick(now);
        cues.events(engine, &events, now, &mut std::io::stdout());
        if engine.status().is_over() {
            return None;
        }
        flags.muted = cues.is_muted();
        // `draw` resizes to the terminal first, so a resize needs only this.
        let mut figure_shown = false;
        let drawn = screen.terminal.draw(|frame| {
            figure_shown = view::draw(frame, &Model::from_engine(engine, now, flags)).is_some();
        });
        if drawn.is_err() || screen.gone() {
            // Writes fail when the terminal has gone: end as a hang-up.
            return Some(signal_hook::consts::SIGHUP);
        }
        assert!(!panic_for_test, "MOBILITY_TEST_PANIC is set");
        let wake = super::earliest(
            next_frame(engine, figure_shown, now),
            cues.next_wake(engine, now),
        );
        if let Some(input) = next_input(rx, wake)
            && let Some(signal) = handle(input, engine, cues, &mut flags, screen)
        {
            return Some(signal);
        }
    }
}

/// Does what one input asks: a key's action, a suspend, or the end of the
/// run for a signal or a terminal that has gone, which is returned.
fn handle(
    input: Input,
    engine: &mut Engine,
    cues: &mut Cues,
    flags: &mut Flags,
    screen: &mut Screen,
) -> Option<i32> {
    let now = Instant::now();
    let action = match input {
        Input::Key(key) => action_for(key),
        Input::Resize => None,
        Input::Signal(n) => {
            engine.apply(Action::Quit, now);
            return Some(n);
        }
        Input::Gone => {
            engine.apply(Action::Quit, now);
            return Some(signal_hook::consts::SIGHUP);
        }
        Input::Suspend => Some(KeyAction::Suspend),
        Input::Line(_) => None,
    };
    match action {
        Some(KeyAction::Engine(action)) => {
            let events = engine.apply(action, now);
            cues.events(engine, &events, now, &mut std::io::stdout());
        }
        Some(KeyAction::Mute) => {
            cues.toggle_mute();
        }
        Some(KeyAction::Voice) => cues.toggle_voice(now),
        Some(KeyAction::Help) => flags.help = !flags.help,
        Some(KeyAction::Figure) => flags.figure = flags.glyphs.unicode && !flags.figure,
        Some(KeyAction::Escape) if flags.help => flags.help = false,
        Some(KeyAction::Escape) => {
            engine.apply(Action::Quit, now);
        }
        Some(KeyAction::Suspend) => {
            // The screen could not be had back: end as a hang-up.
            let gone = suspend(engine, Some(screen)).is_err();
            return gone.then_some(signal_hook::consts::SIGHUP);
        }
        None => {}
    }
    None
}

/// The figure's frame rate during a move: at most ten a second.
pub(super) const FIGURE_FRAME: Duration = Duration::from_millis(100);

/// When to draw next: when the engine says something changes, or sooner,
/// at [`FIGURE_FRAME`], while the figure is on screen and moving (a move
/// phase, not paused). Holds, rests and pauses keep the one redraw a
/// second.
fn next_frame(engine: &Engine, figure_shown: bool, now: Instant) -> Option<Instant> {
    let wake = engine.next_wake(now);
    let moving = figure_shown
        && !engine.is_paused()
        && engine.phase().kind == crate::session::PhaseKind::Move;
    if moving {
        let frame = now + FIGURE_FRAME;
        Some(wake.map_or(frame, |w| w.min(frame)))
    } else {
        wake
    }
}

/// How long the end screen stays after the check-in is answered, at
/// least: long enough to see the answer in the line it joins.
const ANSWERED_STAY: Duration = Duration::from_secs(3);

/// Shows the end screen until a key is pressed, a signal comes or `wait`
/// has passed, while the end's tone and last words are heard. The run is
/// over and recorded by then: a signal ends the screen as a key does, and
/// the run still ends as completed (exit 0), not as stopped by it. A
/// terminal that has gone ends it at once: the run was seen through, and
/// there is no one to tell.
///
/// With the check-in's question open, the screen stays until it is
/// answered or skipped (at most [`checkin::WAIT`]): a digit or `t`
/// answers and the screen stays a little to show it, any other key skips
/// and leaves. A signal while it is open is returned (the second value):
/// the exit code then says so.
fn end_screen(
    screen: &mut Screen,
    rx: &Receiver<Input>,
    mut end: EndView,
    wait: Duration,
    cues: &mut Cues,
) -> (Option<u8>, Option<i32>) {
    let start = Instant::now();
    let mut until = match end.question {
        Question::Open => start + wait.max(checkin::WAIT),
        _ => start + wait,
    };
    let mut answer = None;
    while Instant::now() < until {
        let drawn = screen.terminal.draw(|frame| view::render_end(frame, &end));
        if drawn.is_err() || screen.gone() {
            return (answer, None);
        }
        let wake = super::earliest(Some(until), cues.play_last_words(Instant::now()));
        let open = end.question == Question::Open;
        match next_input(rx, wake) {
            Some(Input::Key(key)) if open => match checkin::rating_for(key) {
                Some(rating) => {
                    answer = Some(rating);
                    end.question = Question::Answered(rating);
                    until = (start + wait).max(Instant::now() + ANSWERED_STAY);
                }
                None => return (None, None),
            },
            Some(Input::Signal(n)) if open => return (None, Some(n)),
            Some(Input::Signal(_) | Input::Key(_) | Input::Suspend | Input::Gone) => {
                return (answer, None);
            }
            Some(Input::Resize | Input::Line(_)) | None => {}
        }
    }
    (answer, None)
}
