//! `remind` against a real session bus and a notification server of our
//! own (see `bus.rs`): the buttons, Start, Snooze, a server without
//! buttons, and cron's bare environment.
//!
//! The bus listens at `$XDG_RUNTIME_DIR/bus`, with `XDG_RUNTIME_DIR` the
//! test's own directory and `DBUS_SESSION_BUS_ADDRESS` unset, so `remind`
//! finds it the way it does from cron, where zbus falls back to that path.

use std::path::PathBuf;
use std::process::Child;

use crate::bus::{Bus, Server, finish};
use crate::common::{SHORT, TestEnv};

const WALL: &str = "Time for Wall thoracic flexion — 2 min";

/// A bus in the test's runtime directory, with a server offering
/// `capabilities`; `None` (said on stderr) without `dbus-daemon`.
pub fn desktop(env: &TestEnv, capabilities: &[&str]) -> Option<(Bus, Server)> {
    use std::os::unix::fs::PermissionsExt;
    let runtime = env.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let bus = Bus::start(&runtime.join("bus"))?;
    let server = Server::start(&bus.address, capabilities);
    Some((bus, server))
}

/// `mobility ARGS...` started, not waited for.
fn start(env: &TestEnv, args: &[&str]) -> Child {
    env.command(args).spawn().expect("mobility starts")
}

/// A terminal that writes its arguments, then its environment, one per
/// line, into `terminal.log` (through a temporary file, so that the log
/// appears whole).
fn recording_terminal(env: &TestEnv) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let log = env.path().join("terminal.log");
    let script = env.write(
        "bin/record-terminal",
        format!(
            "#!/bin/sh\n{{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done; echo '== environment'; env; }} > '{0}.tmp'\nmv '{0}.tmp' '{0}'\n",
            log.display()
        ),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, log)
}

#[track_caller]
pub fn wait_for_file(path: &std::path::Path) -> String {
    let deadline = std::time::Instant::now() + crate::bus::PATIENCE;
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "no {}",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::read_to_string(path).unwrap()
}

#[track_caller]
pub fn quiet_success(out: &std::process::Output) {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert_eq!(
        stdout, "",
        "a shown reminder prints nothing for cron to mail"
    );
    assert_eq!(stderr, "");
}

#[test]
fn remind_sends_one_notification_with_start_and_snooze_and_prints_nothing() {
    let env = TestEnv::new();
    let (terminal, _) = recording_terminal(&env);
    env.write(
        "config/mobility/config.toml",
        format!("[remind]\nterminal = ['{}']\n", terminal.display()),
    );
    let Some((_bus, server)) = desktop(&env, &["body", "actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "wall-flexion"]);
    let sent = server.wait_for(1);
    let n = &sent[0];
    assert_eq!(n.app_name, "mobility");
    assert_eq!(n.summary, WALL);
    assert_eq!(n.body, "Run: mobility run wall-flexion");
    assert_eq!(n.actions, ["start", "Start", "snooze", "Snooze"]);
    assert_eq!(n.replaces_id, 0);
    assert_eq!(n.timeout, -1, "the desktop's own timeout");
    assert!(
        n.hints.is_empty(),
        "the desktop's own urgency and sound: {n:?}"
    );
    server.dismiss(n.id);
    quiet_success(&finish(child));
    assert_eq!(server.received().len(), 1);
}

#[test]
fn start_opens_the_configured_terminal_running_the_routine_with_the_same_paths() {
    let env = TestEnv::new();
    let (terminal, log) = recording_terminal(&env);
    env.write(
        "config/mobility/config.toml",
        format!(
            "[remind]\nterminal = \"'{}' --title 'Time to move'\"\n",
            terminal.display()
        ),
    );
    // A directory named relative to where remind runs, starting with `-`.
    let extra = env.path().join("-extra routines");
    env.write(extra.join("quick.toml"), SHORT);
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["--routines-dir=-extra routines", "remind", "quick"]);
    let n = server.wait_for(1).remove(0);
    assert_eq!(n.summary, "Time for Quick — 2 s");
    server.press(n.id, "start");
    quiet_success(&finish(child));
    assert_eq!(
        server.closed(),
        [n.id],
        "the answered notification is closed"
    );

    let recorded = wait_for_file(&log);
    let (argv, environment) = recorded.split_once("== environment\n").unwrap();
    let argv: Vec<&str> = argv.lines().collect();
    let mobility = std::fs::canonicalize(env!("CARGO_BIN_EXE_mobility")).unwrap();
    assert_eq!(
        argv,
        [
            "--title",
            "Time to move",
            mobility.to_str().unwrap(),
            &format!("--routines-dir={}", extra.display()),
            "run",
            "--",
            "quick"
        ]
    );
    for (var, value) in [
        ("XDG_CONFIG_HOME", env.config_home()),
        ("XDG_STATE_HOME", env.state_home()),
        ("HOME", env.home()),
    ] {
        let line = format!("{var}={}", value.display());
        assert!(
            environment.lines().any(|l| l == line),
            "{line} missing from\n{environment}"
        );
    }
    // And the command it was given runs that routine.
    let run = env.run(&argv[3..]);
    assert_eq!(run.code(), Some(0), "{run}");
    assert!(env.history_file().exists());
}

#[test]
fn snooze_reminds_again_after_the_snooze() {
    let env = TestEnv::new();
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "--snooze", "1s", "wall-flexion"]);
    let first = server.wait_for(1).remove(0);
    server.press(first.id, "snooze");
    let sent = server.wait_for(2);
    // The answered one was taken off the screen, not left with buttons
    // that no longer do anything.
    assert_eq!(server.closed(), [first.id]);
    let again = &sent[1];
    assert_eq!(again.summary, WALL);
    assert!(again.actions.iter().any(|a| a == "snooze"), "{again:?}");
    assert_ne!(again.id, first.id);
    server.dismiss(again.id);
    quiet_success(&finish(child));
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_routine_done_during_the_snooze_is_not_reminded_again() {
    let env = TestEnv::new();
    env.user_routine("quick", SHORT);
    env.write("config/mobility/config.toml", "[remind]\nsnooze = \"1s\"\n");
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "quick"]);
    let first = server.wait_for(1).remove(0);
    env.succeeds(["run", "quick"]);
    server.press(first.id, "snooze");
    quiet_success(&finish(child));
    assert_eq!(server.received().len(), 1, "{:?}", server.received());
}

