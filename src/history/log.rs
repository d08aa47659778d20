//! Appending to and reading the log file.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::Record;

/// Lines longer than this are skipped without being held in memory.
/// A real record is a few hundred bytes.
const MAX_LINE: usize = 1 << 20;

/// How much of a bad line a warning quotes.
const EXCERPT_CHARS: usize = 60;

/// Appends one record as one line.
///
/// Creates the parent directories and the file if needed. The line is written
/// with a single `write_all` while holding an exclusive lock, then synced, so
/// concurrent appenders never interleave. If a crash left the last line torn
/// (no trailing newline), a newline is written first so this record lands on
/// a line of its own. The file is never truncated or rewritten.
pub fn append(path: &Path, record: &Record) -> io::Result<()> {
    if !record.active_seconds.is_finite() || record.active_seconds < 0.0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "active_seconds must be a finite number of seconds >= 0, not {}",
                record.active_seconds
            ),
        ));
    }
    let mut line = serde_json::to_vec(record)?;
    line.push(b'\n');

    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    file.lock()?;
    // Only under the lock is the end of the file stable.
    if ends_torn(&mut file)? {
        line.insert(0, b'\n');
    }
    // In append mode every write goes to the end, wherever the cursor is.
    file.write_all(&line)?;
    file.sync_data()?;
    file.unlock()
}

/// Whether the file is non-empty and does not end with a newline.
fn ends_torn(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// The records of a log, in file order, and what was wrong with the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Log {
    /// Every line that parsed, in file order.
    pub records: Vec<Record>,
    /// One warning per line that was skipped.
    pub warnings: Vec<Warning>,
}

/// A line of the log that was skipped. Displays as one short line that names
/// the file and the 1-based line number, and never contains raw control
/// characters or more than a short excerpt of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The log file.
    pub path: PathBuf,
    /// 1-based line number, counting blank lines.
    pub line: usize,
    /// What was wrong.
    pub problem: Problem,
}

/// Why a line was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The last line is cut short, as a crash in the middle of a write leaves it.
    Incomplete,
    /// The line is not a valid record.
    Invalid {
        /// Why, from the JSON parser; escaped and shortened.
        reason: String,
        /// The start of the line; escaped and shortened.
        excerpt: String,
    },
    /// The line is longer than any record could be.
    TooLong {
        /// Its length in bytes.
        bytes: u64,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, line) = (self.path.display(), self.line);
        match &self.problem {
            Problem::Incomplete => write!(
                f,
                "`{path}`: line {line} is incomplete (an interrupted write?) and was skipped"
            ),
            Problem::Invalid { reason, excerpt } => write!(
                f,
                "`{path}`: line {line} was skipped: {reason}: `{excerpt}`"
            ),
            Problem::TooLong { bytes } => write!(
                f,
                "`{path}`: line {line} was skipped: it is {bytes} bytes long, too long for a record"
            ),
        }
    }
}

/// Reads the whole log.
///
/// A missing file is an empty log. Blank lines are ignored. Lines that do not
/// parse are skipped with a [`Warning`] and the other records are still
/// returned. Only failing to open or read the file is an error.
pub fn read(path: &Path) -> io::Result<Log> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Log::default()),
        Err(e) => return Err(e),
    };
    read_from(path, BufReader::with_capacity(64 * 1024, file))
}

/// [`read`] over any reader; `path` is only used in warnings.
fn read_from(path: &Path, mut reader: impl BufRead) -> io::Result<Log> {
    let mut log = Log::default();
    let mut buf = Vec::with_capacity(1024);
    // The last failure is held back: only once the next line turns up is it
    // known not to be the torn end of the file.
    let mut pending: Option<(usize, Failure)> = None;
    let mut number = 0;
    while let Some(line) = read_line(&mut reader, &mut buf)? {
        number += 1;
        let text = buf.trim_ascii();
        if text.is_empty() && !line.too_long {
            continue;
        }
        if let Some((at, failure)) = pending.take() {
            log.warnings.push(failure.into_warning(path, at, false));
        }
        if line.too_long {
            pending = Some((number, Failure::TooLong(line.bytes)));
            continue;
        }
        match serde_json::from_slice::<Record>(text) {
            Ok(record) => log.records.push(record),
            Err(error) => {
                let failure = Failure::Invalid {
                    error,
                    excerpt: excerpt(text),
                    newline: line.newline,
                };
                pending = Some((number, failure));
            }
        }
    }
    if let Some((at, failure)) = pending {
        log.warnings.push(failure.into_warning(path, at, true));
    }
    Ok(log)
}

