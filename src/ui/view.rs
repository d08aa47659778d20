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
use digits::{big_digits, scaled};
pub use end::{END_WEEKS, EndView, render_end};
use layout::{Wants, layout};

/// Draws the model into the frame. Never panics, at any size.
pub fn render(frame: &mut Frame, model: &Model) {
    draw(frame, model);
}

/// [`render`], saying whether the figure was drawn: it is left out when
/// there is not the room for it.
pub fn draw(frame: &mut Frame, model: &Model) -> bool {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return false;
    }
    let digits = big_digits(&clock_secs(model.remaining_secs), model.glyphs.block);
    let cue = wrap(model.cue, inset(area).width as usize);
    let wants = Wants {
        digit_rows: digits.len() as u16,
        digit_width: digits.first().map_or(0, |l| width(l)) as u16,
        cue_rows: u16::try_from(cue.len()).unwrap_or(u16::MAX).max(1),
        figure: model.picture.map(|p| p.figure),
    };
    let placed = layout(area, wants);
    // The layout chose the digits' size: twice as tall is twice as wide.
    let digit_rows = placed
        .iter()
        .find(|(kind, _)| *kind == layout::PartKind::Digits)
        .map(|(_, rect)| rect.height);
    let digits = match digit_rows {
        Some(rows) if !digits.is_empty() && rows as usize > digits.len() => {
            scaled(&digits, rows as usize / digits.len())
        }
        _ => digits,
    };
    let shown = Shown {
        digits: &digits,
        show_digits: digit_rows.is_some(),
        cue: &cue,
    };
    let mut figure_drawn = false;
    for (kind, rect) in placed {
        figure_drawn |= kind == layout::PartKind::Figure;
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
