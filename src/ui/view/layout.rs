//! Which parts of the screen fit, and where each one goes.
//!
//! The layout is anchored to the top: the title, the step line, the phase
//! word and the clock sit on rows that depend on the terminal's size, never
//! on the step, so nothing jumps when a step with a longer cue begins. What
//! comes next, the routine bar and the key help sit on the bottom rows.
//!
//! The cue outranks the big digits. As the terminal shrinks, the big digits
//! go first (the time stays on the phase line), then the blank rows around
//! the cue, then the key help, then the routine bar, and only then is the cue
//! cut short; after that the rest goes, down to the phase line.
//!
//! The figure goes before all of them: it stands beside the big digits,
//! right of them, from their top row down to the blank row under the phase
//! bar (the bar is shortened to end before it). It is shown only with a
//! row to spare below everything else and room across, so as the terminal
//! shrinks it is the first thing to go.

use ratatui::layout::Rect;

use super::figure::columns_for;
use crate::figure::Figure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
    Header,
    StepLine,
    Gap,
    PhaseLine,
    Digits,
    PhaseGauge,
    Cue,
    Prompt,
    Next,
    RoutineGauge,
    /// The one line of key help, on the bottom row.
    Footer,
    /// The picture of the movement, beside the big digits.
    Figure,
}

/// What varies in how much room the parts want.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wants {
    /// The big digits' rows and columns at their smallest size.
    pub digit_rows: u16,
    pub digit_width: u16,
    pub cue_rows: u16,
    /// The figure the step shows, when it is to be shown.
    pub figure: Option<Figure>,
}

/// The big digits are shown only when they leave at least this many rows
/// for the cue (and the whole cue, when it is longer). So at any one size
/// they come and go with the terminal, not with the step, unless a step's
/// cue is longer than this.
const CUE_ROOM: u16 = 6;

/// From this height, a blank row separates the step line from the phase
/// line. It depends on the height alone, so the phase line never moves.
const TOP_GAP_FROM: u16 = 12;

/// The digits are drawn `scale` times their size from `scale` times this
/// many columns and rows: twice from 120×40.
const SCALE_FROM: (u16, u16) = (60, 20);

/// The parts that fit in `area`, each with the rectangle it is drawn in,
/// in display order.
pub(super) fn layout(area: Rect, wants: Wants) -> Vec<(PartKind, Rect)> {
    let mut top = vec![(PartKind::Header, 1), (PartKind::StepLine, 1)];
    if area.height >= TOP_GAP_FROM {
        top.push((PartKind::Gap, 1));
    }
    top.push((PartKind::PhaseLine, 1));
    // What to do now sits right under the phase word. Its row is kept even
    // in a phase with nothing to say, so that the clock below never moves.
    top.push((PartKind::Prompt, 1));
    let top_rows: u16 = top.iter().map(|p| p.1).sum();
    // Below the digits: the phase bar, a gap, the cue, a gap;
    // at the bottom: next, the routine bar and the key help.
    let rest = |cue: u16| cue.saturating_add(6);
    let mut scale_shown = 1;
    let digits = (1..=3).rev().find_map(|scale: u16| {
        let big = scale == 1
            || (area.width >= SCALE_FROM.0 * scale && area.height >= SCALE_FROM.1 * scale);
        let rows = wants.digit_rows * scale + 1;
        let fits = wants.digit_rows > 0
            && big
            && wants.digit_width * scale <= area.width
            && (top_rows + rows).saturating_add(rest(wants.cue_rows.max(CUE_ROOM))) <= area.height;
        if fits {
            scale_shown = scale;
        }
        fits.then_some(rows)
    });
    // The figure wants one more row than the digits, so it goes first.
    let figure_fits = digits.is_some_and(|rows| {
        (top_rows + rows).saturating_add(rest(wants.cue_rows.max(CUE_ROOM))) < area.height
    });

    let mut middle = Vec::new();
    if let Some(rows) = digits {
        middle.push(Slot::new(PartKind::Digits, rows - 1, 0));
        middle.push(Slot::new(PartKind::Gap, 1, 0));
    }
    middle.push(Slot::new(PartKind::PhaseGauge, 1, 8));
    middle.push(Slot::new(PartKind::Gap, 1, 1));
    middle.push(Slot::new(PartKind::Cue, wants.cue_rows.max(1), 4));
    middle.push(Slot::new(PartKind::Gap, 1, 1));
    let mut bottom = vec![
        Slot::new(PartKind::Next, 1, 5),
        Slot::new(PartKind::RoutineGauge, 1, 3),
        Slot::new(PartKind::Footer, 1, 2),
    ];
    let mut top: Vec<Slot> = top
        .into_iter()
        .map(|(kind, rows)| {
            let keep = match kind {
                PartKind::Header => 6,
                PartKind::StepLine => 9,
                PartKind::PhaseLine => 10,
                PartKind::Prompt => 7,
                _ => 1,
            };
            Slot::new(kind, rows, keep)
        })
        .collect();
    fit(&mut top, &mut middle, &mut bottom, area.height);

    let mut placed = Vec::new();
    let mut y = area.y;
    for slot in top.iter().chain(&middle) {
        placed.push((slot.kind, Rect::new(area.x, y, area.width, slot.rows)));
        y += slot.rows;
    }
    let bottom_rows: u16 = bottom.iter().map(|s| s.rows).sum();
    let mut y = area.bottom() - bottom_rows;
    for slot in &bottom {
        placed.push((slot.kind, Rect::new(area.x, y, area.width, slot.rows)));
        y += slot.rows;
    }
    placed.retain(|(kind, rect)| *kind != PartKind::Gap && rect.height > 0);
    if let Some(figure) = wants.figure.filter(|_| figure_fits) {
        place_figure(&mut placed, area, figure, scale_shown);
    }
    placed
}

