//! A new user's first steps: `new`, `edit`, `check` with ids, `config`, a
//! routine id given as the command, and plain mode stopped with Ctrl-C.

use crate::common::TestEnv;

/// One step of one long hold, so nothing ends by itself mid-test.
const LONG: &str = "title = \"Long haul\"\nlead_in = \"0s\"\n\n[[step]]\nname = \"Reach up\"\ncue = \"Arms overhead.\"\nhold = \"60s\"\n";

#[test]
fn plain_mode_stopped_with_ctrl_c_starts_its_stopped_line_on_a_fresh_line() {
    let env = TestEnv::new();
    env.write("routine.toml", LONG);
    let mut pty = env.pty(&["run", "--plain", "routine.toml"], 80, 24);
    pty.wait_for_text(&["step 1/1 · Reach up · Hold"]);
    pty.send(b"\x03");
    let ended = pty.finish();
    assert_eq!(ended.code, 130, "{}", ended.contents);
    let line = ended
        .contents
        .lines()
        .find(|l| l.contains("stopped:"))
        .unwrap_or_else(|| panic!("no stopped line:\n{}", ended.contents));
    assert!(line.starts_with("[0:0"), "{line:?} in\n{}", ended.contents);
}

/// A stand-in editor: records its arguments, one a line, in `argv`, and
/// appends the contents of `append` (if that file exists) to the file it
/// was given, its last argument. Run through `sh`, so that a script just
/// written is never executed directly (ETXTBSY).
fn recording_editor(env: &TestEnv) -> String {
    let script = env.write(
        "editor.sh",
        format!(
            "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{dir}/argv'\nfor last; do :; done\nif [ -f '{dir}/append' ]; then cat '{dir}/append' >> \"$last\"; fi\n",
            dir = env.path().display()
        ),
    );
    format!("sh '{}'", script.display())
}

/// What the recording editor was given.
#[track_caller]
fn editor_argv(env: &TestEnv) -> Vec<String> {
    std::fs::read_to_string(env.path().join("argv"))
        .expect("the editor ran")
        .lines()
        .map(str::to_string)
        .collect()
}

fn config_file(env: &TestEnv) -> std::path::PathBuf {
    env.config_home().join("mobility/config.toml")
}

// --- new ---

#[test]
fn new_refuses_to_shadow_a_built_in_without_force() {
    let env = TestEnv::new();
    let err = env.fails(["new", "wall-flexion"], 2);
    assert!(
        err.contains("`wall-flexion` is a built-in routine") && err.contains("--force"),
        "{err}"
    );
    assert!(!env.user_routines().join("wall-flexion.toml").exists());
    let run = env.run(["new", "wall-flexion", "--force"]).exits(0);
    assert!(
        run.stderr
            .contains("this replaces the built-in `wall-flexion`"),
        "{run}"
    );
    assert!(env.user_routines().join("wall-flexion.toml").exists());
}

#[test]
fn new_from_a_built_in_copies_its_source_and_retitles_it() {
    let env = TestEnv::new();
    let run = env
        .run(["new", "my-wall", "--from", "wall-flexion"])
        .exits(0);
    assert!(
        run.stderr.contains("Wrote a copy of `wall-flexion`"),
        "{run}"
    );
    let copy = std::fs::read_to_string(env.user_routines().join("my-wall.toml")).unwrap();
    // The built-in's own text, comments included; only the title differs.
    let source = concat!(env!("CARGO_MANIFEST_DIR"), "/routines/wall-flexion.toml");
    let original = std::fs::read_to_string(source).unwrap();
    assert_eq!(
        copy,
        // Capitalised as the original's title is.
        original.replace("title = \"Wall thoracic flexion\"", "title = \"My wall\"")
    );
    assert_ne!(copy, original);
    let shown = env.succeeds(["show", "my-wall", "--json"]);
    assert!(shown.contains("\"step_count\": "), "{shown}");
    assert_eq!(env.succeeds(["check", "my-wall"]), "1 file ok\n");
}

