//! A grid of dots to draw the figure on, and its dots as characters.
//!
//! ratatui's canvas draws lines one dot wide, which from a step away is a
//! faint scratch. Here every stroke is drawn with a square brush at least
//! two dots across, the trunk is filled, and each dot remembers which
//! layer it belongs to (the support, the upright ghost, the body), so that
//! a cell can take the style of the strongest layer in it.

use crate::figure::Point;

/// What a dot belongs to, weakest first: a cell takes the style of the
/// strongest layer among its dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Layer {
    Empty,
    /// The wall and floor, or the chair: thin and dim.
    Support,
    /// The upright outline shown behind a move: thin and dim.
    Ghost,
    /// The person.
    Body,
}

/// Dots across and down in one cell: quadrant blocks.
pub(super) const PER_CELL: (usize, usize) = (2, 2);

/// The quadrant block for one cell's dots, `on(x, y)` for each; `None`
/// when none is on.
fn glyph(on: impl Fn(usize, usize) -> bool) -> Option<char> {
    // Bit 0 the top left, 1 the top right, 2 the bottom left, 3 the bottom
    // right.
    const QUADRANTS: [char; 16] = [
        ' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█',
    ];
    let bits = [(0, 0), (1, 0), (0, 1), (1, 1)]
        .iter()
        .enumerate()
        .filter(|(_, (x, y))| on(*x, *y))
        .fold(0, |acc, (i, _)| acc | 1 << i);
    (bits != 0).then(|| QUADRANTS[bits])
}

/// The dots of an area `cols` × `rows` cells, and how the world's metres
/// map onto them.
pub(super) struct Raster {
    /// Dots across and down.
    pub width: usize,
    pub height: usize,
    layers: Vec<Layer>,
    /// The world's left edge and top, in metres.
    origin: Point,
    /// Dots per metre, across and down.
    scale: (f64, f64),
}

impl Raster {
    /// An empty grid for `cols` × `rows` cells showing the world from
    /// `origin` (its left edge and top) at `per_metre` cell widths a metre.
    /// A cell is taken as twice as tall as it is wide.
    pub(super) fn new(cols: u16, rows: u16, origin: Point, per_metre: f64) -> Self {
        let (across, down) = PER_CELL;
        let (width, height) = (usize::from(cols) * across, usize::from(rows) * down);
        Raster {
            width,
            height,
            layers: vec![Layer::Empty; width * height],
            origin,
            // A metre is `per_metre` cells across and half that down.
            scale: (per_metre * across as f64, per_metre / 2.0 * down as f64),
        }
    }

    /// How many dots a length of `metres` is, across.
    pub(super) fn dots_for(&self, metres: f64) -> f64 {
        metres * self.scale.0
    }

    /// A point in dots (fractional), from metres.
    fn to_dots(&self, q: Point) -> (f64, f64) {
        (
            (q.x - self.origin.x) * self.scale.0,
            (self.origin.y - q.y) * self.scale.1,
        )
    }

    /// The layer of the dot at `(x, y)`, `Empty` outside the grid.
    pub(super) fn at(&self, x: usize, y: usize) -> Layer {
        if x < self.width && y < self.height {
            self.layers[y * self.width + x]
        } else {
            Layer::Empty
        }
    }

    fn set(&mut self, x: i64, y: i64, layer: Layer) {
        if (0..self.width as i64).contains(&x) && (0..self.height as i64).contains(&y) {
            let dot = &mut self.layers[y as usize * self.width + x as usize];
            *dot = (*dot).max(layer);
        }
    }

    /// A line from `a` to `b` drawn with a square brush `brush` dots
    /// across, so that every dot it sets lies in a square of that many.
    pub(super) fn stroke(&mut self, a: Point, b: Point, brush: usize, layer: Layer) {
        self.along(a, b, brush, |r, x, y| r.set(x, y, layer));
    }

    fn along(
        &mut self,
        a: Point,
        b: Point,
        brush: usize,
        mut put: impl FnMut(&mut Self, i64, i64),
    ) {
        let (ax, ay) = self.to_dots(a);
        let (bx, by) = self.to_dots(b);
        // Steps of half a dot at most, so that no dot is skipped.
        let steps = ((bx - ax).abs().max((by - ay).abs()) * 2.0).ceil().max(1.0) as usize;
        let half = brush as f64 / 2.0;
        let mut last = None;
        for i in 0..=steps {
            let t = i as f64 / steps as f64;
            let (x, y) = (ax + (bx - ax) * t, ay + (by - ay) * t);
            // The brush's top-left dot: the brush centred on the point.
            let corner = ((x - half).round() as i64, (y - half).round() as i64);
            if last == Some(corner) {
                continue;
            }
            last = Some(corner);
            for dy in 0..brush as i64 {
                for dx in 0..brush as i64 {
                    put(self, corner.0 + dx, corner.1 + dy);
                }
            }
        }
    }

