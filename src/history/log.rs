//! Appending to and reading the log file.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::Record;
use super::checkin::{Checkin, RatingError};
use crate::text;

mod line;
mod write;

#[cfg(test)]
use write::append_waiting;
pub use write::{LOCK_TIMEOUT, append, append_checkin, append_other, check_writable};
pub(super) use write::{append_lines, lock_within, open_locked, regular, to_lines};

/// Lines longer than this are skipped without being held in memory.
/// A real record is a few hundred bytes.
const MAX_LINE: usize = 1 << 20;

/// How much of a bad line a warning quotes.
const EXCERPT_CHARS: usize = 60;

/// A history larger than this is refused rather than read. A record is a
/// few hundred bytes, so this is some 200,000 runs: far more than anyone
/// logs, far less than a file that never ends.
pub const MAX_FILE: u64 = 64 << 20;

/// How many skipped lines a [`Log`] keeps, and [`Log::warning_lines`]
/// shows; the rest are only counted.
pub const SHOWN_WARNINGS: usize = 5;

/// The records of a log, in file order, and what was wrong with the rest.
///
/// A line is a run, a check-in amendment, or a record of another kind (see
/// `log/line.rs`). A module that gives the history a kind of its own
/// (programs' `"kind":"program"`, say) finds its lines in [`Log::other`]
/// and reads each `value` with its own serde type; to have its lines
/// checked as they are read, with warnings naming file and line, it adds
/// an arm to `line::parse` and a field here, as the check-in does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Log {
    /// Every run that parsed, in file order ([`super::Store::read`]: in
    /// time order, each run once, its check-in applied).
    pub records: Vec<Record>,
    /// Every check-in amendment whose rating could be used, in file order.
    /// [`super::Store::read`] has already put them into `records`.
    pub checkins: Vec<Checkin>,
    /// Lines of kinds this version does not know, in file order (files in
    /// name order): kept, never warned about.
    pub other: Vec<Other>,
    /// One warning for each of the first [`SHOWN_WARNINGS`] lines that
    /// were skipped. Print them with [`Log::warning_lines`].
    pub warnings: Vec<Warning>,
    /// How many more lines were skipped, beyond those in `warnings`.
    pub more_skipped: usize,
    /// The files those further lines are in, each named once.
    pub more_in: Vec<PathBuf>,
}

impl Log {
    /// What every command prints about the skipped lines, one warning a
    /// line: at most [`SHOWN_WARNINGS`] of them, then, if there were more,
    /// `` `…/history.jsonl`: … and 9995 more lines could not be read``.
    /// Each line is short and escaped.
    pub fn warning_lines(&self) -> impl Iterator<Item = String> + '_ {
        let shown = self.warnings.iter().take(SHOWN_WARNINGS);
        let hidden = self.warnings.len().saturating_sub(SHOWN_WARNINGS) + self.more_skipped;
        let lines = if hidden == 1 { "line" } else { "lines" };
        let more = match self.more_in.as_slice() {
            _ if hidden == 0 => None,
            [one] => Some(format!(
                "`{}`: … and {hidden} more {lines} could not be read",
                text::path(one)
            )),
            many => Some(format!(
                "… and {hidden} more {lines} in {} history files could not be read",
                many.len()
            )),
        };
        shown.map(ToString::to_string).chain(more)
    }

    /// Records a skipped line, keeping only the first few in full.
    fn skip(&mut self, warning: Warning) {
        if self.warnings.len() < SHOWN_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.more_skipped += 1;
            if self.more_in.last() != Some(&warning.path) {
                self.more_in.push(warning.path);
            }
        }
    }

    /// Adds a warning about a line that was read but is not used whole
    /// (an amendment that names no run, a rating out of range).
    pub(super) fn warn(&mut self, warning: Warning) {
        self.skip(warning);
    }

    /// Adds a warning about a line of `other` that the reader of its kind
    /// could not use, for `reason` (escaped and shortened here).
    pub fn warn_unusable(&mut self, path: PathBuf, line: usize, reason: &str, value: &str) {
        self.skip(Warning {
            path,
            line,
            problem: Problem::Invalid {
                reason: text::escape(reason, 120),
                excerpt: excerpt(value.as_bytes()),
            },
        });
    }

    /// Adds another file's log to this one: its records after these, its
    /// warnings counted as if they had been skipped here.
    pub(super) fn absorb(&mut self, other: Log) {
        self.records.extend(other.records);
        self.checkins.extend(other.checkins);
        self.other.extend(other.other);
        for warning in other.warnings {
            self.skip(warning);
        }
        self.more_skipped += other.more_skipped;
        for path in other.more_in {
            if !self.more_in.contains(&path) {
                self.more_in.push(path);
            }
        }
    }
}