#[test]
fn new_from_a_user_routine_keeps_its_comments() {
    let env = TestEnv::new();
    env.user_routine(
        "mine",
        "# my notes\ntitle = \"Mine\" # the title\nlead_in = \"0s\"\n\n[[step]]\nname = \"A\" # keep\ncue = \"B\"\nhold = \"1s\"\n",
    );
    let run = env.run(["new", "yours", "--from", "mine"]).exits(0);
    assert!(run.stderr.contains(", 1 step)"), "{run}");
    assert_eq!(
        std::fs::read_to_string(env.user_routines().join("yours.toml")).unwrap(),
        "# my notes\ntitle = \"Yours\" # the title\nlead_in = \"0s\"\n\n[[step]]\nname = \"A\" # keep\ncue = \"B\"\nhold = \"1s\"\n"
    );
}

#[test]
fn new_with_a_built_ins_id_from_that_built_in_keeps_its_title() {
    let env = TestEnv::new();
    env.run(["new", "wall-flexion", "--from", "wall-flexion", "--force"])
        .exits(0);
    let copy = std::fs::read_to_string(env.user_routines().join("wall-flexion.toml")).unwrap();
    assert!(copy.contains("title = \"Wall thoracic flexion\""), "{copy}");
}

#[test]
fn new_from_an_unknown_or_broken_routine_writes_nothing() {
    let env = TestEnv::new();
    let err = env.fails(["new", "x", "--from", "wall-flexon"], 2);
    assert!(
        err.contains("did you mean one of `wall-flexion`, "),
        "{err}"
    );
    env.user_routine("broken", "title = \"B\"\n");
    let err = env.fails(["new", "y", "--from", "broken"], 2);
    assert!(err.contains("broken.toml"), "{err}");
    assert!(!env.user_routines().join("x.toml").exists());
    assert!(!env.user_routines().join("y.toml").exists());
}

#[test]
fn new_on_a_terminal_opens_the_new_file_in_the_editor_and_checks_it() {
    let env = TestEnv::new();
    let editor = recording_editor(&env);
    let pty = env.pty_with(&["new", "hips"], 80, 24, &[("VISUAL", &editor)]);
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let path = env.user_routines().join("hips.toml");
    assert_eq!(editor_argv(&env), [path.display().to_string()]);
    assert!(ended.contents.contains("1 file ok"), "{}", ended.contents);
}

#[test]
fn new_in_a_pipe_prints_the_path_and_opens_no_editor() {
    let env = TestEnv::new();
    let editor = recording_editor(&env);
    let run = env.run_with(["new", "hips"], |cmd| {
        cmd.env("VISUAL", &editor);
    });
    let out = run.exits(0).stdout;
    assert_eq!(
        out,
        format!("{}\n", env.user_routines().join("hips.toml").display())
    );
    assert!(!env.path().join("argv").exists());
}

// --- edit ---

#[test]
fn edit_opens_a_user_routine_by_absolute_path_then_checks_it() {
    let env = TestEnv::new();
    let path = env.user_routine("mine", &crate::common::routine("Mine", "1s", 1));
    let editor = format!("{} --wait", recording_editor(&env));
    let out = env
        .run_with(["edit", "mine"], |cmd| {
            cmd.env("VISUAL", &editor).env("EDITOR", "false");
        })
        .success();
    assert_eq!(out, "1 file ok\n");
    assert_eq!(editor_argv(&env), ["--wait", &path.display().to_string()]);
}

#[test]
fn edit_shows_the_problems_the_editor_left_and_exits_1() {
    let env = TestEnv::new();
    env.user_routine("mine", &crate::common::routine("Mine", "1s", 1));
    env.write("append", "sides = []\n");
    let editor = recording_editor(&env);
    let run = env
        .run_with(["edit", "mine"], |cmd| {
            cmd.env("EDITOR", &editor);
        })
        .exits(1);
    assert!(run.stdout.contains("mine.toml:10:9: "), "{run}");
    assert!(run.stdout.ends_with("1 of 1 file had problems\n"), "{run}");
}

