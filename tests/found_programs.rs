//! A program is run by the path that was found for it. One of the same
//! name in a relative `PATH` entry (`.`, the working directory, which may
//! be anyone's download folder) is never the one run: not for the voice,
//! the tone player, the terminal the Start button opens, or the editor.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::bus::{PATIENCE, finish};
use crate::common::TestEnv;
use crate::notifications::{desktop, quiet_success, wait_for_file};

/// Writes an executable script.
fn script(path: PathBuf, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// `name` twice: in the absolute directory `good/`, writing `right $*` to
/// `log`, and in the working directory, writing `wrong $*` there.
fn twice(env: &TestEnv, name: &str, log: &Path) {
    let body = |which: &str| format!("printf '{which} %s\\n' \"$*\" >> '{}'\n", log.display());
    script(env.path().join("good").join(name), &body("right"));
    script(env.path().join(name), &body("wrong"));
}

/// `PATH` with `.` first, then `good/`, then the usual.
fn dot_first(env: &TestEnv) -> OsString {
    let mut path = OsString::from(".:");
    path.push(env.path().join("good"));
    for (key, value) in env.vars() {
        if key == "PATH" {
            path.push(":");
            path.push(value);
        }
    }
    path
}

/// The lines of `log`, once it has `lines` of them (or after a while).
fn lines(log: &Path, lines: usize) -> Vec<String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if text.lines().count() >= lines || Instant::now() > deadline {
            return text.lines().map(str::to_owned).collect();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_voice_and_the_player_in_the_working_directory_are_never_run() {
    let env = TestEnv::new();
    let (said, played) = (env.path().join("said"), env.path().join("played"));
    twice(&env, "speaker", &said);
    twice(&env, "player", &played);
    env.write(
        "config/mobility/config.toml",
        "[run]\nvoice = true\nvoice_command = \"speaker\"\nsound = \"tones\"\nsound_command = \"player -q\"\n",
    );
    let routine = env.write(
        "one.toml",
        "title = \"One\"\nlead_in = \"0s\"\n[[step]]\nname = \"Reach up\"\ncue = \"c\"\nhold = \"300ms\"\n",
    );
    let run = env.run_with(["run", "--plain", routine.to_str().unwrap()], |cmd| {
        cmd.env("PATH", dot_first(&env));
    });
    assert_eq!(run.code(), Some(0), "{run}");
    assert_eq!(
        lines(&said, 3),
        ["right Reach up", "right Hold", "right Done"]
    );
    let played = lines(&played, 2);
    assert!(played.len() >= 2, "{played:?}");
    assert!(
        played.iter().all(|l| l.starts_with("right -q ")),
        "{played:?}"
    );
}

#[test]
fn the_start_terminal_in_the_working_directory_is_never_run() {
    let env = TestEnv::new();
    let log = env.path().join("terminal.log");
    twice(&env, "term", &log);
    env.write(
        "config/mobility/config.toml",
        "[remind]\nterminal = ['term', '-e']\n",
    );
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let mut child = env.command(["remind", "wall-flexion"]);
    child.env("PATH", dot_first(&env));
    let child = child.spawn().expect("mobility starts");
    let n = server.wait_for(1).remove(0);
    server.press(n.id, "start");
    quiet_success(&finish(child));
    let opened = wait_for_file(&log);
    assert!(opened.starts_with("right -e "), "{opened}");
    assert!(opened.ends_with(" run -- wall-flexion\n"), "{opened}");
}

#[test]
fn the_editor_in_the_working_directory_is_never_run() {
    let env = TestEnv::new();
    let log = env.path().join("edited");
    twice(&env, "editor", &log);
    let routine = env.user_routine("mine", &crate::common::routine("Mine", "1s", 1));
    let run = env.run_with(["edit", "mine"], |cmd| {
        cmd.env("PATH", dot_first(&env))
            .env("VISUAL", "editor --wait");
    });
    assert_eq!(run.code(), Some(0), "{run}");
    assert_eq!(
        lines(&log, 1),
        [format!("right --wait {}", routine.display())]
    );
}
