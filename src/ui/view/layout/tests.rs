use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::super::{Flags, Model, render};
use super::{PartKind, Wants, layout};
use crate::routine::parse::parse_str;
use crate::session::Engine;
use ratatui::layout::Rect;

/// The built-in drill as shipped.
fn wall_flexion() -> crate::routine::Routine {
    let src = include_str!("../../../../routines/wall-flexion.toml");
    parse_str(src, "wall-flexion".into(), "wall-flexion").unwrap()
}

fn terminal(engine: &Engine, now: Instant, width: u16, height: u16) -> Terminal<TestBackend> {
    terminal_with(engine, now, width, height, Flags::default())
}

fn terminal_with(
    engine: &Engine,
    now: Instant,
    width: u16,
    height: u16,
    flags: Flags,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| render(frame, &Model::from_engine(engine, now, flags)))
        .unwrap();
    terminal
}

/// The figure switched on, colour off.
const FIGURE: Flags = Flags {
    muted: false,
    help: false,
    color: false,
    figure: true,
    glyphs: crate::text::Glyphs::UNICODE,
};

fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The engine `secs` seconds into the routine.
fn at(secs: u64) -> (Engine, Instant) {
    let t0 = Instant::now();
    let mut engine = Engine::new(wall_flexion(), t0);
    let now = t0 + Duration::from_secs(secs);
    engine.tick(now);
    (engine, now)
}

/// The built-in drill's main step, "Peel off the wall", in the hold of its
/// first rep with a prompt showing.
fn main_step() -> (Engine, Instant) {
    let (engine, now) = at(32);
    assert_eq!(engine.step().name, "Peel off the wall");
    assert!(engine.current_prompt().is_some());
    (engine, now)
}

const SIZES: [(u16, u16); 5] = [(80, 24), (80, 18), (80, 16), (70, 24), (120, 40)];

