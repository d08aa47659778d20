//! The cues a person hears with their eyes shut: tones, the terminal
//! bell, and the voice, on the run's clock.
//!
//! As each phase starts, its sounds are laid out on one timeline
//! ([`timeline`]) by the real length of every clip: the tone, then the
//! phase's words, its prompts, the countdown numbers on their seconds and
//! ticks where nothing else is heard. The run loop wakes for each, and
//! each is started at its moment, never waited for: a player or speech
//! program is started and left to run, so a slow or stuck one can never
//! delay a phase. Every child is kept, and [`Cues::finish`] ends them when
//! the run does, after the last words have been heard.

mod player;
pub mod script;
pub mod timeline;
mod tones;
pub mod voice;
mod wav;

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::session::{Engine, Event, PhaseKind, Status};
use player::Player;
pub use player::{PLAYERS, find_player};
use script::Lengths;
use timeline::{Clip, Part, Schedule, Slot};
pub use tones::{Sound, SoundFiles};
use voice::{Renderer, estimate};
pub use voice::{SPEECH_PROGRAMS, Speaker};

/// How late a countdown number or a tick may start and still be on its
/// second; later than this, it is skipped.
const ON_TIME: Duration = Duration::from_millis(80);

/// How long the end waits for its words to be rendered before it says
/// them live instead.
const DONE_RENDER_WAIT: Duration = Duration::from_secs(2);

/// Tones, bell and voice for one run.
#[derive(Debug)]
pub struct Cues {
    bell: bool,
    /// Plays the tones and the voice's clips.
    player: Option<Player>,
    /// The tones, when they are played.
    tones: Option<SoundFiles>,
    voice: Option<Voice>,
    muted: bool,
    /// The kind of the phase last started, so the end of a hold rings.
    previous: Option<PhaseKind>,
    /// What the current phase sounds like, and what of it has been heard.
    phase: Option<PhaseState>,
    /// When the clip started last ends, by its length.
    busy_until: Option<Instant>,
    /// The words of the phase just left that it had no time to start:
    /// a phase's own words are never dropped, so they come first in the
    /// next one.
    pending: Vec<String>,
    /// The end's tone and words, each with its moment, not yet started.
    last: Vec<(Instant, Clip, Duration)>,
    /// How much shorter than the routine's times the clips are taken to
    /// be: 1 but in tests that run a routine faster than life.
    scale: f64,
    /// Whether the fit of the routine's words has been said.
    fit_said: bool,
    /// Whether `v` has said there is no speech program.
    no_voice_said: bool,
    /// The label to say problems on stderr with as they happen (plain
    /// mode), rather than keep them for after the full screen.
    report_at_once: Option<String>,
    problems: Vec<String>,
}

/// The voice: who speaks, whether it is on, and its clips.
#[derive(Debug)]
struct Voice {
    speaker: Speaker,
    on: bool,
    cache: PathBuf,
    /// Started as the voice is first on, for a speaker that renders.
    renderer: Option<Renderer>,
    /// Live speech still running.
    live: Vec<Child>,
    /// Whether a live failure has been said.
    reported: bool,
}

/// The current phase's sounds on its clock.
#[derive(Debug)]
struct PhaseState {
    index: usize,
    /// What it was worked out for: when any of these change, it is worked
    /// out again, keeping what has been heard.
    length: Duration,
    voice_on: bool,
    muted: bool,
    progress: usize,
    /// How far into the phase the last phase's sounds ran.
    carry: Duration,
    schedule: Schedule,
    played: HashSet<Part>,
}

impl Cues {
    /// `bell` rings the terminal bell (only when no tones are set).
    pub fn new(bell: bool) -> Cues {
        Cues {
            bell,
            player: None,
            tones: None,
            voice: None,
            muted: false,
            previous: None,
            phase: None,
            busy_until: None,
            pending: Vec::new(),
            last: Vec::new(),
            scale: 1.0,
            fit_said: false,
            no_voice_said: false,
            report_at_once: None,
            problems: Vec::new(),
        }
    }

