//! Hostile routine, history and config files. Each must give a short, clear
//! error naming the file (and the line, where there is one): never a panic,
//! a hang, or a raw control character on the terminal.

use crate::common::{Run, TestEnv};

/// The most a single bad file may print.
const MAX_OUTPUT: usize = 2048;

#[track_caller]
fn assert_tame(what: &str, run: &Run) {
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.len() < MAX_OUTPUT,
        "{what}: {} bytes of output:\n{all}",
        all.len()
    );
    assert!(!all.contains("panicked"), "{what}: {all}");
    assert!(
        !all.chars().any(|c| c.is_control() && c != '\n'),
        "{what}: a control character reached the output: {all:?}"
    );
    assert!(
        matches!(run.code(), Some(1 | 2)),
        "{what}: exit 1 or 2 wanted:\n{run}"
    );
}

/// Hostile routine files: name and contents.
fn hostile_routines() -> Vec<(&'static str, Vec<u8>)> {
    let step = "[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\n";
    let mut every_control =
        String::from("title = \"t\"\n[[step]]\nname = \"a\"\nhold = \"1s\"\ncue = \"");
    for c in (0u32..0x20).chain(0x7f..0xa0) {
        if c != u32::from(b'\n') && c != u32::from(b'\t') {
            every_control.push_str(&format!("\\u{c:04X}"));
        }
    }
    every_control.push_str("\"\n");
    let mut literal_controls = b"title = \"".to_vec();
    literal_controls.extend((1u8..0x20).filter(|b| *b != b'\n'));
    literal_controls.extend_from_slice(b"\x1b[2J\x1b]0;pwned\x07\"\n");
    vec![
        ("huge", vec![b'#'; 10 * 1024 * 1024]),
        ("deep-arrays", format!("title = {}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
        ("deep-tables", format!("title = {}1{}", "{a=".repeat(50_000), "}".repeat(50_000)).into_bytes()),
        ("dotted-keys", format!("a{} = 1\n", ".b".repeat(60_000)).into_bytes()),
        ("long-line", format!("title = \"{}\"\n{step}", "x".repeat(100_000)).into_bytes()),
        ("long-key", format!("{} = 1\n{step}", "k".repeat(100_000)).into_bytes()),
        ("nul", b"title = \"a\0b\"\n".to_vec()),
        ("nul-bare", b"\0\0\0\0".to_vec()),
        ("invalid-utf8", b"title = \"\xff\xfe\xc0\"\n".to_vec()),
        ("every-control-escaped", every_control.into_bytes()),
        ("literal-controls", literal_controls),
        ("bidi", "title = \"abc\u{202e}def\"\n".to_string().into_bytes()),
        ("overlong-duration", format!("title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"{}s\"\n", "9".repeat(40)).into_bytes()),
        ("huge-duration", "title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"100000000000y\"\n".to_string().into_bytes()),
        ("overflowing-reps", format!("title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\nreps = {}\n", "9".repeat(30)).into_bytes()),
        ("negative-reps", "title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\nreps = -9223372036854775808\n".to_string().into_bytes()),
        ("float-reps", "title = \"t\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\nreps = inf\n".to_string().into_bytes()),
        ("many-steps", format!("title = \"t\"\n{}", step.repeat(5_000)).into_bytes()),
        ("many-errors", format!("title = \"\"\n{}", "[[step]]\nname = \"\"\ncue = \"\"\nhold = \"0s\"\nreps = 0\n".repeat(1_000)).into_bytes()),
        ("empty", Vec::new()),
        ("binary", (0..=255u8).cycle().take(4096).collect()),
    ]
}

#[test]
fn hostile_routine_files_give_short_clean_errors() {
    let env = TestEnv::new();
    for (name, contents) in hostile_routines() {
        let path = env.write(format!("hostile/{name}.toml"), &contents);
        let path = path.to_str().unwrap();
        let run = env.run(["check", path]);
        assert_tame(name, &run);
        let out = run.exits(1).stdout;
        assert!(
            out.contains(&format!("{name}.toml")),
            "{name} is named: {out}"
        );

        let run = env.run(["show", path]);
        assert_tame(name, &run);
        run.fails(2);
        let run = env.run(["run", "--plain", path]);
        assert_tame(name, &run);
        run.fails(2);
    }
}

#[test]
fn a_syntax_error_names_the_line_and_column() {
    let env = TestEnv::new();
    let path = env.write("broken.toml", "title = \"t\"\n\n[[step]\nname = \"a\"\n");
    let out = env.run(["check", path.to_str().unwrap()]).exits(1).stdout;
    assert!(
        out.starts_with("broken.toml:3:") || out.contains("/broken.toml:3:"),
        "{out}"
    );
}

#[test]
fn a_directory_of_hostile_files_is_listed_without_losing_the_built_ins() {
    let env = TestEnv::new();
    for (name, contents) in hostile_routines().into_iter().take(8) {
        env.write(format!("config/mobility/routines/{name}.toml"), &contents);
    }
    let run = env.run(["list"]).exits(0);
    let (out, err) = (run.stdout, run.stderr);
    assert!(out.contains("wall-flexion"), "{out}");
    assert!(
        !err.contains('\u{1b}') && !err.contains("panicked"),
        "{err}"
    );
    assert!(err.len() < 8 * MAX_OUTPUT, "{} bytes", err.len());
}

/// Hostile history files: each still lets `history` run and warns briefly.
fn hostile_histories() -> Vec<(&'static str, Vec<u8>)> {
    let good = br#"{"routine":"wall-flexion","title":"Wall","started_at":"2026-01-10T08:00:00+00:00","ended_at":"2026-01-10T08:02:00+00:00","active_seconds":112,"completed":true,"steps_done":3,"steps_total":3}"#;
    let with = |bad: &[u8]| -> Vec<u8> {
        [good.as_slice(), b"\n", bad, b"\n", good.as_slice(), b"\n"].concat()
    };
    vec![
        ("nul", with(b"\0\0\0")),
        ("invalid-utf8", with(b"{\"routine\":\"\xff\xfe\"}")),
        ("escape", with(b"\x1b[2J\x1b]0;pwned\x07")),
        ("json-escape", with(br#"{"routine":"\u001b[2J","title":"x"}"#)),
        ("long-line", with(&vec![b'x'; 100_000])),
        ("huge-line", with(&vec![b'{'; 3 * 1024 * 1024])),
        ("deep", with(&[vec![b'['; 100_000], vec![b']'; 100_000]].concat())),
        ("overflow", with(br#"{"routine":"w","title":"W","started_at":"2026-01-10T08:00:00+00:00","ended_at":"2026-01-10T08:02:00+00:00","active_seconds":1e999,"completed":true,"steps_done":99999999999999999999,"steps_total":3}"#)),
        ("bad-date", with(br#"{"routine":"w","title":"W","started_at":"99999-01-10T08:00:00+00:00","ended_at":"x","active_seconds":1,"completed":true,"steps_done":1,"steps_total":3}"#)),
    ]
}

#[test]
fn hostile_history_files_are_reported_by_line_and_the_good_records_kept() {
    for (name, contents) in hostile_histories() {
        let env = TestEnv::new();
        env.write("state/mobility/history.jsonl", &contents);
        let run = env.run(["history"]).exits(0);
        let (out, err) = (run.stdout, run.stderr);
        let all = format!("{out}{err}");
        assert!(
            all.len() < MAX_OUTPUT,
            "{name}: {} bytes:\n{all}",
            all.len()
        );
        assert!(
            !all.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: {all:?}"
        );
        assert!(
            err.contains("history.jsonl") && err.contains("line 2"),
            "{name}: {err}"
        );
        assert_eq!(out.matches("wall-flexion").count(), 2, "{name}: {out}");
        // `due` still works, and warns about the same line.
        let run = env.run(["due", "wall-flexion"]).exits(0);
        assert!(run.stderr.contains("line 2"), "{name}: {run}");
    }
}

#[test]
fn hostile_config_files_give_short_clean_errors() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("huge", vec![b'#'; 10 * 1024 * 1024]),
        (
            "deep",
            format!(
                "[run]\nquiet = {}{}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes(),
        ),
        ("nul", b"[run]\nquiet = \0\n".to_vec()),
        (
            "invalid-utf8",
            b"[run]\nvoice_command = \"\xff\"\n".to_vec(),
        ),
        ("escape-key", b"[run]\n\"\x1b[2J\" = 1\n".to_vec()),
        (
            "long-line",
            format!("[run]\nvoice_command = \"{}\n", "x".repeat(100_000)).into_bytes(),
        ),
        (
            "overflow",
            b"[remind]\nwithin = \"99999999999999999999999999y\"\n".to_vec(),
        ),
        ("wrong-type", b"[run]\nlead_in = 5\n".to_vec()),
    ];
    for (name, contents) in cases {
        let env = TestEnv::new();
        env.write("config/mobility/config.toml", &contents);
        let run = env.run(["config", "check"]);
        assert_tame(name, &run);
        let out = run.exits(1).stdout;
        assert!(out.contains("config.toml"), "{name}: {out}");
        // For `due`, a one-line warning, and it goes on.
        let err = env.run(["due", "wall-flexion"]).exits(0).stderr;
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            !err.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: {err:?}"
        );
    }
}

#[test]
fn a_record_with_absurd_active_seconds_is_listed_without_a_panic() {
    let env = TestEnv::new();
    env.write(
        "state/mobility/history.jsonl",
        concat!(
            r#"{"routine":"w","title":"W","started_at":"2026-01-10T08:00:00+00:00","ended_at":"2026-01-10T08:02:00+00:00","active_seconds":1e300,"completed":true,"steps_done":1,"steps_total":3}"#,
            "\n"
        ),
    );
    let out = env.succeeds(["history"]);
    assert!(out.contains("2026-01-10 08:00  w"), "{out}");
}

#[test]
fn ten_thousand_garbage_history_lines_give_five_warnings_and_a_count() {
    let env = TestEnv::new();
    let garbage: String = (0..10_000).map(|i| format!("not json {i}\n")).collect();
    env.write(env.history_file(), garbage);
    let run = env.run(["history"]).exits(0);
    assert!(
        run.stderr.len() < 2_000,
        "{} bytes:\n{}",
        run.stderr.len(),
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 6, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("… and 9995 more lines could not be read"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_routine_id_of_seventy_thousand_characters_in_the_history_is_cut_not_a_panic() {
    let env = TestEnv::new();
    let id = "x".repeat(70_000);
    let line = format!(
        "{{\"routine\":\"{id}\",\"title\":\"T\",\"started_at\":\"2026-11-25T10:00:00+00:00\",\
         \"ended_at\":\"2026-11-25T10:02:00+00:00\",\"active_seconds\":1e300,\"completed\":true,\
         \"steps_done\":1,\"steps_total\":1}}\n"
    );
    env.write(env.history_file(), line);
    let out = env.succeeds(["history"]);
    assert!(out.len() < 1_000, "{} bytes", out.len());
    assert!(out.contains("xxx…"), "{out}");
}
