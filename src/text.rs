//! Text measured the way a terminal shows it: by display width, so that
//! wide characters are counted as the two columns they take.

use ratatui::text::Span;

/// How many columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// `text` cut to at most `room` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, room: usize) -> String {
    if width(text) <= room {
        text.to_string()
    } else {
        more(text, room)
    }
}

/// `text` in at most `room` columns and ending in `…`, to say there is
/// more than is shown.
pub fn more(text: &str, room: usize) -> String {
    let text = text.trim_end();
    if width(text) + 2 <= room {
        return format!("{text} …");
    }
    let mut out = take_width(text, room.saturating_sub(1))
        .trim_end()
        .to_string();
    if room > 0 {
        out.push('…');
    }
    out
}

/// The longest start of `text` that fits in `room` columns.
pub fn take_width(text: &str, room: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            return &text[..i];
        }
    }
    text
}

/// `text` word-wrapped to `room` columns, keeping its own line breaks.
/// Words longer than a row are broken; control characters are dropped.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut rows = Vec::new();
    for line in text.trim().lines() {
        let mut row = String::new();
        for word in line.split_whitespace() {
            let mut word: String = word.chars().filter(|c| !c.is_control()).collect();
            if word.is_empty() {
                continue;
            }
            if !row.is_empty() && width(&row) + 1 + width(&word) <= room {
                row.push(' ');
                row.push_str(&word);
                continue;
            }
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            while width(&word) > room && word.chars().nth(1).is_some() {
                // At least one character a row, even one wider than the row.
                let head = take_width(&word, room);
                let cut = if head.is_empty() {
                    word.chars().next().map_or(0, char::len_utf8)
                } else {
                    head.len()
                };
                rows.push(word[..cut].to_string());
                word.drain(..cut);
            }
            row = word;
        }
        rows.push(row);
    }
    rows
}
