//! The crate as crates.io would get it: `packaging/check-crate --list` reads
//! `cargo package --list` and fails on anything shipped from outside
//! `src/`, `routines/` and `docs/` (tests, benchmarks, fuzzing, packaging)
//! and on any tracked source or page left out. The builds it can go on to
//! do are too slow for a test; `packaging/check-crate` without `--list`
//! runs them.

use std::path::Path;
use std::process::Command;

#[test]
fn the_published_crate_ships_the_sources_and_docs_and_none_of_the_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("bash")
        .arg(root.join("packaging/check-crate"))
        .arg("--list")
        .current_dir(root)
        .output()
        .expect("bash runs packaging/check-crate");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "packaging/check-crate --list failed ({}):\n{stdout}{stderr}",
        out.status
    );
    assert!(
        stdout.contains("none from tests/"),
        "packaging/check-crate --list did not report its check:\n{stdout}{stderr}"
    );
}

#[test]
fn the_crates_io_page_has_no_link_that_crates_io_could_not_follow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("packaging/crates-io.md")).unwrap();
    // A Markdown link or an autolink: each must be absolute.
    for (i, _) in page.match_indices("](") {
        let target = &page[i + 2..];
        assert!(
            target.starts_with("https://"),
            "a relative link: {}",
            &target[..20.min(target.len())]
        );
    }
    for (i, _) in page.match_indices('<') {
        let target = &page[i + 1..];
        assert!(
            target.starts_with("https://"),
            "a relative link: {}",
            &target[..20.min(target.len())]
        );
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("readme = \"packaging/crates-io.md\""));
}