    /// The inside of the closed outline `outline`, filled with a square
    /// brush two dots across wherever the brush's centre is inside, so
    /// that even a thin part is two dots wide.
    pub(super) fn fill(&mut self, outline: &[Point], layer: Layer) {
        let points: Vec<(f64, f64)> = outline.iter().map(|&q| self.to_dots(q)).collect();
        let (top, bottom) = points
            .iter()
            .fold((f64::MAX, f64::MIN), |(t, b), p| (t.min(p.1), b.max(p.1)));
        for y in (top.floor() as i64 - 1)..=(bottom.ceil() as i64) {
            // The brush's centre is the corner its four dots share.
            let cy = y as f64 + 1.0;
            // Where each edge crosses that row, left to right.
            let mut crossings: Vec<f64> = points
                .iter()
                .zip(points.iter().cycle().skip(1))
                .filter(|(p, q)| (p.1 <= cy) != (q.1 <= cy))
                .map(|(p, q)| p.0 + (cy - p.1) / (q.1 - p.1) * (q.0 - p.0))
                .collect();
            crossings.sort_by(f64::total_cmp);
            for pair in crossings.chunks_exact(2) {
                for x in (pair[0] - 1.0).ceil() as i64..=(pair[1] - 1.0).floor() as i64 {
                    self.square(x, y, layer);
                }
            }
        }
        for (a, b) in outline.iter().zip(outline.iter().cycle().skip(1)) {
            self.stroke(*a, *b, 2, layer);
        }
    }

    /// Two by two dots from `(x, y)`.
    fn square(&mut self, x: i64, y: i64, layer: Layer) {
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            self.set(x + dx, y + dy, layer);
        }
    }

    /// A solid disc: two by two dots wherever their centre is inside, and
    /// at least that much.
    pub(super) fn disc(&mut self, centre: Point, radius: f64, layer: Layer) {
        let (cx, cy) = self.to_dots(centre);
        let (rx, ry) = (self.dots_for(radius), radius * self.scale.1);
        for y in (cy - ry).floor() as i64 - 1..=(cy + ry).ceil() as i64 {
            for x in (cx - rx).floor() as i64 - 1..=(cx + rx).ceil() as i64 {
                let (dx, dy) = ((x as f64 + 1.0 - cx) / rx, (y as f64 + 1.0 - cy) / ry);
                if dx * dx + dy * dy <= 1.0 {
                    self.square(x, y, layer);
                }
            }
        }
        self.stroke(centre, centre, 2, layer);
    }

    /// A circle's outline, `brush` dots wide.
    pub(super) fn ring(&mut self, centre: Point, radius: f64, brush: usize, layer: Layer) {
        const SIDES: usize = 24;
        let at = |i: usize| {
            let a = i as f64 * std::f64::consts::TAU / SIDES as f64;
            Point {
                x: centre.x + radius * a.cos(),
                y: centre.y + radius * a.sin(),
            }
        };
        for i in 0..SIDES {
            self.stroke(at(i), at(i + 1), brush, layer);
        }
    }

    /// Each cell's character and strongest layer, row by row; `None` for
    /// an empty cell. A cell with the body in it shows the body's dots
    /// alone: the body is in front of the floor and of the ghost.
    pub(super) fn cells(&self) -> Vec<Vec<Option<(char, Layer)>>> {
        let (across, down) = PER_CELL;
        (0..self.height / down)
            .map(|row| {
                (0..self.width / across)
                    .map(|col| {
                        let at = |x: usize, y: usize| self.at(col * across + x, row * down + y);
                        let strongest = (0..down)
                            .flat_map(|y| (0..across).map(move |x| (x, y)))
                            .map(|(x, y)| at(x, y))
                            .max()
                            .unwrap_or(Layer::Empty);
                        let shown = |l: Layer| match strongest {
                            Layer::Body => l == Layer::Body,
                            _ => l != Layer::Empty,
                        };
                        glyph(|x, y| shown(at(x, y))).map(|c| (c, strongest))
                    })
                    .collect()
            })
            .collect()
    }
}
