//! The characters mobility draws with besides letters: one set for a
//! terminal that shows UTF-8 and a plain ASCII one for any other (the POSIX
//! locale a cron job gets, a dumb terminal). Chosen once, with
//! [`Glyphs::here`], and handed to whatever draws, so that every screen
//! and line of a run agrees.

use super::{more_with, truncate_with};

/// One week of a calendar, as `history --calendar` and the end screen draw
/// it, Monday first: each day's shade, an index into [`Glyphs::shades`] (0
/// for no completed run to 3 for three or more); `None` after today.
pub type Week = [Option<u8>; 7];

/// A calendar's rows, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// One set of drawing characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    /// Whether this is the Unicode set, which the figure's blocks need too.
    pub unicode: bool,
    /// Between facts on one line: `step 1/2 · One · left`.
    pub sep: &'static str,
    /// A filled cell of the big digits and of the bars.
    pub block: char,
    /// Before a prompt that fired, on the full screen.
    pub prompt: &'static str,
    /// Before a prompt that fired, in plain lines.
    pub arrow: &'static str,
    /// The arrow keys as the help names them: left, right, up, down.
    pub keys: [&'static str; 4],
    /// The end of text cut to fit.
    pub more: &'static str,
    /// A day's shade in a calendar: no completed run, 1, 2, 3 or more.
    pub shades: [char; 4],
    /// Beside today in a calendar.
    pub today: char,
    /// The help box: top left, top right, bottom left, bottom right,
    /// across and down.
    pub border: [&'static str; 6],
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        unicode: true,
        sep: "·",
        block: '█',
        prompt: "▶",
        arrow: "→",
        keys: ["←", "→", "↑", "↓"],
        more: "…",
        shades: ['·', '░', '▒', '█'],
        today: '◂',
        border: ["┌", "┐", "└", "┘", "─", "│"],
    };

    pub const ASCII: Glyphs = Glyphs {
        unicode: false,
        sep: "|",
        block: '#',
        prompt: ">",
        arrow: "->",
        keys: ["Left", "Right", "Up", "Down"],
        more: "...",
        shades: ['.', '-', '+', '#'],
        today: '<',
        border: ["+", "+", "+", "+", "-", "|"],
    };

    /// The Unicode set when `unicode`, else the ASCII one.
    pub fn new(unicode: bool) -> Glyphs {
        if unicode { Self::UNICODE } else { Self::ASCII }
    }

    /// The set this process's locale and terminal can show
    /// ([`super::unicode_here`]).
    pub fn here() -> Glyphs {
        Self::new(super::unicode_here())
    }

    /// [`super::truncate`] ending in this set's [`Glyphs::more`].
    pub fn truncate(self, text: &str, room: usize) -> String {
        truncate_with(text, room, self.more)
    }

    /// [`super::more`] ending in this set's [`Glyphs::more`].
    pub fn more(self, text: &str, room: usize) -> String {
        more_with(text, room, self.more)
    }
}

impl Default for Glyphs {
    fn default() -> Glyphs {
        Glyphs::UNICODE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width;

    #[test]
    fn the_ascii_set_is_ascii_and_each_glyph_as_wide_where_it_must_be() {
        let g = Glyphs::ASCII;
        let mut all: String = [g.sep, g.prompt, g.arrow, g.more].concat();
        all.push_str(&g.keys.concat());
        all.push_str(&g.border.concat());
        all.extend(g.shades);
        all.extend([g.block, g.today]);
        assert!(all.is_ascii(), "{all}");
        // Cells of the grids keep their one column.
        for (a, u) in g.shades.iter().zip(Glyphs::UNICODE.shades) {
            assert_eq!(width(&a.to_string()), width(&u.to_string()));
        }
    }

    #[test]
    fn cut_text_ends_in_dots_and_keeps_to_its_room() {
        let g = Glyphs::ASCII;
        assert_eq!(g.truncate("Wall thoracic flexion", 10), "Wall th...");
        assert_eq!(g.truncate("Wall", 10), "Wall");
        assert_eq!(g.more("Roll up slowly", 20), "Roll up slowly ...");
        for room in 0..25 {
            let cut = g.truncate("Wall thoracic flexion", room);
            assert!(width(&cut) <= room, "{room}: {cut:?}");
            assert!(width(&g.more("Roll up slowly", room)) <= room, "{room}");
        }
        assert_eq!(Glyphs::UNICODE.truncate("Wall thoracic", 6), "Wall…");
    }
}
