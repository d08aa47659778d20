//! Messages about bad files are short and in the user's terms: no line
//! past 200 characters, and none of serde's or Rust's words for our types.

use crate::common::TestEnv;

const STEP: &str = "[[step]]\nname = \"a\"\ncue = \"b\"\n";

/// Words that mean something to the program's authors, not its users.
const INTERNAL: &[&str] = &[
    "Raw",
    "struct",
    "any valid TOML value",
    "Spanned",
    "u32",
    "i64",
];

#[track_caller]
fn assert_readable(what: &str, output: &str) {
    for line in output.lines() {
        assert!(
            line.chars().count() < 200,
            "{what}: a line of {} characters: {line}",
            line.chars().count()
        );
        for word in INTERNAL {
            assert!(!line.contains(word), "{what}: `{word}` in: {line}");
        }
    }
}

#[test]
fn routine_file_messages_are_short_and_in_the_users_terms() {
    let env = TestEnv::new();
    let files = [
        ("hold", format!("title = \"t\"\n{STEP}hold = 1e308\n")),
        (
            "lead",
            format!("title = \"t\"\nlead_in = 1e308\n{STEP}hold = \"1s\"\n"),
        ),
        (
            "reps",
            format!("title = \"t\"\n{STEP}hold = \"1s\"\nreps = 99999999999999999999999\n"),
        ),
        (
            "rest",
            format!("title = \"t\"\n{STEP}hold = \"1s\"\nrest = 1.5e300\n"),
        ),
        ("step", "title = \"t\"\nstep = 5\n".to_string()),
        (
            "prompt",
            format!("title = \"t\"\n{STEP}hold = \"1s\"\nprompt = 5\n"),
        ),
        (
            "table",
            format!("title = \"t\"\n{STEP}hold = {{ a = 1 }}\n"),
        ),
    ];
    for (name, text) in &files {
        env.write(format!("r/{name}.toml"), text);
    }
    let run = env.run(["check", "r"]).exits(1);
    assert_readable("check", &run.stdout);
    assert!(run.stdout.contains("a number too large"), "{}", run.stdout);
    assert!(run.stdout.contains("hold = \"5s\""), "{}", run.stdout);
}

#[test]
fn config_file_messages_are_short_and_in_the_users_terms() {
    let env = TestEnv::new();
    let configs = [
        "run = 5\n",
        "remind = \"soon\"\n",
        "[run]\nquiet = \"yes\"\n",
        "[run]\nlead_in = 99999999999999999999999\n",
        "[remind]\nwithin = []\n",
    ];
    for config in configs {
        env.write("config/mobility/config.toml", config);
        let err = env.run(["due", "wall-flexion"]).exits(0).stderr;
        assert_readable(config, &err);
    }
    env.write("config/mobility/config.toml", "run = 5\n");
    let err = env.run(["due", "wall-flexion"]).exits(0).stderr;
    assert!(err.contains("`run` should be a table"), "{err}");
}

#[test]
fn realistic_slips_are_named_in_the_files_own_words() {
    let env = TestEnv::new();
    let hold = "hold = \"5s\"\n";
    let cases = [
        (
            "prompt",
            format!("title = \"t\"\n{STEP}{hold}[[prompt]]\nat = \"1s\"\ntext = \"x\"\n"),
            "r/prompt.toml:6:1: unknown table `[[prompt]]`; a prompt belongs to a step: write `[[step.prompt]]` below its `[[step]]`",
        ),
        (
            "steps",
            format!("title = \"t\"\n\n[[steps]]\nname = \"a\"\ncue = \"b\"\n{hold}"),
            "r/steps.toml:3:1: unknown table `[[steps]]`; did you mean `[[step]]`?",
        ),
        (
            "bare",
            format!("title = \"t\"\n[[step]]\nname = Nod\ncue = \"b\"\n{hold}"),
            "r/bare.toml:3:8: `name` in step 1 is text, and text must be quoted: write `name = \"Nod\"`",
        ),
        (
            "open",
            format!("title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"\"\"\nPress the wall.\n{hold}"),
            "r/open.toml:4:7: the text of `cue` in step 1 opens with `\"\"\"` here and is never closed; close it with `\"\"\"`",
        ),
        (
            "twice",
            format!("title = \"t\"\ntitle = \"t\"\n{STEP}{hold}"),
            "r/twice.toml:2:1: `title` appears twice; keep one",
        ),
    ];
    for (name, text, line) in &cases {
        let path = format!("r/{name}.toml");
        env.write(&path, text);
        let run = env.run(["check", path.as_str()]).exits(1);
        assert_eq!(run.stdout.lines().next(), Some(*line), "{run}");
        assert_readable(name, &run.stdout);
    }
}

#[test]
fn an_id_too_long_says_the_limit_it_broke() {
    let env = TestEnv::new();
    let long = "a".repeat(65);
    let err = env.fails(["show", &long], 2);
    assert!(err.contains("1 to 64"), "{err}");
}

#[test]
fn a_number_echoed_in_a_message_goes_through_the_one_cap() {
    let env = TestEnv::new();
    let phase = "figure = \"wall\"\n[[step]]\nname = \"a\"\ncue = \"b\"\n[[step.phase]]\nname = \"x\"\ntime = \"1s\"\nkind = \"move\"\n";
    for pose in ["1e308", "-1e-300", "-123456789012345678"] {
        env.write(
            "r/pose.toml",
            format!("title = \"t\"\n{phase}pose = {pose}\n"),
        );
        let out = env.run(["check", "r"]).exits(1).stdout;
        assert_readable(pose, &out);
        let line = out.lines().find(|l| l.contains("`pose`")).unwrap();
        assert!(line.len() < 160, "{pose}: {line}");
    }
    let out = env.run(["check", "r"]).exits(1).stdout;
    assert!(out.contains("is -123456789012345678;"), "{out}");
    for config in [
        "[run]\nend_screen = 1e308\n",
        "[remind]\nsnooze = -1e-300\n",
        "[run]\nlead_in = 1e308\n",
    ] {
        env.write("config/mobility/config.toml", config);
        let err = env.run(["due", "wall-flexion"]).exits(0).stderr;
        assert_readable(config, &err);
    }
}
