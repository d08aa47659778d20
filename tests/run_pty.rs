//! `mobility run` full screen, through a pseudo-terminal: what the screen
//! shows, what the keys do, and that every way out gives the terminal back.

use std::time::{Duration, Instant};

use crate::common::{SHORT, TestEnv};
use crate::pty::{Pty, time_left};

/// Two steps of one long hold each, so nothing ends by itself mid-test.
const LONG: &str = r#"
title = "Long haul"
lead_in = "0s"

[[step]]
name = "Reach up"
cue = "Cue one: arms overhead."
hold = "30s"

[[step]]
name = "Fold down"
cue = "Cue two: chin to chest."
hold = "30s"
"#;

/// Starts `mobility run FILE` on an 80×24 terminal for a routine, with no
/// end screen (tests/end_screen.rs has it), so a run that ends leaves at once.
fn start(env: &TestEnv, routine: &str) -> Pty {
    env.write(
        "config/mobility/config.toml",
        "[run]\nend_screen = \"0s\"\n",
    );
    env.write("routine.toml", routine);
    env.pty(&["run", "routine.toml"], 80, 24)
}

/// Waits for the first full screen of `LONG`.
fn started(pty: &Pty) {
    pty.wait_for_text(&["Long haul", "step 1/2", "HOLD", " left"]);
}

#[test]
fn the_screen_shows_the_title_the_step_the_phase_and_the_time_left() {
    let env = TestEnv::new();
    env.write(
        "routine.toml",
        LONG.replace("lead_in = \"0s\"", "lead_in = \"5s\""),
    );
    let pty = env.pty(&["run", "routine.toml"], 80, 24);

    let screen = pty.wait_for_text(&["Long haul", "step 1/2", "GET READY", " left"]);
    assert!(screen.contains("Reach up"), "no step name:\n{screen}");
    assert!(
        screen.contains("Cue one: arms overhead."),
        "no cue:\n{screen}"
    );
    assert!(screen.contains("Next: hold 30s"), "no next line:\n{screen}");
    assert!(screen.contains("q quit"), "no key help:\n{screen}");
    assert!(screen.contains('█'), "no big digits:\n{screen}");
    let left = pty.screen(time_left).expect("an m:ss left label");
    assert!((1..=5).contains(&left), "{left} s left of a 5 s get ready");
    pty.screen(|s| {
        assert!(s.alternate_screen(), "not drawn on the alternate screen");
        assert!(s.hide_cursor(), "the cursor blinks over the timer");
    });
}

#[test]
fn space_pauses_and_the_clock_stands_still_until_space_resumes_it() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);

    pty.send(b" ");
    pty.wait_for_text(&["PAUSED", "paused"]);
    let frozen = pty.screen(time_left).expect("an m:ss left label");
    // Long enough that a running clock would have ticked at least once.
    let watch = Instant::now() + Duration::from_millis(1500);
    while Instant::now() < watch {
        assert_eq!(
            pty.screen(time_left),
            Some(frozen),
            "the time moved while paused:\n{}",
            pty.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    pty.send(b" ");
    let screen = pty.wait_for("the clock to run again", |s| {
        !s.contents().contains("PAUSED") && time_left(s).is_some_and(|t| t != frozen)
    });
    let resumed = pty.screen(time_left).expect("an m:ss left label");
    assert!(
        resumed < frozen,
        "after resuming, {resumed} s left is not below {frozen} s:\n{screen}"
    );
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn n_moves_on_to_the_next_step() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    let first = pty.wait_for_text(&["step 1/2", "Cue one", "Next step: Fold down"]);
    assert!(!first.contains("Cue two"), "{first}");

    pty.send(b"n");
    let second = pty.wait_for_text(&["step 2/2", "Fold down", "Cue two", "Last phase"]);
    assert!(!second.contains("Cue one"), "still shows step 1:\n{second}");
    assert!(!second.contains("step 1/2"), "{second}");
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn q_quits_with_exit_1_and_gives_the_terminal_back() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);
    // The program really did change the terminal, so restoring it means something.
    assert_ne!(
        pty.lflags(),
        pty.lflags_before,
        "raw mode was never entered"
    );
    pty.screen(|s| assert!(s.alternate_screen() && s.hide_cursor()));

    pty.send(b"q");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 1, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert!(
        ended.contents.contains("Stopped: Long haul after 0:0"),
        "no summary on the main screen:\n{}",
        ended.contents
    );
    assert!(
        ended.contents.contains(", 0 of 2 steps done."),
        "{}",
        ended.contents
    );
}

