//! TOML text -> a validated [`Routine`]: the entry points, and TOML's own
//! errors put in our words. The raw structs are in `routine/raw.rs` and the
//! checks in `routine/validate.rs`.

use std::path::Path;

use super::raw::{PHASE_KEYS, PROMPT_KEYS, ROUTINE_KEYS, RawRoutine, STEP_KEYS};
use super::validate::{Place, Validator};
use super::{MAX_FILE_BYTES, Routine};
use crate::diagnostic::{
    Diagnostic, Lines, ParseError, between_backticks, closest, floor_char_boundary, key_message,
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

/// Whether the text is a program (`[[stage]]` tables at the top) rather
/// than a routine. Text TOML can't read counts as a program only if a line
/// opens a stage, so that a routine's syntax error is told as a routine's.
pub fn is_program(src: &str) -> bool {
    if !src.contains("stage") {
        return false;
    }
    match toml::from_str::<toml::Table>(src) {
        Ok(table) => table.contains_key("stage"),
        Err(_) => src.lines().any(|l| l.trim_start().starts_with("[[stage]]")),
    }
}

/// Validates routine text.
pub fn parse_str(src: &str, id: String, origin: &str) -> Result<Routine, ParseError> {
    let mut v = Validator::new(src);
    if is_program(src) {
        // Said here, so that every place a routine is required says it.
        return Err(ParseError {
            origin: origin.to_string(),
            diagnostics: vec![Diagnostic {
                at: None,
                message: "this is a program (it has `[[stage]]` tables), not a routine; run it with `mobility run`, and name routines, never programs, in a program's stages".into(),
            }],
            hidden: 0,
        });
    }
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
            Place::Prompt(..) | Place::PhasePrompt(..) => PROMPT_KEYS,
            Place::Phase(..) => PHASE_KEYS,
        };
        if let Some((at, message)) = self.slip(offset, raw, place) {
            self.error(at, message);
            return;
        }
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

    /// The slips people really make, which TOML words in its own terms:
    /// a table header misnamed or at the wrong level, text left unquoted,
    /// a `"""` never closed, a key written twice. Gives the offset to point
    /// at and the message, or `None` for any other error.
    fn slip(&self, offset: usize, raw: &str, place: Place) -> Option<(usize, String)> {
        let offset = floor_char_boundary(self.src, offset.min(self.src.len()));
        let line_start = self.src[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.src[offset..]
            .find('\n')
            .map_or(self.src.len(), |i| offset + i);
        if let Some(rest) = raw.strip_prefix("unknown field ") {
            let key = between_backticks(rest)?;
            let message = header_message(&self.src[line_start..line_end], key, place)?;
            return Some((line_start, message));
        }
        if raw == "duplicate key" {
            let key = self.src[offset..line_end]
                .split(['=', ']', '.'])
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches(['"', '\'']);
            if key.is_empty() {
                return None;
            }
            return Some((
                offset,
                format!("{} appears twice{place}; keep one", quote(key)),
            ));
        }
        if raw.starts_with("invalid multi-line basic string")
            || raw.starts_with("invalid multi-line literal string")
        {
            let delimiter = if raw.contains("basic") {
                "\"\"\""
            } else {
                "'''"
            };
            // Every other delimiter opens; an odd count leaves the last open.
            let (count, opener) = self.src[..offset]
                .match_indices(delimiter)
                .fold((0, 0), |(n, _), (i, _)| (n + 1, i));
            if count % 2 == 0 {
                return None;
            }
            let place = self.place_at(opener);
            let what = match key_value(self.src, opener) {
                Some((key, ..)) => format!("the text of {}{place}", quote(key)),
                None => format!("this text{place}"),
            };
            return Some((
                opener,
                format!(
                    "{what} opens with `{delimiter}` here and is never closed; close it with `{delimiter}`"
                ),
            ));
        }
        let unquoted = [
            "string values must be quoted",
            "invalid float",
            "invalid boolean",
            "invalid integer",
            "unexpected key or value",
        ];
        if unquoted.iter().any(|start| raw.starts_with(start)) {
            let (key, value, at) = key_value(self.src, offset)?;
            // A bare word where a number or a list belongs needs more than quotes.
            let not_text = [
                "reps",
                "tags",
                "equipment",
                "sides",
                "step",
                "prompt",
                "phase",
            ];
            if not_text.contains(&key)
                || value.is_empty()
                || value.starts_with(['"', '\'', '[', '{'])
            {
                return None;
            }
            let toml_text = value.replace('\\', "\\\\").replace('"', "\\\"");
            return Some((
                at,
                format!(
                    "{}{place} is text, and text must be quoted: write `{}`",
                    quote(key),
                    text::escape(&format!("{key} = \"{toml_text}\""), 100)
                ),
            ));
        }
        None
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
        let (mut steps, mut prompts, mut phases, mut phase_prompts) = (0, 0, 0, 0);
        for line in self.src[..end].lines() {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if header.starts_with("[[step]]") {
                steps += 1;
                (prompts, phases) = (0, 0);
                place = Place::Step(steps - 1);
            } else if header.starts_with("[[step.phase.prompt]]") && phases > 0 {
                phase_prompts += 1;
                place = Place::PhasePrompt(steps - 1, phases - 1, phase_prompts - 1);
            } else if header.starts_with("[[step.prompt]]") && steps > 0 {
                prompts += 1;
                place = Place::Prompt(steps - 1, prompts - 1);
            } else if header.starts_with("[[step.phase]]") && steps > 0 {
                phases += 1;
                phase_prompts = 0;
                place = Place::Phase(steps - 1, phases - 1);
            } else if header.starts_with('[') && !header.starts_with("[[") {
                place = Place::Top;
            }
        }
        place
    }
}

/// What to say when an unknown key is the name in a table header such as
/// `[[steps]]` or `[[prompt]]`: the header to write instead. `None` when
/// `line` is no header or there is nothing better to suggest.
fn header_message(line: &str, key: &str, place: Place) -> Option<String> {
    let line = line.trim();
    let (open, close) = if line.starts_with("[[") {
        ("[[", "]]")
    } else if line.starts_with('[') {
        ("[", "]")
    } else {
        return None;
    };
    let inside = &line[open.len()..line.find(']')?];
    let names: Vec<&str> = inside
        .split('.')
        .map(|n| n.trim().trim_matches(['"', '\'']))
        .collect();
    let depth = names.iter().position(|n| *n == key)?;
    let header = |names: &[&str]| format!("`{open}{}{close}`", text::escape(&names.join("."), 60));
    if depth == 0 && matches!(key, "prompt" | "phase") {
        return Some(format!(
            "unknown table {}; a {key} belongs to a step: write `[[step.{key}]]` below its `[[step]]`",
            header(&names)
        ));
    }
    let (tables, place): (&[&str], String) = match (depth, place) {
        (0, _) => (&["step"], String::new()),
        (1, Place::Step(s) | Place::Prompt(s, _) | Place::Phase(s, _)) if names[0] == "step" => {
            (&["prompt", "phase"], Place::Step(s).to_string())
        }
        _ => return None,
    };
    let mut better = names.clone();
    better[depth] = closest(key, tables)?;
    Some(format!(
        "unknown table {}{place}; did you mean {}?",
        header(&names),
        header(&better)
    ))
}

/// The bare key and its value, comment cut off, on the line `offset` is in,
/// when the line is a plain `key = value`; and where the value starts.
fn key_value(src: &str, offset: usize) -> Option<(&str, &str, usize)> {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = src[offset..].find('\n').map_or(src.len(), |i| offset + i);
    let (key, after) = src[start..end].split_once('=')?;
    let key = key.trim();
    let value = after.split('#').next().unwrap_or_default().trim();
    let at = end - after.trim_start().len();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    bare.then_some((key, value, at))
}

#[cfg(test)]
mod tests;
