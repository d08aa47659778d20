//! History, streaks, `due`, `remind`, `cron`, the config file and `paths`,
//! run as a user would run them, in temporary XDG directories.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{QUICK, TestEnv};
use serde_json::Value;

#[track_caller]
fn history_json(env: &TestEnv) -> Value {
    serde_json::from_str(&env.succeeds(["history", "--json"])).unwrap()
}

#[test]
fn a_completed_run_shows_in_history_json() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    let json = history_json(&env);
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["routine"], "quick");
    assert_eq!(r["title"], "Quick");
    assert_eq!(r["completed"], true);
    assert_eq!(r["reached_end"], true);
    assert_eq!(
        (r["steps_done"].as_u64(), r["steps_total"].as_u64()),
        (Some(1), Some(1))
    );
    let active = r["active_seconds"].as_f64().unwrap();
    assert!((0.19..1.0).contains(&active), "{active}");
    assert!(r["started_at"].as_str().unwrap().ends_with("+00:00"), "{r}");
    assert_eq!(json["summary"]["current_streak"], 1);
    assert_eq!(json["summary"]["runs_this_week"], 1);
}

#[test]
fn due_flips_from_zero_to_one_once_the_routine_is_done() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    assert_eq!(
        env.succeeds(["due", "quick"]),
        "quick is due: never completed\n"
    );
    env.succeeds(["run", "quick"]);
    let run = env.run(["due", "quick"]).exits(1);
    assert!(
        run.stdout.starts_with("quick is done for today (") && run.stderr.is_empty(),
        "{run}"
    );
    assert_eq!(env.fails(["due", "quick", "--quiet"], 1), "");
    // The run took 200 ms, so a 1 ms window ends before it began.
    let out = env.succeeds(["due", "quick", "--within", "1ms"]);
    assert!(out.starts_with("quick is due: last completed"), "{out}");
}

#[test]
fn due_on_an_unknown_routine_is_trouble() {
    let env = TestEnv::new();
    let err = env.fails(["due", "nope"], 2);
    assert!(err.contains("no routine named `nope`"), "{err}");
}

#[test]
fn a_run_quit_by_a_signal_is_recorded_as_not_completed() {
    let env = TestEnv::new();
    env.user_routine(
        "long",
        "title = \"Long\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"a\"\nhold = \"200ms\"\n[[step]]\nname = \"B\"\ncue = \"b\"\nhold = \"30s\"\n",
    );
    let mut child = env.command(["run", "long"]).spawn().unwrap();
    // Wait until the second step has begun, then stop the run.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("step 2/2") && Instant::now() < deadline {
        let n = std::io::Read::read(&mut stdout, &mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("step 2/2"), "{seen}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success(), "kill -TERM failed");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    let json = history_json(&env);
    let r = &json["records"][0];
    assert_eq!(r["completed"], false);
    assert_eq!(r["reached_end"], false);
    assert_eq!(
        (r["steps_done"].as_u64(), r["steps_total"].as_u64()),
        (Some(1), Some(2))
    );
}

#[test]
fn history_lists_newest_first_with_a_streak_summary() {
    let env = TestEnv::new();
    env.write(
        "state/mobility/history.jsonl",
        concat!(
            r#"{"routine":"wall-flexion","title":"Wall","started_at":"2026-01-10T08:00:00+00:00","ended_at":"2026-01-10T08:02:00+00:00","active_seconds":112,"completed":true,"steps_done":3,"steps_total":3}"#,
            "\n",
            r#"{"routine":"chair-flexion","title":"Chair","started_at":"2026-01-11T09:00:00+00:00","ended_at":"2026-01-11T09:01:00+00:00","active_seconds":45,"completed":false,"steps_done":1,"steps_total":3}"#,
            "\n",
        ),
    );
    let out = env.succeeds(["history"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "2026-01-11 09:00  chair-flexion    0:45  stopped, 1 of 3 steps"
    );
    assert_eq!(
        lines[1],
        "2026-01-10 08:00  wall-flexion     1:52  completed"
    );
    assert!(
        lines[3].starts_with("Streak: 0 days (longest 1 day)"),
        "{out}"
    );

    let out = env.succeeds(["history", "--routine", "wall-flexion", "--limit", "5"]);
    assert!(out.contains("wall-flexion"), "{out}");
    assert!(!out.contains("chair-flexion"), "{out}");
    let out = env.succeeds(["history", "--since", "2026-01-11"]);
    assert!(out.contains("chair-flexion"), "{out}");
    assert!(!out.contains("wall-flexion"), "{out}");
    let err = env.fails(["history", "--since", "last tuesday"], 2);
    assert!(err.contains("2026-11-01") || err.contains("date"), "{err}");
}

#[test]
fn a_torn_last_line_is_skipped_with_a_warning_and_the_next_record_lands_whole() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    let path = env.history_file();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(r#"{"routine":"quick","title":"Qu"#);
    std::fs::write(&path, &text).unwrap();

    let run = env.run(["history"]).exits(0);
    let (out, err) = (run.stdout, run.stderr);
    assert!(
        err.contains("line 2") && err.contains("incomplete"),
        "{err}"
    );
    assert!(out.contains("quick"), "{out}");

    // The torn line does not keep the next run from being recorded.
    env.run(["run", "quick"]).exits(0);
    let err = env.run(["history"]).exits(0).stderr;
    assert!(
        err.contains("line 2"),
        "the torn line is still reported: {err}"
    );
    let json: Value =
        serde_json::from_str(&env.run(["history", "--json"]).exits(0).stdout).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), 2);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text), "nothing is ever rewritten");
    assert!(after.ends_with("}\n"));
}

