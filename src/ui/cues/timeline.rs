//! One audio timeline: when each tone, word and number of a phase is
//! heard, worked out from the real length of every clip before any of it
//! plays. The same rules place the sounds during a run and check, before
//! a run, that a routine's words fit its phases.
//!
//! The rules, for a phase of a given length:
//! - Its tone plays first, at the boundary, always.
//! - Its own words (the step's name, "rest", its `say` line) start as the
//!   tone ends, or as the words before them end, one after another. They
//!   are never dropped; words that run past the phase's end are what
//!   [`Schedule::overrun`] reports.
//! - Each prompt starts at its moment, or as the clip before it ends; a
//!   prompt that would not end within the phase is dropped, rather than
//!   run into the next phase's words.
//! - A countdown number starts on its second or not at all: it is said
//!   only when nothing else is heard then and it ends before the next
//!   number (or the phase's end) is due.
//! - A tick plays on its second only when it falls on no other clip; a
//!   spoken number takes its tick's place.
//!
//! So no two clips overlap, but for the boundary tone of a phase entered
//! while the last one's words still run, which only a routine whose words
//! do not fit can cause (and which a run reports once).

use std::time::Duration;

use super::tones::Sound;

/// What can be heard: a tone, or words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clip {
    Tone(Sound),
    Say(String),
}

/// Which part of a phase's sound a slot is, so that a slot keeps its
/// identity when the schedule is worked out again (after `+` or `-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Tone,
    Word(usize),
    Prompt(usize),
    Number(u64),
    Tick(u64),
}

/// A clip placed on the phase's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// From the start of the phase.
    pub at: Duration,
    pub len: Duration,
    pub part: Part,
    pub clip: Clip,
}

impl Slot {
    pub fn end(&self) -> Duration {
        self.at + self.len
    }
}

/// How a phase counts down its last seconds, with what each needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Count {
    None,
    /// Spoken numbers: each number's text ("3") and clip length. Without
    /// a voice, `tick` plays instead.
    Spoken {
        numbers: Vec<(u64, Duration)>,
        tick: Option<Duration>,
    },
    /// A tick of this length a second, when tones play.
    Ticks(Duration),
}

/// Everything a phase may sound like, with each clip's length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseSound {
    /// The phase's length now (with `+`/`-` adjustments).
    pub length: Duration,
    /// The boundary tone and its length; `None` without tones.
    pub tone: Option<(Sound, Duration)>,
    /// The phase's own words, in order, with their lengths.
    pub words: Vec<(String, Duration)>,
    /// Each prompt: its moment from the phase's start, its text, its length.
    pub prompts: Vec<(Duration, String, Duration)>,
    pub count: Count,
}

/// A prompt that could not be said within its phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Its moment, from the phase's start.
    pub at: Duration,
    pub text: String,
    /// How far past the phase's end it would have run.
    pub over: Duration,
}

/// A phase's sounds on its clock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    /// In the order they start.
    pub slots: Vec<Slot>,
    /// When the phase's own words end (its tone's end when it has none).
    pub words_end: Duration,
    pub dropped: Vec<Dropped>,
}

impl Schedule {
    /// How far the phase's own words run past its end, if they do.
    pub fn overrun(&self, length: Duration) -> Option<Duration> {
        (self.words_end > length).then(|| self.words_end - length)
    }

    /// When the last clip ends, from the phase's start.
    pub fn end(&self) -> Duration {
        self.slots.iter().map(Slot::end).max().unwrap_or_default()
    }
}

/// One second: the spacing of countdown numbers and ticks.
const SECOND: Duration = Duration::from_secs(1);

/// Places `sound` on the phase's clock. `carry` is how far into this phase
/// the last phase's sounds run (zero when they ended in time).
pub fn schedule(sound: &PhaseSound, carry: Duration) -> Schedule {
    let mut slots = Vec::new();
    let tone_end = match &sound.tone {
        Some((tone, len)) => {
            slots.push(Slot {
                at: Duration::ZERO,
                len: *len,
                part: Part::Tone,
                clip: Clip::Tone(*tone),
            });
            *len
        }
        None => Duration::ZERO,
    };
    let mut busy = tone_end.max(carry);
    for (i, (text, len)) in sound.words.iter().enumerate() {
        slots.push(Slot {
            at: busy,
            len: *len,
            part: Part::Word(i),
            clip: Clip::Say(text.clone()),
        });
        busy += *len;
    }
    let words_end = busy;
    let mut dropped = Vec::new();
    for (i, (at, text, len)) in sound.prompts.iter().enumerate() {
        let start = busy.max(*at);
        if start + *len > sound.length {
            dropped.push(Dropped {
                at: *at,
                text: text.clone(),
                over: start + *len - sound.length,
            });
            continue;
        }
        slots.push(Slot {
            at: start,
            len: *len,
            part: Part::Prompt(i),
            clip: Clip::Say(text.clone()),
        });
        busy = start + *len;
    }
    let taken: Vec<(Duration, Duration)> = slots.iter().map(|s| (s.at, s.end())).collect();
    let free = |from: Duration, to: Duration| {
        // Words carried over from the last phase are heard too.
        from >= carry && taken.iter().all(|&(a, b)| to <= a || from >= b)
    };
    for n in (1..=crate::session::engine::COUNTDOWN_FROM).rev() {
        let Some(at) = number_at(sound.length, n) else {
            continue;
        };
        // The next number, or the phase's end, whichever comes first.
        let next = number_at(sound.length, n - 1).unwrap_or(sound.length);
        let said = match &sound.count {
            Count::Spoken { numbers, .. } => numbers
                .iter()
                .find(|(m, _)| *m == n)
                .filter(|(_, len)| at + *len <= next && free(at, at + *len))
                .map(|(_, len)| Slot {
                    at,
                    len: *len,
                    part: Part::Number(n),
                    clip: Clip::Say(n.to_string()),
                }),
            _ => None,
        };
        let tick = match &sound.count {
            Count::Spoken { tick, .. } => *tick,
            Count::Ticks(len) => Some(*len),
            Count::None => None,
        };
        let ticked = tick.filter(|len| free(at, at + *len)).map(|len| Slot {
            at,
            len,
            part: Part::Tick(n),
            clip: Clip::Tone(Sound::Tick),
        });
        slots.extend(said.or(ticked));
    }
    slots.sort_by_key(|s| s.at);
    Schedule {
        slots,
        words_end,
        dropped,
    }
}

/// When countdown number `n` is due in a phase of `length`: as the time
/// left, rounded up, becomes `n`. `None` when the phase is too short for
/// it to show.
fn number_at(length: Duration, n: u64) -> Option<Duration> {
    let before_end = SECOND * u32::try_from(n).ok()?;
    let whole = crate::session::engine::ceil_secs(length);
    (n >= 1 && n <= whole).then(|| length.saturating_sub(before_end))
}

#[cfg(test)]
mod tests;
