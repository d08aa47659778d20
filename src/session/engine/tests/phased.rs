//! The engine over reps made of phases: boundaries, prompts across phases,
//! ticks, navigation inside a rep, and sides.

use super::*;
use crate::routine::RepKind;

fn part(name: &str, s: u64, kind: RepKind) -> RepPhase {
    RepPhase {
        name: name.into(),
        time: secs(s),
        kind,
        say: Some(format!("{name} now")),
        pose: None,
    }
}

fn at(ms_: u64, text: &str) -> Prompt {
    Prompt {
        at: ms(ms_),
        text: text.into(),
    }
}

/// Phases and planned offsets (s):
/// Peel: 0 get ready 0-4, 1 Down 4-9, 2 Hold 9-12, 3 Up 12-17, 4 rest 17-19,
/// 5 Down 19-24, 6 Hold 24-27, 7 Up 27-32;
/// Twist (left, right): 8 get ready 32-34, 9 Turn 34-36, 10 Hold 36-38,
/// 11 switch sides 38-40, 12 Turn 40-42, 13 Hold 42-44. Total 44 s.
/// Peel's prompts fall in Down (1 s), Hold (6 s) and Up (10.5 s).
fn drill() -> Routine {
    let mut peel = step("Peel", 1, 2, 2, &[], 4);
    peel.phases = vec![
        part("Down", 5, RepKind::Move),
        part("Hold", 3, RepKind::Hold),
        part("Up", 5, RepKind::Move),
    ];
    peel.from_hold = false;
    peel.prompts = vec![
        at(1_000, "Chin in"),
        at(6_000, "Breathe out"),
        at(10_500, "Slowly"),
    ];
    let mut twist = step("Twist", 1, 1, 0, &["left", "right"], 2);
    twist.phases = vec![
        part("Turn", 2, RepKind::Move),
        part("Hold", 2, RepKind::Hold),
    ];
    twist.from_hold = false;
    routine(vec![peel, twist])
}

fn fired(text: &str) -> Event {
    let at = match text {
        "Chin in" => ms(1_000),
        "Breathe out" => ms(6_000),
        "Slowly" => ms(10_500),
        other => panic!("no prompt {other:?} in the drill"),
    };
    Event::PromptFired {
        text: text.into(),
        at,
    }
}

/// Every event from ticking every 100 ms until `until` seconds, with the
/// time it came at (in ms).
fn run_until(engine: &mut Engine, t0: Instant, until: u64) -> Vec<(u64, Event)> {
    let mut seen = vec![];
    for t in (100..=until * 1000).step_by(100) {
        seen.extend(engine.tick(t0 + ms(t)).into_iter().map(|e| (t, e)));
    }
    seen
}

#[test]
fn each_rep_phase_starts_at_its_boundary_and_names_its_part() {
    use PhaseKind::*;
    let r = drill();
    assert_eq!(r.total(), secs(44));
    let (mut engine, t0) = started(r);
    let starts: Vec<(u64, usize)> = run_until(&mut engine, t0, 44)
        .into_iter()
        .filter_map(|(t, e)| match e {
            Event::PhaseStarted { index } => Some((t, index)),
            _ => None,
        })
        .collect();
    let bounds = [4, 9, 12, 17, 19, 24, 27, 32, 34, 36, 38, 40, 42];
    let expected: Vec<(u64, usize)> = bounds.iter().map(|s| s * 1000).zip(1..).collect();
    assert_eq!(starts, expected);
    assert!(engine.status() == Status::Finished);

    let plan = Plan::new(&drill());
    let kinds: Vec<_> = plan.phases().iter().map(|p| (p.kind, p.part)).collect();
    assert_eq!(
        kinds[..5],
        [
            (GetReady, None),
            (Move, Some(0)),
            (Hold, Some(1)),
            (Move, Some(2)),
            (Rest, None)
        ]
    );
}

#[test]
fn prompts_fire_at_their_offset_into_the_rep_in_whichever_phase() {
    let (mut engine, t0) = started(drill());
    let prompts: Vec<(u64, Event)> = run_until(&mut engine, t0, 32)
        .into_iter()
        .filter(|(_, e)| matches!(e, Event::PromptFired { .. }))
        .collect();
    // Rep 1 starts at 4 s, rep 2 at 19 s; "Slowly" comes during the roll-up.
    assert_eq!(
        prompts,
        [
            (5_000, fired("Chin in")),
            (10_000, fired("Breathe out")),
            (14_500, fired("Slowly")),
            (20_000, fired("Chin in")),
            (25_000, fired("Breathe out")),
            (29_500, fired("Slowly")),
        ]
    );
}