/// Set in the copies of the test below that do the appending.
const APPENDER: &str = "MOBILITY_TEST_APPENDER";

/// Each appender writes at least this many records...
const APPENDS: usize = 200;

/// ...and goes on for at least this long, so the two surely overlap even
/// when the machine is busy.
const APPENDING_FOR: Duration = Duration::from_millis(300);

#[test]
fn two_processes_appending_at_once_lose_and_tear_nothing() {
    if let Some(who) = std::env::var_os(APPENDER) {
        return append_as(&who.into_string().unwrap());
    }
    let env = TestEnv::new();
    // This same test, run again as each of two appenders.
    let test = "habit::two_processes_appending_at_once_lose_and_tear_nothing";
    let mut children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let child = env
                .clean(std::env::current_exe().unwrap())
                .args(["--exact", test, "--test-threads=1", "--nocapture"])
                .env(APPENDER, who)
                .stdout(Stdio::null())
                .spawn()
                .unwrap();
            (who, child)
        })
        .collect();
    // Both are ready: let them go at once.
    for (who, child) in &mut children {
        let ready = env.path().join(format!("ready-{who}"));
        wait_until(&format!("appender {who} to start"), || {
            let exited = child.try_wait().unwrap();
            assert!(exited.is_none(), "appender {who} ended unready: {exited:?}");
            ready.exists()
        });
    }
    std::fs::write(env.path().join("go"), "").unwrap();

    let mut written = Vec::new();
    for (who, mut child) in children {
        let status = child.wait().unwrap();
        assert!(status.success(), "appender {who}: {status}");
        let count = std::fs::read_to_string(env.path().join(format!("count-{who}")))
            .unwrap_or_else(|e| panic!("appender {who} never finished: {e}"));
        written.push((who, count.parse::<usize>().unwrap()));
    }

    let log = mobility::history::read(&env.history_file()).unwrap();
    assert!(log.warnings.is_empty(), "torn lines: {:?}", log.warnings);
    let ids: Vec<&str> = log.records.iter().map(|r| r.routine.as_str()).collect();
    let total: usize = written.iter().map(|(_, n)| n).sum();
    assert_eq!(ids.len(), total, "records lost or doubled: {written:?}");
    for (who, count) in &written {
        assert!(*count >= APPENDS, "{who} wrote only {count}");
        for i in 0..*count {
            let id = format!("{who}-{i}");
            assert_eq!(ids.iter().filter(|&&r| r == id).count(), 1, "{id}");
        }
    }
    // The appends really were at the same time: the log switches between
    // the writers more than once, instead of holding one block of each.
    let switches = ids.windows(2).filter(|w| w[0][..1] != w[1][..1]).count();
    assert!(
        switches >= 2,
        "the two appenders never overlapped ({switches} switches): {ids:?}"
    );
}

/// One appender's side of the test above: says it is ready, waits for the
/// go, appends long records to the history file, then says how many.
fn append_as(who: &str) {
    let dir = std::env::current_dir().unwrap();
    let path = PathBuf::from(std::env::var_os("XDG_STATE_HOME").unwrap())
        .join("mobility")
        .join("history.jsonl");
    std::fs::write(dir.join(format!("ready-{who}")), "").unwrap();
    wait_until("the go", || dir.join("go").exists());
    let stamp: mobility::history::Stamp = "2026-11-25T10:00:00+01:00".parse().unwrap();
    let start = Instant::now();
    let mut count = 0;
    while count < APPENDS || start.elapsed() < APPENDING_FOR {
        let record = mobility::history::Record {
            routine: format!("{who}-{count}"),
            // Long lines, as a long title makes, give a torn write more room.
            title: "x".repeat(300),
            started_at: stamp,
            ended_at: stamp,
            active_seconds: 1.5,
            completed: true,
            reached_end: true,
            steps_done: 1,
            steps_total: 1,
            steps_skipped: 0,
            machine: None,
            checkin_before: None,
            checkin_after: None,
            program: None,
            stage: None,
        };
        mobility::history::append(&path, &record).unwrap();
        count += 1;
    }
    std::fs::write(dir.join(format!("count-{who}")), count.to_string()).unwrap();
}

