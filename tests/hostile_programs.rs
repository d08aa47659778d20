//! Programs and their history lines under hostile input: program files
//! with values of the wrong type, and moves typed by hand or made on a
//! machine whose clock is wrong.

use crate::common::TestEnv;

/// A one-stage program whose `sessions` is `sessions`, as TOML.
fn sessions(value: &str) -> String {
    format!(
        "title = \"T\"\n\n[[stage]]\nname = \"A\"\nroutine = \"wall-flexion\"\nsessions = {value}\n"
    )
}

#[test]
fn sessions_of_the_wrong_type_are_named_in_plain_english() {
    let env = TestEnv::new();
    let file = env.write("p.toml", sessions("[1, 2]"));
    let err = env
        .run(["check".as_ref(), file.as_os_str()])
        .exits(1)
        .stdout;
    assert!(
        err.contains("p.toml:6:12: `sessions` in stage 1 is an array;"),
        "{err}"
    );
    let file = env.write("p.toml", sessions("{ n = 5 }"));
    let err = env
        .run(["check".as_ref(), file.as_os_str()])
        .exits(1)
        .stdout;
    assert!(err.contains("`sessions` in stage 1 is a table;"), "{err}");
}

/// A move of `flexion-program` to stage `to`, made at `at`.
fn move_line(to: u32, at: &str) -> String {
    format!(
        "{{\"kind\":\"program\",\"program\":\"flexion-program\",\"action\":\"next\",\"from\":{},\"to\":{to},\"at\":\"{at}\",\"machine\":\"other\"}}\n",
        to - 1
    )
}

#[test]
fn a_move_dated_in_the_future_is_named_instead_of_outranking_every_new_one() {
    // A machine whose clock ran decades ahead wrote a move: any move made
    // now would come before it, and change nothing.
    let env = TestEnv::new();
    let history = env.write(
        env.history_file(),
        format!(
            "{}{}",
            move_line(2, "2026-11-20T10:00:00+00:00"),
            move_line(3, "2099-12-31T23:59:59+00:00")
        ),
    );
    let before = std::fs::read_to_string(&history).unwrap();
    for action in ["next", "back", "restart"] {
        let err = env.fails(["program", action, "flexion-program"], 2);
        assert!(
            err.contains("history.jsonl`: line 2:")
                && err.contains("2099-12-31")
                && err.contains("in the future"),
            "{action}: {err}"
        );
        assert!(err.contains("clock"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&history).unwrap(),
            before,
            "{action}"
        );
    }
}

#[test]
fn a_move_that_does_not_read_is_named_by_file_and_line() {
    let env = TestEnv::new();
    let good = move_line(2, "2026-11-20T10:00:00+00:00");
    env.write(
        env.history_file(),
        format!(
            "{good}{}\n{}\n{}\n{}\n",
            good.trim_end().replace("\"to\":2", "\"to\":\"b\""),
            good.trim_end().replace("\"to\":2", "\"to\":0"),
            good.trim_end()
                .replace("2026-11-20T10:00:00+00:00", "not a time"),
            good.trim_end().replace("\"next\"", "\"jump\\u001b[31m\""),
        ),
    );
    for args in [&["program", "status", "flexion-program"][..], &["history"]] {
        let run = env.run(args);
        let err = &run.stderr;
        for line in 2..=5 {
            assert!(
                err.contains(&format!("history.jsonl`: line {line} was skipped: ")),
                "{args:?}: line {line}: {err}"
            );
        }
        assert!(err.contains("`to` is 0"), "{err}");
        assert!(!err.contains('\u{1b}'), "{err}");
        if args[0] == "program" {
            // The move that reads still counts.
            let out = run.exits(0).stdout;
            assert!(out.contains("Stage 2/4"), "{out}");
        }
    }
}

#[test]
fn a_stage_written_as_a_single_table_or_a_value_says_to_write_double_brackets() {
    let env = TestEnv::new();
    let file = env.write(
        "p.toml",
        "title = \"T\"\n\n[stage]\nname = \"A\"\nroutine = \"wall-flexion\"\nsessions = 2\n",
    );
    let out = env
        .run(["check".as_ref(), file.as_os_str()])
        .exits(1)
        .stdout;
    assert!(
        out.contains("p.toml:3:1: `[stage]` makes a single table; write `[[stage]]`, with double brackets, for each one"),
        "{out}"
    );
    let file = env.write("p.toml", "title = \"T\"\nstage = 3\n");
    let out = env
        .run(["check".as_ref(), file.as_os_str()])
        .exits(1)
        .stdout;
    assert!(out.contains("p.toml:2:"), "{out}");
    assert!(
        out.contains("write each stage as a `[[stage]]` table"),
        "{out}"
    );
    assert!(!out.contains("[\"a\", \"b\"]"), "{out}");
}

#[test]
fn a_trend_of_one_week_says_week() {
    let env = TestEnv::new();
    let out = env.succeeds(["history", "--trend", "--weeks", "1"]);
    assert!(out.contains("1 week: "), "{out}");
}

#[test]
fn a_program_that_takes_a_built_in_routines_id_is_named_where_the_built_in_program_breaks() {
    // A newcomer names their own program after the routine it is built
    // on: the built-in program's stage 2 now finds a program. The error
    // must point at the file that can be changed, not only the built-in.
    let env = TestEnv::new();
    let mine = env.user_routine(
        "wall-flexion",
        "title = \"Mine\"\n\n[[stage]]\nname = \"A\"\nroutine = \"wall-flexion-learn\"\nsessions = 2\n",
    );
    let err = env.fails(["show", "flexion-program"], 2);
    assert!(
        err.contains("stage 2: `wall-flexion` is a program"),
        "{err}"
    );
    assert!(
        err.contains(&format!("`{}`", mine.display()))
            && err.contains("replaces the built-in routine")
            && err.contains("rename"),
        "{err}"
    );
}

#[test]
fn a_stage_routine_that_is_no_routine_file_reads_as_one_sentence() {
    let env = TestEnv::new();
    let file = env.write(
        "p.toml",
        "title = \"T\"\n\n[[stage]]\nname = \"A\"\nroutine = \"/dev/zero\"\nsessions = 2\n",
    );
    let out = env
        .run(["check".as_ref(), file.as_os_str()])
        .exits(1)
        .stdout;
    assert!(
        out.contains("p.toml:5:11: stage 1: `/dev/zero` is not a routine file: routine files end in `.toml`; `mobility list` shows the routines you can run by id\n"),
        "{out}"
    );
}