/// A line that failed, before it is known whether it was the last.
enum Failure {
    TooLong(u64),
    Invalid {
        error: serde_json::Error,
        excerpt: String,
        newline: bool,
    },
}

impl Failure {
    fn into_warning(self, path: &Path, line: usize, last: bool) -> Warning {
        let problem = match self {
            Failure::TooLong(bytes) => Problem::TooLong { bytes },
            // A torn write loses the end of the line, newline included, so a
            // last line without its newline, or whose JSON stops short, is
            // taken for one. A last line that is whole but wrong is reported
            // like any other.
            Failure::Invalid { error, newline, .. } if last && (!newline || error.is_eof()) => {
                Problem::Incomplete
            }
            Failure::Invalid { error, excerpt, .. } => Problem::Invalid {
                reason: reason(&error),
                excerpt,
            },
        };
        Warning {
            path: path.to_owned(),
            line,
            problem,
        }
    }
}

/// What [`read_line`] found.
struct Line {
    /// Length in bytes, without the newline.
    bytes: u64,
    /// Whether it ended with `\n` rather than the end of the file.
    newline: bool,
    /// Longer than [`MAX_LINE`]; `buf` then holds only part of it.
    too_long: bool,
}

/// Reads one line into `buf` (without the newline), or `None` at the end.
/// Past [`MAX_LINE`] bytes the rest of the line is counted but not kept.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
    buf.clear();
    let mut bytes = 0u64;
    let mut seen_any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(seen_any.then_some(Line {
                bytes,
                newline: false,
                too_long: bytes > MAX_LINE as u64,
            }));
        }
        seen_any = true;
        let (take, done) = match memchr(chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        bytes += take as u64;
        reader.consume(take + usize::from(done));
        if done {
            return Ok(Some(Line {
                bytes,
                newline: true,
                too_long: bytes > MAX_LINE as u64,
            }));
        }
    }
}

fn memchr(haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == b'\n')
}

/// The parser's complaint, without serde_json's "at line 1" (each line is
/// parsed on its own, so that line number would mislead).
fn reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => format!("{} at column {}", &text[..i], error.column()),
        None => text,
    };
    escape_short(&text, 120)
}

