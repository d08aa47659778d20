//! A drill followed with eyes shut: what is heard, and when.
//!
//! Two ways to speak are tried. A program that speaks only live (a script
//! that writes down what it was given and when) is started at each line's
//! moment. A real renderer, espeak-ng at rates 140 and 250, renders every
//! clip ahead, and a recording player writes down each file and when it
//! started; each clip's length is read from its WAV header. The built-in
//! wall drill is run at a fraction of its times (`MOBILITY_TEST_TIME_SCALE`,
//! debug builds), its clips' lengths scaled alike, so that a test takes
//! under a minute, and the timing is checked in real time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::common::TestEnv;

/// How late a phase's first words may start after its boundary.
const WORDS_LATE: f64 = 0.35;
/// How far from its second a countdown number may start.
const NUMBER_OFF: f64 = 0.1;
/// What process start-up may add to a clip's start, for the overlap and
/// phase-end checks: a player started late on a busy machine (the rest of
/// the suite runs beside these tests) is not the timeline's doing. A
/// clip placed wrongly is off by a clip's length, a tone's (112 ms at
/// this scale) at the least.
const SLOP: f64 = 0.1;

/// How long to wait for the last words to be written down.
const DEADLINE: Duration = Duration::from_secs(15);

/// An executable script that appends one line per call to `log`: the
/// time (`date +%s.%N`), then each argument, separated by tabs.
fn recorder(env: &TestEnv, name: &str, log: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let body = format!(
        "#!/bin/sh\nline=$(date +%s.%N)\nfor a in \"$@\"; do line=\"$line\t$a\"; done\nprintf '%s\\n' \"$line\" >> '{}'\n",
        log.display()
    );
    let path = env.write(Path::new("bin").join(name), body);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The calls written down in `log`: (seconds since the epoch, arguments),
/// in the order they started.
fn calls(log: &Path) -> Vec<(f64, Vec<String>)> {
    let mut calls: Vec<(f64, Vec<String>)> = std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let mut fields = line.split('\t');
            let at = fields.next().unwrap().parse().expect("a time");
            (at, fields.map(str::to_string).collect())
        })
        .collect();
    calls.sort_by(|a, b| a.0.total_cmp(&b.0));
    calls
}

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// "[0:07] text" -> (7, "text"), for the lines that are stamped.
fn stamped(line: &str) -> Option<(f64, &str)> {
    let (clock, text) = line.strip_prefix('[')?.split_once("] ")?;
    let (m, s) = clock.split_once(':')?;
    Some((
        (m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?) as f64,
        text,
    ))
}

/// Get ready 0-2 s; rep 1: down 2-3, hold 3-4, up 4-6; rest 6-8; rep 2:
/// down 8-9, hold 9-10, up 10-12; done at 12 s. The prompt is said in
/// each roll-up, after its words.
const PHASED: &str = r#"
title = "Eyes shut"
lead_in = "2s"

[[step]]
name = "Peel"
cue = "Round the upper back off the wall and back."
reps = 2
rest = "2s"

[[step.phase]]
name = "Down"
time = "1s"

[[step.phase]]
name = "Hold"
time = "1s"
kind = "hold"

[[step.phase]]
name = "Up"
time = "2s"

[[step.phase.prompt]]
at = "0s"
text = "Back on the wall"
"#;

