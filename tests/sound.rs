//! Tones and the voice in a real run, with a player and a speech program
//! that are scripts recording what they were given: what is played, that
//! spoken text is never an option, that a failing player is said once,
//! and that nothing they start outlives mobility.

use std::path::{Path, PathBuf};

use crate::common::TestEnv;

/// Writes an executable shell script.
#[track_caller]
fn script(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = env.write(Path::new("bin").join(name), format!("#!/bin/sh\n{body}\n"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Writes the config file.
fn config(env: &TestEnv, text: &str) {
    env.write(env.config_home().join("mobility").join("config.toml"), text);
}

/// A player that records each argument it gets on a line of `played`,
/// and writes to its stdout, which must never reach mobility's.
fn recording_player(env: &TestEnv) -> (PathBuf, PathBuf) {
    let log = env.path().join("played");
    let player = script(
        env,
        "play",
        &format!("printf '%s\\n' \"$@\" >> '{}'\necho NOISE", log.display()),
    );
    (player, log)
}

/// A speech program that records each argument it gets on a line of `said`.
fn recording_speaker(env: &TestEnv) -> (PathBuf, PathBuf) {
    let log = env.path().join("said");
    let speaker = script(
        env,
        "speak",
        &format!("printf '%s\\n' \"$@\" >> '{}'", log.display()),
    );
    (speaker, log)
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A hostile step name and prompt, two reps: get ready 2 s, hold 2 s,
/// rest 1 s, hold 2 s.
const HOSTILE: &str = r#"
title = "Hostile"
lead_in = "2s"

[[step]]
name = "-f/etc/passwd"
cue = "c"
hold = "2s"
reps = 2
rest = "1s"

[[step.prompt]]
at = "100ms"
text = "--help"
"#;

#[test]
fn every_phase_plays_its_tone_from_the_cache_and_the_players_stdout_is_not_ours() {
    let env = TestEnv::new();
    let (player, played) = recording_player(&env);
    config(
        &env,
        &format!("[run]\nsound_command = ['{}']\n", player.display()),
    );
    env.write("r.toml", HOSTILE);
    let out = env.succeeds(["run", "r.toml"]);
    assert!(!out.contains("NOISE"), "{out}");
    assert!(out.contains("done: Hostile"), "{out}");

    let sounds = env.home().join(".cache").join("mobility").join("sounds");
    let mut names: Vec<String> = lines(&played)
        .iter()
        .map(|line| {
            let path = Path::new(line);
            assert_eq!(path.parent(), Some(sounds.as_path()), "{line}");
            assert!(std::fs::read(path).unwrap().starts_with(b"RIFF"));
            path.file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    // One tick, at the get-ready's last second: its first would fall on
    // the get-ready's own tone, as would the 1 s rest's.
    assert_eq!(
        names,
        [
            "done.wav", "hold.wav", "hold.wav", "rest.wav", "rest.wav", "tick.wav"
        ]
    );
}

#[test]
fn a_step_named_like_an_option_is_never_passed_as_one() {
    let env = TestEnv::new();
    let (speaker, said) = recording_speaker(&env);
    config(
        &env,
        &format!(
            "[run]\nsound = \"off\"\nvoice = true\nvoice_command = ['{}']\n",
            speaker.display()
        ),
    );
    env.write("r.toml", HOSTILE);
    env.succeeds(["run", "r.toml"]);
    let said = lines(&said);
    assert!(said.contains(&"f/etc/passwd".to_string()), "{said:?}");
    assert!(said.contains(&"help".to_string()), "{said:?}");
    assert!(
        said.iter().all(|arg| !arg.starts_with('-')),
        "an argument starts with `-`: {said:?}"
    );
}

#[test]
fn no_tones_when_sound_is_off_or_quiet_and_no_bell_into_a_pipe() {
    let env = TestEnv::new();
    let (player, played) = recording_player(&env);
    env.write("r.toml", crate::common::routine("Short", "200ms", 1));
    for (setting, flag) in [
        ("off", None),
        ("tones", Some("--quiet")),
        ("tones", Some("--bell")),
    ] {
        config(
            &env,
            &format!(
                "[run]\nsound = \"{setting}\"\nsound_command = ['{}']\n",
                player.display()
            ),
        );
        let args: Vec<&str> = ["run", "r.toml"].into_iter().chain(flag).collect();
        let out = env.succeeds(&args);
        assert!(!out.contains('\u{7}'), "{out:?}");
    }
    assert!(lines(&played).is_empty(), "{:?}", lines(&played));
}

#[test]
fn a_failing_player_is_said_once_and_the_run_goes_on() {
    let env = TestEnv::new();
    config(&env, "[run]\nsound_command = \"false\"\n");
    env.write("r.toml", HOSTILE);
    let run = env.run(["run", "r.toml"]).exits(0);
    assert!(run.stdout.contains("done: Hostile"), "{run}");
    assert_eq!(run.stderr.lines().count(), 1, "{run}");
    assert!(
        run.stderr
            .starts_with("warning: the sound player `false` failed (exit status: 1)"),
        "{run}"
    );
}

#[test]
fn a_sound_command_that_cannot_run_is_said_and_the_run_goes_on() {
    let env = TestEnv::new();
    config(&env, "[run]\nsound_command = \"no-such-player -q\"\n");
    env.write("r.toml", crate::common::routine("Short", "200ms", 1));
    let run = env.run(["run", "r.toml"]).exits(0);
    assert_eq!(
        run.stderr,
        "warning: `sound_command` names `no-such-player`, which is not an executable program; going on without tones\n"
    );
}

/// Starts a speech program that records its pid and then speaks for 30 s.
fn slow_speaker(env: &TestEnv) -> PathBuf {
    let pids = env.path().join("pids");
    let speaker = script(
        env,
        "slow",
        &format!("echo $$ >> '{}'\nexec sleep 30", pids.display()),
    );
    config(
        env,
        &format!(
            "[run]\nvoice = true\nvoice_command = ['{}']\n",
            speaker.display()
        ),
    );
    pids
}

#[track_caller]
fn assert_gone(pids: &Path) {
    let pids = lines(pids);
    assert!(!pids.is_empty(), "the speech program never ran");
    for pid in pids {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "the speech program {pid} outlived mobility"
        );
    }
}

#[test]
fn a_slow_speaker_does_not_outlive_a_run_that_ends() {
    let env = TestEnv::new();
    let pids = slow_speaker(&env);
    env.write("r.toml", crate::common::routine("Short", "1s", 1));
    let out = env.succeeds(["run", "r.toml"]);
    assert!(out.contains("done: Short"), "{out}");
    assert_gone(&pids);
}

#[test]
fn a_slow_speaker_does_not_outlive_a_run_ended_by_a_signal() {
    let env = TestEnv::new();
    let pids = slow_speaker(&env);
    env.write("r.toml", crate::common::routine("Long", "1m", 1));
    let mut child = env.command(["run", "r.toml"]).spawn().unwrap();
    let start = std::time::Instant::now();
    while lines(&pids).is_empty() {
        assert!(
            start.elapsed().as_secs() < 10,
            "the speech program never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    assert_gone(&pids);
}
