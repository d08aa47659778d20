//! The time left in large block digits.

/// The time in large block digits, five rows tall.
pub(super) fn big_digits(text: &str) -> Vec<String> {
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
        .map(|row| glyphs.iter().map(|g| g[row]).collect::<Vec<_>>().join(" "))
        .collect()
}
