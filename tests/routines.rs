//! `list`, `show`, `check`, `new`, `completions` and `man`, run as a user
//! would run them.

use crate::common::{self, TestEnv, routine};
use serde_json::Value;

#[test]
fn list_shows_both_built_in_routines_with_their_totals() {
    let env = TestEnv::new();
    let out = env.succeeds(["list"]);
    assert!(out.starts_with("ID"), "{out}");
    for id in ["wall-flexion", "chair-flexion"] {
        let row = out.lines().find(|l| l.starts_with(id)).expect(id);
        assert!(row.contains("built-in"), "{row}");
        assert!(row.contains("2:22"), "{row}");
    }
}

#[test]
fn list_json_has_the_documented_fields() {
    let env = TestEnv::new();
    let out = env.succeeds(["list", "--json"]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    let wall = rows.iter().find(|r| r["id"] == "wall-flexion").unwrap();
    for key in [
        "title",
        "summary",
        "tags",
        "equipment",
        "step_count",
        "total_seconds",
        "source",
    ] {
        assert!(wall.get(key).is_some(), "missing {key}: {wall}");
    }
    assert_eq!(wall["step_count"], 3);
    assert!(
        wall.get("steps").is_none(),
        "`steps` is only ever the array: {wall}"
    );
    assert_eq!(wall["total_seconds"], 142.0);
    assert_eq!(wall["source"], "built-in");
}

#[test]
fn a_user_routine_with_a_built_in_id_replaces_it_and_list_says_so() {
    let env = TestEnv::new();
    env.user_routine("wall-flexion", &routine("My wall drill", "5s", 2));
    let out = env.succeeds(["list"]);
    let row = out.lines().find(|l| l.starts_with("wall-flexion")).unwrap();
    assert!(
        row.contains("My wall drill") && row.contains("user (replaces built-in)"),
        "{row}"
    );
    let out = env.succeeds(["show", "wall-flexion"]);
    assert!(out.starts_with("My wall drill"), "{out}");
}

#[test]
fn routines_dir_wins_over_the_users_own() {
    let env = TestEnv::new();
    env.user_routine("drill", &routine("From the user dir", "5s", 1));
    env.write("extra/drill.toml", routine("From the flag", "5s", 1));
    let out = env.succeeds(["--routines-dir", "extra", "show", "drill", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["title"], "From the flag");
}

#[test]
fn list_filters_by_tag() {
    let env = TestEnv::new();
    let out = env.succeeds(["list", "--tag", "seated"]);
    assert!(
        out.contains("chair-flexion") && !out.contains("wall-flexion"),
        "{out}"
    );
}

#[test]
fn a_broken_file_is_reported_but_hides_no_other_routine() {
    let env = TestEnv::new();
    env.user_routine("good", &routine("Good one", "5s", 1));
    env.user_routine(
        "broken",
        "title = \"x\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhodl = \"5s\"\n",
    );
    let run = env.run(["list"]).exits(0);
    let (out, err) = (run.stdout, run.stderr);
    assert!(
        out.contains("good") && out.contains("wall-flexion"),
        "{out}"
    );
    assert!(
        err.contains("broken.toml:5:1: unknown key `hodl` in step 1; did you mean `hold`?"),
        "{err}"
    );
}

#[test]
fn show_prints_a_timeline_with_step_starts_and_the_total() {
    let env = TestEnv::new();
    let out = env.succeeds(["show", "wall-flexion"]);
    assert!(out.contains("0:00  1. Set up against the wall"), "{out}");
    assert!(out.contains("0:22  2. Peel off the wall"), "{out}");
    assert!(out.contains("6 reps × 14s, rest 3s"), "{out}");
    assert!(out.contains("Total 2:22"), "{out}");
}

#[test]
fn show_draws_each_phase_of_a_rep_with_the_prompts_that_fall_in_it() {
    let env = TestEnv::new();
    let out = env.succeeds(["show", "wall-flexion"]);
    let peel = out
        .split("2. Peel off the wall")
        .nth(1)
        .and_then(|s| s.split("3. Stand tall").next())
        .unwrap();
    let lines: Vec<&str> = peel.lines().map(str::trim).take(8).collect();
    assert_eq!(
        lines[1..],
        [
            "get ready 3s · 6 reps × 14s, rest 3s · 1:42 in all",
            "+0s  Round down · move 5s · “Round down, head first”",
            "at 2s 500ms: Upper abs draw in",
            "+5s  Hold · hold 4s · “Hold, breathe out”",
            "at 1s 800ms: Lower back on the wall",
            "+9s  Roll up · move 5s · “Roll back up, head last”",
            "at 2s 500ms: Place each segment back",
        ],
        "{out}"
    );
}

#[test]
fn show_json_gives_each_step_its_phases() {
    let env = TestEnv::new();
    env.write("held.toml", routine("Held", "4s", 2));
    let out = env.succeeds(["show", "held.toml", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["steps"][0]["phases"],
        serde_json::json!([{"name": "Hold", "seconds": 4.0, "kind": "hold", "say": null, "pose": null, "prompts": []}])
    );
    let out = env.succeeds(["show", "wall-flexion", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let peel = &json["steps"][1];
    assert_eq!(
        peel["phases"][2],
        serde_json::json!({
            "name": "Roll up",
            "seconds": 5.0,
            "kind": "move",
            "say": "Roll back up, head last",
            "pose": "upright",
            "prompts": [{"at_seconds": 2.5, "text": "Place each segment back"}]
        })
    );
    assert_eq!(peel["rep_seconds"], 14.0);
    assert_eq!(peel["total_seconds"], 102.0);
}

#[test]
fn show_toml_writes_phases_back_and_the_result_reads_the_same() {
    let env = TestEnv::new();
    env.write(
        "moves.toml",
        "title = \"Moves\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nreps = 2\n[[step.phase]]\nname = \"Down\"\ntime = \"1500ms\"\n[[step.phase]]\nname = \"Stay\"\ntime = \"2s\"\nkind = \"hold\"\nsay = \"Stay there\"\n[[step.phase.prompt]]\nat = \"500ms\"\ntext = \"Breathe\"\n[[step]]\nname = \"c\"\ncue = \"d\"\nhold = \"3s\"\n",
    );
    let toml = env.succeeds(["show", "moves.toml", "--toml"]);
    assert!(
        toml.contains("kind = \"move\""),
        "the default is spelled out: {toml}"
    );
    assert_eq!(toml.matches("[[step.phase]]").count(), 2, "{toml}");
    assert_eq!(toml.matches("hold = ").count(), 1, "{toml}");
    env.write("again.toml", &toml);
    assert_eq!(env.succeeds(["show", "again.toml", "--toml"]), toml);
    let json = |file| {
        let mut v: Value = serde_json::from_str(&env.succeeds(["show", file, "--json"])).unwrap();
        v["id"] = Value::Null;
        v["source"] = Value::Null;
        v["path"] = Value::Null;
        v
    };
    assert_eq!(json("moves.toml"), json("again.toml"));
}

#[test]
fn check_reports_phase_problems_with_their_place() {
    let env = TestEnv::new();
    env.write(
        "both.toml",
        "title = \"T\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"2s\"\n[[step.phase]]\nname = \"Down\"\ntime = \"2s\"\nkind = \"mvoe\"\n",
    );
    let out = env.run(["check", "both.toml"]).exits(1).stdout;
    assert!(
        out.contains("both.toml:2:1: step 1 has both `hold` and `[[step.phase]]` tables"),
        "{out}"
    );
    assert!(
        out.contains("both.toml:9:8: `kind` in phase 1 of step 1 is `mvoe`; did you mean `move`?"),
        "{out}"
    );
}

#[test]
fn show_json_carries_total_seconds_and_steps() {
    let env = TestEnv::new();
    let out = env.succeeds(["show", "chair-flexion", "--json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["total_seconds"], 142.0);
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(json["step_count"], 3);
    assert_eq!(steps[1]["reps"], 6);
    assert_eq!(steps[1]["starts_at_seconds"], 22.0);
    assert_eq!(steps[1]["prompts"][0]["at_seconds"], 2.5);
}

#[test]
fn show_reads_a_path_directly() {
    let env = TestEnv::new();
    env.write("mine/quick.toml", routine("Quick", "2s", 3));
    let out = env.succeeds(["show", "mine/quick.toml"]);
    assert!(out.contains("Total 0:06"), "{out}");
}

#[test]
fn unknown_routine_names_the_closest_ids_and_suggests_list() {
    let env = TestEnv::new();
    let err = env.fails(["show", "wall-flexon"], 2);
    assert_eq!(
        err,
        "error: no routine named `wall-flexon`\n  hint: did you mean one of `wall-flexion`, `wall-flexion-slow`? `mobility list` shows every routine\n"
    );
}

#[test]
fn a_name_that_escapes_the_routine_directory_is_never_read() {
    let env = TestEnv::new();
    // A file outside any routine directory that would parse if it were read.
    env.write("secret.toml", routine("Secret", "1s", 1));
    env.write("config/mobility/routines/x", "");
    for name in ["../../etc/passwd", "..", "Wall-Flexion", "../secret"] {
        let err = env.fails(["show", name], 2);
        assert!(!err.contains("root:"), "{err}");
        assert!(!err.contains("Secret"), "{err}");
    }
}

#[test]
fn check_passes_the_built_ins_and_exits_zero() {
    let env = TestEnv::new();
    let routines = concat!(env!("CARGO_MANIFEST_DIR"), "/routines");
    // Six built-ins (one a program) and the starter.
    assert_eq!(env.succeeds(["check", routines]), "7 files ok\n");
}

#[test]
fn check_prints_one_line_per_problem_with_path_line_and_column() {
    let env = TestEnv::new();
    env.write(
        "bad.toml",
        "title = \"x\"\n[[step]]\nname = \"\"\ncue = \"b\"\nhold = 5\n",
    );
    env.write("good.toml", routine("Good", "1s", 1));
    let run = env.run(["check", "bad.toml", "good.toml"]).exits(1);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "bad.toml:3:8: `name` in step 1 is empty; write something here\n\
         bad.toml:5:8: `hold` in step 1 is a bare number; add a unit, as in `hold = \"5s\"`\n\
         1 of 2 files had problems\n"
    );
}

#[test]
fn check_stays_short_on_huge_and_strange_input() {
    let env = TestEnv::new();
    env.write("huge.toml", vec![b'x'; 300 * 1024]);
    env.write(
        "long-line.toml",
        format!("title = \"{}\"\n", "\u{1b}[2J".repeat(20_000)),
    );
    let many_errors = "[[step]]\nname = \"\"\ncue = \"\"\nhold = \"0s\"\n".repeat(150);
    env.write("many.toml", format!("title = \"t\"\n{many_errors}"));
    let run = env
        .run(["check", "huge.toml", "long-line.toml", "many.toml"])
        .exits(1);
    let (out, err) = (run.stdout, run.stderr);
    assert!(out.len() < 4096, "{} bytes:\n{out}", out.len());
    assert!(out.lines().all(|l| l.chars().count() <= 200), "{out}");
    assert!(!out.contains('\u{1b}') && !err.contains('\u{1b}'));
    assert!(
        out.contains("huge.toml: the file is larger than 256 KiB"),
        "{out}"
    );
    assert!(out.contains("and 440 more problems"), "{out}");
}

#[test]
fn check_of_a_missing_path_is_trouble() {
    let env = TestEnv::new();
    let err = env.fails(["check", "nope.toml"], 2);
    assert!(
        err.contains("`nope.toml`: no such file or directory"),
        "{err}"
    );
}

#[test]
fn new_writes_a_starter_that_passes_check_and_refuses_to_overwrite() {
    let env = TestEnv::new();
    let run = env.run(["new", "hip-openers"]).exits(0);
    assert!(run.stderr.starts_with("Wrote a starter routine"), "{run}");
    let out = run.stdout;
    let path = env.user_routines().join("hip-openers.toml");
    assert_eq!(out.trim(), path.display().to_string());
    assert_eq!(
        env.succeeds(["check", path.to_str().unwrap()]),
        "1 file ok\n"
    );
    let out = env.succeeds(["list"]);
    assert!(out.contains("hip-openers"), "{out}");

    std::fs::write(&path, "mine").unwrap();
    let err = env.fails(["new", "hip-openers"], 2);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn new_refuses_a_name_that_is_not_an_id() {
    let env = TestEnv::new();
    let err = env.fails(["new", "../escape"], 2);
    assert!(err.contains("is not a valid routine id"), "{err}");
}

#[test]
fn completions_are_printed_for_every_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.succeeds(["completions", shell]);
        assert!(out.contains("routines-dir"), "{shell}");
    }
}

#[test]
fn man_prints_a_roff_page() {
    let env = TestEnv::new();
    let out = env.succeeds(["man"]);
    assert!(
        out.starts_with(".ie") || out.contains(".TH mobility"),
        "{}",
        &out[..200]
    );
    assert!(out.contains("routines\\-dir"));
}

#[test]
fn bad_usage_exits_two() {
    let env = TestEnv::new();
    let err = env.fails(["list", "--frobnicate"], 2);
    assert!(err.contains("--frobnicate"), "{err}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `mobility list | head -0`: the reading end is closed before mobility
    // starts, so its first write meets a broken pipe every time.
    let env = TestEnv::new();
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "wall-flexion"],
        &["man"],
        &["completions", "bash"],
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let mut cmd = env.command(args);
        cmd.stdout(writer);
        let run = common::Run::of(&mut cmd);
        assert_eq!(run.code(), Some(0), "{run}");
        assert_eq!(run.stderr, "", "{run}");
    }
}

#[test]
fn colour_appears_only_when_asked_for_or_on_a_terminal() {
    let env = TestEnv::new();
    let piped = env.succeeds(["list"]);
    assert!(
        !piped.contains('\u{1b}'),
        "no colour into a pipe: {piped:?}"
    );
    let forced = env.succeeds(["--color", "always", "list"]);
    assert!(forced.starts_with("\u{1b}[1mID"), "{forced:?}");
    let err = env.fails(["--color", "never", "show", "nope"], 2);
    assert!(err.starts_with("error: "), "{err:?}");
    let err = env.fails(["--color", "always", "show", "nope"], 2);
    assert!(err.starts_with("\u{1b}[1;31merror:"), "{err:?}");
}

#[test]
fn dynamic_completion_offers_routine_ids_including_the_users_own() {
    let env = TestEnv::new();
    env.user_routine("neck-nods", &routine("Neck nods", "2s", 3));
    let words = env
        .run_with(["--", "mobility", "show", ""], |cmd| {
            cmd.env("COMPLETE", "bash")
                .env("_CLAP_COMPLETE_INDEX", "2")
                .env("_CLAP_COMPLETE_COMP_TYPE", "9")
                .env("_CLAP_COMPLETE_SPACE", "true");
        })
        .success();
    let words: Vec<&str> = words.split(['\n', '\u{b}']).collect();
    for id in ["neck-nods", "wall-flexion", "chair-flexion"] {
        assert!(words.contains(&id), "{id} in {words:?}");
    }
}

#[test]
fn new_with_a_built_in_id_warns_that_it_replaces_the_built_in() {
    let env = TestEnv::new();
    let err = env.run(["new", "wall-flexion", "--force"]).exits(0).stderr;
    assert!(
        err.contains("warning: this replaces the built-in `wall-flexion`"),
        "{err}"
    );
}

#[test]
fn a_broken_user_routine_hides_the_built_in_it_would_replace() {
    let env = TestEnv::new();
    env.user_routine("wall-flexion", "title = \"broken\"\n");
    let run = env.run(["list"]).exits(0);
    let (out, err) = (run.stdout, run.stderr);
    assert!(
        !out.lines().any(|l| l.starts_with("wall-flexion ")),
        "listed, though `run` would fail:\n{out}"
    );
    assert!(err.contains("wall-flexion.toml"), "{err}");
}

#[test]
fn check_flags_misnamed_files_and_empty_directories() {
    let env = TestEnv::new();
    env.write("dir/My_Routine.toml", routine("Mine", "1s", 1));
    let out = env.run(["check", "dir"]).exits(1).stdout;
    assert!(
        out.contains("`My_Routine` is not a routine id, so `list` skips this file"),
        "{out}"
    );
    std::fs::create_dir_all(env.path().join("empty")).unwrap();
    let err = env.fails(["check", "empty"], 2);
    assert!(err.contains("holds no routine files"), "{err}");
}

#[test]
fn a_capitalised_id_suggests_the_lowercase_one() {
    let env = TestEnv::new();
    let err = env.fails(["show", "Wall-Flexion"], 2);
    assert!(err.contains("did you mean `wall-flexion`?"), "{err}");
}

#[test]
fn show_toml_keeps_step_lead_ins_only_where_they_differ() {
    let env = TestEnv::new();
    env.write(
        "mixed.toml",
        "title = \"Mixed\"\nlead_in = \"2s\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\n[[step]]\nname = \"c\"\ncue = \"d\"\nhold = \"1s\"\nlead_in = \"5s\"\n",
    );
    let out = env.succeeds(["show", "mixed.toml", "--toml"]);
    assert_eq!(out.matches("lead_in").count(), 2, "{out}");
    assert!(out.contains("lead_in = \"5s\""), "{out}");
}

#[test]
fn a_copied_drill_with_a_longer_phase_keeps_each_prompt_in_its_phase() {
    let env = TestEnv::new();
    env.run(["new", "slow-flexion", "--from", "wall-flexion"])
        .exits(0);
    let path = env
        .config_home()
        .join("mobility/routines/slow-flexion.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The round-down from 5 s to 8 s, as a person would edit it.
    let slower = text.replacen(
        "name = \"Round down\"\ntime = \"5s\"",
        "name = \"Round down\"\ntime = \"8s\"",
        1,
    );
    assert_ne!(slower, text, "the copy has the round-down to edit");
    std::fs::write(&path, slower).unwrap();
    env.succeeds(["check", "slow-flexion"]);
    let out = env.succeeds(["show", "slow-flexion"]);
    let hold = out
        .split("Hold · hold 4s")
        .nth(1)
        .and_then(|s| s.split("Roll up").next())
        .unwrap();
    assert!(
        hold.contains("at 1s 800ms: Lower back on the wall"),
        "{out}"
    );
    assert!(!hold.contains("Place each segment back"), "{out}");
}

#[test]
fn check_refuses_a_step_level_prompt_in_a_phased_step_and_spells_out_the_fix() {
    let env = TestEnv::new();
    env.write(
        "old.toml",
        "title = \"T\"\n[[step]]\nname = \"a\"\ncue = \"b\"\n[[step.phase]]\nname = \"Down\"\ntime = \"5s\"\n[[step.phase]]\nname = \"Stay\"\ntime = \"4s\"\nkind = \"hold\"\n[[step.prompt]]\nat = \"6s 800ms\"\ntext = \"Breathe\"\n",
    );
    let out = env.run(["check", "old.toml"]).exits(1).stdout;
    assert!(
        out.contains("old.toml:12:1: step 1 has phases, so its prompts go inside them; move it under phase `Stay` as `[[step.phase.prompt]]` with `at = \"1s 800ms\"`"),
        "{out}"
    );
}
