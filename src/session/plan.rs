//! Routine -> phases: the flat timeline of get ready, the phases of each rep
//! (move and hold), rest and switch sides that the engine walks through.
//!
//! The plan is laid out at planned times only; pauses and adjustments are the
//! engine's business. Its total is exactly [`Routine::total`].

use std::time::Duration;

use crate::routine::{RepKind, Routine};

/// What the person is doing during a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    /// The countdown before a step's first side (or its only pass).
    GetReady,
    /// The countdown before a later side of the same step.
    SwitchSides,
    /// A move phase of a rep: moving through a range, under control.
    Move,
    /// A hold phase of a rep (a step written with `hold` has one per rep).
    Hold,
    /// The pause between two reps on the same side.
    Rest,
}

impl PhaseKind {
    /// Whether this is a countdown before reps (get ready or switch sides).
    pub fn is_lead_in(self) -> bool {
        matches!(self, Self::GetReady | Self::SwitchSides)
    }

    /// Whether this is part of a rep (move or hold), as opposed to a
    /// countdown or a rest.
    pub fn is_rep(self) -> bool {
        matches!(self, Self::Move | Self::Hold)
    }
}

/// What the last seconds of a phase sound like (see the engine's rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Countdown {
    /// A get ready or switch sides: 3, 2, 1, spoken.
    Spoken,
    /// Any other phase followed by a move or a hold: a soft tick a second.
    Ticks,
    /// A phase followed by a rest, a lead-in or the end.
    None,
}

/// One timed stretch of the routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    /// Index into [`Routine::steps`].
    pub step: usize,
    /// For a move or hold, the index of its [`RepPhase`] in the step's
    /// `phases` (name, time, kind and `say`); `None` for the rest.
    ///
    /// [`RepPhase`]: crate::routine::RepPhase
    pub part: Option<usize>,
    /// 1-based. For a move or hold, the rep it belongs to; for a rest, the rep just
    /// finished; for a lead-in, the rep about to start (always 1).
    pub rep: u32,
    /// The step's reps, so a view can say "rep 2 of 6".
    pub reps: u32,
    /// Index into the step's `sides`; `None` when the step is not per side.
    pub side: Option<usize>,
    /// The planned length, before any adjustment.
    pub duration: Duration,
    /// The planned offset from the routine's start.
    pub offset: Duration,
}

/// A routine laid out as consecutive phases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    phases: Vec<Phase>,
    /// The index of each step's first phase.
    step_firsts: Vec<usize>,
    total: Duration,
}

impl Plan {
    /// Lays out every step: for each side (one pass when the step has no
    /// sides), a lead-in if the step has one, then `reps` reps (each its
    /// phases in order) separated by rests. Zero-length lead-ins and rests produce no phase.
    pub fn new(routine: &Routine) -> Self {
        let mut phases: Vec<Phase> = Vec::new();
        let mut step_firsts = Vec::with_capacity(routine.steps.len());
        let mut offset = Duration::ZERO;

        for (index, step) in routine.steps.iter().enumerate() {
            step_firsts.push(phases.len());
            let sides: Vec<Option<usize>> = if step.sides.is_empty() {
                vec![None]
            } else {
                (0..step.sides.len()).map(Some).collect()
            };
            for (pass, side) in sides.into_iter().enumerate() {
                let mut push = |kind, part, rep, duration| {
                    phases.push(Phase {
                        kind,
                        part,
                        step: index,
                        rep,
                        reps: step.reps,
                        side,
                        duration,
                        offset,
                    });
                    offset += duration;
                };
                if !step.lead_in.is_zero() {
                    let kind = if pass == 0 {
                        PhaseKind::GetReady
                    } else {
                        PhaseKind::SwitchSides
                    };
                    push(kind, None, 1, step.lead_in);
                }
                for rep in 1..=step.reps {
                    for (part, rep_phase) in step.phases.iter().enumerate() {
                        let kind = match rep_phase.kind {
                            RepKind::Move => PhaseKind::Move,
                            RepKind::Hold => PhaseKind::Hold,
                        };
                        push(kind, Some(part), rep, rep_phase.time);
                    }
                    if rep < step.reps && !step.rest.is_zero() {
                        push(PhaseKind::Rest, None, rep, step.rest);
                    }
                }
            }
        }

        Self {
            phases,
            step_firsts,
            total: offset,
        }
    }

    /// Every phase, in order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The planned length of the whole routine; equals [`Routine::total`].
    pub fn total(&self) -> Duration {
        self.total
    }

    /// How many steps the routine has.
    pub fn step_count(&self) -> usize {
        self.step_firsts.len()
    }

    /// The index of the first phase of `step`.
    ///
    /// # Panics
    /// If `step` is out of range.
    pub fn first_phase_of(&self, step: usize) -> usize {
        self.step_firsts[step]
    }

    /// How phase `index` counts down its last seconds.
    pub fn countdown(&self, index: usize) -> Countdown {
        let before_rep = self
            .phases
            .get(index + 1)
            .is_some_and(|next| next.kind.is_rep());
        match self.phases.get(index) {
            Some(phase) if phase.kind.is_lead_in() => Countdown::Spoken,
            Some(_) if before_rep => Countdown::Ticks,
            _ => Countdown::None,
        }
    }

    /// Whether `index` is the last phase of its step (always a rep phase).
    pub(super) fn ends_step(&self, index: usize) -> bool {
        match self.phases.get(index + 1) {
            Some(next) => next.step != self.phases[index].step,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests;