#[test]
fn a_live_voice_says_each_phase_as_its_tone_ends() {
    let env = TestEnv::new();
    let played = env.path().join("played");
    let said = env.path().join("said");
    let player = recorder(&env, "play", &played);
    let speaker = recorder(&env, "speak", &said);
    env.write(
        env.config_home().join("mobility").join("config.toml"),
        format!(
            "[run]\nsound = \"tones\"\nsound_command = ['{}']\nvoice_command = ['{}']\n",
            player.display(),
            speaker.display()
        ),
    );
    env.write("eyes-shut.toml", PHASED);

    let start = now();
    let stdout = env.succeeds(["run", "--plain", "--voice", "eyes-shut.toml"]);
    let stamps: Vec<f64> = stdout
        .lines()
        .filter_map(stamped)
        .filter(|(_, text)| !text.contains('→') && !text.starts_with("done"))
        .map(|s| s.0)
        .collect();
    assert_eq!(
        stamps,
        [0.0, 2.0, 3.0, 4.0, 6.0, 8.0, 9.0, 10.0],
        "{stdout}"
    );

    // Speech goes on after the run for its last words: wait for them.
    let deadline = Instant::now() + DEADLINE;
    while calls(&said)
        .last()
        .is_none_or(|(_, args)| args[0] != "Done, 12 seconds")
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let tones: Vec<(f64, String)> = calls(&played)
        .into_iter()
        .map(|(at, args)| {
            let path = Path::new(args.last().expect("the WAV path"));
            (at, path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .filter(|(_, name)| name != "tick.wav")
        .collect();
    let words: Vec<(f64, String)> = calls(&said)
        .into_iter()
        .map(|(at, args)| (at, args.join(" ")))
        .collect();
    for (_, args) in calls(&played).iter().chain(&calls(&said)) {
        assert!(
            args.iter().all(|a| !a.starts_with('-')),
            "an argument starts with `-`: {args:?}"
        );
    }
    let names = |heard: &[(f64, String)]| heard.iter().map(|h| h.1.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&tones),
        [
            "rest.wav", "move.wav", "hold.wav", "move.wav", "rest.wav", "move.wav", "hold.wav",
            "move.wav", "done.wav"
        ]
    );
    // The numbers fall under the step's name here; the rest says what
    // comes next.
    assert_eq!(
        names(&words),
        [
            "Peel",
            "1",
            "Down",
            "Hold",
            "Up",
            "Back on the wall",
            "rest",
            "last one",
            "Down",
            "Hold",
            "Up",
            "Back on the wall",
            "Done, 12 seconds"
        ]
    );
    // Each phase's tone on its boundary, and its first words as the tone
    // ends, well within the phase.
    let first_words = [0, 2, 3, 4, 6, 8, 9, 10];
    for (i, stamp) in stamps.iter().enumerate() {
        let due = start + stamp;
        let (tone_at, tone) = &tones[i];
        assert!(
            (-0.05..=0.3).contains(&(tone_at - due)),
            "{tone} came {:.3} s after [{stamp}]",
            tone_at - due
        );
        let (at, text) = &words[first_words[i]];
        assert!(
            (0.0..=0.6).contains(&(at - due)),
            "{text:?} came {:.3} s after [{stamp}]",
            at - due
        );
    }
}

/// Whether espeak-ng is here to render with; says why a test skips.
fn espeak_ng() -> bool {
    let found = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.join("espeak-ng").is_file())
    });
    if !found {
        eprintln!("skipped: espeak-ng is not installed (.ci/run installs it where apt-get can)");
    }
    found
}

/// A WAV file's length in seconds, from its header.
fn wav_seconds(path: &Path) -> f64 {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], b"RIFF", "{}", path.display());
    let mut at = 12;
    let mut rate = 0u32;
    while at + 8 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        match &bytes[at..at + 4] {
            b"fmt " => rate = u32::from_le_bytes(bytes[at + 16..at + 20].try_into().unwrap()),
            b"data" => {
                let len = len.min(bytes.len() - at - 8);
                return len as f64 / f64::from(rate);
            }
            _ => {}
        }
        at += 8 + len + (len & 1);
    }
    panic!("no sound in {}", path.display());
}

/// The wall drill's phases as `show --json` gives them: (start, end, is a
/// get ready), in seconds, at `scale` of their times.
fn phases(env: &TestEnv, scale: f64) -> Vec<(f64, f64, bool)> {
    let json: serde_json::Value =
        serde_json::from_str(&env.succeeds(["show", "wall-flexion", "--json"])).unwrap();
    let mut at = 0.0;
    let mut out = Vec::new();
    let mut push = |len: f64, ready: bool| {
        out.push((at, at + len * scale, ready));
        at += len * scale;
    };
    for step in json["steps"].as_array().unwrap() {
        let reps = step["reps"].as_u64().unwrap();
        push(step["lead_in_seconds"].as_f64().unwrap(), true);
        for rep in 1..=reps {
            for phase in step["phases"].as_array().unwrap() {
                push(phase["seconds"].as_f64().unwrap(), false);
            }
            let rest = step["rest_seconds"].as_f64().unwrap();
            if rep < reps && rest > 0.0 {
                push(rest, false);
            }
        }
    }
    out
}