#[test]
fn the_current_prompt_lasts_until_its_phase_ends() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(10));
    assert_eq!(
        engine.current_prompt().map(|p| &*p.text),
        Some("Breathe out")
    );
    engine.tick(t0 + ms(11_900));
    assert_eq!(
        engine.current_prompt().map(|p| &*p.text),
        Some("Breathe out")
    );
    engine.tick(t0 + secs(12));
    assert_eq!(engine.current_prompt(), None, "the roll-up starts clean");
    engine.tick(t0 + ms(14_500));
    assert_eq!(engine.current_prompt().map(|p| &*p.text), Some("Slowly"));
}

#[test]
fn a_late_tick_fires_only_the_prompts_of_the_phase_it_lands_in() {
    let (mut engine, t0) = started(drill());
    assert_eq!(
        engine.tick(t0 + secs(15)),
        [
            Event::PhaseStarted { index: 1 },
            Event::PhaseStarted { index: 2 },
            Event::PhaseStarted { index: 3 },
            fired("Slowly"),
        ]
    );
}

#[test]
fn added_time_never_brings_the_next_phases_prompt_early() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(10));
    engine.apply(Action::AddTime, t0 + secs(10));
    // The hold now ends at 22 s; "Slowly" (2.5 s into the roll-up) waits.
    let held = run_until(&mut engine, t0, 22);
    assert!(
        !held
            .iter()
            .any(|(_, e)| matches!(e, Event::PromptFired { .. })),
        "{held:?}"
    );
    assert_eq!(engine.phase().part, Some(2));
    assert_eq!(engine.tick(t0 + ms(24_500)), [fired("Slowly")]);
}

#[test]
fn next_wake_includes_a_prompt_later_in_the_rep() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + ms(14_200));
    assert_eq!(engine.phase().part, Some(2));
    assert_eq!(engine.next_wake(t0 + ms(14_200)), Some(t0 + ms(14_500)));
    // In the hold, its own prompt at 10 s, then whole seconds: the
    // roll-up's prompt is not the hold's business.
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + ms(9_200));
    assert_eq!(engine.next_wake(t0 + ms(9_200)), Some(t0 + secs(10)));
    engine.tick(t0 + ms(10_200));
    assert_eq!(engine.next_wake(t0 + ms(10_200)), Some(t0 + secs(11)));
}

#[test]
fn ticks_sound_before_every_move_or_hold_and_countdowns_only_in_lead_ins() {
    let (mut engine, t0) = started(drill());
    let counts: Vec<(u64, Event)> = run_until(&mut engine, t0, 44)
        .into_iter()
        .filter(|(_, e)| matches!(e, Event::Tick { .. } | Event::Countdown { .. }))
        .collect();
    let tick = |t, secs| (t, Event::Tick { secs });
    let count = |t, secs| (t, Event::Countdown { secs });
    assert_eq!(
        counts,
        [
            // The four-second get ready.
            count(1_000, 3),
            count(2_000, 2),
            count(3_000, 1),
            // Down, then Hold (3 s long, so its 3 comes as it starts); Up is
            // followed by a rest: no ticks.
            tick(6_000, 3),
            tick(7_000, 2),
            tick(8_000, 1),
            tick(9_000, 3),
            tick(10_000, 2),
            tick(11_000, 1),
            // The two-second rest before rep 2.
            tick(17_000, 2),
            tick(18_000, 1),
            tick(21_000, 3),
            tick(22_000, 2),
            tick(23_000, 1),
            tick(24_000, 3),
            tick(25_000, 2),
            tick(26_000, 1),
            // Twist's get ready, Turn, then nothing before switch sides.
            count(32_000, 2),
            count(33_000, 1),
            tick(34_000, 2),
            tick(35_000, 1),
            count(38_000, 2),
            count(39_000, 1),
            tick(40_000, 2),
            tick(41_000, 1),
        ]
    );
}

#[test]
fn skipping_a_move_goes_to_the_hold_and_counts_the_step_as_skipped() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + ms(4_500));
    let events = engine.apply(Action::SkipPhase, t0 + ms(4_500));
    // The hold starts now; "Chin in" (in the skipped move) never fires, and
    // the hold's prompt comes 1 s in (6 s into the rep, less its 5 s offset).
    assert_eq!(
        events,
        [Event::PhaseStarted { index: 2 }, Event::Tick { secs: 3 }]
    );
    assert_eq!(engine.steps_skipped(), 1);
    assert_eq!(
        engine.tick(t0 + ms(5_500)),
        [fired("Breathe out"), Event::Tick { secs: 2 }]
    );
}

#[test]
fn skipping_a_rest_inside_a_phased_step_is_no_skip() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(18));
    assert_eq!(engine.phase().kind, PhaseKind::Rest);
    engine.apply(Action::SkipPhase, t0 + secs(18));
    assert_eq!((engine.phase().part, engine.phase().rep), (Some(0), 2));
    assert_eq!(engine.steps_skipped(), 0);
}

