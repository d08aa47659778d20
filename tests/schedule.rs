//! `cron` lines that carry their paths, and `schedule add|list|remove`
//! against stand-ins for `crontab`, `systemctl` and `launchctl` on `PATH`:
//! shell scripts that keep the crontab in a file and record every call.
//! The real crontab was tried by hand (see the README); the generated
//! units are also checked by `systemd-analyze` where it exists.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::common::{Run, SHORT, TestEnv};

/// Writes an executable script into the test's `fake-bin`.
pub(crate) fn fake(env: &TestEnv, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = env.write(
        format!("fake-bin/{name}"),
        format!("#!/bin/sh\nPATH=/usr/bin:/bin\n{body}"),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A `crontab` that keeps its table in `crontab-table` (`-r` deletes it)
/// and refuses to install one while `crontab-fail` exists.
pub(crate) fn fake_crontab(env: &TestEnv) -> PathBuf {
    let dir = env.path().display();
    fake(
        env,
        "crontab",
        &format!(
            "table='{dir}/crontab-table'\n\
             case \"$1\" in\n\
             -l) [ -f \"$table\" ] || {{ echo 'no crontab for tester' >&2; exit 1; }}; cat \"$table\" ;;\n\
             -) if [ -f '{dir}/crontab-fail' ]; then cat >/dev/null; echo \"crontab: errors in crontab file, can't install\" >&2; exit 1; fi\n\
                cat > \"$table.new\" && mv \"$table.new\" \"$table\" ;;\n\
             -r) rm \"$table\" ;;\n\
             *) echo \"fake crontab: unexpected $*\" >&2; exit 64 ;;\n\
             esac\n"
        ),
    );
    env.path().join("crontab-table")
}

/// A `systemctl` or `launchctl` that records its arguments, one call a
/// line, in `NAME.log`, and fails when `NAME-fail-VERB` exists (the verb
/// is the first argument after `--user`).
pub(crate) fn fake_tool(env: &TestEnv, name: &str) -> PathBuf {
    let dir = env.path().display();
    fake(
        env,
        name,
        &format!(
            "echo \"$*\" >> '{dir}/{name}.log'\n\
             verb=\"$1\"; [ \"$verb\" = --user ] && verb=\"$2\"\n\
             if [ -f \"{dir}/{name}-fail-$verb\" ]; then echo \"Failed to $verb unit: Access denied\" >&2; exit 1; fi\n"
        ),
    );
    env.path().join(format!("{name}.log"))
}

/// `PATH` with the fakes first; with `real`, the machine's own after them.
pub(crate) fn path(env: &TestEnv, real: bool) -> OsString {
    let mut path = env.path().join("fake-bin").into_os_string();
    if real {
        path.push(":");
        path.push(std::env::var_os("PATH").unwrap_or_default());
    }
    path
}

/// Runs mobility with `PATH` as given, on a system (`/proc` and `/run`
/// under `MOBILITY_SYSTEM_ROOT`) where a cron daemon runs.
#[track_caller]
pub(crate) fn run(env: &TestEnv, args: &[&str], path: &OsString) -> Run {
    let root = env.path().join("system");
    env.write(root.join("proc/4242/comm"), "cron\n");
    run_on(env, args, path, &root)
}

/// [`run`] with `vars` set besides (after the others, so that they win).
#[track_caller]
pub(crate) fn run_with_env(
    env: &TestEnv,
    args: &[&str],
    path: &OsString,
    vars: &[(OsString, OsString)],
) -> Run {
    let root = env.path().join("system");
    env.write(root.join("proc/4242/comm"), "cron\n");
    let terminal = fake(env, "a-terminal", "exit 0");
    env.run_with(args, |cmd| {
        cmd.env("PATH", path)
            .env("MOBILITY_SYSTEM_ROOT", &root)
            .env("TERMINAL", &terminal)
            .envs(vars.iter().cloned());
    })
}

/// Runs mobility with `PATH` as given, on the system under `root`.
#[track_caller]
pub(crate) fn run_on(env: &TestEnv, args: &[&str], path: &OsString, root: &Path) -> Run {
    // A terminal for the Start button, found through `$TERMINAL`.
    let terminal = fake(env, "a-terminal", "exit 0");
    env.run_with(args, |cmd| {
        cmd.env("PATH", path)
            .env("MOBILITY_SYSTEM_ROOT", root)
            .env("TERMINAL", &terminal);
    })
}

#[test]
fn schedule_add_says_when_no_terminal_would_open_for_start() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let p = path(&env, false);
    let root = env.path().join("system");
    env.write(root.join("proc/4242/comm"), "cron\n");
    let run = env
        .run_with(add_at_930("cron"), |cmd| {
            cmd.env("PATH", &p)
                .env("MOBILITY_SYSTEM_ROOT", &root)
                .env_remove("TERMINAL");
        })
        .exits(0);
    assert!(run.stdout.starts_with("installed wall-flexion"), "{run}");
    assert!(
        run.stderr.contains("no terminal was found")
            && run.stderr.contains("no Start button")
            && run.stderr.contains("`terminal` under [remind]"),
        "{run}"
    );
}

#[test]
fn schedule_add_for_cron_says_when_no_cron_daemon_runs() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let p = path(&env, false);
    let add = add_at_930("cron");
    // No daemon: installed, and said plainly that it will not fire.
    let bare = env.path().join("bare");
    env.write(bare.join("proc/7/comm"), "bash\n");
    let run = run_on(&env, &add, &p, &bare).exits(0);
    assert!(run.stdout.starts_with("installed wall-flexion"), "{run}");
    assert!(
        run.stderr.contains("no cron daemon is running")
            && run.stderr.contains("will not fire until one runs")
            && run.stderr.contains("systemctl enable --now cron"),
        "{run}"
    );
    // A pid file is enough, as is a `crond` process.
    for (file, body) in [("run/crond.pid", "99\n"), ("proc/12/comm", "crond\n")] {
        let root = env.path().join(file.replace('/', "-"));
        env.write(root.join(file), body);
        let run = run_on(&env, &add, &p, &root).exits(0);
        assert!(!run.stderr.contains("no cron daemon"), "{file}: {run}");
    }
}

