//! Running a scheduler's tool: never a hang, never unbounded output.

use std::ffi::OsStr;
use std::time::Duration;

use super::{ToolError, run_tool_within};

fn failed(result: Result<Vec<u8>, ToolError>) -> String {
    match result {
        Err(ToolError::Failed(said)) => said,
        other => panic!("not a failure: {other:?}"),
    }
}

#[test]
fn a_tool_that_never_finishes_is_stopped_at_the_deadline() {
    let said = failed(run_tool_within(
        "sleep",
        &[OsStr::new("600")],
        None,
        Duration::from_millis(300),
    ));
    assert!(said.contains("did not finish within"), "{said}");
}

#[test]
fn a_tool_that_prints_without_end_is_cut_off_with_an_error() {
    // `yes` prints forever: read whole, it would fill the memory.
    let said = failed(run_tool_within("yes", &[], None, Duration::from_secs(60)));
    assert!(said.contains("printed more than 1 MiB"), "{said}");
}

#[test]
fn output_still_open_after_the_tool_exits_is_not_taken_as_all_of_it() {
    // A child left behind holds the pipe open: what was read so far may be
    // half a crontab, which must never be written back.
    let said = failed(run_tool_within(
        "sh",
        &[OsStr::new("-c"), OsStr::new("sleep 600 & echo half")],
        None,
        Duration::from_millis(300),
    ));
    assert!(said.contains("did not finish within"), "{said}");
}

#[test]
fn a_tool_gets_its_input_and_its_output_is_returned() {
    let out = run_tool_within(
        "cat",
        &[],
        Some(&b"30 10 * * * x\n".repeat(10_000)),
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(out, b"30 10 * * * x\n".repeat(10_000));
    let said = failed(run_tool_within(
        "sh",
        &[
            OsStr::new("-c"),
            OsStr::new("echo 'no crontab for me' >&2; exit 1"),
        ],
        None,
        Duration::from_secs(60),
    ));
    assert_eq!(said, "no crontab for me");
}
