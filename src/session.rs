//! A guided session: the vocabulary shared by the engine and whoever
//! drives it ([`Action`] in; [`Event`], [`Status`] and [`Summary`] out).
//! Nothing here knows that a terminal exists; it does no I/O and never
//! sleeps.

pub mod engine;
pub mod plan;

use std::time::Duration;

pub use engine::Engine;
pub use plan::{Countdown, Phase, PhaseKind, Plan};

/// Something the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Pause, or resume. Use this around a suspend (Ctrl-Z) too.
    TogglePause,
    /// Jump to the first phase of the next step; on the last step, finish.
    /// Counts the step left as skipped.
    NextStep,
    /// Go back to the start of the previous step, or restart the current step
    /// when more than [`PREV_STEP_GRACE`](engine::PREV_STEP_GRACE) into it
    /// (or when on the first step).
    PrevStep,
    /// End the current phase now.
    SkipPhase,
    /// Add [`ADJUST`](engine::ADJUST) to the current phase.
    AddTime,
    /// Take [`ADJUST`](engine::ADJUST) off the current phase. When no more
    /// than that remains, the phase ends now, as if its deadline had come; the excess does not
    /// carry into the next phase.
    RemoveTime,
    /// Stop the session.
    Quit,
}

/// What happened, for bells, voice and line output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Phase `index` of the plan began. Exactly one per phase entered,
    /// including the first (returned by the first `tick` or `apply`).
    PhaseStarted {
        index: usize,
    },
    /// A prompt's offset into the current rep was reached.
    PromptFired {
        text: String,
        /// The prompt's offset from the start of the rep.
        at: Duration,
    },
    /// The last seconds of a get ready or switch sides: 3, 2, 1 (spoken).
    Countdown {
        secs: u64,
    },
    /// The last seconds of any other phase that is followed by a move or a
    /// hold: 3, 2, 1, for a soft tick (not spoken). See the engine's rules.
    Tick {
        secs: u64,
    },
    Paused,
    Resumed,
    /// The end of the plan was reached, by time running out or by skipping.
    Finished,
    /// The session was stopped with [`Action::Quit`].
    Quit,
}

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Running,
    Paused,
    Finished,
    Quit,
}

impl Status {
    /// Whether the session is over (finished or quit).
    pub fn is_over(self) -> bool {
        matches!(self, Self::Finished | Self::Quit)
    }
}

/// Totals for the summary screen and the history log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub status: Status,
    pub steps_total: usize,
    /// Steps moved past going forward, skipped ones included.
    pub steps_done: usize,
    /// Steps with rep time (a move or a hold) cut by `SkipPhase` or `NextStep`, including the
    /// current one.
    pub steps_skipped: usize,
    /// Time not paused, from the start to the end (or to `now`).
    pub active: Duration,
    /// The routine's total after `+`/`-` adjustments.
    pub total: Duration,
}

impl Summary {
    /// Whether the end of the routine was reached, by time running out or by
    /// skipping (`steps_skipped` says how many).
    pub fn reached_end(&self) -> bool {
        self.status == Status::Finished
    }

    /// Whether the run counts as done (for streaks and `due`): it reached
    /// the end and was active for at least
    /// [`COMPLETED_SHARE`](engine::COMPLETED_SHARE) of the adjusted total.
    pub fn completed(&self) -> bool {
        let (num, den) = engine::COMPLETED_SHARE;
        self.reached_end() && self.active * den >= self.total * num
    }
}