#[test]
fn without_the_actions_capability_no_buttons_are_sent() {
    let env = TestEnv::new();
    env.user_routine(
        "hips",
        &crate::common::routine("Hips <b>&</b> back", "1s", 1),
    );
    let Some((_bus, server)) = desktop(&env, &["body", "body-markup"]) else {
        return;
    };
    // Nothing to wait for: remind exits on its own.
    quiet_success(&finish(start(&env, &["remind", "hips"])));
    let sent = server.received();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].actions.is_empty(), "{:?}", sent[0]);
    assert_eq!(
        sent[0].summary,
        "Time for Hips &lt;b&gt;&amp;&lt;/b&gt; back — 1 s"
    );
}

#[test]
fn from_cron_bare_environment_remind_finds_the_bus_and_start_reaches_the_desktop() {
    let env = TestEnv::new();
    let (terminal, log) = recording_terminal(&env);
    // No XDG_CONFIG_HOME from cron: the config is found under HOME.
    env.write(
        "home/.config/mobility/config.toml",
        format!("[remind]\nterminal = ['{}']\n", terminal.display()),
    );
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    server.be_systemd(&[
        "DISPLAY=:42",
        "WAYLAND_DISPLAY=wayland-7",
        "LANG=en_GB.UTF-8",
        "PATH=/nope",
        "HOME=/nope",
    ]);
    // What cron gives a job (HOME, LOGNAME, PATH, SHELL), plus the
    // runtime directory. Without it zbus would look at /run/user/UID/bus,
    // which may be the real desktop's bus: a test must not notify there.
    let runtime = env.path().join("runtime");
    let mut command = env.command(["remind", "--always", "wall-flexion"]);
    command.env_clear().envs([
        ("HOME", env.home().into_os_string()),
        ("LOGNAME", "mobility-test".into()),
        ("PATH", "/usr/bin:/bin".into()),
        ("SHELL", "/bin/sh".into()),
        ("XDG_RUNTIME_DIR", runtime.clone().into_os_string()),
    ]);
    let child = command.spawn().unwrap();
    let n = server.wait_for(1).remove(0);
    assert_eq!(n.summary, WALL);
    assert_eq!(n.actions, ["start", "Start", "snooze", "Snooze"]);
    server.press(n.id, "start");
    quiet_success(&finish(child));
    assert_eq!(
        server.closed(),
        [n.id],
        "the answered notification is closed"
    );

    let recorded = wait_for_file(&log);
    let (argv, environment) = recorded.split_once("== environment\n").unwrap();
    assert_eq!(
        argv.lines().skip(1).collect::<Vec<_>>(),
        ["run", "--", "wall-flexion"]
    );
    let vars: Vec<&str> = environment.lines().collect();
    // The desktop's display and locale (without it the drill's digits
    // and figure would be boxes), from the user manager; cron's own PATH
    // and HOME kept.
    for var in [
        "DISPLAY=:42",
        "WAYLAND_DISPLAY=wayland-7",
        "LANG=en_GB.UTF-8",
        "PATH=/usr/bin:/bin",
        &format!("HOME={}", env.home().display()),
        &format!("XDG_RUNTIME_DIR={}", runtime.display()),
    ] {
        assert!(vars.contains(&var), "{var} missing from\n{environment}");
    }
}

