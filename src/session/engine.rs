//! The state machine that walks a [`Plan`], driven by `(now, action)`.
//!
//! The engine never reads the clock: every method that depends on time takes
//! `now`. It keeps deadlines, not counters. The current phase ends at
//! `phase start + duration (with ±10 s adjustments) + time paused in it`, and
//! the remaining time is always computed from `now`, so nothing drifts however
//! often or rarely the caller ticks. When the caller is late, each phase that
//! was passed starts at the previous one's deadline, not at `now`.
//!
//! Rules where a choice had to be made:
//! - **Prompts across phases.** A prompt's `at` counts from the start of the
//!   rep; it belongs to the rep phase (move or hold) its offset falls in, by
//!   planned times, and fires there at `at` minus the phase's offset. Added
//!   time in a phase never fires the next phase's prompts early; time taken
//!   off, or a skip, means the rest of that phase's prompts never fire.
//! - **Late prompts.** When a tick arrives late within a rep phase, every
//!   prompt of it whose offset has passed fires, in order. Prompts and
//!   countdowns of phases that were passed over entirely during one late tick
//!   do not fire; only their [`Event::PhaseStarted`] does.
//! - **Countdowns and ticks.** The last [`COUNTDOWN_FROM`] seconds of a
//!   get ready or switch sides fire [`Event::Countdown`] (the spoken 3, 2, 1);
//!   those of any other phase that is followed by a move or a hold fire
//!   [`Event::Tick`] (a soft tick, not spoken). A phase followed by a rest, a
//!   lead-in or the end fires neither. A phase of 3 s or less fires its first
//!   number as it starts, right after its [`Event::PhaseStarted`].
//! - **Late countdowns.** Only the number currently showing fires, so a late
//!   tick never rings 3, 2 and 1 at once; the same goes for ticks.
//! - **Navigation while paused** stays paused. The new phase starts at `now`
//!   with its clock frozen at zero. Nothing rings while paused: a prompt or
//!   countdown due at the start of a phase entered while paused fires when
//!   the session resumes.
//! - **Skipped steps.** A step is skipped when [`Action::SkipPhase`] ends one
//!   of its rep phases (a move or a hold) or [`Action::NextStep`] leaves it
//!   (every step ends with a rep phase, so this always leaves rep time
//!   undone). Skipping a get ready or a
//!   rest is not a skip. [`Action::RemoveTime`] is an adjustment, never a skip.
//! - **Done steps** are the steps the session has moved past going forward,
//!   skipped or not. [`Action::PrevStep`] un-marks the steps it goes back to.
//! - **Reaching the end** means the end of the plan was reached, whether
//!   the last phase ran out or was skipped with `SkipPhase` or `NextStep`;
//!   the summary counts the skipped steps. Only `Quit` stops a run short.
//! - **Completed** (what counts for streaks and `due`) means the end was
//!   reached *and* the active time is at least [`COMPLETED_SHARE`] of the
//!   routine's total after adjustments ([`Engine::total`]). So skipping
//!   through a routine reaches its end without completing it, while pausing
//!   costs nothing (paused time is not active, but neither is it planned).
//! - **Adjustments** change the total: `AddTime` adds [`ADJUST`] to it;
//!   `RemoveTime` takes off what it takes off the phase, and when it ends
//!   the phase early, the rest of that phase. Skips don't change the total.

use std::time::{Duration, Instant};

use super::plan::{Phase, Plan};
use super::{Action, Event, Status, Summary};
use crate::routine::{RepPhase, Routine, Step};

mod moments;

/// How much [`Action::AddTime`] and [`Action::RemoveTime`] change a phase.
pub const ADJUST: Duration = Duration::from_secs(10);

/// The share of the adjusted total that a run reaching its end must have
/// been active for to count as completed: 4/5, as numerator and denominator.
pub const COMPLETED_SHARE: (u32, u32) = (4, 5);

/// Within this much active time of entering a step, [`Action::PrevStep`] goes
/// to the previous step rather than restarting the current one.
pub const PREV_STEP_GRACE: Duration = Duration::from_secs(2);