#[test]
fn ctrl_c_quits_with_exit_1_and_gives_the_terminal_back() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);

    pty.send(b"\x03");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 1, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert!(
        ended.contents.contains("Stopped: Long haul after"),
        "{}",
        ended.contents
    );
}

#[test]
fn a_short_routine_runs_to_the_end_and_exits_0_with_a_summary() {
    let env = TestEnv::new();
    let pty = start(&env, SHORT);
    pty.wait_for_text(&["Quick", "step 1/2"]);

    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert_eq!(ended.contents.trim(), "Completed Quick in 0:02.");
}

#[test]
fn sigterm_gives_the_terminal_back_and_exits_143() {
    let env = TestEnv::new();
    let pty = start(&env, LONG);
    started(&pty);

    pty.kill("TERM");
    let lflags_before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 143, "{}", ended.contents);
    ended.assert_terminal_restored(lflags_before);
    assert!(
        ended
            .contents
            .contains("Stopped by SIGTERM: Long haul after 0:0"),
        "{}",
        ended.contents
    );
}

#[test]
fn resizing_to_tiny_sizes_redraws_without_crashing() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);

    // Too small for the big digits: the time moves into the phase line.
    pty.resize(30, 8);
    let small = pty.wait_for_text(&["HOLD 0:", " left"]);
    assert!(!small.contains('█'), "big digits at 30×8:\n{small}");

    // A shrink clears the whole screen before drawing; wait for that, so
    // the 1×1 size is really drawn before the next resize.
    let clears = pty.clears();
    pty.resize(1, 1);
    pty.wait_until("a redraw at 1×1", || pty.clears() > clears);
    assert!(pty.running(), "mobility died at 1×1");

    pty.resize(80, 24);
    pty.wait_for_text(&["Long haul", "step 1/2", "█", " left"]);
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn question_mark_shows_the_key_help_and_esc_closes_it_before_quitting() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);

    pty.send(b"?");
    pty.wait_for_text(&[" keys ", "pause / resume", "skip this phase"]);

    pty.send(b"\x1b");
    pty.wait_for("the help to close", |s| {
        !s.contents().contains("pause / resume")
    });
    assert!(pty.running(), "Esc quit while the help was open");

    pty.send(b"\x1b");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn closing_the_terminal_ends_the_run_promptly_with_a_hang_up() {
    let env = TestEnv::new();
    let pty = start(&env, LONG);
    started(&pty);
    assert_eq!(pty.hang_up(), 129);
}

#[test]
fn a_panic_gives_the_terminal_back_before_its_message() {
    let env = TestEnv::new();
    env.write("routine.toml", LONG);
    let pty = env.pty_with(
        &["run", "routine.toml"],
        80,
        24,
        &[("MOBILITY_TEST_PANIC", "1")],
    );
    let before = pty.lflags_before;
    let ended = pty.finish();
    assert_eq!(ended.code, 101);
    ended.assert_terminal_restored(before);
    assert!(
        ended.contents.contains("MOBILITY_TEST_PANIC is set"),
        "the panic message shows on the main screen:\n{}",
        ended.contents
    );
}

#[test]
fn skipping_through_to_the_end_is_not_counted_as_done_and_exits_1() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2"]);
    pty.send(b"s");
    let ended = pty.finish();
    assert_eq!(ended.code, 1, "{}", ended.contents);
    let line = ended.contents.trim();
    assert!(
        line.starts_with("Reached the end in 0:0")
            && line.ends_with(", skipping 2 steps; not counted as done."),
        "{line}"
    );
}

/// Pauses and returns the time left then, which stays put until resumed.
#[track_caller]
fn pause(pty: &mut Pty) -> u64 {
    pty.send(b" ");
    pty.wait_for_text(&["PAUSED", "paused"]);
    pty.screen(time_left).expect("an m:ss left label")
}

/// Waits until the phase gauge shows `secs` left.
#[track_caller]
fn wait_for_time_left(pty: &Pty, secs: u64) -> String {
    pty.wait_for(&format!("{secs} s left"), |s| time_left(s) == Some(secs))
}

