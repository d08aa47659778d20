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

/// `rows` drawn `scale` times as large: each cell repeated `scale` times
/// across and each row `scale` times down.
pub(super) fn scaled(rows: &[String], scale: usize) -> Vec<String> {
    rows.iter()
        .flat_map(|row| {
            let wide: String = row
                .chars()
                .flat_map(|c| std::iter::repeat_n(c, scale))
                .collect();
            std::iter::repeat_n(wide, scale)
        })
        .collect()
}
