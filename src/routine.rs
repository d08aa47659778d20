//! What a routine is: validated steps, prompts and their timing.
//!
//! Everything here has already passed validation in [`parse`], so the
//! session engine and the views never re-check limits. The limits are here
//! too, for anything else that must agree with them.

pub mod library;
pub mod parse;
mod raw;
mod validate;
pub mod write;

use std::time::Duration;

pub use crate::figure::{Figure, Pose};

/// The largest routine file accepted.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// The longest a title may be, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Limits on the shape of a routine.
pub const MAX_STEPS: usize = 200;
pub const MAX_REPS: i64 = 100;
pub const MAX_HOLD: Duration = Duration::from_secs(3600);
/// The longest rest or get-ready countdown.
pub const MAX_PAUSE: Duration = Duration::from_secs(600);
/// Limits on the remaining text fields, in characters.
pub const MAX_LINE_CHARS: usize = 200;
pub const MAX_CUE_CHARS: usize = 4000;
pub const MAX_SIDES: usize = 10;
pub const MAX_PROMPTS: usize = 50;
/// The most `[[step.phase]]` tables one step may have.
pub const MAX_PHASES: usize = 10;
/// The longest phase name, in characters: it is shown as the big word.
pub const MAX_PHASE_NAME_CHARS: usize = 24;
/// The default get-ready countdown.
pub const DEFAULT_LEAD_IN: Duration = Duration::from_secs(3);
/// The keys each table of a routine file may hold, by where they go: the
/// top, `[[step]]`, `[[step.phase]]`, `[[step.prompt]]`. The reference is checked against them.
pub const KEYS: [(&str, &[&str]); 4] = [
    ("top", raw::ROUTINE_KEYS),
    ("step", raw::STEP_KEYS),
    ("phase", raw::PHASE_KEYS),
    ("prompt", raw::PROMPT_KEYS),
];

/// A routine that has passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// The file name without `.toml`, or the path for routines run from a path.
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub equipment: Vec<String>,
    /// The routine-wide get-ready countdown; each step carries its resolved value.
    pub lead_in: Duration,
    /// At least one step.
    pub steps: Vec<Step>,
    /// The routine-wide figure; each step carries its resolved value.
    pub figure: Option<Figure>,
}

/// One named exercise: `reps` reps separated by `rest`, on each side in turn.
/// A rep is a sequence of [`RepPhase`]s: the file's `[[step.phase]]` tables,
/// or the single phase [`RepPhase::hold`] for a step written with `hold`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub cue: String,
    /// One rep, in order: 1 to [`MAX_PHASES`] phases, each more than zero
    /// and at most [`MAX_HOLD`] long; the rep lasts their sum.
    pub phases: Vec<RepPhase>,
    /// Whether the file said `hold = …` (then `phases` is the one phase
    /// [`RepPhase::hold`]), so that `show --toml` writes it back the same way.
    pub from_hold: bool,
    /// At least one.
    pub reps: u32,
    /// The pause between reps (not after the last one).
    pub rest: Duration,
    /// Empty when the step is not done per side.
    pub sides: Vec<String>,
    /// The get-ready countdown before each side, already resolved from the
    /// step's own `lead_in` or the routine's.
    pub lead_in: Duration,
    /// Sorted by `at`, each `at` less than [`Step::rep`].
    pub prompts: Vec<Prompt>,
    /// The picture of the movement, already resolved from the step's own
    /// `figure` or the routine's; `None` for no picture.
    pub figure: Option<Figure>,
}

/// One named part of a rep: "Round down" for 5 s, "Hold" for 3 s, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepPhase {
    /// One line, 1 to [`MAX_PHASE_NAME_CHARS`] characters.
    pub name: String,
    /// More than zero, at most [`MAX_HOLD`].
    pub time: Duration,
    pub kind: RepKind,
    /// What to do now, shown under the phase word and spoken as it starts;
    /// without it, the name serves. One line, at most [`MAX_LINE_CHARS`].
    pub say: Option<String>,
    /// Where the figure is at the end of the phase, as the file wrote it;
    /// see [`Step::pose_span`] for what happens without it.
    pub pose: Option<Pose>,
}

