use std::io::Write;

use super::*;
use crate::history::Record;
use crate::history::test_support::{at, run};

/// `n` daily runs of `routine` ending on 2026-11-26 at 09:00 UTC, oldest
/// first, as lines of a log.
fn daily(routine: &str, n: i64) -> (Vec<Record>, String) {
    let last = at("2026-11-26T09:00", "UTC");
    let records: Vec<Record> = (0..n)
        .rev()
        .map(|back| {
            let start = last
                .checked_sub(jiff::SignedDuration::from_hours(24 * back))
                .unwrap();
            run(routine, &start, true)
        })
        .collect();
    let text = records
        .iter()
        .map(|r| serde_json::to_string(r).unwrap() + "\n")
        .collect();
    (records, text)
}

fn file_store(path: &std::path::Path) -> Store {
    Store::File {
        path: path.to_path_buf(),
        machine: "desk".into(),
    }
}

#[test]
fn a_file_shorter_than_the_tail_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (records, text) = daily("wall-flexion", 5);
    std::fs::write(&path, text).unwrap();
    let tail = file_store(&path).read_tail(TAIL_BYTES).unwrap();
    assert_eq!(tail.coverage, Coverage::Whole);
    assert_eq!(tail.log.records, records);
}

#[test]
fn a_longer_file_gives_its_last_whole_lines_and_when_the_first_of_them_ended() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (records, text) = daily("wall-flexion", 50);
    std::fs::write(&path, &text).unwrap();
    let line = text.len() as u64 / 50;
    // A cut in the middle of the 41st line from the end: 40 whole lines.
    let tail = file_store(&path).read_tail(40 * line + line / 2).unwrap();
    assert_eq!(tail.log.records, records[10..]);
    assert!(
        tail.log.warnings.is_empty(),
        "the cut line is not a damaged one"
    );
    assert_eq!(
        tail.coverage,
        Coverage::After(records[10].ended_at.timestamp)
    );
}

#[test]
fn a_cut_with_no_whole_line_after_it_can_answer_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (_, text) = daily("wall-flexion", 3);
    std::fs::write(&path, &text).unwrap();
    let tail = file_store(&path).read_tail(20).unwrap();
    assert_eq!(tail.coverage, Coverage::Unknown);
}

#[test]
fn in_a_directory_every_file_counts_and_the_latest_cut_bounds_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let (laptop, long) = daily("wall-flexion", 50);
    let (desk, short) = daily("chair-flexion", 2);
    std::fs::write(dir.path().join("history-laptop.jsonl"), &long).unwrap();
    let mut f = std::fs::File::create(dir.path().join("history-desk.jsonl")).unwrap();
    f.write_all(short.as_bytes()).unwrap();
    let store = Store::Dir {
        dir: dir.path().to_path_buf(),
        machine: "desk".into(),
    };
    let line = long.len() as u64 / 50;
    let tail = store.read_tail(10 * line + line / 2).unwrap();
    assert_eq!(
        tail.log.records.len(),
        10 + 2,
        "ten lines of the laptop's file, all of the desk's"
    );
    assert!(tail.log.records.contains(&desk[0]));
    assert_eq!(
        tail.coverage,
        Coverage::After(laptop[40].ended_at.timestamp)
    );
}

#[test]
fn no_file_is_an_empty_history_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let tail = file_store(&dir.path().join("none.jsonl"))
        .read_tail(TAIL_BYTES)
        .unwrap();
    assert_eq!(
        (tail.coverage, tail.log.records.len()),
        (Coverage::Whole, 0)
    );
}

#[test]
fn a_file_not_in_the_order_runs_end_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (records, _) = daily("wall-flexion", 50);
    // Newest first, as a file put together by hand might be.
    let reversed: String = records
        .iter()
        .rev()
        .map(|r| serde_json::to_string(r).unwrap() + "\n")
        .collect();
    std::fs::write(&path, &reversed).unwrap();
    let line = reversed.len() as u64 / 50;
    let tail = file_store(&path).read_tail(10 * line + line / 2).unwrap();
    assert_eq!(tail.coverage, Coverage::Unknown);
}

#[test]
fn a_file_that_begins_with_a_later_run_than_its_end_is_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (records, text) = daily("wall-flexion", 50);
    // The end is in order, but the first line is the newest run: the
    // part before the cut may hold anything.
    let newest = serde_json::to_string(&records[49]).unwrap() + "\n";
    std::fs::write(&path, newest + &text).unwrap();
    let line = text.len() as u64 / 50;
    let tail = file_store(&path).read_tail(10 * line + line / 2).unwrap();
    assert_eq!(tail.coverage, Coverage::Unknown);
}

#[test]
fn a_history_that_cannot_be_looked_at_is_an_error_not_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    // A path through a file: not missing, but unreadable.
    let err = file_store(&file.join("history.jsonl"))
        .read_tail(TAIL_BYTES)
        .unwrap_err();
    assert_eq!(err.0, file.join("history.jsonl"));
}
