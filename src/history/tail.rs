//! The end of the history, for `mobility status`: it runs every few
//! seconds in a prompt or a status bar, where parsing years of runs each
//! time would be felt.
//!
//! Only the last [`TAIL_BYTES`] of each file are read. mobility appends a
//! run as it ends, so in its files every run before the cut ended, and so
//! started, no later than the first run after it ended: every run that
//! started after that instant is in the part read. That holds only for a
//! file in the order runs end, so it is checked at both ends: the runs read
//! must be in that order, and the file's first run must have ended by then
//! too. A file put together some other way (newest first, say) is not
//! trusted. [`Coverage`] says from when the answer can be trusted; the
//! caller reads the whole history when its question reaches further back.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::dir::{Store, history_files};
use super::log::{self, Log, regular};

/// How much of the end of each file is read: some thousand runs, years of
/// daily practice.
pub const TAIL_BYTES: u64 = 256 * 1024;

/// How far back the runs read from the end reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every file was read whole: every run is there.
    Whole,
    /// Every run that started after this instant is there; earlier ones
    /// may not be.
    After(Timestamp),
    /// A file was cut and no run could be read after the cut, or the file
    /// is not in the order runs end: nothing can be trusted, so read the
    /// whole history.
    Unknown,
}

/// The runs at the end of the history, and how far back they reach.
#[derive(Debug)]
pub struct Tail {
    pub log: Log,
    pub coverage: Coverage,
}

impl Store {
    /// The runs in the last `bytes` of each history file (a directory's
    /// files are not merged or de-duplicated: a run counted twice changes
    /// neither a streak nor whether a routine is due).
    pub fn read_tail(&self, bytes: u64) -> Result<Tail, (PathBuf, io::Error)> {
        let files = match self {
            Store::File { path, .. } => vec![path.clone()],
            Store::Dir { dir, .. } => history_files(dir)?,
        };
        let mut tail = Tail {
            log: Log::default(),
            coverage: Coverage::Whole,
        };
        for path in files {
            let (log, coverage) = read_end(&path, bytes).map_err(|e| (path.clone(), e))?;
            tail.log.absorb(log);
            tail.coverage = narrower(tail.coverage, coverage);
        }
        Ok(tail)
    }
}

/// The coverage of two files read together: what both cover.
fn narrower(a: Coverage, b: Coverage) -> Coverage {
    match (a, b) {
        (Coverage::Unknown, _) | (_, Coverage::Unknown) => Coverage::Unknown,
        (Coverage::Whole, other) | (other, Coverage::Whole) => other,
        (Coverage::After(a), Coverage::After(b)) => Coverage::After(a.max(b)),
    }
}

/// The runs in the last `bytes` of one file, from the first whole line.
fn read_end(path: &Path, bytes: u64) -> io::Result<(Log, Coverage)> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok((Log::default(), Coverage::Whole));
        }
        Err(e) => return Err(e),
    };
    regular(&meta)?;
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    regular(&meta)?;
    if meta.len() <= bytes {
        return Ok((log::read(path)?, Coverage::Whole));
    }
    file.seek(SeekFrom::Start(meta.len() - bytes))?;
    let mut reader = BufReader::with_capacity(64 * 1024, file.take(bytes));
    // The cut falls inside a line: skip to the start of the next one.
    let mut partial = Vec::new();
    reader.read_until(b'\n', &mut partial)?;
    let log = log::read_from(path, reader)?;
    let ends = || log.records.iter().map(|r| r.ended_at.timestamp);
    let in_order = ends().zip(ends().skip(1)).all(|(a, b)| a <= b);
    let horizon = ends().next();
    let coverage = match horizon {
        Some(horizon) if in_order && first_end(path)?.is_some_and(|first| first <= horizon) => {
            Coverage::After(horizon)
        }
        _ => Coverage::Unknown,
    };
    Ok((log, coverage))
}

/// When the file's first run ended, or `None` when its first line is not
/// a run (then nothing is trusted).
fn first_end(path: &Path) -> io::Result<Option<Timestamp>> {
    let mut reader = BufReader::new(File::open(path)?.take(64 * 1024));
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line)?;
    let log = log::read_from(path, line.as_slice())?;
    Ok(log.records.first().map(|r| r.ended_at.timestamp))
}

#[cfg(test)]
mod tests;