/// The warning every command that writes a reminder gives here, where the
/// binary under test lives in cargo's `target/`.
pub(crate) const BUILD_DIR_WARNING: &str = "is inside cargo's build directory";

/// The warning a reminder gets here, where neither the test's crontab nor
/// a systemd user manager gives its Start button a display
/// (`start_display.rs` tests it), and its hints' last words.
pub(crate) const NO_DISPLAY_WARNING: [&str; 3] = [
    "no display for the Start button",
    "at the top of your crontab (`crontab -e`)",
    "or your window manager's startup",
];

/// Asserts exit 0 and nothing on stderr but the build-directory warning
/// and the display's; returns stdout.
#[track_caller]
pub(crate) fn ok(run: Run) -> String {
    let run = run.exits(0);
    let expected = [
        BUILD_DIR_WARNING,
        "hint: install mobility",
        NO_DISPLAY_WARNING[0],
        NO_DISPLAY_WARNING[1],
        NO_DISPLAY_WARNING[2],
    ];
    let rest: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !expected.iter().any(|e| l.contains(e)))
        .collect();
    assert!(rest.is_empty(), "unexpected stderr:\n{run}");
    run.stdout
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// `schedule add wall-flexion --at 9:30 --backend BACKEND`.
pub(crate) fn add_at_930(backend: &str) -> [&str; 7] {
    [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        "9:30",
        "--backend",
        backend,
    ]
}

