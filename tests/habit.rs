//! History, streaks, `due`, `remind`, `cron`, the config file and `paths`,
//! run as a user would run them, in temporary XDG directories.

mod common;

use std::process::{Command, Stdio};

use common::TestEnv;
use serde_json::Value;

/// A routine that takes 200 ms: quick enough to run in a test.
const QUICK: &str = "title = \"Quick\"\nlead_in = \"0s\"\n[[step]]\nname = \"One\"\ncue = \"Go\"\nhold = \"200ms\"\n";

fn history_json(env: &TestEnv) -> Value {
    let (code, out, err) = env.output(["history", "--json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_completed_run_shows_in_history_json() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    let (code, _, err) = env.output(["run", "quick"]);
    assert_eq!(code, 0, "{err}");
    let json = history_json(&env);
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["routine"], "quick");
    assert_eq!(r["title"], "Quick");
    assert_eq!(r["completed"], true);
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
    let (code, out, _) = env.output(["due", "quick"]);
    assert_eq!((code, out.as_str()), (0, "quick is due: never completed\n"));
    env.output(["run", "quick"]);
    let (code, out, _) = env.output(["due", "quick"]);
    assert_eq!((code, out.as_str()), (1, ""));
    // The run took 200 ms, so a 1 ms window ends before it began.
    let (code, out, _) = env.output(["due", "quick", "--within", "1ms"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("quick is due: last completed"), "{out}");
}

#[test]
fn due_on_an_unknown_routine_is_trouble() {
    let env = TestEnv::new();
    let (code, _, err) = env.output(["due", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no routine named `nope`"), "{err}");
}

#[test]
fn a_run_quit_by_a_signal_is_recorded_as_not_completed() {
    let env = TestEnv::new();
    env.user_routine(
        "long",
        "title = \"Long\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"a\"\nhold = \"200ms\"\n[[step]]\nname = \"B\"\ncue = \"b\"\nhold = \"30s\"\n",
    );
    let mut child = env
        .std_cmd(["run", "long"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the second step has begun, then stop the run.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("step 2/2") && std::time::Instant::now() < deadline {
        let n = std::io::Read::read(&mut stdout, &mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("step 2/2"), "{seen}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    let json = history_json(&env);
    let r = &json["records"][0];
    assert_eq!(r["completed"], false);
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
    let (code, out, _) = env.output(["history"]);
    assert_eq!(code, 0);
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

    let (_, out, _) = env.output(["history", "--routine", "wall-flexion", "--limit", "5"]);
    assert!(!out.contains("chair-flexion"), "{out}");
    let (_, out, _) = env.output(["history", "--since", "2026-01-11"]);
    assert!(!out.contains("wall-flexion"), "{out}");
    let (code, _, err) = env.output(["history", "--since", "last tuesday"]);
    assert_eq!(code, 2);
    assert!(err.contains("2026-11-01") || err.contains("date"), "{err}");
}

#[test]
fn a_torn_last_line_is_skipped_with_a_warning_and_the_next_record_lands_whole() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.output(["run", "quick"]);
    let path = env.history_file();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(r#"{"routine":"quick","title":"Qu"#);
    std::fs::write(&path, &text).unwrap();

    let (code, out, err) = env.output(["history"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("line 2") && err.contains("incomplete"),
        "{err}"
    );
    assert!(out.contains("quick"), "{out}");

    env.output(["run", "quick"]);
    let (_, _, err) = env.output(["history"]);
    assert!(
        err.contains("line 2"),
        "the torn line is still reported: {err}"
    );
    assert_eq!(history_json(&env)["records"].as_array().unwrap().len(), 2);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(after.starts_with(&text), "nothing is ever rewritten");
    assert!(after.ends_with("}\n"));
}

/// Run as a child process by the concurrency test below: appends 200
/// records to the file named in `MOBILITY_TEST_APPEND`.
#[test]
fn appender_child() {
    let Some(path) = std::env::var_os("MOBILITY_TEST_APPEND") else {
        return;
    };
    let who = std::env::var("MOBILITY_TEST_WHO").unwrap();
    let stamp: mobility::history::Stamp = "2026-11-25T10:00:00+01:00".parse().unwrap();
    for i in 0..200 {
        let record = mobility::history::Record {
            routine: format!("{who}-{i}"),
            title: "x".repeat(300),
            started_at: stamp,
            ended_at: stamp,
            active_seconds: 1.5,
            completed: true,
            steps_done: 1,
            steps_total: 1,
            steps_skipped: 0,
        };
        mobility::history::append(std::path::Path::new(&path), &record).unwrap();
    }
}

#[test]
fn two_processes_appending_200_records_each_lose_nothing() {
    let env = TestEnv::new();
    let path = env.history_file();
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|who| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "appender_child", "--test-threads=1"])
                .env("MOBILITY_TEST_APPEND", &path)
                .env("MOBILITY_TEST_WHO", who)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let log = mobility::history::read(&path).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records.len(), 400);
    for who in ["a", "b"] {
        for i in 0..200 {
            let id = format!("{who}-{i}");
            assert!(
                log.records.iter().any(|r| r.routine == id),
                "{id} is missing"
            );
        }
    }
}

#[test]
fn remind_without_a_session_bus_prints_the_reminder_and_exits_zero() {
    let env = TestEnv::new();
    let (code, out, err) = env.output(["remind", "wall-flexion"]);
    assert_eq!(code, 0);
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
    env.output(["run", "quick"]);
    let (code, out, err) = env.output(["remind", "quick"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
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
        let (code, out, err) = env.output([
            "cron",
            "wall-flexion",
            "--at",
            "10:30,15:05",
            "--days",
            days,
        ]);
        assert_eq!(code, 0, "{err}");
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("# mobility: remind about wall-flexion"));
        let entries: Vec<&str> = lines.collect();
        assert_eq!(entries.len(), 2, "{out}");
        for (entry, (minute, hour)) in entries.iter().zip([("30", "10"), ("5", "15")]) {
            let fields: Vec<&str> = entry.split_whitespace().collect();
            assert_eq!(&fields[..5], [minute, hour, "*", "*", field], "{entry}");
            assert!(std::path::Path::new(fields[5]).is_absolute(), "{entry}");
            assert_eq!(&fields[6..], ["remind", "wall-flexion"]);
        }
    }
}

#[test]
fn cron_rejects_bad_times_and_days_listing_the_accepted_forms() {
    let env = TestEnv::new();
    let (code, _, err) = env.output(["cron", "wall-flexion", "--at", "25:00"]);
    assert_eq!(code, 2);
    assert!(err.contains("HH:MM"), "{err}");
    let (code, _, err) = env.output(["cron", "wall-flexion", "--at", "10:00", "--days", "funday"]);
    assert_eq!(code, 2);
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
    let (code, _, err) = env.output(["run", "wall-flexion", "--plain"]);
    assert_eq!(code, 2);
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
    let (_, out, _) = env.output(["run", "quick", "--plain"]);
    assert!(
        out.starts_with("[0:00] step 1/1 · One · get ready 1s"),
        "{out}"
    );
    let (_, out, _) = env.output(["run", "quick", "--plain", "--lead-in", "0s"]);
    assert!(
        out.starts_with("[0:00] step 1/1 · One · hold 200ms"),
        "{out}"
    );
}

#[test]
fn the_config_within_sets_the_default_window_for_due() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.output(["run", "quick"]);
    env.write(
        "config/mobility/config.toml",
        "[remind]\nwithin = \"1ms\"\n",
    );
    let (code, out, _) = env.output(["due", "quick"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn paths_names_every_location_and_where_it_came_from() {
    let env = TestEnv::new();
    let (code, out, _) = env.output(["--routines-dir", "extra", "paths"]);
    assert_eq!(code, 0);
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
    let (_, out, _) = env
        .cmd(["paths"])
        .env_remove("XDG_STATE_HOME")
        .output()
        .map(|o| {
            (
                0,
                String::from_utf8_lossy(&o.stdout).into_owned(),
                String::new(),
            )
        })
        .unwrap();
    assert!(
        out.contains("home/.local/state/mobility/history.jsonl  (default)"),
        "{out}"
    );
}
