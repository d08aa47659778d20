use std::time::{Duration, Instant};

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::routine::parse::parse_str;
use crate::session::{Action, Engine};
use crate::text::{Glyphs, more, truncate};
use crate::ui::keymap::{BINDINGS, footers};
use digits::big_digits;

/// The wall-flexion routine as it was before phases (holds only), pinned
/// so that these screens do not move with the shipped data.
fn wall_flexion() -> crate::routine::Routine {
    let src = include_str!("testdata/wall-flexion-holds.toml");
    parse_str(src, "wall-flexion".into(), "wall-flexion").unwrap()
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
/// `wall-flexion` `at_ms` after it started, paused then if asked.
fn wall_flexion_at(at_ms: u64, paused: bool) -> (Engine, Instant) {
    let t0 = Instant::now();
    let mut engine = Engine::new(wall_flexion(), t0);
    let now = t0 + Duration::from_millis(at_ms);
    engine.tick(now);
    if paused {
        engine.apply(Action::TogglePause, now);
    }
    (engine, now)
}

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
        "Space pause · n/p step · s skip · +/- 10s · m mute · ? help · q quit",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains('█'), "big digits are shown at 80×24:\n{text}");
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
}

#[test]
fn at_40_by_12_the_big_digits_give_way_but_the_time_stays() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 40, 12);
    assert!(!text.contains("█   █"), "no big digits at 40×12:\n{text}");
    assert!(text.contains("HOLD 0:14"), "{text}");
    assert!(text.contains("step 1/3"), "{text}");
}

#[test]
fn at_20_by_6_the_phase_and_time_remain() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 20, 6);
    assert!(text.contains("HOLD 0:14"), "{text}");
    assert!(text.contains("Set up against"), "{text}");
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
        "add 10 seconds",
        "take off 10 seconds",
        "quit",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
}

#[test]
fn the_key_help_shortens_to_fit() {
    let (engine, now) = in_first_hold();
    let text = screen(&engine, now, Flags::default(), 40, 24);
    assert!(text.contains("Space pause · ? help · q quit"), "{text}");
}

#[test]
fn big_digits_are_five_rows_of_equal_width() {
    let rows = big_digits("12:34", '█');
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
        let (engine, now) = wall_flexion_at(at_ms, paused);
        let flags = Flags { help, color: true, ..Flags::default() };
        let text = screen(&engine, now, flags, width, height);
        prop_assert_eq!(text.split('\n').count() as u16, height);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }
}

/// A model to tweak field by field: 4 s into a 20 s hold, colour off.
fn model() -> Model<'static> {
    Model {
        title: "Wall thoracic flexion",
        step: (1, 3),
        step_name: "Set up against the wall",
        rep: None,
        side: None,
        phase: ScreenPhase::Hold,
        word: "HOLD".into(),
        doing: None,
        remaining_secs: 16,
        phase_ratio: 0.2,
        elapsed_secs: 4,
        total_secs: 112,
        cue: "Stand tall.",
        prompt: None,
        next: "Next: rest 5s".to_string(),
        paused: false,
        muted: false,
        help: false,
        color: false,
        glyphs: Glyphs::UNICODE,
        picture: None,
    }
}

/// Renders `model` into a `width`×`height` screen and returns its rows.
fn rows(model: &Model, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(frame, model)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[track_caller]
fn row_with<'a>(rows: &'a [String], needle: &str) -> &'a str {
    rows.iter()
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?} in\n{}", rows.join("\n")))
}

#[test]
fn gauge_labels_keep_a_space_from_the_fill_without_colour() {
    let m = Model {
        remaining_secs: 4,
        phase_ratio: 0.8,
        elapsed_secs: 6,
        total_secs: 13,
        ..model()
    };
    for (width, height) in [(80, 24), (40, 12)] {
        let rows = rows(&m, width, height);
        assert!(
            row_with(&rows, "0:04 left").contains("█ 0:04 left "),
            "{rows:#?}"
        );
        assert!(
            row_with(&rows, "0:06 / 0:13").contains("█ 0:06 / 0:13"),
            "{rows:#?}"
        );
    }
}

#[test]
fn while_paused_the_key_help_says_space_resumes() {
    let m = Model {
        paused: true,
        ..model()
    };
    let wide = rows(&m, 80, 24).join("\n");
    assert!(wide.contains(&footers(true, Glyphs::UNICODE)[0]), "{wide}");
    assert!(!wide.contains("Space pause"), "{wide}");
    let narrow = rows(&m, 40, 12).join("\n");
    assert!(
        narrow.contains("Space resume · ? help · q quit"),
        "{narrow}"
    );
    assert!(!narrow.contains("Space pause"), "{narrow}");
}

