//! The time left in large block digits.

/// The time in large digits five rows tall, each cell a `block` (`█`, or
/// `#` in ASCII).
pub(super) fn big_digits(text: &str, block: char) -> Vec<String> {
    const FONT: [[&str; 5]; 11] = [
        ["█████", "█   █", "█   █", "█   █", "█████"],
        ["   █ ", "  ██ ", "   █ ", "   █ ", "  ███"],
        ["█████", "    █", "█████", "█    ", "█████"],
        ["█████", "    █", " ████", "    █", "█████"],
        ["█   █", "█   █", "█████", "    █", "    █"],
        ["█████", "█    ", "█████", "    █", "█████"],
        ["█████", "█    ", "█████", "█   █", "█████"],
        ["█████", "    █", "   █ ", "  █  ", "  █  "],
        ["█████", "█   █", "█████", "█   █", "█████"],
        ["█████", "█   █", "█████", "    █", "█████"],
        ["   ", " █ ", "   ", " █ ", "   "],
    ];
    let glyphs: Vec<&[&str; 5]> = text
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(&FONT[c as usize - '0' as usize]),
            ':' => Some(&FONT[10]),
            _ => None,
        })
        .collect();
    (0..5)
        .map(|row| {
            let row = glyphs.iter().map(|g| g[row]).collect::<Vec<_>>().join(" ");
            row.replace('█', block.encode_utf8(&mut [0; 4]))
        })
        .collect()
}

/// How large the big digits are drawn, from the font's own size up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Size {
    /// As the font is: five rows.
    One,
    /// Twice as wide, and half as tall again: the font's two rows between
    /// its bars drawn twice, so seven rows. Each stroke is then as thick
    /// across as down (a cell is about twice as tall as it is wide).
    Tall,
    /// Twice as large each way.
    Two,
    /// Three times as large each way.
    Three,
}

impl Size {
    /// From the smallest up.
    pub(super) const ALL: [Size; 4] = [Size::One, Size::Tall, Size::Two, Size::Three];

    /// How many times wider than the font.
    pub(super) fn across(self) -> u16 {
        match self {
            Size::One => 1,
            Size::Tall | Size::Two => 2,
            Size::Three => 3,
        }
    }

    /// The rows of a font `rows` tall at this size.
    pub(super) fn rows(self, rows: u16) -> u16 {
        match self {
            Size::One => rows,
            Size::Tall => rows + rows / 2,
            Size::Two => rows * 2,
            Size::Three => rows * 3,
        }
    }

    /// The size at which a font `rows` tall takes `shown` rows.
    pub(super) fn for_rows(rows: u16, shown: u16) -> Size {
        Size::ALL
            .into_iter()
            .find(|s| s.rows(rows) == shown)
            .unwrap_or(Size::One)
    }
}

/// `rows` drawn at `size`: each cell repeated across, and each row
/// repeated down (for [`Size::Tall`], only the rows between the bars).
pub(super) fn sized(rows: &[String], size: Size) -> Vec<String> {
    let across = usize::from(size.across());
    rows.iter()
        .enumerate()
        .flat_map(|(i, row)| {
            let wide: String = row
                .chars()
                .flat_map(|c| std::iter::repeat_n(c, across))
                .collect();
            let down = match size {
                Size::One => 1,
                Size::Tall => 1 + i % 2,
                Size::Two => 2,
                Size::Three => 3,
            };
            std::iter::repeat_n(wide, down)
        })
        .collect()
}
