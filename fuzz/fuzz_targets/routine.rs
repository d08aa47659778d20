//! Fuzzes the routine parser: any bytes either become a routine that keeps
//! every promise `Routine` documents, or an error that is short and safe to
//! print on a terminal.

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use mobility::routine::parse::{self, is_forbidden};

/// An error about one file should fit on a screen or two. ParseError itself
/// has no cap on how many diagnostics it collects, so this is the check that
/// notices when one file can produce a flood.
const MAX_ERROR_BYTES: usize = 4 * 1024;

fuzz_target!(|data: &[u8]| {
    match parse::parse_bytes(data, "fuzz".into(), "fuzz.toml") {
        Ok(routine) => {
            assert_eq!(routine.id, "fuzz");
            assert!(!routine.steps.is_empty(), "a routine with no steps");
            assert!(
                routine.steps.len() <= parse::MAX_STEPS,
                "{} steps",
                routine.steps.len()
            );
            assert!(routine.lead_in <= parse::MAX_PAUSE);
            clean("title", &routine.title);
            routine.summary.iter().for_each(|s| clean("summary", s));
            routine.tags.iter().for_each(|s| clean("tags", s));
            routine.equipment.iter().for_each(|s| clean("equipment", s));
            for step in &routine.steps {
                assert!((1..=100).contains(&step.reps), "reps {}", step.reps);
                assert!(step.hold > Duration::ZERO, "a zero hold");
                assert!(
                    step.hold <= Duration::from_secs(3600),
                    "hold {:?}",
                    step.hold
                );
                assert!(step.rest <= parse::MAX_PAUSE && step.lead_in <= parse::MAX_PAUSE);
                clean("name", &step.name);
                clean("cue", &step.cue);
                step.sides.iter().for_each(|s| clean("sides", s));
                assert!(
                    step.prompts.windows(2).all(|w| w[0].at <= w[1].at),
                    "prompts out of order: {:?}",
                    step.prompts
                );
                for prompt in &step.prompts {
                    assert!(
                        prompt.at < step.hold,
                        "prompt at {:?} >= hold {:?}",
                        prompt.at,
                        step.hold
                    );
                    clean("prompt text", &prompt.text);
                }
            }
            // The arithmetic the engine relies on must not overflow.
            let _ = routine.total();
            let _ = routine.step_starts();
        }
        Err(error) => {
            assert!(!error.diagnostics.is_empty(), "an error with nothing in it");
            let shown = error.to_string();
            assert!(
                shown.len() < MAX_ERROR_BYTES,
                "error output is {} bytes in {} diagnostics, from {} bytes of input",
                shown.len(),
                error.diagnostics.len(),
                data.len()
            );
            if let Some(c) = shown.chars().find(|&c| is_forbidden(c)) {
                panic!("error output contains U+{:04X}: {shown:?}", c as u32);
            }
            if let Ok(src) = std::str::from_utf8(data) {
                let lines = src.split('\n').count();
                for d in &error.diagnostics {
                    assert!(d.line <= lines, "diagnostic at line {} of {lines}", d.line);
                }
            }
        }
    }
});

#[track_caller]
fn clean(field: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("`{field}` was accepted with U+{:04X}: {text:?}", c as u32);
    }
}
