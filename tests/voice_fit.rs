//! Whether a routine's words fit its phases, known before the run: a
//! stand-in renderer writes each clip as long as its text says (100 ms a
//! character), so that the lengths are the test's to choose.

use std::path::PathBuf;

use crate::common::TestEnv;

/// A renderer named `espeak-ng` that writes 100 ms of silence per
/// character of its text into the file after `-w`, as an 8 kHz WAV.
fn slow_renderer(env: &TestEnv) -> PathBuf {
    renderer(env, 100)
}

/// The same, with `ms` of silence per character.
fn renderer(env: &TestEnv, ms: u32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = r#"#!/bin/sh
while [ "$1" != -w ]; do shift; done
out=$2; shift 2
[ "$1" = -- ] && shift
bytes=$(( ${#1} * MS * 16 ))
le() { printf "\\$(printf %03o $(( $1 & 255 )))\\$(printf %03o $(( ($1 >> 8) & 255 )))\\$(printf %03o $(( ($1 >> 16) & 255 )))\\$(printf %03o $(( ($1 >> 24) & 255 )))"; }
{ printf RIFF; le $(( bytes + 36 )); printf 'WAVEfmt '; le 16; printf '\001\000\001\000'; le 8000; le 16000; printf '\002\000\020\000'; printf data; le $bytes; head -c $bytes /dev/zero; } > "$out"
"#;
    let path = env.write("bin/espeak-ng", script.replace("MS", &ms.to_string()));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A hold of 3 s whose line takes 1.7 s (17 characters) and whose prompt,
/// at 1 s, takes 2.2 s: it would end 1.2 s into the roll-up.
const CROWDED: &str = r#"
title = "Crowded"
lead_in = "0s"

[[step]]
name = "Peel"
cue = "c"
reps = 1

[[step.phase]]
name = "Hold"
time = "3s"
kind = "hold"
say = "Hold and breathe!"

[[step.phase.prompt]]
at = "1s"
text = "Lower back stays on"

[[step.phase]]
name = "Roll up"
time = "6s"
"#;

fn config(env: &TestEnv) {
    let renderer = slow_renderer(env);
    env.write(
        env.config_home().join("mobility/config.toml"),
        format!("[run]\nvoice_command = ['{}']\n", renderer.display()),
    );
}

#[test]
fn check_voice_names_the_phase_whose_words_do_not_fit_and_exits_1() {
    let env = TestEnv::new();
    config(&env);
    env.write("crowded.toml", CROWDED);
    let run = env.run(["check", "--voice", "crowded.toml"]).exits(1);
    // Its tone (280 ms), "Peel" (0.4 s) and the line (1.7 s) end at
    // 2.4 s; the prompt (1.9 s) would end at 4.3 s.
    assert_eq!(
        run.stdout.trim(),
        "`crowded.toml`: step 1, Hold: the words take 2.4 s of its 3 s, and the prompt at 1 s would end 1.3 s into Roll up, so it is not said",
        "{run}"
    );
    // The clips are in the cache for the run.
    let cached = env.home().join(".cache/mobility/voice");
    assert_eq!(
        std::fs::read_dir(cached).unwrap().count(),
        5,
        "Peel, the line, the prompt, Roll up, Done"
    );
}

#[test]
fn check_voice_passes_a_routine_that_fits() {
    let env = TestEnv::new();
    config(&env);
    env.write(
        "roomy.toml",
        CROWDED.replace("time = \"3s\"", "time = \"6s\""),
    );
    let out = env.succeeds(["check", "--voice", "roomy.toml"]);
    assert!(
        out.starts_with("`roomy.toml`: the voice fits every phase (`"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn check_voice_without_a_speech_program_says_what_to_install() {
    let env = TestEnv::new();
    let err = env
        .run_with(["check", "--voice", "wall-flexion"], |cmd| {
            cmd.env("PATH", env.quiet_bin());
        })
        .fails(2);
    assert!(
        err.contains("no speech program found (espeak-ng, espeak, say, spd-say)")
            && err.contains("install espeak-ng"),
        "{err}"
    );
}

#[test]
fn a_run_whose_words_do_not_fit_says_so_once() {
    let env = TestEnv::new();
    config(&env);
    env.write("crowded.toml", CROWDED);
    let run = env
        .run(["run", "--plain", "--voice", "crowded.toml"])
        .exits(0);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("the voice does not fit"))
        .collect();
    assert_eq!(warnings.len(), 1, "{run}");
    assert!(
        warnings[0].contains("step 1, Hold:") && warnings[0].contains("mobility check --voice"),
        "{run}"
    );
}

#[test]
fn the_last_words_are_heard_to_their_end_before_mobility_leaves() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    // "Done, 1 second" takes 14 × 300 ms = 4.2 s.
    let speaker = renderer(&env, 300);
    let log = env.path().join("played");
    let player = env.write(
        "bin/play",
        format!(
            "#!/bin/sh\nprintf '%s %s\\n' \"$(date +%s.%N)\" \"$1\" >> '{}'\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&player, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write(
        env.config_home().join("mobility/config.toml"),
        format!(
            "[run]\nvoice_command = ['{}']\nsound_command = ['{}']\n",
            speaker.display(),
            player.display()
        ),
    );
    env.write(
        "short.toml",
        "title = \"Short\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"1s\"\n",
    );
    // The clips are rendered before the run, as a warm cache has them.
    env.run(["check", "--voice", "short.toml"]);
    env.run(["run", "--plain", "--voice", "short.toml"])
        .exits(0);
    let left = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let played = std::fs::read_to_string(&log).unwrap();
    let last: f64 = played
        .lines()
        .last()
        .and_then(|l| l.split(' ').next())
        .and_then(|t| t.parse().ok())
        .expect("the last words were played");
    assert!(
        left >= last + 4.2 - 0.05,
        "mobility left {:.2} s into words of 4.2 s:\n{played}",
        left - last
    );
}

#[test]
fn check_voice_on_a_program_checks_every_stage_s_routine() {
    let env = TestEnv::new();
    config(&env);
    env.write("crowded.toml", CROWDED);
    env.write(
        "roomy.toml",
        CROWDED.replace("time = \"3s\"", "time = \"6s\""),
    );
    env.write(
        "p.toml",
        "title = \"P\"\n\n[[stage]]\nname = \"Roomy\"\nroutine = \"roomy.toml\"\nsessions = 2\n\n[[stage]]\nname = \"Crowded\"\nroutine = \"crowded.toml\"\nsessions = 2\n",
    );
    let run = env.run(["check", "--voice", "p.toml"]).exits(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run}");
    assert!(
        lines[0].contains("roomy.toml`: the voice fits every phase"),
        "{run}"
    );
    assert!(
        lines[1].contains("crowded.toml`: step 1, Hold: the words take"),
        "{run}"
    );
}
