//! Raw serde structs -> a validated [`Routine`]: every limit is checked
//! here, once, and every problem in a file is collected, not just the
//! first, so that `check` can list them in one pass.

use std::fmt;
use std::time::Duration;

use toml::Spanned;

use super::raw::RawRoutine;
use super::{
    DEFAULT_LEAD_IN, Figure, MAX_LINE_CHARS, MAX_PAUSE, MAX_STEPS, MAX_TITLE_CHARS, Pose, Routine,
};
use crate::diagnostic::{Found, ParseError, closest};

mod step;
use crate::text::{human, is_forbidden, quote};

/// Collects the problems found in one routine's text.
pub(super) struct Validator<'s> {
    pub src: &'s str,
    problems: Found,
}

/// Where a value sits, for messages: "" at the top, " in step 2", ...
#[derive(Clone, Copy)]
pub(super) enum Place {
    Top,
    Step(usize),
    Prompt(usize, usize),
    Phase(usize, usize),
    /// Prompt `2` of phase `1` of step `0`.
    PhasePrompt(usize, usize, usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Top => Ok(()),
            Place::Step(s) => write!(f, " in step {}", s + 1),
            Place::Prompt(s, p) => write!(f, " in prompt {} of step {}", p + 1, s + 1),
            Place::Phase(s, p) => write!(f, " in phase {} of step {}", p + 1, s + 1),
            Place::PhasePrompt(s, ph, p) => write!(
                f,
                " in prompt {} of phase {} of step {}",
                p + 1,
                ph + 1,
                s + 1
            ),
        }
    }
}

impl<'s> Validator<'s> {
    pub fn new(src: &'s str) -> Validator<'s> {
        Validator {
            src,
            problems: Found::default(),
        }
    }

    pub fn error(&mut self, offset: usize, message: String) {
        self.problems.at(offset, message);
    }

    fn whole(&mut self, message: String) {
        self.problems.whole(message);
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems in file order (whole-file ones first), the first
    /// [`MAX_SHOWN`](crate::diagnostic::MAX_SHOWN) of them placed by line
    /// and column, the rest counted.
    pub fn into_error(self, origin: &str) -> ParseError {
        self.problems.into_error(self.src, origin)
    }

    pub fn routine(&mut self, raw: RawRoutine, id: String) -> Option<Routine> {
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
        let figure = raw.figure.as_ref().and_then(|f| self.figure(f, Place::Top));
        let steps = raw
            .step
            .iter()
            .enumerate()
            .map(|(i, s)| self.step(s, i, lead_in, figure))
            .collect();
        Some(Routine {
            id,
            title,
            summary,
            tags,
            equipment,
            lead_in,
            steps,
            figure,
        })
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
        } else if !multiline && text.contains('\t') {
            self.error(
                start,
                format!("`{key}`{place} contains a tab; use spaces in one-line text"),
            );
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

    /// A figure's name: `wall` or `chair`.
    pub(super) fn figure(&mut self, value: &Spanned<String>, place: Place) -> Option<Figure> {
        let name = value.get_ref();
        let found = Figure::from_name(name);
        if found.is_none() {
            let hint = match closest(name, Figure::NAMES) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "write `\"wall\"` or `\"chair\"`, or leave it out for no picture".into(),
            };
            self.error(
                value.span().start,
                format!("`figure`{place} is {}; {hint}", quote(name)),
            );
        }
        found
    }

    /// A phase's pose: `"upright"`, `"rounded"` or a number from 0 to 1.
    pub(super) fn pose(&mut self, value: &Spanned<toml::Value>, place: Place) -> Option<Pose> {
        let how = "write `\"upright\"`, `\"rounded\"` or a number from 0 to 1";
        let (pose, problem) = match value.get_ref() {
            toml::Value::String(word) => match Pose::from_word(word) {
                Some(pose) => (Some(pose), None),
                None => {
                    let hint = match closest(word, Pose::WORDS) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => how.to_string(),
                    };
                    (
                        None,
                        Some(format!("`pose`{place} is {}; {hint}", quote(word))),
                    )
                }
            },
            toml::Value::Integer(n) => match Pose::from_number(*n as f64) {
                Some(pose) => (Some(pose), None),
                None => (None, Some(format!("`pose`{place} is {n}; {how}"))),
            },
            toml::Value::Float(n) => match Pose::from_number(*n) {
                Some(pose) => (Some(pose), None),
                None => (
                    None,
                    Some(format!(
                        "`pose`{place} is {}; {how}",
                        crate::text::number(*n)
                    )),
                ),
            },
            other => (
                None,
                Some(format!(
                    "`pose`{place} is {}; {how}",
                    crate::diagnostic::article(other.type_str())
                )),
            ),
        };
        if let Some(problem) = problem {
            self.error(value.span().start, problem);
        }
        pose
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
        self.duration_offering(value, key, place, max, zero_ok, max)
    }

    /// [`Self::duration`], its messages offering only examples up to
    /// `offer_max` (a prompt's `at`: before its hold or phase ends, which
    /// is checked after).
    pub(super) fn duration_offering(
        &mut self,
        value: &Spanned<toml::Value>,
        key: &str,
        place: Place,
        max: Option<Duration>,
        zero_ok: bool,
        offer_max: Option<Duration>,
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
                        seconds_example(s.trim(), offer_max)
                    )),
                    Err(_) => Err(format!(
                        "`{key}`{place}: {} is not a duration; write it like {}",
                        quote(s),
                        duration_examples(offer_max, zero_ok)
                    )),
                }
            }
            toml::Value::Integer(n) => Err(bare_number(key, place, &n.to_string(), offer_max)),
            toml::Value::Float(n) => Err(bare_number(key, place, &n.to_string(), offer_max)),
            other => Err(format!(
                "`{key}`{place} must be a duration string like `\"5s\"`, not {}",
                crate::diagnostic::article(other.type_str())
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
                        "`{key}`{place} is {}, longer than the {} limit",
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

/// A number written without a unit, given back with an example the key
/// takes.
fn bare_number(key: &str, place: Place, number: &str, max: Option<Duration>) -> String {
    let example = seconds_example(number, max);
    format!("`{key}`{place} is a bare number; add a unit, as in `{key} = \"{example}s\"`")
}

/// A bare number as the seconds of an example: itself, when it is a whole
/// number of seconds within `max`; else 5, which every duration key takes,
/// or the whole seconds of `max` where 5 is too long (a prompt in a short
/// hold). (`1e308` would be 309 digits, and `99999` seconds a refused
/// rest.)
fn seconds_example(number: &str, max: Option<Duration>) -> String {
    let within = |secs: u64| max.is_none_or(|max| Duration::from_secs(secs) <= max);
    let fits = number
        .parse::<u32>()
        .is_ok_and(|n| n > 0 && within(n.into()));
    if fits {
        number.to_owned()
    } else {
        max.map_or(5, |max| max.as_secs().min(5)).to_string()
    }
}

/// How a duration is written, by examples up to `max`: the usual three
/// where they fit, else those that do, else `"0s"` (or `"500ms"` where 0
/// is refused).
fn duration_examples(max: Option<Duration>, zero_ok: bool) -> String {
    const USUAL: &[&str] = &["5s", "1m 30s", "500ms"];
    let fitting: Vec<String> = USUAL
        .iter()
        .filter(|e| humantime::parse_duration(e).is_ok_and(|d| max.is_none_or(|m| d <= m)))
        .map(|e| format!("`\"{e}\"`"))
        .collect();
    match fitting.as_slice() {
        [] if zero_ok => "`\"0s\"`".to_owned(),
        [] => "`\"500ms\"`".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}