#[test]
fn edit_of_a_built_in_says_to_copy_it_first() {
    let env = TestEnv::new();
    let err = env.fails(["edit", "wall-flexion"], 2);
    assert!(
        err.contains("`wall-flexion` is a built-in routine")
            && err.contains("`mobility new NAME --from wall-flexion`"),
        "{err}"
    );
}

#[test]
fn an_editor_that_fails_is_trouble_and_nothing_is_checked() {
    let env = TestEnv::new();
    env.user_routine("mine", &crate::common::routine("Mine", "1s", 1));
    let err = env
        .run_with(["edit", "mine"], |cmd| {
            cmd.env("VISUAL", "false");
        })
        .fails(2);
    assert!(err.contains("the editor `false` exited with"), "{err}");
    let err = env
        .run_with(["edit", "mine"], |cmd| {
            cmd.env("VISUAL", "no-such-editor-anywhere");
        })
        .fails(2);
    assert!(
        err.contains("cannot start the editor `no-such-editor-anywhere`")
            && err.contains("check `VISUAL`"),
        "{err}"
    );
}

// --- check ---

#[test]
fn check_takes_ids_as_well_as_paths() {
    let env = TestEnv::new();
    assert_eq!(env.succeeds(["check", "wall-flexion"]), "1 file ok\n");
    env.user_routine("mine", "title = \"Mine\"\n");
    let run = env.run(["check", "mine", "chair-flexion"]).exits(1);
    assert!(run.stdout.contains("mine.toml"), "{run}");
    assert!(run.stdout.ends_with("1 of 2 files had problems\n"), "{run}");
    let err = env.fails(["check", "wall-flexon"], 2);
    assert!(
        err.contains("did you mean one of `wall-flexion`, "),
        "{err}"
    );
}

#[test]
fn check_without_arguments_checks_your_routines_and_names_the_directory() {
    let env = TestEnv::new();
    let dir = env.user_routines();
    assert_eq!(
        env.succeeds(["check"]),
        format!(
            "No routines of your own in `{}` yet; `mobility new NAME` writes one\n",
            dir.display()
        )
    );
    env.user_routine("a", &crate::common::routine("A", "1s", 1));
    env.user_routine("b", &crate::common::routine("B", "1s", 1));
    assert_eq!(
        env.succeeds(["check"]),
        format!("2 files in `{}` ok\n", dir.display())
    );
    env.user_routine("c", "title = \"C\"\n");
    let out = env.run(["check"]).exits(1).stdout;
    assert!(
        out.ends_with(&format!(
            "1 of 3 files in `{}` had problems\n",
            dir.display()
        )),
        "{out}"
    );
}

// --- a routine id as the command ---

#[test]
fn a_routine_id_given_as_the_command_says_how_to_run_it() {
    let env = TestEnv::new();
    let err = env.fails(["wall-flexion"], 2);
    assert_eq!(
        err,
        "error: `wall-flexion` is a routine, not a command\n  hint: to run it: `mobility run wall-flexion`\n"
    );
    env.user_routine("mine", &crate::common::routine("Mine", "1s", 1));
    let err = env.fails(["mine"], 2);
    assert!(err.contains("`mobility run mine`"), "{err}");
    env.write("extra/theirs.toml", crate::common::routine("T", "1s", 1));
    let err = env.fails(["--routines-dir", "extra", "theirs"], 2);
    assert!(err.contains("`mobility run theirs`"), "{err}");
    // Anything else is clap's own message.
    let err = env.fails(["wall-flexon"], 2);
    assert!(err.contains("unrecognized subcommand"), "{err}");
}

// --- config ---

