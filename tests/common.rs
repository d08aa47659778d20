//! The one hermetic environment every test runs a program in: its own
//! temporary home and XDG directories, UTC, and nothing of the caller's
//! environment (no `NO_COLOR`, `TERM`, `LANG` or `XDG_*` leaking in).
//!
//! [`TestEnv::vars`] is the only place that environment is chosen; plain
//! runs, pty runs and re-executed test processes all start from it.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::pty::Pty;

pub struct TestEnv {
    dir: tempfile::TempDir,
}

/// The sound players mobility looks for on `PATH`.
const PLAYERS: [&str; 4] = ["pw-play", "paplay", "aplay", "afplay"];

impl TestEnv {
    pub fn new() -> TestEnv {
        let env = TestEnv {
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        // A machine with a sound player but no sound device (CI, a
        // container) would make every run warn that its tones failed. Test
        // programs find silent players first instead: the tones are still
        // made and "played", the same on every machine. Tests of the tones
        // themselves use a recording player of their own.
        let bin = env.quiet_bin();
        std::fs::create_dir_all(&bin).unwrap();
        for player in PLAYERS {
            let path = bin.join(player);
            std::fs::write(&path, "#!/bin/sh\nexit 0\n").unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        env
    }

    /// The directory of silent sound players, first on every test's `PATH`.
    pub fn quiet_bin(&self) -> PathBuf {
        self.path().join("quiet-bin")
    }

    /// The temporary directory, which is also the working directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn home(&self) -> PathBuf {
        self.path().join("home")
    }

    pub fn config_home(&self) -> PathBuf {
        self.path().join("config")
    }

    pub fn state_home(&self) -> PathBuf {
        self.path().join("state")
    }

    /// The user's routine directory.
    pub fn user_routines(&self) -> PathBuf {
        self.config_home().join("mobility").join("routines")
    }

    pub fn history_file(&self) -> PathBuf {
        self.state_home().join("mobility").join("history.jsonl")
    }

    /// Writes a file below the temporary directory, creating parents.
    #[track_caller]
    pub fn write(&self, relative: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Writes a routine into the user's routine directory.
    #[track_caller]
    pub fn user_routine(&self, id: &str, contents: &str) -> PathBuf {
        self.write(
            self.user_routines().join(format!("{id}.toml")),
            contents.as_bytes(),
        )
    }

    /// The whole environment of every program a test starts.
    pub fn vars(&self) -> Vec<(OsString, OsString)> {
        let path = |p: PathBuf| p.into_os_string();
        vec![
            ("PATH".into(), {
                let mut path = self.quiet_bin().into_os_string();
                path.push(":");
                path.push(std::env::var_os("PATH").unwrap_or_default());
                path
            }),
            ("HOME".into(), path(self.home())),
            ("XDG_CONFIG_HOME".into(), path(self.config_home())),
            ("XDG_STATE_HOME".into(), path(self.state_home())),
            ("XDG_RUNTIME_DIR".into(), path(self.path().join("runtime"))),
            ("TZ".into(), "UTC".into()),
            ("LANG".into(), "C.UTF-8".into()), // as most terminals are; ASCII tests say LANG=C
        ]
    }

    /// `program` in the temporary directory with only [`TestEnv::vars`].
    pub fn clean(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(self.path()).env_clear().envs(self.vars());
        cmd
    }

    /// `mobility ARGS...` with stdin from /dev/null and stdout and stderr
    /// piped: no terminal anywhere, as in a pipe or from cron.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.clean(env!("CARGO_BIN_EXE_mobility"));
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs `mobility ARGS...` to the end.
    #[track_caller]
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run_with(args, |_| {})
    }

    /// [`TestEnv::run`] after `adjust` has changed the command, say its
    /// `PATH`.
    #[track_caller]
    pub fn run_with<I, S>(&self, args: I, adjust: impl FnOnce(&mut Command)) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command(args);
        adjust(&mut cmd);
        Run::of(&mut cmd)
    }

    /// Runs `mobility ARGS...`, asserts that it exited 0 and printed nothing
    /// on stderr, and returns its stdout.
    #[track_caller]
    pub fn succeeds<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(args).success()
    }

    /// Runs `mobility ARGS...`, asserts that it exited with `code` and
    /// printed nothing on stdout, and returns its stderr.
    #[track_caller]
    pub fn fails<I, S>(&self, args: I, code: i32) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.run(args).fails(code)
    }

    /// `mobility ARGS...` on a `cols` × `rows` pseudo-terminal.
    #[track_caller]
    pub fn pty(&self, args: &[&str], cols: u16, rows: u16) -> Pty {
        self.pty_with(args, cols, rows, &[])
    }

    /// [`TestEnv::pty`] with `extra` environment variables.
    #[track_caller]
    pub fn pty_with(&self, args: &[&str], cols: u16, rows: u16, extra: &[(&str, &str)]) -> Pty {
        let mut vars = self.vars();
        // What a terminal emulator sets, and what vt100 understands.
        vars.push(("TERM".into(), "xterm-256color".into()));
        vars.extend(extra.iter().map(|(k, v)| (k.into(), v.into())));
        Pty::spawn(
            env!("CARGO_BIN_EXE_mobility"),
            args,
            self.path(),
            &vars,
            cols,
            rows,
        )
    }
}

/// How a program ran: its exit status and what it printed.
pub struct Run {
    what: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs `cmd` to the end.
    #[track_caller]
    pub fn of(cmd: &mut Command) -> Run {
        let program = Path::new(cmd.get_program()).file_name().unwrap_or_default();
        let what = std::iter::once(program)
            .chain(cmd.get_args())
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("`{what}` did not start: {e}"));
        Run {
            what,
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The exit code; `None` when a signal ended the program.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Asserts that the program exited with `code`, and hands the run back
    /// for a closer look at both streams.
    #[track_caller]
    pub fn exits(self, code: i32) -> Run {
        assert_eq!(self.code(), Some(code), "{self}");
        self
    }

    /// Asserts exit 0 and an empty stderr; returns stdout.
    #[track_caller]
    pub fn success(self) -> String {
        let run = self.exits(0);
        assert!(run.stderr.is_empty(), "stderr is not empty:\n{run}");
        run.stdout
    }

    /// Asserts exit `code` and an empty stdout; returns stderr.
    #[track_caller]
    pub fn fails(self, code: i32) -> String {
        let run = self.exits(code);
        assert!(run.stdout.is_empty(), "stdout is not empty:\n{run}");
        run.stderr
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: {}\n--- stdout\n{}--- stderr\n{}",
            self.what, self.status, self.stdout, self.stderr
        )
    }
}

/// Two one-second holds and no lead-in: two seconds in all.
/// A one-step routine that takes 200 ms: quick enough to run in a test.
pub const QUICK: &str = "title = \"Quick\"\nlead_in = \"0s\"\n[[step]]\nname = \"One\"\ncue = \"Go\"\nhold = \"200ms\"\n";

pub const SHORT: &str = r#"
title = "Quick"
lead_in = "0s"

[[step]]
name = "One"
cue = "Cue one"
hold = "1s"

[[step]]
name = "Two"
cue = "Cue two"
hold = "1s"
"#;

/// A small valid routine: one step of `reps` holds of `hold` seconds.
pub fn routine(title: &str, hold: &str, reps: u32) -> String {
    format!(
        "title = \"{title}\"\nlead_in = \"0s\"\n\n[[step]]\nname = \"Only step\"\ncue = \"Do the thing.\"\nhold = \"{hold}\"\nreps = {reps}\nrest = \"0s\"\n"
    )
}