#[test]
fn the_cron_line_carries_the_paths_and_works_from_a_bare_environment() {
    let env = TestEnv::new();
    env.write("my drills/quick.toml", SHORT);
    let drills = ["--routines-dir", "my drills"];
    // Done today, in the history under $XDG_STATE_HOME.
    ok(env.run([&["run", "quick", "--plain"][..], &drills].concat()));
    let out = ok(env.run([&["cron", "quick", "--at", "9:30"][..], &drills].concat()));
    let line = out.lines().nth(1).unwrap();
    let command = line.splitn(6, ' ').nth(5).unwrap().replace(r"\%", "%");
    let words = shlex::split(&command).unwrap();
    assert_eq!(
        words[..2],
        [
            format!("XDG_CONFIG_HOME={}", env.config_home().display()),
            format!("XDG_STATE_HOME={}", env.state_home().display()),
        ]
    );
    assert_eq!(words[3..5], ["remind", "quick"]);
    assert_eq!(
        words[5..],
        [
            "--routines-dir".to_owned(),
            env.path().join("my drills").display().to_string()
        ]
    );
    // As cron runs it: from the home directory, with only HOME and PATH.
    // The routine is found and the history read, so it is not due.
    std::fs::create_dir_all(env.home()).unwrap();
    let bare = Run::of(
        std::process::Command::new("/bin/sh")
            .args(["-c", &command])
            .current_dir(env.home())
            .env_clear()
            .env("HOME", env.home())
            .env("PATH", "/usr/bin:/bin"),
    )
    .exits(0);
    assert_eq!(
        (bare.stdout.as_str(), bare.stderr.as_str()),
        ("", ""),
        "{bare}"
    );
}

#[test]
fn cron_refuses_an_unknown_routine_or_a_broken_config() {
    let env = TestEnv::new();
    let err = env.fails(["cron", "wall-flex", "--at", "9:30"], 2);
    assert!(
        err.starts_with("error: no routine named `wall-flex`"),
        "{err}"
    );
    env.write("config/mobility/config.toml", "[run]\nvioce = true\n");
    let err = env.fails(["cron", "wall-flexion", "--at", "9:30"], 2);
    assert!(
        err.starts_with("error: ") && err.contains("config.toml:2:1: unknown key `vioce`"),
        "{err}"
    );
    assert_eq!(err.matches("vioce").count(), 1, "said once:\n{err}");
    assert!(
        err.contains("hint: the reminder would read this file"),
        "{err}"
    );
    let err = env.fails(
        [
            "schedule",
            "add",
            "wall-flexion",
            "--at",
            "9:30",
            "--backend",
            "cron",
        ],
        2,
    );
    assert!(err.contains("unknown key `vioce`"), "{err}");
}

#[test]
fn cron_warns_that_a_binary_in_cargo_target_will_not_last() {
    let env = TestEnv::new();
    let run = env.run(["cron", "wall-flexion", "--at", "9:30"]).exits(0);
    assert!(run.stderr.starts_with("warning: `"), "{run}");
    assert!(
        run.stderr
            .contains("`cargo clean` will break this reminder"),
        "{run}"
    );
    assert!(
        run.stderr
            .contains("hint: install mobility (`cargo install --locked --path .`)"),
        "{run}"
    );
}

