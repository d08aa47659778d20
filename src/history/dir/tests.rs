use super::*;
use crate::history::append;
use crate::history::test_support::{at, run};

fn store(dir: &Path, machine: &str) -> Store {
    Store::Dir {
        dir: dir.to_path_buf(),
        machine: machine.to_string(),
    }
}

fn runs(n: usize, machine: &str) -> Vec<Record> {
    (0..n)
        .map(|i| {
            let start = at("2026-11-01T08:00", "Europe/Berlin")
                .checked_add(jiff::SignedDuration::from_hours(i as i64 * 25))
                .unwrap();
            let mut r = run(&format!("{machine}-{i}"), &start, true);
            r.machine = Some(machine.to_string());
            r
        })
        .collect()
}

#[test]
fn history_files_and_conflict_copies_are_read_and_temporary_files_are_not() {
    for name in [
        "history-laptop.jsonl",
        "history-laptop.sync-conflict-20261126-123456-ABCDEFG.jsonl",
        "history-laptop (conflicted copy).jsonl",
        "history-desk (Bob's conflicted copy 2026-11-26).jsonl",
    ] {
        assert!(is_history_file(OsStr::new(name)), "{name}");
    }
    for name in [
        "history.jsonl",
        ".syncthing.history-laptop.jsonl.tmp",
        "~history-laptop.jsonl",
        "history-laptop.jsonl.orig",
        "notes.txt",
    ] {
        assert!(!is_history_file(OsStr::new(name)), "{name}");
    }
}

#[test]
fn machine_names_keep_safe_characters_only() {
    assert_eq!(sanitize_machine("laptop\n").as_deref(), Some("laptop"));
    assert_eq!(
        sanitize_machine("Ana's MacBook Pro").as_deref(),
        Some("Ana-s-MacBook-Pro")
    );
    assert_eq!(
        sanitize_machine("../../etc/passwd").as_deref(),
        Some("etc-passwd")
    );
    assert_eq!(sanitize_machine(" \u{1b}[2J ").as_deref(), Some("2J"));
    assert_eq!(sanitize_machine("..."), None);
    assert_eq!(sanitize_machine(""), None);
    assert_eq!(sanitize_machine(&"a".repeat(500)).unwrap().len(), 64);
    assert!(machine_problem("desk-2.home").is_none());
    assert!(machine_problem("").unwrap().contains("empty"));
    assert!(machine_problem("my desk").unwrap().contains("letters"));
    assert!(machine_problem(".hidden").is_some());
    assert!(machine_problem(&"a".repeat(65)).unwrap().contains("64"));
}

#[test]
fn each_machine_appends_to_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = store(dir.path(), "laptop");
    assert_eq!(laptop.own_file(), dir.path().join("history-laptop.jsonl"));
    assert_eq!(laptop.machine(), "laptop");
}

#[test]
fn a_missing_directory_is_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let log = store(&dir.path().join("nope"), "m").read().unwrap();
    assert!(log.records.is_empty());
}

#[test]
fn files_merge_by_time_and_conflict_copies_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = runs(3, "laptop");
    let desk = runs(2, "desk");
    for r in &laptop {
        append(&dir.path().join("history-laptop.jsonl"), r).unwrap();
    }
    for r in &desk {
        append(&dir.path().join("history-desk.jsonl"), r).unwrap();
    }
    // A sync tool's conflict copy holds the first two laptop runs again.
    fs::copy(
        dir.path().join("history-laptop.jsonl"),
        dir.path()
            .join("history-laptop.sync-conflict-20261126-123456-ABCDEFG.jsonl"),
    )
    .unwrap();
    let log = store(dir.path(), "laptop").read().unwrap();
    assert!(log.warnings.is_empty());
    let got: Vec<&str> = log.records.iter().map(|r| r.routine.as_str()).collect();
    // Day by day: laptop-0 and desk-0 start at the same time, laptop-1 and desk-1 too.
    assert_eq!(
        got,
        ["desk-0", "laptop-0", "desk-1", "laptop-1", "laptop-2"]
    );
    for pair in log.records.windows(2) {
        assert!(pair[0].started_at.timestamp <= pair[1].started_at.timestamp);
    }
}

#[test]
fn a_bad_line_is_named_with_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    append(&dir.path().join("history-a.jsonl"), &runs(1, "a")[0]).unwrap();
    fs::write(dir.path().join("history-b.jsonl"), "{\"oops\": 1}\n{}\n").unwrap();
    let log = store(dir.path(), "a").read().unwrap();
    assert_eq!(log.records.len(), 1);
    let lines: Vec<String> = log.warning_lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("history-b.jsonl`: line 1"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("history-b.jsonl`: line 2"),
        "{}",
        lines[1]
    );
}

