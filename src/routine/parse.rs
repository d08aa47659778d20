//! TOML text -> a validated [`Routine`]: the entry points, and TOML's own
//! errors put in our words. The raw structs are in `routine/raw.rs` and the
//! checks in `routine/validate.rs`.

use std::path::Path;

use super::raw::{PHASE_KEYS, PROMPT_KEYS, ROUTINE_KEYS, RawRoutine, STEP_KEYS};
use super::validate::{Place, Validator};
use super::{MAX_FILE_BYTES, Routine};
use crate::diagnostic::{
    Diagnostic, Lines, ParseError, between_backticks, floor_char_boundary, key_message,
    read_bounded,
};
use crate::text::{self, quote};

/// Reads and validates a routine file.
pub fn parse_file(path: &Path, id: String) -> Result<Routine, ParseError> {
    let bytes = read_bounded(path, MAX_FILE_BYTES, "a routine file")?;
    parse_bytes(&bytes, id, &text::path(path))
}

/// Validates routine text that may not be UTF-8.
pub fn parse_bytes(bytes: &[u8], id: String, origin: &str) -> Result<Routine, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(src) => parse_str(src, id, origin),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Err(ParseError {
                origin: origin.to_string(),
                diagnostics: vec![Diagnostic {
                    at: Some(Lines::new(prefix).position(prefix.len())),
                    message: format!(
                        "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8",
                        bytes[e.valid_up_to()]
                    ),
                }],
                hidden: 0,
            })
        }
    }
}

/// Validates routine text.
pub fn parse_str(src: &str, id: String, origin: &str) -> Result<Routine, ParseError> {
    let mut v = Validator::new(src);
    // TOML refuses raw control characters anywhere, with a message about
    // strings; name the character and its place instead.
    if let Some((offset, c)) = src
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        v.error(
            offset,
            format!(
                "the file contains the control character U+{:04X}; remove it (text may hold newlines and tabs, but no other control characters)",
                c as u32
            ),
        );
        return Err(v.into_error(origin));
    }
    let routine = match toml::from_str::<RawRoutine>(src) {
        Ok(raw) => v.routine(raw, id),
        Err(e) => {
            v.toml_error(&e);
            None
        }
    };
    match routine {
        Some(routine) if v.is_clean() => Ok(routine),
        _ => Err(v.into_error(origin)),
    }
}

impl Validator<'_> {
    /// Turns a TOML or serde error into a diagnostic in our own words.
    fn toml_error(&mut self, e: &toml::de::Error) {
        let offset = e.span().map_or(0, |s| s.start);
        let place = self.place_at(offset);
        let raw = e.message().trim();
        let known = match place {
            Place::Top => ROUTINE_KEYS,
            Place::Step(_) => STEP_KEYS,
            Place::Prompt(..) => PROMPT_KEYS,
            Place::Phase(..) => PHASE_KEYS,
        };
        let at = self.src.get(offset..).unwrap_or_default();
        let message = if at.starts_with("[step") && raw.contains("expected a sequence") {
            // `[step]` where `[[step]]` was meant: the most common slip.
            let header = at.lines().next().unwrap_or_default().trim();
            format!(
                "{} makes a single table; write `[{header}]`, with double brackets, for each one",
                quote(header)
            )
        } else if raw.starts_with("invalid basic string")
            || raw.starts_with("invalid literal string")
        {
            "this text is not closed; end it with a quote on the same line, or use `\"\"\"` for text over several lines".into()
        } else if let Some(message) = key_message(self.src, e, &place.to_string(), known) {
            message
        } else if let Some(rest) = raw.strip_prefix("missing field ") {
            let key = between_backticks(rest).unwrap_or_default();
            let example = match key {
                "title" => "title = \"Wall thoracic flexion\"",
                "name" if matches!(place, Place::Phase(..)) => "name = \"Round down\"",
                "name" => "name = \"Peel off the wall\"",
                "time" => "time = \"5s\"",
                "cue" => "cue = \"What to do and what to feel\"",
                "hold" => "hold = \"5s\"",
                "at" => "at = \"2s\"",
                "text" => "text = \"Breathe out\"",
                _ => "",
            };
            format!("missing `{key}`{place}; add a line like `{example}`")
        } else if raw.contains("recurs") {
            "arrays or tables are nested too deeply; a routine needs only a few levels".into()
        } else {
            let first_line = raw.lines().next().unwrap_or(raw);
            format!("{}{place}", text::escape(first_line, 160))
        };
        self.error(offset, message);
    }

    /// Works out which step or prompt a byte offset falls in, from the
    /// table headers before it.
    fn place_at(&self, offset: usize) -> Place {
        let offset = floor_char_boundary(self.src, offset.min(self.src.len()));
        // Include the whole line the offset is on: a span may start at a header.
        let end = self.src[offset..]
            .find('\n')
            .map_or(self.src.len(), |i| offset + i);
        let mut place = Place::Top;
        // Steps seen, and the prompts and phases seen in the current step:
        // the two kinds of table may be interleaved.
        let (mut steps, mut prompts, mut phases) = (0, 0, 0);
        for line in self.src[..end].lines() {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if header.starts_with("[[step]]") {
                steps += 1;
                (prompts, phases) = (0, 0);
                place = Place::Step(steps - 1);
            } else if header.starts_with("[[step.prompt]]") && steps > 0 {
                prompts += 1;
                place = Place::Prompt(steps - 1, prompts - 1);
            } else if header.starts_with("[[step.phase]]") && steps > 0 {
                phases += 1;
                place = Place::Phase(steps - 1, phases - 1);
            } else if header.starts_with('[') && !header.starts_with("[[") {
                place = Place::Top;
            }
        }
        place
    }
}

#[cfg(test)]
mod tests;