#[test]
fn at_20_by_6_paused_the_phase_line_keeps_the_time() {
    let m = Model {
        paused: true,
        phase: ScreenPhase::GetReady,
        word: "GET READY".into(),
        remaining_secs: 2,
        ..model()
    };
    let rows = rows(&m, 20, 6);
    assert_eq!(
        row_with(&rows, "PAUSED").trim(),
        "PAUSED READY 0:02",
        "{rows:#?}"
    );
}

#[test]
fn the_phase_line_gives_up_words_before_the_time() {
    for phase in [
        ScreenPhase::GetReady,
        ScreenPhase::SwitchSides,
        ScreenPhase::Hold,
    ] {
        let m = Model {
            paused: true,
            muted: true,
            phase,
            word: phase.label().into(),
            remaining_secs: 62,
            ..model()
        };
        for width in 4..=40 {
            // One row leaves only the phase line, the most important part.
            let line = rows(&m, width, 1).remove(0);
            let line = line.trim();
            assert!(line.contains("1:02"), "{width}: {line:?}");
            if width >= 11 {
                assert!(line.contains("PAUSED"), "{width}: {line:?}");
            }
            if width >= 25 {
                assert!(line.contains(phase.label()), "{width}: {line:?}");
            }
        }
    }
    let m = Model {
        paused: true,
        remaining_secs: 62,
        ..model()
    };
    assert_eq!(rows(&m, 10, 1)[0].trim(), "|| 1:02");
    assert_eq!(rows(&m, 6, 1)[0].trim(), "1:02");
}

#[test]
fn a_long_step_name_gives_way_to_the_rep_and_side() {
    let m = Model {
        step_name: "Thread the needle with a long reach through",
        rep: Some((1, 2)),
        side: Some("left"),
        ..model()
    };
    for width in [80, 40, 24] {
        let rows = rows(&m, width, 12);
        let line = row_with(&rows, "rep 1/2");
        assert!(
            line.trim_end().ends_with("· rep 1/2 · left"),
            "{width}: {line:?}"
        );
        assert!(line.contains('…') == (width < 60), "{width}: {line:?}");
    }
    // Too narrow for the name and both facts: the side stays.
    let rows = rows(&m, 12, 12);
    assert!(row_with(&rows, "left").trim() == "left", "{rows:#?}");
}

#[test]
fn a_long_or_wide_title_never_hides_the_step_count() {
    for title in [
        "A very long routine title that will not fit on one row at all",
        "肩甲骨と胸椎のモビリティ・ストレッチ",
    ] {
        let m = Model { title, ..model() };
        for width in [40, 30, 20, 12] {
            let rows = rows(&m, width, 12);
            assert!(rows[0].ends_with("step 1/3"), "{width}: {:?}", rows[0]);
            assert!(rows[0].contains('…'), "{width}: {:?}", rows[0]);
        }
        assert_eq!(rows(&m, 5, 12)[0].trim(), "1/3");
    }
}

#[test]
fn the_help_box_fits_its_longest_row() {
    let m = Model {
        help: true,
        ..model()
    };
    // 40 columns and just tall enough for every key and the border.
    for (width, height) in [(80, 24), (40, BINDINGS.len() as u16 + 2)] {
        let rows = rows(&m, width, height);
        assert!(
            row_with(&rows, "close the help, or quit").contains("close the help, or quit │"),
            "{rows:#?}"
        );
        assert!(
            row_with(&rows, "previous step / restart").contains("previous step / restart"),
            "{rows:#?}"
        );
        assert!(row_with(&rows, "keys").contains("┌ keys ─"), "{rows:#?}");
    }
}

#[test]
fn on_a_small_screen_the_help_keeps_the_keys() {
    let m = Model {
        help: true,
        ..model()
    };
    // Too short for the border: the help takes the screen, unboxed.
    let short = rows(&m, 40, 13).join("\n");
    for row in BINDINGS {
        assert!(short.contains(row.what), "{}: {short}", row.what);
    }
    // A row shorter still, the least needed key gives way first.
    let shorter = rows(&m, 40, 12).join("\n");
    let least = BINDINGS.iter().min_by_key(|b| b.keep).unwrap();
    for row in BINDINGS {
        assert_eq!(
            shorter.contains(row.what),
            row.what != least.what,
            "{shorter}"
        );
    }
    assert!(
        !short.contains('┌') && !short.contains("step 1/3"),
        "{short}"
    );
    // Narrow: one word for each key.
    let narrow = rows(&m, 20, 12);
    for word in ["Space  pause", "q  ^C  quit", "+  =   +10s", "?  h   help"] {
        row_with(&narrow, word);
    }
    // Tiny: the keys to pause, go on, close the help and leave come first.
    let tiny = rows(&m, 16, 4);
    assert_eq!(
        tiny.iter().map(|r| r.trim()).collect::<Vec<_>>(),
        ["Space  pause", "n  →   next", "?  h   help", "q  ^C  quit"]
    );
}