/// The countdown at the end of a lead-in, and the ticks before a move or
/// hold, count down from this many seconds.
pub const COUNTDOWN_FROM: u64 = 3;

/// A guided session through one routine.
#[derive(Debug)]
pub struct Engine {
    routine: Routine,
    plan: Plan,
    started: Instant,
    index: usize,
    phase_start: Instant,
    /// The current phase's length with adjustments.
    duration: Duration,
    paused_in_phase: Duration,
    /// Closed pauses (and closed parts of the ongoing one) since the start.
    paused_total: Duration,
    paused_at: Option<Instant>,
    /// When and how the session ended.
    ended: Option<(Instant, Status)>,
    /// Active time at which the current step was entered.
    step_entered: Duration,
    /// Index into the step's prompts of the next one to fire in this phase.
    prompts_fired: usize,
    /// Index of the first prompt belonging to the current phase.
    prompts_from: usize,
    countdown_shown: Option<u64>,
    /// Time added to and taken off phases so far, the current one included.
    added: Duration,
    removed: Duration,
    /// The part of `added` and `removed` made in the current phase.
    phase_added: Duration,
    phase_removed: Duration,
    passed: Vec<bool>,
    skipped: Vec<bool>,
    events: Vec<Event>,
}

impl Engine {
    /// Starts the first phase at `now`. Its [`Event::PhaseStarted`] (and any
    /// prompt or countdown due at its start) comes from the first `tick` or
    /// `apply`.
    ///
    /// # Panics
    /// If the routine has no steps; validated routines always have one.
    pub fn new(routine: Routine, now: Instant) -> Self {
        let plan = Plan::new(&routine);
        assert!(!plan.phases().is_empty(), "a routine has at least one step");
        let steps = plan.step_count();
        let mut engine = Self {
            routine,
            started: now,
            index: 0,
            phase_start: now,
            duration: plan.phases()[0].duration,
            plan,
            paused_in_phase: Duration::ZERO,
            paused_total: Duration::ZERO,
            paused_at: None,
            ended: None,
            step_entered: Duration::ZERO,
            prompts_fired: 0,
            prompts_from: 0,
            countdown_shown: None,
            added: Duration::ZERO,
            removed: Duration::ZERO,
            phase_added: Duration::ZERO,
            phase_removed: Duration::ZERO,
            passed: vec![false; steps],
            skipped: vec![false; steps],
            events: Vec::new(),
        };
        engine.enter(0, now);
        engine.fire_due(now);
        engine
    }

    /// Brings the state up to `now`: ends every phase whose deadline is at or
    /// before `now`, then fires the current phase's due prompts, countdown
    /// and ticks.
    pub fn tick(&mut self, now: Instant) -> Vec<Event> {
        self.catch_up(now);
        std::mem::take(&mut self.events)
    }

    /// Ticks to `now`, then applies `action`. Does nothing once over.
    pub fn apply(&mut self, action: Action, now: Instant) -> Vec<Event> {
        self.catch_up(now);
        if self.ended.is_none() {
            self.act(action, now);
            if self.ended.is_none() {
                self.fire_due(now);
            }
        }
        std::mem::take(&mut self.events)
    }

    fn catch_up(&mut self, now: Instant) {
        if self.ended.is_some() || self.paused_at.is_some() {
            return;
        }
        loop {
            let deadline = self.deadline();
            if deadline > now {
                break;
            }
            self.leave(deadline);
            if self.ended.is_some() {
                return;
            }
        }
        self.fire_due(now);
    }

