use super::*;
use crate::routine::{Prompt, RepKind, RepPhase, Step};
use proptest::prelude::*;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn step(hold: u64, reps: u32, rest: u64, sides: usize, lead_in: u64) -> Step {
    Step {
        name: format!("hold {hold}"),
        cue: "c".into(),
        phases: vec![RepPhase::hold(secs(hold))],
        from_hold: true,
        reps,
        rest: secs(rest),
        sides: (0..sides).map(|i| format!("side {i}")).collect(),
        lead_in: secs(lead_in),
        prompts: vec![Prompt {
            at: Duration::ZERO,
            text: "go".into(),
        }],
        figure: None,
    }
}

fn routine(steps: Vec<Step>) -> Routine {
    Routine::with_steps(steps)
}

fn shape(plan: &Plan) -> Vec<(PhaseKind, usize, u32, Option<usize>, u64)> {
    plan.phases()
        .iter()
        .map(|p| (p.kind, p.step, p.rep, p.side, p.duration.as_secs()))
        .collect()
}

#[test]
fn a_step_is_get_ready_then_holds_separated_by_rests() {
    use PhaseKind::*;
    let plan = Plan::new(&routine(vec![step(5, 3, 2, 0, 3)]));
    assert_eq!(
        shape(&plan),
        vec![
            (GetReady, 0, 1, None, 3),
            (Hold, 0, 1, None, 5),
            (Rest, 0, 1, None, 2),
            (Hold, 0, 2, None, 5),
            (Rest, 0, 2, None, 2),
            (Hold, 0, 3, None, 5),
        ]
    );
    assert!(plan.phases().iter().all(|p| p.reps == 3));
}

#[test]
fn later_sides_start_with_switch_sides() {
    use PhaseKind::*;
    let plan = Plan::new(&routine(vec![step(4, 2, 1, 2, 2)]));
    assert_eq!(
        shape(&plan),
        vec![
            (GetReady, 0, 1, Some(0), 2),
            (Hold, 0, 1, Some(0), 4),
            (Rest, 0, 1, Some(0), 1),
            (Hold, 0, 2, Some(0), 4),
            (SwitchSides, 0, 1, Some(1), 2),
            (Hold, 0, 1, Some(1), 4),
            (Rest, 0, 1, Some(1), 1),
            (Hold, 0, 2, Some(1), 4),
        ]
    );
}

#[test]
fn zero_lead_in_and_zero_rest_produce_no_phases() {
    use PhaseKind::*;
    let plan = Plan::new(&routine(vec![step(4, 2, 0, 2, 0)]));
    assert_eq!(
        shape(&plan),
        vec![
            (Hold, 0, 1, Some(0), 4),
            (Hold, 0, 2, Some(0), 4),
            (Hold, 0, 1, Some(1), 4),
            (Hold, 0, 2, Some(1), 4),
        ]
    );
}

#[test]
fn step_boundaries_match_the_routines_step_starts() {
    let r = routine(vec![
        step(5, 2, 1, 0, 3),
        step(4, 1, 0, 2, 0),
        step(1, 3, 2, 0, 1),
    ]);
    let plan = Plan::new(&r);
    assert_eq!(plan.step_count(), 3);
    let firsts: Vec<Duration> = (0..3)
        .map(|s| plan.phases()[plan.first_phase_of(s)].offset)
        .collect();
    assert_eq!(firsts, r.step_starts());
    let ends: Vec<usize> = (0..plan.phases().len())
        .filter(|&i| plan.ends_step(i))
        .collect();
    assert_eq!(ends, vec![3, 5, 11]);
    assert!(
        ends.iter()
            .all(|&i| plan.phases()[i].kind == PhaseKind::Hold)
    );
}

#[track_caller]
fn assert_contiguous_and_total(r: &Routine) {
    let plan = Plan::new(r);
    let mut at = Duration::ZERO;
    for phase in plan.phases() {
        assert_eq!(phase.offset, at);
        assert!(!phase.duration.is_zero());
        at = phase.offset + phase.duration;
    }
    assert_eq!(at, r.total());
    assert_eq!(plan.total(), r.total());
}