#[test]
fn a_cut_cue_ends_in_an_ellipsis() {
    let (engine, now) = in_first_hold();
    let rows: Vec<String> = screen(&engine, now, Flags::default(), 40, 12)
        .split('\n')
        .map(String::from)
        .collect();
    let last_cue_row = row_with(&rows, "Next step:");
    let index = rows.iter().position(|r| r == last_cue_row).unwrap();
    assert!(rows[index - 1].ends_with('…'), "{rows:#?}");
    let full = screen(&engine, now, Flags::default(), 80, 24);
    assert!(!full.contains('…'), "the whole cue fits at 80×24:\n{full}");
}

#[test]
fn wrapping_measures_display_width() {
    assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrap("肩甲骨", 4), ["肩甲", "骨"]);
    // A character wider than the row still gets a row of its own.
    assert_eq!(wrap("肩甲", 1), ["肩", "甲"]);
    assert_eq!(truncate("肩甲骨のストレッチ", 7), "肩甲骨…");
    assert_eq!(truncate("short", 7), "short");
    assert_eq!(more("ends here", 20), "ends here …");
}

/// A routine with sides, for the switch-sides screen: get ready 0-3 s,
/// left 3-13 s, switch sides 13-16 s, right 16-26 s.
fn side_stretch() -> crate::routine::Routine {
    let src = r#"
title = "Side stretch"
lead_in = "3s"

[[step]]
name = "Reach up and over"
cue = "Long through the side, ribs soft."
hold = "10s"
sides = ["left", "right"]
"#;
    parse_str(src, "side-stretch".to_string(), "side-stretch").unwrap()
}

/// The screens worth seeing, each as an engine at a moment, with flags.
fn moment(state: &str) -> (Engine, Instant, Flags) {
    let t0 = Instant::now();
    let at = |ms| t0 + Duration::from_millis(ms);
    let (mut engine, now, help) = match state {
        // 1.5 s into the first step's 3 s get ready.
        "get_ready" => (Engine::new(wall_flexion(), t0), at(1_500), false),
        // Step 2, rep 1, with its first prompt fired.
        "hold" | "rest" => {
            let mut engine = Engine::new(wall_flexion(), t0);
            engine.apply(Action::NextStep, t0);
            let now = if state == "hold" {
                at(5_500)
            } else {
                at(12_500)
            };
            (engine, now, false)
        }
        "switch_sides" => (Engine::new(side_stretch(), t0), at(14_500), false),
        "paused" | "help" => {
            let (engine, now) = in_first_hold();
            (engine, now, state == "help")
        }
        other => panic!("no state {other}"),
    };
    engine.tick(now);
    if state == "paused" {
        engine.apply(Action::TogglePause, now);
    }
    let flags = Flags {
        help,
        ..Flags::default()
    };
    (engine, now, flags)
}

#[test]
fn each_screen_at_each_size_matches_its_snapshot() {
    for state in [
        "get_ready",
        "hold",
        "rest",
        "switch_sides",
        "paused",
        "help",
    ] {
        for (width, height) in [(80, 24), (40, 12), (20, 6)] {
            let (engine, now, flags) = moment(state);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| render(frame, &Model::from_engine(&engine, now, flags)))
                .unwrap();
            insta::assert_snapshot!(format!("{state}_{width}x{height}"), terminal.backend());
        }
    }
}

/// A phased step, pinned here so these screens do not move with the
/// shipped data: get ready 0-3 s, then each rep is round down (5 s),
/// hold (3 s), roll up (5 s); prompts at 2 s, 6 s and 10 s into the rep
/// (5 s, 9 s and 13 s into the routine for the first rep).
fn peel_off() -> crate::routine::Routine {
    let src = r#"
title = "Wall thoracic flexion"
lead_in = "3s"

[[step]]
name = "Peel off the wall"
cue = """
Nod your chin toward your chest, then peel the upper back away from the
wall one segment at a time. Your lower back and pelvis stay on the wall.
Then roll back up just as slowly, head last."""
reps = 6
rest = "3s"

[[step.phase]]
name = "Round down"
time = "5s"
say = "Round down, head first, one segment at a time"

[[step.phase.prompt]]
at = "2s"
text = "Upper abs draw in"

[[step.phase]]
name = "Hold"
time = "3s"
kind = "hold"
say = "Hold, breathe out, upper back long"

[[step.phase.prompt]]
at = "1s"
text = "Lower back stays on the wall"

[[step.phase]]
name = "Roll up"
time = "5s"
say = "Roll back up, head last"

[[step.phase.prompt]]
at = "2s"
text = "Place each segment back on the wall"
"#;
    parse_str(src, "peel-off".into(), "peel-off").unwrap()
}

