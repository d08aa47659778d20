use super::*;
use crate::commands::tests::{context, ran};
use crate::error::captured;

fn args(within: Option<std::time::Duration>) -> DueArgs {
    DueArgs {
        routine: "wall-flexion".into(),
        within,
        quiet: false,
    }
}

#[test]
fn a_routine_done_today_is_not_due_until_the_next_day() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    ran(&ctx, "wall-flexion", "2026-03-10T09:00:00Z", true);
    let (exit, out) = captured(|| due(&ctx, args(None)));
    assert_eq!(exit.unwrap(), Exit::No);
    assert_eq!(out, "wall-flexion is done for today (09:00)\n");
    let ctx = context(&dir, "2026-03-11T00:01:00Z");
    let (exit, out) = captured(|| due(&ctx, args(None)));
    assert_eq!(exit.unwrap(), Exit::Success);
    assert!(
        out.starts_with("wall-flexion is due: last completed"),
        "{out}"
    );
}

#[test]
fn a_run_that_was_stopped_leaves_it_due() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    ran(&ctx, "wall-flexion", "2026-03-10T09:00:00Z", false);
    let (exit, out) = captured(|| due(&ctx, args(None)));
    assert_eq!(exit.unwrap(), Exit::Success);
    assert_eq!(out, "wall-flexion is due: never completed\n");
}

#[test]
fn within_counts_back_from_now_across_midnight() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-11T06:00:00Z");
    ran(&ctx, "wall-flexion", "2026-03-10T20:00:00Z", true);
    let hours = |h: u64| Some(std::time::Duration::from_secs(h * 3600));
    // Done ten hours ago: within 12h it is done, within 8h it is due.
    assert_eq!(captured(|| due(&ctx, args(hours(12)))).0.unwrap(), Exit::No);
    assert_eq!(
        captured(|| due(&ctx, args(hours(8)))).0.unwrap(),
        Exit::Success
    );
    // The config's `within` stands when the flag is not given.
    let config = crate::config::Config {
        within: hours(12),
        ..Default::default()
    };
    let ctx = Context::fixed(
        dir.path(),
        Ok(config),
        crate::commands::tests::at("2026-03-11T06:00:00Z"),
    );
    assert_eq!(captured(|| due(&ctx, args(None))).0.unwrap(), Exit::No);
}

#[test]
fn quiet_answers_with_the_exit_code_alone() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = context(&dir, "2026-03-10T18:00:00Z");
    let (exit, out) = captured(|| {
        due(
            &ctx,
            DueArgs {
                quiet: true,
                ..args(None)
            },
        )
    });
    assert_eq!(exit.unwrap(), Exit::Success);
    assert_eq!(out, "");
}