#[test]
fn the_planned_total_equals_the_routine_total_for_several_shapes() {
    for hold in [1, 5] {
        for reps in [1, 2, 6] {
            for rest in [0, 4] {
                for sides in [0, 1, 2, 3] {
                    for lead_in in [0, 3] {
                        let r = routine(vec![
                            step(hold, reps, rest, sides, lead_in),
                            step(2, 1, 0, 0, lead_in),
                        ]);
                        assert_contiguous_and_total(&r);
                    }
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn the_planned_total_equals_the_routine_total_for_any_shape(
        steps in prop::collection::vec(
            (
                prop::collection::vec((1u64..5_000, any::<bool>()), 1..4),
                1u32..8,
                0u64..3_000,
                0usize..4,
                0u64..4_000,
            ),
            1..6,
        )
    ) {
        let steps = steps
            .into_iter()
            .map(|(times, reps, rest, sides, lead_in)| Step {
                phases: times
                    .into_iter()
                    .map(|(ms, moves)| RepPhase {
                        time: Duration::from_millis(ms),
                        kind: if moves { RepKind::Move } else { RepKind::Hold },
                        ..RepPhase::hold(Duration::ZERO)
                    })
                    .collect(),
                rest: Duration::from_millis(rest),
                lead_in: Duration::from_millis(lead_in),
                ..step(1, reps, 0, sides, 0)
            })
            .collect();
        assert_contiguous_and_total(&routine(steps));
    }
}

#[test]
fn only_get_ready_and_switch_sides_are_lead_ins() {
    assert!(PhaseKind::GetReady.is_lead_in());
    assert!(PhaseKind::SwitchSides.is_lead_in());
    assert!(!PhaseKind::Hold.is_lead_in());
    assert!(!PhaseKind::Rest.is_lead_in());
}

fn rep_phase(name: &str, secs_: u64, kind: RepKind) -> RepPhase {
    RepPhase {
        name: name.into(),
        time: secs(secs_),
        kind,
        say: None,
        pose: None,
    }
}

#[test]
fn a_phased_rep_lays_out_each_phase_with_its_part() {
    use PhaseKind::*;
    let mut s = step(1, 2, 2, 2, 3);
    s.phases = vec![
        rep_phase("Down", 5, RepKind::Move),
        rep_phase("Hold", 3, RepKind::Hold),
        rep_phase("Up", 4, RepKind::Move),
    ];
    s.from_hold = false;
    let r = routine(vec![s]);
    let plan = Plan::new(&r);
    let laid: Vec<_> = plan
        .phases()
        .iter()
        .map(|p| (p.kind, p.part, p.rep, p.side, p.duration.as_secs()))
        .collect();
    let side = |n| {
        vec![
            (
                if n == 0 { GetReady } else { SwitchSides },
                None,
                1,
                Some(n),
                3,
            ),
            (Move, Some(0), 1, Some(n), 5),
            (Hold, Some(1), 1, Some(n), 3),
            (Move, Some(2), 1, Some(n), 4),
            (Rest, None, 1, Some(n), 2),
            (Move, Some(0), 2, Some(n), 5),
            (Hold, Some(1), 2, Some(n), 3),
            (Move, Some(2), 2, Some(n), 4),
        ]
    };
    assert_eq!(laid, [side(0), side(1)].concat());
    assert_contiguous_and_total(&r);
    // The last phase of the step is the roll-up: a rep phase.
    assert!(plan.ends_step(plan.phases().len() - 1));
    assert!(!plan.ends_step(plan.phases().len() - 2));
}

#[test]
fn only_move_and_hold_are_rep_phases() {
    assert!(PhaseKind::Move.is_rep() && PhaseKind::Hold.is_rep());
    assert!(!PhaseKind::Rest.is_rep() && !PhaseKind::GetReady.is_rep());
    assert!(!PhaseKind::SwitchSides.is_rep() && !PhaseKind::Move.is_lead_in());
}