#[test]
fn schedule_add_keeps_the_rest_of_the_crontab_and_remove_restores_it() {
    let env = TestEnv::new();
    let table = fake_crontab(&env);
    // Variables, a comment, CRLF, a byte that is not UTF-8, no last newline.
    let original: &[u8] =
        b"MAILTO=me@example.org\n# mine\r\n0 * * * * backup \xff\n*/5 * * * * poll";
    std::fs::write(&table, original).unwrap();
    let p = path(&env, false);
    let add = [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        "9:30,18:00",
        "--days",
        "weekdays",
    ];
    let out = ok(run(&env, &add, &p));
    assert!(
        out.starts_with("installed wall-flexion at 09:30,18:00 weekdays (cron): next "),
        "{out}"
    );
    let after_one = std::fs::read(&table).unwrap();
    assert!(after_one.starts_with(original));
    let added = String::from_utf8(after_one[original.len()..].to_vec()).unwrap();
    let mut lines = added.lines().skip(1);
    assert_eq!(
        lines.next(),
        Some("# BEGIN mobility (managed by `mobility schedule`; edit with it)")
    );
    assert_eq!(lines.next(), Some("# mobility: remind about wall-flexion"));
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("30 9 * * 1-5 XDG_CONFIG_HOME=")
    );
    assert!(lines.next().unwrap().ends_with(" remind wall-flexion"));
    assert_eq!(lines.next(), Some("# END mobility"));

    // Twice is once.
    ok(run(&env, &add, &p));
    assert_eq!(std::fs::read(&table).unwrap(), after_one);

    // A second routine, then both out again: the table as it was.
    env.write("config/mobility/routines/quick.toml", SHORT);
    ok(run(
        &env,
        &[
            "schedule",
            "add",
            "quick",
            "--at",
            "7:00",
            "--backend",
            "cron",
        ],
        &p,
    ));
    let list = ok(run(&env, &["schedule", "list"], &p));
    let list: Vec<&str> = list.lines().collect();
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(list[0].starts_with("wall-flexion at 09:30,18:00 weekdays (cron): next "));
    assert!(list[1].starts_with("quick at 07:00 daily (cron): next "));
    let next = list[0].rsplit("next ").next().unwrap();
    assert!(
        next.ends_with(" 09:30") || next.ends_with(" 18:00"),
        "{next}"
    );
    assert!(
        !next.starts_with("Sat") && !next.starts_with("Sun"),
        "{next}"
    );

    assert_eq!(
        run(&env, &["schedule", "remove", "wall-flexion"], &p).success(),
        "removed wall-flexion (cron)\n"
    );
    assert_eq!(
        run(
            &env,
            &["schedule", "remove", "quick", "--backend", "cron"],
            &p
        )
        .success(),
        "removed quick (cron)\n"
    );
    assert_eq!(std::fs::read(&table).unwrap(), original);
    // Nothing left to remove is a "no".
    let run = run(&env, &["schedule", "remove", "--all"], &p).exits(1);
    assert!(run.stdout.starts_with("no reminders installed"), "{run}");
}

#[test]
fn a_crontab_that_refuses_the_new_table_leaves_the_old_one_and_exits_2() {
    let env = TestEnv::new();
    let table = fake_crontab(&env);
    std::fs::write(&table, "0 * * * * backup\n").unwrap();
    env.write("crontab-fail", "");
    let run = run(&env, &add_at_930("cron"), &path(&env, false)).exits(2);
    assert!(run.stdout.is_empty(), "{run}");
    assert!(
        run.stderr.contains("error: `crontab -` failed, and your crontab was left as it was: crontab: errors in crontab file, can't install"),
        "{run}"
    );
    assert_eq!(read(&table), "0 * * * * backup\n");
}

#[test]
fn no_crontab_yet_is_an_empty_one() {
    let env = TestEnv::new();
    let table = fake_crontab(&env);
    let p = path(&env, false);
    assert_eq!(
        ok(run(&env, &["schedule", "list", "--backend", "cron"], &p)),
        "no reminders installed; add one with `mobility schedule add ROUTINE --at HH:MM`\n"
    );
    ok(run(&env, &add_at_930("cron"), &p));
    assert!(read(&table).starts_with("# BEGIN mobility"));
    run(
        &env,
        &["schedule", "remove", "--all", "--backend", "cron"],
        &p,
    )
    .success();
    assert_eq!(read(&table), "");
}

#[test]
fn the_backend_is_systemd_when_a_user_manager_answers_else_cron() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let log = fake_tool(&env, "systemctl");
    let p = path(&env, false);
    let add = ["schedule", "add", "wall-flexion", "--at", "9:30"];
    let out = ok(run(&env, &add, &p));
    assert!(out.contains("(systemd)"), "{out}");
    assert!(read(&log).starts_with("--user show-environment\n"));
    env.write("systemctl-fail-show-environment", "");
    env.user_routine("quick", SHORT);
    let out = ok(run(&env, &["schedule", "add", "quick", "--at", "9:30"], &p));
    assert!(out.contains("(cron)"), "{out}");
    std::fs::remove_file(env.path().join("fake-bin/crontab")).unwrap();
    let err = run(&env, &add, &p).fails(2);
    assert!(err.contains("error: no scheduler found"), "{err}");
    assert!(err.contains("apt-get install cron"), "{err}");
}