    fn act(&mut self, action: Action, now: Instant) {
        let step = self.phase().step;
        match action {
            Action::TogglePause => match self.paused_at {
                Some(_) => {
                    self.close_pause(now);
                    self.events.push(Event::Resumed);
                }
                None => {
                    self.paused_at = Some(now);
                    self.events.push(Event::Paused);
                }
            },
            Action::NextStep => {
                self.skipped[step] = true;
                self.passed[step] = true;
                if step + 1 < self.plan.step_count() {
                    self.enter(self.plan.first_phase_of(step + 1), now);
                } else {
                    self.finish(now, Status::Finished);
                }
            }
            Action::PrevStep => {
                let into_step = self.active_at(now).saturating_sub(self.step_entered);
                let target = if into_step > PREV_STEP_GRACE || step == 0 {
                    step
                } else {
                    step - 1
                };
                self.passed[target..].fill(false);
                self.skipped[target..].fill(false);
                self.enter(self.plan.first_phase_of(target), now);
            }
            Action::SkipPhase => {
                if self.phase().kind.is_rep() {
                    self.skipped[step] = true;
                }
                self.leave(now);
            }
            Action::AddTime => {
                self.duration += ADJUST;
                self.added += ADJUST;
                self.phase_added += ADJUST;
            }
            Action::RemoveTime => {
                let remaining = self.remaining(now);
                if remaining > ADJUST {
                    self.duration -= ADJUST;
                    self.removed += ADJUST;
                    self.phase_removed += ADJUST;
                } else {
                    self.removed += remaining;
                    self.leave(now);
                }
            }
            Action::Quit => self.finish(now, Status::Quit),
        }
    }

    /// Leaves the current phase forward at `at`.
    fn leave(&mut self, at: Instant) {
        if self.plan.ends_step(self.index) {
            let step = self.phase().step;
            self.passed[step] = true;
        }
        if self.index + 1 < self.plan.phases().len() {
            self.enter(self.index + 1, at);
        } else {
            self.finish(at, Status::Finished);
        }
    }

    fn enter(&mut self, index: usize, at: Instant) {
        if self.paused_at.is_some() {
            // Split the ongoing pause: the part so far belonged to the old phase.
            self.close_pause(at);
            self.paused_at = Some(at);
        }
        self.index = index;
        self.phase_start = at;
        self.duration = self.plan.phases()[index].duration;
        self.paused_in_phase = Duration::ZERO;
        // The prompts before this phase's offset belong to earlier phases.
        let (from, _) = self.phase_prompts();
        self.prompts_fired = from;
        self.prompts_from = from;
        self.countdown_shown = None;
        self.phase_added = Duration::ZERO;
        self.phase_removed = Duration::ZERO;
        if self.plan.first_phase_of(self.phase().step) == index {
            self.step_entered = self.active_at(at);
        }
        self.events.push(Event::PhaseStarted { index });
    }

    fn finish(&mut self, at: Instant, status: Status) {
        self.close_pause(at);
        self.ended = Some((at, status));
        self.events.push(match status {
            Status::Finished => Event::Finished,
            _ => Event::Quit,
        });
    }

    fn close_pause(&mut self, at: Instant) {
        if let Some(since) = self.paused_at.take() {
            let paused = at.saturating_duration_since(since);
            self.paused_in_phase += paused;
            self.paused_total += paused;
        }
    }

    /// The instant the clock is read at: frozen while paused or once over.
    fn clock(&self, now: Instant) -> Instant {
        match (self.ended, self.paused_at) {
            (Some((at, _)), _) => at,
            (None, Some(at)) => at,
            (None, None) => now,
        }
    }

    /// When the current phase ends if nothing else happens (while running).
    fn deadline(&self) -> Instant {
        self.phase_start + self.paused_in_phase + self.duration
    }

    fn is_finished(&self) -> bool {
        matches!(self.ended, Some((_, Status::Finished)))
    }

    fn active_at(&self, at: Instant) -> Duration {
        let ongoing = self
            .paused_at
            .map_or(Duration::ZERO, |since| at.saturating_duration_since(since));
        at.saturating_duration_since(self.started)
            .saturating_sub(self.paused_total + ongoing)
    }

    // ---- queries ----

    /// The routine being run.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// The phases being walked.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The index of the current phase in the plan.
    pub fn phase_index(&self) -> usize {
        self.index
    }

    /// The current phase (as planned; see [`Engine::phase_duration`]).
    pub fn phase(&self) -> &Phase {
        &self.plan.phases()[self.index]
    }

