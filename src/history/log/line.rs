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

/// Only `checkin_before`, to say why it was dropped.
#[derive(Deserialize)]
struct Before {
    #[serde(default)]
    checkin_before: Option<Value>,
}

/// Parses one line (without its newline). An error is the run parser's
/// when the line does not say it is something else.
pub(super) fn parse(text: &[u8]) -> Result<Parsed, serde_json::Error> {
    // Runs are nearly every line, and say no kind: only a line that holds
    // the bytes `"kind"` somewhere is probed first.
    if contains(text, b"\"kind\"")
        && let Ok(Probe { kind: Some(kind) }) = serde_json::from_slice::<Probe>(text)
    {
        match kind.as_ref() {
            "run" => {}
            checkin::KIND => return serde_json::from_slice(text).map(Parsed::Checkin),
            other => {
                let kind = other.to_owned();
                return serde_json::from_slice(text).map(|value| Parsed::Other(kind, value));
            }
        }
    }
    let record: Record = serde_json::from_slice(text)?;
    // The record reads an unusable `checkin_before` as none; only then is
    // the line read again, to say why.
    let dropped = match record.checkin_before {
        Some(_) => None,
        None if contains(text, b"\"checkin_before\"") => serde_json::from_slice::<Before>(text)
            .ok()
            .and_then(|b| b.checkin_before)
            .filter(|v| !v.is_null())
            .and_then(|v| checkin::rating(&v).err()),
        None => None,
    };
    Ok(Parsed::Run(record, dropped))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