#[test]
fn systemd_units_are_written_enabled_listed_and_removed() {
    let env = TestEnv::new();
    let log = fake_tool(&env, "systemctl");
    let p = path(&env, false);
    let units = env.config_home().join("systemd/user");
    ok(run(
        &env,
        &[
            "schedule",
            "add",
            "wall-flexion",
            "--at",
            "9:30",
            "--days",
            "mon,wed",
            "--backend",
            "systemd",
        ],
        &p,
    ));
    let service = read(&units.join("mobility-remind-wall-flexion.service"));
    let timer = read(&units.join("mobility-remind-wall-flexion.timer"));
    assert!(
        service.contains(&format!(
            "\nEnvironment=\"XDG_STATE_HOME={}\"\n",
            env.state_home().display()
        )),
        "{service}"
    );
    assert!(
        service.contains(&format!(
            "\nExecStart=\"{}\" \"remind\" \"wall-flexion\"\n",
            std::fs::canonicalize(env!("CARGO_BIN_EXE_mobility"))
                .unwrap()
                .display()
        )),
        "{service}"
    );
    assert!(
        timer.contains("\nOnCalendar=Mon,Wed *-*-* 09:30:00\nPersistent=true\n"),
        "{timer}"
    );
    assert_eq!(
        read(&log),
        "--user daemon-reload\n--user enable --now mobility-remind-wall-flexion.timer\n"
    );
    let list = ok(run(&env, &["schedule", "list"], &p));
    assert!(
        list.starts_with("wall-flexion at 09:30 mon,wed (systemd): next "),
        "{list}"
    );
    assert_eq!(
        run(&env, &["schedule", "remove", "wall-flexion"], &p).success(),
        "removed wall-flexion (systemd)\n"
    );
    assert!(!units.join("mobility-remind-wall-flexion.service").exists());
    assert!(!units.join("mobility-remind-wall-flexion.timer").exists());
    assert!(
        read(&log).ends_with(
            "--user disable --now mobility-remind-wall-flexion.timer\n--user daemon-reload\n"
        ),
        "{}",
        read(&log)
    );
}

#[test]
fn a_failing_systemctl_puts_the_units_back_and_exits_2() {
    let env = TestEnv::new();
    fake_tool(&env, "systemctl");
    let p = path(&env, false);
    let timer = env
        .config_home()
        .join("systemd/user/mobility-remind-wall-flexion.timer");
    ok(run(&env, &add_at_930("systemd"), &p));
    let before = read(&timer);
    env.write("systemctl-fail-enable", "");
    let run_ = run(
        &env,
        &[
            "schedule",
            "add",
            "wall-flexion",
            "--at",
            "18:00",
            "--backend",
            "systemd",
        ],
        &p,
    )
    .exits(2);
    assert!(run_.stderr.contains("error: `systemctl --user enable --now mobility-remind-wall-flexion.timer` failed: Failed to enable unit: Access denied"), "{run_}");
    assert!(run_.stderr.contains("nothing was installed"), "{run_}");
    assert_eq!(read(&timer), before);
    // A routine that was not there before leaves no files behind.
    env.write("config/mobility/routines/quick.toml", SHORT);
    run(
        &env,
        &[
            "schedule",
            "add",
            "quick",
            "--at",
            "7:00",
            "--backend",
            "systemd",
        ],
        &p,
    )
    .exits(2);
    let left: Vec<_> = std::fs::read_dir(timer.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    // And on a first add, not even the directories it made.
    let fresh = TestEnv::new();
    fake_tool(&fresh, "systemctl");
    fresh.write("systemctl-fail-daemon-reload", "");
    let p = path(&fresh, false);
    let add = [
        "schedule",
        "add",
        "wall-flexion",
        "--at",
        "9:30",
        "--backend",
        "systemd",
    ];
    run(&fresh, &add, &p).exits(2);
    assert!(!fresh.config_home().join("systemd").exists());
}

#[test]
fn without_systemctl_the_units_are_written_and_the_commands_to_run_are_said() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = run(&env, &add_at_930("systemd"), &path(&env, false)).exits(0);
    assert!(
        run.stderr
            .contains("warning: `systemctl` is not on PATH: wrote `"),
        "{run}"
    );
    assert!(run.stderr.contains("hint: where systemctl runs, run: systemctl --user daemon-reload && systemctl --user enable --now mobility-remind-wall-flexion.timer"), "{run}");
    assert!(
        env.config_home()
            .join("systemd/user/mobility-remind-wall-flexion.timer")
            .exists()
    );
}

