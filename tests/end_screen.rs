//! The end of a full-screen run: the end screen with today's count and the
//! streak, how it is left, and a run that skipped its way to the end.

use crate::common::{SHORT, TestEnv};
use crate::pty::Pty;

/// Two 30 s holds, so nothing ends by itself mid-test.
const LONG: &str = r#"
title = "Long haul"
lead_in = "0s"

[[step]]
name = "Reach up"
cue = "Cue one"
hold = "30s"

[[step]]
name = "Fold down"
cue = "Cue two"
hold = "30s"
"#;

fn start(env: &TestEnv, routine: &str) -> Pty {
    env.write("routine.toml", routine);
    env.pty(&["run", "routine.toml"], 80, 24)
}

/// The one record in the history, as JSON.
#[track_caller]
fn the_record(env: &TestEnv) -> serde_json::Value {
    let log = std::fs::read_to_string(env.history_file()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "{log}");
    serde_json::from_str(lines[0]).unwrap()
}

#[test]
fn a_finished_run_shows_the_end_screen_until_a_key_is_pressed() {
    let env = TestEnv::new();
    let mut pty = start(&env, SHORT);
    let screen = pty.wait_for_text(&["DONE", "0-9, t for 10 · Enter to skip"]);
    for expected in [
        "Quick",
        "0:02 active",
        "Today: 1 run · streak: 1 day",
        "Upper back now: 0 easy … 10 stiff or sore",
    ] {
        assert!(screen.contains(expected), "{expected:?} in:\n{screen}");
    }
    // Recorded before the end screen, whose count includes this run.
    assert_eq!(the_record(&env)["completed"], true);
    assert!(pty.running(), "left the end screen by itself at once");

    // Any key but a rating skips the question and leaves: nothing is added.
    pty.send(b"x");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
    assert_eq!(the_record(&env)["completed"], true);
}

#[test]
fn a_second_run_today_counts_two() {
    let env = TestEnv::new();
    for n in ["1 run", "2 runs"] {
        let mut pty = start(&env, SHORT);
        pty.wait_for_text(&[&format!("Today: {n} · streak: 1 day")]);
        pty.send(b" ");
        assert_eq!(pty.finish().code, 0);
    }
}

#[test]
fn a_run_that_skipped_to_the_end_says_why_it_does_not_count() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    pty.wait_for_text(&["Long haul", "step 1/2", "HOLD"]);
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2"]);
    pty.send(b"n");
    let screen = pty.wait_for_text(&["NOT COUNTED AS DONE", "Enter to skip"]);
    for expected in [
        "2 steps skipped",
        "active for 80 % of its time",
        "Today: 0 runs · streak: 0 days",
    ] {
        assert!(screen.contains(expected), "{expected:?} in:\n{screen}");
    }
    pty.send(b"q");
    let ended = pty.finish();
    assert_eq!(ended.code, 1, "{}", ended.contents);
    let line = ended.contents.trim();
    assert!(
        line.starts_with("Reached the end in 0:0")
            && line.ends_with(", skipping 2 steps; not counted as done."),
        "{line}"
    );
    let record = the_record(&env);
    assert_eq!(record["completed"], false);
    assert_eq!(record["reached_end"], true);
    assert_eq!(record["steps_skipped"], 2);
}

#[test]
fn an_end_screen_of_0s_leaves_at_once() {
    let env = TestEnv::new();
    env.write(
        "config/mobility/config.toml",
        "[run]\nend_screen = \"0s\"\n",
    );
    let ended = start(&env, SHORT).finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let raw = String::from_utf8_lossy(&ended.raw);
    assert!(!raw.contains("any key to leave"), "{raw:?}");
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
}

#[test]
fn a_run_that_skipped_to_the_end_leaves_due_saying_due() {
    let env = TestEnv::new();
    env.write(
        "config/mobility/config.toml",
        "[run]\nend_screen = \"0s\"\n",
    );
    env.user_routine("long", LONG);
    let mut pty = env.pty(&["run", "long"], 80, 24);
    pty.wait_for_text(&["Long haul", "step 1/2", "HOLD"]);
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2"]);
    pty.send(b"n");
    assert_eq!(pty.finish().code, 1);
    let due = env.run(["due", "long"]);
    assert_eq!(due.code(), Some(0), "{due}");
}

#[test]
fn sigterm_on_the_end_screen_of_a_completed_run_says_completed_and_exits_0() {
    let env = TestEnv::new();
    // Without the check-in: a signal during its question is another matter
    // (tests/checkin.rs).
    env.write("config/mobility/config.toml", "[run]\ncheckin = \"off\"\n");
    let mut pty = start(&env, SHORT);
    pty.wait_for_text(&["DONE", "any key to leave"]);
    assert!(pty.running());
    pty.kill("TERM");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
    assert_eq!(the_record(&env)["completed"], true);
}