/// The widest the clock gets at scale 1 (`00:00`, five glyphs), so that
/// the figure does not move as the time goes from 10:00 to 9:59.
const WIDEST_CLOCK: u16 = 27;

/// Puts the figure right of the digits, from their top row to the phase
/// bar's, centred in the free columns with at least two to spare each
/// side, and shortens the phase bar to end before it. Leaves everything
/// as it was when there is not the room.
fn place_figure(placed: &mut Vec<(PartKind, Rect)>, area: Rect, figure: Figure, scale: u16) {
    let rect_of = |kind| placed.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r);
    let (Some(digits), Some(gauge)) = (rect_of(PartKind::Digits), rect_of(PartKind::PhaseGauge))
    else {
        return;
    };
    // Down to the blank row under the phase bar, when it is there.
    let bottom = match rect_of(PartKind::Cue) {
        Some(cue) if cue.y > gauge.bottom() => gauge.bottom() + 1,
        _ => gauge.bottom(),
    };
    let rows = bottom.saturating_sub(digits.y);
    let cols = columns_for(figure, rows);
    let clock_end = area.x + (area.width + WIDEST_CLOCK * scale).div_ceil(2);
    let free = area.right().saturating_sub(clock_end);
    if free < cols + 4 {
        return;
    }
    let x = clock_end + (free - cols) / 2;
    for (kind, rect) in placed.iter_mut() {
        if *kind == PartKind::PhaseGauge {
            rect.width = x.saturating_sub(rect.x + 1);
        }
    }
    placed.push((PartKind::Figure, Rect::new(x, digits.y, cols, rows)));
}

/// One part of the screen with how many rows it gets, and how important
/// it is to keep (lower goes first).
#[derive(Debug, Clone, Copy)]
struct Slot {
    kind: PartKind,
    rows: u16,
    keep: u8,
}

impl Slot {
    fn new(kind: PartKind, rows: u16, keep: u8) -> Self {
        Self { kind, rows, keep }
    }
}

/// Drops parts until the rest fit in `height` rows: the blank rows below
/// the phase line first, then the key help and the routine bar; then the
/// cue is cut down to one row; then the least important parts go.
fn fit(top: &mut Vec<Slot>, middle: &mut Vec<Slot>, bottom: &mut Vec<Slot>, height: u16) {
    let over = |t: &[Slot], m: &[Slot], b: &[Slot]| -> u16 {
        let wanted: u32 = t.iter().chain(m).chain(b).map(|s| u32::from(s.rows)).sum();
        u16::try_from(wanted.saturating_sub(u32::from(height))).unwrap_or(u16::MAX)
    };
    // Blank rows, the key help and the routine bar, in this order.
    for kind in [PartKind::Gap, PartKind::Footer, PartKind::RoutineGauge] {
        loop {
            if over(top, middle, bottom) == 0 {
                return;
            }
            if let Some(i) = middle.iter().rposition(|s| s.kind == kind) {
                middle.remove(i);
            } else if let Some(i) = bottom.iter().position(|s| s.kind == kind) {
                bottom.remove(i);
            } else {
                break;
            }
        }
    }
    let excess = over(top, middle, bottom);
    if let Some(cue) = middle.iter_mut().find(|s| s.kind == PartKind::Cue) {
        cue.rows -= excess.min(cue.rows - 1);
    }
    while over(top, middle, bottom) > 0 {
        let least = [&*top, &*middle, &*bottom]
            .into_iter()
            .enumerate()
            .flat_map(|(l, list)| list.iter().enumerate().map(move |(i, s)| (s.keep, l, i)))
            .min();
        match least {
            Some((_, 0, i)) => {
                top.remove(i);
            }
            Some((_, 1, i)) => {
                middle.remove(i);
            }
            Some((_, _, i)) => {
                bottom.remove(i);
            }
            None => return,
        }
    }
}

#[cfg(test)]
mod tests;
