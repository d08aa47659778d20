//! Program text -> a validated [`Program`]: TOML's own errors in our
//! words, then every stage checked, every problem collected with its place.

use toml::Spanned;

use super::raw::{PROGRAM_KEYS, RawProgram, RawStage, STAGE_KEYS};
use super::resolve::Resolver;
use super::{MAX_SESSIONS, MAX_STAGE_NAME_CHARS, MAX_STAGES, Program, Stage};
use crate::diagnostic::{Found, ParseError, key_message};
use crate::routine::{MAX_LINE_CHARS, MAX_TITLE_CHARS};
use crate::text::{self, is_forbidden, quote};

/// Validates program text, loading each stage's routine through
/// `resolver`.
pub(crate) fn parse_str(
    src: &str,
    id: String,
    origin: &str,
    resolver: &Resolver,
) -> Result<Program, ParseError> {
    let mut v = Problems::new(src);
    let program = match toml::from_str::<RawProgram>(src) {
        Ok(raw) => v.program(raw, id, resolver),
        Err(e) => {
            v.toml_error(&e);
            None
        }
    };
    match program {
        Some(program) if v.problems.is_empty() => Ok(program),
        _ => Err(v.into_error(origin)),
    }
}

/// The problems found in one program's text, and the text they are in.
struct Problems<'s> {
    src: &'s str,
    problems: Found,
}