#[test]
fn remove_time_in_a_short_phase_ends_it_and_starts_the_next_phase_now() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(5));
    engine.apply(Action::RemoveTime, t0 + secs(5));
    assert_eq!(engine.phase().part, Some(1));
    assert_eq!(engine.remaining(t0 + secs(5)), secs(3));
    assert_eq!(engine.steps_skipped(), 0, "an adjustment, not a skip");
    engine.apply(Action::AddTime, t0 + secs(5));
    assert_eq!(engine.remaining(t0 + secs(6)), secs(12));
}

#[test]
fn next_and_previous_step_from_inside_a_phased_rep() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(10));
    engine.apply(Action::NextStep, t0 + secs(10));
    assert_eq!(engine.phase().kind, PhaseKind::GetReady);
    assert_eq!(engine.phase().step, 1);
    assert_eq!((engine.steps_done(), engine.steps_skipped()), (1, 1));
    // Within two seconds of entering Twist: back to Peel's start.
    engine.apply(Action::PrevStep, t0 + secs(11));
    assert_eq!(engine.phase(), &engine.plan().phases()[0]);
    assert_eq!((engine.steps_done(), engine.steps_skipped()), (0, 0));
    // Well into a rep (the step restarted at 11 s): restart the step.
    engine.tick(t0 + secs(21));
    assert_eq!(engine.phase().part, Some(1));
    engine.apply(Action::PrevStep, t0 + secs(21));
    assert_eq!(engine.phase().kind, PhaseKind::GetReady);
    assert_eq!(engine.phase().step, 0);
}

#[test]
fn sides_repeat_every_phase_of_the_rep() {
    let (mut engine, t0) = started(drill());
    engine.tick(t0 + secs(34));
    let phase = engine.phase().clone();
    assert_eq!((phase.step, phase.side, phase.part), (1, Some(0), Some(0)));
    assert_eq!(engine.rep_phase().map(|p| &*p.name), Some("Turn"));
    engine.tick(t0 + secs(42));
    let phase = engine.phase().clone();
    assert_eq!(
        (phase.kind, phase.side, phase.part),
        (PhaseKind::Hold, Some(1), Some(1))
    );
    assert_eq!(engine.rep_phase().map(|p| p.kind), Some(RepKind::Hold));
}

#[test]
fn rep_phase_gives_the_name_kind_and_say_of_now_and_next() {
    let (mut engine, t0) = started(drill());
    assert!(
        engine.rep_phase().is_none(),
        "a get ready plays no rep phase"
    );
    let next = engine.next_phase().cloned();
    let next = next.as_ref().and_then(|p| engine.rep_phase_of(p));
    assert_eq!(
        next.map(|p| (&*p.name, p.line())),
        Some(("Down", "Down now"))
    );
    engine.tick(t0 + secs(9));
    let now = engine.rep_phase().cloned();
    assert_eq!(
        now.map(|p| (p.name, p.kind)),
        Some(("Hold".into(), RepKind::Hold))
    );
    engine.tick(t0 + secs(17));
    assert!(engine.rep_phase().is_none(), "a rest plays no rep phase");
}

#[test]
fn a_hold_step_plays_one_phase_named_hold() {
    let (engine, _) = started(sample());
    let hold = engine.rep_phase_of(&engine.plan().phases()[1]);
    assert_eq!(hold, Some(&RepPhase::hold(secs(5))));
    assert_eq!(hold.map(RepPhase::line), Some("Hold"));
}

#[test]
fn a_prompt_on_a_boundary_belongs_to_the_phase_it_starts_even_after_added_time() {
    let mut r = drill();
    // 5 s into the rep: the first instant of the hold.
    r.steps[0].prompts = vec![at(5_000, "Stay")];
    let (mut engine, t0) = started(r);
    engine.tick(t0 + secs(8));
    engine.apply(Action::AddTime, t0 + secs(8));
    // The round-down now runs to 19 s, well past 5 s into the rep.
    let down = run_until(&mut engine, t0, 18);
    assert!(
        !down
            .iter()
            .any(|(_, e)| matches!(e, Event::PromptFired { .. })),
        "{down:?}"
    );
    let stay = Event::PromptFired {
        text: "Stay".into(),
        at: secs(5),
    };
    let events = engine.tick(t0 + secs(19));
    assert_eq!(
        events,
        [
            Event::PhaseStarted { index: 2 },
            stay,
            Event::Tick { secs: 3 }
        ]
    );
    assert_eq!(engine.tick(t0 + secs(20)), [Event::Tick { secs: 2 }]);
}
