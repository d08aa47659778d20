//! Line output for pipes, cron and screen readers: one line per phase,
//! flushed as the phase starts, driven by the same engine and deadlines.

use std::io::Write;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use super::{Input, Outcome, cue_events, next_input, started, stop_self};
use crate::error::Result;
use crate::routine::{clock, human};
use crate::session::{Action, Engine, Event, PhaseKind};
use crate::ui::cues::Cues;

/// Runs the engine, printing as it goes, until the routine ends or a
/// signal stops it.
pub fn run(mut engine: Engine, cues: &mut Cues, rx: &Receiver<Input>) -> Result<Outcome> {
    let mut out = std::io::stdout();
    let mut previous = None;
    let mut signal = None;
    loop {
        let now = Instant::now();
        let events = engine.tick(now);
        cue_events(&engine, &events, &mut previous, cues, &mut out);
        for event in &events {
            if let Some(text) = line_for(&engine, event, now) {
                out.write_all(text.as_bytes())?;
            }
        }
        out.flush()?;
        if engine.status().is_over() {
            break;
        }
        match next_input(rx, engine.next_wake(now)) {
            Some(Input::Signal(n)) => {
                signal = Some(n);
                let now = Instant::now();
                engine.apply(Action::Quit, now);
                let line = format!(
                    "[{}] stopped: {}\n",
                    clock(engine.elapsed(now)),
                    engine.routine().title
                );
                out.write_all(line.as_bytes())?;
                break;
            }
            Some(Input::Suspend) => {
                let was_paused = engine.is_paused();
                if !was_paused {
                    engine.apply(Action::TogglePause, Instant::now());
                }
                stop_self();
                if !was_paused {
                    engine.apply(Action::TogglePause, Instant::now());
                }
            }
            _ => {}
        }
    }
    Ok(Outcome {
        started: started(&engine),
        summary: engine.summary(Instant::now()),
        signal,
    })
}

/// ", 2 steps skipped", or nothing.
fn skipped(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 step skipped".into(),
        n => format!(", {n} steps skipped"),
    }
}

/// The text printed for one engine event, if any.
pub fn line_for(engine: &Engine, event: &Event, now: Instant) -> Option<String> {
    let at = format!("[{}]", clock(engine.elapsed(now)));
    match event {
        Event::PhaseStarted { index } => {
            let phase = &engine.plan().phases()[*index];
            let routine = engine.routine();
            let step = &routine.steps[phase.step];
            let mut parts = vec![
                format!("step {}/{}", phase.step + 1, routine.steps.len()),
                step.name.clone(),
            ];
            if phase.reps > 1 && !phase.kind.is_lead_in() {
                parts.push(format!("rep {}/{}", phase.rep, phase.reps));
            }
            if let Some(side) = phase.side.and_then(|s| step.sides.get(s)) {
                parts.push(side.clone());
            }
            let kind = match phase.kind {
                PhaseKind::GetReady => "get ready",
                PhaseKind::Hold => "hold",
                PhaseKind::Rest => "rest",
                PhaseKind::SwitchSides => "switch sides",
            };
            parts.push(format!("{kind} {}", human(phase.duration)));
            let mut text = format!("{at} {}\n", parts.join(" · "));
            if engine.plan().first_phase_of(phase.step) == *index {
                for line in step.cue.lines().filter(|l| !l.trim().is_empty()) {
                    text.push_str(&format!("        {}\n", line.trim()));
                }
            }
            Some(text)
        }
        Event::PromptFired { text } => Some(format!("{at}   → {text}\n")),
        Event::Finished => Some(format!(
            "{at} done: {} in {}{}\n",
            engine.routine().title,
            clock(engine.elapsed(now)),
            skipped(engine.steps_skipped())
        )),
        Event::Countdown { .. } | Event::Paused | Event::Resumed | Event::Quit => None,
    }
}
