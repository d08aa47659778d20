//! A run in the POSIX locale, as a terminal that cron opened has it (no
//! `LANG` at all): the full screen, the end screen, plain lines and
//! `history` are ASCII through and through, so that nothing mobility draws
//! comes out as boxes. A UTF-8 locale keeps the Unicode look (the other
//! tests run in `C.UTF-8`).

use crate::common::TestEnv;

/// Reps, sides, a prompt and two steps in about four seconds, so every
/// kind of line and screen shows up.
const ROUTINE: &str = r#"
title = "Half"
lead_in = "500ms"

[[step]]
name = "One"
cue = "Cue one"
hold = "600ms"
reps = 2
rest = "300ms"
sides = ["left", "right"]

[[step.prompt]]
at = "200ms"
text = "Breathe"

[[step]]
name = "Two"
cue = "Cue two"
hold = "1s"
lead_in = "0s"
"#;

/// The bytes of `raw` that are not ASCII, for a message.
fn not_ascii(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw)
        .chars()
        .filter(|c| !c.is_ascii())
        .collect()
}

#[test]
fn plain_mode_without_a_locale_prints_only_ascii() {
    let env = TestEnv::new();
    env.write("half.toml", ROUTINE);
    let out = env
        .run_with(["run", "half.toml", "--plain"], |c| {
            c.env_remove("LANG");
        })
        .success();
    assert!(out.is_ascii(), "{:?} in\n{out}", not_ascii(out.as_bytes()));
    for expected in [
        "[0:00] step 1/2 | One | left | get ready 500ms",
        "step 1/2 | One | rep 1/2 | left | Hold 600ms",
        "   -> Breathe",
        "step 2/2 | Two | Hold 1s",
        "done: Half in",
    ] {
        assert!(out.contains(expected), "{expected:?} in\n{out}");
    }
    // LC_ALL has the last word over a UTF-8 LANG, as in the C library.
    let out = env
        .run_with(["run", "half.toml", "--plain"], |c| {
            c.env("LANG", "en_GB.UTF-8").env("LC_ALL", "C");
        })
        .success();
    assert!(out.is_ascii(), "{out}");
    // And a UTF-8 locale keeps its middle dots and arrows.
    let out = env.succeeds(["run", "half.toml", "--plain"]);
    assert!(out.contains("step 2/2 · Two · Hold 1s"), "{out}");
    assert!(out.contains("   → Breathe"), "{out}");
}

#[test]
fn a_full_screen_run_in_the_c_locale_draws_only_ascii_to_its_end_screen() {
    let env = TestEnv::new();
    // Holds long enough that the prompt can't come and go between looks.
    env.write("half.toml", ROUTINE.replace("600ms", "1200ms"));
    let mut pty = env.pty_with(&["run", "half.toml"], 80, 24, &[("LANG", "C")]);
    // The big clock, in `#`, and a fact line apart by bars.
    let screen = pty.wait_for_text(&["step 1/2", " left", "#####", "One | rep 1/2 | left"]);
    assert!(screen.is_ascii(), "{screen}");
    assert!(screen.contains("| ? help |"), "{screen}");
    let screen = pty.wait_for_text(&["> Breathe"]);
    assert!(screen.is_ascii(), "{screen}");
    let end = pty.wait_for_text(&["DONE", "Enter to skip"]);
    assert!(end.contains("Today: 1 run | streak: 1 day"), "{end}");
    assert!(
        end.contains("Upper back now: 0 easy ... 10 stiff or sore"),
        "{end}"
    );
    assert!(end.is_ascii(), "{end}");
    pty.send(b"x");
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    // Not one byte the terminal could draw as a box, from the first
    // screen to the summary.
    assert!(
        ended.raw.is_ascii(),
        "{:?} written to the terminal",
        not_ascii(&ended.raw)
    );
    assert!(
        ended.contents.contains("Completed Half in"),
        "{}",
        ended.contents
    );
}

#[test]
fn history_in_the_c_locale_lists_and_sums_up_in_ascii() {
    let env = TestEnv::new();
    env.write("half.toml", ROUTINE);
    env.succeeds(["run", "half.toml", "--plain"]);
    let out = env
        .run_with(["history"], |c| {
            c.env("LANG", "C");
        })
        .success();
    assert!(out.is_ascii(), "{out}");
    assert!(out.contains("completed"), "{out}");
    let summary = out.lines().last().unwrap();
    assert_eq!(
        summary,
        "Streak: 1 day (longest 1 day) | 1 run this week | 1 completed of 1 run"
    );
    let out = env.succeeds(["history"]);
    assert!(
        out.ends_with("Streak: 1 day (longest 1 day) · 1 run this week · 1 completed of 1 run\n"),
        "{out}"
    );
}
