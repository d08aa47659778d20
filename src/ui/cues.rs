//! The terminal bell and the spoken voice.
//!
//! Speech runs on a thread of its own, one utterance after another; the
//! clock only hands it text, so a slow or stuck speech program can never
//! delay a phase.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Sender};

use crate::session::{Engine, Event, PhaseKind};

/// The speech programs tried, in order, when no command is configured.
pub const SPEECH_PROGRAMS: &[&str] = &["spd-say", "espeak-ng", "espeak", "say"];

/// Bells and voice for one run.
#[derive(Debug)]
pub struct Cues {
    bell: bool,
    voice: Option<Sender<Utterance>>,
    muted: bool,
    /// The kind of the phase last started, so the end of a hold rings.
    previous: Option<PhaseKind>,
}

/// Something to say, and whether it may be dropped when speech falls behind.
#[derive(Debug)]
struct Utterance {
    text: String,
    /// A countdown number is stale once something newer is waiting.
    droppable: bool,
}

impl Cues {
    /// `voice` is the command to speak with (program and leading arguments),
    /// or `None` for no voice.
    pub fn new(bell: bool, voice: Option<Vec<String>>) -> Cues {
        Cues {
            bell,
            voice: voice.map(speaker),
            muted: false,
            previous: None,
        }
    }

    /// Rings and speaks what the engine's events call for: a bell as a
    /// hold starts and ends and on each countdown number, the step's name
    /// as it starts, "switch sides", the prompts and the countdown.
    pub(super) fn events(&mut self, engine: &Engine, events: &[Event], out: &mut impl Write) {
        for event in events {
            match event {
                Event::PhaseStarted { index } => {
                    let phase = &engine.plan().phases()[*index];
                    let hold_ended = self.previous.is_some_and(PhaseKind::is_rep);
                    if phase.kind.is_rep() || hold_ended {
                        self.bell(out);
                    }
                    let first_of_step = engine.plan().first_phase_of(phase.step) == *index;
                    if first_of_step {
                        self.say(&engine.routine().steps[phase.step].name);
                    } else if phase.kind == PhaseKind::SwitchSides {
                        self.say("switch sides");
                    }
                    self.previous = Some(phase.kind);
                }
                Event::Countdown { secs } => {
                    self.bell(out);
                    self.count(&secs.to_string());
                }
                Event::PromptFired { text, .. } => self.say(text),
                Event::Finished => {
                    if self.previous.is_some_and(PhaseKind::is_rep) {
                        self.bell(out);
                    }
                }
                Event::Tick { .. } | Event::Paused | Event::Resumed | Event::Quit => {}
            }
        }
    }

    pub(super) fn toggle_mute(&mut self) -> bool {
        self.muted = !self.muted;
        self.muted
    }

    pub(super) fn is_muted(&self) -> bool {
        self.muted
    }

    /// Rings the terminal bell, unless quiet or muted.
    fn bell(&self, out: &mut impl Write) {
        if self.bell && !self.muted {
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }

    /// Says `text`, after whatever is being said now.
    fn say(&mut self, text: &str) {
        self.send(text, false);
    }

    /// Says a countdown number, unless speech has fallen behind by then.
    fn count(&mut self, text: &str) {
        self.send(text, true);
    }

    fn send(&mut self, text: &str, droppable: bool) {
        if let (Some(voice), false) = (&self.voice, self.muted) {
            let _ = voice.send(Utterance {
                text: text.to_string(),
                droppable,
            });
        }
    }
}

/// Starts the thread that speaks, one utterance at a time so that they
/// never talk over each other. The run loop only sends to it, so a slow or
/// stuck speech program can never delay the clock.
fn speaker(command: Vec<String>) -> Sender<Utterance> {
    let (tx, rx) = mpsc::channel::<Utterance>();
    std::thread::spawn(move || {
        let Some((program, args)) = command.split_first() else {
            return;
        };
        while let Ok(first) = rx.recv() {
            let waiting = std::iter::once(first).chain(rx.try_iter()).collect();
            for utterance in catch_up(waiting) {
                let _ = Command::new(program)
                    .args(args)
                    .arg(&utterance.text)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status();
            }
        }
    });
    tx
}

/// What is still worth saying when speech has fallen behind: everything
/// but countdown numbers that something newer has overtaken.
fn catch_up(mut waiting: Vec<Utterance>) -> Vec<Utterance> {
    let last = waiting.len().saturating_sub(1);
    let mut index = 0;
    waiting.retain(|u| {
        let keep = !u.droppable || index == last;
        index += 1;
        keep
    });
    waiting
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
    fn speech_that_falls_behind_drops_stale_countdown_numbers_only() {
        let said = |items: &[(&str, bool)]| -> Vec<String> {
            let waiting = items
                .iter()
                .map(|(text, droppable)| Utterance {
                    text: text.to_string(),
                    droppable: *droppable,
                })
                .collect();
            catch_up(waiting).into_iter().map(|u| u.text).collect()
        };
        assert_eq!(said(&[("3", true), ("2", true), ("1", true)]), ["1"]);
        assert_eq!(
            said(&[("2", true), ("Breathe out", false), ("1", true)]),
            ["Breathe out", "1"]
        );
        assert_eq!(said(&[("Reach up", false), ("3", true)]), ["Reach up", "3"]);
    }

    #[test]
    fn a_hold_rings_as_it_starts_and_again_as_the_next_phase_starts() {
        use std::time::{Duration, Instant};

        // The wall-flexion routine as it was before phases (holds only).
        let src = include_str!("view/testdata/wall-flexion-holds.toml");
        let id = "wall-flexion";
        let routine = crate::routine::parse::parse_str(src, id.to_string(), id).unwrap();
        // Get ready 0-3 s, hold 3-18 s, then the next step's get ready.
        let t0 = Instant::now();
        let mut engine = crate::session::Engine::new(routine, t0);
        let mut cues = Cues::new(true, None);
        let mut bells = |at: u64| {
            let events = engine.tick(t0 + Duration::from_millis(at));
            let mut out = Vec::new();
            cues.events(&engine, &events, &mut out);
            out.iter().filter(|&&b| b == 0x07).count()
        };
        assert_eq!(bells(0), 1, "the countdown's 3");
        assert_eq!(bells(2_500), 1, "the countdown's 1");
        assert_eq!(bells(3_000), 1, "the hold starts");
        assert_eq!(bells(10_000), 0, "nothing mid-hold");
        assert_eq!(bells(18_000), 2, "the hold ends, and the countdown's 3");
        assert_eq!(bells(18_500), 0, "the 3 is still showing");
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