#[test]
fn the_main_step_at_each_size_matches_its_snapshot() {
    let (engine, now) = main_step();
    for (w, h) in SIZES {
        let t = terminal(&engine, now, w, h);
        insta::assert_snapshot!(format!("main_step_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_whole_cue_of_the_main_step_fits_with_no_lone_short_word() {
    let (engine, now) = main_step();
    for (w, h) in [(70, 24), (80, 18), (80, 16)] {
        let shown = rows(&terminal(&engine, now, w, h));
        let cue = crate::text::wrap(&engine.step().cue, usize::from(w) - 2);
        let first = shown
            .iter()
            .position(|r| r.trim() == cue[0])
            .unwrap_or_else(|| panic!("no cue at {w}×{h}:\n{}", shown.join("\n")));
        for (i, line) in cue.iter().enumerate() {
            let row = shown[first + i].trim();
            assert_eq!(row, line, "{w}×{h}:\n{}", shown.join("\n"));
            assert!(
                row.contains(' ') || row.chars().count() > 4,
                "a lone short word {row:?} at {w}×{h}"
            );
        }
    }
}

/// The rows holding the title, the phase word and the clock.
fn anchors(shown: &[String], phase: &str) -> (usize, usize, Vec<usize>) {
    let find = |needle: &str| shown.iter().position(|r| r.contains(needle)).unwrap();
    let clock: Vec<usize> = (0..shown.len())
        .filter(|&i| {
            shown[i].contains('█') && !shown[i].contains(" left") && !shown[i].contains(" / ")
        })
        .collect();
    let phase_row = find(phase);
    let clock = if clock.is_empty() {
        vec![phase_row]
    } else {
        clock
    };
    (find("Wall thoracic flexion"), phase_row, clock)
}

#[test]
fn the_title_phase_word_and_clock_stay_put_between_steps() {
    // The first step's hold (a four-row cue) and the main step's (six rows).
    let (first, first_now) = at(15);
    let (main, main_now) = main_step();
    assert_eq!(first.step().name, "Set up against the wall");
    for (w, h) in SIZES {
        let a = rows(&terminal(&first, first_now, w, h));
        let b = rows(&terminal(&main, main_now, w, h));
        // Each phase's word is its name: SET UP for the first, HOLD here.
        assert_eq!(
            anchors(&a, "SET UP"),
            anchors(&b, "HOLD"),
            "{w}×{h}:\n{}\n\n{}",
            a.join("\n"),
            b.join("\n")
        );
    }
}

#[test]
fn from_120_by_40_the_digits_are_twice_the_size() {
    let (engine, now) = main_step();
    let digit_rows = |w, h| {
        let shown = rows(&terminal(&engine, now, w, h));
        anchors(&shown, "HOLD").2.len()
    };
    assert_eq!(digit_rows(80, 24), 5);
    assert_eq!(digit_rows(119, 40), 7);
    assert_eq!(digit_rows(120, 40), 10);
}

#[test]
fn the_digits_go_first_then_the_key_help_then_the_routine_bar_then_the_cue_is_cut() {
    let wants = Wants {
        digit_rows: 5,
        digit_width: 21,
        cue_rows: &|_| 7,
        figure: None,
    };
    for height in (1..=40).rev() {
        let placed = layout(Rect::new(0, 0, 80, height), wants);
        let has = |kind| placed.iter().any(|(k, _)| *k == kind);
        let cue = placed
            .iter()
            .find(|(k, _)| *k == PartKind::Cue)
            .map_or(0, |(_, r)| r.height);
        let used: u16 = placed.iter().map(|(_, r)| r.height).sum();
        assert!(used <= height, "{height}: {placed:?}");
        if has(PartKind::Footer) {
            assert!(has(PartKind::RoutineGauge), "{height}: {placed:?}");
        }
        if has(PartKind::Digits) {
            assert!(has(PartKind::Footer), "{height}: {placed:?}");
        }
        if cue < 7 {
            assert!(!has(PartKind::RoutineGauge), "{height}: {placed:?}");
        } else if !has(PartKind::Footer) {
            // Every free row goes to the cue before it is cut: none is blank
            // but the one that keeps the phase line where it is.
            let phase_line = placed.iter().find(|(k, _)| *k == PartKind::PhaseLine);
            let top_gap = phase_line.is_some_and(|(_, r)| r.y == 3);
            assert_eq!(used + u16::from(top_gap), height, "{height}: {placed:?}");
        }
        assert!(has(PartKind::PhaseLine), "{height}: {placed:?}");
    }
}

#[test]
fn the_figure_stands_beside_the_clock_at_80_by_24_and_120_by_40() {
    // 2.5 s into the first rep's round down: half way, eased.
    let (engine, now) = at(28);
    let now = now - Duration::from_millis(500);
    assert_eq!(engine.rep_phase().unwrap().name, "Round down");
    for (w, h) in [(80, 24), (120, 40)] {
        let t = terminal_with(&engine, now, w, h, FIGURE);
        insta::assert_snapshot!(format!("figure_round_down_{w}x{h}"), t.backend());
    }
}

#[test]
fn the_figure_goes_first_as_the_terminal_shrinks_and_never_covers_a_part() {
    let wants = Wants {
        digit_rows: 5,
        digit_width: 21,
        cue_rows: &|_| 6,
        figure: Some(crate::figure::Figure::Wall),
    };
    let mut digits_alone = (false, false);
    let sizes = (1..=40)
        .map(|h| (80, h, true))
        .chain((1..=120).map(|w| (w, 24, false)));
    for (width, height, by_height) in sizes {
        let placed = layout(Rect::new(0, 0, width, height), wants);
        let find = |kind| placed.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r);
        match (find(PartKind::Figure), find(PartKind::Digits)) {
            (Some(figure), Some(digits)) => {
                // Right of the widest clock, inside the screen, and on no
                // other part's rows but the digits'.
                assert!(figure.x >= (width + 27) / 2 + 2, "{width}×{height}");
                assert!(figure.right() + 2 <= width, "{width}×{height}");
                for (kind, rect) in &placed {
                    if !matches!(kind, PartKind::Figure | PartKind::Digits) {
                        assert!(!rect.intersects(figure), "{kind:?} {width}×{height}");
                    }
                }
                assert_eq!(figure.y, digits.y);
            }
            (Some(_), None) => panic!("a figure without the digits at {width}×{height}"),
            (None, Some(_)) if by_height => digits_alone.0 = true,
            (None, Some(_)) => digits_alone.1 = true,
            (None, None) => {}
        }
    }
    assert_eq!(
        digits_alone,
        (true, true),
        "the figure goes before the digits"
    );
    // At 80×24 it is there: fourteen rows tall, down beside the cue, when
    // the cue narrowed still fits; else eight, down to the phase bar.
    let height = |cue_rows: &dyn Fn(u16) -> u16| {
        let placed = layout(Rect::new(0, 0, 80, 24), Wants { cue_rows, ..wants });
        let figure = placed.iter().find(|(k, _)| *k == PartKind::Figure);
        figure.map(|(_, r)| r.height)
    };
    assert_eq!(height(&|_| 6), Some(14));
    assert_eq!(height(&|w| if w < 78 { 7 } else { 6 }), Some(8));
}

#[test]
fn without_a_figure_the_layout_is_what_it_was() {
    let wants = |figure| Wants {
        digit_rows: 5,
        digit_width: 21,
        cue_rows: &|_| 6,
        figure,
    };
    for (w, h) in SIZES {
        let area = Rect::new(0, 0, w, h);
        // Beside the figure the cue ends sooner; it starts where it did.
        let with: Vec<_> = layout(area, wants(Some(crate::figure::Figure::Chair)))
            .into_iter()
            .filter(|(k, _)| !matches!(k, PartKind::Figure | PartKind::PhaseGauge))
            .map(|(k, r)| match k {
                PartKind::Cue => (k, Rect { width: w, ..r }),
                _ => (k, r),
            })
            .collect();
        let without: Vec<_> = layout(area, wants(None))
            .into_iter()
            .filter(|(k, _)| *k != PartKind::PhaseGauge)
            .collect();
        assert_eq!(with, without, "{w}×{h}");
    }
}

#[test]
fn a_blank_row_keeps_the_highlighted_line_off_the_digits() {
    let (engine, now) = main_step();
    for (w, h) in [(80, 24), (100, 32), (120, 40), (160, 48)] {
        let shown = rows(&terminal(&engine, now, w, h));
        let prompt = shown.iter().position(|r| r.contains('▶')).unwrap();
        let (_, _, clock) = anchors(&shown, "HOLD");
        assert_eq!(
            shown[prompt + 1].trim(),
            "",
            "{w}×{h}:\n{}",
            shown.join("\n")
        );
        assert_eq!(clock[0], prompt + 2, "{w}×{h}:\n{}", shown.join("\n"));
    }
}

#[test]
fn from_100_by_30_the_digits_are_seven_rows_tall_and_twice_as_wide() {
    let (engine, now) = main_step();
    let digits = |w, h| {
        let shown = rows(&terminal(&engine, now, w, h));
        let (_, _, clock) = anchors(&shown, "HOLD");
        let widest = clock.iter().map(|&r| shown[r].trim().chars().count()).max();
        (clock.len(), widest.unwrap_or(0))
    };
    // `0:32`: four glyphs, 21 columns; twice as wide is 42.
    assert_eq!(digits(99, 32), (5, 21));
    assert_eq!(digits(100, 29), (5, 21));
    assert_eq!(digits(100, 30), (7, 42));
    assert_eq!(digits(100, 32), (7, 42));
    assert_eq!(digits(120, 40), (10, 42));
}

#[test]
fn the_run_screen_at_100_by_32_and_160_by_48_matches_its_snapshot() {
    // Half way through the first rep's round down, and in its hold.
    for (secs, name) in [(27_500, "round_down"), (32_000, "hold")] {
        let t0 = Instant::now();
        let mut engine = Engine::new(wall_flexion(), t0);
        let now = t0 + Duration::from_millis(secs);
        engine.tick(now);
        for (w, h) in [(100, 32), (160, 48)] {
            let t = terminal_with(&engine, now, w, h, FIGURE);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
        }
    }
}
