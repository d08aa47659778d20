use super::*;
use crate::commands::tests::{context, ran};
use crate::error::captured;

fn json(ctx: &Context, within: Option<std::time::Duration>) -> serde_json::Value {
    let args = StatusArgs {
        routine: "wall-flexion".into(),
        within,
        json: true,
    };
    let (exit, out) = captured(|| status(ctx, args));
    exit.unwrap();
    serde_json::from_str(&out).unwrap()
}

#[test]
fn done_today_with_the_streak_counted_to_now() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    for day in ["08", "09", "10"] {
        ran(
            &ctx,
            "wall-flexion",
            &format!("2026-03-{day}T09:00:00Z"),
            true,
        );
    }
    let view = json(&ctx, None);
    assert_eq!(view["due"], false, "{view}");
    assert_eq!(view["streak"], 3, "{view}");
    assert_eq!(view["done_at"], "2026-03-10T09:00:00Z", "{view}");
    // The next morning it is due, and the streak still stands.
    let ctx = context(&dir, "2026-03-11T07:00:00Z");
    let view = json(&ctx, None);
    assert_eq!(view["due"], true, "{view}");
    assert_eq!(view["done_at"], serde_json::Value::Null, "{view}");
    assert_eq!(view["streak"], 3, "{view}");
    assert_eq!(view["last_completed"], "2026-03-10T09:00:00Z", "{view}");
    // A day missed breaks it.
    let ctx = context(&dir, "2026-03-12T07:00:00Z");
    assert_eq!(json(&ctx, None)["streak"], 0);
}

#[test]
fn within_reaches_back_past_midnight() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-11T06:00:00Z");
    ran(&ctx, "wall-flexion", "2026-03-10T23:00:00Z", true);
    assert_eq!(json(&ctx, None)["due"], true);
    let twelve_hours = Some(std::time::Duration::from_secs(12 * 3600));
    assert_eq!(json(&ctx, twelve_hours)["due"], false);
}

#[test]
fn a_config_with_problems_is_trouble_not_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let problems = crate::config::parse_str("[remind]\nwithin = 3\n", "c").unwrap_err();
    let ctx = Context::fixed(
        dir.path(),
        Err(problems),
        crate::commands::tests::at("2026-03-10T18:00:00Z"),
    );
    let args = StatusArgs {
        routine: "wall-flexion".into(),
        within: None,
        json: false,
    };
    let (exit, out) = captured(|| status(&ctx, args));
    assert!(exit.is_err());
    assert_eq!(out, "");
}

#[test]
fn a_run_further_back_than_the_tail_is_found_in_the_whole_history() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    ran(&ctx, "wall-flexion", "2026-03-01T09:00:00Z", true);
    // Enough runs of another routine after it to push it out of the tail.
    let line = std::fs::read_to_string(ctx.history_store().own_file())
        .unwrap()
        .replace("wall-flexion", "other-routine")
        .replace("2026-03-01", "2026-03-02");
    let lines = line.repeat(history::TAIL_BYTES as usize / line.len() + 10);
    let path = ctx.history_store().own_file();
    let mut all = std::fs::read_to_string(&path).unwrap();
    all.push_str(&lines);
    std::fs::write(&path, all).unwrap();
    let view = json(&ctx, None);
    assert_eq!(view["last_completed"], "2026-03-01T09:00:00Z", "{view}");
}
