//! One history across machines: a directory the user keeps in sync, in
//! which each machine appends only to its own `history-<machine>.jsonl`,
//! and which is read as one log, merged by time, each run once.
//!
//! mobility never syncs anything itself: it writes one file, and reads
//! whatever files a sync tool has put beside it, conflict copies included.

use std::ffi::OsStr;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::log::{self, LOCK_TIMEOUT, Log};
use super::{Record, checkin};

/// A history directory holding more files than this is refused: a sync
/// tool makes a few conflict copies, not thousands.
pub const MAX_FILES: usize = 1000;

/// A history directory whose files add up to more than this is refused
/// rather than read: some two million runs, twenty machines' worth of a
/// lifetime of practice, and about 700 MiB of memory to hold them.
pub const MAX_DIR: u64 = 512 << 20;

/// The longest machine name.
const MAX_MACHINE: usize = 64;

/// Where the history is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Store {
    /// One file in the state directory, as before history directories.
    File { path: PathBuf, machine: String },
    /// A history directory: this machine appends to
    /// `history-<machine>.jsonl` and reads every `history-*.jsonl`.
    Dir { dir: PathBuf, machine: String },
}

impl Store {
    /// The name this machine's records carry.
    pub fn machine(&self) -> &str {
        match self {
            Store::File { machine, .. } | Store::Dir { machine, .. } => machine,
        }
    }

    /// The one file this machine appends to.
    pub fn own_file(&self) -> PathBuf {
        match self {
            Store::File { path, .. } => path.clone(),
            Store::Dir { dir, machine } => dir.join(format!("history-{machine}.jsonl")),
        }
    }

    /// Reads the whole history, oldest first. A single file is read whole,
    /// then put in merge order (see [`Record::merge_order`]). A directory is every `history-*.jsonl` in it (see
    /// [`is_history_file`]), each read like a single file, merged by start
    /// time, each run kept once (see [`Record::same_run`]). A missing file
    /// or directory is an empty history. An error names the file it is
    /// about.
    pub fn read(&self) -> Result<Log, (PathBuf, io::Error)> {
        match self {
            Store::File { path, .. } => {
                let mut log = log::read(path).map_err(|e| (path.clone(), e))?;
                // By time, whatever order the lines are in (a file merged
                // or edited by hand, newest first): whoever reads the log
                // can trust its order, as from a directory.
                log.records.sort_by(Record::merge_order);
                checkin::settle(&mut log);
                Ok(log)
            }
            Store::Dir { dir, .. } => read_dir(dir, MAX_DIR),
        }
    }
}

/// Whether a file in a history directory is read: `history-` at the start
/// and `.jsonl` at the end. That takes in the files of every machine and
/// the conflict copies sync tools make of them
/// (`history-laptop.sync-conflict-20261126-123456-ABCDEFG.jsonl`,
/// `history-laptop (conflicted copy).jsonl`), and leaves out their
/// temporary files (`.syncthing.history-laptop.jsonl.tmp`, `~…`) and the
/// runs `history forget` put aside ([`super::FORGOTTEN`]).
pub fn is_history_file(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| {
        n.starts_with("history-") && n.ends_with(".jsonl") && n != super::FORGOTTEN
    })
}

/// The history files in `dir`, sorted by name: none when it is missing,
/// an error when it holds more than [`MAX_FILES`].
pub(super) fn history_files(dir: &Path) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    let at = |e| (dir.to_path_buf(), e);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(at(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(at)?;
        if is_history_file(&entry.file_name()) {
            files.push(entry.path());
            if files.len() > MAX_FILES {
                return Err(at(io::Error::other(format!(
                    "holds more than {MAX_FILES} history files; \
                     merge or remove the conflict copies a sync tool left there"
                ))));
            }
        }
    }
    // The same order on every machine, whatever the directory's.
    files.sort();
    Ok(files)
}

