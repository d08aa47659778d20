//! Program files: `list`, `show` and `check` on them, and the errors a
//! broken one gets, each at its line and column.

use crate::common::TestEnv;
use serde_json::Value;

/// A program of one stage naming `routine`, for `sessions` sessions.
fn program(routine: &str, sessions: &str) -> String {
    format!(
        "title = \"Test program\"\n\n[[stage]]\nname = \"Only\"\nroutine = \"{routine}\"\nsessions = {sessions}\n"
    )
}

#[test]
fn list_gives_each_entry_its_kind() {
    let env = TestEnv::new();
    let out = env.succeeds(["list"]);
    let header = out.lines().next().unwrap();
    assert!(header.contains("KIND"), "{header}");
    let row = |id: &str| {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("no row for {id}: {out}"))
            .to_string()
    };
    assert!(row("flexion-program").contains(" program "), "{out}");
    assert!(row("wall-flexion").contains(" routine "), "{out}");
    // A program's TIME is its longest session: the last stage's 3:19.
    assert!(row("flexion-program").contains("3:19"), "{out}");

    let rows: Vec<Value> = serde_json::from_str(&env.succeeds(["list", "--json"])).unwrap();
    let kind = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap()["kind"].clone();
    assert_eq!(kind("flexion-program"), "program");
    assert_eq!(kind("wall-flexion"), "routine");
}

#[test]
fn show_prints_each_stage_with_its_routine_time() {
    let env = TestEnv::new();
    let out = env.succeeds(["show", "flexion-program"]);
    let stages: Vec<&str> = out.lines().filter(|l| l.contains(" × ")).collect();
    assert_eq!(stages.len(), 4, "{out}");
    assert!(
        stages[0].contains("Learn the shape") && stages[0].contains("5 sessions"),
        "{out}"
    );
    assert!(
        stages[1].contains("2:22") && stages[1].contains("wall-flexion"),
        "{out}"
    );

    let json: Value =
        serde_json::from_str(&env.succeeds(["show", "flexion-program", "--json"])).unwrap();
    assert_eq!(json["kind"], "program");
    assert_eq!(json["stages"][1]["routine"], "wall-flexion");
    assert_eq!(json["stages"][1]["session_seconds"], 142.0);
    let routine: Value =
        serde_json::from_str(&env.succeeds(["show", "wall-flexion", "--json"])).unwrap();
    assert_eq!(routine["kind"], "routine");
}

#[test]
fn every_stage_routine_of_the_built_in_program_is_at_most_four_minutes() {
    let env = TestEnv::new();
    let json: Value =
        serde_json::from_str(&env.succeeds(["show", "flexion-program", "--json"])).unwrap();
    let stages = json["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 4);
    for stage in stages {
        let seconds = stage["session_seconds"].as_f64().unwrap();
        assert!(seconds <= 240.0, "{stage}");
        let routine = stage["routine"].as_str().unwrap();
        assert!(
            routine.starts_with("wall-flexion"),
            "only the wall drill: {stage}"
        );
    }
}

#[test]
fn a_missing_routine_is_placed_and_gets_suggestions() {
    let env = TestEnv::new();
    let file = env.write("p.toml", program("wall-flexon", "5"));
    let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.contains("p.toml:5:11: stage 1: no routine named `wall-flexon`; did you mean"),
        "{out}"
    );
    assert!(out.contains("`wall-flexion`"), "{out}");
}

#[test]
fn a_stage_without_sessions_is_named_at_its_table() {
    let env = TestEnv::new();
    let file = env.write(
        "p.toml",
        "title = \"T\"\n\n[[stage]]\nname = \"One\"\nroutine = \"wall-flexion\"\n",
    );
    let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.contains("p.toml:3:1: stage 1 has no `sessions`; add a line like `sessions = 5`"),
        "{out}"
    );
}

#[test]
fn sessions_out_of_range_say_which_way() {
    let env = TestEnv::new();
    for (value, words) in [("0", "0, too few"), ("101", "101, too many")] {
        let file = env.write("p.toml", program("wall-flexion", value));
        let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
        assert!(
            out.contains(&format!("p.toml:6:12: `sessions` in stage 1 is {words}")),
            "{out}"
        );
    }
}

