//! `mobility run` in plain mode, as a pipe, cron or a screen reader gets
//! it: the exact lines, when they come, and how a run ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::TestEnv;

/// How long anything that should take about a second may take on a loaded
/// machine.
const DEADLINE: Duration = Duration::from_secs(10);

/// Every kind of phase and line in 4.5 s: a get ready, reps with rests,
/// two sides (so a switch), prompts, a two-line cue, and a second step
/// without a lead-in.
const EVERYTHING: &str = r#"
title = "Half"
lead_in = "500ms"

[[step]]
name = "One"
cue = """
Cue one
  second line
"""
hold = "500ms"
reps = 2
rest = "500ms"
sides = ["left", "right"]

[[step.prompt]]
at = "200ms"
text = "Breathe"

[[step]]
name = "Two"
cue = "Cue two"
hold = "500ms"
lead_in = "0s"
"#;

/// One hold of a long time: only a signal ends it in a test.
const LONG: &str = r#"
title = "Long haul"
lead_in = "0s"

[[step]]
name = "Reach up"
cue = "Arms overhead."
hold = "30s"
"#;

/// Splits "[m:ss] rest" into seconds and the rest of the line. Cue lines,
/// which have no time, come back as `None`.
fn split_time(line: &str) -> (Option<u64>, &str) {
    let Some(rest) = line.strip_prefix('[') else {
        return (None, line);
    };
    let (clock, text) = rest.split_once("] ").expect("a closing bracket");
    let (m, s) = clock.split_once(':').expect("m:ss");
    let secs = m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap();
    (Some(secs), text)
}

#[test]
fn plain_mode_prints_each_phase_prompt_and_cue_in_order_and_ends_with_done() {
    let env = TestEnv::new();
    env.write("half.toml", EVERYTHING);
    let stdout = env.succeeds(["run", "half.toml"]);

    // (planned seconds into the run, the line after its time)
    let expected: &[(Option<f64>, &str)] = &[
        (Some(0.0), "step 1/2 · One · left · get ready 500ms"),
        (None, "        Cue one"),
        (None, "        second line"),
        (Some(0.5), "step 1/2 · One · rep 1/2 · left · Hold 500ms"),
        (Some(0.7), "  → Breathe"),
        (Some(1.0), "step 1/2 · One · rep 1/2 · left · rest 500ms"),
        (Some(1.5), "step 1/2 · One · rep 2/2 · left · Hold 500ms"),
        (Some(1.7), "  → Breathe"),
        (Some(2.0), "step 1/2 · One · right · switch sides 500ms"),
        (Some(2.5), "step 1/2 · One · rep 1/2 · right · Hold 500ms"),
        (Some(2.7), "  → Breathe"),
        (Some(3.0), "step 1/2 · One · rep 1/2 · right · rest 500ms"),
        (Some(3.5), "step 1/2 · One · rep 2/2 · right · Hold 500ms"),
        (Some(3.7), "  → Breathe"),
        (Some(4.0), "step 2/2 · Two · Hold 500ms"),
        (None, "        Cue two"),
        (Some(4.5), "done: Half in 0:04, streak 1 day"),
    ];
    let lines: Vec<(Option<u64>, &str)> = stdout.lines().map(split_time).collect();
    let texts: Vec<&str> = lines.iter().map(|(_, text)| *text).collect();
    let wanted: Vec<&str> = expected.iter().map(|(_, text)| *text).collect();
    assert_eq!(texts, wanted, "the whole output:\n{stdout}");

    // Each line is stamped with its moment on the routine's clock.
    for ((at, text), (planned, _)) in lines.iter().zip(expected) {
        assert_eq!(at.is_some(), planned.is_some(), "{text}");
        if let (Some(at), Some(planned)) = (at, planned) {
            let planned = planned.floor() as u64;
            assert!(
                *at == planned,
                "`{text}` at {at} s, planned at {planned} s:\n{stdout}"
            );
        }
    }
    assert!(
        stdout.ends_with("[0:04] done: Half in 0:04, streak 1 day\n"),
        "the finish is stamped with the planned total:\n{stdout}"
    );
}

