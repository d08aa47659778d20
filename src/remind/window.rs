//! Whether a routine is due, and the line that says so.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp, ZonedDateTime};

use crate::history::Record;
use crate::text::plural;

/// What counts as recent enough for a routine not to be due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// A completed run started today (the local date of `now`).
    Today,
    /// A completed run started at most this long before `now` (`--within`).
    Within(Duration),
}

/// The answer of [`check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueStatus {
    /// No completed run in the window.
    pub due: bool,
    /// When the latest completed run of the routine started, if any.
    pub last_completed: Option<Timestamp>,
    /// When the latest completed run inside the window started: the run
    /// that makes the routine done. `None` exactly when it is due.
    pub done_at: Option<Timestamp>,
    /// The window that was checked.
    pub window: Window,
}

/// Checks whether `routine` (an id or path, compared exactly with
/// [`Record::routine`]) is due at `now`.
///
/// Runs count by when they started: one that began at 23:55 yesterday and
/// ended after midnight is yesterday's. Incomplete runs never count. A
/// completed run stamped later than `now` (a clock set wrong, or a trip
/// westward) counts as recent for [`Window::Within`], and for
/// [`Window::Today`] only if its local date is today.
pub fn check(records: &[Record], routine: &str, now: &ZonedDateTime, window: Window) -> DueStatus {
    let last_completed = records
        .iter()
        .filter(|r| r.completed && r.routine == routine)
        .map(|r| r.started_at.timestamp)
        .max();
    let recent = |started: Timestamp| match window {
        Window::Today => started.to_zoned_datetime(now.time_zone().clone()).date() == now.date(),
        Window::Within(within) => {
            let elapsed = now.timestamp().duration_since(started);
            // A window too long to represent reaches back to any run.
            match SignedDuration::try_from(within) {
                Ok(within) => elapsed <= within,
                Err(_) => true,
            }
        }
    };
    // The latest run is not enough for Today: with a future-stamped run in
    // the log, an earlier run today must still count.
    let done_at = records
        .iter()
        .filter(|r| r.completed && r.routine == routine)
        .map(|r| r.started_at.timestamp)
        .filter(|&started| recent(started))
        .max();
    DueStatus {
        due: done_at.is_none(),
        last_completed,
        done_at,
        window,
    }
}

/// The line `mobility due` prints.
///
/// Due: `wall-flexion is due: last completed 2 days ago` or `wall-flexion is
/// due: never completed`; the age is in calendar days for [`Window::Today`]
/// and finer (minutes, hours) for [`Window::Within`]; see [`ago`].
///
/// Done: `wall-flexion is done for today (09:14)`, or `wall-flexion is done
/// within the last 12h (09:14)`, with the local time the run that made it
/// done started (and its date, when that is not today).
pub fn due_line(routine: &str, status: &DueStatus, now: &ZonedDateTime) -> String {
    if let Some(done_at) = status.done_at {
        let local = done_at.to_zoned_datetime(now.time_zone().clone());
        let when = if local.date() == now.date() {
            local.strftime("%H:%M").to_string()
        } else {
            local.strftime("%Y-%m-%d %H:%M").to_string()
        };
        let window = match status.window {
            Window::Today => "for today".to_owned(),
            Window::Within(within) => {
                format!("within the last {}", humantime::format_duration(within))
            }
        };
        return format!("{routine} is done {window} ({when})");
    }
    match status.last_completed {
        None => format!("{routine} is due: never completed"),
        Some(last) => {
            let fine = matches!(status.window, Window::Within(_));
            format!("{routine} is due: last completed {}", ago(last, now, fine))
        }
    }
}

/// How long before `now` an instant was, for people.
///
/// Coarse (`fine == false`): by local calendar date in the zone of `now`:
/// `today at 07:45`, `yesterday`, `3 days ago`. Fine: `just now`,
/// `1 minute ago`, `5 hours ago` (below 48 hours), then `2 days ago`.
/// Instants after `now` read `in the future (2026-11-25 10:30)`.
pub fn ago(then: Timestamp, now: &ZonedDateTime, fine: bool) -> String {
    let local = then.to_zoned_datetime(now.time_zone().clone());
    let elapsed = now.timestamp().duration_since(then);
    if elapsed.is_negative() && (fine || local.date() > now.date()) {
        return format!("in the future ({})", local.strftime("%Y-%m-%d %H:%M"));
    }
    if fine {
        let minutes = elapsed.as_secs() / 60;
        let hours = minutes / 60;
        return match () {
            _ if minutes < 1 => "just now".to_owned(),
            _ if minutes < 60 => format!("{} ago", plural(minutes.unsigned_abs(), "minute")),
            _ if hours < 48 => format!("{} ago", plural(hours.unsigned_abs(), "hour")),
            _ => format!("{} ago", plural((hours / 24).unsigned_abs(), "day")),
        };
    }
    let days = local
        .date()
        .until(now.date())
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(i64::MAX);
    match days {
        0 => format!("today at {}", local.strftime("%H:%M")),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests;
