use std::time::{Duration, Instant};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::routine::library::BUILT_IN;
use crate::routine::parse::parse_str;
use crate::session::{Action, Engine};

fn wall_flexion() -> crate::routine::Routine {
    let (id, src) = BUILT_IN
        .iter()
        .find(|(id, _)| *id == "wall-flexion")
        .unwrap();
    parse_str(src, id.to_string(), id).unwrap()
}

/// Renders the engine at `now` into a `width`×`height` screen and returns
/// its text, one line per row.
fn screen(engine: &Engine, now: Instant, flags: Flags, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| render(frame, &Model::from_engine(engine, now, flags)))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The wall-flexion routine, 1.5 s into the first hold.
fn in_first_hold() -> (Engine, Instant) {
    let t0 = Instant::now();
    let mut engine = Engine::new(wall_flexion(), t0);
    let now = t0 + Duration::from_millis(4_500);
    engine.tick(now);
    (engine, now)
}

#[test]
fn at_80_by_24_everything_fits() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 80, 24);
    for expected in [
        "Wall thoracic flexion",
        "step 1/3",
        "Set up against the wall",
        "HOLD",
        "0:14 left",
        "Stand with your heels",
        "Next step: Peel off the wall",
        "0:04 / 1:52",
        KEY_HELP,
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains('█'), "big digits are shown at 80×24:\n{text}");
    insta::assert_snapshot!("hold_80x24", text);
}

#[test]
fn paused_shows_paused_and_the_time_stands_still() {
    let (mut engine, now) = in_first_hold();
    engine.apply(Action::TogglePause, now);
    let later = now + Duration::from_secs(30);
    engine.tick(later);
    let text = screen(&engine, later, Flags::default(), 80, 24);
    assert!(text.contains("PAUSED"), "{text}");
    assert!(text.contains("0:14 left · paused"), "{text}");
}

#[test]
fn a_fired_prompt_is_shown_and_the_rep_counts() {
    let t0 = Instant::now();
    let mut engine = Engine::new(wall_flexion(), t0);
    engine.apply(Action::NextStep, t0);
    // Step 2: a 3 s get-ready, then an 8 s hold; the first prompt is at 2 s.
    let now = t0 + Duration::from_millis(5_500);
    engine.tick(now);
    let text = screen(&engine, now, Flags::default(), 80, 24);
    assert!(text.contains("Peel off the wall · rep 1/6"), "{text}");
    assert!(text.contains("▶ Breathe out as you round"), "{text}");
    assert!(text.contains("Next: rest 5s"), "{text}");
    insta::assert_snapshot!("prompt_80x24", text);
}

#[test]
fn at_40_by_12_the_big_digits_give_way_but_the_time_stays() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 40, 12);
    assert!(!text.contains("█   █"), "no big digits at 40×12:\n{text}");
    assert!(text.contains("HOLD 0:14"), "{text}");
    assert!(text.contains("step 1/3"), "{text}");
    insta::assert_snapshot!("hold_40x12", text);
}

#[test]
fn at_20_by_6_the_phase_and_time_remain() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 20, 6);
    assert!(text.contains("HOLD 0:14"), "{text}");
    assert!(text.contains("Set up against"), "{text}");
    insta::assert_snapshot!("hold_20x6", text);
}

#[test]
fn at_1_by_1_it_draws_without_panicking() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 1, 1);
    assert_eq!(text.chars().count(), 1);
}

#[test]
fn the_help_overlay_lists_the_keys() {
    let (engine, now) = in_first_hold();
    let flags = Flags {
        help: true,
        ..Flags::default()
    };
    let text = screen(&engine, now, flags, 80, 24);
    for key in [
        "pause / resume",
        "next step",
        "skip this phase",
        "add / remove 10 seconds",
        "quit",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
}

#[test]
fn the_key_help_shortens_to_fit() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 40, 12);
    assert!(text.contains("Space pause · q quit · ? keys"), "{text}");
}

#[test]
fn big_digits_are_five_rows_of_equal_width() {
    let rows = big_digits("12:34");
    assert_eq!(rows.len(), 5);
    let width = rows[0].chars().count();
    assert!(rows.iter().all(|r| r.chars().count() == width));
}

proptest! {
    #[test]
    fn rendering_never_panics_at_any_size(
        width in 1u16..=200,
        height in 1u16..=60,
        at_ms in 0u64..130_000,
        paused in any::<bool>(),
        help in any::<bool>(),
    ) {
        let t0 = Instant::now();
        let mut engine = Engine::new(wall_flexion(), t0);
        let now = t0 + Duration::from_millis(at_ms);
        engine.tick(now);
        if paused {
            engine.apply(Action::TogglePause, now);
        }
        let flags = Flags { help, color: true, ..Flags::default() };
        let text = screen(&engine, now, flags, width, height);
        prop_assert_eq!(text.split('\n').count() as u16, height);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}
