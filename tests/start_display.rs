//! `schedule add` says at install time when the Start button's terminal
//! will have no display. cron gives its jobs no `DISPLAY` or
//! `WAYLAND_DISPLAY`, so one must come from the crontab or from the systemd
//! user manager (where `remind` looks for it); a systemd timer has only the
//! manager's. The line to add is offered with this session's value.
//! Against a stand-in `crontab` and `systemctl` and, for the manager, a
//! private session bus.

use std::ffi::OsString;

use crate::common::{Run, TestEnv};
use crate::schedule::{add_at_930, fake_crontab, path, run_with_env};

/// The warning's first words.
const NO_DISPLAY: &str = "warning: no display for the Start button";

/// `schedule add … --backend cron` with a cron daemon and a terminal
/// found, and `vars` set besides.
#[track_caller]
fn add(env: &TestEnv, vars: &[(&str, &str)]) -> Run {
    let vars: Vec<(OsString, OsString)> = vars.iter().map(|(k, v)| (k.into(), v.into())).collect();
    run_with_env(env, &add_at_930("cron"), &path(env, false), &vars).exits(0)
}

#[test]
fn schedule_add_for_cron_offers_this_session_s_display_line() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = add(&env, &[("DISPLAY", ":5")]);
    assert!(run.stdout.starts_with("installed wall-flexion"), "{run}");
    assert_eq!(run.stderr.matches(NO_DISPLAY).count(), 1, "{run}");
    assert!(
        run.stderr.contains(
            "(neither your crontab nor the systemd user manager sets `DISPLAY` or `WAYLAND_DISPLAY`), so the terminal Start opens will fail\n  hint: put `DISPLAY=:5` on a line of its own at the top of your crontab (`crontab -e`)\n"
        ),
        "{run}"
    );
}

#[test]
fn a_display_line_in_the_crontab_is_enough_and_a_commented_one_is_not() {
    let env = TestEnv::new();
    let table = fake_crontab(&env);
    std::fs::write(&table, "# DISPLAY=:5\nMAILTO=me\n").unwrap();
    let run = add(&env, &[("DISPLAY", ":5")]);
    assert!(run.stderr.contains(NO_DISPLAY), "{run}");
    for line in ["DISPLAY=:5", "  WAYLAND_DISPLAY = \"wayland-1\""] {
        std::fs::write(&table, format!("MAILTO=me\n{line}\n")).unwrap();
        let run = add(&env, &[("DISPLAY", ":5")]);
        assert!(!run.stderr.contains(NO_DISPLAY), "{line}: {run}");
    }
}

#[test]
fn on_wayland_alone_the_lines_are_wayland_s() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = add(
        &env,
        &[
            ("WAYLAND_DISPLAY", "wayland-1"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ],
    );
    assert!(
        run.stderr.contains(
            "hint: put `WAYLAND_DISPLAY=wayland-1` and `XDG_RUNTIME_DIR=/run/user/1000` on lines of their own at the top of your crontab (`crontab -e`)\n"
        ),
        "{run}"
    );
}

#[test]
fn without_a_display_here_the_line_is_an_example() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = add(&env, &[]);
    assert!(
        run.stderr.contains(
            "hint: put your desktop's display, such as `DISPLAY=:0` (`echo $DISPLAY` in a terminal there says which), on a line of its own at the top of your crontab (`crontab -e`)\n"
        ),
        "{run}"
    );
}

#[test]
fn a_display_value_is_shown_escaped() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = add(&env, &[("DISPLAY", ":0\x1b[2J")]);
    assert!(run.stderr.contains(NO_DISPLAY), "{run}");
    assert!(!run.stderr.contains('\x1b'), "{run}");
}

#[test]
fn no_display_warning_without_a_start_button() {
    let env = TestEnv::new();
    fake_crontab(&env);
    // No terminal: that warning alone.
    let run = run_with_env(
        &env,
        &add_at_930("cron"),
        &path(&env, false),
        &[("TERMINAL".into(), "no-such-terminal".into())],
    )
    .exits(0);
    assert!(run.stderr.contains("no Start button"), "{run}");
    assert!(!run.stderr.contains(NO_DISPLAY), "{run}");
}

#[test]
fn for_systemd_the_manager_must_have_the_display() {
    let env = TestEnv::new();
    crate::schedule::fake_tool(&env, "systemctl");
    let p = path(&env, false);
    // No manager's environment to read: it is told the display.
    let run = run_with_env(
        &env,
        &add_at_930("systemd"),
        &p,
        &[("DISPLAY".into(), ":5".into())],
    )
    .exits(0);
    assert_eq!(run.stderr.matches(NO_DISPLAY).count(), 1, "{run}");
    assert!(
        run.stderr.contains(
            "(the systemd user manager's environment has no `DISPLAY` or `WAYLAND_DISPLAY`), so the terminal Start opens will fail\n  hint: have your session tell it: `systemctl --user import-environment DISPLAY` in `~/.xinitrc` or your window manager's startup\n"
        ),
        "{run}"
    );
    let Some((_bus, server)) = crate::notifications::desktop(&env, &["actions"]) else {
        return;
    };
    server.be_systemd(&["DISPLAY=:5"]);
    let run = run_with_env(
        &env,
        &add_at_930("systemd"),
        &p,
        &[("DISPLAY".into(), ":5".into())],
    )
    .exits(0);
    assert!(!run.stderr.contains(NO_DISPLAY), "{run}");
}

#[test]
fn the_systemd_user_manager_s_display_is_enough() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let Some((_bus, server)) = crate::notifications::desktop(&env, &["actions"]) else {
        return;
    };
    server.be_systemd(&["DISPLAY=:3", "LANG=C.UTF-8"]);
    let run = add(&env, &[("DISPLAY", ":5")]);
    assert!(!run.stderr.contains(NO_DISPLAY), "{run}");
    server.be_systemd(&["LANG=C.UTF-8"]);
    let run = add(&env, &[("DISPLAY", ":5")]);
    assert!(run.stderr.contains(NO_DISPLAY), "{run}");
}
