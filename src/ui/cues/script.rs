//! What a run says and plays, phase by phase, before any of it is heard:
//! each phase's words, its prompts and its countdown, with every clip's
//! length, for the timeline to place; every text a run can say, to render
//! ahead; and the fit check that `run` and `check --voice` report.

use std::time::Duration;

use super::timeline::{self, Count, PhaseSound};
use super::tones::Sound;
use crate::routine::Routine;
use crate::session::{Countdown, PhaseKind, Plan};

/// How long each clip plays. `None` means it is not heard at all: no
/// tones, or no voice.
pub trait Lengths {
    fn tone(&self, sound: Sound) -> Option<Duration>;
    fn words(&self, text: &str) -> Option<Duration>;
}

/// The sound that starts a phase of `kind`.
pub fn sound_of(kind: PhaseKind) -> Sound {
    match kind {
        PhaseKind::Move => Sound::Move,
        PhaseKind::Hold => Sound::Hold,
        PhaseKind::GetReady | PhaseKind::SwitchSides | PhaseKind::Rest => Sound::Rest,
    }
}

/// What the voice says as phase `index` starts, in order: the step's name
/// (and side) as a step starts; "switch sides" and the side as a later
/// side starts; "rest", and "last one" in the rest before a step's last
/// rep; a rep phase's `say` line (or its name), after "last one" when the
/// last rep starts with no rest before it. A get ready says only the step:
/// its countdown says the rest.
pub fn announcement(routine: &Routine, plan: &Plan, index: usize) -> Vec<String> {
    let phases = plan.phases();
    let phase = &phases[index];
    let step = &routine.steps[phase.step];
    let side = phase.side.and_then(|s| step.sides.get(s));
    let before = index.checked_sub(1).map(|b| &phases[b]);
    let mut said = Vec::new();
    if plan.first_phase_of(phase.step) == index {
        said.push(match side {
            Some(side) => format!("{}, {side} side", step.name),
            None => step.name.clone(),
        });
    }
    // A later side starts with a switch of sides, or, without a
    // countdown, straight with its first rep: either way it is said.
    let new_side =
        before.is_some_and(|before| before.step == phase.step && before.side != phase.side);
    if phase.kind == PhaseKind::SwitchSides || new_side {
        said.push(match side {
            Some(side) => format!("switch sides, {side} side"),
            None => "switch sides".to_string(),
        });
    }
    let rep_phase = phase.part.and_then(|part| step.phases.get(part));
    match (phase.kind, rep_phase) {
        (PhaseKind::Rest, _) => {
            said.push("rest".to_string());
            if phase.rep + 1 == phase.reps && phase.reps > 1 {
                said.push("last one".to_string());
            }
        }
        (PhaseKind::Move | PhaseKind::Hold, Some(rep_phase)) => {
            let rested = before.is_some_and(|b| b.kind == PhaseKind::Rest);
            if phase.part == Some(0) && phase.reps > 1 && phase.rep == phase.reps && !rested {
                said.push("Last one".to_string());
            }
            said.push(rep_phase.line().to_string());
        }
        _ => {}
    }
    said
}

/// The prompts of phase `index`: each its moment from the phase's start
/// and its text.
fn prompts(routine: &Routine, plan: &Plan, index: usize) -> Vec<(Duration, String)> {
    let phase = &plan.phases()[index];
    match phase.part {
        Some(part) => routine.steps[phase.step]
            .phase_prompts(part)
            .map(|(at, p)| (at, p.text.clone()))
            .collect(),
        None => Vec::new(),
    }
}

/// Everything phase `index` may sound like, lasting `length`, with the
/// clips' lengths from `lengths`.
pub fn phase_sound(
    routine: &Routine,
    plan: &Plan,
    index: usize,
    length: Duration,
    lengths: &dyn Lengths,
) -> PhaseSound {
    let kind = plan.phases()[index].kind;
    let tone = lengths
        .tone(sound_of(kind))
        .map(|len| (sound_of(kind), len));
    let words = announcement(routine, plan, index)
        .into_iter()
        .filter_map(|text| Some((lengths.words(&text)?, text)))
        .map(|(len, text)| (text, len))
        .collect();
    let prompts = prompts(routine, plan, index)
        .into_iter()
        .filter_map(|(at, text)| Some((at, lengths.words(&text)?, text)))
        .map(|(at, len, text)| (at, text, len))
        .collect();
    let tick = lengths.tone(Sound::Tick);
    let count = match plan.countdown(index) {
        Countdown::Spoken => Count::Spoken {
            numbers: (1..=crate::session::engine::COUNTDOWN_FROM)
                .filter_map(|n| Some((n, lengths.words(&n.to_string())?)))
                .collect(),
            tick,
        },
        Countdown::Ticks => tick.map_or(Count::None, Count::Ticks),
        Countdown::None => Count::None,
    };
    PhaseSound {
        length,
        tone,
        words,
        prompts,
        count,
    }
}

