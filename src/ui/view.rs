//! A pure render of a run's state into a ratatui frame.
//!
//! The view reads a [`Model`], never the engine or the keyboard, so it can
//! be tested at any size with ratatui's `TestBackend`. The layout decides
//! which parts fit, the parts draw themselves, and the keys on screen come
//! from the key map.

mod digits;
mod end;
pub mod figure;
mod help;
mod layout;
mod parts;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

pub use super::model::{Flags, Model, Picture, ScreenPhase};
use crate::text::{clock, width, wrap};
use digits::{Size, big_digits, sized};
pub use end::{END_WEEKS, EndView, Question, render_before, render_end};
use layout::{Wants, layout};

/// Draws the model into the frame. Never panics, at any size.
pub fn render(frame: &mut Frame, model: &Model) {
    draw(frame, model);
}

/// [`render`], saying where the figure was drawn: it is left out when
/// there is not the room for it.
pub fn draw(frame: &mut Frame, model: &Model) -> Option<Rect> {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let digits = big_digits(&clock_secs(model.remaining_secs), model.glyphs.block);
    // The cue as wrapped in a part `cols` wide (inside its margins).
    let cue_in = |cols: u16| wrap(model.cue, inset(Rect::new(0, 0, cols, 1)).width as usize);
    let cue_rows = |cols: u16| u16::try_from(cue_in(cols).len()).unwrap_or(u16::MAX).max(1);
    let wants = Wants {
        digit_rows: digits.len() as u16,
        digit_width: digits.first().map_or(0, |l| width(l)) as u16,
        cue_rows: &cue_rows,
        figure: model.picture.map(|p| p.figure),
    };
    let placed = layout(area, wants);
    let rect_of = |kind| placed.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r);
    // The layout chose the digits' size by the rows it gave them.
    let digit_rows = rect_of(layout::PartKind::Digits).map(|rect| rect.height);
    let digits = match digit_rows {
        Some(rows) if !digits.is_empty() => {
            sized(&digits, Size::for_rows(digits.len() as u16, rows))
        }
        _ => digits,
    };
    let cue = cue_in(rect_of(layout::PartKind::Cue).map_or(area.width, |r| r.width));
    let shown = Shown {
        digits: &digits,
        show_digits: digit_rows.is_some(),
        cue: &cue,
    };
    let mut figure_drawn = None;
    for (kind, rect) in placed {
        if kind == layout::PartKind::Figure && model.picture.is_some() {
            figure_drawn = Some(rect);
        }
        parts::draw_part(frame, rect, kind, model, &shown);
    }
    if model.help {
        help::draw_help(frame, area, model.color, model.glyphs);
    }
    figure_drawn
}

/// One colour per kind of phase, so that a glance tells them apart: a
/// move cyan, a hold yellow, a rest green, a countdown (get ready, switch
/// sides) magenta. (PAUSED is red.) Without colour the words do it.
fn phase_color(phase: ScreenPhase) -> Color {
    match phase {
        ScreenPhase::Move => Color::Cyan,
        ScreenPhase::Hold => Color::Yellow,
        ScreenPhase::Rest | ScreenPhase::Done => Color::Green,
        ScreenPhase::GetReady | ScreenPhase::SwitchSides => Color::Magenta,
    }
}

/// `style` with colour on, the terminal's own style with it off.
fn style(on: bool, style: Style) -> Style {
    if on { style } else { Style::default() }
}

/// What `render` worked out once for the whole screen.
struct Shown<'a> {
    digits: &'a [String],
    show_digits: bool,
    /// The cue, wrapped to the width it is drawn at.
    cue: &'a [String],
}

/// One column of margin each side, when there is room for it.
fn inset(rect: Rect) -> Rect {
    if rect.width > 10 {
        Rect::new(rect.x + 1, rect.y, rect.width - 2, rect.height)
    } else {
        rect
    }
}

fn clock_secs(secs: u64) -> String {
    clock(std::time::Duration::from_secs(secs))
}

#[cfg(test)]
mod tests;
