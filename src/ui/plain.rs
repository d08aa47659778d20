//! Line output for pipes, cron and screen readers: one line per phase,
//! flushed as the phase starts, driven by the same engine and deadlines.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use super::checkin::{self, Answers};
use super::cues::Cues;
use super::{EndNote, Ending, Input, Outcome, next_input, suspend};
use crate::error::Result;
use crate::session::{Action, Engine, Event, PhaseKind, Status};
use crate::text::{Glyphs, clock, human};

/// Runs the engine, printing as it goes, until the routine ends, a signal
/// stops it, or its output can no longer be written (a reader that left a
/// pipe ends the run as SIGPIPE would).
///
/// The check-in is asked on stdin when it is a terminal (see
/// [`checkin::ask_plain`]), before the first phase with the clock stopped,
/// and after the `done:` line of a run that reached its end.
pub(super) fn run(
    mut engine: Engine,
    cues: &mut Cues,
    (tx, rx): (&Sender<Input>, &Receiver<Input>),
    ending: &mut Ending,
    glyphs: Glyphs,
) -> Result<Outcome> {
    let asking = ending.asking;
    let mut out = std::io::stdout();
    // The terminal echoes Ctrl-C as `^C` where the cursor is.
    let echoes_interrupt = out.is_terminal();
    let mut signal = None;
    let mut output_error = None;
    let mut answers = Answers::default();
    let mut last_note = None;
    if asking.before {
        signal = ending.ask_before(&mut engine, &mut answers, |_| {
            checkin::ask_plain(&mut out, tx, rx, glyphs)
        });
    }
    while signal.is_none() {
        let now = Instant::now();
        let events = engine.tick(now);
        cues.events(&engine, &events, now, &mut out);
        // The run is recorded before its `done:` line, which has the streak.
        let note = if events.contains(&Event::Finished) {
            ending.end(&engine.summary(now), engine.has_started())
        } else {
            None
        };
        last_note = last_note.or(note.clone());
        let text: String = events
            .iter()
            .filter_map(|event| line_for(&engine, event, now, note.as_ref(), asking.after, glyphs))
            .collect();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            engine.apply(Action::Quit, now);
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                signal = Some(signal_hook::consts::SIGPIPE);
            } else {
                output_error = Some(e);
            }
            break;
        }
        if engine.status().is_over() {
            break;
        }
        let wake = super::earliest(engine.next_wake(now), cues.next_wake(&engine, now));
        match next_input(rx, wake) {
            Some(Input::Signal(n)) => {
                signal = Some(n);
                let now = Instant::now();
                engine.apply(Action::Quit, now);
                let fresh = echoes_interrupt && n == signal_hook::consts::SIGINT;
                let line = format!(
                    "{}[{}] stopped: {} after {}, {} of {} steps done\n",
                    if fresh { "\n" } else { "" },
                    clock(engine.elapsed(now)),
                    engine.routine().title,
                    clock(engine.elapsed(now)),
                    engine.steps_done(),
                    engine.steps_total()
                );
                // Nothing more can be done about a failure this late.
                let _ = out.write_all(line.as_bytes()).and_then(|()| out.flush());
                break;
            }
            Some(Input::Suspend) => {
                // Without a screen to come back to, this cannot fail.
                let _ = suspend(&mut engine, None);
            }
            _ => {}
        }
    }
    let reached_end = engine.status() == Status::Finished;
    if asking.after && signal.is_none() && output_error.is_none() && reached_end {
        // Asked only once the run is recorded: a signal now leaves it so.
        match checkin::ask_plain(&mut out, tx, rx, glyphs) {
            Ok(rating) => answers.after = rating,
            Err(n) => answers.interrupted = Some(n),
        }
        let line = last_note
            .as_ref()
            .and_then(|note| note.ratings.line(answers.after, glyphs));
        if let (Some(_), Some(line)) = (answers.after, line) {
            let _ = writeln!(out, "{line}").and_then(|()| out.flush());
        }
        let program = last_note
            .as_ref()
            .and_then(|note| note.program.as_ref())
            .filter(|p| p.hangs_on_answer());
        if let Some(words) = program.and_then(|p| p.line(answers.after)) {
            let _ = writeln!(out, "{words}").and_then(|()| out.flush());
        }
    }
    Ok(Outcome {
        started: engine.has_started(),
        summary: engine.summary(Instant::now()),
        signal,
        output_error,
        recorded: Ok(None),
        answers,
    })
}

