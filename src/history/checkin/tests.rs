use std::path::Path;

use super::*;
use crate::history::test_support::{at, run};
use crate::history::{Store, append, append_checkin, forget, move_into};

#[test]
fn ratings_are_whole_numbers_from_0_to_10_and_say_which_way_they_are_wrong() {
    let parse = |s: &str| rating(&serde_json::from_str(s).unwrap());
    assert_eq!(parse("0"), Ok(0));
    assert_eq!(parse("10"), Ok(10));
    assert_eq!(parse("7.0"), Ok(7), "7.0 is a whole number");
    for (text, message) in [
        ("11", "11 is above 10, the highest rating"),
        ("1e3", "1000.0 is above 10, the highest rating"),
        ("-1", "-1 is below 0, the lowest rating"),
        ("-1.0", "-1.0 is below 0, the lowest rating"),
        ("7.5", "7.5 is not a whole number from 0 to 10"),
        ("-7.5", "-7.5 is not a whole number from 0 to 10"),
        (r#""7""#, r#"`"7"` is not a whole number from 0 to 10"#),
        ("null", "`null` is not a whole number from 0 to 10"),
    ] {
        assert_eq!(parse(text).unwrap_err().to_string(), message, "{text}");
    }
}

#[test]
fn an_amendment_is_written_as_documented() {
    let mut record = run(
        "wall-flexion",
        &at("2026-11-25T10:30", "Europe/Berlin"),
        true,
    );
    record.machine = Some("laptop".into());
    let answered = Stamp::from(at("2026-11-25T10:41", "Europe/Berlin"));
    let line = serde_json::to_string(&Checkin::for_run(&record, answered, 7)).unwrap();
    assert_eq!(
        line,
        r#"{"kind":"checkin","run":"2026-11-25T10:30:00+01:00","machine":"laptop","at":"2026-11-25T10:41:00+01:00","rating":7}"#
    );
}

#[test]
fn the_last_answer_for_a_run_wins_and_one_for_no_run_is_returned() {
    let start = at("2026-11-25T10:30", "Europe/Berlin");
    let mut records = vec![run("r", &start, true)];
    let the_run = records[0].clone();
    let answered = |min: i64, rating| {
        let when = start
            .checked_add(jiff::SignedDuration::from_mins(min))
            .unwrap();
        Checkin::for_run(&the_run, Stamp::from(&when), rating)
    };
    let later = answered(12, 3);
    let earlier = answered(11, 8);
    let mut stray = answered(11, 5);
    stray.run = Stamp::from(at("2026-11-24T10:30", "Europe/Berlin"));
    let all = [later, stray.clone(), earlier];
    let orphans = apply(&mut records, &all);
    assert_eq!(records[0].checkin_after, Some(3));
    assert_eq!(orphans, [&stray]);
}

#[test]
fn an_amendment_naming_another_machine_does_not_apply() {
    let start = at("2026-11-25T10:30", "Europe/Berlin");
    let mut mine = run("r", &start, true);
    mine.machine = Some("desk".into());
    let mut theirs = mine.clone();
    theirs.machine = Some("laptop".into());
    let checkin = Checkin::for_run(&theirs, Stamp::from(&start), 4);
    let mut records = vec![mine];
    let all = [checkin];
    assert_eq!(apply(&mut records, &all), [&all[0]]);
    assert_eq!(records[0].checkin_after, None);
}

#[test]
fn last_ratings_skips_unrated_runs_and_keeps_time_order() {
    let day = |d: i64, rating: Option<u8>, routine: &str| {
        let start = at("2026-11-01T10:00", "UTC")
            .checked_add(jiff::SignedDuration::from_hours(24 * d))
            .unwrap();
        let mut r = run(routine, &start, true);
        r.checkin_after = rating;
        r
    };
    let records = [
        day(0, Some(9), "a"),
        day(1, Some(8), "a"),
        day(2, None, "a"),
        day(3, Some(2), "b"),
        day(4, Some(6), "a"),
    ];
    assert_eq!(last_ratings(&records, 2, |r| r.routine == "a"), [8, 6]);
    assert_eq!(last_ratings(&records, 9, |_| true), [9, 8, 2, 6]);
    assert!(last_ratings(&records, 0, |_| true).is_empty());
}

/// A run on `machine` that started `hours` after a fixed morning.
fn a_run(hours: i64, machine: &str) -> Record {
    let start = at("2026-11-25T08:00", "Europe/Berlin")
        .checked_add(jiff::SignedDuration::from_hours(hours))
        .unwrap();
    let mut record = run("wall-flexion", &start, true);
    record.machine = Some(machine.to_string());
    record
}

fn answered(record: &Record, rating: u8) -> Checkin {
    let at = Stamp {
        timestamp: record.ended_at.timestamp + jiff::SignedDuration::from_secs(5),
        offset: record.ended_at.offset,
    };
    Checkin::for_run(record, at, rating)
}

fn file_store(path: &Path) -> Store {
    Store::File {
        path: path.to_path_buf(),
        machine: "laptop".into(),
    }
}

fn add_line(path: &Path, line: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    writeln!(file, "{line}").unwrap();
}

fn warnings(store: &Store) -> Vec<String> {
    store.read().unwrap().warning_lines().collect()
}

#[test]
fn an_amendment_after_its_run_gives_the_run_its_rating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (first, second) = (a_run(0, "laptop"), a_run(24, "laptop"));
    append(&path, &first).unwrap();
    append_checkin(&path, &answered(&first, 7)).unwrap();
    append(&path, &second).unwrap();
    let log = file_store(&path).read().unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    let ratings: Vec<_> = log.records.iter().map(|r| r.checkin_after).collect();
    assert_eq!(ratings, [Some(7), None]);
}