/// The phased step's screen at `ms` into the run, at 80×24.
fn peel_off_at(ms: u64, flags: Flags) -> String {
    let t0 = Instant::now();
    let mut engine = Engine::new(peel_off(), t0);
    let now = t0 + Duration::from_millis(ms);
    engine.tick(now);
    screen(&engine, now, flags, 80, 24)
}

#[test]
fn a_move_a_hold_and_a_prompt_in_a_roll_up_match_their_snapshots() {
    // 1.5 s into the first round down, before its prompt.
    let round_down = peel_off_at(4_500, Flags::default());
    assert!(round_down.contains("ROUND DOWN"), "{round_down}");
    assert!(
        round_down.contains("Round down, head first, one segment at a time"),
        "{round_down}"
    );
    assert!(round_down.contains("Next: hold 3s"), "{round_down}");
    assert!(round_down.contains("rep 1/6"), "{round_down}");
    insta::assert_snapshot!("move_80x24", round_down);
    // Half a second into the hold, before its prompt.
    let hold = peel_off_at(8_500, Flags::default());
    assert!(
        hold.contains("Hold, breathe out, upper back long"),
        "{hold}"
    );
    assert!(hold.contains("Next: roll up 5s"), "{hold}");
    insta::assert_snapshot!("hold_phase_80x24", hold);
    // A second after the roll-up's prompt: it has taken the say line's place.
    let prompt = peel_off_at(14_000, Flags::default());
    assert!(prompt.contains("ROLL UP"), "{prompt}");
    assert!(
        prompt.contains("▶ Place each segment back on the wall"),
        "{prompt}"
    );
    assert!(!prompt.contains("Roll back up, head last"), "{prompt}");
    assert!(prompt.contains("Next: rest 3s"), "{prompt}");
    insta::assert_snapshot!("prompt_roll_up_80x24", prompt);
    // After the rest, the next rep's first phase is named with its rep.
    let rest = peel_off_at(17_000, Flags::default());
    assert!(rest.contains("REST"), "{rest}");
    assert!(rest.contains("Next: round down 5s · rep 2/6"), "{rest}");
}

#[test]
fn in_colour_each_kind_of_phase_has_its_own_colour() {
    use ratatui::style::Color;
    let colour_of = |ms: u64, word: &str| {
        let t0 = Instant::now();
        let mut engine = Engine::new(peel_off(), t0);
        let now = t0 + Duration::from_millis(ms);
        engine.tick(now);
        let flags = Flags {
            color: true,
            ..Flags::default()
        };
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| render(frame, &Model::from_engine(&engine, now, flags)))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let area = buffer.area;
        let first = word.chars().next().unwrap().to_string();
        let cell = (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .find(|&(x, y)| {
                word.chars().enumerate().all(|(i, c)| {
                    let x = x + i as u16;
                    x < area.width && buffer[(x, y)].symbol() == c.to_string()
                }) && buffer[(x, y)].symbol() == first
            })
            .map(|(x, y)| buffer[(x, y)].clone())
            .unwrap_or_else(|| panic!("{word} is on screen"));
        cell.fg
    };
    let colours = [
        colour_of(1_000, "GET READY"),
        colour_of(4_500, "ROUND DOWN"),
        colour_of(8_500, "HOLD"),
        colour_of(17_000, "REST"),
    ];
    assert_eq!(
        colours,
        [Color::Magenta, Color::Cyan, Color::Yellow, Color::Green]
    );
}

#[test]
fn in_colour_the_paused_marker_is_red_and_reversed() {
    let m = Model {
        paused: true,
        color: true,
        ..model()
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| render(frame, &m)).unwrap();
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let (x, y) = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find(|&(x, y)| {
            (0..6).all(|i| {
                x + i < area.width
                    && buffer[(x + i, y)].symbol() == &"PAUSED"[i as usize..=i as usize]
            })
        })
        .expect("PAUSED is on screen");
    for i in 0..6 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.fg, ratatui::style::Color::Red, "{cell:?}");
        assert!(
            cell.modifier.contains(ratatui::style::Modifier::REVERSED),
            "{cell:?}"
        );
    }
    // Without colour, the same marker is plain text.
    let m = Model { color: false, ..m };
    terminal.draw(|frame| render(frame, &m)).unwrap();
    let cell = &terminal.backend().buffer()[(x, y)];
    assert_eq!(cell.symbol(), "P");
    assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
}

mod ascii;
