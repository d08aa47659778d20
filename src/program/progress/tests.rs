use super::*;
use crate::history::test_support::{at, run};
use crate::program::Stage;
use crate::routine::Routine;

/// A program of three stages of 2, 3 and 1 sessions.
fn program() -> Program {
    let stage = |name: &str, sessions| Stage {
        name: name.into(),
        written: "t".into(),
        routine: Routine::with_steps(vec![]),
        sessions,
    };
    Program {
        id: "p".into(),
        title: "P".into(),
        summary: None,
        stages: vec![stage("One", 2), stage("Two", 3), stage("Three", 1)],
    }
}

/// A completed session of stage `stage` of program `p` on day `day` of
/// March, rated `rating` after.
fn session(day: u32, stage: u32, rating: Option<u8>) -> Record {
    let mut r = run("t", &at(&format!("2026-03-{day:02}T10:00"), "UTC"), true);
    r.program = Some("p".into());
    r.stage = Some(stage);
    r.checkin_after = rating;
    r
}

fn moved(day: u32, action: Action, from: u32, to: u32) -> Move {
    let when = at(&format!("2026-03-{day:02}T12:00"), "UTC");
    Move::new("p", action, from, to, Stamp::from(&when), "laptop")
}

#[test]
fn the_current_stage_is_the_first_with_sessions_to_go() {
    let p = program();
    let at_start = position(&p, &[], &[]);
    assert_eq!((at_start.stage, at_start.session()), (0, 1));
    let runs = [
        session(1, 1, None),
        session(2, 1, None),
        session(3, 2, None),
    ];
    let now = position(&p, &runs, &[]);
    assert_eq!(now.stage, 1);
    assert_eq!(now.done, [2, 1, 0]);
    assert_eq!(now.session(), 2);
}

#[test]
fn runs_of_other_programs_and_unfinished_runs_do_not_count() {
    let p = program();
    let mut other = session(1, 1, None);
    other.program = Some("q".into());
    let mut quit = session(2, 1, None);
    quit.completed = false;
    let plain = run("t", &at("2026-03-03T10:00", "UTC"), true);
    assert_eq!(position(&p, &[other, quit, plain], &[]).done, [0, 0, 0]);
}

#[test]
fn next_passes_a_stage_and_counts_from_the_move() {
    let p = program();
    let runs = [session(1, 1, None), session(3, 2, None)];
    let now = position(&p, &runs, &[moved(2, Action::Next, 1, 2)]);
    assert_eq!(now.stage, 1);
    // The stage-1 run before the move no longer counts; the one after does.
    assert_eq!(now.done, [0, 1, 0]);
}

#[test]
fn back_counts_the_stage_again_from_the_move() {
    let p = program();
    let runs = [
        session(1, 1, None),
        session(2, 1, None),
        session(3, 2, None),
        session(5, 1, None),
    ];
    let now = position(&p, &runs, &[moved(4, Action::Back, 2, 1)]);
    assert_eq!(now.stage, 0);
    assert_eq!(now.done, [1, 0, 0]);
}

#[test]
fn restart_counts_everything_again_and_the_latest_move_wins() {
    let p = program();
    let runs = [
        session(1, 1, None),
        session(2, 1, None),
        session(6, 1, None),
    ];
    let moves = [
        moved(3, Action::Next, 2, 3),
        moved(5, Action::Restart, 3, 1),
    ];
    // In any order in the file: the latest by time wins.
    for moves in [moves.to_vec(), moves.iter().rev().cloned().collect()] {
        let now = position(&p, &runs, &moves);
        assert_eq!((now.stage, now.done[0]), (0, 1));
    }
}

#[test]
fn every_stage_done_is_the_end_and_a_move_past_it_is_too() {
    let p = program();
    let runs = [
        session(1, 1, None),
        session(2, 1, None),
        session(3, 2, None),
        session(4, 2, None),
        session(5, 2, None),
        session(6, 3, None),
    ];
    assert!(position(&p, &runs, &[]).finished(&p));
    let past = moved(7, Action::Next, 3, 99);
    assert!(position(&p, &[], &[past]).finished(&p));
}

#[test]
fn three_high_check_ins_hold_a_stage_whose_sessions_are_done() {
    let p = program();
    let high = [session(1, 1, Some(8)), session(2, 1, Some(7))];
    let now = position(&p, &high, &[]);
    // Two ratings are not three: the stage's sessions decide.
    assert_eq!(now.stage, 1);
    let three = [
        session(1, 1, Some(6)),
        session(2, 1, Some(8)),
        session(3, 1, Some(8)),
    ];
    let now = position(&p, &three, &[]);
    assert_eq!(now.stage, 0);
    let average = now.held.expect("held");
    assert!((average - 22.0 / 3.0).abs() < 1e-9, "{average}");
    // Lower ratings let it go on.
    let low = [
        session(1, 1, Some(8)),
        session(2, 1, Some(6)),
        session(3, 1, Some(6)),
    ];
    assert_eq!(position(&p, &low, &[]).stage, 1);
    // `next` moves on anyway.
    assert_eq!(
        position(&p, &three, &[moved(4, Action::Next, 1, 2)]).stage,
        1
    );
}

#[test]
fn a_move_line_reads_back_and_other_kinds_are_passed_over() {
    let m = moved(4, Action::Back, 3, 2);
    let line = serde_json::to_value(&m).unwrap();
    assert_eq!(line["kind"], "program");
    assert_eq!(line["action"], "back");
    assert_eq!(
        (line["from"].clone(), line["to"].clone()),
        (3.into(), 2.into())
    );
    let other = |kind: &str, value: serde_json::Value| Other {
        kind: kind.into(),
        value,
        path: "h".into(),
        line: 1,
    };
    let lines = [
        other("program", line),
        other("goal", serde_json::json!({"kind": "goal", "to": 3})),
        other(
            "program",
            serde_json::json!({"kind": "program", "to": "three"}),
        ),
    ];
    assert_eq!(moves(&lines), [m]);
}
