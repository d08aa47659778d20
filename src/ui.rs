//! The terminal side of a run: the full-screen view or plain lines, fed
//! with input, signals and deadlines.
//!
//! Every way a run can end (the last phase, `q`, Ctrl-C, a signal, a
//! vanished terminal) comes back from [`drive`] as an [`Outcome`]; the
//! `run` command prints the summary and chooses the exit code in one place.
//! The run is recorded by the [`OnEnd`] callback that `run` hands in, as soon
//! as the run is over, so that the end screen and the plain `done:` line can
//! show today's count and the streak without the ui reading the history.

mod checkin;
pub mod cues;
pub mod keymap;
mod keys;
mod model;
mod plain;
mod signals;
pub use signals::TERMINATING;
mod terminal;
mod tui;
pub mod view;

use std::io::Write;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::error::Result;
use crate::session::{Action, Engine, Summary};
use crate::text::{Glyphs, clock};
pub use checkin::{Answers, Asking};
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
    /// A line typed on stdin for the plain check-in; `None` at its end.
    Line(Option<String>),
}

/// What recording a run found out, for the end screen and the `done:` line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndNote {
    /// Completed runs of this routine today, this one included.
    pub today: usize,
    /// The current streak in days, this run included.
    pub streak: usize,
    /// The last weeks of the calendar, oldest first (see [`Week`](crate::text::Week));
    /// nothing is drawn when every day is `None`.
    pub weeks: [crate::text::Week; view::END_WEEKS],
    /// The check-in ratings the end screen's line is made from.
    pub ratings: RatingsNote,
    /// For a stage of a program: a stage done and what comes next
    /// ("Stage 2 done. Next time: Stage 3 · Slower (round down 8 s)").
    pub program: Option<ProgramNote>,
}

/// What the end of a program's stage says, for each answer the check-in
/// may get: the answer is a rating of this stage, and three high ones keep
/// you on it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgramNote {
    /// Without an answer first, then for each rating from 0 up.
    pub by_answer: Vec<Option<String>>,
}

impl ProgramNote {
    /// The words for `answer`, if there are any.
    pub fn line(&self, answer: Option<u8>) -> Option<&str> {
        let index = answer.map_or(0, |a| usize::from(a) + 1);
        self.by_answer.get(index)?.as_deref()
    }

    /// Whether the answer can change the words: then they are said once
    /// it is given.
    pub fn hangs_on_answer(&self) -> bool {
        self.by_answer.iter().any(|w| *w != self.by_answer[0])
    }
}

/// The check-in ratings already in the history, for the end screen's line
/// "Upper back: 3 today · 3.4 this week · 5.1 four weeks ago": each a sum
/// and a count, so that the answer given on the end screen can be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RatingsNote {
    /// Ratings after runs started today.
    pub today: (u32, u32),
    /// This week's (Monday to Sunday), today's included.
    pub week: (u32, u32),
    /// The week four weeks before this one.
    pub four_weeks_ago: (u32, u32),
}

impl RatingsNote {
    /// The line, with `answer` added to today and this week; `None` when
    /// there is nothing to say.
    pub fn line(&self, answer: Option<u8>, g: Glyphs) -> Option<String> {
        let add = |(sum, n): (u32, u32)| match answer {
            Some(a) => (sum + u32::from(a), n + 1),
            None => (sum, n),
        };
        let parts: Vec<String> = [
            (add(self.today), "today"),
            (add(self.week), "this week"),
            (self.four_weeks_ago, "four weeks ago"),
        ]
        .into_iter()
        .filter(|((_, n), _)| *n > 0)
        .map(|((sum, n), when)| format!("{} {when}", average(sum, n)))
        .collect();
        (!parts.is_empty()).then(|| format!("Upper back: {}", parts.join(&format!(" {} ", g.sep))))
    }
}

/// An average rating as people read it: `3`, `3.4`.
pub fn average(sum: u32, n: u32) -> String {
    let tenths = (f64::from(sum) * 10.0 / f64::from(n.max(1))).round() as u32;
    match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    }
}