#[test]
fn moving_twice_moves_each_record_once() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("state/history.jsonl");
    let mut records = runs(4, "x");
    for r in &mut records {
        r.machine = None;
        append(&old, r).unwrap();
    }
    let to = store(&dir.path().join("sync"), "laptop");
    let moved = move_into(&old, &to).unwrap();
    assert_eq!((moved.moved, moved.already, moved.found), (4, 0, true));
    assert!(!old.exists(), "the old file is removed once moved");
    let log = to.read().unwrap();
    assert_eq!(log.records.len(), 4);
    assert!(
        log.records
            .iter()
            .all(|r| r.machine.as_deref() == Some("laptop"))
    );
    // Nothing left to move.
    assert_eq!(move_into(&old, &to).unwrap(), Moved::default());
    // An interrupted move left the old file: the second finds every record there.
    for r in &records {
        append(&old, r).unwrap();
    }
    let again = move_into(&old, &to).unwrap();
    assert_eq!((again.moved, again.already), (0, 4));
    assert_eq!(to.read().unwrap().records.len(), 4);
    assert!(!old.exists());
}

#[test]
fn a_file_with_unreadable_lines_is_kept_beside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("history.jsonl");
    append(&old, &runs(1, "x")[0]).unwrap();
    log_line(&old, "not json\n");
    append(&old, &runs(2, "y")[1]).unwrap();
    let to = store(&dir.path().join("sync"), "laptop");
    let moved = move_into(&old, &to).unwrap();
    assert_eq!(moved.moved, 2);
    let kept = moved.kept.unwrap();
    assert_eq!(kept, dir.path().join("history.jsonl.moved"));
    assert!(fs::read_to_string(kept).unwrap().contains("not json"));
    assert!(!old.exists());
}

fn log_line(path: &Path, line: &str) {
    use std::io::Write;
    let mut f = File::options().append(true).open(path).unwrap();
    f.write_all(line.as_bytes()).unwrap();
}

#[test]
fn runs_recorded_during_a_move_are_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("history.jsonl");
    let all = runs(150, "x");
    for r in &all[..50] {
        append(&old, r).unwrap();
    }
    let to = store(&dir.path().join("sync"), "laptop");
    let old = &old;
    std::thread::scope(|scope| {
        for chunk in all[50..].chunks(25) {
            scope.spawn(move || {
                for r in chunk {
                    append(old, r).unwrap();
                }
            });
        }
        // Moves while the others append: each append lands either before
        // the move takes the file, or in a new file after it.
        for _ in 0..3 {
            move_into(old, &to).unwrap();
        }
    });
    // Whatever came after the last move is taken by one more.
    move_into(old, &to).unwrap();
    let log = to.read().unwrap();
    assert_eq!(log.records.len(), 150);
    let mut got: Vec<&str> = log.records.iter().map(|r| r.routine.as_str()).collect();
    let mut want: Vec<&str> = all.iter().map(|r| r.routine.as_str()).collect();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn a_directory_larger_than_the_cap_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for (name, r) in [("a", &runs(1, "a")[0]), ("b", &runs(1, "b")[0])] {
        append(&dir.path().join(format!("history-{name}.jsonl")), r).unwrap();
    }
    let size: u64 = ["a", "b"]
        .iter()
        .map(|n| {
            fs::metadata(dir.path().join(format!("history-{n}.jsonl")))
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(read_dir(dir.path(), size).unwrap().records.len(), 2);
    let (path, err) = read_dir(dir.path(), size - 1).unwrap_err();
    assert_eq!(path, dir.path());
    assert!(
        err.to_string().contains("move the conflict copies"),
        "{err}"
    );
}

#[test]
fn a_history_directory_that_is_a_file_is_an_error_not_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sync");
    fs::write(&file, "not a directory\n").unwrap();
    let (path, _) = store(&file, "m").read().unwrap_err();
    assert_eq!(path, file);
}

#[test]
fn a_thousand_files_are_read_and_one_more_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    append(&dir.path().join("history-a.jsonl"), &runs(1, "a")[0]).unwrap();
    for n in 1..MAX_FILES {
        File::create(dir.path().join(format!("history-a ({n}).jsonl"))).unwrap();
    }
    // Other files do not count.
    fs::write(dir.path().join("notes.txt"), "").unwrap();
    assert_eq!(store(dir.path(), "a").read().unwrap().records.len(), 1);
    File::create(dir.path().join("history-one-more.jsonl")).unwrap();
    let (path, err) = store(dir.path(), "a").read().unwrap_err();
    assert_eq!(path, dir.path());
    assert!(err.to_string().contains("conflict copies"), "{err}");
}

