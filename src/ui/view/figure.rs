//! The figure drawn in braille with ratatui's canvas: two dots across and
//! four down in every cell, so a figure six rows tall has 24 rows of dots.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Circle, Line};

use crate::figure::{Body, Figure, body};

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
/// (a braille dot is about as wide as it is tall), with a column to spare.
pub fn columns_for(figure: Figure, rows: u16) -> u16 {
    let (left, right, bottom, top) = world(figure);
    let dots_per_metre = f64::from(rows) * 4.0 / (top - bottom);
    let dots = (right - left) * dots_per_metre;
    (dots / 2.0).ceil() as u16 + 1
}

/// Draws the figure into `area` of `buf`, as large as fits with its
/// proportions kept, standing on the bottom row and centred across.
/// `color` is `None` under `NO_COLOR`: then it is drawn in the terminal's
/// own colour.
pub fn draw(buf: &mut Buffer, area: Rect, what: Picture, color: Option<Color>) {
    if area.width < 2 || area.height < 2 {
        return;
    }
    let (left, right, bottom, top) = world(what.figure);
    let (dots_x, dots_y) = (f64::from(area.width) * 2.0, f64::from(area.height) * 4.0);
    let per_metre = (dots_x / (right - left)).min(dots_y / (top - bottom));
    let (wide, tall) = (dots_x / per_metre, dots_y / per_metre);
    let spare = (wide - (right - left)) / 2.0;
    let (x0, x1) = if what.mirrored {
        (-right - spare, -left + spare)
    } else {
        (left - spare, right + spare)
    };
    let b = body(what.figure, what.pose, what.mirrored);
    let person = color.unwrap_or(Color::Reset);
    let support = color.map_or(Color::Reset, |_| Color::DarkGray);
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([x0, x1])
        .y_bounds([bottom, bottom + tall])
        .paint(|ctx| paint(ctx, &b, person, support))
        .render(area, buf);
}

fn paint(ctx: &mut ratatui::widgets::canvas::Context, b: &Body, person: Color, support: Color) {
    for (a, z) in &b.support {
        ctx.draw(&Line::new(a.x, a.y, z.x, z.y, support));
    }
    // One layer: where the person meets the support, the dots of both show.
    for chain in [&b.leg, &b.spine, &b.front, &b.arm] {
        for pair in chain.windows(2) {
            ctx.draw(&Line::new(
                pair[0].x, pair[0].y, pair[1].x, pair[1].y, person,
            ));
        }
    }
    let (head, radius) = b.head;
    ctx.draw(&Circle {
        x: head.x,
        y: head.y,
        radius,
        color: person,
    });
}

/// The figure as lines of text, `cols` × `rows` cells: for `show --figure`
/// and the tests.
pub fn lines(what: Picture, cols: u16, rows: u16) -> Vec<String> {
    let area = Rect::new(0, 0, cols, rows);
    let mut buf = Buffer::empty(area);
    draw(&mut buf, area, what, None);
    (0..rows)
        .map(|y| {
            (0..cols)
                .map(|x| match buf[(x, y)].symbol() {
                    "\u{2800}" => " ".to_string(),
                    s => s.to_string(),
                })
                .collect::<String>()
        })
        .collect()
}

#[cfg(test)]
mod tests;
