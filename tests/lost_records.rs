//! A run whose record can't be kept is trouble (exit 2, with the reason),
//! and is refused before it starts when that can be known in advance.

use crate::common::{TestEnv, routine};

#[test]
fn a_history_that_is_a_directory_refuses_the_run_before_it_starts() {
    let env = TestEnv::new();
    env.user_routine("quick", &routine("Quick", "200ms", 1));
    std::fs::create_dir_all(env.history_file()).unwrap();
    let err = env.fails(["run", "quick", "--plain"], 2);
    assert!(err.contains("cannot record runs in"), "{err}");
    assert!(err.contains("history.jsonl"), "{err}");
}

#[test]
fn a_history_that_is_a_fifo_refuses_the_run_instead_of_blocking() {
    let env = TestEnv::new();
    env.user_routine("quick", &routine("Quick", "200ms", 1));
    std::fs::create_dir_all(env.history_file().parent().unwrap()).unwrap();
    match std::process::Command::new("mkfifo")
        .arg(env.history_file())
        .status()
    {
        Ok(s) if s.success() => {}
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
    }
    // `timeout`, so that a regression fails instead of hanging the suite.
    let run = crate::common::Run::of(
        env.clean("timeout")
            .args([
                "20",
                env!("CARGO_BIN_EXE_mobility"),
                "run",
                "quick",
                "--plain",
            ])
            .stdin(std::process::Stdio::null()),
    );
    let err = run.fails(2);
    assert!(
        err.contains("is a FIFO (a named pipe), not a regular file"),
        "{err}"
    );
}

#[test]
fn a_device_as_the_history_is_refused_before_the_run_starts() {
    let env = TestEnv::new();
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: /dev/full is not available here");
        return;
    }
    env.user_routine("quick", &routine("Quick", "200ms", 1));
    std::fs::create_dir_all(env.history_file().parent().unwrap()).unwrap();
    // A full disk, for ever: no record could land there.
    std::os::unix::fs::symlink("/dev/full", env.history_file()).unwrap();
    let err = env.run(["run", "quick", "--plain"]).fails(2);
    assert!(err.contains("cannot record runs in"), "{err}");
    assert!(err.contains("is a device, not a regular file"), "{err}");
}

#[test]
fn a_file_size_limit_is_reported_not_a_silent_death() {
    let env = TestEnv::new();
    env.user_routine("quick", &routine("Quick", "200ms", 1));
    let run = crate::common::Run::of(
        env.clean("sh")
            .arg("-c")
            .arg("ulimit -f 0; exec \"$0\" run quick --plain")
            .arg(env!("CARGO_BIN_EXE_mobility"))
            .stdin(std::process::Stdio::null()),
    );
    let run = run.exits(2);
    assert!(run.stderr.contains("this run was not recorded"), "{run}");
    assert!(run.stderr.to_lowercase().contains("too large"), "{run}");
}

#[test]
fn new_under_a_file_size_limit_leaves_no_empty_routine_behind() {
    let env = TestEnv::new();
    let run = crate::common::Run::of(
        env.clean("sh")
            .arg("-c")
            .arg("ulimit -f 0; exec \"$0\" new hips")
            .arg(env!("CARGO_BIN_EXE_mobility"))
            .stdin(std::process::Stdio::null()),
    );
    let run = run.exits(2);
    assert!(run.stderr.contains("hips.toml"), "{run}");
    let left: Vec<_> = std::fs::read_dir(env.user_routines())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn in_the_full_screen_the_lost_record_is_said_after_the_terminal_is_restored() {
    let env = TestEnv::new();
    env.user_routine("quick", &routine("Quick", "200ms", 1));
    // Another writer holds the history's lock for the whole run: the check
    // before the run passes, and the append at the end gives up after its
    // wait, so the record is lost and must be said.
    let held = env.write(env.history_file(), "");
    let held = std::fs::OpenOptions::new().append(true).open(held).unwrap();
    held.lock().unwrap();
    let pty = env.pty(&["run", "quick"], 80, 24);
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 2, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    let raw = String::from_utf8_lossy(&ended.raw);
    let left = raw
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen");
    let said = raw.rfind("this run was not recorded").expect("the message");
    assert!(said > left, "said on the alternate screen: {raw:?}");
    assert!(
        ended.contents.contains("this run was not recorded"),
        "{}",
        ended.contents
    );
}
