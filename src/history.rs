//! The append-only practice log: append, read, streaks.
//!
//! The log is a JSON Lines file (`$XDG_STATE_HOME/mobility/history.jsonl`),
//! one [`Record`] per line. It is appended to under an exclusive lock, so
//! concurrent runs and crashes can at worst leave one torn last line, which
//! [`read`] skips with a warning and [`append`] steps over; it is rewritten
//! only to forget a run when asked ([`forget`]), under the same lock.

pub mod calendar;
mod checkin;
mod dir;
pub mod export;
mod filter;
mod forget;
mod log;
mod stats;
mod tail;
pub mod trend;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;
use jiff::{Timestamp, ZonedDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use checkin::{Checkin, MAX_RATING, RatingError, last_ratings, rating};
pub use dir::{
    MAX_FILES, Moved, Store, host_name, is_history_file, machine_problem, move_into,
    sanitize_machine,
};
pub use filter::{Filter, Since, SinceError, parse_since};
pub use forget::{FORGOTTEN, Forgotten, forget};

pub use log::{
    LOCK_TIMEOUT, Log, MAX_FILE, Other, Problem, SHOWN_WARNINGS, Warning, append, append_checkin,
    append_other, check_writable, read,
};
pub use stats::{HistorySummary, current_streak, longest_streak, runs_this_week, summarize};
pub use tail::{Coverage, TAIL_BYTES, Tail};

/// One run of a routine, as stored on one line of the log.
///
/// Unknown fields are ignored when reading, so a newer mobility can add
/// fields without making an older one reject the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The routine's id, or the path it was run from.
    pub routine: String,
    /// The routine's title at the time of the run.
    pub title: String,
    /// When the run started, with the local offset at that moment.
    pub started_at: Stamp,
    /// When the run ended (finished or quit).
    pub ended_at: Stamp,
    /// Seconds spent not paused, as a float with sub-second precision.
    /// [`append`] rejects negative and non-finite values.
    pub active_seconds: f64,
    /// Whether the run counts as done: for streaks, `due` and `remind`.
    pub completed: bool,
    /// Whether the run got to the end of the plan, whether or not it counts
    /// as completed (a run that skipped its way there reached the end but is
    /// not completed). Logs written before this field existed read as
    /// `false`: of those runs only `completed` is known.
    #[serde(default)]
    pub reached_end: bool,
    /// Steps finished before the run ended.
    pub steps_done: u32,
    /// Steps in the routine.
    pub steps_total: u32,
    /// Steps whose holds were cut short with `s` or `n`. Logs written
    /// before this field existed read as 0.
    #[serde(default)]
    pub steps_skipped: u32,
    /// The machine the run was recorded on (see [`sanitize_machine`]).
    /// Logs written before this field existed read as `None`, and such
    /// records are written back without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine: Option<String>,
    /// The check-in before the run, 0 (easy) to 10 (stiff or sore), with
    /// `checkin = "before-after"`: known when the run is recorded, so kept
    /// in its own line. A value that is not a rating is refused here; the
    /// log's reader then keeps the run without it, and warns.
    #[serde(
        default,
        deserialize_with = "checkin::before",
        skip_serializing_if = "Option::is_none"
    )]
    pub checkin_before: Option<u8>,
    /// The check-in after the run. Never in the run's own line: it comes
    /// from the amendment line that follows it ([`Checkin`]), put here by
    /// [`Store::read`]. Written only where a run is shown (`--json`).
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub checkin_after: Option<u8>,
    /// The program the run was a stage of: its id, or its canonical path.
    /// `None` for a routine run on its own, and in logs written before
    /// programs existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// Which stage of `program` the run was, from 1. A value that is not
    /// a stage number reads as `None`: the run is kept, and counts for no
    /// stage.
    #[serde(
        default,
        deserialize_with = "lenient_stage",
        skip_serializing_if = "Option::is_none"
    )]
    pub stage: Option<u32>,
}

/// Reads `stage` leniently: anything but a whole number from 1 up reads as
/// none, so that a hand-edited stage never costs the run.
fn lenient_stage<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(value
        .and_then(|v| v.as_u64())
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n >= 1))
}

/// How many characters of a routine id [`Record::display_id`] shows.
pub const ID_CHARS: usize = crate::text::PATH_CHARS;

/// How many characters of a title [`Record::display_title`] shows.
pub const TITLE_CHARS: usize = 80;

impl Record {
    /// The routine id (or path) as it may be printed: escaped, and at most
    /// [`ID_CHARS`] characters (plus `…`). The history is untrusted: print
    /// this, never [`Record::routine`], which is for comparing.
    pub fn display_id(&self) -> String {
        crate::text::escape(&self.routine, ID_CHARS)
    }