fn read_dir(dir: &Path, max: u64) -> Result<Log, (PathBuf, io::Error)> {
    let at = |e| (dir.to_path_buf(), e);
    let files = history_files(dir)?;
    let total: u64 = files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .filter(fs::Metadata::is_file)
        .map(|m| m.len())
        .sum();
    if total > max {
        return Err(at(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "holds {} MiB of history files, more than the {} MiB mobility reads; \
                 move the conflict copies and the files of machines you no longer use elsewhere",
                total >> 20,
                max >> 20
            ),
        )));
    }
    let mut merged = Log::default();
    for path in files {
        let log = log::read(&path).map_err(|e| (path.clone(), e))?;
        merged.absorb(log);
    }
    // Each file is in time order already, almost always: the sort then
    // merges runs, close to linear.
    merged.records.sort_by(Record::merge_order);
    merged
        .records
        .dedup_by(|later, earlier| later.same_run(earlier));
    checkin::settle(&mut merged);
    Ok(merged)
}

/// A machine name as it goes into a file name: letters, digits, `.`, `_`
/// and `-` kept, anything else made `-`, at most 64 characters, no
/// leading `.` or `-`. `None` when nothing is left.
pub fn sanitize_machine(raw: &str) -> Option<String> {
    let name: String = raw
        .trim()
        .chars()
        .map(|c| if allowed(c) { c } else { '-' })
        .take(MAX_MACHINE)
        .collect();
    let name = name.trim_start_matches(['.', '-']).trim_end_matches('-');
    (!name.is_empty()).then(|| name.to_string())
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// What is wrong with `machine = "…"` in the config, if anything.
pub fn machine_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty; write a short name such as `\"laptop\"`".to_string());
    }
    if name.chars().count() > MAX_MACHINE {
        return Some(format!("is longer than {MAX_MACHINE} characters"));
    }
    // Its file would be the one `history forget` keeps, which is not read.
    if name == "forgotten" {
        return Some("is taken: `history-forgotten.jsonl` holds forgotten runs".to_string());
    }
    if !name.chars().all(allowed) || name.starts_with(['.', '-']) {
        return Some(
            "may hold only letters, digits, `.`, `_` and `-`, and may not start with `.` or `-`"
                .to_string(),
        );
    }
    None
}

/// The host name, sanitized, as the kernel gives it (`uname`); `None`
/// when nothing of it is left.
pub fn host_name() -> Option<String> {
    let uname = rustix::system::uname();
    sanitize_machine(&uname.nodename().to_string_lossy())
}

/// What [`move_into`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Moved {
    /// Records written into the directory.
    pub moved: usize,
    /// Records that were there already, from an earlier move.
    pub already: usize,
    /// Where the old file went when some of its lines could not be read
    /// (so were not moved); `None` when it was removed, or there was none.
    pub kept: Option<PathBuf>,
    /// Whether there was a file to move at all.
    pub found: bool,
}