#[test]
fn a_machine_name_of_64_characters_is_accepted() {
    let name = "a".repeat(64);
    assert_eq!(machine_problem(&name), None);
    assert_eq!(sanitize_machine(&name), Some(name));
}

#[test]
fn the_host_name_is_the_kernels_sanitized() {
    let Ok(raw) = fs::read_to_string("/proc/sys/kernel/hostname") else {
        eprintln!("skipped: no /proc/sys/kernel/hostname here");
        return;
    };
    let Some(kernel) = sanitize_machine(&raw) else {
        eprintln!("skipped: the kernel's host name {raw:?} has no safe characters");
        return;
    };
    assert_eq!(host_name(), Some(kernel));
}

#[test]
fn moving_from_something_that_is_not_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("history.jsonl");
    fs::create_dir(&from).unwrap();
    let to = store(&dir.path().join("sync"), "laptop");
    let (path, _) = move_into(&from, &to).unwrap_err();
    assert_eq!(path, from);
    assert!(from.is_dir(), "left where it was");
}

/// The history file with two runs in it, and a directory store to move it
/// into.
fn to_move(dir: &Path) -> (PathBuf, Store) {
    let old = dir.join("state/history.jsonl");
    for r in runs(2, "x") {
        append(&old, &r).unwrap();
    }
    (old, store(&dir.join("sync"), "laptop"))
}

#[test]
fn a_second_move_waiting_on_the_first_finds_nothing_left_to_move() {
    let dir = tempfile::tempdir().unwrap();
    let (old, to) = to_move(dir.path());
    // The first move, holding the lock while the second starts.
    let first = File::open(&old).unwrap();
    first.lock().unwrap();
    let second = {
        let (old, to) = (old.clone(), to.clone());
        std::thread::spawn(move || move_into(&old, &to))
    };
    // Time for the second to open the file and wait on the lock; had it
    // not got there yet, it finds no file, and the answer is the same.
    std::thread::sleep(std::time::Duration::from_millis(300));
    fs::remove_file(&old).unwrap();
    first.unlock().unwrap();
    assert_eq!(second.join().unwrap().unwrap(), Moved::default());
}

#[test]
fn a_history_directory_file_that_links_back_to_the_history_file_is_refused() {
    for name in ["history-laptop.jsonl", "history-desk.jsonl"] {
        let dir = tempfile::tempdir().unwrap();
        let (old, to) = to_move(dir.path());
        let sync = dir.path().join("sync");
        fs::create_dir(&sync).unwrap();
        std::os::unix::fs::symlink(&old, sync.join(name)).unwrap();
        let (path, e) = move_into(&old, &to).unwrap_err();
        assert_eq!(path, sync.join(name));
        let said = e.to_string();
        assert!(said.contains("the history file being moved"), "{said}");
        assert!(!said.contains("another mobility"), "{said}");
        assert_eq!(log::read(&old).unwrap().records.len(), 2, "{name}");
    }
}

#[test]
fn a_record_with_an_extreme_active_seconds_is_moved_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (old, to) = to_move(dir.path());
    let line = serde_json::to_string(&runs(3, "x")[2])
        .unwrap()
        .replace(r#""active_seconds":600.0"#, r#""active_seconds":-1e300"#);
    assert!(line.contains("-1e300"));
    log_line(&old, &format!("{line}\n"));
    assert_eq!(log::read(&old).unwrap().records.len(), 3);
    let moved = move_into(&old, &to).unwrap();
    assert_eq!((moved.moved, moved.kept), (3, None));
    let there = to.read().unwrap().records;
    assert_eq!(there.len(), 3);
    assert_eq!(there[2].active_seconds, -1e300);
}

#[test]
fn a_record_already_in_the_directory_exactly_as_it_is_is_not_moved_again() {
    let dir = tempfile::tempdir().unwrap();
    let to = store(&dir.path().join("sync"), "laptop");
    // Copied over by an earlier move that stopped before removing the old
    // file: the same records, machine and all, on both sides.
    let records = runs(3, "laptop");
    let old = dir.path().join("state/history.jsonl");
    for r in &records {
        append(&old, r).unwrap();
        append(&to.own_file(), r).unwrap();
    }
    let moved = move_into(&old, &to).unwrap();
    assert_eq!((moved.moved, moved.already), (0, 3));
    assert_eq!(to.read().unwrap().records.len(), 3);
}