#[test]
fn a_config_typo_is_a_one_line_warning_for_every_command_that_reads_it_but_run() {
    let env = TestEnv::new();
    env.write("config/mobility/config.toml", "[run]\nvioce = true\n");
    let warning = format!(
        "warning: {}:2:1: unknown key `vioce` in [run]; did you mean `voice`? (file ignored; see `mobility config check`)\n",
        config_file(&env).display()
    );
    for args in [
        &["due", "wall-flexion"][..],
        &["paths"],
        &["history"],
        &["config", "show"],
    ] {
        let run = env.run(args);
        assert_eq!(run.stderr, warning, "{args:?}: {run}");
        assert!(!run.stdout.is_empty(), "{args:?}: {run}");
    }
    // A command that has no use for the settings does not speak of them.
    let run = env.run(["list"]).exits(0);
    assert_eq!(run.stderr, "", "{run}");
    let run = env.run(["due", "wall-flexion"]).exits(0);
    assert_eq!(run.stdout, "wall-flexion is due: never completed\n");
    let err = env.fails(["run", "wall-flexion", "--plain"], 2);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("unknown key `vioce`"), "{err}");
    // The refusal ends by saying where the whole list of problems is.
    assert!(
        err.trim_end().ends_with("see `mobility config check`"),
        "{err}"
    );
}

#[test]
fn config_check_lists_problems_with_line_and_column() {
    let env = TestEnv::new();
    let path = config_file(&env);
    assert_eq!(
        env.succeeds(["config", "check"]),
        format!(
            "`{}` does not exist: every setting has its default\n",
            path.display()
        )
    );
    env.write("config/mobility/config.toml", "[run]\nvoice = true\n");
    assert_eq!(
        env.succeeds(["config", "check"]),
        format!("`{}` ok\n", path.display())
    );
    env.write(
        "config/mobility/config.toml",
        "[remind]\nwithin = \"soon\"\n",
    );
    let run = env.run(["config", "check"]).exits(1);
    assert!(run.stderr.is_empty(), "{run}");
    assert!(
        run.stdout
            .starts_with(&format!("{}:2:10: `within` in [remind]", path.display())),
        "{run}"
    );
}

