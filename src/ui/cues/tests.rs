use super::*;
use crate::session::Engine;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

fn routine(src: &str) -> crate::routine::Routine {
    crate::routine::parse::parse_str(src, "t".into(), "t").unwrap()
}

/// An instant well in the past, so that a test's moments (`t0 + ms`) are
/// past too, and nothing waits for a clip "still playing" by its length.
fn t0() -> Instant {
    Instant::now() - Duration::from_secs(600)
}

/// A script that appends each call's last argument to `log`, and a
/// command that runs it.
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
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (vec![script.to_string_lossy().into_owned()], log)
}

/// The file names played since the last call, sorted (players run side
/// by side, so two started together may log in either order), once every
/// player has ended.
fn heard(cues: &mut Cues, log: &Path) -> Vec<String> {
    let start = Instant::now();
    while cues.player.as_mut().is_some_and(|p| {
        let _ = p.reap();
        p.busy()
    }) {
        assert!(start.elapsed() < Duration::from_secs(10), "a player hangs");
        std::thread::sleep(Duration::from_millis(5));
    }
    let played = std::fs::read_to_string(log).unwrap_or_default();
    let _ = std::fs::remove_file(log);
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
    names
}

/// Ticks `engine` at `t0 + ms` and hands the events to `cues`; the bells
/// rung.
fn at(engine: &mut Engine, cues: &mut Cues, t0: Instant, ms: u64) -> usize {
    let now = t0 + Duration::from_millis(ms);
    let events = engine.tick(now);
    let mut out = Vec::new();
    cues.events(engine, &events, now, &mut out);
    out.iter().filter(|&&b| b == 0x07).count()
}

#[test]
fn each_phase_plays_its_tone_ticks_fall_in_the_gaps_and_the_end_is_heard() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\nreps = 2\nrest = \"2s\"\n",
    );
    // Get ready 0-3 s, hold 3-5 s, rest 5-7 s, hold 7-9 s, done.
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(true).with_tones(player, files);
    assert_eq!(at(&mut engine, &mut cues, t0, 0), 0, "tones, no bell");
    // The tick due at 0 s would fall on the get-ready's tone.
    assert_eq!(heard(&mut cues, &log), ["rest.wav"]);
    at(&mut engine, &mut cues, t0, 1_000);
    assert_eq!(heard(&mut cues, &log), ["tick.wav"]);
    // Not yet on its second: nothing.
    at(&mut engine, &mut cues, t0, 1_500);
    assert!(heard(&mut cues, &log).is_empty());
    at(&mut engine, &mut cues, t0, 2_000);
    assert_eq!(heard(&mut cues, &log), ["tick.wav"]);
    at(&mut engine, &mut cues, t0, 3_000);
    assert_eq!(heard(&mut cues, &log), ["hold.wav"]);
    // A hold followed by a rest does not tick.
    at(&mut engine, &mut cues, t0, 4_000);
    assert!(heard(&mut cues, &log).is_empty());
    // The rest is followed by a hold: its last second ticks.
    at(&mut engine, &mut cues, t0, 5_000);
    assert_eq!(heard(&mut cues, &log), ["rest.wav"]);
    at(&mut engine, &mut cues, t0, 6_000);
    assert_eq!(heard(&mut cues, &log), ["tick.wav"]);
    at(&mut engine, &mut cues, t0, 7_000);
    assert_eq!(heard(&mut cues, &log), ["hold.wav"]);
    at(&mut engine, &mut cues, t0, 9_000);
    cues.finish(Duration::from_secs(10), || false);
    assert_eq!(heard(&mut cues, &log), ["done.wav"]);
    assert!(cues.take_problems().is_empty());
}

#[test]
fn a_tick_late_by_more_than_its_margin_is_skipped_never_played_late() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(player, files);
    at(&mut engine, &mut cues, t0, 0);
    heard(&mut cues, &log);
    // The tick of 2 (due at 1 s) comes 300 ms late: skipped.
    at(&mut engine, &mut cues, t0, 1_300);
    assert!(heard(&mut cues, &log).is_empty());
    at(&mut engine, &mut cues, t0, 2_050);
    assert_eq!(
        heard(&mut cues, &log),
        ["tick.wav"],
        "on time, within 80 ms"
    );
}

#[test]
fn the_run_wakes_for_each_sound_on_its_moment() {
    let dir = tempfile::tempdir().unwrap();
    let (player, _) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(player, files);
    at(&mut engine, &mut cues, t0, 0);
    let now = t0 + Duration::from_millis(10);
    assert_eq!(
        cues.next_wake(&engine, now),
        Some(t0 + Duration::from_secs(1))
    );
    engine.apply(crate::session::Action::TogglePause, now);
    assert_eq!(cues.next_wake(&engine, now), None, "nothing while paused");
}

