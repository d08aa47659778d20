use proptest::prelude::*;

use super::*;
use body::SPINE_X;

const FIGURES: [Figure; 2] = [Figure::Wall, Figure::Chair];

fn head_forward(figure: Figure, pose: f64) -> f64 {
    body(figure, pose, false).head.0.x
}

const _: () = assert!(SPINE_X > 0.0 && SPINE_X < 0.1);

#[test]
fn upright_the_back_is_on_the_support_and_the_head_by_it() {
    assert!(bent(0.0).is_empty());
    for figure in FIGURES {
        let b = body(figure, 0.0, false);
        // Pelvis, lumbar top and T12 to T1: one straight line, a few
        // centimetres from the wall or the chair's back.
        let back = &b.spine[..14];
        assert!(
            back.iter().all(|q| (q.x - SPINE_X).abs() < 1e-12),
            "{back:?}"
        );
        // The back of the head is by the wall, not in it.
        let (centre, radius) = b.head;
        let behind = centre.x - radius;
        assert!((0.0..0.1).contains(&behind), "{behind}");
    }
}

#[test]
fn rounding_goes_from_the_top_down() {
    let names = |pose| -> Vec<&str> { bent(pose).into_iter().map(|s| SEGMENTS[s]).collect() };
    assert_eq!(names(0.25), ["head", "neck"]);
    assert_eq!(names(0.5), ["head", "neck", "T1", "T2", "T3"]);
    assert_eq!(
        names(1.0),
        ["head", "neck", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]
    );
}

#[test]
fn the_lower_thoracic_spine_stays_put_even_fully_rounded() {
    for figure in FIGURES {
        let (up, down) = (body(figure, 0.0, false), body(figure, 1.0, false));
        // Pelvis, lumbar top, and the tops of T12 to T8.
        assert_eq!(up.spine[..7], down.spine[..7]);
        assert_ne!(up.spine[7], down.spine[7], "T7 comes forward");
    }
}

#[test]
fn fully_rounded_the_head_is_well_forward_but_not_turned_back() {
    for figure in FIGURES {
        let b = body(figure, 1.0, false);
        let neck = *b.spine.last().unwrap();
        assert!(b.head.0.x - SPINE_X > 0.2, "{:?}", b.head);
        // The head is still above the neck's base or level with it.
        assert!(b.head.0.y >= neck.y - 1e-9);
    }
}

#[test]
fn mirroring_flips_front_and_back_and_nothing_else() {
    for figure in FIGURES {
        let (plain, mirrored) = (body(figure, 0.6, false), body(figure, 0.6, true));
        for (a, b) in plain.spine.iter().zip(&mirrored.spine) {
            assert_eq!((a.x, a.y), (-b.x, b.y));
        }
        assert_eq!(plain.head.0.x, -mirrored.head.0.x);
        assert_eq!(plain.arm.len(), mirrored.arm.len());
    }
}

