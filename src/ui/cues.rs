//! The cues a person hears with their eyes shut: tones, the terminal
//! bell, and the spoken voice.
//!
//! Nothing here ever waits: a tone's player and the speech program are
//! started and left to run, so a slow or stuck one can never delay a
//! phase. Both are kept, and [`Cues::finish`] ends them when the run does.

mod player;
mod speech;
pub mod timeline;
mod tones;
pub mod voice;
mod wav;

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::session::{Engine, Event, PhaseKind};
use player::Player;
pub use player::{PLAYERS, find_player};
pub use speech::SPEECH_PROGRAMS;
use speech::{Tag, Utterance, Voice};
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
    /// The index of the phase last started, which what is said belongs to.
    phase: usize,
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
            phase: 0,
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
    /// rep phase starts and ends), a tick on each of the last seconds
    /// before a move or a hold, and, for the voice, what someone with their
    /// eyes shut needs: the step (and side) as it starts, each phase as it
    /// starts ("rest", "switch sides", or a rep phase's `say` line), "last
    /// one" as a step's last rep starts, the countdown, the prompts, and
    /// "done" with the time at the end.
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
                    self.phase = *index;
                    if let Some(voice) = &self.voice {
                        voice.set_phase(*index);
                    }
                    for text in announcement(engine, *index) {
                        self.say(&text);
                    }
                    self.previous = Some(phase.kind);
                }
                Event::Countdown { secs } => {
                    self.bell(out);
                    self.play(Sound::Tick);
                    self.count(&secs.to_string());
                }
                Event::Tick { .. } => self.play(Sound::Tick),
                Event::PromptFired { text, .. } => self.say(text),
                Event::Finished => {
                    if self.previous.is_some_and(PhaseKind::is_rep) {
                        self.bell(out);
                    }
                    self.play(Sound::Done);
                    let took = engine.elapsed(Instant::now());
                    let words = if took.as_secs() == 0 {
                        "Done".to_string()
                    } else {
                        format!("Done, {}", spoken_time(took))
                    };
                    self.send(&words, Tag::Last);
                }
                Event::Paused | Event::Resumed | Event::Quit => {}
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

    /// Says `text` after whatever is being said now, unless a later phase
    /// has started by the time it could be said.
    pub fn say(&mut self, text: &str) {
        self.send(text, Tag::Phase(self.phase));
    }

    /// Says a countdown number, unless speech has fallen behind by then.
    pub fn count(&mut self, text: &str) {
        self.send(text, Tag::Count(self.phase));
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

    fn send(&mut self, text: &str, tag: Tag) {
        if let (Some(voice), false) = (&self.voice, self.muted) {
            voice.send(Utterance {
                text: text.to_string(),
                tag,
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

/// What the voice says as phase `index` starts, in order: the step's
/// name (and side) as a step starts; "switch sides" and the side as a
/// later side starts (with or without a countdown); "rest"; and a rep
/// phase's `say` line (or its name),
/// after "last one" as the last rep of a step (of each side) starts. A get
/// ready says only the step: its countdown says the rest.
fn announcement(engine: &Engine, index: usize) -> Vec<String> {
    let phase = &engine.plan().phases()[index];
    let step = &engine.routine().steps[phase.step];
    let side = phase.side.and_then(|s| step.sides.get(s));
    let mut said = Vec::new();
    if engine.plan().first_phase_of(phase.step) == index {
        said.push(match side {
            Some(side) => format!("{}, {side} side", step.name),
            None => step.name.clone(),
        });
    }
    // A later side starts with a switch of sides, or, without a
    // countdown, straight with its first rep: either way it is said.
    let new_side = index
        .checked_sub(1)
        .map(|before| &engine.plan().phases()[before])
        .is_some_and(|before| before.step == phase.step && before.side != phase.side);
    if phase.kind == PhaseKind::SwitchSides || new_side {
        said.push(match side {
            Some(side) => format!("switch sides, {side} side"),
            None => "switch sides".to_string(),
        });
    }
    match (phase.kind, engine.rep_phase_of(phase)) {
        (PhaseKind::SwitchSides, _) => {}
        (PhaseKind::Rest, _) => said.push("rest".to_string()),
        (_, Some(rep_phase)) => {
            let last = phase.part == Some(0) && phase.reps > 1 && phase.rep == phase.reps;
            said.push(if last {
                format!("Last one. {}", rep_phase.line())
            } else {
                rep_phase.line().to_string()
            });
        }
        (PhaseKind::GetReady | PhaseKind::Move | PhaseKind::Hold, None) => {}
    }
    said
}

/// A length of time as a speech engine reads it well: "2 minutes 10
/// seconds", "1 minute", "45 seconds", "1 hour 5 minutes".
fn spoken_time(d: Duration) -> String {
    let secs = d.as_secs();
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut words = Vec::new();
    for (n, unit) in [(hours, "hour"), (minutes, "minute"), (seconds, "second")] {
        if n > 0 {
            words.push(crate::text::plural(n, unit));
        }
    }
    if words.is_empty() {
        words.push(crate::text::plural(0, "second"));
    }
    words.join(" ")
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
    crate::process::Program::find_first(SPEECH_PROGRAMS, path).map(|p| p.path().to_owned())
}

#[cfg(test)]
mod tests;
