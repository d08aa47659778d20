//! `history` and `due` over a log written by the test: which runs count,
//! what the summary covers, and what `due` says either way.

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use crate::common::TestEnv;

/// How a logged run ended.
#[derive(Clone, Copy)]
enum Ended {
    /// Done, and counted.
    Completed,
    /// Reached the end by skipping: not counted.
    Skipped,
    /// Quit after one of three steps.
    Stopped,
}

/// One history line: a run of `routine` that started `ago` before now.
fn line(routine: &str, ago: SignedDuration, ended: Ended) -> String {
    line_at(routine, Timestamp::now() - ago, ended)
}

fn days(n: i64) -> SignedDuration {
    SignedDuration::from_hours(24 * n)
}

/// The local (UTC, as in every test) date `ago` before now.
fn date_ago(ago: SignedDuration) -> String {
    (Timestamp::now() - ago)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

#[track_caller]
fn summary(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["history", "--json"];
    all.extend_from_slice(args);
    let json: Value = serde_json::from_str(&env.succeeds(all)).unwrap();
    json["summary"].clone()
}

/// The last line `history ARGS` prints: the summary.
#[track_caller]
fn summary_line(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["history"];
    all.extend_from_slice(args);
    env.succeeds(all).lines().last().unwrap().to_owned()
}

/// One history line: a run of `routine` that started at `start`.
fn line_at(routine: &str, start: Timestamp, ended: Ended) -> String {
    let (completed, reached_end, done, skipped) = match ended {
        Ended::Completed => (true, true, 3, 0),
        Ended::Skipped => (false, true, 3, 3),
        Ended::Stopped => (false, false, 1, 0),
    };
    let end = start + SignedDuration::from_secs(2);
    format!(
        r#"{{"routine":"{routine}","title":"T","started_at":"{start}","ended_at":"{end}","active_seconds":1.5,"completed":{completed},"reached_end":{reached_end},"steps_done":{done},"steps_total":3,"steps_skipped":{skipped}}}"#
    ) + "\n"
}

fn log(env: &TestEnv, lines: &[String]) {
    env.write(env.history_file(), lines.concat());
}

#[test]
fn completed_lists_only_the_runs_that_count() {
    let env = TestEnv::new();
    log(
        &env,
        &[
            line_at(
                "wall-flexion",
                "2026-01-10T08:00:00Z".parse().unwrap(),
                Ended::Completed,
            ),
            line_at(
                "wall-flexion",
                "2026-01-11T08:00:00Z".parse().unwrap(),
                Ended::Skipped,
            ),
            line_at(
                "chair-flexion",
                "2026-01-12T08:00:00Z".parse().unwrap(),
                Ended::Stopped,
            ),
        ],
    );
    let out = env.succeeds(["history"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "2026-01-12 08:00  chair-flexion    0:01  stopped, 1 of 3 steps",
            "2026-01-11 08:00  wall-flexion     0:01  reached the end, 3 skipped; not counted as done",
            "2026-01-10 08:00  wall-flexion     0:01  completed",
        ]
    );
    let out = env.succeeds(["history", "--completed"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "2026-01-10 08:00  wall-flexion    0:01  completed"
    );
    assert_eq!(lines[1], "");
    assert_eq!(lines.len(), 3, "{out}");
    let json: Value =
        serde_json::from_str(&env.succeeds(["history", "--json", "--completed"])).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["completed"], true);
}

#[test]
fn the_summary_covers_the_routine_and_the_window_chosen_but_not_the_limit() {
    let env = TestEnv::new();
    log(
        &env,
        &[
            line("chair-flexion", days(3), Ended::Completed),
            line("wall-flexion", days(2), Ended::Completed),
            line("wall-flexion", days(1), Ended::Completed),
            line("chair-flexion", days(1), Ended::Stopped),
            line("wall-flexion", days(0), Ended::Completed),
        ],
    );
    let all = summary(&env, &[]);
    assert_eq!(
        (&all["current_streak"], &all["total_runs"]),
        (&4.into(), &5.into())
    );

    let wall = summary(&env, &["--routine", "wall-flexion", "--limit", "1"]);
    assert_eq!(wall["current_streak"], 3);
    assert_eq!(wall["longest_streak"], 3);
    assert_eq!(
        (&wall["completed_runs"], &wall["total_runs"]),
        (&3.into(), &3.into())
    );
    let line = summary_line(&env, &["--routine", "wall-flexion", "--limit", "1"]);
    assert!(
        line.starts_with("wall-flexion: Streak: 3 days (longest 3 days) · "),
        "{line}"
    );
    assert!(line.ends_with(" · 3 completed of 3 runs"), "{line}");

    let yesterday = date_ago(days(1));
    let since = summary(&env, &["--since", &yesterday]);
    assert_eq!(since["current_streak"], 2);
    assert_eq!(
        (&since["completed_runs"], &since["total_runs"]),
        (&2.into(), &3.into())
    );
    let line = summary_line(&env, &["--since", &yesterday]);
    assert!(
        line.starts_with(&format!(
            "Since {yesterday}: Streak: 2 days (longest 2 days) · "
        )),
        "{line}"
    );
    let line = summary_line(&env, &["--routine", "chair-flexion", "--since", &yesterday]);
    assert!(
        line.starts_with(&format!(
            "chair-flexion since {yesterday}: Streak: 0 days (longest 0 days) · "
        )),
        "{line}"
    );
    assert!(line.ends_with(" · 0 completed of 1 run"), "{line}");

    // A duration says from when it counted.
    let line = summary_line(&env, &["--since", "36h"]);
    let from = (Timestamp::now() - SignedDuration::from_hours(36))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d")
        .to_string();
    assert!(line.starts_with(&format!("Since {from} ")), "{line}");
    assert!(line.ends_with(" · 2 completed of 3 runs"), "{line}");

    // `--completed` shortens the list, not the summary.
    let completed = summary(&env, &["--completed"]);
    assert_eq!(
        (&completed["completed_runs"], &completed["total_runs"]),
        (&4.into(), &5.into())
    );
    let line = summary_line(&env, &[]);
    assert!(
        line.starts_with("Streak: 4 days (longest 4 days) · "),
        "{line}"
    );
}

#[test]
fn an_unknown_routine_gets_a_did_you_mean_from_the_library_and_the_history() {
    let env = TestEnv::new();
    let gone = env.path().join("gone.toml").display().to_string();
    log(
        &env,
        &[
            line("wall-flexion", days(1), Ended::Completed),
            line("old-drill", days(1), Ended::Completed),
            line(&gone, days(1), Ended::Completed),
        ],
    );
    assert_eq!(
        env.fails(["history", "--routine", "wall-flexon"], 2),
        "error: no routine named `wall-flexon`\n  hint: did you mean one of `wall-flexion`, `wall-flexion-slow`? `mobility list` shows every routine\n"
    );
    // A routine deleted since is known from the history alone.
    let err = env.fails(["history", "--routine", "old-dril"], 2);
    assert!(err.contains("did you mean `old-drill`?"), "{err}");
    let out = env.succeeds(["history", "--routine", "old-drill"]);
    assert!(out.contains("old-drill"), "{out}");
    // So is a file run by path and gone since.
    let out = env.succeeds(["history", "--routine", &gone]);
    assert!(out.contains("gone.toml"), "{out}");
    // Known routines and existing files without runs have none to show.
    assert!(
        env.succeeds(["history", "--routine", "chair-flexion"])
            .starts_with("No runs match.\n")
    );
    env.write("fresh.toml", crate::common::routine("Fresh", "1s", 1));
    assert!(
        env.succeeds(["history", "--routine", "./fresh.toml"])
            .starts_with("No runs match.\n")
    );
    // Nothing near: no guess, only where to look.
    assert_eq!(
        env.fails(["history", "--routine", "zzz"], 2),
        "error: no routine named `zzz`\n  hint: `mobility list` shows every routine\n"
    );
}

#[test]
fn a_limit_of_zero_is_refused_rather_than_listing_nothing() {
    let env = TestEnv::new();
    log(&env, &[line("wall-flexion", days(1), Ended::Completed)]);
    let err = env.fails(["history", "--limit", "0"], 2);
    assert!(
        err.starts_with(
            "error: invalid value '0' for '--limit <N>': `0` would list no runs; give 1 or more"
        ),
        "{err}"
    );
    let err = env.fails(["history", "--limit=-3"], 2);
    assert!(err.contains("give 1 or more"), "{err}");
    let err = env.fails(["history", "--limit", "all"], 2);
    assert!(
        err.contains("`all` is not a number of runs; give 1 or more"),
        "{err}"
    );
    let out = env.succeeds(["history", "--limit", "1"]);
    assert!(out.starts_with("20"), "one run listed: {out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}

/// The local (UTC) time of day of `at`, as `due` prints it.
fn hh_mm(at: Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%H:%M")
        .to_string()
}

#[test]
fn due_says_when_the_routine_was_done_and_quiet_leaves_only_the_exit_code() {
    let env = TestEnv::new();
    assert_eq!(
        env.succeeds(["due", "wall-flexion"]),
        "wall-flexion is due: never completed\n"
    );
    assert_eq!(env.succeeds(["due", "-q", "wall-flexion"]), "");

    let start = Timestamp::now();
    log(&env, &[line_at("wall-flexion", start, Ended::Completed)]);
    let run = env.run(["due", "wall-flexion"]).exits(1);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (
            format!("wall-flexion is done for today ({})\n", hh_mm(start)).as_str(),
            ""
        )
    );
    let run = env.run(["due", "wall-flexion", "--within", "12h"]).exits(1);
    assert_eq!(
        run.stdout,
        format!(
            "wall-flexion is done within the last 12h ({})\n",
            hh_mm(start)
        )
    );
    assert_eq!(env.fails(["due", "wall-flexion", "--quiet"], 1), "");
    assert_eq!(
        env.fails(["due", "wall-flexion", "-q", "--within", "12h"], 1),
        ""
    );
    // `remind` asks the same question, and stays silent.
    assert_eq!(env.succeeds(["remind", "wall-flexion"]), "");
}

#[test]
fn a_run_that_skipped_to_the_end_leaves_due_due_and_the_streak_as_it_was() {
    let env = TestEnv::new();
    let before = [line("wall-flexion", days(1), Ended::Completed)];
    log(&env, &before);
    let streak = summary(&env, &[])["current_streak"].clone();
    assert_eq!(streak, 1);

    let skipped = line("wall-flexion", SignedDuration::ZERO, Ended::Skipped);
    log(&env, &[before[0].clone(), skipped]);
    assert_eq!(
        env.succeeds(["due", "wall-flexion"]),
        "wall-flexion is due: last completed yesterday\n"
    );
    let after = summary(&env, &[]);
    assert_eq!(after["current_streak"], streak);
    assert_eq!(after["longest_streak"], 1);
    assert_eq!(
        (&after["completed_runs"], &after["total_runs"]),
        (&1.into(), &2.into())
    );
    // And the reminder still goes out.
    let run = env.run(["remind", "wall-flexion"]).exits(0);
    assert!(run.stdout.starts_with("Time for "), "{run}");
}

#[test]
fn the_list_keeps_its_columns_with_wide_characters_in_an_id() {
    let env = TestEnv::new();
    log(
        &env,
        &[
            line("./練習.toml", days(1), Ended::Completed),
            line("wall-flexion", days(0), Ended::Completed),
        ],
    );
    let out = env.succeeds(["history"]);
    // The last column starts at the same place on the screen: two columns
    // for each of the two wide characters.
    let columns: Vec<usize> = out
        .lines()
        .filter(|l| l.starts_with("20") && l.ends_with("completed"))
        .map(|l| {
            let at = l.find("completed").unwrap();
            mobility::text::width(&l[..at])
        })
        .collect();
    assert_eq!(columns.len(), 2, "{out}");
    assert_eq!(columns[0], columns[1], "{out}");
}

#[test]
fn a_newer_kind_of_line_is_passed_over_quietly_and_a_check_in_shows_in_json() {
    let env = TestEnv::new();
    let start = "2026-01-10T08:00:00Z";
    log(
        &env,
        &[
            line_at("wall-flexion", start.parse().unwrap(), Ended::Completed),
            format!(
                r#"{{"kind":"checkin","run":"{start}","at":"2026-01-10T08:03:00Z","rating":4}}"#
            ) + "\n",
            // A kind this version does not know (`program` lines it reads,
            // and warns about when they do not read).
            r#"{"kind":"goal","routine":"wall-flexion","per_week":3,"at":"2026-01-11T08:00:00Z"}"#
                .to_owned()
                + "\n",
        ],
    );
    // `succeeds` also asserts that nothing was said on stderr.
    let json: Value = serde_json::from_str(&env.succeeds(["history", "--json"])).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["checkin_after"], 4);
    let listed = env.succeeds(["history"]);
    assert_eq!(
        listed
            .lines()
            .filter(|l| l.contains("wall-flexion"))
            .count(),
        1
    );
}
