//! The check-in: "Upper back now", asked on the end screen (and before the
//! get-ready with "before-after"), answered with one key, written after
//! the run's record as an amendment; in plain mode on stdin when it is a
//! terminal.

use std::process::Stdio;

use serde_json::Value;

use crate::common::{SHORT, TestEnv};

/// Every line of the history, as JSON.
#[track_caller]
fn lines(env: &TestEnv) -> Vec<Value> {
    let log = std::fs::read_to_string(env.history_file()).unwrap();
    log.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn with_config(config: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write("config/mobility/config.toml", config);
    env.write("routine.toml", SHORT);
    env
}

#[test]
fn answering_7_on_the_end_screen_adds_the_rating_after_the_run() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["DONE", "Upper back now: 0 easy … 10 stiff or sore"]);
    assert_eq!(
        lines(&env).len(),
        1,
        "the run is recorded before the question"
    );
    pty.send(b"7");
    // The answer joins the line of the trend, and the screen stays to show it.
    pty.wait_for_text(&["Upper back: 7 today · 7 this week", "any key to leave"]);
    pty.send(b"x");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    let lines = lines(&env);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let (run, checkin) = (&lines[0], &lines[1]);
    assert_eq!(run["completed"], true);
    assert_eq!(checkin["kind"], "checkin");
    assert_eq!(checkin["run"], run["started_at"]);
    assert_eq!(checkin["machine"], run["machine"]);
    assert_eq!(checkin["rating"], 7);
    // And the history reads it back onto the run.
    let json: Value = serde_json::from_str(&env.succeeds(["history", "--json"])).unwrap();
    assert_eq!(json["records"][0]["checkin_after"], 7);
}

#[test]
fn enter_skips_the_question_and_adds_nothing() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["DONE", "Enter to skip"]);
    pty.send(b"\r");
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
    let lines = lines(&env);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["completed"], true);
}

#[test]
fn t_answers_10() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["DONE", "Enter to skip"]);
    pty.send(b"t");
    pty.wait_for_text(&["Upper back: 10 today"]);
    pty.send(b"q");
    assert_eq!(pty.finish().code, 0);
    assert_eq!(lines(&env)[1]["rating"], 10);
}

#[test]
fn a_signal_during_the_question_leaves_the_run_recorded_and_exits_128_plus_n() {
    let env = with_config("");
    let pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["DONE", "Enter to skip"]);
    pty.kill("TERM");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 128 + 15, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    // The run ended as it ended: the summary says so.
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
    let lines = lines(&env);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["completed"], true);
}

#[test]
fn a_run_stopped_before_the_end_is_not_asked() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["Quick", "step 1/2"]);
    pty.send(b"q");
    let ended = pty.finish();
    assert_eq!(ended.code, 1, "{}", ended.contents);
    assert!(!String::from_utf8_lossy(&ended.raw).contains("Upper back"));
}

#[test]
fn off_asks_nothing() {
    let env = with_config("[run]\ncheckin = \"off\"\n");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    let screen = pty.wait_for_text(&["DONE", "any key to leave"]);
    assert!(!screen.contains("Upper back now"), "{screen}");
    pty.send(b"7");
    assert_eq!(pty.finish().code, 0);
    assert_eq!(lines(&env).len(), 1);
}

#[test]
fn before_after_asks_before_the_get_ready_and_keeps_that_rating_in_the_run() {
    let env = with_config("[run]\ncheckin = \"before-after\"\n");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    let screen = pty.wait_for_text(&["Quick", "Upper back now", "Enter to skip"]);
    assert!(
        !screen.contains("step 1/2"),
        "the run waits for the answer:\n{screen}"
    );
    pty.send(b"5");
    pty.wait_for_text(&["DONE", "Upper back now"]);
    pty.send(b"3");
    pty.wait_for_text(&["Upper back: 3 today"]);
    pty.send(b"x");
    assert_eq!(pty.finish().code, 0);
    let lines = lines(&env);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["checkin_before"], 5);
    assert_eq!(lines[1]["rating"], 3);
    // The time spent answering is not the run's.
    let active = lines[0]["active_seconds"].as_f64().unwrap();
    assert!(active < 3.0, "{active}");
}

#[test]
fn an_amendment_that_cannot_be_written_is_exit_2_and_the_run_stays_recorded() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["DONE", "Enter to skip"]);
    // The history is taken away and a directory put in its place.
    let history = env.history_file();
    let kept = history.with_extension("kept");
    std::fs::rename(&history, &kept).unwrap();
    std::fs::create_dir(&history).unwrap();
    pty.send(b"4");
    pty.wait_for_text(&["Upper back: 4 today"]);
    pty.send(b"x");
    let ended = pty.finish();
    assert_eq!(ended.code, 2, "{}", ended.contents);
    assert!(
        ended
            .contents
            .contains("the check-in (4) was not recorded, though the run was"),
        "{}",
        ended.contents
    );
    let run = std::fs::read_to_string(&kept).unwrap();
    assert_eq!(run.lines().count(), 1, "{run}");
}

#[test]
fn plain_mode_asks_on_a_terminal_and_takes_a_typed_line() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "--plain", "routine.toml"], 80, 24);
    pty.wait_for_text(&["done:", "Upper back now: 0 easy … 10 stiff or sore (0-10"]);
    pty.send(b"6\r");
    pty.wait_for_text(&["Upper back: 6 today"]);
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let lines = lines(&env);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1]["rating"], 6);
}