/// The row of `config show` for setting `name`, as its name, value and
/// origin (the columns are two or more spaces apart).
#[track_caller]
fn config_row(out: &str, name: &str) -> Vec<String> {
    out.lines()
        .find(|l| l.starts_with(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in\n{out}"))
        .split("  ")
        .filter(|w| !w.is_empty())
        .map(|w| w.trim().to_owned())
        .collect()
}

#[test]
fn config_show_gives_each_setting_and_where_it_came_from() {
    let env = TestEnv::new();
    env.write(
        "config/mobility/config.toml",
        "[run]\nvoice = true\nvoice_command = \"espeak-ng -s 140\"\nsound = \"bell\"\n",
    );
    let out = env
        .run_with(["config", "show"], |cmd| {
            cmd.env("EDITOR", "nano");
        })
        .success();
    let row = |name: &str| config_row(&out, name);
    assert!(out.starts_with("config file: "), "{out}");
    assert_eq!(row("run.voice"), ["run.voice", "true", "config file"]);
    assert_eq!(row("run.quiet"), ["run.quiet", "false", "default"]);
    assert_eq!(
        row("run.voice_command"),
        ["run.voice_command", "espeak-ng -s 140", "config file"]
    );
    assert_eq!(row("remind.within"), ["remind.within", "today", "default"]);
    assert_eq!(row("run.sound"), ["run.sound", "bell", "config file"]);
    assert_eq!(row("run.sound_command")[2], "default");
    assert_eq!(row("editor"), ["editor", "nano", "environment ($EDITOR)"]);
    assert_eq!(row("run.end_screen"), ["run.end_screen", "10s", "default"]);
}

#[test]
fn config_show_gives_the_history_directory_and_the_machine_and_where_each_came_from() {
    let env = TestEnv::new();
    let out = env.succeeds(["config", "show"]);
    assert_eq!(
        config_row(&out, "history.history_dir"),
        [
            "history.history_dir",
            "none: one file in the state directory",
            "default"
        ]
    );
    let machine = config_row(&out, "history.machine");
    assert_eq!(machine[2], "default", "{out}");
    // The host name this machine records under, as `paths` names its file.
    let host = match machine[1]
        .strip_prefix("host name `")
        .and_then(|m| m.strip_suffix('`'))
    {
        Some(host) => host,
        None => {
            assert_eq!(machine[1], "`unnamed`: no host name found");
            "unnamed"
        }
    };
    let sync = env.path().join("sync");
    let with_dir = |cmd: &mut std::process::Command| {
        cmd.env("MOBILITY_HISTORY_DIR", &sync);
    };
    let paths = env.run_with(["paths"], with_dir).success();
    assert!(
        paths.contains(&format!("history-{host}.jsonl")),
        "{host} is not this machine's file in\n{paths}"
    );
    let out = env.run_with(["config", "show"], with_dir).success();
    assert_eq!(
        config_row(&out, "history.history_dir"),
        [
            "history.history_dir",
            &sync.display().to_string(),
            "environment ($MOBILITY_HISTORY_DIR)"
        ]
    );

    env.write(
        "config/mobility/config.toml",
        "[history]\nhistory_dir = \"~/Sync/mobility\"\nmachine = \"laptop\"\n",
    );
    let out = env.succeeds(["config", "show"]);
    assert_eq!(
        config_row(&out, "history.history_dir"),
        [
            "history.history_dir",
            &env.home().join("Sync/mobility").display().to_string(),
            "config file"
        ]
    );
    assert_eq!(
        config_row(&out, "history.machine"),
        ["history.machine", "laptop", "config file"]
    );
    // The variable wins over the file.
    let out = env.run_with(["config", "show"], with_dir).success();
    assert_eq!(
        config_row(&out, "history.history_dir")[1..],
        [
            sync.display().to_string(),
            "environment ($MOBILITY_HISTORY_DIR)".to_string()
        ]
    );
}

#[test]
fn config_show_gives_the_snooze_and_the_terminal_of_the_reminder() {
    let env = TestEnv::new();
    let row = config_row;
    let out = env.succeeds(["config", "show"]);
    assert_eq!(
        row(&out, "remind.snooze"),
        ["remind.snooze", "15m", "default"]
    );
    let terminal = row(&out, "remind.terminal");
    assert_eq!(terminal[2], "default", "{out}");
    assert!(
        terminal[1] == "the first of xdg-terminal-exec, $TERMINAL, … on PATH",
        "{out}"
    );
    env.write(
        "config/mobility/config.toml",
        "[remind]\nsnooze = \"5m\"\nterminal = [\"foot\", \"--app-id\", \"my wall\"]\n",
    );
    let out = env.succeeds(["config", "show"]);
    assert_eq!(
        row(&out, "remind.snooze"),
        ["remind.snooze", "5m", "config file"]
    );
    assert_eq!(
        row(&out, "remind.terminal"),
        ["remind.terminal", "foot --app-id 'my wall'", "config file"]
    );
}

#[test]
fn config_edit_opens_the_file_then_checks_it() {
    let env = TestEnv::new();
    env.write("append", "[run]\nvioce = true\n");
    let editor = recording_editor(&env);
    let run = env
        .run_with(["config", "edit"], |cmd| {
            cmd.env("VISUAL", &editor);
        })
        .exits(1);
    let path = config_file(&env);
    assert_eq!(editor_argv(&env), [path.display().to_string()]);
    assert!(
        run.stdout.contains(&format!(
            "{}:2:1: unknown key `vioce` in [run]",
            path.display()
        )),
        "{run}"
    );
}