/// Called once, as soon as a run is over, with its summary and whether it
/// got past its first phase: records the run, and says what the end screen
/// shows (`None`: nothing was recorded, or the history could not be read
/// back). An error is the run's record being lost; it is kept in
/// [`Outcome::recorded`] and reported once the terminal is restored.
///
/// The third argument is the check-in's rating before the run, if it was
/// asked and answered: it goes into the run's record.
pub type OnEnd<'a> = Box<dyn FnOnce(&Summary, bool, Option<u8>) -> Result<Option<EndNote>> + 'a>;

/// The [`OnEnd`] callback, called at most once, and what it returned.
struct Ending<'a> {
    on_end: Option<OnEnd<'a>>,
    result: Option<Result<Option<EndNote>>>,
    /// When the check-in asks.
    asking: Asking,
    /// The rating before the run, once asked.
    before: Option<u8>,
    /// With no screen to restore, the terminating signals have their default
    /// meaning while the run is recorded, so that one ends mobility at once
    /// even while it waits for the history's lock. With a screen up, they
    /// wait until the record is written and the screen restored.
    defaults: Option<&'a signals::Watch>,
}

impl<'a> Ending<'a> {
    fn new(on_end: OnEnd<'a>, asking: Asking, defaults: Option<&'a signals::Watch>) -> Self {
        Self {
            on_end: Some(on_end),
            result: None,
            asking,
            before: None,
            defaults,
        }
    }

    /// Asks the check-in before the get-ready through `ask`, the clock
    /// standing still while the question is open, and keeps the answer
    /// for the run's record. A signal during the question quits the run,
    /// and is returned.
    fn ask_before(
        &mut self,
        engine: &mut Engine,
        answers: &mut Answers,
        ask: impl FnOnce(&Engine) -> std::result::Result<Option<u8>, i32>,
    ) -> Option<i32> {
        engine.apply(Action::TogglePause, Instant::now());
        let signal = match ask(engine) {
            Ok(rating) => {
                answers.before = rating;
                None
            }
            Err(n) => Some(n),
        };
        self.before = answers.before;
        let resume = if signal.is_some() {
            Action::Quit
        } else {
            Action::TogglePause
        };
        engine.apply(resume, Instant::now());
        signal
    }

    /// Calls back on the first call; says what the callback found.
    fn end(&mut self, summary: &Summary, started: bool) -> Option<EndNote> {
        if let Some(on_end) = self.on_end.take() {
            if let Some(watch) = self.defaults {
                watch.set_defaults(true);
            }
            self.result = Some(on_end(summary, started, self.before));
            if let Some(watch) = self.defaults {
                watch.set_defaults(false);
            }
        }
        match &self.result {
            Some(Ok(note)) => note.clone(),
            _ => None,
        }
    }

    fn take(&mut self) -> Result<Option<EndNote>> {
        self.result.take().unwrap_or(Ok(None))
    }
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
    /// What the [`OnEnd`] callback returned.
    pub recorded: Result<Option<EndNote>>,
    /// What the check-in got.
    pub answers: Answers,
}

/// How a full-screen run ends: the colour setting, and how long the end
/// screen stays (zero: not at all).
#[derive(Debug, Clone, Copy)]
pub struct FullScreen {
    pub color: bool,
    pub end_screen: Duration,
}

/// How long the last sounds may go on after a run that reached its end,
/// so that its tone and its last words ("Done, 2 minutes 22 seconds")
/// are heard to their end before mobility leaves.
const LAST_WORDS: Duration = Duration::from_secs(10);

