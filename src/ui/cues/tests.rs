use super::speech::{Tag, catch_up};
use super::*;
use std::path::Path;

#[test]
fn the_first_speech_program_on_the_path_wins_in_the_documented_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["say", "espeak"] {
        let p = dir.path().join(name);
        std::fs::write(&p, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    let found = find_speech_program(Some(dir.path().as_os_str())).unwrap();
    assert_eq!(found, dir.path().join("espeak"));
    assert_eq!(find_speech_program(Some("/nonexistent".as_ref())), None);
}

/// What `catch_up` keeps of `items`, once phase `current` has started.
fn caught_up(items: &[(&str, Tag)], current: usize) -> Vec<String> {
    let waiting = items
        .iter()
        .map(|(text, tag)| Utterance {
            text: text.to_string(),
            tag: *tag,
        })
        .collect();
    catch_up(waiting, current)
        .into_iter()
        .map(|u| u.text)
        .collect()
}

#[test]
fn speech_that_falls_behind_drops_stale_countdown_numbers_only() {
    let said = |items: &[(&str, Tag)]| caught_up(items, 0);
    let (count, phase) = (Tag::Count(0), Tag::Phase(0));
    assert_eq!(said(&[("3", count), ("2", count), ("1", count)]), ["1"]);
    assert_eq!(
        said(&[("2", count), ("Breathe out", phase), ("1", count)]),
        ["Breathe out", "1"]
    );
    assert_eq!(
        said(&[("Reach up", phase), ("3", count)]),
        ["Reach up", "3"]
    );
}

#[test]
fn speech_late_by_a_whole_phase_is_dropped_but_never_the_last_words() {
    let items = [
        ("Peel off the wall", Tag::Phase(3)),
        ("1", Tag::Count(3)),
        ("Round down", Tag::Phase(4)),
        ("Upper abs draw in", Tag::Phase(4)),
        ("Hold", Tag::Phase(5)),
        ("Done, 2 minutes 10 seconds", Tag::Last),
    ];
    // Still in phase 4: only phase 3's words are too late.
    assert_eq!(
        caught_up(&items, 4),
        [
            "Round down",
            "Upper abs draw in",
            "Hold",
            "Done, 2 minutes 10 seconds"
        ]
    );
    // In phase 5, what phase 4 had to say is late too; the end never is.
    assert_eq!(caught_up(&items, 5), ["Hold", "Done, 2 minutes 10 seconds"]);
    assert_eq!(caught_up(&items, 9), ["Done, 2 minutes 10 seconds"]);
    // Going back (a previous step) makes nothing stale.
    assert_eq!(caught_up(&items, 0).len(), 5);
}

/// Everything the voice says as each phase starts, in order.
fn announcements(src: &str) -> Vec<String> {
    let routine = crate::routine::parse::parse_str(src, "t".into(), "t").unwrap();
    let engine = crate::session::Engine::new(routine, std::time::Instant::now());
    (0..engine.plan().phases().len())
        .flat_map(|index| announcement(&engine, index))
        .collect()
}

#[test]
fn the_voice_says_each_step_side_phase_rest_and_the_last_rep() {
    let step = "[[step]]\nname = \"Peel\"\ncue = \"c\"\nreps = 2\nrest = \"1s\"\nsides = [\"left\", \"right\"]\n\
        [[step.phase]]\nname = \"Round down\"\ntime = \"1s\"\nsay = \"Round down, head first\"\n\
        [[step.phase]]\nname = \"Roll up\"\ntime = \"1s\"\n";
    let per_side = |side: &str| {
        vec![
            "Round down, head first".to_string(),
            "Roll up".into(),
            "rest".into(),
            "Last one. Round down, head first".into(),
            "Roll up".into(),
        ]
        .into_iter()
        .chain(std::iter::once(side.to_string()))
    };
    // With a countdown: the step and its side, then "switch sides" as
    // the later side's countdown starts.
    let with = announcements(&format!("title = \"T\"\nlead_in = \"3s\"\n{step}"));
    let mut expected = vec!["Peel, left side".to_string()];
    expected.extend(per_side("switch sides, right side"));
    expected.extend(per_side("").take(5));
    assert_eq!(with, expected);
    // Without one, the later side is still announced, as its first rep starts.
    let without = announcements(&format!("title = \"T\"\nlead_in = \"0s\"\n{step}"));
    let mut expected = vec!["Peel, left side".to_string()];
    expected.extend(per_side("switch sides, right side").take(5));
    expected.push("switch sides, right side".into());
    expected.extend(per_side("").take(5));
    assert_eq!(without, expected);
}

#[test]
fn the_end_is_said_with_its_time_in_words() {
    use std::time::Duration;
    let words = |secs| spoken_time(Duration::from_secs(secs));
    assert_eq!(words(130), "2 minutes 10 seconds");
    assert_eq!(words(60), "1 minute");
    assert_eq!(words(1), "1 second");
    assert_eq!(words(0), "0 seconds");
    assert_eq!(words(3_725), "1 hour 2 minutes 5 seconds");
}

#[test]
fn a_hold_rings_as_it_starts_and_again_as_the_next_phase_starts() {
    use std::time::{Duration, Instant};

    // The wall-flexion routine as it was before phases (holds only).
    let src = include_str!("../view/testdata/wall-flexion-holds.toml");
    let id = "wall-flexion";
    let routine = crate::routine::parse::parse_str(src, id.to_string(), id).unwrap();
    // Get ready 0-3 s, hold 3-18 s, then the next step's get ready.
    let t0 = Instant::now();
    let mut engine = crate::session::Engine::new(routine, t0);
    let mut cues = Cues::new(true, None);
    let mut bells = |at: u64| {
        let events = engine.tick(t0 + Duration::from_millis(at));
        let mut out = Vec::new();
        cues.events(&engine, &events, &mut out);
        out.iter().filter(|&&b| b == 0x07).count()
    };
    assert_eq!(bells(0), 1, "the countdown's 3");
    assert_eq!(bells(2_500), 1, "the countdown's 1");
    assert_eq!(bells(3_000), 1, "the hold starts");
    assert_eq!(bells(10_000), 0, "nothing mid-hold");
    assert_eq!(bells(18_000), 2, "the hold ends, and the countdown's 3");
    assert_eq!(bells(18_500), 0, "the 3 is still showing");
}

#[test]
fn a_muted_or_quiet_run_rings_no_bell() {
    let mut out = Vec::new();
    Cues::new(true, None).bell(&mut out);
    assert_eq!(out, b"\x07");
    let mut out = Vec::new();
    Cues::new(false, None).bell(&mut out);
    let mut muted = Cues::new(true, None);
    muted.toggle_mute();
    muted.bell(&mut out);
    assert!(out.is_empty());
}

#[test]
fn spoken_text_is_never_an_option_and_programs_that_know_dashes_get_them() {
    use super::speech::speech_argv;
    let argv = |command: &[&str], text: &str| -> Option<Vec<String>> {
        let command: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        speech_argv(&command, text)
    };
    assert_eq!(
        argv(&["/usr/bin/espeak-ng", "-s", "140"], "-f/etc/passwd").unwrap(),
        ["/usr/bin/espeak-ng", "-s", "140", "--", "f/etc/passwd"]
    );
    assert_eq!(
        argv(&["spd-say"], " --help").unwrap(),
        ["spd-say", "--", "help"]
    );
    assert_eq!(
        argv(&["espeak"], "Reach up").unwrap(),
        ["espeak", "--", "Reach up"]
    );
    // macOS `say` does not document `--`; the leading dash goes instead.
    assert_eq!(
        argv(&["say", "-v", "Alex"], "-o x").unwrap(),
        ["say", "-v", "Alex", "o x"]
    );
    assert_eq!(
        argv(&["my-speaker"], "- - -x").unwrap(),
        ["my-speaker", "x"]
    );
    assert_eq!(argv(&["say"], " -- "), None, "nothing left to say");
    // No control character reaches the argv.
    let said = argv(&["say"], "Hold\u{1b}[2J\u{7}").unwrap();
    assert!(!said[1].chars().any(char::is_control), "{said:?}");
    assert_eq!(argv(&["say"], "Breathe − out").unwrap()[1], "Breathe − out");
}

/// A script that appends its last argument to `log`, and a player for it.
fn recording_player(dir: &Path) -> (Vec<String>, PathBuf) {
    let log = dir.join("played");
    let script = dir.join("play.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor last; do :; done\necho \"$last\" >> '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    (vec![script.to_string_lossy().into_owned()], log)
}

#[test]
fn each_phase_plays_its_kind_of_tone_the_countdown_ticks_and_the_end_is_heard() {
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let routine = crate::routine::parse::parse_str(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\nreps = 2\nrest = \"1s\"\n",
        "t".into(),
        "t",
    )
    .unwrap();
    // Get ready 0-3 s, hold 3-5 s, rest 5-6 s, hold 6-8 s, done.
    let t0 = Instant::now();
    let mut engine = crate::session::Engine::new(routine, t0);
    let mut cues = Cues::new(true, None).with_tones(player, files);
    let mut heard = |at: u64| -> (Vec<String>, usize) {
        let events = engine.tick(t0 + Duration::from_millis(at));
        let mut out = Vec::new();
        cues.events(&engine, &events, &mut out);
        cues.finish(Duration::from_secs(10), || false);
        let played = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = std::fs::remove_file(&log);
        // Players run side by side, so two started together may log in
        // either order: compare what was heard, sorted.
        let mut names: Vec<String> = played
            .lines()
            .map(|l| {
                Path::new(l)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        (names, out.len())
    };
    assert_eq!(
        heard(0),
        (vec!["rest.wav".into(), "tick.wav".into()], 0),
        "tones, no bell"
    );
    assert_eq!(heard(1_000).0, ["tick.wav"]);
    assert_eq!(heard(3_000).0, ["hold.wav"]);
    // A hold followed by a rest does not tick.
    assert_eq!(heard(4_000).0, Vec::<String>::new());
    // The rest is followed by a hold: its last second ticks, at once.
    assert_eq!(heard(5_000).0, ["rest.wav", "tick.wav"]);
    assert_eq!(heard(6_000).0, ["hold.wav"]);
    assert_eq!(heard(8_000).0, ["done.wav"]);
    assert!(cues.take_problems().is_empty());
}

#[test]
fn muting_silences_the_tones_until_unmuted() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let mut cues = Cues::new(false, None).with_tones(player, files);
    assert!(cues.toggle_mute());
    cues.play(Sound::Hold);
    assert!(!cues.toggle_mute());
    cues.play(Sound::Done);
    cues.finish(std::time::Duration::from_secs(10), || false);
    let played = std::fs::read_to_string(&log).unwrap();
    assert_eq!(played.lines().count(), 1);
    assert!(played.ends_with("done.wav\n"), "{played}");
}

#[test]
fn a_failing_player_is_reported_once_and_the_sounds_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let files = SoundFiles::write(dir.path()).unwrap();
    let mut cues = Cues::new(false, None).with_tones(vec!["false".into()], files.clone());
    for _ in 0..3 {
        cues.play(Sound::Tick);
    }
    cues.finish(std::time::Duration::from_secs(10), || false);
    let problems = cues.take_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("the sound player `false` failed"),
        "{problems:?}"
    );

    let mut cues = Cues::new(false, None).with_tones(vec!["/nonexistent/play".into()], files);
    cues.play(Sound::Tick);
    cues.play(Sound::Hold);
    let problems = cues.take_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("cannot be started"), "{problems:?}");
}