#[test]
fn the_generated_units_pass_systemd_analyze() {
    let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(analyze) = analyze else {
        eprintln!("skipped: systemd-analyze is not installed");
        return;
    };
    let env = TestEnv::new();
    fake_tool(&env, "systemctl");
    env.write("my drills/quick.toml", SHORT);
    let p = path(&env, false);
    ok(run(
        &env,
        &[
            "schedule",
            "add",
            "quick",
            "--at",
            "0:05,23:59",
            "--days",
            "sat,sun,wed",
            "--backend",
            "systemd",
            "--routines-dir",
            "my drills",
        ],
        &p,
    ));
    let units = env.config_home().join("systemd/user");
    let service = units.join("mobility-remind-quick.service");
    let timer = units.join("mobility-remind-quick.timer");
    // `verify` checks the syntax, that ExecStart is an executable, and the
    // timer's unit; it only warns about a bad calendar, so any output fails.
    let verify = Run::of(
        std::process::Command::new(analyze)
            .arg("verify")
            .arg(&service)
            .arg(&timer),
    )
    .exits(0);
    assert_eq!(verify.stderr, "", "{verify}");
    for line in read(&timer).lines() {
        if let Some(spec) = line.strip_prefix("OnCalendar=") {
            Run::of(std::process::Command::new(analyze).args(["calendar", spec])).exits(0);
        }
    }
    // And a unit that is wrong is caught: the check can fail.
    std::fs::write(
        &service,
        read(&service).replace("ExecStart=\"/", "ExecStart=\"/nonexistent/"),
    )
    .unwrap();
    let bad = Run::of(
        std::process::Command::new(analyze)
            .arg("verify")
            .arg(&service),
    );
    assert_ne!(bad.code(), Some(0), "{bad}");
}

#[test]
fn launchd_plists_are_written_loaded_and_removed() {
    let env = TestEnv::new();
    let log = fake_tool(&env, "launchctl");
    let p = path(&env, false);
    ok(run(
        &env,
        &[
            "schedule",
            "add",
            "wall-flexion",
            "--at",
            "9:30",
            "--days",
            "weekends",
            "--backend",
            "launchd",
        ],
        &p,
    ));
    let plist = env
        .home()
        .join("Library/LaunchAgents/org.mobility.remind.wall-flexion.plist");
    let text = read(&plist);
    assert!(text.contains("<key>Weekday</key>\n      <integer>0</integer>\n      <key>Hour</key>\n      <integer>9</integer>"), "{text}");
    assert!(
        text.contains(&format!(
            "<key>XDG_CONFIG_HOME</key>\n    <string>{}</string>",
            env.config_home().display()
        )),
        "{text}"
    );
    assert_eq!(read(&log), format!("load -w {}\n", plist.display()));
    let list = ok(run(&env, &["schedule", "list", "--backend", "launchd"], &p));
    assert!(
        list.starts_with("wall-flexion at 09:30 weekends (launchd): next "),
        "{list}"
    );
    run(
        &env,
        &["schedule", "remove", "--all", "--backend", "launchd"],
        &p,
    )
    .success();
    assert!(!plist.exists());
    assert!(read(&log).ends_with(&format!("unload -w {}\n", plist.display())));
}

#[test]
fn without_launchctl_the_plist_is_written_and_the_command_to_run_is_said() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let run = run(&env, &add_at_930("launchd"), &path(&env, false)).exits(0);
    assert!(
        run.stderr
            .contains("hint: where launchctl runs, run: launchctl load -w "),
        "{run}"
    );
    assert!(
        env.home()
            .join("Library/LaunchAgents/org.mobility.remind.wall-flexion.plist")
            .exists()
    );
}