#[test]
fn lines_of_a_kind_this_version_does_not_know_are_kept_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    append(&path, &a_run(0, "laptop")).unwrap();
    add_line(
        &path,
        r#"{"kind":"program","program":"flexion-program","action":"next","at":"2026-11-25T09:00:00+01:00"}"#,
    );
    add_line(
        &path,
        r#"{"kind":"run","routine":"r","title":"R","started_at":"2026-11-26T10:30:00+01:00","ended_at":"2026-11-26T10:40:00+01:00","active_seconds":12,"completed":true,"steps_done":1,"steps_total":1}"#,
    );
    let log = file_store(&path).read().unwrap();
    assert_eq!(log.warning_lines().count(), 0, "{:?}", log.warnings);
    assert_eq!(log.records.len(), 2, "`\"kind\":\"run\"` is a run");
    assert_eq!(log.other.len(), 1);
    assert_eq!(log.other[0].kind, "program");
    assert_eq!(log.other[0].line, 2);
    assert_eq!(log.other[0].value["action"], "next");
}

#[test]
fn an_amendment_for_a_run_that_is_not_there_is_named_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    append(&path, &a_run(0, "laptop")).unwrap();
    add_line(
        &path,
        r#"{"kind":"checkin","run":"2026-11-20T08:00:00+01:00","machine":"laptop","at":"2026-11-20T08:20:00+01:00","rating":4}"#,
    );
    let store = file_store(&path);
    let shown = format!("`{}`", crate::text::path(&path));
    assert_eq!(
        warnings(&store),
        [format!(
            "{shown}: line 2: the check-in was skipped: no run in the history started at 2026-11-20T08:00:00+01:00"
        )]
    );
    assert_eq!(store.read().unwrap().records[0].checkin_after, None);
}

#[test]
fn a_rating_out_of_range_typed_by_hand_is_a_warning_that_says_which_way() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let record = a_run(0, "laptop");
    append(&path, &record).unwrap();
    append_checkin(&path, &answered(&record, 3)).unwrap();
    let line = serde_json::to_string(&answered(&record, 3)).unwrap();
    for bad in ["11", "-1", "7.5", "\"seven\""] {
        add_line(
            &path,
            &line.replace(r#""rating":3"#, &format!(r#""rating":{bad}"#)),
        );
    }
    let store = file_store(&path);
    let shown = format!("`{}`", crate::text::path(&path));
    assert_eq!(
        warnings(&store),
        [
            format!(
                "{shown}: line 3: the check-in was skipped: its rating 11 is above 10, the highest rating"
            ),
            format!(
                "{shown}: line 4: the check-in was skipped: its rating -1 is below 0, the lowest rating"
            ),
            format!(
                "{shown}: line 5: the check-in was skipped: its rating 7.5 is not a whole number from 0 to 10"
            ),
            format!(
                "{shown}: line 6: the check-in was skipped: its rating `\"seven\"` is not a whole number from 0 to 10"
            ),
        ]
    );
    let log = store.read().unwrap();
    assert_eq!(log.records.len(), 1);
    assert_eq!(
        log.records[0].checkin_after,
        Some(3),
        "the good answer stands"
    );
}