#[test]
fn a_cycle_through_paths_is_spelled_out() {
    let env = TestEnv::new();
    env.write("a.toml", program("b.toml", "3"));
    env.write("b.toml", program("a.toml", "3"));
    let out = env.run(["check", "a.toml"]).exits(1).stdout;
    assert!(
        out.contains("a.toml:5:11: stage 1: `b.toml` is a program, and its stages lead back"),
        "{out}"
    );
    assert!(out.contains("a cycle"), "{out}");
    env.write("self.toml", program("self.toml", "3"));
    let out = env.run(["check", "self.toml"]).exits(1).stdout;
    assert!(
        out.contains("`self.toml` is this program itself: a cycle"),
        "{out}"
    );
}

#[test]
fn a_program_as_a_stage_is_refused() {
    let env = TestEnv::new();
    let file = env.write("p.toml", program("flexion-program", "3"));
    let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.contains("stage 1: `flexion-program` is a program; a stage runs a routine"),
        "{out}"
    );
}

#[test]
fn a_stage_routine_with_problems_names_its_first() {
    let env = TestEnv::new();
    env.write(
        "drills/bad.toml",
        "title = \"x\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhodl = \"5s\"\n",
    );
    let file = env.write("p.toml", program("drills/bad.toml", "3"));
    let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.contains("the routine `drills/bad.toml` is not valid"),
        "{out}"
    );
    assert!(out.contains("did you mean `hold`?"), "{out}");
}

#[test]
fn a_stage_path_is_relative_to_the_program_file() {
    let env = TestEnv::new();
    env.write(
        "set/drills/short.toml",
        crate::common::routine("Short", "2s", 1),
    );
    let file = env.write("set/p.toml", program("drills/short.toml", "3"));
    env.succeeds(["check", file.to_str().unwrap()]);
    let out = env.succeeds(["show", file.to_str().unwrap()]);
    assert!(out.contains("drills/short.toml (Short)"), "{out}");
}

#[test]
fn a_program_where_a_routine_is_required_says_so() {
    let env = TestEnv::new();
    let file = env.write("prog.toml", program("wall-flexion", "3"));
    env.write("stage.toml", program("prog.toml", "3"));
    let out = env.run(["show", "flexion-program", "--toml"]).fails(2);
    assert!(
        out.contains("`flexion-program` is a program: `--toml` shows a routine"),
        "{out}"
    );
    let out = env
        .run(["new", "mine", "--from", file.to_str().unwrap()])
        .fails(2);
    assert!(out.contains("is a program"), "{out}");
}

