//! The picture of the movement: a side view of a person with their back to
//! a wall or a chair, computed from a pose between 0 (upright, the whole
//! back on the support) and 1 (rounded down to the bottom of the shoulder
//! blades).
//!
//! A leaf: it knows nothing of routines, sessions or terminals. The routine
//! format names figures and poses with it, and the view draws its points.

mod body;

pub use body::{Body, Point, SEGMENTS, bent, body};

/// Which figure a step shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// Standing with the back to a wall.
    Wall,
    /// Sitting with the back to a chair's back.
    Chair,
}

impl Figure {
    /// The names the routine format accepts, in the order the help lists them.
    pub const NAMES: &[&str] = &["wall", "chair"];

    /// The word the file uses.
    pub fn name(self) -> &'static str {
        match self {
            Figure::Wall => "wall",
            Figure::Chair => "chair",
        }
    }

    /// The figure a file's word names, if any.
    pub fn from_name(name: &str) -> Option<Figure> {
        match name {
            "wall" => Some(Figure::Wall),
            "chair" => Some(Figure::Chair),
            _ => None,
        }
    }
}

/// A pose as a routine file writes it: a word for either end, or a number
/// from 0 to 1 kept to thousandths (so that routines compare exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pose {
    /// `"upright"`: 0.
    Upright,
    /// `"rounded"`: 1.
    Rounded,
    /// A number, in thousandths: 0 to 1000.
    At(u16),
}

impl Pose {
    /// The words a file may use for a pose.
    pub const WORDS: &[&str] = &["upright", "rounded"];

    /// The pose for a number from 0 to 1, rounded to thousandths; `None`
    /// outside that range (or for NaN).
    pub fn from_number(n: f64) -> Option<Pose> {
        (0.0..=1.0)
            .contains(&n)
            .then(|| Pose::At((n * 1000.0).round() as u16))
    }

    /// The pose for a word, if it is one of [`Pose::WORDS`].
    pub fn from_word(word: &str) -> Option<Pose> {
        match word {
            "upright" => Some(Pose::Upright),
            "rounded" => Some(Pose::Rounded),
            _ => None,
        }
    }

    /// From 0 (upright) to 1 (rounded).
    pub fn value(self) -> f64 {
        match self {
            Pose::Upright => 0.0,
            Pose::Rounded => 1.0,
            Pose::At(n) => f64::from(n.min(1000)) / 1000.0,
        }
    }
}

/// Whether a phase of a rep moves (and so animates) or holds still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Move,
    Hold,
}

/// The pose at the start and at the end of each phase of a rep that starts
/// at `start`. A phase's own pose is where it ends. A move without one goes
/// to whichever end it is not at: to 0 from 0.5 or more, else to 1. A hold
/// without one keeps the pose it starts in; a hold with one is at it
/// throughout.
pub fn through_rep(
    start: f64,
    phases: impl IntoIterator<Item = (Motion, Option<Pose>)>,
) -> Vec<(f64, f64)> {
    let mut at = start;
    phases
        .into_iter()
        .map(|(motion, pose)| {
            let to = match (motion, pose) {
                (_, Some(pose)) => pose.value(),
                (Motion::Move, None) if at >= 0.5 => 0.0,
                (Motion::Move, None) => 1.0,
                (Motion::Hold, None) => at,
            };
            let from = if motion == Motion::Hold { to } else { at };
            at = to;
            (from, to)
        })
        .collect()
}

/// The pose `ratio` (0 to 1) of the way through a move from `from` to
/// `to`, eased so that it starts and ends slowly (smoothstep).
pub fn ease(from: f64, to: f64, ratio: f64) -> f64 {
    let t = ratio.clamp(0.0, 1.0);
    from + (to - from) * t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests;