#[test]
fn schedule_names_routines_by_id_and_checks_them() {
    let env = TestEnv::new();
    fake_crontab(&env);
    let p = path(&env, false);
    env.write("quick.toml", SHORT);
    let err = run(
        &env,
        &[
            "schedule",
            "add",
            "./quick.toml",
            "--at",
            "9:30",
            "--backend",
            "cron",
        ],
        &p,
    )
    .fails(2);
    assert!(
        err.contains("is not a routine id: `schedule` names routines by id"),
        "{err}"
    );
    let err = run(
        &env,
        &[
            "schedule",
            "add",
            "nope",
            "--at",
            "9:30",
            "--backend",
            "cron",
        ],
        &p,
    )
    .fails(2);
    assert!(err.contains("no routine named `nope`"), "{err}");
    let err = run(&env, &["schedule", "remove"], &p).fails(2);
    assert!(err.contains("<ROUTINE|--all>"), "{err}");
}

#[test]
fn a_scheduler_that_cannot_be_read_does_not_hide_the_others() {
    let env = TestEnv::new();
    fake_tool(&env, "systemctl");
    let p = path(&env, false);
    ok(run(&env, &add_at_930("systemd"), &p));
    fake(
        &env,
        "crontab",
        "echo 'crontab: you are not allowed to use this program' >&2; exit 1\n",
    );
    let run_ = run(&env, &["schedule", "list"], &p).exits(2);
    assert!(
        run_.stdout
            .starts_with("wall-flexion at 09:30 daily (systemd): next "),
        "{run_}"
    );
    assert_eq!(
        run_.stderr,
        "error: `crontab -l` failed: crontab: you are not allowed to use this program\n",
    );
}

#[test]
fn adding_in_a_second_scheduler_warns_that_it_will_remind_twice() {
    let env = TestEnv::new();
    fake_crontab(&env);
    fake_tool(&env, "systemctl");
    let p = path(&env, false);
    ok(run(&env, &add_at_930("cron"), &p));
    let run_ = run(&env, &add_at_930("systemd"), &p).exits(0);
    assert!(
        run_.stderr.contains("warning: `wall-flexion` is also scheduled in cron, so it will remind twice\n  hint: `mobility schedule remove wall-flexion --backend cron`\n"),
        "{run_}"
    );
    // Without --backend, remove takes it out of both.
    assert_eq!(
        run(&env, &["schedule", "remove", "wall-flexion"], &p).success(),
        "removed wall-flexion (cron)\nremoved wall-flexion (systemd)\n"
    );
}

#[test]
fn a_hand_edited_timer_or_plist_with_an_impossible_time_is_listed_without_it() {
    let env = TestEnv::new();
    let p = path(&env, false);
    env.write(
        "config/systemd/user/mobility-remind-wall-flexion.timer",
        "[Timer]\nOnCalendar=*-*-* 25:00:00\nOnCalendar=*-*-* 09:99:00\nOnCalendar=*-*-* 09:30:00\nPersistent=true\n",
    );
    env.write(
        "home/Library/LaunchAgents/org.mobility.remind.chair-flexion.plist",
        "<plist><dict><key>StartCalendarInterval</key>\n<array>\n\
         <dict><key>Hour</key><integer>24</integer><key>Minute</key><integer>0</integer></dict>\n\
         <dict><key>Hour</key><integer>7</integer><key>Minute</key><integer>60</integer></dict>\n\
         <dict><key>Hour</key><integer>8</integer><key>Minute</key><integer>15</integer></dict>\n\
         </array></dict></plist>\n",
    );
    assert!(
        env.home()
            .join("Library/LaunchAgents/org.mobility.remind.chair-flexion.plist")
            .is_file()
    );
    let list = ok(run(&env, &["schedule", "list", "--backend", "systemd"], &p));
    assert!(
        list.starts_with("wall-flexion at 09:30 daily (systemd): next "),
        "{list}"
    );
    let list = ok(run(&env, &["schedule", "list", "--backend", "launchd"], &p));
    assert!(
        list.starts_with("chair-flexion at 08:15 daily (launchd): next "),
        "{list}"
    );
}

