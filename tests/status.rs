//! `mobility status`: the line a prompt or a status bar shows, and its
//! silence when anything is wrong.

use serde_json::Value;

use crate::common::TestEnv;

/// A routine that takes 200 ms: quick enough to run in a test.
const QUICK: &str = "title = \"Quick\"\nlead_in = \"0s\"\n[[step]]\nname = \"One\"\ncue = \"Go\"\nhold = \"200ms\"\n";

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
    assert_eq!(line("C"), "done quick - streak 1\n");
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
    let json: Value =
        serde_json::from_str(&env.succeeds(["status", "quick", "--within", "1h", "--json"]))
            .unwrap();
    assert_eq!(json["routine"], "quick");
    assert_eq!(json["due"], false);
    assert_eq!(json["streak"], 1);
    assert_eq!(json["line"], "done quick - streak 1");
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
        c.env("XDG_CACHE_HOME", "relative/dir");
    };
    let history = env.run_with(["history"], relative);
    assert!(
        history.stderr.contains("relative/dir") && history.stderr.contains("line 2"),
        "{history}"
    );
    let run = env.run_with(["status", "quick", "--within", "1h"], relative);
    assert_eq!(run.stderr, "");
    assert_eq!(run.success(), "done quick - streak 1\n");
}
