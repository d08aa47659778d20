//! The figure's points for a pose: the support (a wall and the floor, or a
//! chair), the legs, a spine of short segments from the pelvis up, the
//! head, and an arm hanging from the shoulder.
//!
//! Units are metres in a side view: `x` is the distance in front of the
//! support (to the left when mirrored), `y` the height above the floor.
//! The spine is a chain: each segment turns forward from the one below by
//! its own bend, so bending a segment carries everything above it.

use std::f64::consts::PI;

/// A point of the figure, in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

const fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// Everything to draw for one pose.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The wall and floor, or the chair: straight lines.
    pub support: Vec<(Point, Point)>,
    /// From the hip to the toes.
    pub leg: Vec<Point>,
    /// From the bottom up: the pelvis, the top of the lumbar spine, the
    /// top of each thoracic segment (T12 to T1), the top of the neck.
    pub spine: Vec<Point>,
    /// The front of the trunk, from the belly at the pelvis up to the top
    /// of the chest, and back to the spine at T1: with the spine, the
    /// trunk's outline, so the rounding shows as a curve.
    pub front: Vec<Point>,
    /// The head's centre and radius.
    pub head: (Point, f64),
    /// From the shoulder to the hand.
    pub arm: Vec<Point>,
}

/// The segments of the spine from the top down, as [`bent`] reports them.
/// The head nods on the neck; the lumbar spine never bends.
pub const SEGMENTS: [&str; 15] = [
    "head", "neck", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
    "lumbar",
];

/// The number of segments that ever bend: the head, the neck and T1 to T7
/// (down to the bottom of the shoulder blades).
const BENDING: usize = 9;

/// How far each bending segment turns at its fullest, in degrees, from the
/// top down. With the neck's lean their sum stays under 90, so the head
/// never turns back.
const BEND_DEGREES: [f64; BENDING] = [16.0, 20.0, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5];

/// The pose at which each bending segment starts to turn, from the top
/// down: the head and neck at once, then T1 at 0.25 and each segment
/// below a seventh of the rest later, so that T1 to T3 have begun by 0.5
/// and T7 by 0.9.
fn starts(segment: usize) -> f64 {
    match segment {
        0 | 1 => 0.0,
        t => 0.25 + (t - 2) as f64 * 0.75 / 7.0,
    }
}

/// Each segment turns over this much of the pose (less where it would pass
/// 1), so that the windows overlap and something is always moving.
const RAMP: f64 = 0.3;

/// How far segment `segment` (an index into [`SEGMENTS`]) has turned at
/// `pose`, in radians.
fn bend(segment: usize, pose: f64) -> f64 {
    if segment >= BENDING {
        return 0.0;
    }
    let start = starts(segment);
    let span = (1.0 - start).min(RAMP);
    let share = ((pose - start) / span).clamp(0.0, 1.0);
    BEND_DEGREES[segment] * PI / 180.0 * share
}

/// Which segments (indices into [`SEGMENTS`]) have come forward at `pose`.
pub fn bent(pose: f64) -> Vec<usize> {
    (0..SEGMENTS.len())
        .filter(|&s| bend(s, pose) > 0.0)
        .collect()
}

const LUMBAR: f64 = 0.18;
const THORACIC: f64 = 0.025;
const NECK: f64 = 0.10;
const HEAD: f64 = 0.095;
/// How deep the trunk is, from the spine to the front.
const TRUNK: f64 = 0.14;
/// The back's line in front of the support: on it, with a hair between
/// them so that the two lines stay apart on screen.
pub(super) const SPINE_X: f64 = 0.075;
/// The neck's forward lean at rest: it leaves the top of the back at an
/// angle, which puts the back of the head by the wall, not inside it.
const NECK_LEAN: f64 = 15.0 * PI / 180.0;

/// The figure's points at `pose` (0 to 1; clamped), mirrored when asked.
pub fn body(figure: super::Figure, pose: f64, mirrored: bool) -> Body {
    let pose = if pose.is_nan() {
        0.0
    } else {
        pose.clamp(0.0, 1.0)
    };
    let (pelvis, leg, support) = match figure {
        super::Figure::Wall => (
            p(SPINE_X, 0.92),
            // Heels a foot from the wall, knees soft.
            vec![p(SPINE_X, 0.92), p(0.20, 0.48), p(0.32, 0.04), p(0.46, 0.0)],
            vec![(p(0.0, 0.0), p(0.0, 1.85)), (p(0.0, 0.0), p(0.66, 0.0))],
        ),
        super::Figure::Chair => (
            p(SPINE_X, 0.50),
            vec![p(SPINE_X, 0.50), p(0.50, 0.50), p(0.52, 0.04), p(0.66, 0.0)],
            vec![
                (p(0.0, 0.0), p(0.0, 1.0)),
                (p(0.0, 0.44), p(0.46, 0.44)),
                (p(0.44, 0.44), p(0.44, 0.0)),
            ],
        ),
    };
    // From the bottom up: T12 (index 13) to T1 (index 2), then the neck.
    let mut spine = vec![pelvis, p(pelvis.x, pelvis.y + LUMBAR)];
    let mut angle = 0.0;
    let mut at = spine[1];
    let mut shoulder = at;
    let forward = |q: Point, angle: f64| p(q.x + TRUNK * angle.cos(), q.y - TRUNK * angle.sin());
    let mut front = vec![forward(spine[0], 0.0), forward(spine[1], 0.0)];
    for segment in (1..=13).rev() {
        angle += bend(segment, pose);
        if segment == 1 {
            angle += NECK_LEAN;
        }
        let length = if segment == 1 { NECK } else { THORACIC };
        at = p(at.x + length * angle.sin(), at.y + length * angle.cos());
        spine.push(at);
        if segment >= 2 {
            front.push(forward(at, angle));
        }
        if segment == 2 {
            // Across the top of the chest, back to T1.
            front.push(at);
        }
        if segment == 3 {
            // The shoulder sits in front of T2's top, square to the spine.
            shoulder = p(at.x + 0.06 * angle.cos(), at.y - 0.06 * angle.sin());
        }
    }
    angle += bend(0, pose);
    let head = p(at.x + HEAD * angle.sin(), at.y + HEAD * angle.cos());
    let arm = match figure {
        // A little forward of straight down, so that the arm shows
        // against the trunk; rounded, it dangles in front of the body.
        super::Figure::Wall => vec![
            shoulder,
            p(shoulder.x + 0.05, shoulder.y - 0.28),
            p(shoulder.x + 0.11, shoulder.y - 0.52),
        ],
        super::Figure::Chair => {
            // The upper arm hangs; the forearm rests along the thigh.
            let elbow = p(shoulder.x + 0.02, (shoulder.y - 0.28).max(0.58));
            vec![shoulder, elbow, p(elbow.x + 0.22, 0.56)]
        }
    };
    let body = Body {
        support,
        leg,
        spine,
        front,
        head: (head, HEAD),
        arm,
    };
    if mirrored { mirror(body) } else { body }
}

/// The same body seen from the other side: in front is to the left.
fn mirror(body: Body) -> Body {
    let m = |q: Point| p(-q.x, q.y);
    Body {
        support: body
            .support
            .into_iter()
            .map(|(a, b)| (m(a), m(b)))
            .collect(),
        leg: body.leg.into_iter().map(m).collect(),
        spine: body.spine.into_iter().map(m).collect(),
        front: body.front.into_iter().map(m).collect(),
        head: (m(body.head.0), body.head.1),
        arm: body.arm.into_iter().map(m).collect(),
    }
}
