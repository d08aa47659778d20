//! A program's text to a `Program` or to the problems a user is shown:
//! parsing, each stage's routine found by id or path, and the words for
//! what changes between stages.

use std::path::{Path, PathBuf};

use super::resolve::Resolver;
use super::*;
use crate::diagnostic::ParseError;

/// Paths under `dir` alone: no routines of the user's, only built-ins.
fn paths(dir: &Path) -> Paths {
    let var = |name: &str| match name {
        "XDG_CONFIG_HOME" => Some(dir.join("config").into_os_string()),
        "XDG_STATE_HOME" => Some(dir.join("state").into_os_string()),
        "XDG_CACHE_HOME" => Some(dir.join("cache").into_os_string()),
        _ => None,
    };
    Paths::resolve(var, Some(dir.join("home")), Vec::new()).unwrap()
}

/// `src` parsed as the program file `dir/p.toml`.
fn parse_in(dir: &Path, src: &str) -> std::result::Result<Program, ParseError> {
    let paths = paths(dir);
    let file = dir.join("p.toml");
    let resolver = Resolver::new(&paths, Some(&file));
    parse_str(src, "p".into(), "p.toml", &resolver)
}

/// `src` parsed as a program file, without files of its own.
fn parse(src: &str) -> std::result::Result<Program, ParseError> {
    let dir = tempfile::tempdir().unwrap();
    parse_in(dir.path(), src)
}

/// The problems shown for `src`, one per line.
#[track_caller]
fn problems(src: &str) -> String {
    parse(src).expect_err("the program is refused").to_string()
}

/// A program of one stage whose `sessions` line is `sessions`.
fn with_sessions(sessions: &str) -> String {
    format!(
        "title = \"P\"\n[[stage]]\nname = \"One\"\nroutine = \"wall-flexion\"\nsessions = {sessions}\n"
    )
}

/// A program of one stage named `name` (a TOML string as written).
fn with_name(name: &str) -> String {
    format!("title = \"P\"\n[[stage]]\nname = {name}\nroutine = \"wall-flexion\"\nsessions = 2\n")
}

#[test]
fn a_program_reads_its_stages_in_order() {
    let p = parse(
        "title = \"Own it\"\nsummary = \"Two steps\"\n\n[[stage]]\nname = \"Learn\"\nroutine = \"wall-flexion-learn\"\nsessions = 1\n\n[[stage]]\nname = \"Own\"\nroutine = \"wall-flexion\"\nsessions = 100\n",
    )
    .unwrap();
    assert_eq!((p.id.as_str(), p.title.as_str()), ("p", "Own it"));
    assert_eq!(p.summary.as_deref(), Some("Two steps"));
    let stages: Vec<_> = p
        .stages
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.written.as_str(),
                s.routine.id.as_str(),
                s.sessions,
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("Learn", "wall-flexion-learn", "wall-flexion-learn", 1),
            ("Own", "wall-flexion", "wall-flexion", 100)
        ]
    );
    assert_eq!(p.total_sessions(), 101);
    let longest = p.stages.iter().map(|s| s.routine.total()).max().unwrap();
    assert_eq!(p.longest_session(), longest);
    assert!(longest > std::time::Duration::ZERO);
}

#[test]
fn sessions_out_of_range_say_which_way_and_what_to_write() {
    let how = "write a whole number from 1 to 100, as in `sessions = 5`";
    assert_eq!(
        problems(&with_sessions("0")),
        format!("p.toml:5:12: `sessions` in stage 1 is 0, too few; {how}")
    );
    assert_eq!(
        problems(&with_sessions("-3")),
        format!("p.toml:5:12: `sessions` in stage 1 is -3, too few; {how}")
    );
    assert_eq!(
        problems(&with_sessions("101")),
        format!("p.toml:5:12: `sessions` in stage 1 is 101, too many; {how}")
    );
    assert_eq!(
        problems(&with_sessions("\"5\"")),
        format!("p.toml:5:12: `sessions` in stage 1 is the text `5`; {how}, without quotes")
    );
    assert_eq!(
        problems(&with_sessions("2.5")),
        format!("p.toml:5:12: `sessions` in stage 1 is a float; {how}")
    );
    assert_eq!(parse(&with_sessions("1")).unwrap().stages[0].sessions, 1);
}