#[test]
fn piped_output_has_no_escape_sequences_or_bells() {
    let env = TestEnv::new();
    // A get-ready countdown and a hold: both ring the bell on a terminal.
    env.write(
        "tiny.toml",
        crate::common::routine("Tiny", "1s", 1).replace("lead_in = \"0s\"", "lead_in = \"1s\""),
    );
    let stdout = env.succeeds(["run", "tiny.toml"]);
    assert!(stdout.contains("done: Tiny"), "{stdout}");
    let controls: Vec<char> = stdout
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(
        controls.is_empty(),
        "control characters {controls:?} in:\n{stdout}"
    );
}

#[test]
fn a_three_second_routine_never_ends_early() {
    let env = TestEnv::new();
    env.write("three.toml", crate::common::routine("Three", "1s", 3));
    let start = Instant::now();
    let stdout = env.succeeds(["run", "three.toml"]);
    let took = start.elapsed();
    assert!(
        stdout.ends_with("done: Three in 0:03, streak 1 day\n"),
        "{stdout}"
    );
    assert!(
        took >= Duration::from_millis(2980),
        "finished early, in {took:?}"
    );
}

/// Starts a long plain run and waits for its first line, so the signal
/// handlers are surely in place.
#[track_caller]
fn start_long(env: &TestEnv) -> (Child, mpsc::Receiver<String>) {
    env.write("long.toml", LONG);
    let mut child = env
        .command(["run", "long.toml"])
        .spawn()
        .expect("mobility starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = rx.recv_timeout(DEADLINE).expect("a first line");
    assert_eq!(first, "[0:00] step 1/1 · Reach up · Hold 30s");
    (child, rx)
}

/// Sends `signal` with kill(1), then waits for the exit code and the
/// lines printed after the first.
#[track_caller]
fn signal_and_wait(
    mut child: Child,
    lines: mpsc::Receiver<String>,
    signal: &str,
) -> (i32, Vec<String>) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(status.success());
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("mobility ignored SIG{signal} for {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let rest: Vec<String> = lines.iter().collect();
    (status.code().unwrap_or(-1), rest)
}

#[test]
fn sigterm_stops_a_plain_run_with_a_stopped_line_and_exit_143() {
    let env = TestEnv::new();
    let (child, lines) = start_long(&env);
    let (code, rest) = signal_and_wait(child, lines, "TERM");
    assert_eq!(code, 143);
    let [cue, last] = rest.as_slice() else {
        panic!("expected the cue and one more line, got {rest:?}");
    };
    assert_eq!(cue, "        Arms overhead.");
    let (at, text) = split_time(last);
    assert!(at.is_some(), "{last}");
    assert!(
        text.starts_with("stopped: Long haul after 0:") && text.ends_with(", 0 of 1 steps done"),
        "{text}"
    );
}

#[test]
fn sigint_stops_a_plain_run_with_exit_130() {
    let env = TestEnv::new();
    let (child, lines) = start_long(&env);
    let (code, rest) = signal_and_wait(child, lines, "INT");
    assert_eq!(code, 130);
    let texts: Vec<&str> = rest.iter().map(|l| split_time(l).1).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[0], "        Arms overhead.");
    assert!(
        texts[1].starts_with("stopped: Long haul after "),
        "{texts:?}"
    );
}

#[test]
fn an_invalid_routine_is_refused_with_its_position_before_any_phase() {
    let env = TestEnv::new();
    env.write(
        "typo.toml",
        "title = \"Typo\"\n\n[[step]]\nname = \"A\"\ncue = \"c\"\nhodl = \"1s\"\n",
    );
    // Nothing on stdout: refused before printing any phase.
    let stderr = env.fails(["run", "--plain", "typo.toml"], 2);
    assert!(
        stderr.contains("typo.toml:6:1: unknown key `hodl`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `hold`?"), "{stderr}");
}

#[test]
fn an_unknown_routine_id_exits_2_and_says_so() {
    let env = TestEnv::new();
    let stderr = env.fails(["run", "--plain", "no-such-routine"], 2);
    assert!(
        stderr.contains("no routine named `no-such-routine`"),
        "{stderr}"
    );
}

/// A fake speech program that appends each thing it is asked to say to a
/// file, one per line.
fn fake_speaker(env: &TestEnv, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.path().join("bin");
    let said = env.path().join("said.txt");
    std::fs::create_dir_all(&bin).unwrap();
    let script = bin.join(name);
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{}'\n", said.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (bin, said)
}

