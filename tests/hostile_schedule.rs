//! The schedulers under hostile conditions: a launchd agent replaced when
//! loading the new one fails, and schedule files too big to read back.

use std::path::PathBuf;

use crate::common::TestEnv;
use crate::schedule::{fake, fake_tool, ok, path, read, run};

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
