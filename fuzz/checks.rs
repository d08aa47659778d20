//! The promises the fuzz targets check, shared with `tests/fuzz_corpus.rs`,
//! which replays every seed and every saved regression on stable Rust.

use std::path::Path;
use std::time::Duration;

use mobility::routine::{self, parse};
use mobility::text::is_forbidden;

/// An error about one file should fit on a screen or two.
pub const MAX_ERROR_BYTES: usize = 4 * 1024;

/// A history warning is one short line, path included (keep the path short).
pub const MAX_WARNING_CHARS: usize = 300;

/// Any bytes either become a routine that keeps every promise `Routine`
/// documents, or an error that is short and safe to print on a terminal.
pub fn routine(data: &[u8]) {
    match parse::parse_bytes(data, "fuzz".into(), "fuzz.toml") {
        Ok(routine) => {
            assert_eq!(routine.id, "fuzz");
            assert!(!routine.steps.is_empty(), "a routine with no steps");
            assert!(
                routine.steps.len() <= routine::MAX_STEPS,
                "{} steps",
                routine.steps.len()
            );
            assert!(routine.lead_in <= routine::MAX_PAUSE);
            clean("title", &routine.title);
            routine.summary.iter().for_each(|s| clean("summary", s));
            routine.tags.iter().for_each(|s| clean("tags", s));
            routine.equipment.iter().for_each(|s| clean("equipment", s));
            for step in &routine.steps {
                assert!((1..=100).contains(&step.reps), "reps {}", step.reps);
                assert!(
                    (1..=routine::MAX_PHASES).contains(&step.phases.len()),
                    "{} phases",
                    step.phases.len()
                );
                for phase in &step.phases {
                    assert!(phase.time > Duration::ZERO, "a zero phase");
                    assert!(phase.time <= routine::MAX_HOLD, "phase {:?}", phase.time);
                    assert!(phase.name.chars().count() <= routine::MAX_PHASE_NAME_CHARS);
                    for text in std::iter::once(&phase.name).chain(&phase.say) {
                        clean("phase text", text);
                        assert!(!text.contains(['\n', '\t']), "not one line: {text:?}");
                    }
                }
                assert!(step.rest <= routine::MAX_PAUSE && step.lead_in <= routine::MAX_PAUSE);
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
                        prompt.at < step.rep(),
                        "prompt at {:?} >= rep {:?}",
                        prompt.at,
                        step.rep()
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
                for at in error.diagnostics.iter().filter_map(|d| d.at) {
                    assert!(
                        at.line <= lines,
                        "diagnostic at line {} of {lines}",
                        at.line
                    );
                }
            }
        }
    }
}

/// Any history file is read without a panic, and every warning about a bad
/// line is one short line with no control characters in it. `path` is a
/// scratch file the data is written to.
pub fn history(data: &[u8], path: &Path) {
    std::fs::write(path, data).expect("write the input");
    let log = mobility::history::read(path).expect("reading a regular file");

    let lines = data.split(|&b| b == b'\n').count();
    assert!(log.records.len() + log.warnings.len() <= lines);
    let mut previous = 0;
    for warning in &log.warnings {
        assert!(
            warning.line > previous && warning.line <= lines,
            "line {}",
            warning.line
        );
        previous = warning.line;
        let shown = warning.to_string();
        let count = shown.chars().count();
        assert!(
            count < MAX_WARNING_CHARS,
            "a warning of {count} chars: {shown}"
        );
        if let Some(c) = shown.chars().find(|&c| c.is_control() || is_forbidden(c)) {
            panic!("a warning contains U+{:04X}: {shown:?}", c as u32);
        }
    }
}

/// Any config text either parses or gives an error that is short and safe
/// to print on a terminal.
pub fn config(data: &[u8]) {
    // Config files are read as text; invalid UTF-8 is the reader's business.
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(error) = mobility::config::parse_str(src, "fuzz.toml") {
        let shown = error.to_string();
        assert!(!shown.is_empty(), "an error with nothing in it");
        assert!(
            shown.len() < MAX_ERROR_BYTES,
            "error output is {} bytes",
            shown.len()
        );
        if let Some(c) = shown.chars().find(|&c| is_forbidden(c)) {
            panic!("error output contains U+{:04X}: {shown:?}", c as u32);
        }
    }
}

#[track_caller]
fn clean(field: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("`{field}` was accepted with U+{:04X}: {text:?}", c as u32);
    }
}
