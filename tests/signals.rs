//! Every signal that ends a process by default ends a run the way SIGTERM
//! does (the terminal given back, the run recorded, exit 128+n), and once
//! the run is over the signals mean what they always do.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestEnv;

/// A one-second get-ready, then one long hold, so nothing ends by itself
/// mid-test. (A run is recorded once it is past its first phase.)
const LONG: &str = r#"
title = "Long haul"
lead_in = "1s"

[[step]]
name = "Reach up"
cue = "Cue one: arms overhead."
hold = "1m"
"#;

#[track_caller]
fn ends_a_full_screen_run(signal: &str, code: u32) {
    let env = TestEnv::new();
    env.write("routine.toml", LONG);
    let pty = env.pty(&["run", "routine.toml"], 80, 24);
    pty.wait_for_text(&["Long haul", "HOLD", " left"]);

    pty.kill(signal);
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, code, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert!(
        ended
            .contents
            .contains(&format!("Stopped by SIG{signal}: Long haul after 0:0")),
        "{}",
        ended.contents
    );
    let history = std::fs::read_to_string(env.history_file()).unwrap();
    assert_eq!(history.lines().count(), 1, "{history}");
    assert!(history.contains("\"completed\":false"), "{history}");
}

#[test]
fn sigusr1_gives_the_terminal_back_records_the_run_and_exits_138() {
    ends_a_full_screen_run("USR1", 138);
}

#[test]
fn sigalrm_from_timeout_gives_the_terminal_back_records_the_run_and_exits_142() {
    ends_a_full_screen_run("ALRM", 142);
}

#[test]
fn sigvtalrm_sigprof_and_sigusr2_end_a_plain_run_as_sigterm_does() {
    for (signal, code) in [("VTALRM", 154), ("PROF", 155), ("USR2", 140)] {
        let env = TestEnv::new();
        env.write("routine.toml", LONG);
        let (mut child, mut out) = start_plain(&env);
        wait_for_line(&mut out, "Hold 1m");
        kill(&child, signal);
        let status = wait(&mut child);
        assert_eq!(status, Some(code), "SIG{signal}");
        let rest: Vec<String> = out.lines().map(Result::unwrap).collect();
        assert!(
            rest.iter().any(|l| l.contains("stopped: Long haul")),
            "{rest:?}"
        );
        let history = std::fs::read_to_string(env.history_file()).unwrap();
        assert_eq!(history.lines().count(), 1, "SIG{signal}: {history}");
    }
}

/// Once the run is over, SIGTERM ends mobility even while it waits for the
/// history's lock, which another process holds.
#[test]
fn sigterm_ends_the_wait_for_the_history_lock_after_the_run() {
    let env = TestEnv::new();
    env.write("routine.toml", crate::common::routine("Short", "200ms", 1));
    let history = env.write(env.history_file(), "");
    let mut holder = std::process::Command::new("flock")
        .arg(&history)
        .args(["-c", "echo locked; exec sleep 60"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("flock runs");
    let mut locked = BufReader::new(holder.stdout.take().unwrap());
    wait_for_line(&mut locked, "locked");

    let (mut child, _out) = start_plain(&env);
    // The record is written before the `done:` line, which has the streak:
    // wait until mobility has the history open, which it does only once
    // the routine has reached its end.
    let fds = format!("/proc/{}/fd", child.id());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_dir(&fds)
        .unwrap()
        .any(|fd| std::fs::read_link(fd.unwrap().path()).is_ok_and(|l| l == history))
    {
        assert!(
            Instant::now() < deadline,
            "mobility never opened the history"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    kill(&child, "TERM");
    let status = wait(&mut child);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(status, Some(143));
}

fn start_plain(env: &TestEnv) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = env.command(["run", "routine.toml"]).spawn().unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

#[track_caller]
fn wait_for_line(out: &mut impl BufRead, text: &str) {
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).unwrap();
        assert!(n > 0, "the output ended before `{text}`");
        if line.contains(text) {
            return;
        }
    }
}

#[track_caller]
fn kill(child: &Child, signal: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal}");
}

/// Waits for `child` to end, for at most ten seconds; its exit code.
#[track_caller]
fn wait(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("mobility did not end within ten seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
