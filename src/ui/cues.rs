//! The cues a person hears with their eyes shut: tones, the terminal
//! bell, and the spoken voice.
//!
//! Nothing here ever waits: a tone's player and the speech program are
//! started and left to run, so a slow or stuck one can never delay a
//! phase. Both are kept, and [`Cues::finish`] ends them when the run does.

mod player;
mod speech;
mod tones;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::session::{Engine, Event, PhaseKind};
use player::Player;
pub use player::{PLAYERS, find_player};
pub use speech::SPEECH_PROGRAMS;
use speech::{Utterance, Voice};
pub use tones::{Sound, SoundFiles};

/// Tones, bell and voice for one run.
#[derive(Debug)]
pub struct Cues {
    bell: bool,
    tones: Option<(Player, SoundFiles)>,
    voice: Option<Voice>,
    muted: bool,
    /// The kind of the phase last started, so the end of a hold rings.
    previous: Option<PhaseKind>,
    /// The label to say problems on stderr with as they happen (plain
    /// mode), rather than keep them for after the full screen.
    report_at_once: Option<String>,
    problems: Vec<String>,
}

impl Cues {
    /// `bell` rings the terminal bell (only when no tones are set);
    /// `voice` is the command to speak with (program and leading
    /// arguments), or `None` for no voice.
    pub fn new(bell: bool, voice: Option<Vec<String>>) -> Cues {
        Cues {
            bell,
            tones: None,
            voice: voice.map(Voice::start),
            muted: false,
            previous: None,
            report_at_once: None,
            problems: Vec::new(),
        }
    }

    /// Plays tones from `files` with `player` (program and leading
    /// arguments; the WAV path goes last) instead of ringing the bell.
    pub fn with_tones(mut self, player: Vec<String>, files: SoundFiles) -> Cues {
        self.bell = false;
        self.tones = Some((Player::new(player), files));
        self
    }

    /// Rings, plays and speaks what the engine's events call for: the
    /// sound of each phase as it starts (or, with the bell, a ring as a
    /// hold starts and ends), a tick or ring on each countdown number, the
    /// step's name as it starts, "switch sides", the prompts, the
    /// countdown, and the end.
    pub(super) fn events(&mut self, engine: &Engine, events: &[Event], out: &mut impl Write) {
        self.reap();
        for event in events {
            match event {
                Event::PhaseStarted { index } => {
                    let phase = &engine.plan().phases()[*index];
                    let hold_ended = self.previous.is_some_and(PhaseKind::is_rep);
                    if phase.kind.is_rep() || hold_ended {
                        self.bell(out);
                    }
                    self.play(sound_of(phase.kind));
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
                    self.play(Sound::Tick);
                    self.count(&secs.to_string());
                }
                Event::PromptFired { text, .. } => self.say(text),
                Event::Finished => {
                    if self.previous.is_some_and(PhaseKind::is_rep) {
                        self.bell(out);
                    }
                    self.play(Sound::Done);
                }
                Event::Tick { .. } | Event::Paused | Event::Resumed | Event::Quit => {}
            }
        }
    }

    /// Mutes or unmutes everything: bell, tones and voice. Says whether
    /// it is now muted.
    pub fn toggle_mute(&mut self) -> bool {
        self.muted = !self.muted;
        if let Some(voice) = &self.voice {
            voice.set_muted(self.muted);
        }
        self.muted
    }

    pub fn is_muted(&self) -> bool {
        self.muted
    }

    /// Plays `sound`, unless there are no tones or they are muted. Never
    /// waits for it.
    pub fn play(&mut self, sound: Sound) {
        if self.muted {
            return;
        }
        let Some((player, files)) = &mut self.tones else {
            return;
        };
        let problem = player.play(&files.path(sound));
        self.problem(problem);
    }

    /// Says `text` after whatever is being said now.
    pub fn say(&mut self, text: &str) {
        self.send(text, false);
    }

    /// Says a countdown number, unless speech has fallen behind by then.
    pub fn count(&mut self, text: &str) {
        self.send(text, true);
    }

    /// Says a problem (a failing player) on stderr as it happens, after
    /// `label` (such as "warning:"), as plain mode does. Without this,
    /// problems wait for [`Cues::finish`], so as never to be drawn over
    /// the full screen.
    pub fn report_at_once(&mut self, label: String) {
        self.report_at_once = Some(label);
    }

    /// Ends the run's sounds and speech. What is playing or queued may go
    /// on for up to `grace` (so that the end is heard), unless `cut_short`
    /// says otherwise (it is asked every few milliseconds); then whatever
    /// is left is killed, and every child is reaped.
    pub fn finish(&mut self, grace: Duration, mut cut_short: impl FnMut() -> bool) {
        let deadline = Instant::now() + grace;
        if let Some(voice) = &mut self.voice {
            voice.close();
        }
        loop {
            self.reap();
            let speaking = self.voice.as_ref().is_some_and(|v| !v.is_done());
            let playing = self.tones.as_ref().is_some_and(|(p, _)| p.busy());
            if !(speaking || playing) || Instant::now() >= deadline || cut_short() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(voice) = &mut self.voice {
            voice.stop();
        }
        if let Some((player, _)) = &mut self.tones {
            player.stop();
        }
    }

    /// The problems not yet said (a failing player), each once.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// Rings the terminal bell, unless quiet or muted.
    fn bell(&self, out: &mut impl Write) {
        if self.bell && !self.muted {
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }

    fn send(&mut self, text: &str, droppable: bool) {
        if let (Some(voice), false) = (&self.voice, self.muted) {
            voice.send(Utterance {
                text: text.to_string(),
                droppable,
            });
        }
    }

    /// Collects the players that have ended.
    fn reap(&mut self) {
        if let Some((player, _)) = &mut self.tones {
            let problem = player.reap();
            self.problem(problem);
        }
    }

    fn problem(&mut self, problem: Option<String>) {
        let Some(problem) = problem else { return };
        if let Some(label) = &self.report_at_once {
            let _ = writeln!(std::io::stderr().lock(), "{label} {problem}");
        } else {
            self.problems.push(problem);
        }
    }
}

/// The sound that starts a phase of `kind`.
pub fn sound_of(kind: PhaseKind) -> Sound {
    match kind {
        PhaseKind::Move => Sound::Move,
        PhaseKind::Hold => Sound::Hold,
        PhaseKind::GetReady | PhaseKind::SwitchSides | PhaseKind::Rest => Sound::Rest,
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
mod tests;
