use super::*;
use crate::routine::{Prompt, RepPhase};
use crate::session::PhaseKind;

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
        phases: vec![RepPhase::hold(secs(hold))],
        from_hold: true,
        reps,
        rest: secs(rest),
        sides: sides.iter().map(|s| (*s).into()).collect(),
        lead_in: secs(lead_in),
        prompts: vec![],
        figure: None,
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

/// The prompts of `sample()`'s first step, as fired events.
fn prompt(text: &str) -> Event {
    let at = match text {
        "Breathe in" => Duration::ZERO,
        "Reach" => secs(2),
        other => panic!("no prompt {other:?} in the sample"),
    };
    Event::PromptFired {
        text: text.into(),
        at,
    }
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
    assert_eq!(engine.tick(t0 + total), vec![Event::Finished]);
    let summary = engine.summary(t0 + secs(99));
    assert!(summary.completed());
    assert_eq!(summary.active, total);
    assert_eq!((summary.steps_done, summary.steps_skipped), (3, 0));
    assert_eq!(summary.steps_total, 3);
    assert_eq!(engine.position(t0 + secs(99)), total);
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
    assert_eq!(engine.index, 0);
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
    assert_eq!(engine.tick(t0 + secs(42)), [Event::Finished]);
    assert_eq!(engine.summary(t0 + secs(50)).active, secs(32));
}

