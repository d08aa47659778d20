use super::*;
use crate::commands::tests::{context, ran};
use crate::error::captured;

fn args() -> HistoryArgs {
    HistoryArgs {
        routine: None,
        since: None,
        completed: false,
        limit: None,
        json: false,
        calendar: false,
        weeks: None,
        export: None,
        move_to: None,
    }
}

fn json(ctx: &Context, args: HistoryArgs) -> serde_json::Value {
    let (exit, out) = captured(|| history(ctx, HistoryArgs { json: true, ..args }));
    exit.unwrap();
    serde_json::from_str(&out).unwrap()
}

/// Three days in a row of wall-flexion, and a stopped run of another.
fn three_days(ctx: &Context) {
    for day in ["08", "09", "10"] {
        ran(
            ctx,
            "wall-flexion",
            &format!("2026-03-{day}T09:00:00Z"),
            true,
        );
    }
    ran(ctx, "neck", "2026-03-10T12:00:00Z", false);
}

#[test]
fn the_list_is_newest_first_and_says_how_each_run_ended() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let (exit, out) = captured(|| history(&ctx, args()));
    assert_eq!(exit.unwrap(), Exit::Success);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "2026-03-10 12:00  neck            2:00  stopped, 1 of 3 steps",
            "2026-03-10 09:00  wall-flexion    2:00  completed",
            "2026-03-09 09:00  wall-flexion    2:00  completed",
            "2026-03-08 09:00  wall-flexion    2:00  completed",
        ],
        "{out}"
    );
    assert!(
        lines[5].starts_with("Streak: 3 days (longest 3 days) "),
        "{out}"
    );
}

#[test]
fn the_streak_and_the_week_are_counted_at_now() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let summary = &json(&ctx, args())["summary"];
    assert_eq!(summary["current_streak"], 3, "{summary}");
    assert_eq!(summary["completed_runs"], 3, "{summary}");
    assert_eq!(summary["total_runs"], 4, "{summary}");
    // Two days later the streak is broken; the longest is kept.
    let ctx = context(&dir, "2026-03-12T18:00:00Z");
    let summary = &json(&ctx, args())["summary"];
    assert_eq!(summary["current_streak"], 0, "{summary}");
    assert_eq!(summary["longest_streak"], 3, "{summary}");
}

#[test]
fn since_counts_back_from_now() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let since = |text: &str| HistoryArgs {
        since: Some(crate::history::parse_since(text).unwrap()),
        ..args()
    };
    let view = json(&ctx, since("2d"));
    let started: Vec<&str> = view["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["started_at"].as_str().unwrap())
        .collect();
    assert!(
        !started.iter().any(|s| s.starts_with("2026-03-08")),
        "{started:?}"
    );
    assert!(
        started.iter().any(|s| s.starts_with("2026-03-09")),
        "{started:?}"
    );
}

#[test]
fn an_empty_history_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    let (exit, out) = captured(|| history(&ctx, args()));
    assert_eq!(exit.unwrap(), Exit::Success);
    assert!(
        out.starts_with("No runs yet. Start one with `mobility run wall-flexion`.\n"),
        "{out}"
    );
}