impl<'s> Problems<'s> {
    fn new(src: &'s str) -> Problems<'s> {
        Problems {
            src,
            problems: Found::default(),
        }
    }

    fn error(&mut self, offset: usize, message: String) {
        self.problems.at(offset, message);
    }

    fn into_error(self, origin: &str) -> ParseError {
        self.problems.into_error(self.src, origin)
    }

    fn program(&mut self, raw: RawProgram, id: String, resolver: &Resolver) -> Option<Program> {
        let title = self.text(&raw.title, "title", "", MAX_TITLE_CHARS);
        let summary = raw
            .summary
            .as_ref()
            .map(|s| self.text(s, "summary", "", MAX_LINE_CHARS));
        if raw.stage.is_empty() {
            self.problems.whole(
                "the program has no stages; add at least one `[[stage]]` with `name`, `routine` and `sessions`".into(),
            );
        }
        if let Some(extra) = raw.stage.get(MAX_STAGES) {
            self.error(
                extra.span().start,
                format!(
                    "a program has at most {MAX_STAGES} stages; this is stage {}",
                    MAX_STAGES + 1
                ),
            );
        }
        let stages: Vec<Option<Stage>> = raw
            .stage
            .iter()
            .enumerate()
            .map(|(i, s)| self.stage(s, i, resolver))
            .collect();
        Some(Program {
            id,
            title,
            summary,
            stages: stages.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    fn stage(&mut self, raw: &Spanned<RawStage>, i: usize, resolver: &Resolver) -> Option<Stage> {
        let place = format!(" in stage {}", i + 1);
        let header = self.header(i, raw.span().start);
        let stage = raw.get_ref();
        let name = match &stage.name {
            Some(name) => self.text(name, "name", &place, MAX_STAGE_NAME_CHARS),
            None => {
                self.error(
                    header,
                    format!(
                        "stage {} has no `name`; add a line like `name = \"Learn the shape\"`",
                        i + 1
                    ),
                );
                String::new()
            }
        };
        let sessions = match &stage.sessions {
            Some(value) => self.sessions(value, &place),
            None => {
                self.error(
                    header,
                    format!(
                        "stage {} has no `sessions`; add a line like `sessions = 5`: the completed sessions before the next stage",
                        i + 1
                    ),
                );
                None
            }
        };
        let routine = match &stage.routine {
            Some(written) => match resolver.resolve(written.get_ref()) {
                Ok(routine) => Some(routine),
                Err(message) => {
                    self.error(written.span().start, format!("stage {}: {message}", i + 1));
                    None
                }
            },
            None => {
                self.error(
                    header,
                    format!(
                        "stage {} has no `routine`; add a line like `routine = \"wall-flexion\"` (a routine id, or a path relative to this file)",
                        i + 1
                    ),
                );
                None
            }
        };
        Some(Stage {
            name,
            written: stage.routine.as_ref()?.get_ref().clone(),
            routine: routine?,
            sessions: sessions?,
        })
    }

    /// `sessions`: a whole number from 1 to [`MAX_SESSIONS`].
    fn sessions(&mut self, value: &Spanned<toml::Value>, place: &str) -> Option<u32> {
        let how = format!("write a whole number from 1 to {MAX_SESSIONS}, as in `sessions = 5`");
        let problem = match value.get_ref() {
            toml::Value::Integer(n) if (1..=i64::from(MAX_SESSIONS)).contains(n) => {
                return u32::try_from(*n).ok();
            }
            toml::Value::Integer(n) if *n < 1 => {
                format!("`sessions`{place} is {n}, too few; {how}")
            }
            toml::Value::Integer(n) => format!("`sessions`{place} is {n}, too many; {how}"),
            toml::Value::String(s) => format!(
                "`sessions`{place} is the text {}; {how}, without quotes",
                quote(s)
            ),
            other => format!(
                "`sessions`{place} is {}; {how}",
                crate::diagnostic::article(other.type_str())
            ),
        };
        self.error(value.span().start, problem);
        None
    }

    /// A one-line text: not blank, within `max` characters, no control
    /// characters.
    fn text(&mut self, value: &Spanned<String>, key: &str, place: &str, max: usize) -> String {
        let text = value.get_ref();
        let at = value.span().start;
        if text.trim().is_empty() {
            self.error(at, format!("`{key}`{place} is empty; write something here"));
        } else if text
            .chars()
            .any(|c| is_forbidden(c) || c == '\n' || c == '\t')
        {
            self.error(
                at,
                format!(
                    "`{key}`{place} must be one line of text, without tabs or control characters"
                ),
            );
        }
        let count = text.chars().count();
        if count > max {
            self.error(
                at,
                format!("`{key}`{place} is {count} characters long; the limit is {max}"),
            );
        }
        text.clone()
    }

    /// Where stage `index`'s `[[stage]]` header starts, where a missing
    /// key is reported: the header lines counted from the top, or
    /// `fallback` (the table's own span) for a stage written another way.
    fn header(&self, index: usize, fallback: usize) -> usize {
        let mut at = 0;
        let mut seen = 0;
        for line in self.src.split_inclusive('\n') {
            if line.trim_start().starts_with("[[stage]]") {
                if seen == index {
                    return at + (line.len() - line.trim_start().len());
                }
                seen += 1;
            }
            at += line.len();
        }
        fallback
    }

    /// TOML's and serde's errors in our words, placed at the top or in a
    /// stage.
    fn toml_error(&mut self, e: &toml::de::Error) {
        let offset = e.span().map_or(0, |s| s.start);
        let offset = offset.min(self.src.len());
        let stages_before = self.src[..crate::diagnostic::floor_char_boundary(self.src, offset)]
            .lines()
            .filter(|l| l.trim_start().starts_with("[[stage]]"))
            .count();
        let (place, known) = match stages_before {
            0 => (String::new(), PROGRAM_KEYS),
            n => (format!(" in stage {n}"), STAGE_KEYS),
        };
        let raw = e.message().trim();
        let message = if self.src[offset..].starts_with("[step") || raw.contains("`step`") {
            "a program has `[[stage]]` tables, not `[[step]]`: a file with steps is a routine; keep the two in separate files".to_string()
        } else if raw.contains("expected a sequence") && self.src[offset..].starts_with("[stage") {
            // `[stage]` where `[[stage]]` was meant: the most common slip.
            "`[stage]` makes a single table; write `[[stage]]`, with double brackets, for each one"
                .to_string()
        } else if raw.contains("expected a sequence")
            && line_at(self.src, offset).starts_with("stage")
        {
            "`stage` is not a value: write each stage as a `[[stage]]` table with `name`, `routine` and `sessions` below it".to_string()
        } else if let Some(message) = key_message(self.src, e, &place, known) {
            message
        } else if let Some(rest) = raw.strip_prefix("missing field ") {
            let key = crate::diagnostic::between_backticks(rest).unwrap_or_default();
            format!("missing `{key}`{place}; add a line like `title = \"Own thoracic flexion\"`")
        } else {
            let first_line = raw.lines().next().unwrap_or(raw);
            format!("{}{place}", text::escape(first_line, 160))
        };
        self.error(offset, message);
    }
}

/// The line of `src` that holds byte `offset`, without its indentation.
fn line_at(src: &str, offset: usize) -> &str {
    let offset = crate::diagnostic::floor_char_boundary(src, offset);
    let start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    src[start..].lines().next().unwrap_or_default().trim_start()
}