#[test]
fn a_stage_name_is_one_line_within_its_limit() {
    let one_line = "must be one line of text, without tabs or control characters";
    for name in ["\"a\\tb\"", "\"a\\nb\"", "\"a\\u0007b\""] {
        assert_eq!(
            problems(&with_name(name)),
            format!("p.toml:3:8: `name` in stage 1 {one_line}"),
            "{name}"
        );
    }
    assert_eq!(
        problems(&with_name("\"  \"")),
        "p.toml:3:8: `name` in stage 1 is empty; write something here"
    );
    let longest = "x".repeat(MAX_STAGE_NAME_CHARS);
    let p = parse(&with_name(&format!("\"{longest}\""))).unwrap();
    assert_eq!(p.stages[0].name, longest);
    assert_eq!(
        problems(&with_name(&format!("\"{longest}y\""))),
        "p.toml:3:8: `name` in stage 1 is 41 characters long; the limit is 40"
    );
}

#[test]
fn a_missing_key_is_shown_at_its_stage_header() {
    let src = "title = \"P\"\n\n[[stage]]\nname = \"One\"\nroutine = \"wall-flexion\"\nsessions = 2\n\n  [[stage]]\nname = \"Two\"\n";
    assert_eq!(
        problems(src),
        "p.toml:8:3: stage 2 has no `sessions`; add a line like `sessions = 5`: the completed sessions before the next stage\n\
         p.toml:8:3: stage 2 has no `routine`; add a line like `routine = \"wall-flexion\"` (a routine id, or a path relative to this file)"
    );
    let src = "title = \"P\"\n[[stage]]\nroutine = \"wall-flexion\"\nsessions = 2\n";
    assert_eq!(
        problems(src),
        "p.toml:2:1: stage 1 has no `name`; add a line like `name = \"Learn the shape\"`"
    );
}

#[test]
fn a_title_with_a_problem_refuses_the_whole_program() {
    let src = "title = \"\"\n[[stage]]\nname = \"One\"\nroutine = \"wall-flexion\"\nsessions = 2\n";
    assert_eq!(
        problems(src),
        "p.toml:1:9: `title` is empty; write something here"
    );
    assert_eq!(
        problems("title = \"P\"\n"),
        "p.toml: the program has no stages; add at least one `[[stage]]` with `name`, `routine` and `sessions`"
    );
}

#[test]
fn toml_and_unknown_keys_are_told_in_our_words() {
    let err = problems("title = \"P\"\n[[step]]\nname = \"One\"\n");
    assert_eq!(
        err,
        "p.toml:2:3: a program has `[[stage]]` tables, not `[[step]]`: a file with steps is a routine; keep the two in separate files"
    );
    let err = problems("title = \"P\"\nstep = 3\n");
    assert!(
        err.contains("a program has `[[stage]]` tables, not `[[step]]`"),
        "{err}"
    );
    let err = problems("title = \"P\"\n[[stage]]\nname = \"One\"\nsesions = 2\n");
    assert!(err.starts_with("p.toml:4:1: "), "{err}");
    assert!(err.contains("in stage 1"), "{err}");
    assert!(err.contains("`sessions`"), "{err}");
    let err = problems("[[stage]]\nname = \"One\"\n");
    assert!(err.contains("missing `title`; add a line like"), "{err}");
    let err = problems("title = \"P\n");
    assert!(err.starts_with("p.toml:1:"), "{err}");
}

