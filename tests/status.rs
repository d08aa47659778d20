//! `mobility status`: the line a prompt or a status bar shows, and its
//! silence when anything is wrong.

use serde_json::Value;

use crate::common::{QUICK, SHORT, TestEnv};

#[test]
fn a_routine_never_done_is_due_with_no_streak() {
    let env = TestEnv::new();
    assert_eq!(env.succeeds(["status"]), "wall-flexion due\n");
    assert_eq!(
        env.succeeds(["status", "chair-flexion"]),
        "chair-flexion due\n"
    );
}

#[test]
fn a_finished_run_shows_a_tick_and_the_streak_in_a_utf8_locale() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    // `--within 1h` rather than today, so that a run just before midnight
    // can't make this fail.
    let line = |lang: &str| {
        env.run_with(["status", "quick", "--within", "1h"], |c| {
            c.env("LANG", lang);
        })
        .success()
    };
    assert_eq!(line("en_GB.UTF-8"), "✓ quick · streak 1\n");
    // An ASCII locale gets words and a dash, never bytes it can't show.
    assert_eq!(line("C"), "done quick | streak 1\n");
    // Another routine is still due, and the streak is the user's.
    let other = env
        .run_with(["status", "--within", "1h"], |c| {
            c.env("LANG", "C.UTF-8");
        })
        .success();
    assert_eq!(other, "wall-flexion due · streak 1\n");
}

#[test]
fn json_gives_the_same_facts() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    let out = env
        .run_with(["status", "quick", "--within", "1h", "--json"], |c| {
            c.env("LANG", "C");
        })
        .success();
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["routine"], "quick");
    assert_eq!(json["due"], false);
    assert_eq!(json["streak"], 1);
    assert_eq!(json["line"], "done quick | streak 1");
    let done_at = json["done_at"].as_str().unwrap();
    assert_eq!(json["last_completed"].as_str(), Some(done_at));
    assert!(done_at.parse::<jiff::Timestamp>().is_ok(), "{done_at}");

    let due: Value = serde_json::from_str(&env.succeeds(["status", "--json"])).unwrap();
    assert_eq!(
        (due["due"].as_bool(), due["done_at"].is_null()),
        (Some(true), true)
    );
}

/// Runs `status` and asserts that it printed nothing at all and exited 2.
#[track_caller]
fn silent_trouble(env: &TestEnv, args: &[&str]) {
    let run = env.run(args);
    assert_eq!(
        (run.code(), run.stdout.as_str(), run.stderr.as_str()),
        (Some(2), "", ""),
        "{args:?}"
    );
}

#[test]
fn any_problem_is_exit_2_and_not_a_word() {
    let env = TestEnv::new();
    silent_trouble(&env, &["status", "no-such-routine"]);
    silent_trouble(&env, &["status", "\u{1b}[31mred"]);

    env.write(
        "config/mobility/config.toml",
        "[remind]\nwithin = \"soon\"\n",
    );
    silent_trouble(&env, &["status"]);
    std::fs::remove_file(env.config_home().join("mobility/config.toml")).unwrap();

    // A history that is a directory can't be read.
    std::fs::create_dir_all(env.history_file()).unwrap();
    silent_trouble(&env, &["status"]);
}

#[test]
fn warnings_that_other_commands_print_are_kept_out_of_the_line() {
    let env = TestEnv::new();
    env.user_routine("quick", QUICK);
    env.succeeds(["run", "quick"]);
    // A damaged line and a relative XDG path: `history` warns about both;
    // `status` still answers from the records it could read, on one line.
    let mut log = std::fs::read(env.history_file()).unwrap();
    log.extend_from_slice(b"{not json\n");
    std::fs::write(env.history_file(), log).unwrap();
    let relative = |c: &mut std::process::Command| {
        c.env("XDG_CACHE_HOME", "relative/dir").env("LANG", "C");
    };
    let history = env.run_with(["history"], relative);
    assert!(
        history.stderr.contains("relative/dir") && history.stderr.contains("line 2"),
        "{history}"
    );
    let run = env.run_with(["status", "quick", "--within", "1h"], relative);
    assert_eq!(run.stderr, "");
    assert_eq!(run.success(), "done quick | streak 1\n");
}