#[track_caller]
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "waited too long for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn remind_without_a_session_bus_prints_the_reminder_and_exits_zero() {
    let env = TestEnv::new();
    let run = env.run(["remind", "wall-flexion"]).exits(0);
    let (out, err) = (run.stdout, run.stderr);
    assert_eq!(
        out,
        "Time for Wall thoracic flexion — 2 min. Run: mobility run wall-flexion\n"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: no desktop notification:"),
        "{err}"
    );
}

#[test]
fn remind_says_nothing_when_the_routine_is_done() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    assert_eq!(env.succeeds(["remind", "quick"]), "");
}

#[test]
fn cron_prints_crontab_lines_with_five_fields_and_a_command() {
    let env = TestEnv::new();
    for (days, field) in [
        ("daily", "*"),
        ("weekdays", "1-5"),
        ("weekends", "0,6"),
        ("mon,wed,fri", "1,3,5"),
    ] {
        // Exit 0; the one thing on stderr is that this binary lives in
        // cargo's build directory (see tests/schedule.rs).
        let run = env.run([
            "cron",
            "wall-flexion",
            "--at",
            "10:30,15:05",
            "--days",
            days,
        ]);
        let run = run.exits(0);
        assert!(run.stderr.contains("cargo's build directory"), "{run}");
        let out = run.stdout;
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("# mobility: remind about wall-flexion"));
        let entries: Vec<&str> = lines.collect();
        assert_eq!(entries.len(), 2, "{out}");
        for (entry, (minute, hour)) in entries.iter().zip([("30", "10"), ("5", "15")]) {
            let fields: Vec<&str> = entry.split_whitespace().collect();
            assert_eq!(&fields[..5], [minute, hour, "*", "*", field], "{entry}");
            // The paths the test environment sets, carried on the line.
            assert!(fields[5].starts_with("XDG_CONFIG_HOME=/"), "{entry}");
            assert!(fields[6].starts_with("XDG_STATE_HOME=/"), "{entry}");
            assert!(std::path::Path::new(fields[7]).is_absolute(), "{entry}");
            assert_eq!(&fields[8..], ["remind", "wall-flexion"]);
        }
    }
}

#[test]
fn cron_rejects_bad_times_and_days_listing_the_accepted_forms() {
    let env = TestEnv::new();
    let err = env.fails(["cron", "wall-flexion", "--at", "25:00"], 2);
    assert!(err.contains("HH:MM"), "{err}");
    let err = env.fails(
        ["cron", "wall-flexion", "--at", "10:00", "--days", "funday"],
        2,
    );
    assert!(
        err.contains("weekdays") && err.contains("mon,wed,fri"),
        "{err}"
    );
}

#[test]
fn a_config_file_with_an_unknown_key_is_an_error_at_its_line() {
    let env = TestEnv::new();
    env.write(
        "config/mobility/config.toml",
        "[run]\nquiet = true\nvioce = true\n",
    );
    let err = env.fails(["run", "wall-flexion", "--plain"], 2);
    assert!(
        err.contains("config.toml:3:1: unknown key `vioce` in [run]; did you mean `voice`?"),
        "{err}"
    );
}

#[test]
fn the_config_lead_in_applies_and_a_flag_overrides_it() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.write("config/mobility/config.toml", "[run]\nlead_in = \"1s\"\n");
    let out = env.succeeds(["run", "quick", "--plain"]);
    assert!(
        out.starts_with("[0:00] step 1/1 · One · get ready 1s"),
        "{out}"
    );
    let out = env.succeeds(["run", "quick", "--plain", "--lead-in", "0s"]);
    assert!(
        out.starts_with("[0:00] step 1/1 · One · Hold 200ms"),
        "{out}"
    );
}

#[test]
fn the_config_within_sets_the_default_window_for_due() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    // Without the config, the run just now means it is not due.
    env.run(["due", "quick"]).exits(1);
    env.write(
        "config/mobility/config.toml",
        "[remind]\nwithin = \"1ms\"\n",
    );
    let out = env.succeeds(["due", "quick"]);
    assert!(out.starts_with("quick is due: last completed"), "{out}");
}

#[test]
fn paths_names_every_location_and_where_it_came_from() {
    let env = TestEnv::new();
    let out = env.succeeds(["--routines-dir", "extra", "paths"]);
    let config = env.config_home().join("mobility/config.toml");
    assert!(
        out.contains(&format!("{}  (from $XDG_CONFIG_HOME)", config.display())),
        "{out}"
    );
    assert!(out.contains("extra  (from --routines-dir)"), "{out}");
    assert!(
        out.contains("history.jsonl  (from $XDG_STATE_HOME)"),
        "{out}"
    );
    let out = env
        .run_with(["paths"], |cmd| {
            cmd.env_remove("XDG_STATE_HOME");
        })
        .success();
    assert!(
        out.contains("home/.local/state/mobility/history.jsonl  (default)"),
        "{out}"
    );
}
