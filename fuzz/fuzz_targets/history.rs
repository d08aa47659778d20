//! Fuzzes the history reader: any file contents are read without a panic,
//! and every warning about a bad line is one short line with no control
//! characters in it, since warnings are printed straight to the terminal.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mobility::routine::parse::is_forbidden;

/// Measured in characters, path included; the path below is kept short.
/// `FUZZ_MAX_WARNING_CHARS` raises it, to keep fuzzing for panics and
/// control characters while an over-long warning is a known, open bug.
fn max_warning_chars() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| {
        std::env::var("FUZZ_MAX_WARNING_CHARS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300)
    })
}

/// One file per fuzzing process, rewritten for every input.
fn log_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("mobility-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz temp dir");
        dir.join("h.jsonl")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = log_path();
    std::fs::write(path, data).expect("write the fuzz input");
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
            count < max_warning_chars(),
            "a warning of {count} chars: {shown}"
        );
        if let Some(c) = shown.chars().find(|&c| c.is_control() || is_forbidden(c)) {
            panic!("a warning contains U+{:04X}: {shown:?}", c as u32);
        }
    }
});
