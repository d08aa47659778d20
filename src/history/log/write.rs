//! Appending to the log: one locked, synced write a record, never a
//! rewrite.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::history::{Checkin, Record};

/// How long [`append`] waits for another mobility to finish writing.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// Appends one record as one line.
///
/// Creates the parent directories and the file if needed. The line is written
/// with a single `write_all` while holding an exclusive lock, then synced, so
/// concurrent appenders never interleave. If a crash left the last line torn
/// (no trailing newline), a newline is written first so this record lands on
/// a line of its own. The file is never truncated or rewritten.
///
/// Anything but a regular file (a FIFO, a device, a directory) is refused
/// before it is opened. If another process holds the lock for
/// [`LOCK_TIMEOUT`], this gives up with a [`io::ErrorKind::TimedOut`] error
/// rather than block forever; the record is then not written, and the
/// error says so. Errors do not repeat the path: callers name it, with
/// [`crate::text::path`].
pub fn append(path: &Path, record: &Record) -> io::Result<()> {
    append_waiting(path, record, LOCK_TIMEOUT)
}

/// Appends a check-in amendment as one line, as [`append`] appends a
/// record: after the run's own line, which is already in the file.
pub fn append_checkin(path: &Path, checkin: &Checkin) -> io::Result<()> {
    let mut file = open_locked(path, LOCK_TIMEOUT)?;
    append_locked(&mut file, std::slice::from_ref(checkin))?;
    file.unlock()
}

/// Appends a line of another kind (a program's move, say) as one line,
/// under the same lock as [`append`]. The value must say its `"kind"`, so
/// that readers that do not know it pass it over.
pub fn append_other<T: Serialize>(path: &Path, line: &T) -> io::Result<()> {
    let mut file = open_locked(path, LOCK_TIMEOUT)?;
    append_locked(&mut file, std::slice::from_ref(line))?;
    file.unlock()
}

/// [`append`], waiting at most `timeout` for the lock.
pub(super) fn append_waiting(path: &Path, record: &Record, timeout: Duration) -> io::Result<()> {
    check(record)?;
    let mut file = open_locked(path, timeout)?;
    append_locked(&mut file, std::slice::from_ref(record))?;
    file.unlock()
}

/// Writes `records` (runs, amendments, lines of other kinds), one a line,
/// in one write to a file opened by [`open_locked`], then syncs it. They
/// are written as they are: a record new from a run was checked by
/// [`append`], and one read from a file (for `--move-to`) is written back
/// as that file held it, whatever its values.
pub(in crate::history) fn append_locked<T: Serialize>(
    file: &mut File,
    records: &[T],
) -> io::Result<()> {
    let mut lines = Vec::new();
    to_lines(&mut lines, records)?;
    append_lines(file, lines)
}

/// Adds `records` to `lines` as JSON, one a line.
pub(in crate::history) fn to_lines<T: Serialize>(
    lines: &mut Vec<u8>,
    records: &[T],
) -> io::Result<()> {
    for record in records {
        serde_json::to_writer(&mut *lines, record)?;
        lines.push(b'\n');
    }
    Ok(())
}

/// Writes whole lines in one write, on a line of their own, and syncs.
pub(in crate::history) fn append_lines(file: &mut File, mut lines: Vec<u8>) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    // Only under the lock is the end of the file stable.
    if ends_torn(file)? {
        lines.insert(0, b'\n');
    }
    // In append mode every write goes to the end, wherever the cursor is.
    file.write_all(&lines)?;
    file.sync_data()
}

/// Refuses a record whose time could not be read back.
fn check(record: &Record) -> io::Result<()> {
    if record.active_seconds.is_finite() && record.active_seconds >= 0.0 {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "active_seconds must be a finite number of seconds >= 0, not {}",
            crate::text::quote(&record.active_seconds.to_string())
        ),
    ))
}

/// Opens the history for appending and takes its lock, waiting at most
/// `timeout`. A file that was moved away or removed while this waited
/// (`history --move-to` does that, under the same lock) is let go and the
/// path opened again, so that nothing is written where no one reads.
pub(in crate::history) fn open_locked(path: &Path, timeout: Duration) -> io::Result<File> {
    loop {
        let file = open_for_append(path)?;
        lock_within(&file, timeout)?;
        if still_at(path, &file)? {
            return Ok(file);
        }
        file.unlock()?;
    }
}

/// Whether `path` still names the open `file`.
fn still_at(path: &Path, file: &File) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    Ok(fs::metadata(path).is_ok_and(|now| now.dev() == open.dev() && now.ino() == open.ino()))
}

/// Checks that a run could be recorded, before it starts: the history (and
/// its directory) is created if missing, and it must open for appending
/// and be a regular file. Nothing is written.
pub fn check_writable(path: &Path) -> io::Result<()> {
    open_for_append(path).map(drop)
}

/// Opens the history for appending, creating it and its directory.
fn open_for_append(path: &Path) -> io::Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    // Checked before opening, which would block on a FIFO. Any other
    // error shows up again, with its own words, when opening.
    if let Ok(meta) = fs::metadata(path) {
        regular(&meta)?;
    }
    let file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)?;
    // The path may have been swapped between the check and the open.
    regular(&file.metadata()?)?;
    Ok(file)
}

/// Takes the exclusive lock on `file`, waiting at most `timeout`.
///
/// The wait is a blocking `lock` on a second handle to the same open file
/// (which shares the lock), on a thread of its own: writers then queue in
/// the kernel and take turns, where polling `try_lock` would let one busy
/// writer starve another. If the time runs out first, the thread is left to
/// get the lock and give it straight back, and the caller is told.
pub(in crate::history) fn lock_within(file: &File, timeout: Duration) -> io::Result<()> {
    let waiter = file.try_clone()?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let locked = waiter.lock();
        let ok = locked.is_ok();
        if tx.send(locked).is_err() && ok {
            // Nobody waits any more: don't keep the lock.
            let _ = waiter.unlock();
        }
    });
    match rx.recv_timeout(timeout) {
        Ok(locked) => locked,
        Err(_) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!(
                "another mobility seems to be writing it (it was still locked after {}), \
                 so this run was not recorded",
                humantime::format_duration(timeout)
            ),
        )),
    }
}

/// Refuses anything but a regular file: a FIFO would block every reader
/// and writer, and a device such as `/dev/zero` never ends.
pub(in crate::history) fn regular(meta: &fs::Metadata) -> io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "is {}, not a regular file; the history must be a plain file",
            crate::diagnostic::irregular(meta).unwrap_or("not a plain file")
        ),
    ))
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
