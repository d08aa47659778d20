//! Replays every fuzz seed and every saved regression through the same
//! checks the fuzz targets make, on stable Rust, so a crash once found
//! stays fixed.

use std::path::{Path, PathBuf};

#[path = "../fuzz/checks.rs"]
mod checks;

fn files(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    files.sort();
    files
}

#[test]
fn every_routine_seed_and_regression_keeps_the_parsers_promises() {
    let files = files("routine");
    assert!(files.len() >= 10, "the seeds are missing: {files:?}");
    for file in files {
        checks::routine(&std::fs::read(&file).unwrap());
    }
}

#[test]
fn every_history_seed_and_regression_reads_with_short_clean_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path().join("h.jsonl");
    let files = files("history");
    assert!(files.len() >= 5, "the seeds are missing: {files:?}");
    for file in files {
        checks::history(&std::fs::read(&file).unwrap(), &scratch);
    }
}

#[test]
fn every_config_seed_keeps_the_parsers_promises() {
    let files = files("config");
    assert!(!files.is_empty());
    for file in files {
        checks::config(&std::fs::read(&file).unwrap());
    }
}