/// The start of a bad line, safe to print.
fn excerpt(line: &[u8]) -> String {
    // Four bytes per char is the most UTF-8 needs; decoding more is waste.
    let head = &line[..line.len().min(EXCERPT_CHARS * 4)];
    let mut out = escape_short(&String::from_utf8_lossy(head), EXCERPT_CHARS);
    if head.len() < line.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

use crate::text::escape as escape_short;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};

    fn sample(n: usize) -> Record {
        let start = at("2026-11-25T10:30", "Europe/Berlin")
            .checked_add(jiff::SignedDuration::from_hours(n as i64))
            .unwrap();
        run(&format!("routine-{n}"), &start, !n.is_multiple_of(3))
    }

    fn write_raw(path: &Path, bytes: &[u8]) {
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .unwrap();
        file.write_all(bytes).unwrap();
    }

    #[test]
    fn a_missing_file_is_an_empty_log() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read(&dir.path().join("nope.jsonl")).unwrap(),
            Log::default()
        );
    }

    #[test]
    fn append_creates_directories_and_records_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/mobility/history.jsonl");
        for n in 0..3 {
            append(&path, &sample(n)).unwrap();
        }
        let log = read(&path).unwrap();
        assert!(log.warnings.is_empty(), "{:?}", log.warnings);
        assert_eq!(log.records, [sample(0), sample(1), sample(2)]);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn blank_lines_are_ignored_but_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        append(&path, &sample(0)).unwrap();
        write_raw(&path, b"\n   \r\n\n");
        append(&path, &sample(1)).unwrap();
        write_raw(&path, b"{oops}\n");
        append(&path, &sample(2)).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log.records.len(), 3);
        assert_eq!(log.warnings.len(), 1);
        assert_eq!(log.warnings[0].line, 6);
    }

    #[test]
    fn a_torn_last_line_is_skipped_and_the_next_append_lands_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        append(&path, &sample(0)).unwrap();
        let whole = serde_json::to_string(&sample(1)).unwrap();
        write_raw(&path, &whole.as_bytes()[..whole.len() / 2]);

        let log = read(&path).unwrap();
        assert_eq!(log.records, [sample(0)]);
        assert_eq!(log.warnings.len(), 1);
        assert_eq!(log.warnings[0].problem, Problem::Incomplete);
        assert_eq!(
            log.warnings[0].to_string(),
            format!(
                "`{}`: line 2 is incomplete (an interrupted write?) and was skipped",
                path.display()
            )
        );

        append(&path, &sample(2)).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log.records, [sample(0), sample(2)]);
        assert_eq!(log.warnings.len(), 1);
        assert_eq!(log.warnings[0].line, 2);
        assert!(matches!(log.warnings[0].problem, Problem::Invalid { .. }));
    }

    #[test]
    fn a_corrupt_middle_line_is_reported_with_its_number_and_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        append(&path, &sample(0)).unwrap();
        write_raw(&path, b"{\"routine\": 42}\n");
        append(&path, &sample(1)).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log.records, [sample(0), sample(1)]);
        let warning = log.warnings[0].to_string();
        assert_eq!(log.warnings[0].line, 2);
        assert!(
            warning.starts_with(&format!(
                "`{}`: line 2 was skipped: invalid type",
                path.display()
            )),
            "{warning}"
        );
        assert!(
            warning.contains("at column") && !warning.contains("at line 1"),
            "{warning}"
        );
        assert!(warning.ends_with("`{\"routine\": 42}`"), "{warning}");
    }

    #[test]
    fn a_whole_but_wrong_last_line_is_not_called_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        append(&path, &sample(0)).unwrap();
        write_raw(&path, b"not json at all\n");
        let log = read(&path).unwrap();
        assert!(matches!(log.warnings[0].problem, Problem::Invalid { .. }));
        // A last line cut inside the JSON is incomplete even with a newline.
        write_raw(&path, b"{\"routine\":\"x\",\n");
        let log = read(&path).unwrap();
        assert_eq!(log.warnings[1].problem, Problem::Incomplete);
    }

    #[test]
    fn garbage_lines_give_short_escaped_warnings_and_never_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        let mut garbage = b"\x1b[2J\xff\xfe\x00\x07\r\t".to_vec();
        garbage.extend(std::iter::repeat_n(b'x', 5000));
        garbage.extend("\u{202e}é".as_bytes());
        garbage.push(b'\n');
        write_raw(&path, &garbage);
        write_raw(&path, b"{\"title\":\"\xff\"}\n");
        append(&path, &sample(0)).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log.records, [sample(0)]);
        assert_eq!(log.warnings.len(), 2);
        for warning in &log.warnings {
            let text = warning.to_string();
            assert!(!text.chars().any(char::is_control), "{text:?}");
            assert!(text.chars().count() < 300, "{text}");
        }
        assert!(log.warnings[0].to_string().contains("\\u{1b}[2J"));
    }

    #[test]
    fn a_line_too_long_for_memory_is_skipped_by_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        write_raw(&path, &vec![b'{'; MAX_LINE + 10]);
        write_raw(&path, b"\n");
        append(&path, &sample(0)).unwrap();
        let log = read(&path).unwrap();
        assert_eq!(log.records, [sample(0)]);
        assert_eq!(
            log.warnings[0].problem,
            Problem::TooLong {
                bytes: MAX_LINE as u64 + 10
            }
        );
    }

    #[test]
    fn invalid_durations_are_refused_before_touching_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        for bad in [f64::NAN, f64::INFINITY, -1.0] {
            let mut record = sample(0);
            record.active_seconds = bad;
            let err = append(&path, &record).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        }
        assert!(!path.exists());
    }

    #[test]
    fn concurrent_appenders_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.jsonl");
        std::thread::scope(|scope| {
            for writer in 0..2 {
                let path = &path;
                scope.spawn(move || {
                    for n in 0..200 {
                        let mut record = sample(n);
                        record.title = format!("writer {writer} record {n} {}", "-".repeat(n * 20));
                        append(path, &record).unwrap();
                    }
                });
            }
        });
        let log = read(&path).unwrap();
        assert!(log.warnings.is_empty(), "{:?}", log.warnings);
        assert_eq!(log.records.len(), 400);
        for writer in 0..2 {
            let mine: Vec<_> = log
                .records
                .iter()
                .filter(|r| r.title.starts_with(&format!("writer {writer} ")))
                .collect();
            assert_eq!(mine.len(), 200);
            for (n, record) in mine.iter().enumerate() {
                assert!(
                    record
                        .title
                        .starts_with(&format!("writer {writer} record {n} "))
                );
            }
        }
    }
}
