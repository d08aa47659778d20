//! Properties that hold for every routine, not just the ones we thought of.

use std::time::{Duration, Instant};

use mobility::routine::parse::parse_str;
use mobility::routine::write::to_toml;
use mobility::routine::{Figure, Pose, Prompt, RepKind, RepPhase, Routine, Step};
use mobility::session::{Engine, Plan, Status};
use mobility::text::{is_forbidden, quote};
use mobility::ui::view::{Flags, Model, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One line of text that validation accepts: printable, not blank.
fn line() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 .,'!?éüß→·\\-]{0,30}[a-zA-Z0-9é]"
}

fn cue() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..4).prop_map(|lines| lines.join("\n"))
}

fn millis(range: std::ops::RangeInclusive<u64>) -> impl Strategy<Value = Duration> {
    range.prop_map(Duration::from_millis)
}

/// A phase name: one line of 1 to 24 characters.
fn phase_name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 .,'!?é\\-]{0,20}[a-zA-Z0-9é]"
}

/// One rep: a single `hold`, or 1 to 10 phases of either kind, with or
/// without a `say` line.
fn rep() -> impl Strategy<Value = (Vec<RepPhase>, bool)> {
    let phase = (
        phase_name(),
        millis(1..=3_600_000),
        any::<bool>(),
        prop::option::of(line()),
        prop::option::of(pose()),
    )
        .prop_map(|(name, time, moves, say, pose)| RepPhase {
            name,
            time,
            kind: if moves { RepKind::Move } else { RepKind::Hold },
            say,
            pose,
        });
    prop_oneof![
        millis(1..=3_600_000).prop_map(|hold| (vec![RepPhase::hold(hold)], true)),
        prop::collection::vec(phase, 1..=10).prop_map(|phases| (phases, false)),
    ]
}

fn pose() -> impl Strategy<Value = Pose> {
    prop_oneof![
        Just(Pose::Upright),
        Just(Pose::Rounded),
        (0u16..=1000).prop_map(Pose::At),
    ]
}

fn figure() -> impl Strategy<Value = Figure> {
    prop_oneof![Just(Figure::Wall), Just(Figure::Chair)]
}

/// A step, with its own figure if it has one (`None` inherits the routine's).
fn step() -> impl Strategy<Value = (Step, Option<Figure>)> {
    (
        line(),
        cue(),
        rep(),
        1u32..=100,
        millis(0..=600_000),
        prop::collection::btree_set("[a-z]{1,8}", 0..3),
        millis(0..=600_000),
        prop::collection::vec((0.0f64..1.0, line()), 0..4),
        prop::option::of(figure()),
    )
        .prop_map(
            |(name, cue, (phases, from_hold), reps, rest, sides, lead_in, prompts, own)| {
                let rep: Duration = phases.iter().map(|p| p.time).sum();
                let mut prompts: Vec<Prompt> = prompts
                    .into_iter()
                    .map(|(f, text)| Prompt {
                        at: Duration::from_millis((rep.as_millis() as f64 * f) as u64),
                        text,
                    })
                    .collect();
                prompts.sort_by_key(|p| p.at);
                let step = Step {
                    name,
                    cue,
                    phases,
                    from_hold,
                    reps,
                    rest,
                    sides: sides.into_iter().collect(),
                    lead_in,
                    prompts,
                    figure: own,
                };
                (step, own)
            },
        )
}

fn routine() -> impl Strategy<Value = Routine> {
    (
        "[a-zA-Z0-9 ]{0,79}[a-zA-Z]",
        prop::option::of(line()),
        prop::collection::vec("[a-z-]{1,10}", 0..3),
        millis(0..=600_000),
        prop::collection::vec(step(), 1..5),
        prop::option::of(figure()),
    )
        .prop_map(|(title, summary, tags, lead_in, steps, figure)| Routine {
            id: "prop".into(),
            title,
            summary,
            tags,
            equipment: vec![],
            lead_in,
            // A step without a figure of its own shows the routine's.
            steps: steps
                .into_iter()
                .map(|(step, own)| Step {
                    figure: own.or(figure),
                    ..step
                })
                .collect(),
            figure,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_valid_routine_round_trips_through_toml(r in routine()) {
        let text = to_toml(&r);
        let back = parse_str(&text, r.id.clone(), "prop.toml")
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, r);
    }

    #[test]
    fn the_timeline_total_is_the_sum_of_its_phases_and_a_run_takes_exactly_that(r in routine()) {
        let plan = Plan::new(&r);
        let sum: Duration = plan.phases().iter().map(|p| p.duration).sum();
        prop_assert_eq!(sum, r.total());
        prop_assert_eq!(plan.total(), r.total());
        // Driven phase by phase at its deadlines, the engine ends at start + total.
        let t0 = Instant::now();
        let mut engine = Engine::new(r.clone(), t0);
        let mut now = t0;
        let mut wakes = 0;
        while let Some(wake) = engine.next_wake(now) {
            prop_assert!(wake > now, "next_wake must move forward");
            // Jump straight to the phase's deadline: the engine must land on it.
            now += engine.remaining(now);
            engine.tick(now);
            wakes += 1;
            prop_assert!(wakes <= plan.phases().len());
        }
        prop_assert_eq!(engine.status(), Status::Finished);
        prop_assert_eq!(now - t0, r.total());
        prop_assert_eq!(engine.summary(now).active, r.total());
    }

    #[test]
    fn text_that_reaches_the_screen_never_holds_control_characters(
        title in ".{1,20}",
        cue in ".{1,40}",
        name in "\\PC{0,3}[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}]?\\PC{0,3}",
        width in 1u16..100,
        height in 1u16..30,
    ) {
        let escape = |s: &str| -> String {
            s.chars().map(|c| format!("\\U{:08X}", c as u32)).collect()
        };
        let src = format!(
            "title = \"{}\"\n[[step]]\nname = \"{}\"\ncue = \"{}\"\nhold = \"2s\"\n",
            escape(&title), escape(&name), escape(&cue)
        );
        match parse_str(&src, "p".into(), "p.toml") {
            Ok(r) => {
                for text in [&r.title, &r.steps[0].name, &r.steps[0].cue] {
                    prop_assert!(!text.chars().any(is_forbidden), "{text:?}");
                }
                let t0 = Instant::now();
                let mut engine = Engine::new(r, t0);
                engine.tick(t0);
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|f| render(f, &Model::from_engine(&engine, t0, Flags::default())))
                    .unwrap();
                let buffer = terminal.backend().buffer();
                for cell in buffer.content() {
                    prop_assert!(!cell.symbol().chars().any(|c| c.is_control()), "{:?}", cell.symbol());
                }
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(!message.chars().any(|c| c != '\n' && (c.is_control() || is_forbidden(c))), "{message:?}");
            }
        }
    }

    #[test]
    fn quoting_never_passes_a_control_character_through(s in ".*") {
        let q = quote(&s);
        prop_assert!(!q.chars().any(|c| c.is_control() || is_forbidden(c)), "{q:?}");
    }
}
