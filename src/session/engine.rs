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
//! - **Late prompts.** When a tick arrives late within a hold, every prompt
//!   whose offset has passed fires, in order. Prompts and countdowns of phases
//!   that were passed over entirely during one late tick do not fire; only
//!   their [`Event::PhaseStarted`] does.
//! - **Late countdowns.** Only the number currently showing fires, so a late
//!   tick never rings 3, 2 and 1 at once.
//! - **Navigation while paused** stays paused. The new phase starts at `now`
//!   with its clock frozen at zero. Nothing rings while paused: a prompt or
//!   countdown due at the start of a phase entered while paused fires when
//!   the session resumes.
//! - **Skipped steps.** A step is skipped when [`Action::SkipPhase`] ends one
//!   of its holds or [`Action::NextStep`] leaves it (every step ends with a
//!   hold, so this always leaves hold time unheld). Skipping a get ready or a
//!   rest is not a skip. [`Action::RemoveTime`] is an adjustment, never a skip.
//! - **Done steps** are the steps the session has moved past going forward,
//!   skipped or not. [`Action::PrevStep`] un-marks the steps it goes back to.
//! - **Completed** means the last phase ran out on its own (its adjusted
//!   deadline passed). Ending the last phase with `SkipPhase` or `NextStep`
//!   finishes the routine as not completed; `Quit` stops it.

use std::time::{Duration, Instant};

use super::plan::{Phase, PhaseKind, Plan};
use crate::routine::{Prompt, Routine, Step};

/// How much [`Action::AddTime`] and [`Action::RemoveTime`] change a phase.
pub const ADJUST: Duration = Duration::from_secs(10);

/// Within this much active time of entering a step, [`Action::PrevStep`] goes
/// to the previous step rather than restarting the current one.
pub const PREV_STEP_GRACE: Duration = Duration::from_secs(2);

/// The countdown at the end of a lead-in counts down from this many seconds.
pub const COUNTDOWN_FROM: u64 = 3;

/// Something the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Pause, or resume. Use this around a suspend (Ctrl-Z) too.
    TogglePause,
    /// Jump to the first phase of the next step; on the last step, finish
    /// (not completed). Counts the step left as skipped.
    NextStep,
    /// Go back to the start of the previous step, or restart the current step
    /// when more than [`PREV_STEP_GRACE`] into it (or when on the first step).
    PrevStep,
    /// End the current phase now.
    SkipPhase,
    /// Add [`ADJUST`] to the current phase.
    AddTime,
    /// Take [`ADJUST`] off the current phase. When no more than that remains,
    /// the phase ends now, as if its deadline had come; the excess does not
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
    /// A prompt's offset into the current hold was reached.
    PromptFired {
        text: String,
    },
    /// The last seconds of a get ready or switch sides: 3, 2, 1.
    Countdown {
        secs: u64,
    },
    Paused,
    Resumed,
    /// The end of the plan was reached; see the module docs for `completed`.
    Finished {
        completed: bool,
    },
    /// The session was stopped with [`Action::Quit`].
    Quit,
}

/// Where the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Running,
    Paused,
    Finished { completed: bool },
    Quit,
}

impl Status {
    /// Whether the session is over (finished or quit).
    pub fn is_over(self) -> bool {
        matches!(self, Self::Finished { .. } | Self::Quit)
    }
}

/// Totals for the summary screen and the history log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub status: Status,
    pub steps_total: usize,
    /// Steps moved past going forward, skipped ones included.
    pub steps_done: usize,
    /// Steps with hold time cut by `SkipPhase` or `NextStep`, including the
    /// current one.
    pub steps_skipped: usize,
    /// Time not paused, from the start to the end (or to `now`).
    pub active: Duration,
}

