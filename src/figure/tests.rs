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
