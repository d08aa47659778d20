//! TOML -> raw serde structs -> a validated [`Routine`].
//!
//! The raw structs mirror the file and keep every value's span, so each
//! problem found while validating points at the exact line and column. All
//! problems in a file are collected, not just the first, so that `check`
//! can list them in one pass.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::{Prompt, Routine, Step};
use crate::diagnostic::{
    Diagnostic, Lines, ParseError, between_backticks, floor_char_boundary, key_message,
    read_bounded,
};
use crate::text::{self, human, is_forbidden, quote};

/// The largest routine file accepted.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;
/// The longest a title may be, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Limits on the shape of a routine.
pub const MAX_STEPS: usize = 200;
pub const MAX_REPS: i64 = 100;
pub const MAX_HOLD: Duration = Duration::from_secs(3600);
pub const MAX_PAUSE: Duration = Duration::from_secs(600);
/// Limits on the remaining text fields, in characters.
pub const MAX_LINE_CHARS: usize = 200;
pub const MAX_CUE_CHARS: usize = 4000;
pub const MAX_SIDES: usize = 10;
pub const MAX_PROMPTS: usize = 50;
/// The default get-ready countdown.
pub const DEFAULT_LEAD_IN: Duration = Duration::from_secs(3);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoutine {
    title: Spanned<String>,
    summary: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    equipment: Vec<Spanned<String>>,
    lead_in: Option<Spanned<toml::Value>>,
    #[serde(default)]
    step: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    name: Spanned<String>,
    cue: Spanned<String>,
    hold: Spanned<toml::Value>,
    reps: Option<Spanned<toml::Value>>,
    rest: Option<Spanned<toml::Value>>,
    sides: Option<Spanned<Vec<Spanned<String>>>>,
    lead_in: Option<Spanned<toml::Value>>,
    #[serde(default)]
    prompt: Vec<Spanned<RawPrompt>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    at: Spanned<toml::Value>,
    text: Spanned<String>,
}

const ROUTINE_KEYS: &[&str] = &["title", "summary", "tags", "equipment", "lead_in", "step"];
const STEP_KEYS: &[&str] = &[
    "name", "cue", "hold", "reps", "rest", "sides", "lead_in", "prompt",
];
const PROMPT_KEYS: &[&str] = &["at", "text"];

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
            })
        }
    }
}

/// Validates routine text.
pub fn parse_str(src: &str, id: String, origin: &str) -> Result<Routine, ParseError> {
    let mut v = Validator {
        src,
        lines: Lines::new(src),
        diagnostics: Vec::new(),
    };
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
        return Err(ParseError {
            origin: origin.to_string(),
            diagnostics: v.diagnostics,
        });
    }
    let routine = match toml::from_str::<RawRoutine>(src) {
        Ok(raw) => v.routine(raw, id),
        Err(e) => {
            v.toml_error(&e);
            None
        }
    };
    v.diagnostics.sort_by_key(|d| d.at);
    match routine {
        Some(routine) if v.diagnostics.is_empty() => Ok(routine),
        _ => Err(ParseError {
            origin: origin.to_string(),
            diagnostics: v.diagnostics,
        }),
    }
}

struct Validator<'s> {
    src: &'s str,
    lines: Lines<'s>,
    diagnostics: Vec<Diagnostic>,
}

/// Where a value sits, for messages: "" at the top, " in step 2", ...
#[derive(Clone, Copy)]
enum Place {
    Top,
    Step(usize),
    Prompt(usize, usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Top => Ok(()),
            Place::Step(s) => write!(f, " in step {}", s + 1),
            Place::Prompt(s, p) => write!(f, " in prompt {} of step {}", p + 1, s + 1),
        }
    }
}

