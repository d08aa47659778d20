//! Entries in the routines directory that can't be read as routines: a
//! symlink loop, a dangling link, a directory, a FIFO. `list` names each
//! with its reason, `run ID` says what is wrong with the file, and nothing
//! blocks on a FIFO.

use std::os::unix::fs::symlink;

use crate::common::TestEnv;

/// Makes a FIFO, or says why the test can't.
fn mkfifo(path: &std::path::Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("skipped: mkfifo is not available here");
            false
        }
    }
}

#[test]
fn list_names_every_unusable_entry_with_its_reason() {
    let env = TestEnv::new();
    let dir = env.user_routines();
    std::fs::create_dir_all(dir.join("folder.toml")).unwrap();
    symlink("loop-b.toml", dir.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", dir.join("loop-b.toml")).unwrap();
    symlink("nowhere.toml", dir.join("dangling.toml")).unwrap();
    let fifo = mkfifo(&dir.join("pipe.toml"));
    let run = env.run(["list"]).exits(0);
    let err = &run.stderr;
    assert!(err.contains("folder.toml: is a directory"), "{err}");
    assert!(
        err.contains("loop-a.toml: is a symbolic link that can't be followed"),
        "{err}"
    );
    assert!(
        err.contains("loop-b.toml: is a symbolic link that can't be followed"),
        "{err}"
    );
    assert!(
        err.contains("dangling.toml: is a symbolic link to `nowhere.toml`, which does not exist"),
        "{err}"
    );
    if fifo {
        assert!(err.contains("pipe.toml: is a FIFO"), "{err}");
    }
}

#[test]
fn run_names_the_file_and_its_problem_instead_of_suggesting_itself() {
    let env = TestEnv::new();
    let dir = env.user_routines();
    std::fs::create_dir_all(dir.join("folder.toml")).unwrap();
    symlink("loop-b.toml", dir.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", dir.join("loop-b.toml")).unwrap();
    symlink("nowhere.toml", dir.join("dangling.toml")).unwrap();
    let mut ids = vec!["folder", "loop-a", "dangling"];
    if mkfifo(&dir.join("pipe.toml")) {
        ids.push("pipe");
    }
    for id in ids {
        let err = env.fails(["run", id, "--plain"], 2);
        assert!(err.contains(&format!("{id}.toml: is ")), "{id}: {err}");
        assert!(!err.contains("no routine named"), "{id}: {err}");
    }
}

#[test]
fn check_on_a_directory_with_a_fifo_does_not_hang() {
    let env = TestEnv::new();
    let dir = env.path().join("r");
    std::fs::create_dir_all(&dir).unwrap();
    if !mkfifo(&dir.join("x.toml")) {
        return;
    }
    let run = env.run(["check", "r"]).exits(1);
    assert!(
        run.stdout.contains("x.toml: is a FIFO (a named pipe)"),
        "{}",
        run.stdout
    );
}
