//! Problems in a file, told with their position, plus what every parser
//! shares: did-you-mean, serde's messages in our own words, and reading a
//! file with a bound on its size.
//!
//! A leaf: it imports only [`crate::text`], the other leaf.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::text::{self, quote};

/// A 1-based line and column (in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem, at a position, or at none when it concerns the file as a
/// whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub at: Option<Position>,
    pub message: String,
}

/// Everything wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file as messages name it, already escaped.
    pub origin: String,
    /// The problems to show, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many more problems were found than `diagnostics` holds: counted,
    /// but never worded or placed, since they would not be printed.
    pub hidden: usize,
}

/// How many problems in one file are printed before the rest are counted.
pub const MAX_SHOWN: usize = 10;

/// The problems found in one file's text, as a routine's or a program's
/// checks find them: each with its byte offset, or none for the file as a
/// whole. Positions are worked out only for those that are shown: a file
/// may hold tens of thousands of problems.
#[derive(Debug, Default)]
pub struct Found {
    problems: Vec<(Option<usize>, String)>,
}

impl Found {
    /// A problem at byte `offset` of the text.
    pub fn at(&mut self, offset: usize, message: String) {
        self.problems.push((Some(offset), message));
    }

    /// A problem with the file as a whole.
    pub fn whole(&mut self, message: String) {
        self.problems.push((None, message));
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems in file order (whole-file ones first), the first
    /// [`MAX_SHOWN`] of them placed by line and column in `src`, the rest
    /// counted.
    pub fn into_error(mut self, src: &str, origin: &str) -> ParseError {
        // Stable, so that problems at one offset keep the order found.
        self.problems.sort_by_key(|(offset, _)| *offset);
        let hidden = self.problems.len().saturating_sub(MAX_SHOWN);
        self.problems.truncate(MAX_SHOWN);
        let lines = Lines::new(src);
        ParseError {
            origin: origin.to_string(),
            diagnostics: self
                .problems
                .into_iter()
                .map(|(offset, message)| Diagnostic {
                    at: offset.map(|o| lines.position(o)),
                    message,
                })
                .collect(),
            hidden,
        }
    }
}

impl ParseError {
    /// A problem with the file as a whole. `path` is escaped here.
    pub fn whole(path: &Path, message: impl Into<String>) -> ParseError {
        ParseError {
            origin: text::path(path),
            diagnostics: vec![Diagnostic {
                at: None,
                message: message.into(),
            }],
            hidden: 0,
        }
    }
}

impl fmt::Display for ParseError {
    /// One line per problem, at most [`MAX_SHOWN`] of them, so that output
    /// stays short however broken the file is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().take(MAX_SHOWN).enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            match d.at {
                None => write!(f, "{}: {}", self.origin, d.message)?,
                Some(p) => write!(f, "{}:{}:{}: {}", self.origin, p.line, p.column, d.message)?,
            }
        }
        let more = self.diagnostics.len().saturating_sub(MAX_SHOWN) + self.hidden;
        if more > 0 {
            write!(f, "\n{}: … and {more} more problems", self.origin)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// The start of every line in a text, found once, so that any number of
/// positions cost a binary search each instead of a scan from the top.
#[derive(Debug)]
pub struct Lines<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    pub fn new(src: &'s str) -> Lines<'s> {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { src, starts }
    }

    /// The line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.src, offset.min(self.src.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Position {
            line,
            column: self.src[start..offset].chars().count() + 1,
        }
    }
}

/// The line and column of one byte offset. For many, use [`Lines`].
pub fn position(src: &str, offset: usize) -> Position {
    Lines::new(src).position(offset)
}

/// The nearest char boundary at or before `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The known names close enough to `input` to be what was meant, best
/// first, at most three (several only when they are about as close).
pub fn similar<'a>(input: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    const THRESHOLD: f64 = 0.75;
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(input, k), k))
        .filter(|(score, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first().map_or(0.0, |s| s.0);
    scored
        .into_iter()
        .take_while(|(score, _)| best - score < 0.06)
        .take(3)
        .map(|(_, k)| k)
        .collect()
}

/// The known name closest to `input`, if any is close enough to be a typo.
pub fn closest<'a>(input: &str, known: &[&'a str]) -> Option<&'a str> {
    similar(input, known.iter().copied()).first().copied()
}

