//! Text for people and terminals: display width, wrapping, clocks, plurals,
//! and the one escape that every piece of untrusted text goes through
//! before it reaches a terminal, a notification or another program.
//!
//! A leaf: nothing here imports from the rest of the crate.

use std::path::Path;
use std::time::Duration;

use unicode_width::UnicodeWidthStr;

mod glyphs;
pub use glyphs::{Glyphs, WEEKDAYS, Week};

/// How much of a user's value an error message may quote, in characters.
pub const QUOTE_CHARS: usize = 40;

/// How much of a path a message may show, in characters. Long enough for
/// any ordinary path, short enough that a hostile one can't flood a screen.
pub const PATH_CHARS: usize = 160;

/// How many columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `room` columns, ending in `…` when it was cut.
pub fn truncate(text: &str, room: usize) -> String {
    truncate_with(text, room, "…")
}

/// [`truncate`] with another end than `…`, such as ASCII's `...`.
pub fn truncate_with(text: &str, room: usize, marker: &str) -> String {
    if width(text) <= room {
        text.to_string()
    } else {
        more_with(text, room, marker)
    }
}

/// `text` in at most `room` columns and ending in `…`, to say there is
/// more than is shown.
pub fn more(text: &str, room: usize) -> String {
    more_with(text, room, "…")
}