    /// The title as it may be printed: escaped, and at most
    /// [`TITLE_CHARS`] characters (plus `…`).
    pub fn display_title(&self) -> String {
        crate::text::escape(&self.title, TITLE_CHARS)
    }

    /// Whether two records are the same run: the same routine, started and
    /// ended at the same instants. The machine is left out, so that a run
    /// moved with `--move-to` (which names its machine) and a copy of it
    /// that does not are still one run; two machines cannot start the
    /// same routine in the same nanosecond.
    pub fn same_run(&self, other: &Record) -> bool {
        self.started_at.timestamp == other.started_at.timestamp
            && self.ended_at.timestamp == other.ended_at.timestamp
            && self.routine == other.routine
    }

    /// The order [`Store::read`] merges in: by start, then end, then
    /// routine, so that copies of one run sit side by side, the copy that
    /// names its machine first.
    pub fn merge_order(&self, other: &Record) -> std::cmp::Ordering {
        self.started_at
            .timestamp
            .cmp(&other.started_at.timestamp)
            .then(self.ended_at.timestamp.cmp(&other.ended_at.timestamp))
            .then_with(|| self.routine.cmp(&other.routine))
            .then(other.machine.is_some().cmp(&self.machine.is_some()))
    }

    /// The time spent not paused. Total for anything a file can hold: a
    /// negative or non-finite count is zero, one too large for a
    /// [`Duration`] is [`Duration::MAX`].
    pub fn active(&self) -> Duration {
        if self.active_seconds.is_nan() || self.active_seconds <= 0.0 {
            return Duration::ZERO;
        }
        Duration::try_from_secs_f64(self.active_seconds).unwrap_or(Duration::MAX)
    }
}

/// An instant together with the UTC offset it was observed at.
///
/// Stored as RFC 3339 with that offset, e.g. `2026-11-25T10:30:00+01:00`,
/// so the log reads naturally and keeps the wall-clock time of the run.
/// Streaks and due checks use only the instant, converted into whatever time
/// zone they are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// The instant.
    pub timestamp: Timestamp,
    /// The local offset the instant is shown with.
    pub offset: Offset,
}

impl Stamp {
    /// The instant shown in the given time zone.
    pub fn in_zone(&self, tz: &jiff::tz::TimeZone) -> ZonedDateTime {
        self.timestamp.to_zoned_datetime(tz.clone())
    }
}

impl From<&ZonedDateTime> for Stamp {
    fn from(zdt: &ZonedDateTime) -> Self {
        Stamp {
            timestamp: zdt.timestamp(),
            offset: zdt.offset(),
        }
    }
}

impl From<ZonedDateTime> for Stamp {
    fn from(zdt: ZonedDateTime) -> Self {
        Stamp::from(&zdt)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.timestamp.display_with_offset(self.offset))
    }
}

/// The years a time in the history may fall in, both as written (with its
/// offset) and in UTC: the four-digit years of RFC 3339, for CSV, and of
/// RFC 5545, which writes times in UTC. The reader takes nothing that an
/// export could not write, so that they agree.
const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

impl FromStr for Stamp {
    type Err = jiff::Error;

    /// Parses RFC 3339 with a numeric offset or `Z`; a time and an offset
    /// are both required.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let pieces = Pieces::parse(s)?;
        let (Some(time), Some(offset)) = (pieces.time(), pieces.to_numeric_offset()) else {
            return Err(jiff::Error::from_args(format_args!(
                "expected a date, a time and a UTC offset, like 2026-11-25T10:30:00+01:00"
            )));
        };
        let timestamp = offset.to_timestamp(pieces.date().to_datetime(time))?;
        let utc_year = timestamp.to_zoned_datetime(jiff::tz::TimeZone::UTC).year();
        if !(YEARS.contains(&pieces.date().year()) && YEARS.contains(&utc_year)) {
            return Err(jiff::Error::from_args(format_args!(
                "the date is outside the years 1 to 9999 (in UTC and as written), which every export can write"
            )));
        }
        Ok(Stamp { timestamp, offset })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Borrowing avoids an allocation per field; the fallback handles
        // strings with escapes, which cannot be borrowed.
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Builders shared by the history and remind tests.

    use super::{Record, Stamp};
    use jiff::ZonedDateTime;
    use jiff::civil::DateTime;
    use jiff::tz::TimeZone;

    /// A zoned time from a civil `2026-03-08T10:00` and an IANA name.
    #[track_caller]
    pub fn at(civil: &str, zone: &str) -> ZonedDateTime {
        let dt: DateTime = civil.parse().expect("civil datetime");
        dt.to_zoned_datetime(TimeZone::get(zone).expect("zone"))
            .expect("in range")
    }

