//! Finding a program, and running one: never a hang, never unbounded
//! output, never a program other than the one found.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::*;

/// A bounded run of `name` (found on this process's `PATH`) within `time`.
fn run(
    name: &str,
    args: &[&str],
    input: Option<&[u8]>,
    time: Duration,
) -> Result<Vec<u8>, RunError> {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let bounds = Bounds {
        time,
        output: 1024 * 1024,
    };
    Program::on_path(name)
        .unwrap_or_else(|| panic!("no {name} on PATH"))
        .run_bounded(&args, input, bounds)
}

#[track_caller]
fn failed(result: Result<Vec<u8>, RunError>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(out) => panic!("not a failure: {}", String::from_utf8_lossy(&out)),
    }
}

fn executable(path: &Path) {
    std::fs::write(path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_name_is_found_in_absolute_path_entries_only_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    for d in [&first, &second] {
        std::fs::create_dir(d).unwrap();
        executable(&d.join("tool"));
    }
    // Not executable: passed over.
    std::fs::write(first.join("data"), "").unwrap();
    executable(&second.join("data"));
    let path = std::env::join_paths([
        ".",
        "rel",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
    ])
    .unwrap();
    let tool = Program::find("tool", Some(&path)).unwrap();
    assert_eq!(tool.path(), first.join("tool"));
    assert_eq!(tool.name(), "tool");
    assert_eq!(
        Program::find("data", Some(&path)).unwrap().path(),
        second.join("data")
    );
    assert_eq!(Program::find("tool", None), None, "no PATH, nothing found");
    assert_eq!(Program::find("missing", Some(&path)), None);
}

#[test]
fn a_name_with_a_slash_is_taken_as_it_is_never_searched() {
    let dir = tempfile::tempdir().unwrap();
    executable(&dir.path().join("tool"));
    let given = dir.path().join("tool");
    let found = Program::find(given.to_str().unwrap(), None).unwrap();
    assert_eq!(found.path(), given);
    let path = dir.path().as_os_str();
    assert_eq!(
        Program::find("./tool", Some(path)),
        None,
        "relative to the working directory"
    );
    assert_eq!(Program::find("sub/tool", Some(path)), None);
}

#[test]
fn a_command_keeps_its_leading_arguments_and_the_first_found_of_a_list_wins() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b", "c"] {
        executable(&dir.path().join(name));
    }
    let path = Some(dir.path().as_os_str());
    let words = vec!["c".to_owned(), "-s".to_owned(), "140".to_owned()];
    let command = Program::find_command(&words, path).unwrap();
    assert_eq!(command.path(), dir.path().join("c"));
    assert_eq!(command.args(), ["-s", "140"]);
    assert_eq!(Program::find_command(&[], path), None);
    let first = Program::find_first(&["a", "c", "b"], path).unwrap();
    assert_eq!(first.name(), "c");
}

#[test]
fn a_program_that_never_finishes_is_stopped_at_the_deadline() {
    let said = failed(run("sleep", &["600"], None, Duration::from_millis(300)));
    assert_eq!(said, "it did not finish within 300ms, and was stopped");
}

#[test]
fn a_program_that_prints_without_end_is_cut_off_with_an_error() {
    // `yes` prints forever: read whole, it would fill the memory.
    let said = failed(run("yes", &[], None, Duration::from_secs(60)));
    assert_eq!(
        said,
        "it printed more than 1 MiB, more than mobility reads from it"
    );
}

#[test]
fn output_still_open_after_the_program_exits_is_not_taken_as_all_of_it() {
    // A child left behind holds the pipe open: what was read so far may be
    // half a crontab, which must never be written back.
    let dir = tempfile::tempdir().unwrap();
    let pid = dir.path().join("pid");
    let script = format!("sleep 600 & echo $! > '{}'; echo half", pid.display());
    let said = failed(run(
        "sh",
        &["-c", &script],
        None,
        Duration::from_millis(300),
    ));
    // The child left behind holds whatever this process holds open (a
    // lock a test run is under, say): it must not outlive the test.
    let pid = std::fs::read_to_string(&pid).unwrap();
    let _ = Command::new("kill").arg(pid.trim()).status();
    assert!(said.contains("did not finish within"), "{said}");
}

#[test]
fn a_program_gets_its_input_and_its_output_is_returned() {
    let input = b"30 10 * * * x\n".repeat(10_000);
    let out = run("cat", &[], Some(&input), Duration::from_secs(60)).unwrap();
    assert_eq!(out, input);
    let said = failed(run(
        "sh",
        &["-c", "echo 'no crontab for me' >&2; exit 1"],
        None,
        Duration::from_secs(60),
    ));
    assert_eq!(said, "no crontab for me");
    let said = failed(run("sh", &["-c", "exit 3"], None, Duration::from_secs(60)));
    assert_eq!(said, "exit status: 3", "without words, the status");
}

#[test]
fn a_found_file_that_cannot_be_executed_is_said_to_be_so() {
    let dir = tempfile::tempdir().unwrap();
    // Executable, but neither a binary nor a script with a `#!` line.
    let odd = dir.path().join("odd");
    std::fs::write(&odd, [0u8, 1, 2, 3]).unwrap();
    std::fs::set_permissions(&odd, std::fs::Permissions::from_mode(0o755)).unwrap();
    let program = Program::find(odd.to_str().unwrap(), None).unwrap();
    let bounds = Bounds {
        time: Duration::from_secs(60),
        output: 1024,
    };
    let said = failed(program.run_bounded(&[], None, bounds));
    assert!(said.starts_with("cannot start it: "), "{said}");
}

#[test]
fn shell_words_are_quoted_only_when_they_need_to_be() {
    assert_eq!(shell_word("wall-flexion"), "wall-flexion");
    assert_eq!(shell_word("/usr/bin/mobility"), "/usr/bin/mobility");
    assert_eq!(shell_word("my routines"), "'my routines'");
    assert_eq!(shell_word("it's"), r"'it'\''s'");
    assert_eq!(shell_word(""), "''");
    assert_eq!(shell_word("$HOME"), "'$HOME'");
}