/// Whether a rep phase is movement or stillness: it sets the colour and the
/// sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepKind {
    /// Moving through a range, under control (the default in the file).
    Move,
    /// Staying still at a position.
    Hold,
}

impl RepKind {
    /// The word the file uses: `move` or `hold`.
    pub fn as_str(self) -> &'static str {
        match self {
            RepKind::Move => "move",
            RepKind::Hold => "hold",
        }
    }
}

impl RepPhase {
    /// The one phase of a step written with `hold`: named "Hold", kind
    /// hold, nothing to say beyond its name.
    pub fn hold(time: Duration) -> RepPhase {
        RepPhase {
            name: "Hold".into(),
            time,
            kind: RepKind::Hold,
            say: None,
            pose: None,
        }
    }

    /// The line to show and speak: `say`, or else the name.
    pub fn line(&self) -> &str {
        self.say.as_deref().unwrap_or(&self.name)
    }
}

/// A short line shown (and spoken) at a moment in every rep of a step.
/// The file writes it inside its phase (`[[step.phase.prompt]]`, `at` from
/// the phase's start), or, for a step written with `hold`, in the step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// From the start of the rep; validation keeps it inside the phase
    /// the file wrote it in, so it can be placed back there.
    pub at: Duration,
    pub text: String,
}

impl Step {
    /// The length of one rep: the sum of its phases.
    pub fn rep(&self) -> Duration {
        self.phases.iter().map(|p| p.time).sum()
    }

    /// Where phase `part` starts, from the start of the rep.
    pub fn phase_offset(&self, part: usize) -> Duration {
        self.phases.iter().take(part).map(|p| p.time).sum()
    }

    /// The prompts of phase `part`, each with its `at` counted from the
    /// start of that phase.
    pub fn phase_prompts(&self, part: usize) -> impl Iterator<Item = (Duration, &Prompt)> {
        let start = self.phase_offset(part);
        let end = start + self.phases.get(part).map_or(Duration::ZERO, |p| p.time);
        self.prompts
            .iter()
            .filter(move |p| p.at >= start && p.at < end)
            .map(move |p| (p.at - start, p))
    }

    /// How many times the reps are done: once per side, or once.
    pub fn side_count(&self) -> u32 {
        u32::try_from(self.sides.len()).unwrap_or(u32::MAX).max(1)
    }

    /// `lead_in + reps × rep + (reps − 1) × rest`, for one side.
    pub fn per_side(&self) -> Duration {
        self.lead_in + self.rep() * self.reps + self.rest * (self.reps - 1)
    }

    /// Where the figure is at the start and at the end of each phase of
    /// rep `rep` (1-based) on one side: each side starts upright, and each
    /// rep where the one before it ended.
    pub fn pose_spans(&self, rep: u32) -> Vec<(f64, f64)> {
        let mut start = 0.0;
        let mut spans = Vec::new();
        for _ in 0..rep.max(1) {
            spans = crate::figure::through_rep(
                start,
                self.phases.iter().map(|p| {
                    let motion = match p.kind {
                        RepKind::Move => crate::figure::Motion::Move,
                        RepKind::Hold => crate::figure::Motion::Hold,
                    };
                    (motion, p.pose)
                }),
            );
            start = spans.last().map_or(start, |s| s.1);
        }
        spans
    }

    /// The whole step: every side.
    pub fn total(&self) -> Duration {
        self.per_side() * self.side_count()
    }
}

impl Routine {
    /// The same routine with every get-ready countdown, the routine's and
    /// each step's, set to `lead_in` (at most [`MAX_PAUSE`]), as
    /// `run --lead-in` and the config's `lead_in` ask.
    pub fn with_lead_in(mut self, lead_in: Duration) -> Routine {
        let lead_in = lead_in.min(MAX_PAUSE);
        self.lead_in = lead_in;
        for step in &mut self.steps {
            step.lead_in = lead_in;
        }
        self
    }