#[test]
fn a_rep_without_poses_goes_down_holds_and_comes_back() {
    let rep = [
        (Motion::Move, None),
        (Motion::Hold, None),
        (Motion::Move, None),
    ];
    assert_eq!(through_rep(0.0, rep), [(0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]);
    // From the rounded end, a move goes back up.
    assert_eq!(through_rep(0.7, [(Motion::Move, None)]), [(0.7, 0.0)]);
    assert_eq!(through_rep(0.4, [(Motion::Move, None)]), [(0.4, 1.0)]);
}

#[test]
fn a_phase_pose_is_where_it_ends_and_a_hold_is_at_its_pose_throughout() {
    let rep = [
        (Motion::Move, Some(Pose::At(500))),
        (Motion::Hold, Some(Pose::Rounded)),
        (Motion::Move, Some(Pose::Upright)),
    ];
    assert_eq!(through_rep(0.0, rep), [(0.0, 0.5), (1.0, 1.0), (1.0, 0.0)]);
}

#[test]
fn easing_starts_and_ends_at_the_two_poses() {
    assert_eq!(ease(0.0, 1.0, 0.0), 0.0);
    assert_eq!(ease(0.0, 1.0, 1.0), 1.0);
    assert_eq!(ease(1.0, 0.0, 0.5), 0.5);
    assert!(ease(0.0, 1.0, 0.1) < 0.1, "starts slowly");
}

#[test]
fn poses_in_words_and_numbers() {
    assert_eq!(Pose::from_word("upright").map(Pose::value), Some(0.0));
    assert_eq!(Pose::from_word("rounded").map(Pose::value), Some(1.0));
    assert_eq!(Pose::from_word("round"), None);
    assert_eq!(Pose::from_number(0.25), Some(Pose::At(250)));
    assert_eq!(Pose::from_number(1.01), None);
    assert_eq!(Pose::from_number(-0.0), Some(Pose::At(0)));
    assert_eq!(Pose::from_number(f64::NAN), None);
    assert_eq!(Figure::from_name("chair"), Some(Figure::Chair));
    assert_eq!(Figure::from_name("Wall"), None);
}

proptest! {
    #[test]
    fn the_pelvis_and_lumbar_spine_never_move(pose in 0.0..=1.0f64, mirrored: bool) {
        for figure in FIGURES {
            let start = body(figure, 0.0, mirrored);
            let now = body(figure, pose, mirrored);
            prop_assert_eq!(now.spine[0], start.spine[0]);
            prop_assert_eq!(now.spine[1], start.spine[1]);
            prop_assert_eq!(&now.leg, &start.leg);
        }
    }

    #[test]
    fn the_head_comes_further_forward_the_more_rounded(a in 0.0..=1.0f64, b in 0.0..=1.0f64) {
        prop_assume!((a - b).abs() > 1e-6);
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        for figure in FIGURES {
            prop_assert!(head_forward(figure, lo) < head_forward(figure, hi),
                "{figure:?}: head at {lo} is {}, at {hi} is {}",
                head_forward(figure, lo), head_forward(figure, hi));
        }
    }

    #[test]
    fn the_segments_bent_at_a_smaller_pose_are_bent_at_a_larger(a in 0.0..=1.0f64, b in 0.0..=1.0f64) {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let larger = bent(hi);
        prop_assert!(bent(lo).iter().all(|s| larger.contains(s)), "{:?} ⊄ {:?}", bent(lo), larger);
        // And from the top down: the bent ones are always the first few.
        let set = bent(hi);
        prop_assert_eq!(set.clone(), (0..set.len()).collect::<Vec<_>>());
    }

    #[test]
    fn every_point_is_finite_and_above_the_floor(pose in proptest::num::f64::ANY, mirrored: bool) {
        for figure in FIGURES {
            let b = body(figure, pose, mirrored);
            let points = b.spine.iter().chain(&b.arm).chain(&b.leg).chain(std::iter::once(&b.head.0));
            for q in points {
                prop_assert!(q.x.is_finite() && q.y.is_finite() && q.y >= 0.0, "{q:?}");
            }
        }
    }
}

/// The direction from `a` to `b`, in radians forward of straight up.
fn lean(a: Point, b: Point) -> f64 {
    (b.x - a.x).atan2(b.y - a.y)
}

fn distance(a: Point, b: Point) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

#[test]
fn every_name_reads_back_as_its_figure() {
    assert_eq!(Figure::NAMES.len(), FIGURES.len());
    for figure in FIGURES {
        assert!(Figure::NAMES.contains(&figure.name()), "{figure:?}");
        assert_eq!(Figure::from_name(figure.name()), Some(figure));
    }
}

#[test]
fn a_move_from_halfway_goes_back_up() {
    assert_eq!(through_rep(0.5, [(Motion::Move, None)]), [(0.5, 0.0)]);
}

#[test]
fn fully_rounded_the_upper_back_is_an_even_curve() {
    for figure in FIGURES {
        let b = body(figure, 1.0, false);
        // The turn at the top of each of T7 to T1 (spine points 7 to 13).
        let turns: Vec<f64> = (7..=13)
            .map(|i| lean(b.spine[i - 1], b.spine[i]) - lean(b.spine[i - 2], b.spine[i - 1]))
            .collect();
        assert!(turns[0] > 0.0, "{turns:?}");
        assert!(
            turns.iter().all(|t| (t - turns[0]).abs() < 1e-9),
            "{figure:?}: {turns:?}"
        );
    }
}

#[test]
fn the_head_sits_on_the_neck_upright_and_nods_forward_as_it_rounds() {
    for figure in FIGURES {
        let nod = |pose: f64| {
            let b = body(figure, pose, false);
            let (neck_base, neck_top) = (b.spine[13], b.spine[14]);
            lean(neck_top, b.head.0) - lean(neck_base, neck_top)
        };
        assert!(nod(0.0).abs() < 1e-9, "{figure:?}: {}", nod(0.0));
        assert!(nod(0.1) > 0.0, "{figure:?}: {}", nod(0.1));
        assert!(nod(1.0) > nod(0.1), "{figure:?}");
    }
}

#[test]
fn the_trunk_keeps_its_depth_in_front_of_the_back_as_it_rounds() {
    for figure in FIGURES {
        let upright = body(figure, 0.0, false);
        for pose in [0.0, 0.3, 0.6, 1.0] {
            let b = body(figure, pose, false);
            // From the pelvis to the top of T1 (spine points 0 to 13), the
            // front of the trunk, then back to T1.
            assert_eq!(b.front.len(), 15);
            assert_eq!(b.front[14], b.spine[13]);
            for i in 0..14 {
                let (back, front) = (b.spine[i], b.front[i]);
                assert!(front.x > back.x, "{figure:?} at {pose}: point {i}");
                let depth = distance(back, front);
                let was = distance(upright.spine[i], upright.front[i]);
                assert!((depth - was).abs() < 1e-9, "{figure:?} at {pose}: {i}");
                if i > 0 {
                    // Square to the spine there.
                    let along = lean(b.spine[i - 1], back);
                    let across = lean(back, front);
                    let square = (across - along - std::f64::consts::FRAC_PI_2).abs();
                    assert!(square < 1e-9, "{figure:?} at {pose}: {i}");
                }
            }
        }
    }
}

#[test]
fn the_arm_hangs_from_a_shoulder_in_front_of_the_upper_back() {
    for figure in FIGURES {
        let upright = body(figure, 0.0, false);
        let reach = distance(upright.spine[12], upright.arm[0]);
        assert!(reach > 0.0);
        for pose in [0.0, 0.5, 1.0] {
            let b = body(figure, pose, false);
            let (t2, shoulder) = (b.spine[12], b.arm[0]);
            // Square to the spine at the top of T2, and carried with it.
            assert!(shoulder.x > t2.x, "{figure:?} at {pose}");
            assert!((distance(t2, shoulder) - reach).abs() < 1e-9);
            let along = lean(b.spine[11], t2);
            let across = lean(t2, shoulder);
            assert!((across - along - std::f64::consts::FRAC_PI_2).abs() < 1e-9);
            // Down from the shoulder, never back into the wall or chair.
            for pair in b.arm.windows(2) {
                assert!(pair[1].y <= pair[0].y, "{figure:?} at {pose}: {:?}", b.arm);
                assert!(pair[1].x >= pair[0].x, "{figure:?} at {pose}: {:?}", b.arm);
            }
        }
    }
}

#[test]
fn sitting_the_forearm_rests_on_the_thigh() {
    for pose in [0.0, 0.5, 1.0] {
        let b = body(Figure::Chair, pose, false);
        let thigh = b.leg[0].y.max(b.leg[1].y);
        let (shoulder, elbow, hand) = (b.arm[0], b.arm[1], b.arm[2]);
        assert!(elbow.y < shoulder.y, "at {pose}: {:?}", b.arm);
        assert!(hand.y > thigh && elbow.y > thigh, "at {pose}: {:?}", b.arm);
        // Along the thigh: nearer level than upright.
        assert!(
            (elbow.y - hand.y).abs() < (hand.x - elbow.x),
            "at {pose}: {:?}",
            b.arm
        );
    }
}