#[test]
fn a_hold_rings_as_it_starts_and_again_as_the_next_phase_starts() {
    // The wall-flexion routine as it was before phases (holds only).
    let src = include_str!("../view/testdata/wall-flexion-holds.toml");
    let r = routine(src);
    // Get ready 0-3 s, hold 3-18 s, then the next step's get ready.
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(true);
    let mut bells = |ms| at(&mut engine, &mut cues, t0, ms);
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
    Cues::new(true).ring(&mut out);
    assert_eq!(out, b"\x07");
    let mut out = Vec::new();
    Cues::new(false).ring(&mut out);
    let mut muted = Cues::new(true);
    muted.toggle_mute();
    muted.ring(&mut out);
    assert!(out.is_empty());
}

#[test]
fn muting_silences_the_sounds_due_until_unmuted() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(player, files);
    assert!(cues.toggle_mute());
    at(&mut engine, &mut cues, t0, 0);
    at(&mut engine, &mut cues, t0, 1_000);
    assert!(heard(&mut cues, &log).is_empty());
    assert!(!cues.toggle_mute());
    at(&mut engine, &mut cues, t0, 2_000);
    assert_eq!(heard(&mut cues, &log), ["tick.wav"]);
}

#[test]
fn a_failing_player_is_reported_once_and_the_sounds_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let files = SoundFiles::write(dir.path()).unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r.clone(), t0);
    let mut cues = Cues::new(false).with_tones(vec!["false".into()], files.clone());
    for ms in [0, 1_000, 2_000, 3_000] {
        at(&mut engine, &mut cues, t0, ms);
    }
    cues.finish(Duration::from_secs(10), || false);
    let problems = cues.take_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("the sound player `false` failed"),
        "{problems:?}"
    );

    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(vec!["/nonexistent/play".into()], files);
    at(&mut engine, &mut cues, t0, 0);
    at(&mut engine, &mut cues, t0, 1_000);
    let problems = cues.take_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("cannot be started"), "{problems:?}");
}

/// A command that writes its pid to `pid_file` and then sleeps.
fn sleeper(pid_file: &Path) -> Vec<String> {
    vec![
        "sh".to_string(),
        "-c".into(),
        format!("echo $$ > '{}'; exec sleep 30", pid_file.display()),
        "sh".into(),
    ]
}

/// The process that `sleeper` started, once it has.
fn started(pid_file: &Path) -> PathBuf {
    let start = Instant::now();
    while std::fs::read_to_string(pid_file).map_or(true, |s| !s.ends_with('\n')) {
        assert!(start.elapsed().as_secs() < 10, "it never started");
        std::thread::sleep(Duration::from_millis(10));
    }
    PathBuf::from(format!(
        "/proc/{}",
        std::fs::read_to_string(pid_file).unwrap().trim()
    ))
}

fn gone(proc: &Path) -> bool {
    // A zombie still has its /proc entry until reaped; killed and reaped
    // leaves nothing.
    let start = Instant::now();
    while proc.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    !proc.exists()
}

#[test]
fn a_player_still_playing_at_the_end_is_killed_and_reaped() {
    let dir = tempfile::tempdir().unwrap();
    let files = SoundFiles::write(dir.path()).unwrap();
    let pid_file = dir.path().join("pid");
    let r = routine(
        "title = \"T\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(sleeper(&pid_file), files);
    at(&mut engine, &mut cues, t0, 0);
    let proc = started(&pid_file);
    cues.finish(Duration::ZERO, || false);
    assert!(gone(&proc), "the player {proc:?} is still there");
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
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(
        find_player(Some(dir.path().as_os_str())),
        Some(dir.path().join("aplay"))
    );
    assert_eq!(PLAYERS, ["pw-play", "paplay", "aplay", "afplay"]);
}

#[test]
fn muting_or_switching_the_voice_off_cuts_off_what_is_being_said() {
    let dir = tempfile::tempdir().unwrap();
    let r = routine(
        "title = \"T\"\nlead_in = \"2s\"\n[[step]]\nname = \"A long step name\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    for cut in ["mute", "voice"] {
        let pid_file = dir.path().join(format!("pid-{cut}"));
        // `sh` can only speak live: the step's name is spoken at once.
        let speaker =
            Speaker::configured(&sleeper(&pid_file), std::env::var_os("PATH").as_deref()).unwrap();
        let t0 = t0();
        let mut engine = Engine::new(r.clone(), t0);
        let mut cues = Cues::new(false).with_voice(speaker, dir.path().join("voice"), true);
        at(&mut engine, &mut cues, t0, 0);
        let proc = started(&pid_file);
        match cut {
            "mute" => assert!(cues.toggle_mute()),
            _ => cues.toggle_voice(t0),
        }
        assert!(gone(&proc), "{cut} left the speaker talking");
        cues.finish(Duration::ZERO, || false);
    }
}

#[test]
fn v_without_a_speech_program_says_so_once() {
    let mut cues = Cues::new(false);
    cues.toggle_voice(Instant::now());
    cues.toggle_voice(Instant::now());
    let problems = cues.take_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("no speech program"), "{problems:?}");
    assert!(!cues.voice_on());
}

