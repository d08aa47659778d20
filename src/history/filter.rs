//! Choosing records for `mobility history --routine ID --since WHEN
//! --completed --limit N`.

use std::time::Duration;

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime};

use super::Record;
use crate::text::escape as escape_short;

/// The start of a `--since` window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// From local midnight at the start of this date.
    Date(Date),
    /// From this long before now.
    Ago(Duration),
}

/// A `--since` value that is neither a date nor a duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SinceError(String);

const FORMS: &str = "expected a date like `2026-11-01` or a duration like `7d`, `2weeks` or `12h`";

/// Parses `--since`: a date `YYYY-MM-DD` (meaning local midnight) or a
/// humantime duration before now (`7d`, `2weeks`, `1day 12h`).
pub fn parse_since(text: &str) -> Result<Since, SinceError> {
    let text = text.trim();
    let shown = escape_short(text, 40);
    if text.is_empty() {
        return Err(SinceError(format!("`--since` is empty: {FORMS}")));
    }
    let looks_like_date = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if looks_like_date {
        return text.parse::<Date>().map(Since::Date).map_err(|_| {
            SinceError(format!(
                "`{shown}` is not a date on the calendar; check the month (01-12) and the day"
            ))
        });
    }
    match humantime::parse_duration(text) {
        Ok(duration) => Ok(Since::Ago(duration)),
        Err(_) => Err(SinceError(format!(
            "`{shown}` is neither a date nor a duration: {FORMS}"
        ))),
    }
}

impl Since {
    /// The instant the window starts at, in the time zone of `now`.
    pub fn cutoff(&self, now: &ZonedDateTime) -> Result<Timestamp, SinceError> {
        match *self {
            Since::Date(date) => date
                .to_zoned_datetime(now.time_zone().clone())
                .map(|midnight| midnight.timestamp())
                .map_err(|e| SinceError(format!("`{date}` has no local midnight: {e}"))),
            Since::Ago(duration) => now.timestamp().checked_sub(duration).map_err(|_| {
                SinceError(format!(
                    "`{}` reaches too far into the past",
                    humantime::format_duration(duration)
                ))
            }),
        }
    }
}

/// Which records `mobility history` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only runs of this routine id (or path), compared exactly; or of
    /// this program, whichever stage's routine they ran.
    pub routine: Option<String>,
    /// Only runs that started at or after this instant (see [`Since::cutoff`]).
    pub since: Option<Timestamp>,
    /// Only runs that count as completed.
    pub completed: bool,
    /// Only the last this many matches, in file order.
    pub limit: Option<usize>,
}

impl Filter {
    /// The matching records, in file order (the order they were logged),
    /// keeping the most recent `limit` of them.
    pub fn apply<'a>(&self, records: &'a [Record]) -> Vec<&'a Record> {
        let mut chosen: Vec<&Record> = records
            .iter()
            .filter(|r| {
                self.routine
                    .as_ref()
                    .is_none_or(|id| &r.routine == id || r.program.as_ref() == Some(id))
            })
            .filter(|r| {
                self.since
                    .is_none_or(|since| r.started_at.timestamp >= since)
            })
            .filter(|r| r.completed || !self.completed)
            .collect();
        if let Some(limit) = self.limit {
            let skip = chosen.len().saturating_sub(limit);
            chosen.drain(..skip);
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};
    use jiff::civil::date;

    #[test]
    fn since_accepts_dates_and_durations() {
        assert_eq!(
            parse_since("2026-11-01"),
            Ok(Since::Date(date(2026, 11, 1)))
        );
        assert_eq!(
            parse_since(" 7d "),
            Ok(Since::Ago(Duration::from_secs(7 * 86400)))
        );
        assert_eq!(
            parse_since("2weeks"),
            Ok(Since::Ago(Duration::from_secs(14 * 86400)))
        );
        assert_eq!(
            parse_since("1day 12h"),
            Ok(Since::Ago(Duration::from_secs(36 * 3600)))
        );
    }

    #[test]
    fn since_errors_say_what_is_accepted() {
        let err = parse_since("last tuesday").unwrap_err().to_string();
        assert!(
            err.starts_with("`last tuesday` is neither a date nor a duration"),
            "{err}"
        );
        assert!(
            err.contains("`2026-11-01`") && err.contains("`7d`"),
            "{err}"
        );

        let err = parse_since("2026-02-30").unwrap_err().to_string();
        assert!(
            err.starts_with("`2026-02-30` is not a date on the calendar"),
            "{err}"
        );

        let err = parse_since("").unwrap_err().to_string();
        assert!(err.starts_with("`--since` is empty"), "{err}");

        let err = parse_since("7\u{1b}[31md").unwrap_err().to_string();
        assert!(!err.contains('\u{1b}'), "{err}");
    }

    #[test]
    fn a_date_means_local_midnight_in_the_zone_of_now() {
        let now = at("2026-11-25T10:00", "Europe/Berlin");
        let cutoff = Since::Date(date(2026, 11, 20)).cutoff(&now).unwrap();
        assert_eq!(cutoff, at("2026-11-20T00:00", "Europe/Berlin").timestamp());
        let ago = Since::Ago(Duration::from_secs(3600)).cutoff(&now).unwrap();
        assert_eq!(ago, at("2026-11-25T09:00", "Europe/Berlin").timestamp());
        let far = Since::Ago(Duration::from_secs(u64::MAX / 2)).cutoff(&now);
        assert!(far.unwrap_err().to_string().contains("too far"));
    }

    #[test]
    fn the_filter_combines_routine_since_and_limit() {
        let zone = "Europe/Berlin";
        let records = [
            run("a", &at("2026-11-01T10:00", zone), true),
            run("b", &at("2026-11-02T10:00", zone), true),
            run("a", &at("2026-11-03T10:00", zone), false),
            run("a", &at("2026-11-04T10:00", zone), true),
        ];
        let starts = |chosen: Vec<&Record>| -> Vec<i8> {
            chosen
                .iter()
                .map(|r| {
                    r.started_at
                        .in_zone(&jiff::tz::TimeZone::get(zone).unwrap())
                        .day()
                })
                .collect()
        };
        assert_eq!(starts(Filter::default().apply(&records)), [1, 2, 3, 4]);
        let only_a = Filter {
            routine: Some("a".into()),
            ..Filter::default()
        };
        assert_eq!(starts(only_a.apply(&records)), [1, 3, 4]);
        let since = Filter {
            routine: Some("a".into()),
            since: Some(at("2026-11-03T10:00", zone).timestamp()),
            ..Filter::default()
        };
        assert_eq!(starts(since.apply(&records)), [3, 4]);
        let last_two = Filter {
            limit: Some(2),
            ..Filter::default()
        };
        assert_eq!(starts(last_two.apply(&records)), [3, 4]);
        let completed_a = Filter {
            routine: Some("a".into()),
            completed: true,
            ..Filter::default()
        };
        assert_eq!(starts(completed_a.apply(&records)), [1, 4]);
        let last_completed = Filter {
            completed: true,
            limit: Some(2),
            ..Filter::default()
        };
        assert_eq!(starts(last_completed.apply(&records)), [2, 4]);
        let none = Filter {
            limit: Some(0),
            ..Filter::default()
        };
        assert!(none.apply(&records).is_empty());
    }
}
