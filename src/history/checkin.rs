//! The check-in: a rating from 0 (easy) to 10 (stiff or sore) given at the
//! end of a run, and, with `checkin = "before-after"`, one before it.
//!
//! The run is recorded first, and the answer after it as a line of its own
//! (`"kind":"checkin"`, an amendment that names the run by its start), so
//! that quitting during the question never loses the run. The rating
//! before is known when the run is recorded and is kept in the run's own
//! line as `checkin_before`. [`apply`] puts each amendment's rating into
//! its run's [`Record::checkin_after`] once the whole history is read.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::log::{Log, Problem, Warning};
use super::{Record, Stamp};

/// The highest rating: "stiff or sore". The lowest is 0, "easy".
pub const MAX_RATING: u8 = 10;

/// The value of `"kind"` on an amendment line.
pub const KIND: &str = "checkin";

/// An amendment line: the rating given after the run that started at
/// `run`, on `machine`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checkin {
    /// Always [`KIND`]; written so the line says what it is.
    kind: &'static str,
    /// The run's `started_at`, as recorded.
    pub run: Stamp,
    /// The run's machine, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// When the question was answered.
    pub at: Stamp,
    /// 0 (easy) to [`MAX_RATING`] (stiff or sore).
    pub rating: u8,
    /// Where the line was read from, for warnings; not written.
    #[serde(skip)]
    pub place: Option<(PathBuf, usize)>,
}

impl Checkin {
    /// The amendment for `record`, answered `at` with `rating` (at most
    /// [`MAX_RATING`]; more is taken as [`MAX_RATING`]).
    pub fn for_run(record: &Record, at: Stamp, rating: u8) -> Checkin {
        Checkin {
            kind: KIND,
            run: record.started_at,
            machine: record.machine.clone(),
            at,
            rating: rating.min(MAX_RATING),
            place: None,
        }
    }

    /// Whether this amendment is about `record`: the same start instant,
    /// and the same machine when both name one.
    pub fn names(&self, record: &Record) -> bool {
        self.run.timestamp == record.started_at.timestamp
            && match (&self.machine, &record.machine) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// An amendment line as the file holds it, before its rating is checked.
#[derive(Deserialize)]
pub(super) struct RawCheckin {
    run: Stamp,
    #[serde(default)]
    machine: Option<String>,
    at: Stamp,
    rating: Value,
}

impl RawCheckin {
    /// The amendment, or why its rating cannot be used.
    pub(super) fn check(self, place: (PathBuf, usize)) -> Result<Checkin, RatingError> {
        Ok(Checkin {
            kind: KIND,
            run: self.run,
            machine: self.machine,
            at: self.at,
            rating: rating(&self.rating)?,
            place: Some(place),
        })
    }
}

/// Whether a line of the file is an amendment about `record`, whatever
/// its rating (for `history forget`, which takes a run's amendments out
/// with it).
pub(super) fn names_run(line: &[u8], record: &Record) -> bool {
    #[derive(Deserialize)]
    struct Names {
        kind: String,
        run: Stamp,
        #[serde(default)]
        machine: Option<String>,
    }
    serde_json::from_slice::<Names>(line).is_ok_and(|n| {
        n.kind == KIND
            && n.run.timestamp == record.started_at.timestamp
            && match (&n.machine, &record.machine) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    })
}

/// Why a rating in the file cannot be used: which way it is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingError {
    /// Above [`MAX_RATING`], e.g. 11.
    TooHigh(String),
    /// Below 0, e.g. -1.
    TooLow(String),
    /// A number with a fraction, e.g. 7.5.
    NotWhole(String),
    /// Not a number at all, e.g. `"7"`; the value escaped and shortened.
    NotANumber(String),
}

impl fmt::Display for RatingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RatingError::TooHigh(n) => write!(f, "{n} is above {MAX_RATING}, the highest rating"),
            RatingError::TooLow(n) => write!(f, "{n} is below 0, the lowest rating"),
            RatingError::NotWhole(n) => {
                write!(f, "{n} is not a whole number from 0 to {MAX_RATING}")
            }
            RatingError::NotANumber(v) => {
                write!(f, "`{v}` is not a whole number from 0 to {MAX_RATING}")
            }
        }
    }
}

