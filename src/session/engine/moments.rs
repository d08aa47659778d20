//! What comes due within the current phase: its prompts, the countdown or
//! ticks of its last seconds, and the next instant worth waking for. The
//! rules are in the engine's module comment.

use std::time::{Duration, Instant};

use super::{COUNTDOWN_FROM, Engine, ceil_secs};
use crate::routine::Prompt;
use crate::session::plan::Countdown;
use crate::session::{Event, Status};

impl Engine {
    /// Fires the current phase's prompts, countdown and ticks that are due.
    /// Nothing fires while paused; what came due fires on resume.
    pub(super) fn fire_due(&mut self, now: Instant) {
        if self.paused_at.is_some() {
            return;
        }
        let phase = &self.plan.phases()[self.index];
        let kind = phase.kind;
        if kind.is_rep() {
            let (_, end) = self.phase_prompts();
            let into_rep = self.rep_offset() + self.phase_elapsed(now);
            let prompts = &self.routine.steps[phase.step].prompts;
            while self.prompts_fired < end {
                let prompt = &prompts[self.prompts_fired];
                if prompt.at > into_rep {
                    break;
                }
                self.events.push(Event::PromptFired {
                    text: prompt.text.clone(),
                    at: prompt.at,
                });
                self.prompts_fired += 1;
            }
        }
        let countdown = self.plan.countdown(self.index);
        if countdown != Countdown::None {
            let secs = ceil_secs(self.remaining(now));
            let newer = self.countdown_shown.is_none_or(|shown| secs < shown);
            if (1..=COUNTDOWN_FROM).contains(&secs) && newer {
                self.countdown_shown = Some(secs);
                self.events.push(if countdown == Countdown::Spoken {
                    Event::Countdown { secs }
                } else {
                    Event::Tick { secs }
                });
            }
        }
    }

    /// Where the current phase starts within its rep; zero outside reps.
    fn rep_offset(&self) -> Duration {
        let phase = self.phase();
        phase
            .part
            .map_or(Duration::ZERO, |part| self.step().phase_offset(part))
    }

    /// The range of the step's prompts that belong to the current phase:
    /// those whose `at` falls within it, by planned times. Empty outside
    /// reps.
    pub(super) fn phase_prompts(&self) -> (usize, usize) {
        let phase = self.phase();
        if !phase.kind.is_rep() {
            return (0, 0);
        }
        let start = self.rep_offset();
        let end = start + phase.duration;
        let prompts = &self.step().prompts;
        let from = prompts.partition_point(|p| p.at < start);
        let to = prompts.partition_point(|p| p.at < end);
        (from, to)
    }

    /// The most recent prompt fired in the current phase, for highlighting;
    /// `None` until one fires, and again from the next phase on.
    pub fn current_prompt(&self) -> Option<&Prompt> {
        if self.prompts_fired == self.prompts_from {
            return None;
        }
        self.step().prompts.get(self.prompts_fired - 1)
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
        let (_, end) = self.phase_prompts();
        if self.prompts_fired < end {
            let prompt = &self.step().prompts[self.prompts_fired];
            let into_phase = prompt.at.saturating_sub(self.rep_offset());
            wake = wake.min(self.phase_start + self.paused_in_phase + into_phase);
        }
        if wake <= now {
            // Only when the caller did not tick first: wake soon, never spin.
            wake = now + Duration::from_millis(1);
        }
        Some(wake)
    }
}