/// ", 2 steps skipped", or nothing.
fn skipped(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!(", {} skipped", crate::text::plural(n as u64, "step")),
    }
}

/// The text printed for one engine event, if any.
///
/// Lines are stamped with the moment on the routine's clock that they
/// belong to, not the moment they were printed, so a busy machine never
/// skews them. (Plain mode has no keys to add time or skip, and pauses
/// are not on the routine's clock, so the schedule is the truth.)
fn line_for(
    engine: &Engine,
    event: &Event,
    now: Instant,
    note: Option<&EndNote>,
    asking: bool,
    glyphs: Glyphs,
) -> Option<String> {
    let stamp = |d: Duration| format!("[{}]", clock(d));
    match event {
        Event::PhaseStarted { index } => {
            let phase = &engine.plan().phases()[*index];
            let at = stamp(phase.offset);
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
            // A rep phase by its name ("Round down 5s"), any other by its kind.
            let rep_phase = engine.rep_phase_of(phase);
            let name = match (rep_phase, phase.kind) {
                (Some(rep_phase), _) => rep_phase.name.as_str(),
                (None, PhaseKind::GetReady) => "get ready",
                (None, PhaseKind::SwitchSides) => "switch sides",
                (None, PhaseKind::Rest | PhaseKind::Move | PhaseKind::Hold) => "rest",
            };
            parts.push(format!("{name} {}", human(phase.duration)));
            let mut text = format!("{at} {}\n", parts.join(&format!(" {} ", glyphs.sep)));
            let mut indented = |line: &str| text.push_str(&format!("        {}\n", line.trim()));
            if let Some(say) = rep_phase.and_then(|p| p.say.as_deref()) {
                indented(say);
            }
            if engine.plan().first_phase_of(phase.step) == *index {
                for line in step.cue.lines().filter(|l| !l.trim().is_empty()) {
                    indented(line);
                }
            }
            Some(text)
        }
        Event::PromptFired { text, at } => {
            // `at` counts from the start of the rep, which began this
            // phase's offset into the rep before the phase did.
            let phase = engine.phase();
            let into_rep = phase
                .part
                .map_or(Duration::ZERO, |part| engine.step().phase_offset(part));
            let rep_start = phase.offset.saturating_sub(into_rep);
            Some(format!(
                "{}   {} {text}\n",
                stamp(rep_start + *at),
                glyphs.arrow
            ))
        }
        Event::Finished => {
            let summary = engine.summary(now);
            let tail = if !summary.completed() {
                format!("; {}", super::HowEnded::NotCounted.words())
            } else if let Some(note) = note {
                // Words the check-in's answer can change wait for it.
                let program = note
                    .program
                    .as_ref()
                    .filter(|p| !(asking && p.hangs_on_answer()))
                    .and_then(|p| p.line(None))
                    .map_or_else(String::new, |words| format!(". {words}"));
                format!(
                    ", streak {}{program}",
                    crate::text::plural(note.streak as u64, "day")
                )
            } else {
                String::new()
            };
            Some(format!(
                "{} done: {} in {}{}{tail}\n",
                stamp(engine.position(now)),
                engine.routine().title,
                clock(engine.elapsed(now)),
                skipped(engine.steps_skipped())
            ))
        }
        Event::Countdown { .. }
        | Event::Tick { .. }
        | Event::Paused
        | Event::Resumed
        | Event::Quit => None,
    }
}
