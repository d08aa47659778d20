//! The terminal bell and the spoken voice.
//!
//! Speech is spawned and never waited on while the clock runs: a slow or
//! stuck speech program can never delay a phase.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The speech programs tried, in order, when no command is configured.
pub const SPEECH_PROGRAMS: &[&str] = &["spd-say", "espeak-ng", "espeak", "say"];

/// Bells and voice for one run.
#[derive(Debug)]
pub struct Cues {
    bell: bool,
    voice: Option<Vec<String>>,
    muted: bool,
    children: Vec<Child>,
}

impl Cues {
    /// `voice` is the command to speak with (program and leading arguments),
    /// or `None` for no voice.
    pub fn new(bell: bool, voice: Option<Vec<String>>) -> Cues {
        Cues {
            bell,
            voice,
            muted: false,
            children: Vec::new(),
        }
    }

    pub fn toggle_mute(&mut self) -> bool {
        self.muted = !self.muted;
        self.muted
    }

    pub fn is_muted(&self) -> bool {
        self.muted
    }

    /// Rings the terminal bell, unless quiet or muted.
    pub fn bell(&self, out: &mut impl Write) {
        if self.bell && !self.muted {
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }

    /// Speaks `text` in the background, unless there is no voice or muted.
    pub fn say(&mut self, text: &str) {
        self.children
            .retain_mut(|c| matches!(c.try_wait(), Ok(None)));
        let Some(command) = &self.voice else { return };
        if self.muted {
            return;
        }
        let Some((program, args)) = command.split_first() else {
            return;
        };
        if let Ok(child) = Command::new(program)
            .args(args)
            .arg(text)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            self.children.push(child);
        }
    }
}

/// Finds the first speech program on `path` (a `PATH`-style list).
pub fn find_speech_program(path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    SPEECH_PROGRAMS
        .iter()
        .find_map(|name| find_program(name, path))
}

/// Finds a program the way a shell would: a name with a `/` is taken as
/// it is, any other is looked up on `path`.
pub fn find_program(name: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    if name.contains('/') {
        let program = PathBuf::from(name);
        return is_executable(&program).then_some(program);
    }
    std::env::split_paths(path?)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_speech_program_on_the_path_wins_in_the_documented_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["say", "espeak"] {
            let p = dir.path().join(name);
            std::fs::write(&p, "#!/bin/sh\n").unwrap();
            std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755))
                .unwrap();
        }
        let found = find_speech_program(Some(dir.path().as_os_str())).unwrap();
        assert_eq!(found, dir.path().join("espeak"));
        assert_eq!(find_speech_program(Some("/nonexistent".as_ref())), None);
    }

    #[test]
    fn a_muted_or_quiet_run_rings_no_bell() {
        let mut out = Vec::new();
        Cues::new(true, None).bell(&mut out);
        assert_eq!(out, b"\x07");
        let mut out = Vec::new();
        Cues::new(false, None).bell(&mut out);
        let mut muted = Cues::new(true, None);
        muted.toggle_mute();
        muted.bell(&mut out);
        assert!(out.is_empty());
    }
}