/// A rating from the file: a whole number from 0 to [`MAX_RATING`].
pub fn rating(value: &Value) -> Result<u8, RatingError> {
    let Value::Number(n) = value else {
        return Err(RatingError::NotANumber(crate::text::escape(
            &value.to_string(),
            20,
        )));
    };
    // serde_json prints every number it can hold in a few characters.
    let shown = n.to_string();
    match (n.as_u64(), n.as_i64()) {
        (Some(v), _) if v <= u64::from(MAX_RATING) => Ok(v as u8),
        (Some(_), _) => Err(RatingError::TooHigh(shown)),
        (None, Some(_)) => Err(RatingError::TooLow(shown)),
        _ => match n.as_f64() {
            // 7.0, typed by hand, is a whole number.
            Some(f) if f.fract() == 0.0 && (0.0..=f64::from(MAX_RATING)).contains(&f) => {
                Ok(f as u8)
            }
            Some(f) if f.fract() == 0.0 && f > f64::from(MAX_RATING) => {
                Err(RatingError::TooHigh(shown))
            }
            Some(f) if f.fract() == 0.0 && f < 0.0 => Err(RatingError::TooLow(shown)),
            _ => Err(RatingError::NotWhole(shown)),
        },
    }
}

/// Reads `checkin_before`: a rating, or none (absent or `null`). Anything
/// else is an error naming the field; the reader then reads the run again
/// without it (see `log/line.rs`), so the run is kept and the warning says
/// which way the rating is wrong.
pub(super) fn before<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None => Ok(None),
        Some(value) => rating(&value)
            .map(Some)
            .map_err(|e| serde::de::Error::custom(format!("checkin_before: {e}"))),
    }
}

/// Puts each amendment's rating into the run it names, in `records`
/// (sorted by [`Record::merge_order`]); a later answer for the same run
/// (by `at`) wins. Returns the amendments that name no run.
pub(super) fn apply<'a>(records: &mut [Record], checkins: &'a [Checkin]) -> Vec<&'a Checkin> {
    let mut checkins: Vec<&Checkin> = checkins.iter().collect();
    checkins.sort_by_key(|c| c.at.timestamp);
    let mut orphans = Vec::new();
    for checkin in checkins {
        let from = records.partition_point(|r| r.started_at.timestamp < checkin.run.timestamp);
        let mut found = false;
        for record in records[from..]
            .iter_mut()
            .take_while(|r| r.started_at.timestamp == checkin.run.timestamp)
        {
            if checkin.names(record) {
                record.checkin_after = Some(checkin.rating);
                found = true;
            }
        }
        if !found {
            orphans.push(checkin);
        }
    }
    orphans
}

/// Applies a whole history's amendments to its runs (see [`apply`]),
/// with a warning naming the file and line of each that names no run.
pub(super) fn settle(log: &mut Log) {
    let checkins = std::mem::take(&mut log.checkins);
    for orphan in apply(&mut log.records, &checkins) {
        let (path, line) = orphan.place.clone().unwrap_or_default();
        log.warn(Warning {
            path,
            line,
            problem: Problem::NoRun {
                run: orphan.run.to_string(),
            },
        });
    }
    log.checkins = checkins;
}

/// The last `n` ratings given after runs that `matches` chooses, oldest
/// first, from `records` in time order (as [`super::Store::read`] gives
/// them). Runs without a rating are passed over: these are the last `n`
/// answers, not the answers of the last `n` runs.
pub fn last_ratings(records: &[Record], n: usize, matches: impl Fn(&Record) -> bool) -> Vec<u8> {
    let mut ratings: Vec<u8> = records
        .iter()
        .rev()
        .filter(|r| matches(r))
        .filter_map(|r| r.checkin_after)
        .take(n)
        .collect();
    ratings.reverse();
    ratings
}

#[cfg(test)]
mod tests;