impl Summary {
    /// Whether the last phase ran out on its own.
    pub fn completed(&self) -> bool {
        self.status == Status::Finished { completed: true }
    }
}

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
    prompts_fired: usize,
    countdown_shown: Option<u64>,
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
            countdown_shown: None,
            passed: vec![false; steps],
            skipped: vec![false; steps],
            events: Vec::new(),
        };
        engine.enter(0, now);
        engine.fire_due(now);
        engine
    }

    /// Brings the state up to `now`: ends every phase whose deadline is at or
    /// before `now`, then fires the current hold's due prompts and countdown.
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
            self.leave(deadline, true);
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
                    self.finish(now, Status::Finished { completed: false });
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
                if self.phase().kind == PhaseKind::Hold {
                    self.skipped[step] = true;
                }
                self.leave(now, false);
            }
            Action::AddTime => self.duration += ADJUST,
            Action::RemoveTime => {
                if self.remaining(now) > ADJUST {
                    self.duration -= ADJUST;
                } else {
                    self.leave(now, true);
                }
            }
            Action::Quit => self.finish(now, Status::Quit),
        }
    }

    /// Leaves the current phase forward at `at`; `ran_out` says whether it
    /// reached its deadline rather than being skipped.
    fn leave(&mut self, at: Instant, ran_out: bool) {
        if self.plan.ends_step(self.index) {
            let step = self.phase().step;
            self.passed[step] = true;
        }
        if self.index + 1 < self.plan.phases().len() {
            self.enter(self.index + 1, at);
        } else {
            self.finish(at, Status::Finished { completed: ran_out });
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
        self.prompts_fired = 0;
        self.countdown_shown = None;
        if self.plan.first_phase_of(self.phase().step) == index {
            self.step_entered = self.active_at(at);
        }
        self.events.push(Event::PhaseStarted { index });
    }

    fn finish(&mut self, at: Instant, status: Status) {
        self.close_pause(at);
        self.ended = Some((at, status));
        self.events.push(match status {
            Status::Finished { completed } => Event::Finished { completed },
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

    /// Fires the current phase's prompts and countdown that are due. Nothing
    /// fires while paused; what came due fires on resume.
    fn fire_due(&mut self, now: Instant) {
        if self.paused_at.is_some() {
            return;
        }
        let phase = &self.plan.phases()[self.index];
        if phase.kind == PhaseKind::Hold {
            let elapsed = self.phase_elapsed(now);
            let prompts = &self.routine.steps[phase.step].prompts;
            while let Some(prompt) = prompts.get(self.prompts_fired) {
                if prompt.at > elapsed {
                    break;
                }
                self.events.push(Event::PromptFired {
                    text: prompt.text.clone(),
                });
                self.prompts_fired += 1;
            }
        } else if phase.kind.is_lead_in() {
            let remaining = self.remaining(now);
            let secs = ceil_secs(remaining);
            let newer = self.countdown_shown.is_none_or(|shown| secs < shown);
            if (1..=COUNTDOWN_FROM).contains(&secs) && newer {
                self.countdown_shown = Some(secs);
                self.events.push(Event::Countdown { secs });
            }
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
        matches!(self.ended, Some((_, Status::Finished { .. })))
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

    /// The current phase's index into [`Plan::phases`]; once over, the last
    /// phase reached.
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

    /// Where the session stands on the planned timeline: the current phase's
    /// planned offset plus its progress, scaled so an adjusted phase still
    /// spans exactly its planned length. Skipping jumps to the next offset;
    /// once finished (not quit) it is the whole total.
    pub fn position(&self, now: Instant) -> Duration {
        if self.is_finished() {
            return self.plan.total();
        }
        let phase = self.phase();
        let elapsed = self.phase_elapsed(now);
        if elapsed == self.duration {
            phase.end()
        } else if self.duration == phase.duration {
            phase.offset + elapsed
        } else {
            let fraction = elapsed.as_secs_f64() / self.duration.as_secs_f64();
            phase.offset + phase.duration.mul_f64(fraction)
        }
    }

    /// [`Engine::position`] as a fraction of the planned total, 0.0 to 1.0.
    pub fn progress(&self, now: Instant) -> f64 {
        let total = self.plan.total().as_secs_f64();
        if total == 0.0 {
            return 1.0;
        }
        (self.position(now).as_secs_f64() / total).clamp(0.0, 1.0)
    }

    /// Time left in the routine: this phase's remaining time plus the
    /// planned lengths of the phases after it.
    pub fn routine_remaining(&self, now: Instant) -> Duration {
        if self.ended.is_some() {
            return Duration::ZERO;
        }
        self.remaining(now) + (self.plan.total() - self.phase().end())
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

    /// The most recent prompt fired in the current hold, for highlighting.
    pub fn current_prompt(&self) -> Option<&Prompt> {
        let index = self.prompts_fired.checked_sub(1)?;
        self.step().prompts.get(index)
    }

    /// The next instant at which something visible changes: the remaining
    /// whole seconds (rounded up), a prompt, or the phase's end. `None` while
    /// paused or once over. Always after `now` when running; call
    /// [`Engine::tick`] first, or an overdue change is reported 1 ms on.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        if self.status() != Status::Running {
            return None;
        }
        let deadline = self.deadline();
        let remaining = deadline.saturating_duration_since(now);
        let mut wake = deadline - Duration::from_secs(ceil_secs(remaining).saturating_sub(1));
        if self.phase().kind == PhaseKind::Hold
            && let Some(prompt) = self.step().prompts.get(self.prompts_fired)
        {
            wake = wake.min(self.phase_start + self.paused_in_phase + prompt.at);
        }
        if wake <= now {
            // Only when the caller did not tick first: wake soon, never spin.
            wake = now + Duration::from_millis(1);
        }
        Some(wake)
    }

    pub fn steps_total(&self) -> usize {
        self.plan.step_count()
    }

    /// Steps moved past going forward, skipped ones included.
    pub fn steps_done(&self) -> usize {
        self.passed.iter().filter(|&&p| p).count()
    }

    /// Steps with hold time cut by `SkipPhase` or `NextStep`.
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
        }
    }
}

/// Whole seconds rounded up, as remaining time is shown: a 5 s hold shows
/// 5, 4, 3, 2, 1.
pub fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::Prompt;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    fn step(name: &str, hold: u64, reps: u32, rest: u64, sides: &[&str], lead_in: u64) -> Step {
        Step {
            name: name.into(),
            cue: String::new(),
            hold: secs(hold),
            reps,
            rest: secs(rest),
            sides: sides.iter().map(|s| (*s).into()).collect(),
            lead_in: secs(lead_in),
            prompts: vec![],
        }
    }

    fn routine(steps: Vec<Step>) -> Routine {
        Routine::with_steps(steps)
    }

    /// Phases and planned offsets (s):
    /// 0 get ready 0-3, 1 hold 3-8, 2 rest 8-12, 3 hold 12-17 (Reach);
    /// 4 get ready 17-19, 5 hold 19-23, 6 switch sides 23-25, 7 hold 25-29
    /// (Twist); 8 hold 29-32 (Fold). Total 32 s.
    fn sample() -> Routine {
        let mut reach = step("Reach", 5, 2, 4, &[], 3);
        reach.prompts = vec![
            Prompt {
                at: Duration::ZERO,
                text: "Breathe in".into(),
            },
            Prompt {
                at: secs(2),
                text: "Reach".into(),
            },
        ];
        routine(vec![
            reach,
            step("Twist", 4, 1, 0, &["left", "right"], 2),
            step("Fold", 3, 1, 0, &[], 0),
        ])
    }

    /// An engine whose first events have been taken, and its start.
    fn started(r: Routine) -> (Engine, Instant) {
        let t0 = Instant::now();
        let mut engine = Engine::new(r, t0);
        engine.tick(t0);
        (engine, t0)
    }

    fn starts(events: &[Event]) -> Vec<usize> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::PhaseStarted { index } => Some(*index),
                _ => None,
            })
            .collect()
    }

    fn prompt(text: &str) -> Event {
        Event::PromptFired { text: text.into() }
    }

    #[test]
    fn the_first_tick_announces_the_first_phase() {
        let t0 = Instant::now();
        let mut engine = Engine::new(sample(), t0);
        assert_eq!(
            engine.tick(t0),
            vec![
                Event::PhaseStarted { index: 0 },
                Event::Countdown { secs: 3 }
            ]
        );
        assert_eq!(engine.tick(t0 + ms(10)), vec![]);
        assert_eq!(engine.phase().kind, PhaseKind::GetReady);
        assert_eq!(engine.status(), Status::Running);
    }

    #[test]
    fn an_untouched_routine_finishes_exactly_at_its_planned_total() {
        let r = sample();
        let total = r.total();
        assert_eq!(total, secs(32));
        let (mut engine, t0) = started(r);
        let mut seen = vec![0];
        let mut t = Duration::ZERO;
        while t < total {
            seen.extend(starts(&engine.tick(t0 + t)));
            t += ms(333);
        }
        assert_eq!(seen, (0..=8).collect::<Vec<_>>());
        assert_eq!(engine.tick(t0 + total - Duration::from_nanos(1)), vec![]);
        assert_eq!(
            engine.tick(t0 + total),
            vec![Event::Finished { completed: true }]
        );
        let summary = engine.summary(t0 + secs(99));
        assert!(summary.completed());
        assert_eq!(summary.active, total);
        assert_eq!((summary.steps_done, summary.steps_skipped), (3, 0));
        assert_eq!(summary.steps_total, 3);
        assert_eq!(engine.progress(t0 + secs(99)), 1.0);
        assert_eq!(engine.remaining(t0 + secs(99)), Duration::ZERO);
    }

    #[test]
    fn phases_run_get_ready_hold_rest_hold_then_sides() {
        use PhaseKind::*;
        let (mut engine, t0) = started(sample());
        let kinds = [
            GetReady,
            Hold,
            Rest,
            Hold,
            GetReady,
            Hold,
            SwitchSides,
            Hold,
            Hold,
        ];
        for (index, kind) in kinds.into_iter().enumerate() {
            let offset = engine.plan().phases()[index].offset;
            let events = engine.tick(t0 + offset);
            if index > 0 {
                assert_eq!(starts(&events), vec![index]);
            }
            assert_eq!(engine.phase().kind, kind);
            assert_eq!(engine.remaining(t0 + offset), engine.phase().duration);
        }
        assert_eq!(engine.phase().side, None);
        assert_eq!(engine.plan().phases()[7].side, Some(1));
    }

    #[test]
    fn a_lead_in_counts_down_three_two_one() {
        let (mut engine, t0) = started(sample());
        let mut counts = vec![];
        for t in (500..=2_900).step_by(100) {
            counts.extend(engine.tick(t0 + ms(t)));
        }
        let two = [Event::Countdown { secs: 2 }, Event::Countdown { secs: 1 }];
        assert_eq!(counts, two);
        // A two-second switch sides counts only 2, 1.
        engine.tick(t0 + secs(23) - ms(1));
        let mut counts = engine.tick(t0 + secs(23));
        counts.extend(engine.tick(t0 + ms(24_000)));
        assert_eq!(
            counts,
            [
                Event::PhaseStarted { index: 6 },
                two[0].clone(),
                two[1].clone()
            ]
        );
    }

    #[test]
    fn a_late_tick_rings_only_the_countdown_showing() {
        let (mut engine, t0) = started(sample());
        assert_eq!(engine.tick(t0 + ms(2_500)), [Event::Countdown { secs: 1 }]);
        assert_eq!(engine.tick(t0 + ms(2_900)), []);
    }

    #[test]
    fn pause_freezes_the_remaining_time() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(1));
        assert_eq!(
            engine.apply(Action::TogglePause, t0 + secs(1)),
            [Event::Paused]
        );
        assert!(engine.is_paused());
        assert_eq!(engine.remaining(t0 + secs(1)), secs(2));
        assert_eq!(engine.remaining(t0 + secs(100)), secs(2));
        assert_eq!(engine.tick(t0 + secs(100)), []);
        assert_eq!(engine.phase_index(), 0);
        assert_eq!(engine.elapsed(t0 + secs(100)), secs(1));
    }

    #[test]
    fn resume_moves_the_deadline_by_the_paused_time() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::TogglePause, t0 + secs(1));
        assert_eq!(
            engine.apply(Action::TogglePause, t0 + secs(11)),
            [Event::Resumed]
        );
        assert_eq!(engine.remaining(t0 + secs(11)), secs(2));
        assert_eq!(
            engine.tick(t0 + secs(13) - ms(1)),
            [Event::Countdown { secs: 1 }]
        );
        assert_eq!(
            engine.tick(t0 + secs(13)),
            [Event::PhaseStarted { index: 1 }, prompt("Breathe in")]
        );
        assert_eq!(
            engine.tick(t0 + secs(42) - ms(1)).last(),
            Some(&Event::PhaseStarted { index: 8 })
        );
        assert_eq!(
            engine.tick(t0 + secs(42)),
            [Event::Finished { completed: true }]
        );
        assert_eq!(engine.summary(t0 + secs(50)).active, secs(32));
    }

    #[test]
    fn pausing_just_before_a_boundary_holds_the_phase_across_it() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::TogglePause, t0 + ms(2_500));
        assert_eq!(engine.tick(t0 + secs(5)), []);
        assert_eq!(engine.phase_index(), 0);
        assert_eq!(engine.remaining(t0 + secs(5)), ms(500));
        engine.apply(Action::TogglePause, t0 + secs(10));
        assert_eq!(engine.tick(t0 + ms(10_499)), []);
        assert_eq!(starts(&engine.tick(t0 + ms(10_500))), [1]);
        assert_eq!(engine.remaining(t0 + ms(10_500)), secs(5));
    }

    #[test]
    fn skip_phase_cuts_a_rest_short_without_counting_a_skip() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(9));
        assert_eq!(engine.phase().kind, PhaseKind::Rest);
        assert_eq!(
            engine.apply(Action::SkipPhase, t0 + secs(9)),
            [Event::PhaseStarted { index: 3 }, prompt("Breathe in")]
        );
        assert_eq!(engine.remaining(t0 + secs(9)), secs(5));
        assert_eq!(engine.position(t0 + secs(9)), secs(12));
        assert_eq!(engine.steps_skipped(), 0);
        engine.tick(t0 + secs(29) - ms(1));
        assert_eq!(
            engine.tick(t0 + secs(29)),
            [Event::Finished { completed: true }]
        );
    }

    #[test]
    fn skip_phase_on_a_hold_counts_the_step_as_skipped() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(4));
        assert_eq!(starts(&engine.apply(Action::SkipPhase, t0 + secs(4))), [2]);
        assert_eq!(engine.steps_skipped(), 1);
        assert_eq!(engine.steps_done(), 0);
    }

    #[test]
    fn skip_phase_on_the_last_hold_finishes_without_completing() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(30));
        assert_eq!(
            engine.apply(Action::SkipPhase, t0 + secs(30)),
            [Event::Finished { completed: false }]
        );
        assert_eq!(engine.status(), Status::Finished { completed: false });
        assert_eq!(engine.remaining(t0 + secs(31)), Duration::ZERO);
        assert_eq!(engine.progress(t0 + secs(31)), 1.0);
    }

    #[test]
    fn next_step_jumps_to_the_first_phase_of_the_next_step() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(5));
        assert_eq!(
            engine.apply(Action::NextStep, t0 + secs(5)),
            [
                Event::PhaseStarted { index: 4 },
                Event::Countdown { secs: 2 }
            ]
        );
        assert_eq!(engine.remaining(t0 + secs(5)), secs(2));
        assert_eq!(engine.position(t0 + secs(5)), secs(17));
        assert_eq!((engine.steps_done(), engine.steps_skipped()), (1, 1));
    }

    #[test]
    fn next_step_on_the_last_step_finishes_without_completing() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::NextStep, t0 + secs(1));
        assert_eq!(starts(&engine.apply(Action::NextStep, t0 + secs(2))), [8]);
        assert_eq!(
            engine.apply(Action::NextStep, t0 + secs(3)),
            [Event::Finished { completed: false }]
        );
        let summary = engine.summary(t0 + secs(10));
        assert!(!summary.completed());
        assert_eq!((summary.steps_done, summary.steps_skipped), (3, 3));
        assert_eq!(summary.active, secs(3));
        assert_eq!(engine.next_wake(t0 + secs(3)), None);
        assert_eq!(engine.next_phase(), None);
        assert_eq!(engine.progress(t0 + secs(3)), 1.0);
    }

    #[test]
    fn prev_step_within_two_seconds_goes_to_the_previous_step() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(17));
        assert_eq!(engine.steps_done(), 1);
        // Exactly two seconds in still counts as "within".
        engine.tick(t0 + secs(19));
        let events = engine.apply(Action::PrevStep, t0 + secs(19));
        assert_eq!(starts(&events), [0]);
        assert_eq!(engine.remaining(t0 + secs(19)), secs(3));
        assert_eq!(engine.steps_done(), 0);
    }

    #[test]
    fn prev_step_after_two_seconds_restarts_the_current_step() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + ms(19_001));
        let events = engine.apply(Action::PrevStep, t0 + ms(19_001));
        assert_eq!(starts(&events), [4]);
        assert_eq!(engine.remaining(t0 + ms(19_001)), secs(2));
        assert_eq!(engine.steps_done(), 1);
    }

    #[test]
    fn prev_step_on_the_first_step_restarts_it() {
        let (mut engine, t0) = started(sample());
        assert_eq!(starts(&engine.apply(Action::PrevStep, t0 + secs(1))), [0]);
        engine.tick(t0 + secs(10));
        assert_eq!(starts(&engine.apply(Action::PrevStep, t0 + secs(10))), [0]);
        assert_eq!(engine.remaining(t0 + secs(10)), secs(3));
    }

    #[test]
    fn prev_step_measures_time_in_the_step_without_pauses() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(17));
        engine.apply(Action::TogglePause, t0 + ms(17_500));
        engine.apply(Action::TogglePause, t0 + secs(30));
        assert_eq!(starts(&engine.apply(Action::PrevStep, t0 + secs(31))), [0]);
    }

    #[test]
    fn prev_step_clears_the_skip_it_goes_back_over() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::NextStep, t0 + secs(1));
        assert_eq!(engine.steps_skipped(), 1);
        engine.apply(Action::PrevStep, t0 + secs(2));
        assert_eq!((engine.steps_done(), engine.steps_skipped()), (0, 0));
    }

    #[test]
    fn navigation_while_paused_stays_paused() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::TogglePause, t0 + secs(1));
        assert_eq!(
            engine.apply(Action::NextStep, t0 + secs(5)),
            [Event::PhaseStarted { index: 4 }]
        );
        assert!(engine.is_paused());
        assert_eq!(engine.remaining(t0 + secs(100)), secs(2));
        assert_eq!(
            engine.apply(Action::TogglePause, t0 + secs(7)),
            [Event::Resumed, Event::Countdown { secs: 2 }]
        );
        engine.apply(Action::TogglePause, t0 + secs(7));
        assert_eq!(starts(&engine.apply(Action::SkipPhase, t0 + secs(8))), [5]);
        assert!(engine.is_paused());
        engine.apply(Action::TogglePause, t0 + secs(10));
        assert_eq!(engine.tick(t0 + secs(14) - ms(1)), []);
        assert_eq!(starts(&engine.tick(t0 + secs(14))), [6]);
        assert_eq!(engine.elapsed(t0 + secs(14)), secs(5));
    }

    #[test]
    fn add_time_extends_the_current_phase() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(4));
        assert_eq!(engine.apply(Action::AddTime, t0 + secs(4)), []);
        assert_eq!(engine.phase_duration(), secs(15));
        assert_eq!(engine.remaining(t0 + secs(4)), secs(14));
        assert_eq!(engine.routine_remaining(t0 + secs(4)), secs(38));
        assert_eq!(
            starts(&engine.tick(t0 + secs(18) - ms(1))),
            Vec::<usize>::new()
        );
        assert_eq!(starts(&engine.tick(t0 + secs(18))), [2]);
        assert_eq!(engine.position(t0 + secs(18)), secs(8));
        assert_eq!(engine.phase_duration(), secs(4));
    }

    #[test]
    fn remove_time_shortens_the_current_phase() {
        let (mut engine, t0) = started(routine(vec![step("Long", 30, 1, 0, &[], 0)]));
        engine.apply(Action::RemoveTime, t0 + secs(5));
        assert_eq!(engine.phase_duration(), secs(20));
        assert_eq!(engine.remaining(t0 + secs(5)), secs(15));
        assert_eq!(engine.tick(t0 + secs(20) - ms(1)), []);
        assert_eq!(
            engine.tick(t0 + secs(20)),
            [Event::Finished { completed: true }]
        );
    }

    #[test]
    fn remove_time_past_zero_ends_the_phase_now() {
        let (mut engine, t0) = started(sample());
        let events = engine.apply(Action::RemoveTime, t0 + secs(1));
        assert_eq!(starts(&events), [1]);
        assert_eq!(engine.remaining(t0 + secs(1)), secs(5));
        assert_eq!(engine.steps_skipped(), 0);

        let (mut engine, t0) = started(routine(vec![step("Long", 30, 1, 0, &[], 0)]));
        assert_eq!(
            engine.apply(Action::RemoveTime, t0 + secs(20)),
            [Event::Finished { completed: true }]
        );
        assert_eq!(engine.elapsed(t0 + secs(40)), secs(20));
    }

    #[test]
    fn adjustments_while_paused_keep_the_clock_still() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(4));
        engine.apply(Action::TogglePause, t0 + secs(4));
        engine.apply(Action::AddTime, t0 + secs(6));
        assert_eq!(engine.remaining(t0 + secs(60)), secs(14));
        engine.apply(Action::RemoveTime, t0 + secs(7));
        engine.apply(Action::RemoveTime, t0 + secs(8));
        assert_eq!(engine.phase_index(), 2);
        assert!(engine.is_paused());
        assert_eq!(engine.remaining(t0 + secs(60)), secs(4));
        assert_eq!(engine.elapsed(t0 + secs(60)), secs(4));
    }

    #[test]
    fn prompts_fire_once_each_in_order() {
        let (mut engine, t0) = started(sample());
        assert_eq!(engine.current_prompt(), None);
        let mut fired = vec![];
        for t in (2_000..=17_000).step_by(250) {
            fired.extend(
                engine
                    .tick(t0 + ms(t))
                    .into_iter()
                    .filter(|e| matches!(e, Event::PromptFired { .. })),
            );
            if t == 5_000 {
                assert_eq!(engine.current_prompt().map(|p| &*p.text), Some("Reach"));
            }
        }
        let once = [prompt("Breathe in"), prompt("Reach")];
        assert_eq!(fired, [once.clone(), once].concat());
    }

    #[test]
    fn a_late_tick_fires_the_passed_prompts_of_the_current_hold_in_order() {
        let (mut engine, t0) = started(sample());
        assert_eq!(
            engine.tick(t0 + secs(6)),
            [
                Event::PhaseStarted { index: 1 },
                prompt("Breathe in"),
                prompt("Reach")
            ]
        );
        assert_eq!(engine.current_prompt().map(|p| &*p.text), Some("Reach"));
    }

    #[test]
    fn a_late_tick_catches_up_several_phases_without_drift() {
        let (mut engine, t0) = started(sample());
        // Holds 1 and 3 were passed over entirely, so their prompts are not fired.
        assert_eq!(
            engine.tick(t0 + ms(20_500)),
            (1..=5)
                .map(|index| Event::PhaseStarted { index })
                .collect::<Vec<_>>()
        );
        assert_eq!(engine.remaining(t0 + ms(20_500)), ms(2_500));
        assert_eq!(engine.position(t0 + ms(20_500)), ms(20_500));
        assert_eq!(
            engine.tick(t0 + secs(60)).last(),
            Some(&Event::Finished { completed: true })
        );
        assert_eq!(engine.elapsed(t0 + secs(60)), secs(32));
    }

    #[test]
    fn next_wake_follows_the_whole_seconds_of_remaining() {
        let mut r = routine(vec![step("Hold", 5, 1, 0, &[], 0)]);
        r.steps[0].prompts = vec![Prompt {
            at: ms(2_500),
            text: "Now".into(),
        }];
        let (mut engine, t0) = started(r);
        assert_eq!(engine.next_wake(t0), Some(t0 + secs(1)));
        assert_eq!(engine.next_wake(t0 + ms(1_200)), Some(t0 + secs(2)));
        assert_eq!(engine.next_wake(t0 + ms(2_200)), Some(t0 + ms(2_500)));
        engine.tick(t0 + ms(2_500));
        assert_eq!(engine.next_wake(t0 + ms(2_500)), Some(t0 + secs(3)));
        assert_eq!(engine.next_wake(t0 + ms(4_500)), Some(t0 + secs(5)));
        // Forgetting to tick past the deadline still never returns `now`.
        assert_eq!(engine.next_wake(t0 + secs(5)), Some(t0 + secs(5) + ms(1)));
    }

    #[test]
    fn next_wake_is_none_while_paused_or_over() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::TogglePause, t0 + secs(1));
        assert_eq!(engine.next_wake(t0 + secs(1)), None);
        engine.apply(Action::TogglePause, t0 + secs(2));
        assert_eq!(engine.next_wake(t0 + secs(2)), Some(t0 + secs(3)));
        engine.apply(Action::Quit, t0 + secs(2));
        assert_eq!(engine.next_wake(t0 + secs(2)), None);
    }

    #[test]
    fn sleeping_until_next_wake_reaches_the_end_exactly() {
        let mut r = sample();
        r.steps[1].hold = ms(4_300);
        r.steps[1].lead_in = ms(1_750);
        let total = r.total();
        let (mut engine, t0) = started(r);
        let mut now = t0;
        let mut wakes = 0;
        while let Some(wake) = engine.next_wake(now) {
            assert!(wake > now);
            now = wake;
            engine.tick(now);
            wakes += 1;
            assert!(wakes < 1_000, "next_wake spins");
        }
        assert_eq!(now, t0 + total);
        assert_eq!(engine.status(), Status::Finished { completed: true });
    }

    #[test]
    fn quit_stops_the_clock_and_reports_not_completed() {
        let (mut engine, t0) = started(sample());
        engine.tick(t0 + secs(5));
        assert_eq!(engine.apply(Action::Quit, t0 + secs(5)), [Event::Quit]);
        assert_eq!(engine.status(), Status::Quit);
        assert!(engine.status().is_over());
        assert_eq!(engine.elapsed(t0 + secs(100)), secs(5));
        assert_eq!(engine.remaining(t0 + secs(100)), secs(3));
        assert_eq!(engine.apply(Action::TogglePause, t0 + secs(6)), []);
        assert_eq!(engine.tick(t0 + secs(100)), []);
        let summary = engine.summary(t0 + secs(100));
        assert!(!summary.completed());
        assert_eq!((summary.steps_done, summary.steps_skipped), (0, 0));
    }

    #[test]
    fn quitting_while_paused_does_not_count_the_pause_as_active() {
        let (mut engine, t0) = started(sample());
        engine.apply(Action::TogglePause, t0 + secs(2));
        engine.apply(Action::Quit, t0 + secs(50));
        assert_eq!(engine.summary(t0 + secs(60)).active, secs(2));
    }

    #[test]
    fn next_phase_names_what_comes_after() {
        let (mut engine, t0) = started(sample());
        let next = engine.next_phase().unwrap();
        assert_eq!((next.kind, next.duration), (PhaseKind::Hold, secs(5)));
        engine.tick(t0 + secs(12));
        let next = engine.next_phase().unwrap();
        assert_eq!(next.kind, PhaseKind::GetReady);
        assert_ne!(next.step, engine.phase().step);
        assert_eq!(engine.routine().steps[next.step].name, "Twist");
        engine.tick(t0 + secs(29));
        assert_eq!(engine.next_phase(), None);
    }

    #[test]
    fn progress_follows_the_planned_timeline() {
        let (mut engine, t0) = started(sample());
        assert_eq!(engine.progress(t0), 0.0);
        engine.tick(t0 + secs(16));
        assert_eq!(engine.progress(t0 + secs(16)), 0.5);
        assert_eq!(engine.routine_remaining(t0 + secs(16)), secs(16));
    }
}
