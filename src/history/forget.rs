//! `history forget`: one run taken out of this machine's file, the file
//! rewritten whole under the appender's lock, the removed line kept in
//! `history-forgotten.jsonl` beside it.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::Record;
use super::dir::{Store, history_files};
use super::log::{LOCK_TIMEOUT, MAX_FILE, open_locked};

/// The file beside the history that keeps every forgotten line. Never
/// read as a machine's history (see [`super::is_history_file`]).
pub const FORGOTTEN: &str = "history-forgotten.jsonl";

/// What [`forget`] did.
#[derive(Debug, PartialEq)]
pub enum Forgotten {
    /// The run's lines were taken out of this machine's file and added to
    /// `aside`.
    Removed { lines: usize, aside: PathBuf },
    /// The run is only in another machine's file, which is left alone.
    Elsewhere { file: PathBuf },
    /// No file holds the run any more (another mobility forgot it first).
    Gone,
}

/// Takes every line that is `run` (see [`Record::same_run`]), and every
/// check-in amendment about it, out of this machine's file. The file is locked as [`super::append`] locks it, the
/// lines are added to [`FORGOTTEN`] and synced first, and only then is
/// the file replaced whole, so that a crash loses nothing. An appender
/// waiting for the lock finds the file replaced and opens it again.
pub fn forget(store: &Store, run: &Record) -> Result<Forgotten, (PathBuf, io::Error)> {
    let own = store.own_file();
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |e| (path, e)
    };
    if fs::symlink_metadata(&own).is_ok() {
        let mut file = open_locked(&own, LOCK_TIMEOUT).map_err(at(&own))?;
        let bytes = read_capped(&mut file).map_err(at(&own))?;
        let (kept, removed) = split(&bytes, run);
        if !removed.is_empty() {
            let aside = own.with_file_name(FORGOTTEN);
            keep_aside(&aside, &removed).map_err(at(&aside))?;
            crate::atomic_file::write(&own, &kept).map_err(at(&own))?;
            let lines = removed.iter().filter(|&&b| b == b'\n').count();
            file.unlock().map_err(at(&own))?;
            return Ok(Forgotten::Removed { lines, aside });
        }
        file.unlock().map_err(at(&own))?;
    }
    if let Store::Dir { dir, .. } = store {
        for path in history_files(dir)? {
            if path == own {
                continue;
            }
            let Ok(mut file) = fs::File::open(&path) else {
                continue;
            };
            let bytes = read_capped(&mut file).map_err(at(&path))?;
            if !split(&bytes, run).1.is_empty() {
                return Ok(Forgotten::Elsewhere { file: path });
            }
        }
    }
    Ok(Forgotten::Gone)
}

/// The whole file, refused past [`MAX_FILE`] as reading it is.
fn read_capped(file: &mut fs::File) -> io::Result<Vec<u8>> {
    super::log::regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("is larger than {} MiB", MAX_FILE >> 20),
        ));
    }
    Ok(bytes)
}

/// The file's bytes without the lines that are `run`, and those lines,
/// each ending in a newline. Every other byte is kept as it was, lines
/// that do not parse included.
fn split(bytes: &[u8], run: &Record) -> (Vec<u8>, Vec<u8>) {
    let (mut kept, mut removed) = (Vec::new(), Vec::new());
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let text = line.trim_ascii();
        let is_run = serde_json::from_slice::<Record>(text)
            .is_ok_and(|record| record.same_run(run))
            || super::checkin::names_run(text, run);
        if is_run {
            removed.extend_from_slice(line);
            if !line.ends_with(b"\n") {
                removed.push(b'\n');
            }
        } else {
            kept.extend_from_slice(line);
        }
    }
    (kept, removed)
}

/// Appends `lines` to the forgotten file and syncs it.
fn keep_aside(aside: &Path, lines: &[u8]) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(aside) {
        super::log::regular(&meta)?;
    }
    let mut file = OpenOptions::new().append(true).create(true).open(aside)?;
    super::log::regular(&file.metadata()?)?;
    file.write_all(lines)?;
    file.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(start: &str) -> String {
        format!(
            r#"{{"routine":"r","title":"T","started_at":"{start}","ended_at":"{start}","active_seconds":1.0,"completed":true,"steps_done":1,"steps_total":1}}"#
        )
    }

    #[test]
    fn split_keeps_every_other_byte_and_ends_the_removed_line() {
        let run: Record = serde_json::from_str(&line("2026-01-01T00:00:00Z")).unwrap();
        let other = line("2026-01-02T00:00:00Z");
        let file = format!("{other}\nnot json\n{}", line("2026-01-01T00:00:00Z"));
        let (kept, removed) = split(file.as_bytes(), &run);
        assert_eq!(
            String::from_utf8(kept).unwrap(),
            format!("{other}\nnot json\n")
        );
        assert_eq!(
            String::from_utf8(removed).unwrap(),
            line("2026-01-01T00:00:00Z") + "\n"
        );
    }
}