/// The last words: "Done, 2 minutes 22 seconds".
pub fn done_words(took: Duration) -> String {
    if took.as_secs() == 0 {
        "Done".to_string()
    } else {
        format!("Done, {}", spoken_time(took))
    }
}

/// A length of time as a speech engine reads it well: "2 minutes 10
/// seconds", "1 minute", "45 seconds", "1 hour 5 minutes".
pub fn spoken_time(d: Duration) -> String {
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

/// Every text a run of `routine` can say, each once, in the order it is
/// first needed: so that rendering ahead makes the first ones first.
pub fn texts(routine: &Routine, plan: &Plan) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    let mut add = |text: String| {
        if !all.contains(&text) {
            all.push(text);
        }
    };
    for index in 0..plan.phases().len() {
        announcement(routine, plan, index)
            .into_iter()
            .for_each(&mut add);
        if plan.countdown(index) == Countdown::Spoken {
            (1..=crate::session::engine::COUNTDOWN_FROM)
                .rev()
                .for_each(|n| add(n.to_string()));
        }
        prompts(routine, plan, index)
            .into_iter()
            .for_each(|(_, text)| add(text));
    }
    add(done_words(plan.total()));
    all
}

/// Where the words of a run of `routine` do not fit their phases, one line
/// per place (reps that repeat a problem say it once): "step 2, Hold: the
/// words take 2.9 s of its 4 s, and the prompt at 1.8 s ends 0.3 s into
/// Roll up".
pub fn misfits(routine: &Routine, lengths: &dyn Lengths) -> Vec<String> {
    let plan = Plan::new(routine);
    let phases = plan.phases();
    let mut lines: Vec<String> = Vec::new();
    let mut carry = Duration::ZERO;
    for (index, phase) in phases.iter().enumerate() {
        let sound = phase_sound(routine, &plan, index, phase.duration, lengths);
        let schedule = timeline::schedule(&sound, carry);
        carry = schedule.end().saturating_sub(phase.duration);
        let next = phases.get(index + 1).map_or("the end".to_string(), |next| {
            label(routine, next.kind, next.part, next.step)
        });
        let mut clauses = Vec::new();
        if let Some(over) = schedule.overrun(phase.duration) {
            clauses.push(format!("they run {} into {next}", secs(over)));
        }
        for dropped in &schedule.dropped {
            clauses.push(format!(
                "the prompt at {} would end {} into {next}, so it is not said",
                secs(dropped.at),
                secs(dropped.over)
            ));
        }
        if clauses.is_empty() {
            continue;
        }
        let line = format!(
            "step {}, {}: the words take {} of its {}, and {}",
            phase.step + 1,
            label(routine, phase.kind, phase.part, phase.step),
            secs(schedule.words_end),
            secs(phase.duration),
            clauses.join(", and ")
        );
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
}

/// A phase as a person calls it: its name in the file, or "get ready",
/// "rest", "switch sides".
fn label(routine: &Routine, kind: PhaseKind, part: Option<usize>, step: usize) -> String {
    match (kind, part) {
        (PhaseKind::GetReady, _) => "get ready".into(),
        (PhaseKind::SwitchSides, _) => "switch sides".into(),
        (PhaseKind::Rest, _) => "rest".into(),
        (_, Some(part)) => routine.steps[step].phases[part].name.clone(),
        (_, None) => "the phase".into(),
    }
}

/// Seconds to a tenth: "2.9 s", "4 s".
fn secs(d: Duration) -> String {
    let tenths = (d.as_secs_f64() * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} s")
    } else {
        format!("{tenths:.1} s")
    }
}

#[cfg(test)]
mod tests;