/// Runs the engine to its end, full screen (`screen`) or as plain lines
/// (`None`), and says how it ended. Signals and (full screen) keys arrive
/// through one channel. `on_end` is called once the run is over, before the
/// end screen or the `done:` line. The check-in is asked as `asking` says:
/// before the first phase (the engine paused meanwhile), and after a run
/// that reached its end.
///
/// Before it returns, the cues are finished (nothing is left playing or
/// speaking) and every signal has its default meaning back.
pub fn drive(
    engine: Engine,
    cues: &mut Cues,
    screen: Option<FullScreen>,
    on_end: OnEnd,
    asking: Asking,
) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel();
    let watch = watch_signals(tx.clone())?;
    let mut ending = Ending::new(on_end, asking, screen.is_none().then_some(&watch));
    // Without a UTF-8 locale (cron's POSIX one, say), every character
    // drawn or printed is ASCII.
    let glyphs = Glyphs::here();
    let outcome = match screen {
        None => plain::run(engine, cues, (&tx, &rx), &mut ending, glyphs),
        Some(screen) => tui::run(engine, cues, tx, &rx, screen, &mut ending, glyphs),
    };
    let outcome = outcome.map(|mut o| {
        ending.end(&o.summary, o.started);
        o.recorded = ending.take();
        o
    });
    drop(ending);
    let grace = match &outcome {
        Ok(o)
            if o.signal.is_none() && o.answers.interrupted.is_none() && o.summary.reached_end() =>
        {
            LAST_WORDS
        }
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

/// How a run ended, in the words every report of it uses: the summary
/// line, plain mode's last line, the end screen and `history`'s list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowEnded {
    /// It reached the end and counts.
    Completed,
    /// It reached the end, but skipped or cut short too much to count.
    NotCounted,
    /// It was stopped before the end.
    Stopped,
}

impl HowEnded {
    pub fn of(completed: bool, reached_end: bool) -> HowEnded {
        match (completed, reached_end) {
            (true, _) => HowEnded::Completed,
            (false, true) => HowEnded::NotCounted,
            (false, false) => HowEnded::Stopped,
        }
    }

    /// "completed", "not counted as done" or "stopped".
    pub fn words(self) -> &'static str {
        match self {
            HowEnded::Completed => "completed",
            HowEnded::NotCounted => "not counted as done",
            HowEnded::Stopped => "stopped",
        }
    }

    /// [`HowEnded::words`] starting a sentence.
    pub fn capitalised(self) -> String {
        let words = self.words();
        words[..1].to_uppercase() + &words[1..]
    }
}

/// "Completed Wall thoracic flexion in 1:52.", why a run that reached the
/// end does not count, or how far the run got.
pub fn summary_line(title: &str, s: &Summary, signal: Option<i32>) -> String {
    let skipped = match s.steps_skipped {
        0 => String::new(),
        n => format!(" Skipped {}.", crate::text::plural(n as u64, "step")),
    };
    // A signal stops the run, whatever it came to.
    let ended = match signal {
        Some(_) => HowEnded::Stopped,
        None => HowEnded::of(s.completed(), s.reached_end()),
    };
    let how = match ended {
        HowEnded::Completed => {
            let how = ended.capitalised();
            return format!("{how} {title} in {}.{skipped}", clock(s.active));
        }
        HowEnded::NotCounted => {
            return format!(
                "Reached the end in {}, {}; {}.",
                clock(s.active),
                not_done_reason(s),
                ended.words()
            );
        }
        HowEnded::Stopped => match signal {
            Some(signal) => format!("{} by {}", ended.capitalised(), signal_name(signal)),
            None => ended.capitalised(),
        },
    };
    format!(
        "{how}: {title} after {}, {} of {} steps done.{skipped}",
        clock(s.active),
        s.steps_done,
        s.steps_total
    )
}

/// The share of its time a run must be active for to count, in percent:
/// [`COMPLETED_SHARE`](crate::session::engine::COMPLETED_SHARE) as people
/// read it.
pub(crate) const COMPLETED_PERCENT: u32 = {
    let (num, den) = crate::session::engine::COMPLETED_SHARE;
    num * 100 / den
};

/// Why a run that reached the end does not count: "skipping 3 steps", or,
/// when no step was skipped (rests cut short), "under 80 % of 1:52".
fn not_done_reason(s: &Summary) -> String {
    match s.steps_skipped {
        0 => format!("under {COMPLETED_PERCENT} % of {}", clock(s.total)),
        n => format!("skipping {}", crate::text::plural(n as u64, "step")),
    }
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

/// The sooner of two moments to wake at, either of which may be none.
fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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