#[test]
fn plus_and_equals_each_add_ten_seconds_to_the_phase() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);
    // Paused, the clock stands still, so each press shows exactly.
    let before = pause(&mut pty);

    pty.send(b"+");
    wait_for_time_left(&pty, before + 10);
    pty.send(b"=");
    let screen = wait_for_time_left(&pty, before + 20);
    assert!(screen.contains("step 1/2"), "{screen}");
    // The routine's total on its bar grows with the time added.
    assert!(screen.contains(" / 1:20 "), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn minus_and_underscore_each_take_ten_seconds_off_and_a_last_one_ends_the_phase() {
    let env = TestEnv::new();
    let mut pty = start(&env, &LONG.replace("30s", "60s"));
    started(&pty);
    let before = pause(&mut pty);

    pty.send(b"-");
    wait_for_time_left(&pty, before - 10);
    pty.send(b"_");
    let mut left = before - 20;
    wait_for_time_left(&pty, left);
    while left > 10 {
        pty.send(b"-");
        left -= 10;
        wait_for_time_left(&pty, left);
    }
    // No more than 10 s left: the phase ends, and the next one starts
    // whole.
    pty.send(b"-");
    let screen = pty.wait_for_text(&["step 2/2", "Fold down", "Cue two"]);
    assert_eq!(pty.screen(time_left), Some(60), "{screen}");
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn p_goes_back_to_the_previous_step_just_after_a_step_began() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);
    // Paused before moving on, so no time passes in step 2 at all.
    pause(&mut pty);
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2", "Fold down"]);

    pty.send(b"p");
    let screen = pty.wait_for_text(&["step 1/2", "Reach up", "Cue one", "Next step: Fold down"]);
    assert!(!screen.contains("Cue two"), "{screen}");
    assert_eq!(pty.screen(time_left), Some(30), "{screen}");
    pty.send(b"q");
    let ended = pty.finish();
    assert_eq!(ended.code, 1);
    assert!(
        ended.contents.contains(", 0 of 2 steps done."),
        "going back un-marks the step:\n{}",
        ended.contents
    );
}

#[test]
fn left_arrow_restarts_the_step_when_more_than_two_seconds_into_it() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2", "Fold down"]);
    // At 27 s left at least 3 s of the 30 s hold have passed.
    pty.wait_for("3 s into step 2", |s| time_left(s).is_some_and(|t| t <= 27));
    pause(&mut pty);

    pty.send(b"\x1b[D");
    let screen = wait_for_time_left(&pty, 30);
    assert!(
        screen.contains("step 2/2") && screen.contains("Fold down"),
        "went to another step instead of restarting this one:\n{screen}"
    );
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn m_mutes_the_bell_and_says_so_until_m_is_pressed_again() {
    let env = TestEnv::new();
    env.write("routine.toml", LONG);
    let mut pty = env.pty(&["run", "--bell", "routine.toml"], 80, 24);
    started(&pty);
    assert!(pty.bells_since(0) > 0, "no bell as the first hold began");
    assert!(!pty.contents().contains("muted"), "{}", pty.contents());

    pty.send(b"m");
    pty.wait_for_text(&["HOLD · muted"]);
    // Paused throughout, so `p` below is surely within the grace period.
    pause(&mut pty);
    let muted = pty.mark();
    pty.send(b"n");
    pty.wait_for_text(&["step 2/2", "Fold down"]);
    assert_eq!(pty.bells_since(muted), 0, "a bell while muted");

    pty.send(b"m");
    pty.wait_for("the muted mark to go", |s| !s.contents().contains("muted"));
    let unmuted = pty.mark();
    pty.send(b"p");
    pty.wait_for_text(&["step 1/2", "Reach up"]);
    assert!(
        pty.bells_since(unmuted) > 0,
        "no bell as a hold began after unmuting"
    );
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}

#[test]
fn h_shows_the_key_help_and_h_again_hides_it() {
    let env = TestEnv::new();
    let mut pty = start(&env, LONG);
    started(&pty);

    pty.send(b"h");
    pty.wait_for_text(&[
        " keys ",
        "previous step / restart",
        "add 10 seconds",
        "take off 10 seconds",
        "mute / unmute",
    ]);
    pty.send(b"h");
    pty.wait_for("the help to close", |s| !s.contents().contains(" keys "));
    assert!(pty.running(), "h quit");
    pty.send(b"q");
    assert_eq!(pty.finish().code, 1);
}
