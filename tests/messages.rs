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
