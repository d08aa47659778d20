//! The figure drawn in quadrant blocks (two dots across and two down in
//! every cell), with strokes at least two dots wide, a filled trunk and a
//! solid head, so that it reads as a person from a step away; the support
//! thin and dim behind it, and during a move the upright outline faintly.
//! Blocks rather than braille: in a real terminal braille's dots are small
//! and spaced, so even a filled shape of them reads grey and thin.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::figure::{Body, Figure, Point, body};
use raster::{Layer, PER_CELL, Raster};

pub use super::Picture;

/// The part of the world each figure is drawn in, in metres:
/// `(left, right, bottom, top)`, with the support at `x = 0`.
fn world(figure: Figure) -> (f64, f64, f64, f64) {
    match figure {
        Figure::Wall => (0.0, 0.66, 0.0, 1.80),
        Figure::Chair => (0.0, 0.70, 0.0, 1.34),
    }
}

/// How many columns a figure `rows` tall takes, keeping its proportions
/// (a cell is about twice as tall as it is wide), with a column to spare.
pub fn columns_for(figure: Figure, rows: u16) -> u16 {
    let (left, right, bottom, top) = world(figure);
    let dots_per_metre = f64::from(rows) * 4.0 / (top - bottom);
    let dots = (right - left) * dots_per_metre;
    (dots / 2.0).ceil() as u16 + 1
}

/// How thick the limbs and the neck are drawn, in metres: never less than
/// two dots, however small the figure.
const LEG: f64 = 0.075;
const ARM: f64 = 0.05;
const NECK: f64 = 0.07;

/// Draws the figure into `area` of `buf`, as large as fits with its
/// proportions kept, standing on the bottom row and centred across.
/// `color` is `None` under `NO_COLOR`: then it is drawn in the terminal's
/// own colour. With `ghost`, the upright outline is drawn faintly behind
/// it, so that a move reads against where it started.
pub fn draw(buf: &mut Buffer, area: Rect, what: Picture, color: Option<Color>, ghost: bool) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let raster = raster(what, area.width, area.height, ghost);
    let person = Style::default().fg(color.unwrap_or(Color::Reset));
    let faint = match color {
        Some(_) => Style::default().fg(Color::DarkGray),
        None => Style::default(),
    };
    for (y, row) in raster.cells().into_iter().enumerate() {
        for (x, cell) in row.into_iter().enumerate() {
            let Some((c, layer)) = cell else { continue };
            let style = match layer {
                Layer::Body => person,
                Layer::Ghost if color.is_some() => faint.add_modifier(Modifier::DIM),
                _ => faint,
            };
            let (x, y) = (area.x + x as u16, area.y + y as u16);
            buf[(x, y)].set_char(c).set_style(style);
        }
    }
}

/// The figure's dots in a `cols` × `rows` area.
fn raster(what: Picture, cols: u16, rows: u16, ghost: bool) -> Raster {
    let (left, right, bottom, top) = world(what.figure);
    let per_metre = (f64::from(cols) / (right - left)).min(f64::from(rows) * 2.0 / (top - bottom));
    let wide = f64::from(cols) / per_metre;
    let spare = (wide - (right - left)) / 2.0;
    let x0 = if what.mirrored {
        -right - spare
    } else {
        left - spare
    };
    // The support's line on the cell's dot nearest the body, so that the
    // back never shares a cell with it: a cell takes one style.
    let half_dot = 0.5 / PER_CELL.0 as f64;
    let wall = -x0 * per_metre;
    let wall = if what.mirrored {
        wall.floor() + half_dot
    } else {
        wall.floor() + 1.0 - half_dot
    };
    let x0 = -wall / per_metre;
    // The floor a dot above the bottom edge, so that the feet's strokes
    // are not cut by it.
    let tall = f64::from(rows) * 2.0 / per_metre;
    let dot = 2.0 / per_metre / PER_CELL.1 as f64;
    let origin = Point {
        x: x0,
        y: bottom + tall - dot,
    };
    let mut r = Raster::new(cols, rows, origin, per_metre);
    let brush = |r: &Raster, metres: f64| (r.dots_for(metres).round() as usize).max(2);
    let b = body(what.figure, what.pose, what.mirrored);
    for (a, z) in &b.support {
        r.stroke(*a, *z, 1, Layer::Support);
    }
    if ghost {
        let up = body(what.figure, 0.0, what.mirrored);
        let outline = trunk(&up);
        for (a, z) in outline.iter().zip(outline.iter().cycle().skip(1)) {
            r.stroke(*a, *z, 1, Layer::Ghost);
        }
        let neck = &up.spine[up.spine.len() - 2..];
        r.stroke(neck[0], neck[1], 1, Layer::Ghost);
        r.ring(up.head.0, up.head.1, 1, Layer::Ghost);
    }
    let (leg, arm, neck) = (brush(&r, LEG), brush(&r, ARM), brush(&r, NECK));
    for pair in b.leg.windows(2) {
        r.stroke(pair[0], pair[1], leg, Layer::Body);
    }
    r.fill(&trunk(&b), Layer::Body);
    let top = &b.spine[b.spine.len() - 2..];
    r.stroke(top[0], top[1], neck, Layer::Body);
    r.disc(b.head.0, b.head.1, Layer::Body);
    for pair in b.arm.windows(2) {
        r.stroke(pair[0], pair[1], arm, Layer::Body);
    }
    r
}

/// The trunk's outline: up the back from the pelvis to T1, then down the
/// front.
fn trunk(b: &Body) -> Vec<Point> {
    let back = b.spine.len().saturating_sub(1);
    b.spine[..back]
        .iter()
        .chain(b.front.iter().rev())
        .copied()
        .collect()
}

/// The figure as lines of text, `cols` × `rows` cells: for `show --figure`
/// and the tests.
pub fn lines(what: Picture, cols: u16, rows: u16) -> Vec<String> {
    let area = Rect::new(0, 0, cols, rows);
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area, what, None, false);
    (0..rows)
        .map(|y| {
            (0..cols)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

mod raster;
#[cfg(test)]
mod tests;
