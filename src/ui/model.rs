//! What the screen shows, worked out from the engine's state at `now`:
//! the view draws a [`Model`] and never looks at the engine itself.

use std::time::{Duration, Instant};

use crate::figure::{Figure, ease};
use crate::session::{Engine, PhaseKind, engine::ceil_secs};
use crate::text::Glyphs;

/// Everything the screen shows, already worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Model<'a> {
    pub title: &'a str,
    /// 1-based step number and the number of steps.
    pub step: (usize, usize),
    pub step_name: &'a str,
    /// 1-based rep and reps, when the step has more than one rep.
    pub rep: Option<(u32, u32)>,
    pub side: Option<&'a str>,
    pub phase: ScreenPhase,
    /// The big phase word: a rep phase's name in capitals ("ROUND DOWN"),
    /// or the label of any other phase ("GET READY", "REST").
    pub word: String,
    /// What to do now: the rep phase's `say` line, shown highlighted under
    /// the word for the whole phase (a fired prompt takes its place).
    /// `None` when the phase has no `say`: its name already says it.
    pub doing: Option<&'a str>,
    /// Whole seconds left in the phase, rounded up.
    pub remaining_secs: u64,
    /// Fraction of the phase done, 0 to 1.
    pub phase_ratio: f64,
    /// Whole seconds of the routine done and in all.
    pub elapsed_secs: u64,
    pub total_secs: u64,
    pub cue: &'a str,
    /// The prompt that fired most recently in this phase.
    pub prompt: Option<&'a str>,
    /// "Next: roll up 5s", "Next step: Stand tall", "Last phase".
    pub next: String,
    pub paused: bool,
    pub muted: bool,
    pub help: bool,
    pub color: bool,
    /// What to draw with: Unicode, or ASCII for a terminal without UTF-8.
    pub glyphs: Glyphs,
    /// The figure to draw, when the step has one and it is switched on.
    pub picture: Option<Picture>,
}

/// The figure as it is at `now`: which one, how rounded, which way it faces.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Picture {
    pub figure: Figure,
    /// 0 (upright) to 1 (rounded).
    pub pose: f64,
    /// The second side (and every other one after it) of a step with
    /// sides faces the other way.
    pub mirrored: bool,
}

/// The kind of phase, as the screen names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenPhase {
    GetReady,
    Move,
    Hold,
    Rest,
    SwitchSides,
    Done,
}

impl ScreenPhase {
    /// The word for a phase of this kind, when it has no name of its own.
    pub fn label(self) -> &'static str {
        match self {
            ScreenPhase::GetReady => "GET READY",
            ScreenPhase::Move => "MOVE",
            ScreenPhase::Hold => "HOLD",
            ScreenPhase::Rest => "REST",
            ScreenPhase::SwitchSides => "SWITCH SIDES",
            ScreenPhase::Done => "DONE",
        }
    }
}

impl<'a> Model<'a> {
    /// Reads the engine's state at `now`.
    pub fn from_engine(engine: &'a Engine, now: Instant, flags: Flags) -> Model<'a> {
        let routine = engine.routine();
        let phase = engine.phase();
        let step = engine.step();
        let over = engine.status().is_over();
        let rep_phase = engine.rep_phase().filter(|_| !over);
        let phase_kind = if over {
            ScreenPhase::Done
        } else {
            ScreenPhase::from(phase.kind)
        };
        Model {
            title: &routine.title,
            step: (phase.step + 1, routine.steps.len()),
            step_name: &step.name,
            rep: (phase.reps > 1).then_some((phase.rep, phase.reps)),
            side: phase
                .side
                .and_then(|s| step.sides.get(s))
                .map(String::as_str),
            phase: phase_kind,
            word: rep_phase
                .map_or_else(|| phase_kind.label().to_string(), |p| p.name.to_uppercase()),
            doing: rep_phase.and_then(|p| p.say.as_deref()),
            remaining_secs: ceil_secs(engine.remaining(now)),
            phase_ratio: ratio(engine.phase_elapsed(now), engine.phase_duration()),
            elapsed_secs: engine.position(now).as_secs(),
            total_secs: ceil_secs(engine.total()),
            cue: &step.cue,
            prompt: engine.current_prompt().map(|p| p.text.as_str()),
            next: next_line(engine, flags.glyphs),
            paused: engine.is_paused(),
            muted: flags.muted,
            help: flags.help,
            color: flags.color,
            glyphs: flags.glyphs,
            picture: step
                .figure
                .filter(|_| flags.figure && !over)
                .map(|figure| Picture {
                    figure,
                    pose: pose_now(engine, now),
                    mirrored: phase.side.is_some_and(|s| s % 2 == 1),
                }),
        }
    }
}

/// Where the figure is at `now`: a move eases from the pose before it to
/// its own, a hold is at its pose, a rest keeps the pose the rep ended in,
/// and a get ready or switch sides shows the pose the side starts in
/// (upright).
fn pose_now(engine: &Engine, now: Instant) -> f64 {
    let phase = engine.phase();
    let spans = engine.step().pose_spans(phase.rep);
    match (phase.kind, phase.part.and_then(|p| spans.get(p))) {
        (PhaseKind::Move | PhaseKind::Hold, Some(&(from, to))) => ease(
            from,
            to,
            ratio(engine.phase_elapsed(now), engine.phase_duration()),
        ),
        (PhaseKind::Rest, _) => spans.last().map_or(0.0, |s| s.1),
        _ => 0.0,
    }
}

/// Screen settings that live outside the engine.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub muted: bool,
    pub help: bool,
    pub color: bool,
    /// Whether to draw the figure of a step that has one: the terminal
    /// can show the figure's blocks and `f` has not hidden it.
    pub figure: bool,
    /// Unicode (the default) or ASCII.
    pub glyphs: Glyphs,
}

impl From<PhaseKind> for ScreenPhase {
    fn from(kind: PhaseKind) -> ScreenPhase {
        match kind {
            PhaseKind::GetReady => ScreenPhase::GetReady,
            PhaseKind::Move => ScreenPhase::Move,
            PhaseKind::Hold => ScreenPhase::Hold,
            PhaseKind::Rest => ScreenPhase::Rest,
            PhaseKind::SwitchSides => ScreenPhase::SwitchSides,
        }
    }
}

fn ratio(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() {
        1.0
    } else {
        (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0)
    }
}

/// "Next: roll up 5s", "Next: round down 5s · rep 2/6" (as a rep
/// starts), "Next: rest 3s", "Next step: Stand tall", or "Last phase" at
/// the very end.
fn next_line(engine: &Engine, glyphs: Glyphs) -> String {
    let current = engine.phase();
    let Some(next) = engine.next_phase() else {
        return "Last phase".to_string();
    };
    if next.step != current.step {
        return format!("Next step: {}", engine.routine().steps[next.step].name);
    }
    let step = engine.step();
    let what = match engine.rep_phase_of(next) {
        Some(rep_phase) => rep_phase.name.to_lowercase(),
        None => ScreenPhase::from(next.kind).label().to_lowercase(),
    };
    let mut line = format!("Next: {what} {}", crate::text::human(next.duration));
    if next.part == Some(0) && next.reps > 1 {
        line.push_str(&format!(" {} rep {}/{}", glyphs.sep, next.rep, next.reps));
    }
    if let Some(name) = next
        .side
        .filter(|s| Some(*s) != current.side)
        .and_then(|s| step.sides.get(s))
    {
        line.push_str(&format!(" {} {name}", glyphs.sep));
    }
    line
}