/// Words an unknown-key or wrong-type error from serde our way, naming the
/// key and, for a typo, the nearest known key. `place` is appended to the
/// key, as in "`hold` in step 2". Other errors give `None`.
///
/// The messages are recognised by their wording, which is that of toml
/// 1.2.2 (with serde 1.0.229), as is `routine::parse`'s: an update to
/// either crate may reword them, and the message tests (`tests/messages.rs`,
/// `tests/routines.rs`) fail when one of ours falls back to the crate's
/// own words.
pub fn key_message(src: &str, e: &toml::de::Error, place: &str, known: &[&str]) -> Option<String> {
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
    let key = key_before(src, offset);
    if expected == "any valid TOML value" && found == "integer" {
        // TOML reads integers up to 2^63 - 1; a longer one is no value at all.
        return Some(match key {
            Some(key) => format!("`{key}`{place} is a number too large to read"),
            None => format!("a number{place} is too large to read"),
        });
    }
    let table;
    let expected = match expected {
        "a string" => "text in quotes",
        "a sequence" => "a list, like `[\"a\", \"b\"]`",
        "a boolean" => "`true` or `false`",
        // serde names our own types ("struct RawRun"), which mean nothing
        // to the person writing the file.
        e if e.starts_with("struct") || e.starts_with("a map") || e.contains("Raw") => {
            table = match &key {
                Some(key) => format!("a table, written as `[{key}]` with its keys below it"),
                None => "a table".to_string(),
            };
            &table
        }
        e if e.starts_with("a ") || e.starts_with("an ") => e,
        _ => "another kind of value",
    };
    Some(match key {
        Some(key) => format!(
            "`{key}`{place} should be {expected}, not {}",
            article(found)
        ),
        None => format!("expected {expected}{place}, found {}", article(found)),
    })
}

/// The key written before a value at `offset`, on the same line.
fn key_before(src: &str, offset: usize) -> Option<String> {
    let offset = floor_char_boundary(src, offset);
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let key = src[line_start..offset].trim().strip_suffix('=')?.trim();
    let key = key.trim_matches('"');
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then(|| key.to_string())
}

/// The noun with "a" or "an" before it: "an integer", "a string".
pub fn article(noun: &str) -> String {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {noun}"),
        _ => format!("a {noun}"),
    }
}

/// The text between the first pair of backticks in `s`.
pub fn between_backticks(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// Why a file could not be read, in a user's words.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Why an operation on `path` failed, in words: when the trouble is a
/// file, a FIFO or a device standing where a directory must be (at `path`
/// or above it), that path and what it is; otherwise [`io_message`].
/// Every command says it the same way, whichever error the system gave
/// ("File exists" from making a directory, "Not a directory" from reading
/// one).
pub fn io_words(path: &Path, e: &std::io::Error) -> String {
    not_a_directory(path, e).unwrap_or_else(|| io_message(e))
}

/// `` `X` is a file, not a directory `` when that is why `e` happened.
pub fn not_a_directory(path: &Path, e: &std::io::Error) -> Option<String> {
    use std::io::ErrorKind::{AlreadyExists, NotADirectory};
    if !matches!(e.kind(), AlreadyExists | NotADirectory) {
        return None;
    }
    // The deepest part of the path that exists is the one in the way.
    let (found, meta) = path
        .ancestors()
        .find_map(|p| std::fs::metadata(p).ok().map(|m| (p, m)))?;
    // The path itself is only in the way when a directory was asked of it:
    // "File exists" for a file there can also mean it was not to be
    // replaced.
    if meta.is_dir() || (found == path && e.kind() != NotADirectory) {
        return None;
    }
    let kind = irregular(&meta).unwrap_or("a file");
    Some(format!(
        "`{}` is {kind}, not a directory",
        text::path(found)
    ))
}

/// Why `path` could not be looked at, naming a symbolic link that leads
/// nowhere (dangling, or a loop) as such rather than as a missing file.
fn unfollowable(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return io_message(e);
    }
    match (e.kind(), std::fs::read_link(path)) {
        (std::io::ErrorKind::NotFound, Ok(target)) => format!(
            "is a symbolic link to `{}`, which does not exist",
            text::path(&target)
        ),
        _ => format!("is a symbolic link that can't be followed: {e}"),
    }
}

