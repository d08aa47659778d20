//! A hermetic environment for running the `mobility` binary: its own
//! temporary home and XDG directories, and none of the caller's colour or
//! terminal settings.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn state_home(&self) -> PathBuf {
        self.dir.path().join("state")
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
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Writes a routine into the user's routine directory.
    #[track_caller]
    pub fn user_routine(&self, id: &str, contents: &str) -> PathBuf {
        let dir = self.user_routines();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{id}.toml"));
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// `mobility ARGS...` in this environment.
    pub fn cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        Command::from_std(self.std_cmd(args))
    }

    /// The same as [`TestEnv::cmd`], as a std `Command` that can be spawned.
    pub fn std_cmd<I, S>(&self, args: I) -> std::process::Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mobility"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("XDG_STATE_HOME", self.state_home())
            .env("XDG_RUNTIME_DIR", self.dir.path().join("runtime"))
            .env("TZ", "UTC");
        cmd
    }

    /// Runs and returns (exit code, stdout, stderr).
    #[track_caller]
    pub fn output<I, S>(&self, args: I) -> (i32, String, String)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let out = self.cmd(args).output().expect("mobility runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A small valid routine: one step of `reps` holds of `hold` seconds.
pub fn routine(title: &str, hold: &str, reps: u32) -> String {
    format!(
        "title = \"{title}\"\nlead_in = \"0s\"\n\n[[step]]\nname = \"Only step\"\ncue = \"Do the thing.\"\nhold = \"{hold}\"\nreps = {reps}\nrest = \"0s\"\n"
    )
}