    /// The current phase's step.
    pub fn step(&self) -> &Step {
        &self.routine.steps[self.phase().step]
    }

    /// The phase after the current one, for the "Next:" line. A view can
    /// compare its `step` with the current one to say "Next step: Name".
    pub fn next_phase(&self) -> Option<&Phase> {
        if self.ended.is_some() {
            return None;
        }
        self.plan.phases().get(self.index + 1)
    }

    /// The current phase's length, including ±10 s adjustments.
    pub fn phase_duration(&self) -> Duration {
        self.duration
    }

    /// Time spent in the current phase, not counting pauses.
    pub fn phase_elapsed(&self, now: Instant) -> Duration {
        self.clock(now)
            .saturating_duration_since(self.phase_start)
            .saturating_sub(self.paused_in_phase)
            .min(self.duration)
    }

    /// Time left in the current phase: zero once finished, frozen once quit
    /// or while paused. Show it rounded
    /// up to whole seconds (see [`ceil_secs`]).
    pub fn remaining(&self, now: Instant) -> Duration {
        if self.is_finished() {
            return Duration::ZERO;
        }
        self.duration - self.phase_elapsed(now)
    }

    /// Active (not paused) time since the start, up to the end once over.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.active_at(self.clock(now))
    }

    /// The routine's total with the adjustments made so far: the planned
    /// total, plus the time added, minus the time taken off (see the rules).
    pub fn total(&self) -> Duration {
        (self.plan.total() + self.added).saturating_sub(self.removed)
    }

    /// Where the session stands on the adjusted timeline (out of
    /// [`Engine::total`]): the current phase's planned offset, moved by the
    /// adjustments made before it, plus the time spent in it. It keeps
    /// moving through added time, stays put when time is taken off, skipping
    /// jumps to the next offset, and once finished it is the whole total.
    pub fn position(&self, now: Instant) -> Duration {
        if self.is_finished() {
            return self.total();
        }
        let before = (self.phase().offset + (self.added - self.phase_added))
            .saturating_sub(self.removed - self.phase_removed);
        before + self.phase_elapsed(now)
    }

    /// Whether the session has moved past its first phase (only then is it
    /// worth recording).
    pub fn has_started(&self) -> bool {
        self.index > 0 || self.status() == Status::Finished
    }

    pub fn is_paused(&self) -> bool {
        self.status() == Status::Paused
    }

    pub fn status(&self) -> Status {
        match (self.ended, self.paused_at) {
            (Some((_, status)), _) => status,
            (None, Some(_)) => Status::Paused,
            (None, None) => Status::Running,
        }
    }

    /// The rep phase (name, time, kind, `say`) that the current phase plays;
    /// `None` in a get ready, switch sides or rest.
    pub fn rep_phase(&self) -> Option<&RepPhase> {
        self.rep_phase_of(self.phase())
    }

    /// The rep phase that any phase of this plan plays, such as
    /// [`Engine::next_phase`]'s, for "Next: roll up 5s".
    pub fn rep_phase_of(&self, phase: &Phase) -> Option<&RepPhase> {
        self.routine.steps.get(phase.step)?.phases.get(phase.part?)
    }

    pub fn steps_total(&self) -> usize {
        self.plan.step_count()
    }

    /// Steps moved past going forward, skipped ones included.
    pub fn steps_done(&self) -> usize {
        self.passed.iter().filter(|&&p| p).count()
    }

    /// Steps with rep time (a move or a hold) cut by `SkipPhase` or `NextStep`.
    pub fn steps_skipped(&self) -> usize {
        self.skipped.iter().filter(|&&s| s).count()
    }

    /// Totals for the summary and history, as of `now` (or the end).
    pub fn summary(&self, now: Instant) -> Summary {
        Summary {
            status: self.status(),
            steps_total: self.steps_total(),
            steps_done: self.steps_done(),
            steps_skipped: self.steps_skipped(),
            active: self.elapsed(now),
            total: self.total(),
        }
    }
}

/// Whole seconds rounded up, as remaining time is shown: a 5 s hold shows
/// 5, 4, 3, 2, 1.
pub fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests;
