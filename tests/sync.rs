//! One history across two machines: two state directories with their own
//! machine names, each with its own copy of a synced directory, files
//! copied between them the way a sync tool does (conflict copies
//! included), and both writing into one shared directory at once.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use crate::common::{SHORT, TestEnv};

/// A machine: its own environment, config and copy of the synced folder.
struct Machine {
    env: TestEnv,
    sync: PathBuf,
}

impl Machine {
    /// A machine called `name` whose history directory is `sync`.
    fn new(name: &str, sync: &Path) -> Machine {
        let env = TestEnv::new();
        env.write(
            env.config_home().join("mobility/config.toml"),
            format!(
                "[history]\nhistory_dir = {}\nmachine = \"{name}\"\n",
                toml_string(sync)
            ),
        );
        env.user_routine("short", SHORT);
        Machine {
            env,
            sync: sync.to_path_buf(),
        }
    }

    fn own(&self, name: &str) -> PathBuf {
        self.sync.join(format!("history-{name}.jsonl"))
    }

    #[track_caller]
    fn summary(&self) -> Value {
        let json: Value =
            serde_json::from_str(&self.env.succeeds(["history", "--json", "--limit", "1000"]))
                .unwrap();
        let mut summary = json["summary"].clone();
        summary["listed"] = json["records"].as_array().unwrap().len().into();
        summary
    }
}

fn toml_string(path: &Path) -> String {
    format!("{:?}", path.to_str().unwrap())
}

/// One completed run of `short` at noon `days` days ago (UTC, as in every
/// test), as `machine` records it.
fn past_run(machine: &str, days: i64) -> String {
    let today = Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let noon = today
        .at(12, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap();
    let start = noon.timestamp() - SignedDuration::from_hours(24 * days);
    let end = start + SignedDuration::from_secs(2);
    format!(
        r#"{{"routine":"short","title":"Quick","started_at":"{start}","ended_at":"{end}","active_seconds":2.0,"completed":true,"reached_end":true,"steps_done":2,"steps_total":2,"steps_skipped":0,"machine":"{machine}"}}"#
    ) + "\n"
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = std::fs::File::options()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

/// Copies every file of `from` into `to`, as a sync tool brings a folder
/// up to date.
fn sync(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn two_machines_count_every_run_once_with_conflict_copies_about() {
    let shared = tempfile::tempdir().unwrap();
    let laptop = Machine::new("laptop", &shared.path().join("laptop-copy"));
    let desk = Machine::new("desk", &shared.path().join("desk-copy"));

    // The laptop practised three and one days ago, the desk two days ago:
    // neither alone has a streak of more than a day.
    append(
        &laptop.own("laptop"),
        &(past_run("laptop", 3) + &past_run("laptop", 1)),
    );
    append(&desk.own("desk"), &past_run("desk", 2));
    assert_eq!(laptop.summary()["current_streak"], 1);
    assert_eq!(desk.summary()["current_streak"], 0);

    // A run today on the desk, recorded in its own file only.
    desk.env.succeeds(["run", "short", "--plain", "--quiet"]);
    let desk_file = std::fs::read_to_string(desk.own("desk")).unwrap();
    assert_eq!(desk_file.lines().count(), 2);
    assert!(desk_file.contains(r#""machine":"desk""#), "{desk_file}");
    assert!(
        !desk.env.history_file().exists(),
        "nothing goes to the old file"
    );

    // The sync tool brings both folders up to date; while one side was
    // offline it made a conflict copy of the laptop's file, as it was
    // before its last run.
    sync(&laptop.sync, &desk.sync);
    sync(&desk.sync, &laptop.sync);
    std::fs::write(
        desk.sync
            .join("history-laptop.sync-conflict-20261126-123456-ABCDEFG.jsonl"),
        past_run("laptop", 3),
    )
    .unwrap();
    std::fs::write(
        laptop.sync.join("history-desk (conflicted copy).jsonl"),
        &desk_file,
    )
    .unwrap();

    for machine in [&laptop, &desk] {
        let summary = machine.summary();
        assert_eq!(summary["total_runs"], 4, "{summary}");
        assert_eq!(summary["listed"], 4, "{summary}");
        assert_eq!(summary["current_streak"], 4, "{summary}");
        // `due` counts the desk's run today on both machines.
        let out = machine.env.run(["due", "short"]).exits(1).stdout;
        assert!(out.contains("done"), "{out}");
        let list = machine.env.succeeds(["history"]);
        assert_eq!(
            list.matches("completed").count(),
            5,
            "4 runs, 1 summary: {list}"
        );
    }
}

#[test]
fn two_machines_appending_at_once_into_one_directory_lose_nothing() {
    let shared = tempfile::tempdir().unwrap();
    let sync = shared.path().join("sync");
    let machines = [Machine::new("laptop", &sync), Machine::new("desk", &sync)];
    const RUNS: usize = 4;
    let children: Vec<_> = machines
        .iter()
        .flat_map(|m| {
            (0..RUNS).map(move |_| {
                m.env
                    .command(["run", "short", "--plain", "--quiet"])
                    .spawn()
                    .unwrap()
            })
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    for (machine, name) in machines.iter().zip(["laptop", "desk"]) {
        let own = std::fs::read_to_string(machine.own(name)).unwrap();
        assert_eq!(own.lines().count(), RUNS, "{own}");
        assert_eq!(machine.summary()["total_runs"], 2 * RUNS);
    }
}

#[test]
fn moving_the_history_file_into_a_directory_twice_moves_each_run_once() {
    let env = TestEnv::new();
    let dir = env.path().join("sync");
    env.write(
        env.history_file(),
        past_run("x", 2).replace(r#","machine":"x""#, "") + &past_run("x", 1),
    );
    let out = env.succeeds([
        OsStr::new("history"),
        OsStr::new("--move-to"),
        dir.as_os_str(),
    ]);
    assert!(out.contains("Moved 2 runs into"), "{out}");
    assert!(out.contains("[history]\nhistory_dir = "), "{out}");
    assert!(!env.history_file().exists());
    let out = env.succeeds([
        OsStr::new("history"),
        OsStr::new("--move-to"),
        dir.as_os_str(),
    ]);
    assert!(out.contains("nothing to move"), "{out}");

    // Read from the directory now, through the variable.
    let run = env.run_with(["history", "--json"], |c| {
        c.env("MOBILITY_HISTORY_DIR", &dir);
    });
    let json: Value = serde_json::from_str(&run.success()).unwrap();
    assert_eq!(json["summary"]["total_runs"], 2);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1, "one file, this machine's");
}

#[test]
fn moving_into_another_directory_than_the_one_set_is_refused() {
    let env = TestEnv::new();
    env.write(env.history_file(), past_run("x", 1));
    let err = env
        .run_with(["history", "--move-to", "/somewhere/else"], |c| {
            c.env("MOBILITY_HISTORY_DIR", "/the/set/one");
        })
        .fails(2);
    assert!(err.contains("already `/the/set/one`"), "{err}");
    assert!(env.history_file().exists(), "nothing moved");
}

#[test]
fn a_relative_history_dir_in_the_config_is_an_error_at_its_line() {
    let env = TestEnv::new();
    env.write(
        env.config_home().join("mobility/config.toml"),
        "[history]\nhistory_dir = \"Sync/mobility\"\n",
    );
    let err = env.run(["config", "check"]).exits(1).stdout;
    assert!(err.contains("config.toml:2:15"), "{err}");
    assert!(err.contains("not an absolute path"), "{err}");
}