    /// A run of `routine` that started at `start` and lasted ten minutes.
    pub fn run(routine: &str, start: &ZonedDateTime, completed: bool) -> Record {
        let end = start
            .checked_add(jiff::SignedDuration::from_mins(10))
            .expect("in range");
        Record {
            routine: routine.to_owned(),
            title: format!("The {routine} routine"),
            started_at: Stamp::from(start),
            ended_at: Stamp::from(&end),
            active_seconds: 600.0,
            completed,
            reached_end: completed,
            steps_done: if completed { 4 } else { 2 },
            steps_total: 4,
            steps_skipped: 0,
            machine: None,
            checkin_before: None,
            checkin_after: None,
            program: None,
            stage: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_support::{at, run};

    #[test]
    fn stamps_print_as_rfc3339_with_the_local_offset() {
        let start = at("2026-11-25T10:30", "Europe/Berlin");
        assert_eq!(Stamp::from(&start).to_string(), "2026-11-25T10:30:00+01:00");
    }

    #[test]
    fn stamps_round_trip_including_utc_and_fractions() {
        for text in [
            "2026-11-25T10:30:00+01:00",
            "2026-07-01T23:59:59.25-04:00",
            "2026-01-01T00:00:00Z",
        ] {
            let stamp: Stamp = text.parse().unwrap();
            let again: Stamp = stamp.to_string().parse().unwrap();
            assert_eq!(stamp, again, "{text}");
        }
        let utc: Stamp = "2026-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(utc.to_string(), "2026-01-01T00:00:00+00:00");
    }

    #[test]
    fn stamps_without_an_offset_or_time_are_rejected() {
        assert!("2026-11-25T10:30:00".parse::<Stamp>().is_err());
        assert!("2026-11-25".parse::<Stamp>().is_err());
        assert!(
            "2026-11-25T10:30:00[Europe/Berlin]"
                .parse::<Stamp>()
                .is_err()
        );
        assert!("yesterday".parse::<Stamp>().is_err());
    }

    #[test]
    fn a_record_serializes_to_the_documented_fields() {
        let record = run(
            "wall-flexion",
            &at("2026-11-25T10:30", "Europe/Berlin"),
            true,
        );
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            json,
            r#"{"routine":"wall-flexion","title":"The wall-flexion routine","started_at":"2026-11-25T10:30:00+01:00","ended_at":"2026-11-25T10:40:00+01:00","active_seconds":600.0,"completed":true,"reached_end":true,"steps_done":4,"steps_total":4,"steps_skipped":0}"#
        );
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn ids_and_titles_from_the_file_display_escaped_and_short() {
        let mut record = run("r", &at("2026-11-25T10:30", "Europe/Berlin"), true);
        record.routine = format!("\u{1b}[2J{}", "x".repeat(70_000));
        record.title = "Wall\u{202e}\u{7}".to_owned();
        let id = record.display_id();
        assert!(id.starts_with("\\u{1b}[2Jxxx"), "{id}");
        assert_eq!(id.chars().count(), ID_CHARS + 1);
        assert!(id.ends_with('…'));
        assert_eq!(record.display_title(), "Wall\\u{202e}\\u{7}");
        record.title = "t".repeat(TITLE_CHARS + 1);
        assert_eq!(record.display_title().chars().count(), TITLE_CHARS + 1);
        record.title = "t".repeat(TITLE_CHARS);
        assert_eq!(record.display_title(), "t".repeat(TITLE_CHARS));
    }

    #[test]
    fn any_active_seconds_a_file_can_hold_become_a_duration() {
        let mut record = run("r", &at("2026-11-25T10:30", "Europe/Berlin"), true);
        for (seconds, expected) in [
            (112.5, Duration::from_millis(112_500)),
            (0.0, Duration::ZERO),
            (-5.0, Duration::ZERO),
            (f64::NAN, Duration::ZERO),
            (f64::NEG_INFINITY, Duration::ZERO),
            (1e300, Duration::MAX),
            (f64::INFINITY, Duration::MAX),
        ] {
            record.active_seconds = seconds;
            assert_eq!(record.active(), expected, "{seconds}");
        }
    }

    #[test]
    fn unknown_fields_from_newer_versions_are_ignored() {
        let json = r#"{"routine":"r","title":"R","started_at":"2026-11-25T10:30:00+01:00","ended_at":"2026-11-25T10:40:00+01:00","active_seconds":12,"completed":false,"steps_done":1,"steps_total":3,"mood":"great"}"#;
        let record: Record = serde_json::from_str(json).unwrap();
        assert_eq!(record.active_seconds, 12.0);
        assert_eq!(record.steps_skipped, 0, "older logs have no steps_skipped");
        assert!(!record.reached_end, "older logs have no reached_end");
    }
}