#[test]
fn a_crontab_too_big_to_be_mobilitys_business_is_refused_with_exit_2() {
    let env = TestEnv::new();
    fake(
        &env,
        "crontab",
        "case \"$1\" in\n-l) yes '# a comment line of some length' | head -c 3000000 ;;\n*) cat >/dev/null; touch written ;;\nesac\n",
    );
    let p = path(&env, false);
    let listed = run(&env, &["schedule", "list", "--backend", "cron"], &p).exits(2);
    assert!(
        listed
            .stderr
            .starts_with("error: `crontab -l` failed: it printed more than 1 MiB"),
        "{listed}"
    );
    let added = run(&env, &add_at_930("cron"), &p).exits(2);
    assert!(
        added
            .stderr
            .contains("`crontab -l` failed: it printed more than 1 MiB"),
        "{added}"
    );
    assert!(
        !env.path().join("written").exists(),
        "the crontab was rewritten"
    );
}

#[test]
fn a_scheduler_found_only_through_a_relative_path_entry_is_never_run() {
    let env = TestEnv::new();
    let table = fake_crontab(&env);
    let dir = env.path().display();
    let wrong = env.write(
        "rel-bin/crontab",
        format!("#!/bin/sh\n/usr/bin/touch '{dir}/wrong-crontab-ran'\nexit 1\n"),
    );
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut p = OsString::from("rel-bin:");
    p.push(path(&env, false));
    ok(run(&env, &add_at_930("cron"), &p));
    assert!(
        !env.path().join("wrong-crontab-ran").exists(),
        "the crontab in a relative PATH entry ran"
    );
    assert!(
        read(&table).contains("remind wall-flexion"),
        "{}",
        read(&table)
    );
}

#[test]
fn a_reminder_installed_with_a_history_directory_reads_that_directory() {
    let env = TestEnv::new();
    env.user_routine("quick", SHORT);
    let sync = env.path().join("sync");
    let with_dir = |cmd: &mut std::process::Command| {
        cmd.env("MOBILITY_HISTORY_DIR", &sync);
    };
    // Done today on another machine: a record in its file in the shared
    // directory, none in this machine's own history file.
    env.run_with(["run", "quick", "--plain"], with_dir).exits(0);
    std::fs::rename(
        std::fs::read_dir(&sync)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
        sync.join("history-elsewhere.jsonl"),
    )
    .unwrap();
    let out = ok(env.run_with(["cron", "quick", "--at", "9:30"], with_dir));
    let line = out.lines().nth(1).unwrap();
    let command = line.splitn(6, ' ').nth(5).unwrap().replace(r"\%", "%");
    assert!(
        shlex::split(&command)
            .unwrap()
            .contains(&format!("MOBILITY_HISTORY_DIR={}", sync.display())),
        "{command}"
    );
    // As cron runs it, with only HOME and PATH: not due, since the other
    // machine's run counts.
    std::fs::create_dir_all(env.home()).unwrap();
    let bare = Run::of(
        std::process::Command::new("/bin/sh")
            .args(["-c", &command])
            .current_dir(env.home())
            .env_clear()
            .env("HOME", env.home())
            .env("PATH", "/usr/bin:/bin"),
    )
    .exits(0);
    assert_eq!(
        (bare.stdout.as_str(), bare.stderr.as_str()),
        ("", ""),
        "{bare}"
    );

    // systemd and launchd start `remind` the same way.
    fake_tool(&env, "systemctl");
    fake_tool(&env, "launchctl");
    let p = path(&env, false);
    for backend in ["systemd", "launchd"] {
        let add = [
            "schedule",
            "add",
            "quick",
            "--at",
            "9:30",
            "--backend",
            backend,
        ];
        // The second warns that it reminds twice.
        env.run_with(add, |cmd| {
            cmd.env("PATH", &p).env("MOBILITY_HISTORY_DIR", &sync);
        })
        .exits(0);
    }
    let service = read(
        &env.config_home()
            .join("systemd/user/mobility-remind-quick.service"),
    );
    assert!(
        service.contains(&format!(
            "\nEnvironment=\"MOBILITY_HISTORY_DIR={}\"\n",
            sync.display()
        )),
        "{service}"
    );
    let plist = read(
        &env.home()
            .join("Library/LaunchAgents/org.mobility.remind.quick.plist"),
    );
    assert!(
        plist.contains(&format!(
            "<key>MOBILITY_HISTORY_DIR</key>\n    <string>{}</string>",
            sync.display()
        )),
        "{plist}"
    );
}