#[test]
fn a_terminal_that_fails_at_once_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let broken = env.write("bin/broken-terminal", "#!/bin/sh\nexit 3\n");
    std::fs::set_permissions(&broken, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write(
        "config/mobility/config.toml",
        format!("[remind]\nterminal = ['{}', '-e']\n", broken.display()),
    );
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let failure = |display: Option<&str>| {
        let mut command = env.command(["remind", "wall-flexion"]);
        if let Some(display) = display {
            command.env("DISPLAY", display);
        }
        let child = command.spawn().unwrap();
        let n = server.wait_for(server.received().len() + 1).pop().unwrap();
        server.press(n.id, "start");
        let out = finish(child);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(out.stdout.is_empty());
        stderr
    };
    let prefix = format!(
        "error: the terminal `{}` failed at once (exit status: 3); ",
        broken.display()
    );
    // From cron, without a display: the likely reason.
    let stderr = failure(None);
    assert!(
        stderr.starts_with(&format!(
            "{prefix}there is no DISPLAY or WAYLAND_DISPLAY here; put `DISPLAY=:0`"
        )),
        "{stderr}"
    );
    let stderr = failure(Some(":0"));
    assert!(
        stderr.starts_with(&format!(
            "{prefix}set `terminal` under [remind] in the config to one that works from here"
        )),
        "{stderr}"
    );
}

#[test]
fn a_snooze_out_of_range_is_refused_before_anything_is_sent() {
    let env = TestEnv::new();
    // Each says which way it is wrong.
    for (value, why) in [
        ("0s", "is shorter than the 1s minimum"),
        ("13h", "is longer than the 12h limit"),
    ] {
        let err = env.fails(["remind", "--snooze", value, "wall-flexion"], 2);
        assert!(
            err.starts_with(&format!("error: --snooze {value} {why}; give a duration")),
            "{err}"
        );
    }
}

#[test]
fn with_a_config_that_run_would_refuse_there_is_no_start_button() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    // A terminal to be found, so that only the config can take Start away.
    let (terminal, _log) = recording_terminal(&env);
    let found = env.quiet_bin().join("xdg-terminal-exec");
    std::fs::copy(&terminal, &found).unwrap();
    std::fs::set_permissions(&found, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write("config/mobility/config.toml", "[run]\nvioce = true\n");
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "--always", "wall-flexion"]);
    let n = server.wait_for(1).remove(0);
    // Start would open a terminal whose `mobility run` stops at once on
    // the same mistake, too fast to read: only Snooze, and the way out.
    assert_eq!(n.actions, ["snooze", "Snooze"]);
    assert!(n.body.contains("mobility config check"), "{n:?}");
    server.dismiss(n.id);
    let out = finish(child);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("no Start button") && stderr.contains("mobility config check"),
        "{stderr}"
    );
}

#[test]
fn a_bus_with_no_notification_daemon_is_said_in_words() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let runtime = env.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    let Some(_bus) = Bus::start(&runtime.join("bus")) else {
        return;
    };
    let out = finish(start(&env, &["remind", "--always", "wall-flexion"]));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with(WALL),
        "the reminder is printed instead: {stdout}"
    );
    assert!(
        stderr.contains("no notification daemon is running")
            && !stderr.contains("org.freedesktop.DBus.Error"),
        "{stderr}"
    );
}

#[test]
fn a_routine_path_with_a_control_character_gets_no_start_button() {
    let env = TestEnv::new();
    let (terminal, log) = recording_terminal(&env);
    env.write(
        "config/mobility/config.toml",
        format!("[remind]\nterminal = ['{}']\n", terminal.display()),
    );
    // The path must reach `run` exactly, so it can't be escaped on the
    // way: a terminal is not handed it at all.
    let name = "odd\u{1b}[31m.toml";
    env.write(name, SHORT);
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "--always", &format!("./{name}")]);
    let n = server.wait_for(1).remove(0);
    assert_eq!(n.actions, ["snooze", "Snooze"]);
    server.dismiss(n.id);
    let out = finish(child);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("no Start button"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(!log.exists());
}

#[test]
fn killing_remind_while_it_waits_closes_the_notification() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("USR1", 138)] {
        let env = TestEnv::new();
        let Some((_bus, server)) = desktop(&env, &["actions"]) else {
            return;
        };
        let child = start(&env, &["remind", "wall-flexion"]);
        let shown = server.wait_for(1).remove(0);
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let out = finish(child);
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert_eq!(
            server.closed(),
            [shown.id],
            "SIG{signal}: no dead buttons left on screen"
        );
    }
}

#[test]
fn a_signal_during_the_snooze_still_ends_remind_at_once() {
    let env = TestEnv::new();
    let Some((_bus, server)) = desktop(&env, &["actions"]) else {
        return;
    };
    let child = start(&env, &["remind", "--snooze", "5m", "wall-flexion"]);
    let shown = server.wait_for(1).remove(0);
    server.press(shown.id, "snooze");
    // Snoozing: the answered notification is gone, and nothing waits on
    // the bus.
    while server.closed().is_empty() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(finish(child).status.code(), Some(143));
}