/// What a file that is not a regular file is, for a message: "a FIFO (a
/// named pipe)", "a directory", or `None` for a regular file.
pub fn irregular(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    Some(match () {
        _ if t.is_file() => return None,
        _ if t.is_dir() => "a directory",
        _ if t.is_fifo() => "a FIFO (a named pipe)",
        _ if t.is_socket() => "a socket",
        _ if t.is_char_device() || t.is_block_device() => "a device",
        _ => "not a regular file",
    })
}

/// Reads a whole file of at most `max` bytes. Anything but a regular file
/// (a FIFO, a device, a directory) is refused before it is opened, so that
/// nothing blocks or reads forever; a file larger than `max` is refused
/// after reading `max + 1` bytes, so that it costs no more than the limit.
pub fn read_bounded(path: &Path, max: u64, what: &str) -> Result<Vec<u8>, ParseError> {
    let whole = |message: String| ParseError::whole(path, message);
    // `metadata` follows symlinks: a link to /dev/zero is a device.
    let meta = std::fs::metadata(path).map_err(|e| whole(unfollowable(path, &e)))?;
    if let Some(kind) = irregular(&meta) {
        return Err(whole(format!("is {kind}, not {what}")));
    }
    let file = std::fs::File::open(path).map_err(|e| whole(io_message(&e)))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| whole(io_message(&e)))?;
    if bytes.len() as u64 > max {
        return Err(whole(format!(
            "the file is larger than {} KiB, the limit for {what}",
            max / 1024
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let src = "a = 1\nbé = 2\n\nlast";
        let lines = Lines::new(src);
        assert_eq!(lines.position(0), Position { line: 1, column: 1 });
        assert_eq!(lines.position(6), Position { line: 2, column: 1 });
        // After the two-byte é: the column counts characters, not bytes.
        assert_eq!(lines.position(9), Position { line: 2, column: 3 });
        assert_eq!(lines.position(14), Position { line: 3, column: 1 });
        assert_eq!(lines.position(15), Position { line: 4, column: 1 });
        // Past the end, and inside a character, are clamped.
        assert_eq!(lines.position(99), Position { line: 4, column: 5 });
        assert_eq!(lines.position(8), Position { line: 2, column: 2 });
    }

    #[test]
    fn similar_names_come_best_first_and_far_ones_not_at_all() {
        let known = ["hold", "reps", "rest", "name"];
        assert_eq!(closest("hodl", &known), Some("hold"));
        assert_eq!(closest("zzzz", &known), None);
        assert_eq!(
            similar("wall-flexon", ["wall-flexion", "chair-flexion"]),
            ["wall-flexion"]
        );
    }

    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("ok.toml");
        std::fs::write(&small, "a = 1\n").unwrap();
        assert_eq!(read_bounded(&small, 10, "a file").unwrap(), b"a = 1\n");

        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 11]).unwrap();
        let e = read_bounded(&big, 10, "a routine file").unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");

        // A link to an endless device is refused, not read until memory runs out.
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = read_bounded(&zero, 10, "a routine file").unwrap_err();
        assert!(
            e.to_string().ends_with("is a device, not a routine file"),
            "{e}"
        );

        let e = read_bounded(dir.path(), 10, "a config file").unwrap_err();
        assert!(e.to_string().contains("is a directory"), "{e}");
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.toml");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(s) if s.success() => {}
            _ => {
                eprintln!("skipped: mkfifo is not available here");
                return;
            }
        }
        // With nobody writing, opening this FIFO would block forever.
        let e = read_bounded(&fifo, 10, "a routine file").unwrap_err();
        assert!(e.to_string().contains("is a FIFO (a named pipe)"), "{e}");
    }

    #[test]
    fn a_whole_file_problem_prints_without_a_position() {
        let e = ParseError::whole(Path::new("/x/a.toml"), "is a directory");
        assert_eq!(e.to_string(), "/x/a.toml: is a directory");
    }

    #[test]
    fn more_than_ten_problems_are_counted_not_printed() {
        let e = ParseError {
            origin: "f.toml".into(),
            diagnostics: (1..=12)
                .map(|line| Diagnostic {
                    at: Some(Position { line, column: 1 }),
                    message: "bad".into(),
                })
                .collect(),
            hidden: 0,
        };
        let shown = e.to_string();
        assert_eq!(shown.lines().count(), MAX_SHOWN + 1);
        assert!(shown.ends_with("f.toml: … and 2 more problems"), "{shown}");
    }
}
