use super::*;

/// The figure at the size it has at 80×24: eight rows.
const ROWS: u16 = 8;

fn picture(figure: Figure, pose: f64, mirrored: bool) -> Vec<String> {
    let what = Picture {
        figure,
        pose,
        mirrored,
    };
    lines(what, columns_for(figure, ROWS), ROWS)
}

/// Framed, so that the snapshot shows the figure's own columns.
fn framed(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("|{l}|"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_wall_and_chair_figures_match_their_snapshots() {
    for figure in [Figure::Wall, Figure::Chair] {
        for (pose, name) in [(0.0, "upright"), (0.5, "half"), (1.0, "rounded")] {
            insta::assert_snapshot!(
                format!("{}_{name}", figure.name()),
                framed(&picture(figure, pose, false))
            );
        }
    }
    insta::assert_snapshot!(
        "wall_rounded_mirrored",
        framed(&picture(Figure::Wall, 1.0, true))
    );
}

#[test]
fn rounding_changes_the_top_of_the_picture_and_never_the_legs() {
    for figure in [Figure::Wall, Figure::Chair] {
        let up = picture(figure, 0.0, false);
        let down = picture(figure, 1.0, false);
        // The bottom three rows: the legs and the support, below the hands.
        let legs = ROWS as usize - 3;
        assert_eq!(up[legs..], down[legs..], "{figure:?}");
        assert_ne!(up[..legs], down[..legs], "{figure:?}");
    }
}

#[test]
fn mirrored_the_support_is_on_the_right() {
    for figure in [Figure::Wall, Figure::Chair] {
        let plain = picture(figure, 0.0, false);
        let mirrored = picture(figure, 0.0, true);
        // The support's vertical line: the first drawn column, or the last.
        let first = |rows: &[String]| {
            rows.iter()
                .filter_map(|r| r.chars().position(|c| c != ' '))
                .min()
        };
        let last = |rows: &[String]| {
            rows.iter()
                .filter_map(|r| {
                    r.chars()
                        .collect::<Vec<_>>()
                        .iter()
                        .rposition(|&c| c != ' ')
                })
                .max()
        };
        let cols = plain[0].chars().count();
        assert!(first(&plain).unwrap() <= 1, "{}", framed(&plain));
        assert!(
            last(&mirrored).unwrap() >= cols - 2,
            "{}",
            framed(&mirrored)
        );
    }
}

#[test]
fn the_figure_is_quadrant_blocks_only_and_fits_any_size() {
    for (cols, rows) in [(0, 0), (1, 1), (2, 2), (3, 40), (200, 3)] {
        let what = Picture {
            figure: Figure::Chair,
            pose: 0.7,
            mirrored: false,
        };
        let shown = lines(what, cols, rows);
        assert_eq!(shown.len(), rows as usize);
        assert!(
            shown
                .iter()
                .flat_map(|l| l.chars())
                .all(|c| " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".contains(c)),
            "{shown:?}"
        );
    }
}

/// The figure as the run screen draws it, with colour on: the cells that
/// change when the figure is switched off, outside the phase bar's row.
mod on_screen {
    use std::collections::HashSet;
    use std::time::{Duration, Instant};

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Cell;
    use ratatui::style::{Color, Modifier};

    use super::super::super::{Flags, Model, draw};
    use crate::routine::parse::parse_str;
    use crate::session::Engine;

    /// The built-in drill: its first rep's round down runs from 25 s to
    /// 30 s, its hold to 34 s, its roll up to 39 s.
    fn at(millis: u64) -> (Engine, Instant) {
        let src = include_str!("../../../../routines/wall-flexion.toml");
        let routine = parse_str(src, "wall-flexion".into(), "wall-flexion").unwrap();
        let t0 = Instant::now();
        let mut engine = Engine::new(routine, t0);
        let now = t0 + Duration::from_millis(millis);
        engine.tick(now);
        (engine, now)
    }

    /// The figure's cells, `(column, row, cell)`: every cell drawn in the
    /// place the screen gave the figure.
    pub(super) fn figure(millis: u64, w: u16, h: u16) -> Vec<(usize, usize, Cell)> {
        let (engine, now) = at(millis);
        let flags = Flags {
            color: true,
            figure: true,
            ..Flags::default()
        };
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut place = None;
        terminal
            .draw(|frame| place = draw(frame, &Model::from_engine(&engine, now, flags)))
            .unwrap();
        let place = place.unwrap_or_else(|| panic!("no figure at {w}×{h}, {millis} ms"));
        let buffer = terminal.backend().buffer();
        let mut cells = Vec::new();
        for y in place.top()..place.bottom() {
            for x in place.left()..place.right() {
                let cell = &buffer[(x, y)];
                if cell.symbol() != " " {
                    cells.push((usize::from(x), usize::from(y), cell.clone()));
                }
            }
        }
        cells
    }

    /// Dots across and down a cell.
    type Grid = (usize, usize);

    /// The dots a cell's character has set, in a grid of `across` × `down`
    /// dots a cell: braille, or quadrant and half blocks.
    fn dots(c: char) -> Option<(Grid, Vec<(usize, usize)>)> {
        const QUADRANTS: &str = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█";
        let n = c as u32;
        if (0x2800..=0x28FF).contains(&n) {
            let order = [
                (0, 0),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 1),
                (1, 2),
                (0, 3),
                (1, 3),
            ];
            let set = (0..8).filter(|b| n & (1 << b) != 0).map(|b| order[b]);
            return Some(((2, 4), set.collect()));
        }
        let i = QUADRANTS.chars().position(|q| q == c)?;
        let order = [(0, 0), (1, 0), (0, 1), (1, 1)];
        let set = (0..4).filter(|b| i & (1 << b) != 0).map(|b| order[b]);
        Some(((2, 2), set.collect()))
    }

    /// The body's dots (the cells in the phase's colour), on one grid.
    fn body_dots(cells: &[(usize, usize, Cell)], colour: Color) -> HashSet<(usize, usize)> {
        let mut all = HashSet::new();
        for (x, y, cell) in cells.iter().filter(|(_, _, c)| c.fg == colour) {
            let c = cell.symbol().chars().next().unwrap();
            let Some(((across, down), set)) = dots(c) else {
                panic!("{c:?} in the figure is not made of dots");
            };
            all.extend(
                set.into_iter()
                    .map(|(dx, dy)| (x * across + dx, y * down + dy)),
            );
        }
        all
    }

    #[test]
    fn the_body_is_drawn_in_strokes_at_least_two_dots_wide() {
        // Upright in the get ready, half way and fully down in the round
        // down, held, half way up: at each size with a figure.
        for (millis, colour) in [
            (23_000, Color::Magenta),
            (27_500, Color::Cyan),
            (29_900, Color::Cyan),
            (32_000, Color::Yellow),
            (36_500, Color::Cyan),
        ] {
            for (w, h) in [(80, 24), (100, 32), (120, 40)] {
                let cells = figure(millis, w, h);
                let body = body_dots(&cells, colour);
                assert!(body.len() > 30, "{w}×{h} at {millis} ms: {body:?}");
                // Every dot is in a square of two by two: no line is one
                // dot thin anywhere.
                let on = |x: usize, y: usize| body.contains(&(x, y));
                for &(x, y) in &body {
                    let squared = [(0, 0), (1, 0), (0, 1), (1, 1)].iter().any(|(ox, oy)| {
                        let (Some(x0), Some(y0)) = (x.checked_sub(*ox), y.checked_sub(*oy)) else {
                            return false;
                        };
                        on(x0, y0) && on(x0 + 1, y0) && on(x0, y0 + 1) && on(x0 + 1, y0 + 1)
                    });
                    assert!(
                        squared,
                        "a thin line at dot {x},{y} at {w}×{h}, {millis} ms:\n{}",
                        picture(&cells)
                    );
                }
            }
        }
    }

    /// The figure's cells as text, for a failure's message.
    fn picture(cells: &[(usize, usize, Cell)]) -> String {
        let (x0, y0) = (
            cells.iter().map(|c| c.0).min().unwrap_or(0),
            cells.iter().map(|c| c.1).min().unwrap_or(0),
        );
        let (x1, y1) = (
            cells.iter().map(|c| c.0).max().unwrap_or(0),
            cells.iter().map(|c| c.1).max().unwrap_or(0),
        );
        (y0..=y1)
            .map(|y| {
                (x0..=x1)
                    .map(|x| {
                        cells
                            .iter()
                            .find(|c| c.0 == x && c.1 == y)
                            .map_or(" ", |c| c.2.symbol())
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The figure's cells drawn faint (dim grey) in the rows above the
    /// body's lowest reach of the trunk: not the wall's column.
    fn faint_away_from_the_wall(cells: &[(usize, usize, Cell)]) -> Vec<(usize, usize)> {
        let wall = cells.iter().map(|(x, _, _)| *x).min().unwrap();
        cells
            .iter()
            .filter(|(x, _, c)| *x > wall && c.fg == Color::DarkGray)
            .filter(|(_, y, _)| {
                // Not the floor: the bottom row of the figure.
                let floor = cells.iter().map(|(_, y, _)| *y).max().unwrap();
                *y < floor
            })
            .map(|(x, y, _)| (*x, *y))
            .collect()
    }

    #[test]
    fn during_a_move_the_upright_outline_shows_faintly_behind_the_figure() {
        for (w, h) in [(80, 24), (100, 32), (120, 40)] {
            // Nearly down at the end of the round down: the upright head
            // and the back it left are drawn dim behind.
            let moving = figure(29_900, w, h);
            let ghost = faint_away_from_the_wall(&moving);
            // At 80×24 the figure is small, and the body covers most of it.
            let least = if w == 80 { 1 } else { 3 };
            assert!(
                ghost.len() >= least,
                "no outline behind at {w}×{h}: {ghost:?}"
            );
            for (x, y) in &ghost {
                let (_, _, cell) = moving.iter().find(|(a, b, _)| a == x && b == y).unwrap();
                assert!(cell.modifier.contains(Modifier::DIM), "{x},{y} {cell:?}");
            }
            // Held at the same pose, there is none: only the wall and floor.
            let holding = figure(32_000, w, h);
            assert_eq!(faint_away_from_the_wall(&holding), [], "{w}×{h}");
        }
    }

    #[test]
    fn the_figure_takes_the_room_at_least_16_rows_at_100_by_32_and_24_at_120_by_40() {
        for (w, h, least) in [(100, 32, 16), (120, 40, 24)] {
            for millis in [27_500, 32_000] {
                let cells = figure(millis, w, h);
                let top = cells.iter().map(|c| c.1).min().unwrap();
                let bottom = cells.iter().map(|c| c.1).max().unwrap();
                assert!(
                    bottom - top + 1 >= least,
                    "{} rows at {w}×{h}:\n{}",
                    bottom - top + 1,
                    picture(&cells)
                );
            }
        }
    }
}