    /// Plays tones from `files` with `player` (program and leading
    /// arguments; the WAV path goes last) instead of ringing the bell.
    pub fn with_tones(mut self, player: Vec<String>, files: SoundFiles) -> Cues {
        self.bell = false;
        self.player = Some(Player::new(player));
        self.tones = Some(files);
        self
    }

    /// Plays the voice's clips with `player`, when there are no tones.
    pub fn with_player(mut self, player: Vec<String>) -> Cues {
        if self.player.is_none() {
            self.player = Some(Player::new(player));
        }
        self
    }

    /// Speaks with `speaker`, its clips rendered into `cache`; `on` says
    /// whether the voice is on from the start (`v` switches it).
    pub fn with_voice(mut self, speaker: Speaker, cache: PathBuf, on: bool) -> Cues {
        self.voice = Some(Voice {
            speaker,
            on,
            cache,
            renderer: None,
            live: Vec::new(),
            reported: false,
        });
        self
    }

    /// Takes every clip to be `scale` times as long as measured: for tests
    /// that run a routine at `scale` of its times.
    pub fn with_time_scale(mut self, scale: f64) -> Cues {
        self.scale = scale;
        self
    }

    /// Rings, plays and speaks what the engine's events and its clock
    /// call for at `now`: the bell as phases start and end (with no
    /// tones), and the current phase's sounds that are due.
    pub(super) fn events(
        &mut self,
        engine: &Engine,
        events: &[Event],
        now: Instant,
        out: &mut impl Write,
    ) {
        self.reap();
        self.prepare(engine);
        for event in events {
            match event {
                Event::PhaseStarted { index } => {
                    let kind = engine.plan().phases()[*index].kind;
                    let hold_ended = self.previous.is_some_and(PhaseKind::is_rep);
                    if kind.is_rep() || hold_ended {
                        self.ring(out);
                    }
                    self.previous = Some(kind);
                }
                Event::Countdown { .. } => self.ring(out),
                Event::Finished => {
                    if self.previous.is_some_and(PhaseKind::is_rep) {
                        self.ring(out);
                    }
                    self.the_end(engine, now);
                }
                Event::Tick { .. }
                | Event::PromptFired { .. }
                | Event::Paused
                | Event::Resumed
                | Event::Quit => {}
            }
        }
        self.play_due(engine, now);
    }

    /// The next moment a sound is due, while the run goes on.
    pub fn next_wake(&self, engine: &Engine, now: Instant) -> Option<Instant> {
        if engine.status() != Status::Running {
            return None;
        }
        let state = self.phase.as_ref()?;
        if state.index != engine.phase_index() {
            return None;
        }
        let elapsed = engine.phase_elapsed(now);
        state
            .schedule
            .slots
            .iter()
            .filter(|slot| !state.played.contains(&slot.part))
            .map(|slot| now + slot.at.saturating_sub(elapsed))
            .min()
    }

    /// Mutes or unmutes everything: bell, tones and voice. What is playing
    /// is cut off. Says whether it is now muted.
    pub fn toggle_mute(&mut self) -> bool {
        self.muted = !self.muted;
        if self.muted {
            self.silence();
        }
        self.muted
    }

    pub fn is_muted(&self) -> bool {
        self.muted
    }

    /// Switches the voice on or off, and says so aloud as it comes on.
    /// Without a speech program, says once (after the run) what to
    /// install.
    pub fn toggle_voice(&mut self, now: Instant) {
        let Some(voice) = self.voice.as_mut() else {
            if !std::mem::replace(&mut self.no_voice_said, true) {
                self.problems
                    .push("`v` found no speech program to switch on; install espeak-ng".into());
            }
            return;
        };
        voice.on = !voice.on;
        if !voice.on {
            voice.stop_live();
        } else if !self.muted {
            let words = "voice on".to_string();
            let len = self.words(&words).unwrap_or_default();
            self.sound(&Clip::Say(words), len, now);
        }
    }

    /// Whether the voice is on (and there is one).
    pub fn voice_on(&self) -> bool {
        self.voice.as_ref().is_some_and(|v| v.on)
    }

