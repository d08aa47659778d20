//! `program status`, `next`, `back` and `restart` at a fixed `now`, over a
//! history directory two machines share.

use super::*;
use crate::cli::{DueArgs, ProgramArgs, StatusArgs};
use crate::commands::tests::at;
use crate::config::Config;
use crate::error::captured;
use crate::history::Record;

/// A context whose history is the directory `sync`, as machine `machine`,
/// the clock stopped at `now`.
fn machine(dir: &tempfile::TempDir, name: &str, now: &str) -> Context {
    let config = Config {
        history_dir: Some(dir.path().join("sync")),
        machine: Some(name.into()),
        ..Config::default()
    };
    Context::fixed(dir.path(), Ok(config), at(now))
}

/// A completed session of `flexion-program`'s stage `stage`, started at
/// `started`, in `ctx`'s own file, rated `rating` after.
fn session(ctx: &Context, stage: u32, started: &str, rating: Option<u8>) {
    let start = at(started).to_zoned_datetime(jiff::tz::TimeZone::UTC);
    let record = Record {
        routine: "wall-flexion".into(),
        title: "Wall thoracic flexion".into(),
        started_at: (&start).into(),
        ended_at: (&start).into(),
        active_seconds: 142.0,
        completed: true,
        reached_end: true,
        steps_done: 3,
        steps_total: 3,
        steps_skipped: 0,
        machine: Some(ctx.paths.machine.name.clone()),
        checkin_before: None,
        checkin_after: None,
        program: Some("flexion-program".into()),
        stage: Some(stage),
    };
    let file = ctx.history_store().own_file();
    crate::history::append(&file, &record).unwrap();
    if let Some(rating) = rating {
        let checkin = crate::history::Checkin::for_run(&record, record.ended_at, rating);
        crate::history::append_checkin(&file, &checkin).unwrap();
    }
}

fn args(program: Option<&str>) -> ProgramArgs {
    ProgramArgs {
        program: program.map(String::from),
    }
}

/// What `program status` prints.
fn status_of(ctx: &Context) -> String {
    let (exit, out) = captured(|| status::status(ctx, &args(None)));
    assert_eq!(exit.unwrap(), Exit::Success);
    out
}

/// Moves, then gives back what it printed.
fn moved(ctx: &Context, action: Action) -> String {
    let (exit, out) = captured(|| move_to(ctx, &args(Some("flexion-program")), action));
    assert_eq!(exit.unwrap(), Exit::Success);
    out
}

#[test]
fn stages_count_the_sessions_of_both_machines_files() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    let desk = machine(&dir, "desk", "2026-03-10T18:00:00Z");
    for day in 1..=3 {
        session(&laptop, 1, &format!("2026-03-0{day}T08:00:00Z"), None);
    }
    session(&desk, 1, "2026-03-04T08:00:00Z", None);
    session(&desk, 1, "2026-03-05T08:00:00Z", None);
    session(&laptop, 2, "2026-03-06T08:00:00Z", None);
    for ctx in [&laptop, &desk] {
        let out = status_of(ctx);
        assert!(
            out.contains("Stage 2/4 · Own it · session 2 of 10"),
            "{out}"
        );
        assert!(out.contains("1. Learn the shape  5/5"), "{out}");
        assert!(out.contains("2. Own it           1/10"), "{out}");
    }
    assert!(
        dir.path().join("sync/history-laptop.jsonl").is_file()
            && dir.path().join("sync/history-desk.jsonl").is_file()
    );
}