impl Validator<'_> {
    fn error(&mut self, offset: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            at: Some(self.lines.position(offset)),
            message,
        });
    }

    fn whole(&mut self, message: String) {
        self.diagnostics.push(Diagnostic { at: None, message });
    }

    /// Turns a TOML or serde error into a diagnostic in our own words.
    fn toml_error(&mut self, e: &toml::de::Error) {
        let offset = e.span().map_or(0, |s| s.start);
        let place = self.place_at(offset);
        let raw = e.message().trim();
        let known = match place {
            Place::Top => ROUTINE_KEYS,
            Place::Step(_) => STEP_KEYS,
            Place::Prompt(..) => PROMPT_KEYS,
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
                "name" => "name = \"Peel off the wall\"",
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
        let mut steps = 0;
        for line in self.src[..end].lines() {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if header.starts_with("[[step]]") {
                steps += 1;
                place = Place::Step(steps - 1);
            } else if header.starts_with("[[step.prompt]]") {
                place = match place {
                    Place::Prompt(s, p) => Place::Prompt(s, p + 1),
                    Place::Step(s) => Place::Prompt(s, 0),
                    Place::Top => Place::Top,
                };
            } else if header.starts_with('[') && !header.starts_with("[[") {
                place = Place::Top;
            }
        }
        place
    }

    fn routine(&mut self, raw: RawRoutine, id: String) -> Option<Routine> {
        let title = self.text(&raw.title, "title", Place::Top, MAX_TITLE_CHARS, false);
        let summary = raw
            .summary
            .as_ref()
            .map(|s| self.text(s, "summary", Place::Top, MAX_LINE_CHARS, false));
        let tags = self.words(&raw.tags, "tags");
        let equipment = self.words(&raw.equipment, "equipment");
        let lead_in = match &raw.lead_in {
            Some(d) => self.duration(d, "lead_in", Place::Top, Some(MAX_PAUSE), true),
            None => DEFAULT_LEAD_IN,
        };
        if raw.step.is_empty() {
            self.whole(
                "the routine has no steps; add at least one `[[step]]` with `name`, `cue` and `hold`"
                    .into(),
            );
        }
        if let Some(extra) = raw.step.get(MAX_STEPS) {
            self.error(
                extra.span().start,
                format!(
                    "a routine has at most {MAX_STEPS} steps; this is step {}",
                    raw.step.len()
                ),
            );
        }
        let steps = raw
            .step
            .iter()
            .enumerate()
            .map(|(i, s)| self.step(s.get_ref(), i, lead_in))
            .collect();
        Some(Routine {
            id,
            title,
            summary,
            tags,
            equipment,
            lead_in,
            steps,
        })
    }

    fn step(&mut self, raw: &RawStep, index: usize, routine_lead_in: Duration) -> Step {
        let place = Place::Step(index);
        let name = self.text(&raw.name, "name", place, MAX_LINE_CHARS, false);
        let cue = self.text(&raw.cue, "cue", place, MAX_CUE_CHARS, true);
        let hold = self.duration(&raw.hold, "hold", place, Some(MAX_HOLD), false);
        let reps = raw.reps.as_ref().map_or(1, |r| self.reps(r, place));
        let rest = raw.rest.as_ref().map_or(Duration::ZERO, |r| {
            self.duration(r, "rest", place, Some(MAX_PAUSE), true)
        });
        let lead_in = raw.lead_in.as_ref().map_or(routine_lead_in, |r| {
            self.duration(r, "lead_in", place, Some(MAX_PAUSE), true)
        });
        let sides = raw
            .sides
            .as_ref()
            .map_or_else(Vec::new, |s| self.sides(s, place));
        if raw.prompt.len() > MAX_PROMPTS {
            self.error(
                raw.prompt[MAX_PROMPTS].span().start,
                format!(
                    "a step has at most {MAX_PROMPTS} prompts; this is prompt {}{place}",
                    MAX_PROMPTS + 1
                ),
            );
        }
        let mut prompts: Vec<Prompt> = raw
            .prompt
            .iter()
            .enumerate()
            .map(|(p, prompt)| {
                let prompt = prompt.get_ref();
                let place = Place::Prompt(index, p);
                let at = self.duration(&prompt.at, "at", place, None, true);
                if at >= hold && hold > Duration::ZERO {
                    self.error(
                        prompt.at.span().start,
                        format!(
                            "`at`{place} is {}, but the hold is {}; a prompt must come before the hold ends",
                            human(at),
                            human(hold)
                        ),
                    );
                }
                let text = self.text(&prompt.text, "text", place, MAX_LINE_CHARS, false);
                Prompt { at, text }
            })
            .collect();
        prompts.sort_by_key(|p| p.at);
        Step {
            name,
            cue,
            hold,
            reps,
            rest,
            sides,
            lead_in,
            prompts,
        }
    }

    /// Checks a text field: not blank, short enough, and free of characters
    /// that could drive a terminal. Windows line endings become `\n`.
    fn text(
        &mut self,
        value: &Spanned<String>,
        key: &str,
        place: Place,
        max_chars: usize,
        multiline: bool,
    ) -> String {
        let text = value.get_ref().replace("\r\n", "\n");
        let start = value.span().start;
        if text.trim().is_empty() {
            self.error(
                start,
                format!("`{key}`{place} is empty; write something here"),
            );
            return text;
        }
        if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
            // Point at the character itself when it is written literally in
            // the file, else at the start of the string.
            let span = value.span();
            let at = self
                .src
                .get(span.clone())
                .and_then(|raw| raw.find(c))
                .map_or(start, |i| span.start + i);
            self.error(
                at,
                format!(
                    "`{key}`{place} contains the character U+{:04X}; remove it (text may hold newlines and tabs, but no other control characters and no bidi overrides)",
                    c as u32
                ),
            );
        } else if !multiline && text.contains('\n') {
            self.error(start, format!("`{key}`{place} must be one line"));
        }
        let count = text.chars().count();
        if count > max_chars {
            self.error(
                start,
                format!("`{key}`{place} is {count} characters long; the limit is {max_chars}"),
            );
        }
        text
    }

    fn words(&mut self, values: &[Spanned<String>], key: &str) -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| self.text(v, &format!("{key}[{i}]"), Place::Top, 40, false))
            .collect()
    }

    fn sides(&mut self, value: &Spanned<Vec<Spanned<String>>>, place: Place) -> Vec<String> {
        let sides = value.get_ref();
        if sides.is_empty() || sides.len() > MAX_SIDES {
            self.error(
                value.span().start,
                format!(
                    "`sides`{place} has {} entries; give between 1 and {MAX_SIDES}, such as `[\"left\", \"right\"]`",
                    sides.len()
                ),
            );
        }
        let names: Vec<String> = sides
            .iter()
            .enumerate()
            .map(|(i, s)| self.text(s, &format!("sides[{i}]"), place, 40, false))
            .collect();
        for (i, side) in sides.iter().enumerate() {
            if names[..i].contains(&names[i]) {
                self.error(
                    side.span().start,
                    format!("side {} appears twice in `sides`{place}", quote(&names[i])),
                );
            }
        }
        names
    }

    fn reps(&mut self, value: &Spanned<toml::Value>, place: Place) -> u32 {
        let start = value.span().start;
        match value.get_ref() {
            toml::Value::Integer(n) if (1..=MAX_REPS).contains(n) => *n as u32,
            toml::Value::Integer(n) => {
                self.error(
                    start,
                    format!("`reps`{place} is {n}; it must be from 1 to {MAX_REPS}"),
                );
                1
            }
            other => {
                self.error(
                    start,
                    format!(
                        "`reps`{place} must be a whole number such as `6`, not a {}",
                        other.type_str()
                    ),
                );
                1
            }
        }
    }

    /// Parses a humantime duration string and checks it against the limits.
    fn duration(
        &mut self,
        value: &Spanned<toml::Value>,
        key: &str,
        place: Place,
        max: Option<Duration>,
        zero_ok: bool,
    ) -> Duration {
        let start = value.span().start;
        let parsed = match value.get_ref() {
            toml::Value::String(s) => {
                let bare = s.trim().parse::<f64>().is_ok();
                match humantime::parse_duration(s.trim()) {
                    Ok(d) => Ok(d),
                    Err(_) if bare => Err(format!(
                        "`{key}`{place} is {} with no unit; add one, as in `\"{}s\"`",
                        quote(s),
                        if s.trim().len() <= 8 { s.trim() } else { "5" }
                    )),
                    Err(_) => Err(format!(
                        "`{key}`{place}: {} is not a duration; write it like `\"5s\"`, `\"1m 30s\"` or `\"500ms\"`",
                        quote(s)
                    )),
                }
            }
            toml::Value::Integer(n) => Err(format!(
                "`{key}`{place} is a bare number; add a unit, as in `{key} = \"{n}s\"`"
            )),
            toml::Value::Float(n) => Err(format!(
                "`{key}`{place} is a bare number; add a unit, as in `{key} = \"{n}s\"`"
            )),
            other => Err(format!(
                "`{key}`{place} must be a duration string like `\"5s\"`, not a {}",
                other.type_str()
            )),
        };
        match parsed {
            Ok(d) if d.is_zero() && !zero_ok => {
                self.error(start, format!("`{key}`{place} must be more than 0"));
                Duration::ZERO
            }
            Ok(d) if max.is_some_and(|m| d > m) => {
                let max = max.unwrap_or_default();
                self.error(
                    start,
                    format!(
                        "`{key}`{place} is {}; the limit is {}",
                        human(d),
                        human(max)
                    ),
                );
                max
            }
            Ok(d) => d,
            Err(message) => {
                self.error(start, message);
                Duration::ZERO
            }
        }
    }
}

#[cfg(test)]
mod tests;
