//! Paths, ids and arguments from outside the program: file names, directory
//! names, ids in the history and values on the command line reach the
//! terminal escaped and capped, whichever command prints them.

use crate::common::{Run, TestEnv, routine};

/// Writes the clipboard (OSC 52) and clears the screen, if printed raw.
const HOSTILE: &str = "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J";

#[track_caller]
fn assert_no_controls(what: &str, run: &Run) {
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        !all.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: a control character reached the terminal: {all:?}"
    );
    assert!(
        all.contains("\\u{1b}"),
        "{what}: the escape is not shown: {all}"
    );
}

#[test]
fn a_hostile_file_name_in_the_routines_directory_is_shown_escaped() {
    let env = TestEnv::new();
    env.user_routine(HOSTILE, &routine("Quick", "200ms", 1));
    let run = env.run(["list"]).exits(0);
    assert_no_controls("list", &run);
    let dir = env.user_routines();
    let run = env.run(["check".as_ref(), dir.as_os_str()]).exits(1);
    assert_no_controls("check DIR", &run);
}

#[test]
fn a_hostile_directory_name_is_escaped_in_history_due_and_remind() {
    let env = TestEnv::new();
    let file = env.write(
        format!("{HOSTILE}/quick.toml"),
        routine("Quick", "200ms", 1),
    );
    let file = file.to_str().unwrap();
    let run = env.run(["due", file]).exits(0);
    assert_no_controls("due", &run);
    env.succeeds(["run", file]);
    let run = env.run(["history"]).exits(0);
    assert_no_controls("history", &run);
    let run = env.run(["remind", "--always", file]).exits(0);
    assert_no_controls("remind", &run);
    let run = env.run(["due", file, "--within", "1ms"]).exits(0);
    assert_no_controls("due after a run", &run);
}

#[test]
fn a_hostile_routines_dir_flag_is_escaped_and_capped() {
    let env = TestEnv::new();
    let long = format!("{}{}", HOSTILE, "d/".repeat(2500));
    let err = env.fails(["--routines-dir", &long, "list"], 2);
    assert!(err.len() < 400, "{} bytes:\n{err}", err.len());
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
}

#[test]
fn an_argument_echoed_in_an_error_is_escaped() {
    let env = TestEnv::new();
    let err = env.fails(["run", &format!("Quick{HOSTILE}")], 2);
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(err.len() < 400, "{err}");
}

#[test]
fn a_tz_naming_a_fifo_is_ignored_with_one_warning_instead_of_blocking() {
    let env = TestEnv::new();
    let fifo = env.path().join("zone");
    match std::process::Command::new("mkfifo").arg(&fifo).status() {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    // `timeout`, so that a regression fails instead of hanging the suite.
    let run = Run::of(
        env.clean("timeout")
            .args(["20", env!("CARGO_BIN_EXE_mobility"), "history"])
            .env("TZ", &fifo)
            .stdin(std::process::Stdio::null()),
    )
    .exits(0);
    assert!(run.stdout.starts_with("No runs yet."), "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(run.stderr.starts_with("warning: ignoring TZ="), "{run}");
}

#[test]
fn an_argument_clap_refuses_reaches_a_terminal_escaped() {
    let env = TestEnv::new();
    let lead_in = format!("1{HOSTILE}");
    let bogus = format!("x{HOSTILE}");
    for args in [vec!["run", "x", "--lead-in", &lead_in], vec![&bogus]] {
        let ended = env.pty(&args, 80, 24).finish();
        assert_eq!(ended.code, 2, "{}", ended.contents);
        let raw = String::from_utf8_lossy(&ended.raw);
        assert!(!raw.contains("\u{1b}]52"), "{args:?}: {raw:?}");
        assert!(!raw.contains("\u{1b}[2J"), "{args:?}: {raw:?}");
        assert!(!raw.contains('\u{7}'), "{args:?}: {raw:?}");
    }
}

#[test]
fn a_relative_home_is_ignored_with_a_warning_not_used_from_the_working_directory() {
    let env = TestEnv::new();
    // With the XDG variables absolute, a relative HOME changes nothing but
    // a warning; the history stays where it was.
    let run = env
        .run_with(["paths"], |cmd| {
            cmd.env("HOME", "rel");
        })
        .exits(0);
    assert_eq!(
        run.stderr,
        "warning: ignoring `HOME=rel`: it is not an absolute path\n"
    );
    assert!(!run.stdout.contains("rel/"), "{}", run.stdout);
    // With nothing absolute at all, it is an error that says what to set.
    let err = env
        .run_with(["list"], |cmd| {
            cmd.env("HOME", "rel")
                .env_remove("XDG_CONFIG_HOME")
                .env_remove("XDG_STATE_HOME");
        })
        .fails(2);
    assert!(err.contains("set `HOME`"), "{err}");
    assert!(
        !env.path().join("rel").exists(),
        "files were made under ./rel"
    );
}

/// Makes `name` in the test's directory as `kind`: a file or a FIFO.
fn make(env: &TestEnv, name: &str, kind: &str) -> std::path::PathBuf {
    let path = env.path().join(name);
    match kind {
        "file" => std::fs::write(&path, "").unwrap(),
        _ => assert!(
            std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap()
                .success()
        ),
    }
    path
}

#[test]
fn a_history_directory_that_is_a_file_or_a_fifo_is_named_so_by_every_command() {
    for (kind, words) in [
        ("file", "is a file, not a directory"),
        ("fifo", "is a FIFO (a named pipe), not a directory"),
    ] {
        let env = TestEnv::new();
        env.user_routine("quick", &routine("Quick", "200ms", 1));
        let dir = make(&env, "sync", kind);
        let with_dir = |c: &mut std::process::Command| {
            c.env("MOBILITY_HISTORY_DIR", &dir);
        };
        let shown = format!("`{}` {words}", dir.display());
        for args in [
            &["run", "quick", "--plain"][..],
            &["history"],
            &["history", "--calendar"],
        ] {
            let err = env.run_with(args, with_dir).fails(2);
            assert!(err.contains(&shown), "{args:?}: {err}");
            assert!(!err.contains("os error"), "{args:?}: {err}");
        }
        // Moving the history file into it.
        env.run(["run", "quick", "--plain"]).exits(0);
        let err = env
            .run(["history".as_ref(), "--move-to".as_ref(), dir.as_os_str()])
            .fails(2);
        assert!(err.contains(&shown), "--move-to: {err}");
        assert!(env.history_file().exists());
        // And a directory below it.
        let below = dir.join("history");
        let err = env
            .run(["history".as_ref(), "--move-to".as_ref(), below.as_os_str()])
            .fails(2);
        assert!(err.contains(&shown), "--move-to below: {err}");
    }
}