#[test]
fn pausing_just_before_a_boundary_holds_the_phase_across_it() {
    let (mut engine, t0) = started(sample());
    engine.apply(Action::TogglePause, t0 + ms(2_500));
    assert_eq!(engine.tick(t0 + secs(5)), []);
    assert_eq!(engine.index, 0);
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
    assert_eq!(engine.tick(t0 + secs(29)), [Event::Finished]);
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
fn skip_phase_on_the_last_hold_finishes_the_routine() {
    let (mut engine, t0) = started(sample());
    engine.tick(t0 + secs(30));
    assert_eq!(
        engine.apply(Action::SkipPhase, t0 + secs(30)),
        [Event::Finished]
    );
    assert_eq!(engine.status(), Status::Finished);
    assert_eq!(engine.remaining(t0 + secs(31)), Duration::ZERO);
    assert_eq!(engine.position(t0 + secs(31)), secs(32));
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
fn next_step_on_the_last_step_finishes_and_counts_every_skip() {
    let (mut engine, t0) = started(sample());
    engine.apply(Action::NextStep, t0 + secs(1));
    assert_eq!(starts(&engine.apply(Action::NextStep, t0 + secs(2))), [8]);
    assert_eq!(
        engine.apply(Action::NextStep, t0 + secs(3)),
        [Event::Finished]
    );
    let summary = engine.summary(t0 + secs(10));
    assert!(summary.reached_end());
    assert_eq!((summary.steps_done, summary.steps_skipped), (3, 3));
    assert_eq!(summary.active, secs(3));
    assert_eq!(engine.next_wake(t0 + secs(3)), None);
    assert_eq!(engine.next_phase(), None);
    assert_eq!(engine.position(t0 + secs(3)), secs(32));
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
    assert_eq!(
        starts(&engine.tick(t0 + secs(18) - ms(1))),
        Vec::<usize>::new()
    );
    assert_eq!(starts(&engine.tick(t0 + secs(18))), [2]);
    assert_eq!(engine.position(t0 + secs(18)), secs(18));
    assert_eq!(engine.total(), secs(42));
    assert_eq!(engine.phase_duration(), secs(4));
}

#[test]
fn remove_time_shortens_the_current_phase() {
    let (mut engine, t0) = started(routine(vec![step("Long", 30, 1, 0, &[], 0)]));
    engine.apply(Action::RemoveTime, t0 + secs(5));
    assert_eq!(engine.phase_duration(), secs(20));
    assert_eq!(engine.remaining(t0 + secs(5)), secs(15));
    assert_eq!(engine.tick(t0 + secs(20) - ms(1)), []);
    assert_eq!(engine.tick(t0 + secs(20)), [Event::Finished]);
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
        [Event::Finished]
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
    assert_eq!(engine.index, 2);
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
    assert_eq!(engine.tick(t0 + secs(60)).last(), Some(&Event::Finished));
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
    r.steps[1].phases = vec![RepPhase::hold(ms(4_300))];
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
    assert_eq!(engine.status(), Status::Finished);
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
fn the_position_follows_the_planned_timeline() {
    let (mut engine, t0) = started(sample());
    assert_eq!(engine.position(t0), Duration::ZERO);
    engine.tick(t0 + secs(16));
    assert_eq!(engine.position(t0 + secs(16)), secs(16));
}

#[test]
fn the_position_keeps_moving_through_added_time_and_the_total_grows() {
    let (mut engine, t0) = started(sample());
    // 2 s into the first hold (3-8 s on the plan).
    let now = t0 + secs(5);
    engine.tick(now);
    let before = engine.position(now);
    engine.apply(Action::AddTime, now);
    assert_eq!(engine.position(now), before);
    assert_eq!(engine.total(), secs(42));
    // Past the planned end of the hold, it goes on moving.
    engine.tick(t0 + secs(12));
    assert_eq!(engine.position(t0 + secs(12)), secs(12));
    // The rest after it starts 10 s later on the adjusted timeline.
    engine.tick(t0 + secs(19));
    assert_eq!(engine.index, 2);
    assert_eq!(engine.position(t0 + secs(19)), secs(19));
}

#[test]
fn time_taken_off_shrinks_the_total_and_the_position_stays_put() {
    let (mut engine, t0) = started(routine(vec![
        step("Long", 30, 1, 0, &[], 0),
        step("Short", 5, 1, 0, &[], 0),
    ]));
    engine.tick(t0 + secs(5));
    engine.apply(Action::RemoveTime, t0 + secs(5));
    assert_eq!(engine.total(), secs(25));
    assert_eq!(engine.position(t0 + secs(5)), secs(5));
    // Ending the phase early takes the rest of it off the total too.
    engine.apply(Action::RemoveTime, t0 + secs(12));
    assert_eq!(engine.index, 1);
    assert_eq!(engine.total(), secs(17));
    assert_eq!(engine.position(t0 + secs(12)), secs(12));
    engine.tick(t0 + secs(17));
    let summary = engine.summary(t0 + secs(17));
    assert_eq!((summary.active, summary.total), (secs(17), secs(17)));
    assert!(summary.completed());
}

#[test]
fn skipping_three_steps_within_a_second_reaches_the_end_but_does_not_complete() {
    let (mut engine, t0) = started(sample());
    engine.apply(Action::NextStep, t0 + ms(300));
    engine.apply(Action::NextStep, t0 + ms(600));
    engine.apply(Action::NextStep, t0 + ms(900));
    let summary = engine.summary(t0 + secs(5));
    assert_eq!(summary.status, Status::Finished);
    assert!(summary.reached_end());
    assert!(!summary.completed());
    assert_eq!(summary.steps_skipped, 3);
    assert_eq!(summary.total, secs(32));
}

#[test]
fn a_run_paused_halfway_and_resumed_completes() {
    let (mut engine, t0) = started(sample());
    engine.tick(t0 + secs(16));
    engine.apply(Action::TogglePause, t0 + secs(16));
    engine.apply(Action::TogglePause, t0 + secs(300));
    engine.tick(t0 + secs(316));
    let summary = engine.summary(t0 + secs(400));
    assert_eq!(summary.active, secs(32));
    assert!(summary.completed());
}

#[test]
fn added_time_counts_against_the_adjusted_total() {
    let (mut engine, t0) = started(sample());
    engine.tick(t0 + secs(4));
    for _ in 0..3 {
        engine.apply(Action::AddTime, t0 + secs(4));
    }
    engine.tick(t0 + secs(62));
    let summary = engine.summary(t0 + secs(62));
    assert!(summary.completed());
    assert_eq!((summary.active, summary.total), (secs(62), secs(62)));

    // The same added time, then skipping the last step's 3 s hold and the
    // 20 s of added time: 39 s of 62 is under 80 %.
    let (mut engine, t0) = started(sample());
    engine.tick(t0 + secs(4));
    for _ in 0..3 {
        engine.apply(Action::AddTime, t0 + secs(4));
    }
    engine.apply(Action::NextStep, t0 + secs(13));
    engine.tick(t0 + secs(25));
    engine.apply(Action::NextStep, t0 + secs(25));
    let summary = engine.summary(t0 + secs(25));
    assert!(summary.reached_end());
    assert!(!summary.completed(), "{summary:?}");
}

#[test]
fn exactly_four_fifths_of_the_total_completes() {
    let summary = |active| Summary {
        status: Status::Finished,
        steps_total: 1,
        steps_done: 1,
        steps_skipped: 1,
        active,
        total: secs(100),
    };
    assert!(summary(secs(80)).completed());
    assert!(!summary(secs(80) - ms(1)).completed());
    let quit = Summary {
        status: Status::Quit,
        ..summary(secs(100))
    };
    assert!(!quit.completed() && !quit.reached_end());
}

#[test]
fn prev_step_while_paused_again_counts_neither_the_earlier_pause_nor_the_ongoing_one() {
    let (mut engine, t0) = started(sample());
    // 10 s paused in the first get ready moves Twist's start from 17 s to 27 s.
    engine.apply(Action::TogglePause, t0 + secs(1));
    engine.apply(Action::TogglePause, t0 + secs(11));
    assert_eq!(starts(&engine.tick(t0 + secs(27))), [1, 2, 3, 4]);
    // 1 s of active time into Twist, then paused for 5 s.
    engine.apply(Action::TogglePause, t0 + secs(28));
    let events = engine.apply(Action::PrevStep, t0 + secs(33));
    assert_eq!(
        starts(&events),
        [0],
        "within 2 s of active time: back to Reach"
    );
}

#[test]
fn a_prompt_wakes_the_caller_later_by_the_time_paused_in_its_hold() {
    let mut hold = step("Hold", 10, 1, 0, &[], 0);
    hold.prompts = vec![Prompt {
        at: ms(3500),
        text: "Breathe out".into(),
    }];
    let (mut engine, t0) = started(routine(vec![hold]));
    engine.apply(Action::TogglePause, t0 + secs(1));
    engine.apply(Action::TogglePause, t0 + secs(3));
    // 3.2 s into the hold: the prompt (3.5 s) comes before the next second.
    engine.tick(t0 + ms(5200));
    assert_eq!(engine.next_wake(t0 + ms(5200)), Some(t0 + ms(5500)));
    assert_eq!(
        engine.tick(t0 + ms(5500)),
        [Event::PromptFired {
            text: "Breathe out".into(),
            at: ms(3500)
        }]
    );
}

#[test]
fn a_rest_rings_no_countdown() {
    let (mut engine, t0) = started(sample());
    // The rest between Reach's holds runs 8-12 s.
    for ms_in in (8000..12000).step_by(250) {
        let events = engine.tick(t0 + ms(ms_in));
        assert!(
            !events.iter().any(|e| matches!(e, Event::Countdown { .. })),
            "{events:?} at {ms_in} ms"
        );
    }
}

#[test]
fn a_session_has_started_once_past_its_first_phase_or_finished() {
    let (mut engine, t0) = started(sample());
    assert!(!engine.has_started());
    engine.tick(t0 + secs(3));
    assert!(engine.has_started());

    let (mut engine, t0) = started(routine(vec![step("Only", 2, 1, 0, &[], 0)]));
    engine.tick(t0 + secs(2));
    assert!(engine.has_started(), "a one-phase routine that finished");

    let (mut engine, t0) = started(sample());
    engine.apply(Action::Quit, t0 + secs(1));
    assert!(!engine.has_started(), "quit in the first phase");
}

mod phased;
