//! A phased routine followed with eyes shut: a plain run with `--voice`, a
//! sound player and a speech program that are scripts writing down what
//! they were given and when. Every phase start must be heard (its tone)
//! and said (its announcement), in order, within half a second of the
//! moment its plain line is stamped with; the last rep is announced, the
//! end says done, and nothing either program is given starts with `-`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::common::TestEnv;

/// Get ready 0-2 s; rep 1: round down 2-3, hold 3-4, roll up 4-5; rest
/// 5-6; rep 2: round down 6-7, hold 7-8, roll up 8-9; done at 9 s. The
/// prompt, 2 s into each rep, fires as its roll-up starts.
const PHASED: &str = r#"
title = "Eyes shut"
lead_in = "2s"

[[step]]
name = "Peel off the wall"
cue = "Round the upper back off the wall and back."
reps = 2
rest = "1s"

[[step.phase]]
name = "Round down"
time = "1s"
say = "Round down, head first"

[[step.phase]]
name = "Hold"
time = "1s"
kind = "hold"
say = "Hold, breathe out"

[[step.phase]]
name = "Roll up"
time = "1s"

[[step.phase.prompt]]
at = "0s"
text = "Back on the wall"
"#;

/// How late a cue may be after the moment its phase starts.
const LATE: f64 = 0.5;

/// How long to wait for the last words to be written down.
const DEADLINE: Duration = Duration::from_secs(10);

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

/// The calls written down in `log`: (seconds since the epoch, arguments).
fn calls(log: &Path) -> Vec<(f64, Vec<String>)> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let mut fields = line.split('\t');
            let at = fields.next().unwrap().parse().expect("a time");
            (at, fields.map(str::to_string).collect())
        })
        .collect()
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

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[test]
fn a_phased_routine_can_be_followed_with_eyes_shut() {
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

    // The plain lines: each phase by its name and time, its say line
    // under it.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "[0:00] step 1/1 · Peel off the wall · get ready 2s",
            "        Round the upper back off the wall and back.",
            "[0:02] step 1/1 · Peel off the wall · rep 1/2 · Round down 1s",
            "        Round down, head first",
            "[0:03] step 1/1 · Peel off the wall · rep 1/2 · Hold 1s",
            "        Hold, breathe out",
            "[0:04] step 1/1 · Peel off the wall · rep 1/2 · Roll up 1s",
            "[0:04]   → Back on the wall",
            "[0:05] step 1/1 · Peel off the wall · rep 1/2 · rest 1s",
            "[0:06] step 1/1 · Peel off the wall · rep 2/2 · Round down 1s",
            "        Round down, head first",
            "[0:07] step 1/1 · Peel off the wall · rep 2/2 · Hold 1s",
            "        Hold, breathe out",
            "[0:08] step 1/1 · Peel off the wall · rep 2/2 · Roll up 1s",
            "[0:08]   → Back on the wall",
            "[0:09] done: Eyes shut in 0:09, streak 1 day",
        ],
        "{stdout}"
    );
    // (stamp, the tone it starts with, what is said as it starts)
    let stamps: Vec<f64> = lines
        .iter()
        .filter_map(|l| stamped(l))
        .filter(|(_, text)| !text.contains('→'))
        .map(|s| s.0)
        .collect();
    let expected = [
        ("rest.wav", "Peel off the wall"),
        ("move.wav", "Round down, head first"),
        ("hold.wav", "Hold, breathe out"),
        ("move.wav", "Roll up"),
        ("rest.wav", "rest"),
        ("move.wav", "Last one. Round down, head first"),
        ("hold.wav", "Hold, breathe out"),
        ("move.wav", "Roll up"),
        ("done.wav", "Done, 9 seconds"),
    ];
    assert_eq!(stamps.len(), expected.len());

    // Speech goes on after the run for its last words: wait for them.
    let deadline = Instant::now() + DEADLINE;
    while calls(&said)
        .last()
        .is_none_or(|(_, args)| args[0] != "Done, 9 seconds")
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut tones = calls(&played);
    tones.sort_by(|a, b| a.0.total_cmp(&b.0));
    let speech = calls(&said);

    for (_, args) in tones.iter().chain(&speech) {
        assert!(
            args.iter().all(|a| !a.starts_with('-')),
            "an argument starts with `-`: {args:?}"
        );
    }
    // The countdown numbers are said (and ticked) too; every phase start
    // is what must be heard.
    let tones: Vec<(f64, String)> = tones
        .into_iter()
        .map(|(at, args)| {
            let path = Path::new(args.last().expect("the WAV path"));
            (at, path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .filter(|(_, name)| name != "tick.wav")
        .collect();
    let names = |heard: &[(f64, String)]| heard.iter().map(|h| h.1.clone()).collect::<Vec<_>>();
    let all_words: Vec<(f64, String)> = speech
        .into_iter()
        .map(|(at, args)| (at, args.join(" ")))
        .filter(|(_, text)| text.parse::<u64>().is_err())
        .collect();
    // The prompt is said as it fires, right after its phase's words.
    let mut with_prompts: Vec<&str> = expected.iter().map(|e| e.1).collect();
    with_prompts.insert(4, "Back on the wall");
    with_prompts.insert(9, "Back on the wall");
    assert_eq!(names(&all_words), with_prompts, "what is said, in order");
    let words: Vec<(f64, String)> = all_words
        .into_iter()
        .filter(|(_, text)| text != "Back on the wall")
        .collect();
    let wanted = |i: usize| {
        expected
            .iter()
            .map(move |e| [e.0, e.1][i])
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&tones), wanted(0), "the tones, in order");
    assert_eq!(names(&words), wanted(1), "what is said, in order");

    for (i, stamp) in stamps.iter().enumerate() {
        let due = start + stamp;
        for (what, at) in [(&tones[i].1, tones[i].0), (&words[i].1, words[i].0)] {
            let late = at - due;
            assert!(
                (-0.05..=LATE).contains(&late),
                "{what:?} came {late:.3} s after the phase line stamped [{stamp}]"
            );
        }
    }
}