/// A routine of one step of `steps` holds, each `hold` long.
fn routine_text(steps: usize, hold: &str) -> String {
    let mut text = String::from("title = \"R\"\n");
    for i in 0..steps {
        text.push_str(&format!(
            "[[step]]\nname = \"S{i}\"\ncue = \"c\"\nhold = \"{hold}\"\n"
        ));
    }
    text
}

/// A program of one stage whose routine is written `routine`.
fn naming(routine: &str) -> String {
    format!("title = \"P\"\n[[stage]]\nname = \"One\"\nroutine = \"{routine}\"\nsessions = 2\n")
}

#[test]
fn a_stage_routine_by_path_is_read_beside_the_program() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.toml"), routine_text(1, "10s")).unwrap();
    let p = parse_in(dir.path(), &naming("./mine.toml")).unwrap();
    assert_eq!(p.stages[0].written, "./mine.toml");
    assert_eq!(p.stages[0].routine.title, "R");
}

#[test]
fn a_stage_routine_that_is_not_there_gets_a_suggestion() {
    assert_eq!(
        problems(&naming("wall-flexon")),
        "p.toml:4:11: stage 1: no routine named `wall-flexon`; did you mean one of `wall-flexion`, `wall-flexion-slow`?"
    );
    assert_eq!(
        problems(&naming("chair-flexon")),
        "p.toml:4:11: stage 1: no routine named `chair-flexon`; did you mean `chair-flexion`?"
    );
    let err = problems(&naming("zzzzzzzz"));
    assert!(
        err.ends_with("no routine named `zzzzzzzz`; `mobility list` shows every routine"),
        "{err}"
    );
}

#[test]
fn a_built_in_program_names_routines_by_id_only() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths(dir.path());
    let resolver = Resolver::new(&paths, None);
    let err = parse_str(
        &naming("./mine.toml"),
        "b".into(),
        "built-in `b`",
        &resolver,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "built-in `b`:4:11: stage 1: `./mine.toml` is a path; a built-in program names its routines by id"
    );
}

#[test]
fn an_invalid_stage_routine_shows_its_first_problem_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("one.toml", &routine_text(1, "0s"));
    write("three.toml", &routine_text(3, "0s"));
    write("many.toml", &routine_text(14, "0s"));
    let err = |name: &str| parse_in(dir.path(), &naming(name)).unwrap_err().to_string();
    let one = err("./one.toml");
    assert!(
        one.contains("stage 1: the routine `./one.toml` is not valid: "),
        "{one}"
    );
    assert!(!one.contains("(and"), "{one}");
    let three = err("./three.toml");
    assert!(
        three.ends_with(" (and 2 problems more; `mobility check` lists them)"),
        "{three}"
    );
    // More than are shown at once: the hidden ones are counted too.
    let many = err("./many.toml");
    assert!(
        many.ends_with(" (and 13 problems more; `mobility check` lists them)"),
        "{many}"
    );
}

#[test]
fn a_stage_routine_that_is_not_utf8_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.toml"), b"title = \"\xff\"\n").unwrap();
    let err = parse_in(dir.path(), &naming("./bad.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the routine `./bad.toml` cannot be read: "),
        "{err}"
    );
    assert!(err.contains("UTF-8"), "{err}");
}

/// A program file `name` in `dir` whose one stage is written `routine`.
fn program_file(dir: &Path, name: &str, routine: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, naming(routine)).unwrap();
    path
}

#[test]
fn a_stage_that_names_a_program_is_refused_and_a_cycle_spelled_out() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let paths = paths(&dir);
    let resolve = |file: &Path, written: &str| {
        Resolver::new(&paths, Some(file))
            .resolve(written)
            .unwrap_err()
    };
    // A program that names no way back.
    program_file(&dir, "other.toml", "wall-flexion");
    let a = program_file(&dir, "a.toml", "./other.toml");
    assert_eq!(
        resolve(&a, "./other.toml"),
        "`./other.toml` is a program; a stage runs a routine, never another program"
    );
    assert_eq!(
        resolve(&a, "./a.toml"),
        "`./a.toml` is this program itself: a cycle; a stage runs a routine"
    );
    // a names b, and b names a.
    let b = program_file(&dir, "b.toml", "./a.toml");
    let a = program_file(&dir, "a.toml", "./b.toml");
    let chain = [&a, &b, &a].map(|p| crate::text::path(p)).join(" → ");
    assert_eq!(
        resolve(&a, "./b.toml"),
        format!(
            "`./b.toml` is a program, and its stages lead back to this one ({chain}): a cycle; a stage runs a routine, never a program"
        )
    );
}