#[test]
fn a_routine_file_with_stages_is_told_apart_from_one_with_steps() {
    let env = TestEnv::new();
    let file = env.write(
        "mixed.toml",
        format!(
            "{}\n[[step]]\nname = \"x\"\ncue = \"y\"\nhold = \"2s\"\n",
            program("wall-flexion", "3")
        ),
    );
    let out = env.run(["check", file.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.contains("a program has `[[stage]]` tables, not `[[step]]`"),
        "{out}"
    );
}

/// A completed session of `flexion-program`'s stage `stage` on day `day`
/// of March, as the history holds it.
fn session_line(stage: u32, day: u32) -> String {
    format!(
        "{{\"routine\":\"wall-flexion-learn\",\"title\":\"Wall flexion: learn the shape\",\"started_at\":\"2026-03-{day:02}T08:00:00+00:00\",\"ended_at\":\"2026-03-{day:02}T08:02:00+00:00\",\"active_seconds\":103.0,\"completed\":true,\"reached_end\":true,\"steps_done\":3,\"steps_total\":3,\"program\":\"flexion-program\",\"stage\":{stage}}}\n"
    )
}

/// `run flexion-program`, plain, at a hundredth of its times.
fn run_program(env: &TestEnv) -> String {
    env.run_with(
        [
            "run",
            "flexion-program",
            "--plain",
            "--quiet",
            "--lead-in",
            "0",
        ],
        |cmd| {
            cmd.env("MOBILITY_TEST_TIME_SCALE", "0.01");
        },
    )
    .success()
}

#[test]
fn run_says_where_you_are_and_records_the_program_and_stage() {
    let env = TestEnv::new();
    let history: String = (1..=3).map(|day| session_line(1, day)).collect();
    env.write(env.history_file(), history);
    let out = run_program(&env);
    assert_eq!(
        out.lines().next(),
        Some("flexion-program · Stage 1/4 · Learn the shape · session 4 of 5"),
        "{out}"
    );
    let done = out.lines().last().unwrap();
    assert!(
        done.contains("done: Stage 1/4 · Learn the shape · session 4 of 5 in "),
        "{out}"
    );
    assert!(!done.contains("Next time"), "mid-stage: {out}");
    let last = std::fs::read_to_string(env.history_file()).unwrap();
    let record: Value = serde_json::from_str(last.lines().last().unwrap()).unwrap();
    assert_eq!(record["routine"], "wall-flexion-learn");
    assert_eq!(record["title"], "Wall flexion: learn the shape");
    assert_eq!(record["program"], "flexion-program");
    assert_eq!(record["stage"], 1);
}

#[test]
fn the_end_of_a_stage_says_what_comes_next_and_what_changes() {
    let env = TestEnv::new();
    let history: String = (1..=4).map(|day| session_line(1, day)).collect();
    env.write(env.history_file(), history);
    let out = run_program(&env);
    let done = out.lines().last().unwrap();
    assert!(
        done.ends_with(". Stage 1 done. Next time: Stage 2 · Own it (6 reps, hold 4 s)"),
        "{out}"
    );
    let out = env.succeeds(["program", "status"]);
    assert!(
        out.contains("Stage 2/4 · Own it · session 1 of 10"),
        "{out}"
    );
}

#[test]
fn a_routine_where_a_program_is_required_says_so() {
    let env = TestEnv::new();
    let err = env.fails(["program", "status", "wall-flexion"], 2);
    assert!(
        err.contains("`wall-flexion` is a routine, not a program"),
        "{err}"
    );
    let err = env.fails(["program", "next", "wall-flexon"], 2);
    assert!(err.contains("did you mean"), "{err}");
}

#[test]
fn without_a_locale_where_you_are_is_ascii_too() {
    let env = TestEnv::new();
    let history: String = (1..=4).map(|day| session_line(1, day)).collect();
    env.write(env.history_file(), history);
    let out = env
        .run_with(
            [
                "run",
                "flexion-program",
                "--plain",
                "--quiet",
                "--lead-in",
                "0",
            ],
            |cmd| {
                cmd.env("MOBILITY_TEST_TIME_SCALE", "0.01")
                    .env_remove("LANG");
            },
        )
        .success();
    assert!(out.is_ascii(), "{out}");
    assert!(
        out.starts_with("flexion-program | Stage 1/4 | Learn the shape | session 5 of 5\n"),
        "{out}"
    );
    assert!(
        out.contains("Next time: Stage 2 | Own it (6 reps, hold 4 s)"),
        "{out}"
    );
}

#[test]
fn a_reminder_for_a_program_names_the_stage_start_would_run() {
    let env = TestEnv::new();
    let history: String = (1..=5).map(|day| session_line(1, day)).collect();
    env.write(env.history_file(), history);
    // (A warning says the binary is in cargo's target directory.)
    let out = env
        .run(["cron", "flexion-program", "--at", "10:30"])
        .exits(0)
        .stdout;
    assert!(out.contains(" remind flexion-program"), "{out}");
    // No desktop here: the reminder is printed, as cron would mail it.
    let run = env.run(["remind", "flexion-program", "--always"]).exits(0);
    assert!(
        run.stdout.starts_with(
            "Time for Own thoracic flexion (Stage 2/4 · Own it · session 1 of 10) — 2 min. Run: mobility run flexion-program"
        ),
        "{run}"
    );
}

#[test]
fn history_routine_with_a_program_lists_every_stage_s_runs() {
    let env = TestEnv::new();
    let mut history: String = (1..=5).map(|day| session_line(1, day)).collect();
    history.push_str(&session_line(2, 6).replace("wall-flexion-learn", "wall-flexion"));
    env.write(env.history_file(), history);
    let out = env.succeeds(["history", "--routine", "flexion-program", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), 6, "{out}");
    let out = env.succeeds(["history", "--routine", "wall-flexion", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), 1, "{out}");
}

#[test]
fn a_fifo_along_a_chain_of_programs_never_blocks_the_check() {
    let env = TestEnv::new();
    env.write("a.toml", program("b.toml", "3"));
    env.write("b.toml", program("c.toml", "3"));
    let fifo = env.path().join("c.toml");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    // `timeout`, so that a regression fails instead of hanging the suite.
    let run = crate::common::Run::of(
        env.clean("timeout")
            .args(["20", env!("CARGO_BIN_EXE_mobility"), "check", "a.toml"])
            .current_dir(env.path())
            .stdin(std::process::Stdio::null()),
    )
    .exits(1);
    assert!(
        run.stdout
            .contains("stage 1: `b.toml` is a program; a stage runs a routine"),
        "{run}"
    );
}

/// A program of two stages of the short routine, the first of 3 sessions,
/// and a history of two of them rated 8 and 9 after.
fn rated_program() -> TestEnv {
    let env = TestEnv::new();
    env.user_routine("quick", crate::common::SHORT);
    env.user_routine(
        "quick-program",
        "title = \"Quick program\"\n\n[[stage]]\nname = \"First\"\nroutine = \"quick\"\nsessions = 3\n\n[[stage]]\nname = \"Second\"\nroutine = \"quick\"\nsessions = 3\n",
    );
    let mut history = String::new();
    for (day, rating) in [(1, 8), (2, 9)] {
        let start = format!("2026-03-0{day}T08:00:00+00:00");
        history.push_str(&format!(
            "{{\"routine\":\"quick\",\"title\":\"Quick\",\"started_at\":\"{start}\",\"ended_at\":\"2026-03-0{day}T08:00:02+00:00\",\"active_seconds\":2.0,\"completed\":true,\"reached_end\":true,\"steps_done\":2,\"steps_total\":2,\"program\":\"quick-program\",\"stage\":1}}\n\
             {{\"kind\":\"checkin\",\"run\":\"{start}\",\"at\":\"2026-03-0{day}T08:00:05+00:00\",\"rating\":{rating}}}\n"
        ));
    }
    env.write(env.history_file(), history);
    env
}

#[test]
fn a_high_answer_at_the_end_of_a_stage_keeps_it_on_the_end_screen() {
    let env = rated_program();
    let mut pty = env.pty(&["run", "quick-program"], 80, 30);
    pty.wait_for_text(&[
        "Stage 1/2 · First · session 3 of 3",
        "Stage 1 done. Next time: Stage 2 · Second",
        "Upper back now",
    ]);
    pty.send(b"9");
    // Wrapped to the screen: its pieces.
    pty.wait_for_text(&["average 8.7", "staying on it", "any key to leave"]);
    pty.send(b"x");
    assert_eq!(pty.finish().code, 0);
    let out = env.succeeds(["program", "status"]);
    assert!(
        out.contains("Stage 1/2 · First · session 4, staying"),
        "{out}"
    );
}

#[test]
fn a_low_answer_at_the_end_of_a_stage_moves_on() {
    let env = rated_program();
    let mut pty = env.pty(&["run", "quick-program"], 80, 30);
    pty.wait_for_text(&["Upper back now"]);
    pty.send(b"2");
    pty.wait_for_text(&[
        "Stage 1 done. Next time: Stage 2 · Second",
        "any key to leave",
    ]);
    pty.send(b"x");
    assert_eq!(pty.finish().code, 0);
    let out = env.succeeds(["program", "status"]);
    assert!(out.contains("Stage 2/2 · Second · session 1 of 3"), "{out}");
}

#[test]
fn in_plain_mode_words_the_answer_can_change_come_after_it() {
    let env = rated_program();
    let mut pty = env.pty(&["run", "--plain", "quick-program"], 100, 24);
    let screen = pty.wait_for_text(&["done:", "Upper back now"]);
    assert!(
        !screen.contains("Next time"),
        "said before the answer:\n{screen}"
    );
    pty.send(b"9\r");
    let screen = pty.wait_for_text(&["average 8.7", "staying on it"]);
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{screen}");
}

#[test]
fn list_names_a_broken_program_file_as_a_program() {
    let env = TestEnv::new();
    env.user_routine("mine", &program("nope", "5"));
    let out = env.run(["list"]);
    assert!(
        out.stderr.contains("skipped a broken program file"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("routine file"), "{}", out.stderr);
}