    /// Says a problem (a failing player) on stderr as it happens, after
    /// `label` (such as "warning:"), as plain mode does. Without this,
    /// problems wait for [`Cues::finish`], so as never to be drawn over
    /// the full screen.
    pub fn report_at_once(&mut self, label: String) {
        self.report_at_once = Some(label);
    }

    /// Ends the run's sounds. The end's tone and words are played at their
    /// moments, and what plays may go on for up to `grace` (so that the
    /// end is heard to its last word), unless `cut_short` says otherwise
    /// (it is asked every few milliseconds); then whatever is left is
    /// killed, and every child is reaped.
    pub fn finish(&mut self, grace: Duration, mut cut_short: impl FnMut() -> bool) {
        let start = Instant::now();
        let deadline = start + grace;
        loop {
            let now = Instant::now();
            self.reap();
            self.play_last(now, now.duration_since(start) >= DONE_RENDER_WAIT);
            let sounding = self.busy_until.is_some_and(|until| until > now)
                || self.player.as_ref().is_some_and(Player::busy)
                || self.voice.as_ref().is_some_and(|v| !v.live.is_empty());
            if (self.last.is_empty() && !sounding) || now >= deadline || cut_short() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.silence();
    }

    /// Starts the end's tone and words whose moment has come, while an end
    /// screen shows; the next moment one is due, if any.
    pub fn play_last_words(&mut self, now: Instant) -> Option<Instant> {
        self.reap();
        self.play_last(now, false);
        self.last
            .first()
            .map(|(at, _, _)| (*at).max(now + Duration::from_millis(20)))
    }

    /// The problems not yet said (a failing player), each once.
    pub fn take_problems(&mut self) -> Vec<String> {
        std::mem::take(&mut self.problems)
    }

    /// Starts rendering every text of the run, once the voice is on.
    fn prepare(&mut self, engine: &Engine) {
        let Some(voice) = &mut self.voice else { return };
        // Clips need a player; without one, every word is said live.
        if !voice.on
            || voice.renderer.is_some()
            || !voice.speaker.renders()
            || self.player.is_none()
        {
            return;
        }
        let renderer = Renderer::start(voice.speaker.clone(), voice.cache.clone());
        renderer.ask(script::texts(engine.routine(), engine.plan()));
        voice.renderer = Some(renderer);
    }

    /// Plays the sounds of the current phase that are due at `now`.
    fn play_due(&mut self, engine: &Engine, now: Instant) {
        if engine.status() != Status::Running {
            return;
        }
        self.say_fit(engine);
        let elapsed = engine.phase_elapsed(now);
        self.refresh(engine, now, elapsed);
        let Some(state) = &mut self.phase else { return };
        let due: Vec<Slot> = state
            .schedule
            .slots
            .iter()
            .filter(|slot| slot.at <= elapsed && !state.played.contains(&slot.part))
            .cloned()
            .collect();
        state.played.extend(due.iter().map(|slot| slot.part));
        let length = state.length;
        for slot in due {
            let late = elapsed - slot.at;
            let heard = match slot.part {
                // A number or a tick is on its second, or not at all.
                Part::Number(_) | Part::Tick(_) => late <= ON_TIME,
                // A prompt never runs into the next phase.
                Part::Prompt(_) => elapsed + slot.len <= length,
                Part::Tone | Part::Word(_) => true,
            };
            if heard && !self.muted {
                self.sound(&slot.clip, slot.len, now);
            }
        }
        self.say_problems();
    }

    /// Works the current phase's schedule out, again when its length, the
    /// voice, the mute or the clips known have changed since.
    fn refresh(&mut self, engine: &Engine, now: Instant, elapsed: Duration) {
        let index = engine.phase_index();
        let length = engine.phase_duration();
        let voice_on = self.voice_on();
        let progress = self.progress();
        let same_phase = self.phase.as_ref().is_some_and(|s| s.index == index);
        if let Some(state) = &self.phase
            && same_phase
            && (state.length, state.voice_on, state.muted, state.progress)
                == (length, voice_on, self.muted, progress)
        {
            return;
        }
        let (carry, played) = match self.phase.take() {
            Some(state) if same_phase => (state.carry, state.played),
            old => {
                self.pending = old.map(|old| unsaid(&old)).unwrap_or_default();
                let started = now.checked_sub(elapsed).unwrap_or(now);
                let carry = self.busy_until.map_or(Duration::ZERO, |until| {
                    until.saturating_duration_since(started)
                });
                (carry, HashSet::new())
            }
        };
        let mut sound = script::phase_sound(engine.routine(), engine.plan(), index, length, self);
        let carried = self
            .pending
            .iter()
            .filter_map(|text| Some((text.clone(), self.words(text)?)));
        sound.words.splice(0..0, carried);
        self.phase = Some(PhaseState {
            index,
            length,
            voice_on,
            muted: self.muted,
            progress,
            carry,
            schedule: timeline::schedule(&sound, carry),
            played,
        });
    }

    /// How many clips have been rendered: the schedule follows it.
    fn progress(&self) -> usize {
        self.voice
            .as_ref()
            .and_then(|v| v.renderer.as_ref())
            .map_or(0, Renderer::progress)
    }

    /// Once every clip is rendered, says where the routine's words do not
    /// fit their phases: once a run.
    fn say_fit(&mut self, engine: &Engine) {
        let ready = self
            .voice
            .as_ref()
            .and_then(|v| v.renderer.as_ref())
            .is_some_and(Renderer::is_idle);
        if self.fit_said || !ready {
            return;
        }
        self.fit_said = true;
        for line in script::misfits(engine.routine(), self) {
            self.problems.push(format!(
                "the voice does not fit: {line}; `mobility check --voice` shows every place"
            ));
        }
    }

    /// Lays out the end: the last phase's words it had no time for, its
    /// tone, then "done" and the time.
    fn the_end(&mut self, engine: &Engine, now: Instant) {
        let mut at = self.busy_until.map_or(now, |until| until.max(now));
        let unsaid = self.phase.as_ref().map(unsaid).unwrap_or_default();
        for words in unsaid {
            if let Some(len) = self.words(&words) {
                self.last.push((at, Clip::Say(words), len));
                at += len;
            }
        }
        if let Some(len) = self.tone(Sound::Done) {
            self.last.push((at, Clip::Tone(Sound::Done), len));
            at += len;
        }
        if self.voice_on() {
            let words = script::done_words(engine.elapsed(now));
            if let Some(renderer) = self.voice.as_ref().and_then(|v| v.renderer.as_ref()) {
                renderer.ask([words.clone()]);
            }
            let len = self.words(&words).unwrap_or_default();
            self.last.push((at, Clip::Say(words), len));
        }
    }

    /// Starts the end's sounds whose moment has come. Words not rendered
    /// yet wait for it, until `give_up`, when they are said live.
    fn play_last(&mut self, now: Instant, give_up: bool) {
        if self.muted {
            self.last.clear();
            return;
        }
        while let Some((at, clip, _)) = self.last.first().cloned() {
            if at > now {
                break;
            }
            if let Clip::Say(text) = &clip {
                let rendering = self
                    .voice
                    .as_ref()
                    .and_then(|v| v.renderer.as_ref())
                    .is_some_and(|r| r.clip(text).is_none() && !r.is_idle());
                if rendering && !give_up {
                    break;
                }
            }
            let (_, clip, len) = self.last.remove(0);
            let len = match &clip {
                Clip::Say(text) => self.words(text).unwrap_or(len),
                Clip::Tone(_) => len,
            };
            self.sound(&clip, len, now);
        }
        self.say_problems();
    }

    /// Starts `clip`, which lasts `len`, at `now`: a tone through the
    /// player; words as their rendered clip through the player, or else
    /// spoken live.
    fn sound(&mut self, clip: &Clip, len: Duration, now: Instant) {
        let until = now + len;
        self.busy_until = Some(self.busy_until.map_or(until, |b| b.max(until)));
        let (player, tones, voice, problems) = (
            &mut self.player,
            self.tones.as_ref(),
            &mut self.voice,
            &mut self.problems,
        );
        match clip {
            Clip::Tone(sound) => {
                if let (Some(player), Some(files)) = (player.as_mut(), tones) {
                    problems.extend(player.play(&files.path(*sound)));
                }
            }
            Clip::Say(text) => {
                let Some(voice) = voice.as_mut().filter(|v| v.on) else {
                    return;
                };
                let rendered = voice.renderer.as_ref().and_then(|r| r.clip(text));
                if let (Some(rendered), Some(player)) = (rendered, player.as_mut()) {
                    problems.extend(player.play(&rendered.path));
                    return;
                }
                match voice.speaker.speak_live(text) {
                    Some(Ok(child)) => voice.live.push(child),
                    Some(Err(e)) if !std::mem::replace(&mut voice.reported, true) => {
                        problems.push(format!(
                            "the voice {} cannot be started: {}; the run goes on without it",
                            crate::text::quote(voice.speaker.name()),
                            crate::diagnostic::io_message(&e)
                        ));
                    }
                    _ => {}
                }
            }
        }
        if let Some(failure) = voice
            .as_ref()
            .and_then(|v| v.renderer.as_ref())
            .and_then(Renderer::take_failure)
        {
            problems.push(failure);
        }
    }

    /// Cuts off everything playing and speaking.
    fn silence(&mut self) {
        if let Some(player) = &mut self.player {
            player.stop();
        }
        if let Some(voice) = &mut self.voice {
            voice.stop_live();
        }
        self.busy_until = None;
    }

    /// Rings the terminal bell, unless quiet or muted.
    fn ring(&self, out: &mut impl Write) {
        if self.bell && !self.muted {
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    }

    /// Collects the players and live speech that have ended.
    fn reap(&mut self) {
        if let Some(player) = &mut self.player
            && let Some(problem) = player.reap()
        {
            self.problems.push(problem);
        }
        if let Some(voice) = &mut self.voice {
            voice
                .live
                .retain_mut(|child| matches!(child.try_wait(), Ok(None)));
        }
        self.say_problems();
    }

    /// With problems said as they happen, says those waiting.
    fn say_problems(&mut self) {
        if let Some(label) = &self.report_at_once {
            for problem in self.problems.drain(..) {
                let _ = writeln!(std::io::stderr().lock(), "{label} {problem}");
            }
        }
    }

    fn scaled(&self, d: Duration) -> Duration {
        d.mul_f64(self.scale)
    }
}

/// The words of a phase, its own or carried into it, not yet started.
fn unsaid(state: &PhaseState) -> Vec<String> {
    state
        .schedule
        .slots
        .iter()
        .filter(|slot| matches!(slot.part, Part::Word(_)) && !state.played.contains(&slot.part))
        .filter_map(|slot| match &slot.clip {
            Clip::Say(text) => Some(text.clone()),
            Clip::Tone(_) => None,
        })
        .collect()
}

impl Lengths for Cues {
    fn tone(&self, sound: Sound) -> Option<Duration> {
        self.tones.as_ref()?;
        Some(self.scaled(sound.length()))
    }

    fn words(&self, text: &str) -> Option<Duration> {
        let voice = self.voice.as_ref().filter(|v| v.on)?;
        let clip = voice.renderer.as_ref().and_then(|r| r.clip(text));
        Some(self.scaled(clip.map_or_else(|| estimate(text), |c| c.length)))
    }
}

impl Voice {
    fn stop_live(&mut self) {
        for mut child in self.live.drain(..) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.stop_live();
    }
}

/// The sound that starts a phase of `kind`.
pub use script::sound_of;

/// Finds the first speech program on `path` (a `PATH`-style list).
pub fn find_speech_program(path: Option<&std::ffi::OsStr>) -> Option<Speaker> {
    Speaker::automatic(path)
}

#[cfg(test)]
mod tests;
