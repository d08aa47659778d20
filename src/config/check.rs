//! One small check per kind of setting: a TOML value in, a [`Value`] or
//! the message that says what to write instead. Limits are printed from
//! the table's constants.

use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::de::DeValue;

use super::settings::{CommandExamples, Kind, Setting, Value};
use crate::diagnostic;
use crate::text::{human, quote};

/// Checks `value` for `setting`; the error is the message, which already
/// names the key and its table.
pub(super) fn check(setting: &Setting, value: &DeValue) -> Result<Value, String> {
    let at = format!("`{}` in [{}]", setting.key, setting.table);
    match setting.kind {
        Kind::Duration { min, max } => duration(&at, text(&at, value)?, min, max),
        Kind::Choice { names, noun } => choice(&at, text(&at, value)?, names, noun),
        Kind::Command(examples) => command(&at, value, examples),
        Kind::Path => path(&at, text(&at, value)?),
        Kind::Bool => value
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| wrong_type(&at, "`true` or `false`", value)),
        Kind::Machine => machine(&at, text(&at, value)?),
    }
}

/// "`key` in [table] should be text in quotes, not an integer".
pub(super) fn wrong_type(at: &str, expected: &str, found: &DeValue) -> String {
    format!(
        "{at} should be {expected}, not {}",
        diagnostic::article(found.type_str())
    )
}

fn text<'v>(at: &str, value: &'v DeValue) -> Result<&'v str, String> {
    value
        .as_str()
        .ok_or_else(|| wrong_type(at, "text in quotes", value))
}

fn duration(at: &str, text: &str, min: Duration, max: Duration) -> Result<Value, String> {
    let fits = |d: Duration| (min..=max).contains(&d);
    let d = humantime::parse_duration(text.trim()).map_err(|_| {
        // A number alone: the same number of seconds, if the key takes it.
        if let Ok(n) = text.trim().parse::<u32>()
            && fits(Duration::from_secs(n.into()))
        {
            return format!(
                "{at}: {} has no unit; add one, as in `\"{n}s\"`",
                quote(text)
            );
        }
        format!(
            "{at}: {} is not a duration; write it like {}",
            quote(text),
            examples(fits)
        )
    })?;
    // Which way it is wrong, and by which limit.
    if d > max {
        return Err(format!(
            "{at}: {} is longer than the {} limit",
            quote(text),
            human(max)
        ));
    }
    if d < min {
        return Err(format!(
            "{at}: {} is shorter than the {} minimum",
            quote(text),
            human(min)
        ));
    }
    Ok(Value::Duration(d))
}

/// Up to three durations a key with these bounds takes, as a message
/// offers them: the shortest that fits and the two longest.
fn examples(fits: impl Fn(Duration) -> bool) -> String {
    const CANDIDATES: &[&str] = &["5s", "1m 30s", "15m", "12h", "1day"];
    let fitting: Vec<&str> = CANDIDATES
        .iter()
        .copied()
        .filter(|c| humantime::parse_duration(c).is_ok_and(&fits))
        .collect();
    let chosen: Vec<String> = match fitting.as_slice() {
        [first, .., a, b] => vec![first, a, b],
        all => all.iter().collect(),
    }
    .into_iter()
    .map(|c| format!("`\"{c}\"`"))
    .collect();
    match chosen.as_slice() {
        [] => "`\"5s\"`".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn choice(
    at: &str,
    text: &str,
    names: &'static [&'static str],
    noun: &str,
) -> Result<Value, String> {
    if let Some(name) = names.iter().find(|n| **n == text) {
        return Ok(Value::Choice(name));
    }
    let hint = match diagnostic::closest(text, names) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("write {}", one_of(names)),
    };
    Err(format!("{at}: {} is not {noun}; {hint}", quote(text)))
}

/// `"a"`, `"b"` or `"c"`, each as it is written in the file.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`\"{n}\"`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A program and its arguments, from a string split as a shell would (so
/// that `say -v 'Good News'` keeps the voice's name in one piece) or from
/// a list of strings.
fn command(at: &str, value: &DeValue, examples: &CommandExamples) -> Result<Value, String> {
    let words = match value {
        DeValue::String(s) => shlex::split(s).ok_or_else(|| {
            format!(
                "{at} has a quote that is not closed; close it, or write the command as a list like `{}`",
                examples.spaced
            )
        })?,
        DeValue::Array(items) => items
            .iter()
            .map(|i| i.get_ref().as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    };
    if words.is_empty() || words.iter().any(String::is_empty) {
        return Err(format!(
            "{at} should be a program and its arguments, like `{}` or `{}`",
            examples.string, examples.list
        ));
    }
    Ok(Value::Command(words))
}

fn path(at: &str, dir: &str) -> Result<Value, String> {
    let home = dir == "~" || dir.starts_with("~/");
    if home || Path::new(dir).is_absolute() {
        return Ok(Value::Path(PathBuf::from(dir)));
    }
    Err(format!(
        "{at}: {} is not an absolute path; \
         write the whole path, like `\"/home/me/Sync/mobility\"`, or start it with `~/`",
        quote(dir)
    ))
}

fn machine(at: &str, name: &str) -> Result<Value, String> {
    match crate::history::machine_problem(name) {
        None => Ok(Value::Machine(name.to_owned())),
        Some(problem) => Err(format!("{at}: {} {problem}", quote(name))),
    }
}
