//! `history forget`: a run taken out of this machine's file, by its start
//! time as `history` prints it or with `--last`, and kept aside in
//! `history-forgotten.jsonl`.

use std::path::Path;

use crate::common::TestEnv;

/// One completed run of `routine` that started at `start` (RFC 3339, UTC)
/// on `machine`, if given.
fn run(routine: &str, start: &str, machine: Option<&str>) -> String {
    let end = start.replace(":00Z", ":05Z");
    let machine = machine.map_or(String::new(), |m| format!(r#","machine":"{m}""#));
    format!(
        r#"{{"routine":"{routine}","title":"T","started_at":"{start}","ended_at":"{end}","active_seconds":5.0,"completed":true,"reached_end":true,"steps_done":3,"steps_total":3,"steps_skipped":0{machine}}}"#
    ) + "\n"
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn forget_by_start_time_removes_that_run_and_keeps_it_aside() {
    let env = TestEnv::new();
    let (a, b, c) = (
        run("wall-flexion", "2026-01-10T08:00:00Z", None),
        run("bogus", "2026-01-11T09:30:00Z", None),
        run("wall-flexion", "2026-01-12T08:00:00Z", None),
    );
    env.write(
        env.history_file(),
        [a.clone(), b.clone(), c.clone()].concat(),
    );
    let out = env.succeeds(["history", "forget", "2026-01-11 09:30"]);
    assert!(out.contains("Forgot") && out.contains("bogus"), "{out}");
    assert_eq!(read(&env.history_file()), [a, c].concat());
    let aside = env.history_file().with_file_name("history-forgotten.jsonl");
    assert_eq!(read(&aside), b);
    let listed = env.succeeds(["history"]);
    assert!(!listed.contains("bogus"), "{listed}");
}

#[test]
fn forget_last_removes_the_newest_run() {
    let env = TestEnv::new();
    let (a, b) = (
        run("wall-flexion", "2026-01-10T08:00:00Z", None),
        run("wall-flexion", "2026-01-12T08:00:00Z", None),
    );
    // The newest first in the file: the last run is the newest, not the
    // last line.
    env.write(env.history_file(), [b.clone(), a.clone()].concat());
    env.succeeds(["history", "forget", "--last"]);
    assert_eq!(read(&env.history_file()), a);
    let aside = env.history_file().with_file_name("history-forgotten.jsonl");
    assert_eq!(read(&aside), b);
}

#[test]
fn forget_says_no_when_no_run_started_then() {
    let env = TestEnv::new();
    let a = run("wall-flexion", "2026-01-10T08:00:00Z", None);
    env.write(env.history_file(), &a);
    let err = env.fails(["history", "forget", "2026-01-10 08:01"], 1);
    assert!(err.contains("no run started at 2026-01-10 08:01"), "{err}");
    assert_eq!(read(&env.history_file()), a);
    let err = env.fails(["history", "forget", "yesterday-ish"], 2);
    assert!(err.contains("2026-11-20 07:30"), "{err}");
    let empty = TestEnv::new();
    empty.fails(["history", "forget", "--last"], 1);
}

#[test]
fn forget_in_a_history_directory_touches_only_this_machines_file() {
    let env = TestEnv::new();
    let dir = env.path().join("sync");
    env.write(
        env.config_home().join("mobility/config.toml"),
        format!(
            "[history]\nhistory_dir = {:?}\nmachine = \"laptop\"\n",
            dir.to_str().unwrap()
        ),
    );
    let mine = run("wall-flexion", "2026-01-10T08:00:00Z", Some("laptop"));
    let theirs = run("wall-flexion", "2026-01-12T08:00:00Z", Some("desk"));
    let own = env.write(dir.join("history-laptop.jsonl"), &mine);
    let other = env.write(dir.join("history-desk.jsonl"), &theirs);

    // The newest run is the desk's: it is left alone, and that is said.
    let err = env.fails(["history", "forget", "--last"], 1);
    assert!(
        err.contains("history-desk.jsonl") && err.contains("desk"),
        "{err}"
    );
    assert_eq!(read(&other), theirs);
    assert_eq!(read(&own), mine);

    env.succeeds(["history", "forget", "2026-01-10 08:00"]);
    assert_eq!(read(&own), "");
    assert_eq!(read(&dir.join("history-forgotten.jsonl")), mine);
    // The forgotten run is not read back as another machine's.
    let json = env.succeeds(["history", "--json"]);
    assert_eq!(json.matches("\"started_at\"").count(), 1, "{json}");
}