/// A line of a kind this version does not know, kept as it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Other {
    /// Its `"kind"`.
    pub kind: String,
    /// The whole line.
    pub value: serde_json::Value,
    /// The file it is in.
    pub path: PathBuf,
    /// Its 1-based line number.
    pub line: usize,
}

/// A line of the log that was skipped, or used only in part. Displays as one short line that names
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
    /// A check-in amendment's rating cannot be used: the amendment was
    /// skipped.
    Rating(RatingError),
    /// A run's `checkin_before` cannot be used: the run was kept without it.
    RatingBefore(RatingError),
    /// A check-in amendment names a run that is not in the history.
    NoRun {
        /// The run's start as the amendment gives it.
        run: String,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, line) = (text::path(&self.path), self.line);
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
            Problem::Rating(error) => write!(
                f,
                "`{path}`: line {line}: the check-in was skipped: its rating {error}"
            ),
            Problem::RatingBefore(error) => write!(
                f,
                "`{path}`: line {line}: the run is kept without its check-in before: `checkin_before` {error}"
            ),
            Problem::NoRun { run } => write!(
                f,
                "`{path}`: line {line}: the check-in was skipped: no run in the history started at {run}"
            ),
        }
    }
}

/// Reads the whole log.
///
/// A missing file is an empty log. Blank lines are ignored. Lines that do not
/// parse are skipped with a [`Warning`] and the other records are still
/// returned; lines of a kind this version does not know are kept in
/// [`Log::other`] without one. Failing to open or read the file is an error, and so is a file
/// that is not a regular file (refused before it is opened, so a FIFO
/// cannot block) or one larger than [`MAX_FILE`]. Errors do not repeat the
/// path: callers name it, with [`text::path`].
pub fn read(path: &Path) -> io::Result<Log> {
    read_capped(path, MAX_FILE)
}

/// [`read`], refusing a file larger than `max` bytes.
fn read_capped(path: &Path, max: u64) -> io::Result<Log> {
    match fs::metadata(path) {
        Ok(meta) => regular(&meta)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Log::default()),
        Err(e) => return Err(e),
    }
    let file = File::open(path)?;
    regular(&file.metadata()?)?;
    // One byte past the cap tells a file at the cap from a larger one,
    // whatever its metadata claims.
    let mut capped = file.take(max + 1);
    let log = read_from(path, BufReader::with_capacity(64 * 1024, &mut capped))?;
    if capped.limit() == 0 {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "is larger than {} MiB, more than any history could be; \
                 move it aside to start a new one",
                max >> 20
            ),
        ));
    }
    Ok(log)
}

/// [`read`] over any reader; `path` is only used in warnings.
pub(super) fn read_from(path: &Path, mut reader: impl BufRead) -> io::Result<Log> {
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
            log.skip(failure.into_warning(path, at, false));
        }
        if line.too_long {
            pending = Some((number, Failure::TooLong(line.bytes)));
            continue;
        }
        let warning = |problem| Warning {
            path: path.to_owned(),
            line: number,
            problem,
        };
        match line::parse(text) {
            Ok(line::Parsed::Run(record, dropped)) => {
                if let Some(error) = dropped {
                    log.warn(warning(Problem::RatingBefore(error)));
                }
                log.records.push(record);
            }
            Ok(line::Parsed::Checkin(raw)) => match raw.check((path.to_owned(), number)) {
                Ok(checkin) => log.checkins.push(checkin),
                Err(error) => log.warn(warning(Problem::Rating(error))),
            },
            Ok(line::Parsed::Other(kind, value)) => log.other.push(Other {
                kind,
                value,
                path: path.to_owned(),
                line: number,
            }),
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
        log.skip(failure.into_warning(path, at, true));
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
        bytes = bytes.saturating_add(u64::try_from(take).unwrap_or(u64::MAX));
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
    text::escape(&text, 120)
}

/// The start of a bad line, safe to print.
fn excerpt(line: &[u8]) -> String {
    // Four bytes per char is the most UTF-8 needs; decoding more is waste.
    let head = &line[..line.len().min(EXCERPT_CHARS * 4)];
    let mut out = text::escape(&String::from_utf8_lossy(head), EXCERPT_CHARS);
    if head.len() < line.len() && !out.ends_with('…') {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