/// Moves the records of the single file `from` into `to` (a [`Store::Dir`]):
/// every record not already somewhere in the directory is appended to this
/// machine's file, named with this machine when it names none, in one
/// synced write; only then is `from` removed. Safe to run again, or after
/// an interruption: records already there are not written twice.
///
/// Both files are locked throughout, so a run recorded meanwhile waits,
/// and then finds the file it waited on gone and writes a new one (which a
/// second move takes over). Lines of `from` that cannot be read are not
/// lost: the file is then renamed to `…moved` beside itself, not removed.
pub fn move_into(from: &Path, to: &Store) -> Result<Moved, (PathBuf, io::Error)> {
    let source = match File::options().read(true).write(true).open(from) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Moved::default()),
        Err(e) => return Err((from.to_path_buf(), e)),
    };
    let opened = source.metadata().map_err(at(from))?;
    log::regular(&opened).map_err(at(from))?;
    refuse_links_back(&opened, from, to)?;
    log::lock_within(&source, LOCK_TIMEOUT).map_err(at(from))?;
    // Another move may have held the lock, and taken the file away (or a
    // run recorded since has made a new one): move what is there now.
    match fs::metadata(from) {
        Ok(now) if same_file(&now, &opened) => {}
        Ok(_) => return move_into(from, to),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Moved::default()),
        Err(e) => return Err((from.to_path_buf(), e)),
    }
    let old = log::read(from).map_err(at(from))?;
    let own = to.own_file();
    let mut target = log::open_locked(&own, LOCK_TIMEOUT).map_err(at(&own))?;
    let there = to.read()?;
    let mut moved = Moved {
        found: true,
        ..Moved::default()
    };
    // Each run once, by the rule the reader keeps (`Record::same_run`):
    // both sides in merge order, where copies of a run sit side by side.
    let mut records = old.records;
    let read = records.len();
    records.sort_by(Record::merge_order);
    records.dedup_by(|later, earlier| later.same_run(earlier));
    moved.already = read - records.len();
    let mut known: Vec<&Record> = there.records.iter().collect();
    known.sort_by(|a, b| a.merge_order(b));
    let mut fresh: Vec<Record> = Vec::new();
    for mut record in records {
        let i = known.partition_point(|k| k.merge_order(&record).is_lt());
        let near = &known[i.saturating_sub(1)..(i + 1).min(known.len())];
        if !near.iter().any(|k| k.same_run(&record)) {
            record
                .machine
                .get_or_insert_with(|| to.machine().to_string());
            fresh.push(record);
        } else {
            moved.already += 1;
        }
    }
    moved.moved = fresh.len();
    // The amendments and the lines of other kinds go too, after the runs
    // they are about, each unless the directory holds it already.
    let checkins: Vec<_> = (old.checkins.into_iter())
        .filter(|c| !there.checkins.iter().any(|t| same_checkin(t, c)))
        .collect();
    let others: Vec<_> = (old.other.into_iter())
        .map(|o| o.value)
        .filter(|v| !there.other.iter().any(|t| &t.value == v))
        .collect();
    let mut lines = Vec::new();
    log::to_lines(&mut lines, &fresh).map_err(at(&own))?;
    log::to_lines(&mut lines, &checkins).map_err(at(&own))?;
    log::to_lines(&mut lines, &others).map_err(at(&own))?;
    log::append_lines(&mut target, lines).map_err(at(&own))?;
    if let Some(dir) = own.parent() {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(at(dir))?;
    }
    target.unlock().map_err(at(&own))?;
    if old.warnings.is_empty() {
        fs::remove_file(from).map_err(at(from))?;
    } else {
        let mut kept = from.as_os_str().to_owned();
        kept.push(".moved");
        let kept = PathBuf::from(kept);
        // An older `.moved` is not replaced: it holds lines of its own.
        let kept = (1..)
            .map(|n| match n {
                1 => kept.clone(),
                n => {
                    let mut numbered = kept.clone().into_os_string();
                    numbered.push(format!("-{n}"));
                    PathBuf::from(numbered)
                }
            })
            .find(|p| fs::symlink_metadata(p).is_err())
            .unwrap_or(kept);
        fs::rename(from, &kept).map_err(at(from))?;
        moved.kept = Some(kept);
    }
    if let Some(dir) = from.parent() {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(at(dir))?;
    }
    drop(source);
    Ok(moved)
}

/// Whether two amendments say the same, wherever they were read.
fn same_checkin(a: &checkin::Checkin, b: &checkin::Checkin) -> bool {
    (a.run, &a.machine, a.at, a.rating) == (b.run, &b.machine, b.at, b.rating)
}

/// Whether two looks at a path found the same file.
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

/// Refuses a move into a directory where a history file is the file being
/// moved, through a link: its records would count as there already, and
/// removing the file would then lose them (or, for this machine's own
/// file, the move would wait on its own lock).
fn refuse_links_back(
    source: &fs::Metadata,
    from: &Path,
    to: &Store,
) -> Result<(), (PathBuf, io::Error)> {
    let Store::Dir { dir, .. } = to else {
        return Ok(());
    };
    let mut files = history_files(dir)?;
    files.push(to.own_file());
    for file in files {
        if fs::metadata(&file).is_ok_and(|m| same_file(&m, source)) {
            return Err((
                file,
                io::Error::other(format!(
                    "leads to the history file being moved (`{}`), so moving it there would move it into itself; nothing was moved\n  hint: remove that link, then move again",
                    crate::text::path(from)
                )),
            ));
        }
    }
    Ok(())
}

/// Names the file an error is about.
fn at(path: &Path) -> impl FnOnce(io::Error) -> (PathBuf, io::Error) + use<> {
    let path = path.to_path_buf();
    move |e| (path, e)
}

#[cfg(test)]
mod tests;