/// [`more`] with another end than `…`. A room too small for the whole
/// marker gets as much of it as fits.
pub fn more_with(text: &str, room: usize, marker: &str) -> String {
    let text = text.trim_end();
    if width(text) + 1 + width(marker) <= room {
        return format!("{text} {marker}");
    }
    let marker = take_width(marker, room);
    let mut out = take_width(text, room - width(marker))
        .trim_end()
        .to_string();
    out.push_str(marker);
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

/// `text` as paragraphs word-wrapped to `room` columns. The lines of a
/// paragraph are joined, as a file's line breaks are only where its author's
/// editor wrapped; a blank line separates paragraphs and stays one empty
/// row. Words longer than a row are broken; control characters are dropped.
pub fn wrap(text: &str, room: usize) -> Vec<String> {
    let room = room.max(1);
    let mut rows = Vec::new();
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.trim().lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    paragraphs.push(current);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            rows.push(String::new());
        }
        let mut row = String::new();
        for word in paragraph.split_whitespace() {
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

/// A duration as `m:ss` (or `h:mm:ss` past an hour), rounded down to whole
/// seconds.
pub fn clock(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration the way routine files write it: `5s`, `1m 30s`, `500ms`.
pub fn human(d: Duration) -> String {
    humantime::format_duration(d).to_string()
}

/// A 64-bit FNV-1a hash of `bytes`: the same on every machine and every
/// version, unlike std's hasher, for names that must stay put (a run's
/// calendar UID, a voice clip's file).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `n` and the noun, in the plural unless `n` is 1: "1 step", "3 steps".
pub fn plural(n: u64, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// Characters that untrusted text may never carry to a terminal: controls
/// other than newline and tab (C0, DEL and C1), and the bidirectional
/// overrides and isolates that make text display differently from what it
/// is.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The one escape for untrusted text. Control characters (newline and tab
/// included) and bidi controls are spelled out as `\u{1b}`, and the result
/// holds at most `max` characters, ending in `…` when it was cut. The limit
/// is on what is printed, so a string of escapes cannot grow past it.
pub fn escape(text: &str, max: usize) -> String {
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

/// A user's value quoted for a message: escaped, short, in backticks.
pub fn quote(value: &str) -> String {
    format!("`{}`", escape(value, QUOTE_CHARS))
}

/// A number from a user's file for a message, within the same cap as
/// [`quote`]: as written in full when that is short (`0.25`, `12`), else
/// in scientific notation (`1e308`, `-1e-300`), which always is.
pub fn number(n: f64) -> String {
    let full = n.to_string();
    if full.chars().count() <= QUOTE_CHARS {
        full
    } else {
        format!("{n:e}")
    }
}

/// A path for a message: escaped and capped, but an ordinary path comes
/// out exactly as it is, so that it can be copied and pasted. Bytes that
/// are not UTF-8 show as U+FFFD.
pub fn path(p: &Path) -> String {
    escape(&p.to_string_lossy(), PATH_CHARS)
}

/// Whether `TERM` names a terminal that can do nothing but print lines:
/// no colour, no cursor movement, no alternate screen, no Unicode.
pub fn is_dumb(term: Option<&std::ffi::OsStr>) -> bool {
    term.is_some_and(|t| t == "dumb")
}

/// Whether the terminal can be trusted with more than ASCII: the locale
/// says UTF-8 and the terminal is not a dumb one. The locale is the first
/// of `LC_ALL`, `LC_CTYPE` and `LANG` that is set and not empty, as the C
/// library decides it; none at all is the POSIX locale, which is ASCII.
/// Pure, so that every caller decides the same way: pass the variables.
pub fn unicode_ok(
    term: Option<&std::ffi::OsStr>,
    lc_all: Option<&std::ffi::OsStr>,
    lc_ctype: Option<&std::ffi::OsStr>,
    lang: Option<&std::ffi::OsStr>,
) -> bool {
    if is_dumb(term) {
        return false;
    }
    let locale = [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty());
    locale.is_some_and(|v| {
        let v = v.to_string_lossy().to_ascii_lowercase();
        v.contains("utf-8") || v.contains("utf8")
    })
}

/// [`unicode_ok`] for this process's environment.
pub fn unicode_here() -> bool {
    let var = std::env::var_os;
    unicode_ok(
        var("TERM").as_deref(),
        var("LC_ALL").as_deref(),
        var("LC_CTYPE").as_deref(),
        var("LANG").as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stable_hash_is_fnv1a_64() {
        // The published FNV-1a test vectors: the offset basis, and "a".
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn unicode_needs_a_utf8_locale_and_a_terminal_that_is_not_dumb() {
        use std::ffi::OsStr;
        let s = |v: &'static str| Some(OsStr::new(v));
        assert!(unicode_ok(None, None, None, s("en_GB.UTF-8")));
        assert!(unicode_ok(s("xterm"), None, s("C.utf8"), s("C")));
        // LC_ALL wins over the others; an empty one is skipped.
        assert!(!unicode_ok(
            None,
            s("C"),
            s("en_US.UTF-8"),
            s("en_US.UTF-8")
        ));
        assert!(unicode_ok(None, s(""), None, s("de_DE.UTF-8")));
        // No locale at all is POSIX: ASCII.
        assert!(!unicode_ok(None, None, None, None));
        assert!(!unicode_ok(None, None, None, s("en_US.ISO-8859-1")));
        assert!(!unicode_ok(s("dumb"), None, None, s("en_GB.UTF-8")));
    }

    #[test]
    fn clock_pads_seconds_and_switches_to_hours() {
        assert_eq!(clock(Duration::from_millis(59_999)), "0:59");
        assert_eq!(clock(Duration::from_secs(134)), "2:14");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
    }

    #[test]
    fn plural_adds_an_s_except_for_one() {
        assert_eq!(plural(1, "step"), "1 step");
        assert_eq!(plural(0, "step"), "0 steps");
        assert_eq!(plural(12, "run"), "12 runs");
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        assert_eq!(width("日本"), 4);
        assert_eq!(truncate("日本語のテキスト", 7), "日本語…");
    }

    #[test]
    fn lines_of_a_paragraph_are_joined_and_blank_lines_separate_paragraphs() {
        let cue =
            "Nod your chin toward your chest, then peel\nthe upper back away.\n\nRoll back up.";
        assert_eq!(
            wrap(cue, 30),
            [
                "Nod your chin toward your",
                "chest, then peel the upper",
                "back away.",
                "",
                "Roll back up.",
            ]
        );
        // No word is left alone on a row because the file broke its line
        // before it.
        assert_eq!(wrap("one two\nthree four", 80), ["one two three four"]);
        // Several blank lines still make one gap.
        assert_eq!(wrap("a\n\n\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn escape_spells_out_controls_and_bidi_and_keeps_its_limit() {
        assert_eq!(escape("a\u{1b}[2Jb", 40), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\u{202E}y", 40), "x\\u{202e}y");
        assert_eq!(escape("line\nnext", 40), "line\\nnext");
        let long = "\u{1b}".repeat(1000);
        assert!(escape(&long, 40).chars().count() <= 41);
        assert_eq!(escape("abcdef", 3), "abc…");
    }

    #[test]
    fn an_ordinary_path_is_shown_as_it_is() {
        let p = Path::new("/home/me/.config/mobility/routines/neck roll.toml");
        assert_eq!(path(p), p.to_str().unwrap());
        let hostile = Path::new("/tmp/\u{1b}]52;c;aGk=\u{7}.toml");
        assert!(!path(hostile).chars().any(is_forbidden));
        let huge = "a/".repeat(3000);
        assert!(path(Path::new(&huge)).chars().count() <= PATH_CHARS + 1);
    }
}