/// A log line for a completed run of `routine` that started `days` days
/// and a minute before now.
fn line_days_ago(routine: &str, days: i64) -> String {
    let start = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_mins(24 * 60 * days + 1))
        .unwrap();
    let end = start
        .checked_add(jiff::SignedDuration::from_secs(142))
        .unwrap();
    serde_json::json!({
        "routine": routine, "title": "Wall thoracic flexion",
        "started_at": start.to_string(), "ended_at": end.to_string(),
        "active_seconds": 142.0, "completed": true, "reached_end": true,
        "steps_done": 3, "steps_total": 3, "steps_skipped": 0,
    })
    .to_string()
        + "\n"
}

/// The streak `history --json` reports: what `status` must agree with.
fn history_streak(env: &TestEnv) -> u64 {
    let json: Value = serde_json::from_str(&env.succeeds(["history", "--json"])).unwrap();
    json["summary"]["current_streak"].as_u64().unwrap()
}

#[test]
fn a_streak_longer_than_the_end_of_a_long_history_is_still_counted_whole() {
    let env = TestEnv::new();
    // Four years of daily practice, up to today: far more than status
    // reads from the end of the file.
    let log: String = (0..1500)
        .rev()
        .map(|d| line_days_ago("wall-flexion", d))
        .collect();
    assert!(
        log.len() > 300_000,
        "more than the 256 KiB status reads first"
    );
    env.write(env.history_file(), &log);
    assert_eq!(history_streak(&env), 1500);
    assert_eq!(
        env.run_with(["status"], |c| {
            c.env("LANG", "C.UTF-8");
        })
        .success(),
        "✓ wall-flexion · streak 1500\n"
    );
}

#[test]
fn a_long_history_with_a_recent_gap_gives_the_streak_since_the_gap() {
    let env = TestEnv::new();
    let mut log: String = (10..1500)
        .rev()
        .map(|d| line_days_ago("wall-flexion", d))
        .collect();
    log.extend((1..3).rev().map(|d| line_days_ago("chair-flexion", d)));
    env.write(env.history_file(), &log);
    assert_eq!(history_streak(&env), 2);
    // Not done today, but the last run is years of lines back in the file:
    // JSON still names it.
    let json: Value = serde_json::from_str(&env.succeeds(["status", "--json"])).unwrap();
    assert_eq!(
        (json["due"].as_bool(), json["streak"].as_u64()),
        (Some(true), Some(2))
    );
    assert!(json["last_completed"].is_string(), "{json}");
}

#[test]
fn the_history_directory_named_in_the_config_is_the_one_read() {
    let env = TestEnv::new();
    let shared = env.path().join("Sync");
    env.write(
        "config/mobility/config.toml",
        format!("[history]\nhistory_dir = \"{}\"\n", shared.display()),
    );
    env.write(
        shared.join("history-laptop.jsonl"),
        line_days_ago("wall-flexion", 0),
    );
    let out = env.run_with(["status"], |c| {
        c.env("LANG", "C");
    });
    assert_eq!(out.success(), "done wall-flexion | streak 1\n");
}

#[test]
fn a_long_history_written_newest_first_is_still_counted_right() {
    let env = TestEnv::new();
    // Put together by hand, newest first: its end holds the oldest runs.
    let log: String = (0..1500)
        .map(|d| line_days_ago("wall-flexion", d))
        .collect();
    env.write(env.history_file(), &log);
    assert_eq!(history_streak(&env), 1500);
    assert_eq!(env.succeeds(["status"]), "✓ wall-flexion · streak 1500\n");
}

#[test]
fn a_bad_command_line_is_exit_2_and_not_a_word_but_help_still_helps() {
    let env = TestEnv::new();
    silent_trouble(&env, &["status", "--within=abc"]);
    silent_trouble(&env, &["status", "--no-such-flag"]);
    silent_trouble(&env, &["status", "wall-flexion", "chair-flexion"]);
    silent_trouble(&env, &["--color", "never", "status", "--within"]);
    silent_trouble(&env, &["--routines-dir=x", "status", "--json", "extra"]);
    assert!(env.succeeds(["status", "--help"]).contains("Usage:"));
    // Other commands still say what was wrong.
    assert!(env.fails(["due", "--within=abc"], 2).contains("abc"));
}

#[test]
fn json_gives_the_routines_real_id_not_the_shortened_display() {
    let env = TestEnv::new();
    let id = "a-routine-with-an-id-well-past-forty-characters-long";
    env.user_routine(id, SHORT);
    let json: Value = serde_json::from_str(&env.succeeds(["status", id, "--json"])).unwrap();
    assert_eq!(json["routine"], id);
    assert!(json["line"].as_str().unwrap().contains('…'), "{json}");
}