/// A renderer that writes `ms` of silence for any text into the file
/// after `-w`, as espeak-ng does.
fn silent_renderer(dir: &Path, ms: u32) -> Speaker {
    let bin = dir.join("bin");
    super::voice::tests::renderer_script(&bin.join("espeak-ng"), ms, &dir.join("calls"));
    Speaker::configured(&["espeak-ng".to_string()], Some(bin.as_os_str())).unwrap()
}

/// Waits until every clip of the run is rendered.
fn rendered(cues: &Cues) {
    let start = Instant::now();
    while !cues
        .voice
        .as_ref()
        .and_then(|v| v.renderer.as_ref())
        .is_some_and(Renderer::is_idle)
    {
        assert!(start.elapsed() < Duration::from_secs(20), "rendering hangs");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn rendered_words_follow_their_tone_and_silence_the_ticks_they_cover() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    // Every clip lasts 1.5 s.
    let speaker = silent_renderer(dir.path(), 1500);
    let r = routine(
        "title = \"T\"\nlead_in = \"3s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"2s\"\n",
    );
    let t0 = t0();
    let mut engine = Engine::new(r, t0);
    let mut cues = Cues::new(false).with_tones(player, files).with_voice(
        speaker,
        dir.path().join("voice"),
        true,
    );
    // Rendering starts with the first events; the get-ready is entered
    // once every clip is ready, as with a warm cache.
    cues.prepare(&engine);
    rendered(&cues);
    at(&mut engine, &mut cues, t0, 0);
    assert_eq!(
        heard(&mut cues, &log),
        ["rest.wav"],
        "the words wait for the tone"
    );
    let rest = Sound::Rest.length().as_millis() as u64;
    at(&mut engine, &mut cues, t0, rest);
    let said = heard(&mut cues, &log);
    assert_eq!(said.len(), 1, "the step's name: {said:?}");
    assert!(said[0].ends_with(".wav") && said[0] != "rest.wav");
    // "2" is due at 1 s, under the step's name (to 1.78 s): neither it nor
    // its tick is heard. "1", at 2 s, is said on its second.
    at(&mut engine, &mut cues, t0, 1_000);
    assert!(heard(&mut cues, &log).is_empty());
    at(&mut engine, &mut cues, t0, 2_000);
    assert_eq!(heard(&mut cues, &log).len(), 1, "the number 1");
    // The voice switched off: the tones and ticks go on alone.
    cues.toggle_voice(t0);
    at(&mut engine, &mut cues, t0, 3_000);
    assert_eq!(heard(&mut cues, &log), ["hold.wav"]);
    assert!(cues.take_problems().is_empty());
}

#[test]
fn the_end_plays_its_tone_then_its_words_to_their_end() {
    let dir = tempfile::tempdir().unwrap();
    let (player, log) = recording_player(dir.path());
    let files = SoundFiles::write(&dir.path().join("sounds")).unwrap();
    let speaker = silent_renderer(dir.path(), 400);
    let r = routine(
        "title = \"T\"\nlead_in = \"0s\"\n[[step]]\nname = \"A\"\ncue = \"c\"\nhold = \"1s\"\n",
    );
    let mut engine = Engine::new(r, Instant::now());
    let mut cues = Cues::new(false).with_tones(player, files).with_voice(
        speaker,
        dir.path().join("voice"),
        true,
    );
    cues.prepare(&engine);
    rendered(&cues);
    let end = Instant::now() + Duration::from_secs(1);
    let events = engine.tick(end);
    assert!(events.contains(&Event::Finished));
    cues.events(&engine, &events, end, &mut Vec::new());
    heard(&mut cues, &log);
    let start = Instant::now();
    cues.finish(Duration::from_secs(10), || false);
    // The tone, then 400 ms of words, waited for to their end.
    assert!(
        start.elapsed() >= Duration::from_millis(400),
        "{:?}",
        start.elapsed()
    );
    let played = heard(&mut cues, &log);
    assert_eq!(played.len(), 2, "{played:?}");
    assert!(played.contains(&"done.wav".to_string()));
}
