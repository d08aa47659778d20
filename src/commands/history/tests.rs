use super::*;
use crate::commands::tests::{context, ran};
use crate::error::captured;

fn args() -> HistoryArgs {
    HistoryArgs {
        action: None,
        routine: None,
        since: None,
        completed: false,
        limit: None,
        json: false,
        calendar: false,
        trend: false,
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

#[test]
fn the_list_is_cut_at_the_limit_but_the_summary_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-30T18:00:00Z");
    for day in 1..=25 {
        ran(
            &ctx,
            "wall-flexion",
            &format!("2026-03-{day:02}T09:00:00Z"),
            true,
        );
    }
    let (_, out) = captured(|| history(&ctx, args()));
    let runs = out.lines().filter(|l| l.starts_with("2026-")).count();
    assert_eq!(runs, LIMIT, "{out}");
    let (_, out) = captured(|| {
        history(
            &ctx,
            HistoryArgs {
                limit: Some(2),
                ..args()
            },
        )
    });
    let runs: Vec<&str> = out.lines().filter(|l| l.starts_with("2026-")).collect();
    assert_eq!(runs.len(), 2, "{out}");
    assert!(runs[0].starts_with("2026-03-25"), "the newest first: {out}");
    assert!(out.contains("25 completed of 25 runs"), "{out}");
}

#[test]
fn a_completed_run_with_skipped_steps_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    let start = crate::commands::tests::at("2026-03-10T09:00:00Z")
        .to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let record = Record {
        routine: "wall-flexion".into(),
        title: "Wall".into(),
        started_at: (&start).into(),
        ended_at: (&start).into(),
        active_seconds: 100.0,
        completed: true,
        reached_end: true,
        steps_done: 3,
        steps_total: 3,
        steps_skipped: 1,
        machine: None,
        checkin_before: None,
        checkin_after: None,
        program: None,
        stage: None,
    };
    history::append(&ctx.history_store().own_file(), &record).unwrap();
    let (_, out) = captured(|| history(&ctx, args()));
    assert!(
        out.starts_with("2026-03-10 09:00  wall-flexion    1:40  completed, 1 skipped\n"),
        "{out}"
    );
}

#[test]
fn an_unknown_routine_is_a_typo_with_the_nearest_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let routine = |name: &str| HistoryArgs {
        routine: Some(name.into()),
        ..args()
    };
    let err = captured(|| history(&ctx, routine("wall-flexon")))
        .0
        .unwrap_err();
    assert!(
        // The nearest first; the slower levels of the drill are near too.
        err.to_string()
            .contains("did you mean one of `wall-flexion`, "),
        "{err}"
    );
    // A routine with runs is known, even if it can no longer be run.
    let (exit, out) = captured(|| history(&ctx, routine("neck")));
    assert_eq!(exit.unwrap(), Exit::Success);
    assert!(out.starts_with("2026-03-10 12:00  neck "), "{out}");
    // One that can be run but has no runs is known too.
    let (exit, out) = captured(|| history(&ctx, routine("chair-flexion")));
    assert_eq!(exit.unwrap(), Exit::Success, "{out}");
}

#[test]
fn an_export_keeps_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let export = HistoryArgs {
        export: Some(crate::cli::ExportFormat::Csv),
        limit: Some(1),
        ..args()
    };
    let (exit, out) = captured(|| history(&ctx, export));
    assert_eq!(exit.unwrap(), Exit::Success);
    // The header and one run.
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn a_typo_of_a_routine_known_only_from_the_history_is_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let args = HistoryArgs {
        routine: Some("nekc".into()),
        ..args()
    };
    let err = captured(|| history(&ctx, args)).0.unwrap_err();
    assert!(err.to_string().contains("did you mean `neck`?"), "{err}");
}

#[test]
fn a_routine_given_as_a_path_is_known_only_if_the_file_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "").unwrap();
    let routine = |path: &std::path::Path| HistoryArgs {
        routine: Some(path.to_string_lossy().into_owned()),
        ..args()
    };
    let (exit, _) = captured(|| history(&ctx, routine(&file)));
    assert_eq!(exit.unwrap(), Exit::Success);
    let missing = dir.path().join("gone.toml");
    assert!(captured(|| history(&ctx, routine(&missing))).0.is_err());
}

#[test]
fn the_summary_says_what_it_covers() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let args = HistoryArgs {
        routine: Some("wall-flexion".into()),
        since: Some(crate::history::parse_since("2026-03-09").unwrap()),
        ..args()
    };
    let (_, out) = captured(|| history(&ctx, args));
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("wall-flexion since 2026-03-09: Streak: 2 days"),
        "{out}"
    );
    assert!(last.ends_with(" 2 completed of 2 runs"), "{out}");
    assert!(!out.contains("neck"), "{out}");
}

#[test]
fn completed_shortens_the_list_and_the_export_but_not_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    three_days(&ctx);
    let completed = HistoryArgs {
        completed: true,
        ..args()
    };
    let (_, out) = captured(|| history(&ctx, completed));
    assert!(!out.contains("neck"), "{out}");
    assert!(out.contains("3 completed of 4 runs"), "{out}");
    let export = HistoryArgs {
        completed: true,
        export: Some(crate::cli::ExportFormat::Csv),
        ..args()
    };
    let (_, out) = captured(|| history(&ctx, export));
    assert_eq!(out.lines().count(), 4, "the header and three runs: {out}");
    assert!(!out.contains("neck"), "{out}");
}
