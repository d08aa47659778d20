//! The figure: `figure` and `pose` in the routine format, `show --figure`,
//! and the figure on a real terminal, moving during a move and still
//! during a hold.

use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::pty::Pty;

/// A move of 3 s down to rounded, then a 4 s hold there, then a long
/// step, so the run does not end during the test.
const DRILL: &str = r#"
title = "Figure drill"
lead_in = "0s"
figure = "wall"

[[step]]
name = "Peel"
cue = "Round down, then hold."

[[step.phase]]
name = "Round down"
time = "3s"
kind = "move"
pose = "rounded"

[[step.phase]]
name = "Stay"
time = "4s"
kind = "hold"

[[step]]
name = "Rest"
cue = "Stand tall."
hold = "30s"
"#;

const UTF8: (&str, &str) = ("LANG", "C.UTF-8");

/// The figure's characters: quadrant blocks (the clock's `█` is among
/// them, but never in the figure's corner of the screen).
fn is_figure(c: char) -> bool {
    "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".contains(c)
}

/// Starts the drill on an 80×24 terminal with `extra` variables.
fn start(env: &TestEnv, extra: &[(&str, &str)]) -> Pty {
    env.write("routine.toml", DRILL);
    env.pty_with(&["run", "routine.toml"], 80, 24, extra)
}

