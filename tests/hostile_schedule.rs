//! The schedulers under hostile conditions: a launchd agent replaced when
//! loading the new one fails, and schedule files too big to read back.

use std::path::PathBuf;

use crate::common::TestEnv;
use crate::schedule::{add_at_930, fake, fake_tool, ok, path, read, run};

fn plist(env: &TestEnv) -> PathBuf {
    env.home()
        .join("Library/LaunchAgents/org.mobility.remind.wall-flexion.plist")
}

fn add(at: &str) -> [&str; 7] {
    [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        at,
        "--backend",
        "launchd",
    ]
}

#[test]
fn a_failed_launchd_replace_loads_the_old_agent_again_and_says_so() {
    let env = TestEnv::new();
    let dir = env.path().display().to_string();
    // A launchctl that loads any plist but one set for 18:00.
    fake(
        &env,
        "launchctl",
        &format!(
            "echo \"$*\" >> '{dir}/launchctl.log'\n\
             if [ \"$1\" = load ] && grep -q '<integer>18</integer>' \"$3\"; then echo 'Load failed: 5: Input/output error' >&2; exit 1; fi\n"
        ),
    );
    let p = path(&env, false);
    ok(run(&env, &add("9:30"), &p));
    let before = read(&plist(&env));
    let err = run(&env, &add("18:00"), &p).fails(2);
    assert!(err.contains("Load failed: 5: Input/output error"), "{err}");
    assert!(
        err.contains("the reminder installed before is back and loaded again"),
        "{err}"
    );
    assert_eq!(read(&plist(&env)), before);
    let shown = plist(&env).display().to_string();
    assert_eq!(
        read(&env.path().join("launchctl.log")),
        format!("load -w {shown}\nunload {shown}\nload -w {shown}\nload -w {shown}\n")
    );
}

#[test]
fn when_the_old_agent_cannot_be_loaded_again_the_message_says_it_is_off() {
    let env = TestEnv::new();
    fake_tool(&env, "launchctl");
    let p = path(&env, false);
    ok(run(&env, &add("9:30"), &p));
    env.write("launchctl-fail-load", "");
    let err = run(&env, &add("18:00"), &p).fails(2);
    assert!(
        err.contains("the reminder installed before is back in `"),
        "{err}"
    );
    assert!(err.contains("but not loaded, so it will not fire"), "{err}");
    assert!(err.contains("hint: run `launchctl load -w "), "{err}");
}

/// `--at` for every `step` minutes from `from` to `to` hours (`to` not
/// included).
fn every(step: usize, from: usize, to: usize) -> String {
    (from * 60..to * 60)
        .step_by(step)
        .map(|m| format!("{}:{:02}", m / 60, m % 60))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn a_big_but_real_launchd_schedule_is_listed_and_replaced() {
    let env = TestEnv::new();
    fake_tool(&env, "launchctl");
    let p = path(&env, false);
    let at = every(5, 8, 18);
    let add = [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        &at,
        "--days",
        "weekdays",
        "--backend",
        "launchd",
    ];
    ok(run(&env, &add, &p));
    assert!(read(&plist(&env)).len() > 64 * 1024);
    let list = ok(run(&env, &["schedule", "list", "--backend", "launchd"], &p));
    assert!(
        list.starts_with("wall-flexion at 08:00,08:05,"),
        "{}",
        &list[..list.len().min(200)]
    );
    ok(run(&env, &add, &p));
}

#[test]
fn a_schedule_file_too_big_to_read_back_is_never_written_and_the_limit_is_said() {
    let env = TestEnv::new();
    let log = fake_tool(&env, "launchctl");
    let p = path(&env, false);
    let at = every(1, 0, 24);
    let add = [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        &at,
        "--days",
        "weekdays",
        "--backend",
        "launchd",
    ];
    let err = run(&env, &add, &p).fails(2);
    assert!(err.contains("more than 1024 KiB"), "{err}");
    assert!(err.contains("the limit for a schedule file"), "{err}");
    assert!(err.lines().all(|l| l.len() < 300), "{err}");
    assert!(!plist(&env).exists());
    assert_eq!(read(&log), "");
}

#[test]
fn a_schedule_file_grown_past_the_limit_is_refused_naming_the_limit() {
    let env = TestEnv::new();
    fake_tool(&env, "launchctl");
    let p = path(&env, false);
    let big = format!("<!-- {} -->\n", "x".repeat(1024 * 1024));
    env.write(
        "home/Library/LaunchAgents/org.mobility.remind.wall-flexion.plist",
        big,
    );
    let err = run(&env, &["schedule", "list", "--backend", "launchd"], &p).fails(2);
    assert!(
        err.contains("larger than 1024 KiB, the limit for a schedule file"),
        "{err}"
    );
}

#[test]
fn a_reminder_names_the_mobility_on_path_when_it_is_this_very_binary() {
    let env = TestEnv::new();
    fake_tool(&env, "systemctl");
    let real = std::fs::canonicalize(env!("CARGO_BIN_EXE_mobility")).unwrap();
    // A versioned install behind a link, as Homebrew, nix or a
    // `~/.local/bin` link make one.
    let bin = env.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(&real, bin.join("mobility")).unwrap();
    let mut p = path(&env, false);
    p.push(":");
    p.push(&bin);
    ok(run(&env, &add_at_930("systemd"), &p));
    let service = env
        .config_home()
        .join("systemd/user/mobility-remind-wall-flexion.service");
    assert!(
        read(&service).contains(&format!(
            "\nExecStart=\"{}\" \"remind\"",
            bin.join("mobility").display()
        )),
        "{}",
        read(&service)
    );
    // A `mobility` on PATH that is another program is not named.
    let other = env.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::copy(&real, other.join("mobility")).unwrap();
    let mut p = path(&env, false);
    p.push(":");
    p.push(&other);
    ok(run(&env, &add_at_930("systemd"), &p));
    assert!(
        read(&service).contains(&format!("\nExecStart=\"{}\" \"remind\"", real.display())),
        "{}",
        read(&service)
    );
}