    /// The same routine with every time (get-readies, phases, rests and
    /// prompts) `factor` times as long: for tests that follow a routine
    /// faster than life (`MOBILITY_TEST_TIME_SCALE`, debug builds only).
    pub fn scaled(mut self, factor: f64) -> Routine {
        let scale = |d: &mut Duration| *d = d.mul_f64(factor);
        scale(&mut self.lead_in);
        for step in &mut self.steps {
            scale(&mut step.lead_in);
            scale(&mut step.rest);
            step.phases.iter_mut().for_each(|p| scale(&mut p.time));
            step.prompts.iter_mut().for_each(|p| scale(&mut p.at));
        }
        self
    }

    /// The sum of every step's total.
    pub fn total(&self) -> Duration {
        self.steps.iter().map(Step::total).sum()
    }

    /// The offset from the routine's start at which each step begins.
    pub fn step_starts(&self) -> Vec<Duration> {
        let mut at = Duration::ZERO;
        self.steps
            .iter()
            .map(|step| {
                let start = at;
                at += step.total();
                start
            })
            .collect()
    }
}

#[cfg(test)]
impl Routine {
    /// A routine around the given steps, for unit tests.
    pub(crate) fn with_steps(steps: Vec<Step>) -> Routine {
        Routine {
            id: "t".into(),
            title: "T".into(),
            summary: None,
            tags: vec![],
            equipment: vec![],
            lead_in: Duration::from_secs(3),
            steps,
            figure: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(hold: u64, reps: u32, rest: u64, sides: usize, lead_in: u64) -> Step {
        Step {
            name: "s".into(),
            cue: "c".into(),
            phases: vec![RepPhase::hold(Duration::from_secs(hold))],
            from_hold: true,
            reps,
            rest: Duration::from_secs(rest),
            sides: (0..sides).map(|i| format!("side {i}")).collect(),
            lead_in: Duration::from_secs(lead_in),
            prompts: vec![],
            figure: None,
        }
    }

    #[test]
    fn with_lead_in_sets_every_countdown_and_the_totals_follow() {
        let routine = Routine::with_steps(vec![step(5, 2, 1, 2, 3), step(10, 1, 0, 0, 7)]);
        let routine = routine.with_lead_in(Duration::ZERO);
        assert_eq!(routine.lead_in, Duration::ZERO);
        assert!(routine.steps.iter().all(|s| s.lead_in.is_zero()));
        // 2 × (0 + 2×5 + 1) + 10
        assert_eq!(routine.total(), Duration::from_secs(32));
    }

    #[test]
    fn with_lead_in_keeps_within_the_limit() {
        let routine = Routine::with_steps(vec![step(5, 1, 0, 0, 3)]);
        let routine = routine.with_lead_in(Duration::from_secs(3600));
        assert_eq!(routine.steps[0].lead_in, MAX_PAUSE);
    }

    #[test]
    fn step_total_follows_the_documented_formula() {
        // 2 × (3 + 6×5 + 5×4) = 2 × 53
        assert_eq!(step(5, 6, 4, 2, 3).total(), Duration::from_secs(106));
        // one rep has no rest at all
        assert_eq!(step(10, 1, 30, 0, 0).total(), Duration::from_secs(10));
    }

    #[test]
    fn a_rep_lasts_the_sum_of_its_phases() {
        let mut s = step(5, 3, 2, 0, 4);
        s.phases = [5, 3, 5]
            .map(|t| RepPhase {
                name: "p".into(),
                time: Duration::from_secs(t),
                kind: RepKind::Move,
                say: None,
                pose: None,
            })
            .to_vec();
        s.from_hold = false;
        assert_eq!(s.rep(), Duration::from_secs(13));
        assert_eq!(s.phase_offset(0), Duration::ZERO);
        assert_eq!(s.phase_offset(2), Duration::from_secs(8));
        // 4 + 3×13 + 2×2
        assert_eq!(s.total(), Duration::from_secs(47));
    }
}