/// Follows the built-in wall drill with espeak-ng at `rate`, at `scale` of
/// its times, and checks what a person with their eyes shut hears.
fn wall_drill_at(rate: u32, scale: f64) {
    if !espeak_ng() {
        return;
    }
    let env = TestEnv::new();
    let played = env.path().join("played");
    let player = recorder(&env, "play", &played);
    env.write(
        env.config_home().join("mobility").join("config.toml"),
        format!(
            "[run]\nsound = \"tones\"\nsound_command = ['{}']\nvoice_command = [\"espeak-ng\", \"-s\", \"{rate}\"]\n",
            player.display()
        ),
    );
    // The fit is checked before the run, which also fills the cache.
    let fit = env.succeeds(["check", "--voice", "wall-flexion"]);
    assert_eq!(
        fit.trim(),
        "`wall-flexion`: the voice fits every phase (`espeak-ng`)"
    );
    let phases = phases(&env, scale);
    let run = env.run_with(["run", "--plain", "--voice", "wall-flexion"], |cmd| {
        cmd.env("MOBILITY_TEST_TIME_SCALE", scale.to_string());
    });
    let ended = now();
    assert_eq!(run.code(), Some(0), "{run}");

    // The numbers, rendered here with the same program and rate, are told
    // apart by their bytes.
    let number = |n: u32| {
        let out = env.path().join(format!("{n}.wav"));
        let status = std::process::Command::new("espeak-ng")
            .args(["-s", &rate.to_string(), "-w"])
            .arg(&out)
            .args(["--", &n.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(out).unwrap()
    };
    let numbers: Vec<(u32, Vec<u8>)> = (1..=3).map(|n| (n, number(n))).collect();
    let heard: Vec<(f64, f64, String, Option<u32>)> = calls(&played)
        .into_iter()
        .map(|(at, args)| {
            let path = PathBuf::from(args.last().unwrap());
            let bytes = std::fs::read(&path).unwrap();
            let n = numbers.iter().find(|(_, b)| *b == bytes).map(|(n, _)| *n);
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (at, wav_seconds(&path) * scale, name, n)
        })
        .collect();
    let t0 = heard[0].0;
    assert_eq!(
        heard[0].2, "rest.wav",
        "the run starts with the get-ready's tone"
    );
    let voice = |name: &str| !name.ends_with(".wav") || name.len() > 12;
    let place = |at: f64| {
        phases
            .iter()
            .position(|(start, end, _)| at - t0 >= start - SLOP && at - t0 < *end - SLOP)
    };
    let (done_at, done_len) = {
        let last = heard.last().unwrap();
        assert!(voice(&last.2), "the last clip is the words: {last:?}");
        (last.0, last.1)
    };
    for (i, (start, end, ready)) in phases.iter().enumerate() {
        let within: Vec<_> = heard.iter().filter(|h| place(h.0) == Some(i)).collect();
        // Its tone on its boundary, its words as the tone ends.
        let tone = within
            .first()
            .unwrap_or_else(|| panic!("phase {i} is silent"));
        assert!(!voice(&tone.2), "phase {i} starts with {tone:?}");
        let words = within
            .iter()
            .find(|h| voice(&h.2))
            .unwrap_or_else(|| panic!("phase {i} says nothing: {within:?}"));
        let late = words.0 - t0 - start;
        assert!(
            late <= WORDS_LATE,
            "rate {rate}: phase {i}'s words start {late:.3} s after its boundary"
        );
        for h in &within {
            // No clip runs past its phase's end, but the end's own.
            assert!(
                h.0 - t0 + h.1 <= end + SLOP || h.0 >= done_at - 1.0,
                "rate {rate}: {h:?} runs {:.3} s past the end of phase {i}",
                h.0 - t0 + h.1 - end
            );
            if let Some(n) = h.3 {
                assert!(ready, "a number outside a get-ready: {h:?}");
                let second = end - f64::from(n);
                assert!(
                    (h.0 - t0 - second).abs() <= NUMBER_OFF,
                    "rate {rate}: {n} starts {:.3} s from its second",
                    h.0 - t0 - second
                );
            }
        }
    }
    // No two clips overlap.
    for pair in heard.windows(2) {
        assert!(
            pair[0].0 + pair[0].1 <= pair[1].0 + SLOP,
            "rate {rate}: {:?} overlaps {:?}",
            pair[0],
            pair[1]
        );
    }
    // "Done" is heard to its end before mobility leaves.
    assert!(
        ended >= done_at + done_len - SLOP,
        "rate {rate}: mobility left {:.3} s into the last words of {done_len:.3} s",
        ended - done_at
    );
    // The count is heard where the words leave room: the first step's
    // get-ready says 3, 2 and 1.
    let counted: Vec<u32> = heard.iter().filter_map(|h| h.3).collect();
    assert!(counted.starts_with(&[3, 2, 1]), "rate {rate}: {counted:?}");
}

#[test]
fn the_wall_drill_keeps_time_with_espeak_ng_at_rate_140() {
    wall_drill_at(140, 0.4);
}

#[test]
fn the_wall_drill_keeps_time_with_espeak_ng_at_rate_250() {
    wall_drill_at(250, 0.4);
}
