//! Playing a tone: a player program is started for each sound and never
//! waited for, so it can't delay the clock. Every child is kept, reaped as
//! it ends, and killed if still playing when mobility leaves, so none is
//! left behind as a zombie or still playing after the run.

use std::path::{Path, PathBuf};
use std::process::Child;

use crate::process::Program;

/// The players tried, in order, when `sound_command` is not set.
pub const PLAYERS: &[&str] = &["pw-play", "paplay", "aplay", "afplay"];

/// Finds the first known player on `path` (a `PATH`-style list).
pub fn find_player(path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    Program::find_first(PLAYERS, path).map(|p| p.path().to_owned())
}

/// Starts a player for each sound and keeps its children.
#[derive(Debug)]
pub(crate) struct Player {
    /// The program and its leading arguments; the WAV path goes last.
    command: Vec<String>,
    /// The program, found on `PATH` once; `None` when it is not there.
    program: Option<Program>,
    playing: Vec<Child>,
    /// Whether a failure has been reported already (it is, only once).
    reported: bool,
}

impl Player {
    pub fn new(command: Vec<String>) -> Player {
        Player {
            program: Program::find_command(&command, std::env::var_os("PATH").as_deref()),
            command,
            playing: Vec::new(),
            reported: false,
        }
    }

    /// Starts playing `wav` and returns at once. Gives a message the first
    /// time a player can't be started or has failed.
    pub fn play(&mut self, wav: &Path) -> Option<String> {
        let mut problem = self.reap();
        if self.command.is_empty() {
            return problem;
        }
        let started = match &self.program {
            Some(program) => program.command().arg(wav).spawn(),
            None => Err(std::io::ErrorKind::NotFound.into()),
        };
        match started {
            Ok(child) => self.playing.push(child),
            Err(e) => {
                problem = problem.or_else(|| {
                    self.failed(format!(
                        "cannot be started: {}",
                        crate::diagnostic::io_message(&e)
                    ))
                });
            }
        }
        problem
    }

    /// Collects the players that have ended; gives a message the first
    /// time one of them failed.
    pub fn reap(&mut self) -> Option<String> {
        let mut problem = None;
        let mut still = Vec::with_capacity(self.playing.len());
        for mut child in std::mem::take(&mut self.playing) {
            match child.try_wait() {
                Ok(None) => still.push(child),
                Ok(Some(status)) if status.success() => {}
                Ok(Some(status)) => {
                    problem = problem.or_else(|| self.failed(format!("failed ({status})")));
                }
                Err(_) => {}
            }
        }
        self.playing = still;
        problem
    }

    /// Whether any player is left running, as of the last reap.
    pub fn busy(&self) -> bool {
        !self.playing.is_empty()
    }

    /// Kills and reaps every player still running.
    pub fn stop(&mut self) {
        for mut child in self.playing.drain(..) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn failed(&mut self, how: String) -> Option<String> {
        if std::mem::replace(&mut self.reported, true) {
            return None;
        }
        Some(format!(
            "the sound player {} {how}; the run goes on without its tones",
            crate::text::quote(&self.command[0])
        ))
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        self.stop();
    }
}