#[test]
fn plain_mode_says_when_a_line_is_not_a_rating_and_adds_nothing() {
    let env = with_config("");
    let mut pty = env.pty(&["run", "--plain", "routine.toml"], 80, 24);
    pty.wait_for_text(&["done:", "Upper back now"]);
    pty.send(b"11\r");
    pty.wait_for_text(&["`11` is not a rating from 0 to 10; skipped"]);
    assert_eq!(pty.finish().code, 0);
    assert_eq!(lines(&env).len(), 1);
}

#[test]
fn plain_mode_without_a_terminal_on_stdin_asks_nothing_and_never_waits() {
    let env = with_config("[run]\ncheckin = \"before-after\"\n");
    for stdin in [Stdio::null(), Stdio::piped()] {
        let mut cmd = env.command(["run", "routine.toml"]);
        cmd.stdin(stdin);
        let run = crate::common::Run::of(&mut cmd);
        assert_eq!(run.code(), Some(0), "{run}");
        assert!(!run.stdout.contains("Upper back"), "{run}");
    }
    let lines = lines(&env);
    assert_eq!(lines.len(), 2, "two runs, no amendments: {lines:?}");
    assert!(lines.iter().all(|l| l.get("checkin_before").is_none()));
}

/// A completed run `days_ago` days back, rated `after` (and `before`).
fn rated_run(days_ago: i64, after: u8, before: Option<u8>) -> String {
    // A second back, so that "this week" is this week at any moment but
    // the first second of a Monday.
    let start = jiff::Timestamp::now()
        - jiff::SignedDuration::from_hours(24 * days_ago)
        - jiff::SignedDuration::from_secs(1);
    let end = start + jiff::SignedDuration::from_secs(140);
    let mut run = serde_json::json!({
        "routine": "wall-flexion", "title": "Wall", "started_at": start.to_string(),
        "ended_at": end.to_string(), "active_seconds": 140.0, "completed": true,
        "reached_end": true, "steps_done": 3, "steps_total": 3, "machine": "desk",
    });
    if let Some(before) = before {
        run["checkin_before"] = before.into();
    }
    let checkin = serde_json::json!({
        "kind": "checkin", "run": start.to_string(), "machine": "desk",
        "at": end.to_string(), "rating": after,
    });
    format!("{run}\n{checkin}\n")
}

#[test]
fn the_trend_draws_this_weeks_average_and_gives_the_numbers_in_json() {
    let env = TestEnv::new();
    // This week two runs (4, and 6 after 8 before), the week before one (9).
    env.write(
        env.history_file(),
        [
            rated_run(7, 9, None),
            rated_run(0, 4, None),
            rated_run(0, 6, Some(8)),
        ]
        .concat(),
    );
    let run = env.run_with(["history", "--trend", "--weeks", "2"], |c| {
        c.env("COLUMNS", "80");
    });
    let out = run.success();
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("Upper back after a session"), "{out}");
    assert!(
        rows[3].contains(" 5.0 ") && rows[3].ends_with("-2.0 ◂"),
        "{out}"
    );
    assert!(rows[2].contains(" 9.0 ") && rows[2].contains('█'), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let ascii = env.run_with(["history", "--trend", "--weeks", "2"], |c| {
        c.env("LANG", "C");
    });
    let ascii = ascii.success();
    assert!(ascii.is_ascii() && ascii.contains('#'), "{ascii}");
    let json: Value =
        serde_json::from_str(&env.succeeds(["history", "--trend", "--weeks", "2", "--json"]))
            .unwrap();
    let this = &json["weeks"][1];
    assert_eq!(this["sessions"], 2);
    assert_eq!(this["average"], 5.0);
    assert_eq!(this["change"], -2.0);
    assert_eq!(json["weeks"][0]["average"], 9.0);
    assert_eq!(json["weeks"][0]["change"], Value::Null);
}

#[test]
fn a_signal_during_the_question_before_ends_mobility_before_the_run_starts() {
    let env = with_config("[run]\ncheckin = \"before-after\"\n");
    let pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["Upper back now", "Enter to skip"]);
    pty.kill("TERM");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 128 + 15, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert!(
        !env.history_file().exists()
            || std::fs::read_to_string(env.history_file())
                .unwrap()
                .is_empty(),
        "a run that never started is not recorded"
    );
}

#[test]
fn plain_mode_with_stdout_in_a_file_asks_nothing_though_stdin_is_a_terminal() {
    let env = with_config("");
    let mut vars = env.vars();
    vars.push(("TERM".into(), "xterm-256color".into()));
    let script = format!(
        "exec '{}' run routine.toml > out.txt",
        env!("CARGO_BIN_EXE_mobility")
    );
    let pty = crate::pty::Pty::spawn("/bin/sh", &["-c", &script], env.path(), &vars, 80, 24);
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let out = std::fs::read_to_string(env.path().join("out.txt")).unwrap();
    assert!(out.contains("done: Quick"), "{out}");
    assert!(!out.contains("Upper back"), "{out}");
    assert_eq!(lines(&env).len(), 1);
}