#[test]
fn a_player_still_playing_at_the_end_is_killed_and_reaped() {
    let dir = tempfile::tempdir().unwrap();
    let files = SoundFiles::write(dir.path()).unwrap();
    let pid_file = dir.path().join("pid");
    let command = vec![
        "sh".to_string(),
        "-c".into(),
        format!("echo $$ > '{}'; exec sleep 30", pid_file.display()),
        "sh".into(),
    ];
    let mut cues = Cues::new(false, None).with_tones(command, files);
    cues.play(Sound::Hold);
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&pid_file).map_or(true, |s| !s.ends_with('\n')) {
        assert!(start.elapsed().as_secs() < 10, "the player never started");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    cues.finish(std::time::Duration::ZERO, || false);
    assert!(
        !Path::new(&format!("/proc/{}", pid.trim())).exists(),
        "the player {pid} is still there"
    );
    assert!(
        cues.take_problems().is_empty(),
        "a killed player is no failure"
    );
}

#[test]
fn the_first_player_on_the_path_wins_in_the_documented_order() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["afplay", "aplay"] {
        let p = dir.path().join(name);
        std::fs::write(&p, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    assert_eq!(
        find_player(Some(dir.path().as_os_str())),
        Some(dir.path().join("aplay"))
    );
    assert_eq!(PLAYERS, ["pw-play", "paplay", "aplay", "afplay"]);
}

#[test]
fn muting_cuts_off_what_is_being_said() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let speaker = vec![
        "sh".to_string(),
        "-c".into(),
        format!("echo $$ > '{}'; exec sleep 30", pid_file.display()),
        "sh".into(),
    ];
    let mut cues = Cues::new(false, Some(speaker));
    cues.say("A long sentence");
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !done() {
            assert!(start.elapsed().as_secs() < 10, "{what}");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    };
    wait("the speaker never started", &|| {
        std::fs::read_to_string(&pid_file).is_ok_and(|s| s.ends_with('\n'))
    });
    let proc = PathBuf::from(format!(
        "/proc/{}",
        std::fs::read_to_string(&pid_file).unwrap().trim()
    ));
    assert!(cues.toggle_mute());
    wait("muting left the speaker talking", &|| !proc.exists());
    cues.finish(std::time::Duration::ZERO, || false);
}