#[test]
fn voice_speaks_step_names_the_countdown_and_prompts() {
    let env = TestEnv::new();
    let routine = env.write(
        "spoken.toml",
        "title = \"Spoken\"\nlead_in = \"5s\"\n[[step]]\nname = \"Reach up\"\ncue = \"c\"\nhold = \"3s\"\n[[step.prompt]]\nat = \"1s 500ms\"\ntext = \"Breathe out\"\n",
    );
    // spd-say speaks only live: each line is said as its moment comes.
    let (bin, said) = fake_speaker(&env, "spd-say");
    env.run_with(
        ["run", "--plain", "--voice", routine.to_str().unwrap()],
        |cmd| {
            cmd.env(
                "PATH",
                format!("{}:{}", bin.display(), env.quiet_bin().display()),
            );
        },
    )
    .success();
    // Speech runs in the background: give the last one a moment to land.
    let deadline = Instant::now() + DEADLINE;
    let mut lines = Vec::new();
    while Instant::now() < deadline {
        lines = std::fs::read_to_string(&said)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        if lines.len() >= 7 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // spd-say is told to wait until it has spoken, so the run knows when
    // it has; it ends its options at `--`, so the text can't be one.
    assert_eq!(
        lines,
        [
            "--wait -- Reach up",
            "--wait -- 3",
            "--wait -- 2",
            "--wait -- 1",
            "--wait -- Hold",
            "--wait -- Breathe out",
            "--wait -- Done, 8 seconds"
        ]
    );
}

#[test]
fn voice_without_a_speech_program_warns_once_and_runs_on() {
    let env = TestEnv::new();
    let routine = env.write(
        "quiet.toml",
        "title = \"Quiet\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"200ms\"\n",
    );
    let empty = env.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let run = env
        .run_with(
            ["run", "--plain", "--voice", routine.to_str().unwrap()],
            |cmd| {
                cmd.env("PATH", &empty);
            },
        )
        .exits(0);
    let err = &run.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: no sound player (pw-play, paplay, aplay, afplay) or speech program (espeak-ng, espeak, say, spd-say) found, so the run has only the terminal bell; install"),
        "{err}"
    );
    assert!(run.stdout.contains("done: Quiet"), "{run}");
}

#[test]
fn the_config_voice_command_is_used_with_its_arguments() {
    let env = TestEnv::new();
    let routine = env.write(
        "named.toml",
        "title = \"Named\"\nlead_in = \"0s\"\n[[step]]\nname = \"Reach up\"\ncue = \"c\"\nhold = \"300ms\"\n",
    );
    let (bin, said) = fake_speaker(&env, "my-speaker");
    env.write(
        "config/mobility/config.toml",
        format!(
            "[run]\nvoice = true\nvoice_command = [\"{}\", \"--slow\"]\n",
            bin.join("my-speaker").display()
        ),
    );
    env.succeeds(["run", "--plain", routine.to_str().unwrap()]);
    let deadline = Instant::now() + DEADLINE;
    let mut text = String::new();
    while text.lines().count() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        text = std::fs::read_to_string(&said).unwrap_or_default();
    }
    assert_eq!(text, "--slow Reach up\n--slow Hold\n--slow Done\n");
}

#[test]
fn a_reader_that_leaves_ends_the_run_with_141_and_the_run_is_recorded() {
    // `mobility run ... --plain | head -1`: the reader takes the first line
    // and goes. The next line, at the start of the second phase, meets a
    // broken pipe however long the reader took, as the run goes on for
    // half a minute after it.
    let env = TestEnv::new();
    env.write(
        "piped.toml",
        "title = \"Piped\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"a\"\nhold = \"300ms\"\n[[step]]\nname = \"B\"\ncue = \"b\"\nhold = \"1s\"\nreps = 30\nrest = \"0s\"\n",
    );
    let (reader, writer) = std::io::pipe().expect("a pipe");
    let mut cmd = env.command(["run", "piped.toml"]);
    cmd.stdout(writer);
    let child = cmd.spawn().expect("mobility starts");
    let mut reader = BufReader::new(reader);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert_eq!(first, "[0:00] step 1/2 · A · Hold 300ms\n");
    drop(reader);

    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let json: serde_json::Value =
        serde_json::from_str(&env.succeeds(["history", "--json"])).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "{json}");
    assert_eq!(records[0]["completed"], false, "{json}");
    assert_eq!(records[0]["steps_done"], 1, "{json}");
}