/// The figure's corner of the screen: right of the clock, from the clock's
/// top row to the cue.
fn figure_cells(screen: &vt100::Screen) -> String {
    (4..13)
        .map(|row| {
            (55..80)
                .map(|col| {
                    screen
                        .cell(row, col)
                        .map_or(String::new(), |c| c.contents().to_string())
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The figure's cells, sampled every 50 ms for as long as `word` is the
/// phase on screen (at most `most`), each with the figure in it.
fn samples_while(pty: &Pty, word: &str, most: Duration) -> Vec<String> {
    pty.wait_for_text(&[word]);
    let until = Instant::now() + most;
    let mut seen = Vec::new();
    while Instant::now() < until {
        let (on, cells) = pty.screen(|s| (s.contents().contains(word), figure_cells(s)));
        if !on {
            break;
        }
        assert!(
            cells.chars().any(is_figure),
            "no figure during {word}:\n{}",
            pty.contents()
        );
        seen.push(cells);
        std::thread::sleep(Duration::from_millis(50));
    }
    seen
}

#[test]
fn the_figure_moves_during_a_move_and_keeps_still_during_a_hold() {
    let env = TestEnv::new();
    let mut pty = start(&env, &[UTF8]);
    let moving = samples_while(&pty, "ROUND DOWN", Duration::from_millis(2_000));
    let mut distinct = moving.clone();
    distinct.dedup();
    assert!(
        distinct.len() >= 3,
        "the figure took {} shapes in {} looks during the move",
        distinct.len(),
        moving.len()
    );
    let holding = samples_while(&pty, "STAY", Duration::from_millis(2_500));
    assert!(
        holding.len() >= 10,
        "{} looks during the hold",
        holding.len()
    );
    assert!(
        holding.iter().all(|h| *h == holding[0]),
        "the figure changed during the hold:\n{}",
        holding.join("\n--\n")
    );
    pty.send(b"q");
    pty.finish();
}

#[test]
fn f_hides_the_figure_and_shows_it_again() {
    let env = TestEnv::new();
    let mut pty = start(&env, &[UTF8]);
    pty.wait_for("the figure", |s| figure_cells(s).chars().any(is_figure));
    pty.send(b"f");
    pty.wait_for("the figure to go", |s| {
        !figure_cells(s).chars().any(is_figure)
    });
    pty.send(b"f");
    pty.wait_for("the figure again", |s| {
        figure_cells(s).chars().any(is_figure)
    });
    pty.send(b"q");
    pty.finish();
}

#[test]
fn without_a_utf8_locale_there_is_no_figure_at_all() {
    let env = TestEnv::new();
    let mut pty = start(&env, &[("LANG", "C")]);
    pty.wait_for_text(&["ROUND DOWN"]);
    std::thread::sleep(Duration::from_millis(300));
    pty.send(b"f");
    std::thread::sleep(Duration::from_millis(300));
    let screen = pty.contents();
    assert!(!screen.chars().any(is_figure), "{screen}");
    assert!(
        screen.contains("#####"),
        "the big digits stay, in ASCII:\n{screen}"
    );
    pty.send(b"q");
    pty.finish();
}

#[test]
fn under_no_color_the_figure_has_no_colour() {
    let env = TestEnv::new();
    let figure_colours = |pty: &Pty| {
        pty.wait_for("the figure", |s| figure_cells(s).chars().any(is_figure));
        pty.screen(|s| {
            let mut colours = Vec::new();
            for row in 4..13 {
                for col in 55..80 {
                    let cell = s.cell(row, col).unwrap();
                    if cell.contents().chars().any(is_figure) {
                        colours.push(cell.fgcolor());
                    }
                }
            }
            colours
        })
    };
    let mut pty = start(&env, &[UTF8, ("NO_COLOR", "1")]);
    let colours = figure_colours(&pty);
    assert!(
        colours.iter().all(|c| *c == vt100::Color::Default),
        "{colours:?}"
    );
    pty.send(b"q");
    pty.finish();

    let mut pty = start(&env, &[UTF8]);
    let colours = figure_colours(&pty);
    assert!(
        colours.iter().any(|c| *c != vt100::Color::Default),
        "{colours:?}"
    );
    pty.send(b"q");
    pty.finish();
}

#[test]
fn show_figure_draws_the_start_and_the_turn_of_each_step() {
    let env = TestEnv::new();
    let out = env
        .run_with(["show", "wall-flexion", "--figure"], |c| {
            c.env("LANG", "en_GB.UTF-8");
        })
        .success();
    for heading in [
        "1. Set up against the wall (wall)",
        "2. Peel off the wall (wall)",
        "3. Stand tall and breathe (wall)",
    ] {
        assert!(out.contains(heading), "no {heading:?} in\n{out}");
    }
    assert!(
        out.contains("start") && out.contains("end of Round down"),
        "{out}"
    );
    assert!(out.contains("keeps still"), "{out}");
    assert!(out.chars().any(is_figure), "{out}");
    // The two pictures of the moving step differ; its rows are side by side.
    let step: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("2. "))
        .skip(1)
        .take(12)
        .collect();
    assert!(
        step.iter()
            .any(|l| l.chars().filter(|c| is_figure(*c)).count() > 4),
        "{out}"
    );
}

#[test]
fn show_figure_says_why_it_cannot_draw_in_an_ascii_locale_or_a_dumb_terminal() {
    let env = TestEnv::new();
    let err = env
        .run_with(["show", "wall-flexion", "--figure"], |c| {
            c.env("LANG", "C");
        })
        .fails(2);
    assert!(err.contains("needs a UTF-8 locale"), "{err}");
    assert!(err.contains("LANG=C.UTF-8"), "{err}");
    let err = env
        .run_with(["show", "wall-flexion", "--figure"], |c| {
            c.env("LANG", "C.UTF-8").env("TERM", "dumb");
        })
        .fails(2);
    assert!(err.contains("not `dumb`"), "{err}");
}

#[test]
fn show_figure_on_a_routine_without_one_says_how_to_add_it() {
    let env = TestEnv::new();
    env.write("plain.toml", crate::common::routine("Plain", "5s", 1));
    let err = env
        .run_with(["show", "plain.toml", "--figure"], |c| {
            c.env("LANG", "C.UTF-8");
        })
        .fails(2);
    assert!(err.contains("has no figure"), "{err}");
    assert!(err.contains("figure = \"wall\""), "{err}");
}

#[test]
fn an_unknown_figure_or_pose_is_an_error_at_its_place_with_a_suggestion() {
    let env = TestEnv::new();
    let bad = DRILL
        .replace("figure = \"wall\"", "figure = \"wal\"")
        .replace("pose = \"rounded\"", "pose = \"rounde\"")
        .replace("name = \"Stay\"", "name = \"Stay\"\npose = 1.5");
    env.write("bad.toml", &bad);
    let err = env.run(["check", "bad.toml"]).exits(1).stdout;
    let line_of = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "bad.toml:{}:10: `figure` is `wal`; did you mean `wall`?",
            line_of("\"wal\"")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            ":{}:8: `pose` in phase 1 of step 1 is `rounde`; did you mean `rounded`?",
            line_of("\"rounde\"")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            ":{}:8: `pose` in phase 2 of step 1 is 1.5;",
            line_of("1.5")
        )),
        "{err}"
    );
    let unknown = DRILL.replace("figure = \"wall\"", "figure = \"sofa\"");
    env.write("sofa.toml", &unknown);
    let err = env.run(["check", "sofa.toml"]).exits(1).stdout;
    assert!(err.contains("write `\"wall\"` or `\"chair\"`"), "{err}");
}

#[test]
fn figure_and_pose_come_back_from_show_toml_and_json() {
    let env = TestEnv::new();
    let drill = DRILL
        .replace("name = \"Stay\"", "name = \"Stay\"\npose = 0.75")
        .replace("name = \"Rest\"", "name = \"Rest\"\nfigure = \"chair\"");
    env.write("drill.toml", &drill);
    let toml = env.succeeds(["show", "drill.toml", "--toml"]);
    assert!(toml.contains("figure = \"wall\""), "{toml}");
    assert!(toml.contains("figure = \"chair\""), "{toml}");
    assert!(toml.contains("pose = \"rounded\""), "{toml}");
    assert!(toml.contains("pose = 0.75"), "{toml}");
    env.write("again.toml", &toml);
    assert_eq!(env.succeeds(["show", "again.toml", "--toml"]), toml);

    let json: serde_json::Value =
        serde_json::from_str(&env.succeeds(["show", "drill.toml", "--json"])).unwrap();
    assert_eq!(json["figure"], "wall");
    assert_eq!(json["steps"][0]["figure"], "wall");
    assert_eq!(json["steps"][1]["figure"], "chair");
    assert_eq!(json["steps"][0]["phases"][0]["pose"], "rounded");
    assert_eq!(json["steps"][0]["phases"][1]["pose"], 0.75);
    assert_eq!(
        json["steps"][1]["phases"][0]["pose"],
        serde_json::Value::Null
    );
}
