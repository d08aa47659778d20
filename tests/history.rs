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
            "2026-01-11 08:00  wall-flexion     0:01  reached the end, 3 skipped; not counted",
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
