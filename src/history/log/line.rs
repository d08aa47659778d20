//! What one line of the log is: a run, a check-in amendment, or a record of
//! a kind this version does not know.
//!
//! A line may say what it is with `"kind"`. Without one (every line before
//! kinds existed), or with `"kind":"run"`, it is a run ([`Record`]);
//! `"kind":"checkin"` is an amendment ([`super::super::Checkin`]). Any other
//! kind is kept as it is, unread ([`super::Other`]), and never warned
//! about: a newer mobility may write kinds an older one does not know.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use crate::history::Record;
use crate::history::checkin::{self, RatingError, RawCheckin};

/// One line, parsed.
pub(super) enum Parsed {
    /// A run; with why its `checkin_before` was dropped, if it was.
    Run(Record, Option<RatingError>),
    /// A check-in amendment, its rating not yet checked.
    Checkin(RawCheckin),
    /// A record of another kind: the kind and the whole line.
    Other(String, Value),
}

/// Only the kind, every other field passed over.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(default, borrow)]
    kind: Option<Cow<'a, str>>,
}

/// Parses one line (without its newline). An error is the run parser's
/// when the line does not say it is something else.
///
/// Nearly every line is a run, and is read once: mobility writes `"kind"`
/// as the first key of every other kind of line, so only a line that
/// starts so, or that does not read as a run, is asked its kind. (A line
/// written by hand with every field of a run and another kind further on
/// is taken for a run.)
pub(super) fn parse(text: &[u8]) -> Result<Parsed, serde_json::Error> {
    if starts_with_kind(text)
        && let Some(parsed) = by_kind(text)
    {
        return parsed;
    }
    match serde_json::from_slice::<Record>(text) {
        Ok(record) => Ok(Parsed::Run(record, None)),
        Err(error) => match by_kind(text) {
            Some(parsed) => parsed,
            None => without_bad_before(text).ok_or(error),
        },
    }
}

/// The line as the kind it says it is, or `None` for a run or no kind.
fn by_kind(text: &[u8]) -> Option<Result<Parsed, serde_json::Error>> {
    let Ok(Probe { kind: Some(kind) }) = serde_json::from_slice::<Probe>(text) else {
        return None;
    };
    match kind.as_ref() {
        "run" => None,
        checkin::KIND => Some(serde_json::from_slice(text).map(Parsed::Checkin)),
        other => {
            let kind = other.to_owned();
            Some(serde_json::from_slice(text).map(|value| Parsed::Other(kind, value)))
        }
    }
}

/// A run whose `checkin_before` is not a rating (which the record refuses),
/// read without it, and why it was left out. Only a line that failed to
/// read as a run comes here, so the common line pays nothing for it.
fn without_bad_before(text: &[u8]) -> Option<Parsed> {
    let Ok(Value::Object(mut fields)) = serde_json::from_slice::<Value>(text) else {
        return None;
    };
    let why = checkin::rating(fields.get("checkin_before")?).err()?;
    fields.remove("checkin_before");
    let record = serde_json::from_value::<Record>(Value::Object(fields)).ok()?;
    Some(Parsed::Run(record, Some(why)))
}

/// Whether the line's first key is `"kind"`, spaces allowed.
fn starts_with_kind(text: &[u8]) -> bool {
    text.strip_prefix(b"{")
        .is_some_and(|rest| rest.trim_ascii_start().starts_with(b"\"kind\""))
}
