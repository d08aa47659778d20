//! Symbolic links standing where mobility writes its own files: the
//! scheduler's units and plists and the man pages. mobility never writes
//! through one into a file elsewhere, and `schedule remove` deletes only
//! what mobility wrote. (The tone cache's case is a unit test in
//! `src/ui/cues/tones/tests.rs`.)

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use crate::common::TestEnv;
use crate::schedule::{add_at_930, fake_tool, ok, path, read, run};

/// Someone else's file, and what it holds.
const THEIRS: &str = "someone else's file\n";

fn victim(env: &TestEnv) -> PathBuf {
    env.write("victim", THEIRS)
}

fn units(env: &TestEnv) -> PathBuf {
    env.config_home().join("systemd/user")
}

#[test]
fn schedule_add_refuses_a_link_where_its_unit_goes_and_says_why() {
    let env = TestEnv::new();
    let log = fake_tool(&env, "systemctl");
    let victim = victim(&env);
    let service = units(&env).join("mobility-remind-wall-flexion.service");
    std::fs::create_dir_all(units(&env)).unwrap();
    symlink(&victim, &service).unwrap();
    let err = run(&env, &add_at_930("systemd"), &path(&env, false)).fails(2);
    assert!(
        err.contains("mobility-remind-wall-flexion.service` is a symbolic link"),
        "{err}"
    );
    assert!(err.contains("hint: remove the link"), "{err}");
    assert_eq!(read(&victim), THEIRS);
    assert!(std::fs::symlink_metadata(&service).unwrap().is_symlink());
    assert!(
        !units(&env)
            .join("mobility-remind-wall-flexion.timer")
            .exists()
    );
    assert_eq!(read(&log), "", "systemctl is not run");
}

#[test]
fn schedule_add_refuses_a_link_where_its_plist_goes() {
    let env = TestEnv::new();
    fake_tool(&env, "launchctl");
    let victim = victim(&env);
    let agents = env.home().join("Library/LaunchAgents");
    std::fs::create_dir_all(&agents).unwrap();
    let plist = agents.join("org.mobility.remind.wall-flexion.plist");
    symlink(&victim, &plist).unwrap();
    let err = run(&env, &add_at_930("launchd"), &path(&env, false)).fails(2);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(read(&victim), THEIRS);
}

#[test]
fn schedule_remove_deletes_only_what_mobility_wrote() {
    let env = TestEnv::new();
    let log = fake_tool(&env, "systemctl");
    let p = path(&env, false);
    ok(run(&env, &add_at_930("systemd"), &p));
    // A link put in place of the timer after mobility wrote it.
    let timer = units(&env).join("mobility-remind-wall-flexion.timer");
    let victim = env.write("victim", read(&timer));
    std::fs::remove_file(&timer).unwrap();
    symlink(&victim, &timer).unwrap();
    let err = run(&env, &["schedule", "remove", "wall-flexion"], &p).fails(2);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(err.contains("nothing was removed"), "{err}");
    assert!(std::fs::symlink_metadata(&timer).unwrap().is_symlink());
    assert!(victim.exists());
    assert!(
        units(&env)
            .join("mobility-remind-wall-flexion.service")
            .exists()
    );
    assert!(!read(&log).contains("disable"), "{}", read(&log));
}

#[test]
fn man_dir_replaces_a_link_instead_of_writing_through_it() {
    let env = TestEnv::new();
    let victim = victim(&env);
    let pages = env.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    symlink(&victim, pages.join("mobility.1")).unwrap();
    symlink(&victim, pages.join("mobility-run.1")).unwrap();
    assert_eq!(env.succeeds(["man", "--dir", "pages"]), "");
    assert_eq!(read(&victim), THEIRS);
    let main = pages.join("mobility.1");
    assert!(std::fs::symlink_metadata(&main).unwrap().is_file());
    assert_eq!(read(&main), env.succeeds(["man"]));
    assert!(read(&pages.join("mobility-run.1")).contains(".SH NAME"));
}