#[test]
fn next_back_and_restart_are_records_of_their_own_read_on_every_machine() {
    let dir = tempfile::tempdir().unwrap();
    let laptop = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    session(&laptop, 1, "2026-03-09T08:00:00Z", None);
    assert_eq!(
        moved(&laptop, Action::Next),
        "flexion-program: Stage 2/4 · Own it · session 1 of 10\n"
    );
    // The desk, a minute later, reads the laptop's move and makes its own.
    let desk = machine(&dir, "desk", "2026-03-10T18:01:00Z");
    assert_eq!(
        moved(&desk, Action::Next),
        "flexion-program: Stage 3/4 · Slower · session 1 of 10\n"
    );
    let desk = machine(&dir, "desk", "2026-03-10T18:02:00Z");
    assert_eq!(
        moved(&desk, Action::Back),
        "flexion-program: Stage 2/4 · Own it · session 1 of 10\n"
    );
    let out = status_of(&machine(&dir, "laptop", "2026-03-10T18:03:00Z"));
    assert!(
        out.contains("Sessions count from `mobility program back` on 2026-03-10 18:02."),
        "{out}"
    );
    // Stage 1's session before the moves is passed, not counted again.
    assert!(out.contains("1. Learn the shape  -        passed"), "{out}");
    let laptop = machine(&dir, "laptop", "2026-03-10T18:04:00Z");
    assert_eq!(
        moved(&laptop, Action::Restart),
        "flexion-program: Stage 1/4 · Learn the shape · session 1 of 5\n"
    );
    let lines = std::fs::read_to_string(dir.path().join("sync/history-desk.jsonl")).unwrap();
    let back: serde_json::Value = serde_json::from_str(lines.lines().last().unwrap()).unwrap();
    assert_eq!(back["kind"], "program");
    assert_eq!(back["action"], "back");
    assert_eq!(
        (back["from"].as_u64(), back["to"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(back["machine"], "desk");
    assert_eq!(back["at"], "2026-03-10T18:02:00+00:00");
}

#[test]
fn back_from_the_first_stage_and_next_past_the_last_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    let (exit, _) = captured(|| move_to(&ctx, &args(None), Action::Back));
    let err = exit.unwrap_err().to_string();
    assert!(
        err.contains("is at stage 1; there is no stage before it"),
        "{err}"
    );
    for _ in 0..4 {
        moved(&ctx, Action::Next);
    }
    let (exit, _) = captured(|| move_to(&ctx, &args(None), Action::Next));
    let err = exit.unwrap_err().to_string();
    assert!(
        err.contains("every stage of flexion-program is done"),
        "{err}"
    );
    // Nothing is written for a refusal: four moves, no more.
    let lines = std::fs::read_to_string(ctx.history_store().own_file()).unwrap();
    assert_eq!(lines.lines().count(), 4, "{lines}");
}

#[test]
fn a_kind_this_version_does_not_know_is_passed_over_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    session(&ctx, 1, "2026-03-09T08:00:00Z", None);
    let file = ctx.history_store().own_file();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("{\"kind\":\"goal\",\"program\":\"flexion-program\",\"to\":4,\"at\":\"2026-03-09T09:00:00Z\"}\n");
    std::fs::write(&file, text).unwrap();
    let log = ctx.history_store().read().unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert_eq!(log.records.len(), 1);
    let out = status_of(&ctx);
    assert!(
        out.contains("Stage 1/4 · Learn the shape · session 2 of 5"),
        "{out}"
    );
}

#[test]
fn three_high_check_ins_hold_the_stage_and_status_prints_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    for (day, rating) in (1..=5).zip([3, 4, 7, 8, 7]) {
        session(&ctx, 1, &format!("2026-03-0{day}T08:00:00Z"), Some(rating));
    }
    let out = status_of(&ctx);
    assert!(
        out.contains("Stage 1/4 · Learn the shape · session 6, staying"),
        "{out}"
    );
    assert!(
        out.contains(
            "your last three check-ins average 7.3; `mobility program next` moves on anyway"
        ),
        "{out}"
    );
    // The rule, wrapped to the width.
    let rule = out.replace('\n', " ");
    assert!(rule.contains("average 7 or more"), "{out}");
    assert!(
        rule.contains("This is a rule of thumb, not medical advice."),
        "{out}"
    );
    moved(&ctx, Action::Next);
    assert!(status_of(&ctx).contains("Stage 2/4 · Own it · session 1 of 10"));
}

#[test]
fn status_and_due_name_the_stage() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    for day in 1..=7 {
        session(
            &ctx,
            if day <= 5 { 1 } else { 2 },
            &format!("2026-03-0{day}T08:00:00Z"),
            None,
        );
    }
    let ctx = machine(&dir, "laptop", "2026-03-08T18:00:00Z");
    let (exit, out) = captured(|| {
        crate::commands::status::status(
            &ctx,
            StatusArgs {
                routine: "flexion-program".into(),
                within: None,
                json: false,
            },
        )
    });
    assert_eq!(exit.unwrap(), Exit::Success);
    assert_eq!(out, "flexion-program due · stage 2 2/10 · streak 7\n");
    let (exit, out) = captured(|| {
        crate::commands::status::status(
            &ctx,
            StatusArgs {
                routine: "flexion-program".into(),
                within: None,
                json: true,
            },
        )
    });
    assert_eq!(exit.unwrap(), Exit::Success);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["routine"], "flexion-program");
    assert_eq!(
        json["stage"],
        serde_json::json!({"number": 2, "done": 2, "sessions": 10})
    );
    let (exit, out) = captured(|| {
        crate::commands::due::due(
            &ctx,
            DueArgs {
                routine: "flexion-program".into(),
                within: None,
                quiet: false,
            },
        )
    });
    assert_eq!(exit.unwrap(), Exit::Success);
    assert!(out.ends_with("; stage 2, 2 of 10 sessions done\n"), "{out}");
}

#[test]
fn without_a_name_the_one_program_in_use_is_meant_and_two_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = machine(&dir, "laptop", "2026-03-10T18:00:00Z");
    // No history: the only program there is.
    assert!(status_of(&ctx).contains("(flexion-program)"));
    let mut other = Record {
        program: Some("hips".into()),
        stage: Some(1),
        ..crate::history::test_support::run("hips-1", &ctx.now(), true)
    };
    other.machine = Some("laptop".into());
    session(&ctx, 1, "2026-03-09T08:00:00Z", None);
    crate::history::append(&ctx.history_store().own_file(), &other).unwrap();
    let (exit, _) = captured(|| status::status(&ctx, &args(None)));
    let err = exit.unwrap_err().to_string();
    assert!(
        err.starts_with("you have used more than one program: `flexion-program`, `hips`"),
        "{err}"
    );
}