#[test]
fn a_before_rating_out_of_range_keeps_the_run_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let mut record = a_run(0, "laptop");
    record.checkin_before = Some(5);
    append(&path, &record).unwrap();
    let line = serde_json::to_string(&record).unwrap();
    assert!(line.contains(r#""checkin_before":5"#), "{line}");
    add_line(
        &path,
        &line
            .replace(r#""checkin_before":5"#, r#""checkin_before":12"#)
            .replace("08:00", "09:00"),
    );
    let store = file_store(&path);
    let log = store.read().unwrap();
    let before: Vec<_> = log.records.iter().map(|r| r.checkin_before).collect();
    assert_eq!(before, [Some(5), None]);
    assert_eq!(
        warnings(&store),
        [format!(
            "`{}`: line 2: the run is kept without its check-in before: `checkin_before` 12 is above 10, the highest rating",
            crate::text::path(&path)
        )]
    );
}

#[test]
fn a_torn_amendment_at_the_end_is_an_incomplete_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let record = a_run(0, "laptop");
    append(&path, &record).unwrap();
    let line = serde_json::to_string(&answered(&record, 3)).unwrap();
    std::fs::write(
        &path,
        format!(
            "{}\n{}",
            serde_json::to_string(&record).unwrap(),
            &line[..30]
        ),
    )
    .unwrap();
    let log = file_store(&path).read().unwrap();
    assert_eq!(log.warnings.len(), 1);
    assert_eq!(log.warnings[0].problem, crate::history::Problem::Incomplete);
}

#[test]
fn amendments_apply_across_machines_files_to_their_own_machines_run() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = Store::Dir {
        dir: dir.path().to_path_buf(),
        machine: "laptop".into(),
    };
    let desk = Store::Dir {
        dir: dir.path().to_path_buf(),
        machine: "desk".into(),
    };
    let (mine, theirs) = (a_run(0, "laptop"), a_run(30, "desk"));
    append(&laptop.own_file(), &mine).unwrap();
    append_checkin(&laptop.own_file(), &answered(&mine, 2)).unwrap();
    append(&desk.own_file(), &theirs).unwrap();
    append_checkin(&desk.own_file(), &answered(&theirs, 9)).unwrap();
    let log = desk.read().unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    let ratings: Vec<_> = log.records.iter().map(|r| r.checkin_after).collect();
    assert_eq!(ratings, [Some(2), Some(9)]);
}

#[test]
fn forgetting_a_run_takes_its_amendment_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let (gone, kept) = (a_run(0, "laptop"), a_run(24, "laptop"));
    for record in [&gone, &kept] {
        append(&path, record).unwrap();
        append_checkin(&path, &answered(record, 6)).unwrap();
    }
    let store = file_store(&path);
    forget(&store, &gone).unwrap();
    let log = store.read().unwrap();
    assert_eq!(
        log.warning_lines().count(),
        0,
        "no amendment is left without its run"
    );
    assert_eq!(
        log.records,
        [Record {
            checkin_after: Some(6),
            ..kept
        }]
    );
}

#[test]
fn moving_into_a_directory_moves_the_amendments_and_other_kinds_too_once() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("history.jsonl");
    let record = a_run(0, "laptop");
    append(&old, &record).unwrap();
    append_checkin(&old, &answered(&record, 4)).unwrap();
    let program = r#"{"kind":"program","action":"next"}"#;
    add_line(&old, program);
    let to = Store::Dir {
        dir: dir.path().join("sync"),
        machine: "laptop".into(),
    };
    let copy = dir.path().join("copy.jsonl");
    std::fs::copy(&old, &copy).unwrap();
    move_into(&old, &to).unwrap();
    std::fs::rename(&copy, &old).unwrap();
    move_into(&old, &to).unwrap();
    let log = to.read().unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records.len(), 1);
    assert_eq!(log.records[0].checkin_after, Some(4));
    assert_eq!(log.checkins.len(), 1, "moved once");
    assert_eq!(log.other.len(), 1, "moved once");
    assert_eq!(
        log.other[0].value,
        serde_json::from_str::<serde_json::Value>(program).unwrap()
    );
}

#[test]
fn forgetting_a_run_keeps_the_amendment_of_another_machines_run_that_started_at_the_same_instant() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.jsonl");
    let gone = a_run(0, "laptop");
    let kept = Record {
        routine: "neck-release".into(),
        ..a_run(0, "desk")
    };
    for (record, rating) in [(&gone, 6), (&kept, 3)] {
        append(&path, record).unwrap();
        append_checkin(&path, &answered(record, rating)).unwrap();
    }
    let store = file_store(&path);
    forget(&store, &gone).unwrap();
    let log = store.read().unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(
        log.records,
        [Record {
            checkin_after: Some(3),
            ..kept
        }]
    );
}
