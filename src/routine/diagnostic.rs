//! Problems in a file, told with their position, and the helpers that keep
//! every message short and free of anything that could drive a terminal.
//! Routine files and the config file share them.

use std::fmt;

/// How much of a user's value an error message may quote.
const QUOTE_CHARS: usize = 40;

/// One problem, at a 1-based line and column (in characters), or at no
/// position (`line == 0`) when it concerns the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Everything wrong with one routine file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file as the user named it.
    pub origin: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// How many problems in one file are printed before the rest are counted.
pub const MAX_SHOWN: usize = 10;

impl fmt::Display for ParseError {
    /// One line per problem, at most [`MAX_SHOWN`] of them, so that output
    /// stays short however broken the file is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            if d.line == 0 {
                write!(f, "{}: {}", self.origin, d.message)?;
            } else {
                write!(f, "{}:{}:{}: {}", self.origin, d.line, d.column, d.message)?;
            }
        }
        if let Some(more) = self
            .diagnostics
            .len()
            .checked_sub(MAX_SHOWN)
            .filter(|n| *n > 0)
        {
            write!(f, "\n{}: … and {more} more problems", self.origin)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Converts a byte offset into a 1-based line and character column.
pub fn position(src: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Quotes a user's value for a message: short, and with every control or
/// invisible formatting character spelled out, so that nothing from a file
/// can drive the terminal the message is printed on.
pub fn quote(value: &str) -> String {
    format!("`{}`", escape_short(value, QUOTE_CHARS))
}

/// Spells out control and bidi characters (as `\u{1b}`) and keeps the
/// result to at most `max` characters, marking a cut with `…`. The limit is
/// on what is printed, so a string of escapes cannot grow past it.
pub fn escape_short(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let piece: String = if is_forbidden(c) || c == '\n' || c == '\t' {
            c.escape_default().collect()
        } else {
            c.to_string()
        };
        let len = piece.chars().count();
        if used + len > max {
            out.push('…');
            break;
        }
        out.push_str(&piece);
        used += len;
    }
    out
}

/// Characters no text in a routine may contain: controls other than
/// newline and tab (C0, DEL and C1), and the bidirectional overrides and
/// isolates that can make text display differently from what it is.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Words an unknown-key or wrong-type error from serde our way, naming the
/// key and, for a typo, the nearest known key. `place` is appended to the
/// key, as in "`hold` in step 2". Other errors give `None`.
pub(crate) fn key_message(
    src: &str,
    e: &toml::de::Error,
    place: &str,
    known: &[&str],
) -> Option<String> {
    let raw = e.message().trim();
    let offset = e.span().map_or(0, |s| s.start);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let key = between_backticks(rest).unwrap_or_default();
        let hint = match closest(key, known) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!(
                "the keys here are {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Some(format!("unknown key {}{place}; {hint}", quote(key)));
    }
    let rest = raw.strip_prefix("invalid type: ")?;
    // serde says "integer `3`, expected a string"; name the key too.
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another type"));
    let found = found.split(' ').next().unwrap_or(found);
    let expected = match expected {
        "a string" => "text in quotes",
        "a sequence" => "a list, like `[\"a\", \"b\"]`",
        "a boolean" => "`true` or `false`",
        other => other,
    };
    Some(match key_before(src, offset) {
        Some(key) => format!(
            "`{key}`{place} should be {expected}, not {}",
            article(found)
        ),
        None => format!("expected {expected}{place}, found {}", article(found)),
    })
}

/// The key written before a value at `offset`, on the same line.
fn key_before(src: &str, offset: usize) -> Option<String> {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let key = src[line_start..offset].trim().strip_suffix('=')?.trim();
    let key = key.trim_matches('"');
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

fn article(noun: &str) -> String {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}

pub(crate) fn between_backticks(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// Removes anything that could reach a terminal raw from a message that
/// quotes the input.
pub(crate) fn sanitize(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(160)
        .map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c })
        .collect();
    if s.chars().nth(160).is_some() {
        out.push('…');
    }
    out
}

/// The known name closest to `input`, if any is close enough to be a typo.
pub fn closest<'a>(input: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(input, k), *k))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
