//! Fuzzes the config parser: any text either parses or gives an error that
//! is short and safe to print on a terminal.
//!
//! Written against `mobility::config::parse_str(src: &str, origin: &str)
//! -> Result<Config, ParseError>`, which is not in the library yet; this
//! target is listed in fuzz/Cargo.toml (commented out) until it is.

#![no_main]

use libfuzzer_sys::fuzz_target;
use mobility::routine::parse::is_forbidden;

/// The same bound as the routine target: one file's errors fit on a screen.
const MAX_ERROR_BYTES: usize = 4 * 1024;

fuzz_target!(|data: &[u8]| {
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
});