/// A routine of a step "Main" done `reps` times, its phases as
/// `(name, time)`, then a step "Other" of one phase `other` long.
fn drill(reps: u32, phases: &[(&str, &str)], other: &str) -> Routine {
    let mut text =
        format!("title = \"D\"\n[[step]]\nname = \"Main\"\ncue = \"c\"\nreps = {reps}\n");
    for (name, time) in phases {
        text.push_str(&format!(
            "[[step.phase]]\nname = \"{name}\"\ntime = \"{time}\"\n"
        ));
    }
    text.push_str(&format!(
        "[[step]]\nname = \"Other\"\ncue = \"c\"\n[[step.phase]]\nname = \"Go\"\ntime = \"{other}\"\n"
    ));
    routine::parse::parse_str(&text, "d".into(), "d.toml").unwrap()
}

#[test]
fn changes_name_the_reps_and_phase_times_that_differ() {
    let from = drill(5, &[("Round down", "5s"), ("Hold", "3s")], "4s");
    assert!(changes(&from, &from).is_empty());
    let to = drill(6, &[("Round down", "8s"), ("Hold", "3s")], "4s");
    assert_eq!(changes(&from, &to), ["6 reps", "round down 8 s"]);
    let to = drill(5, &[("Round down", "5s"), ("Hold", "2500ms")], "4s");
    assert_eq!(
        changes(&from, &to),
        [format!(
            "hold {}",
            crate::text::human(std::time::Duration::from_millis(2500))
        )]
    );
    // A phase of another name at the same place is not compared.
    let to = drill(5, &[("Roll up", "9s"), ("Hold", "3s")], "4s");
    assert!(changes(&from, &to).is_empty());
    // At most three.
    let to = drill(6, &[("Round down", "8s"), ("Hold", "4s")], "6s");
    assert_eq!(
        changes(&from, &to),
        ["6 reps", "round down 8 s", "hold 4 s"]
    );
}

#[test]
fn changes_pass_over_steps_of_another_name() {
    let from = drill(5, &[("Round down", "5s")], "4s");
    let mut to = drill(6, &[("Round down", "8s")], "6s");
    to.steps[0].name = "Warm up".into();
    assert_eq!(changes(&from, &to), ["go 6 s"]);
}

#[test]
fn a_name_loads_as_the_program_or_routine_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths(dir.path());
    let built_in = load("flexion-program", &paths).unwrap();
    assert_eq!(built_in.program.stages.len(), 4);
    assert_eq!(built_in.file, None);
    let file = program_file(dir.path(), "mine.toml", "wall-flexion");
    let mine = load(&file.to_string_lossy(), &paths).unwrap();
    assert_eq!(mine.file.as_deref(), Some(file.as_path()));
    assert_eq!(mine.program.title, "P");
    assert_eq!(mine.program.stages[0].routine.id, "wall-flexion");
    match load_any("wall-flexion", &paths).unwrap() {
        Entry::Routine(found) => assert_eq!(found.routine.id, "wall-flexion"),
        Entry::Program(found) => panic!("{} read as a program", found.program.id),
    }
    let err = load("wall-flexion", &paths).unwrap_err().to_string();
    assert!(
        err.starts_with("`wall-flexion` is a routine, not a program"),
        "{err}"
    );
    assert!(
        err.contains("`mobility run wall-flexion` runs the routine"),
        "{err}"
    );
}
