//! Which parts of the screen fit, and where each one goes.
//!
//! The layout is anchored to the top: the title, the step line, the phase
//! word and the clock sit on rows that depend on the terminal's size, never
//! on the step, so nothing jumps when a step with a longer cue begins. What
//! comes next, the routine bar and the key help sit on the bottom rows.
//!
//! A blank row keeps the highlighted line (what to do now) apart from the
//! big digits under it, which share its colour. The digits grow with the
//! terminal: twice as wide and seven rows tall from 100×30, twice the size
//! from 120×40, three times from 180×60.
//!
//! The cue outranks the big digits. As the terminal shrinks, the big digits
//! go first (the time stays on the phase line), then the blank rows around
//! the cue, then the key help, then the routine bar, and only then is the cue
//! cut short; after that the rest goes, down to the phase line.
//!
//! The figure goes before all of them: it stands right of the big digits
//! from their top row down, as tall as the screen lets it: down to the row
//! above what comes next, with the phase bar and the cue ending before it,
//! when the cue so narrowed still fits; else down to the blank row under
//! the phase bar. It is shown only with every blank row there and room
//! across, so as the terminal shrinks it is the first thing to go.

use ratatui::layout::Rect;

use super::digits::Size;
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
#[derive(Clone, Copy)]
pub(super) struct Wants<'a> {
    /// The big digits' rows and columns at their smallest size.
    pub digit_rows: u16,
    pub digit_width: u16,
    /// How many rows the cue takes in a part this many columns wide.
    pub cue_rows: &'a dyn Fn(u16) -> u16,
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

/// The smallest terminal, columns and rows, at which the digits are drawn
/// at each size larger than the font's own. [`Size::Tall`] from 100×30
/// uses the rows a 100×32 screen had empty, and leaves the figure beside
/// it the columns it needs (the clock is no wider than at twice the size).
fn size_from(size: Size) -> (u16, u16) {
    match size {
        Size::One => (0, 0),
        Size::Tall => (100, 30),
        Size::Two => (120, 40),
        Size::Three => (180, 60),
    }
}

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
    let cue_full = (wants.cue_rows)(area.width);
    // The rows everything wants with the digits `rows` tall and a cue of
    // `cue` rows: a blank row above the digits (so the highlighted line
    // above does not run into them) and one below, the phase bar, a gap,
    // the cue, a gap; at the bottom, next, the routine bar and the key help.
    let wanted =
        |rows: u16, cue: u16| (top_rows + rows).saturating_add(cue.max(CUE_ROOM).saturating_add(8));
    // The digits may take the gap under the cue: it is the first part to
    // go, and the figure wants it.
    let digits = Size::ALL.into_iter().rev().find(|&size| {
        let (w, h) = size_from(size);
        wants.digit_rows > 0
            && area.width >= w
            && area.height >= h
            && wants.digit_width * size.across() <= area.width
            && wanted(size.rows(wants.digit_rows), cue_full) <= area.height + 1
    });

    let mut middle = Vec::new();
    if let Some(size) = digits {
        middle.push(Slot::new(PartKind::Gap, 1, 0));
        middle.push(Slot::new(PartKind::Digits, size.rows(wants.digit_rows), 0));
        middle.push(Slot::new(PartKind::Gap, 1, 0));
    }
    middle.push(Slot::new(PartKind::PhaseGauge, 1, 8));
    middle.push(Slot::new(PartKind::Gap, 1, 1));
    middle.push(Slot::new(PartKind::Cue, cue_full.max(1), 4));
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
    // The figure stands beside the digits, first down to above what comes
    // next with the cue narrowed beside it, else down to the phase bar.
    let figure = match (wants.figure, digits) {
        (Some(figure), Some(size)) => {
            let rows = size.rows(wants.digit_rows);
            let tall = beside(
                area,
                figure,
                size,
                top_rows + 1,
                area.height.saturating_sub(4),
            )
            .filter(|f| {
                let cue = (wants.cue_rows)(f.x.saturating_sub(area.x + 1));
                wanted(rows, cue) <= area.height
            });
            let short = || {
                let bottom = top_rows + 1 + rows + 3;
                (wanted(rows, cue_full) <= area.height)
                    .then(|| beside(area, figure, size, top_rows + 1, bottom))
                    .flatten()
            };
            tall.map(|f| (f, true))
                .or_else(|| short().map(|f| (f, false)))
        }
        _ => None,
    };
    if let Some((f, true)) = figure
        && let Some(cue) = middle.iter_mut().find(|s| s.kind == PartKind::Cue)
    {
        cue.rows = (wants.cue_rows)(f.x.saturating_sub(area.x + 1)).max(1);
    }
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
    if let Some((f, tall)) = figure {
        // The phase bar, and beside a tall figure the cue, end before it.
        for (kind, rect) in placed.iter_mut() {
            if *kind == PartKind::PhaseGauge || (tall && *kind == PartKind::Cue) {
                rect.width = f.x.saturating_sub(rect.x + 1);
            }
        }
        placed.push((PartKind::Figure, f));
    }
    placed
}

/// The widest the clock gets at the font's size (`00:00`, five glyphs), so
/// that the figure does not move as the time goes from 10:00 to 9:59.
const WIDEST_CLOCK: u16 = 27;

/// Where the figure goes from row `from` down to row `to` (not included):
/// right of the widest clock at `size`, centred in the free columns with
/// at least two to spare each side; `None` when there is not the room.
fn beside(area: Rect, figure: Figure, size: Size, from: u16, to: u16) -> Option<Rect> {
    let rows = to.checked_sub(from).filter(|&r| r >= 2)?;
    let cols = columns_for(figure, rows);
    let clock_end = area.x + (area.width + WIDEST_CLOCK * size.across()).div_ceil(2);
    let free = area.right().saturating_sub(clock_end);
    (free >= cols + 4).then(|| Rect::new(clock_end + (free - cols) / 2, area.y + from, cols, rows))
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
