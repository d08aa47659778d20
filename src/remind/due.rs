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
pub struct Status {
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
pub fn check(records: &[Record], routine: &str, now: &ZonedDateTime, window: Window) -> Status {
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
    Status {
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
pub fn due_line(routine: &str, status: &Status, now: &ZonedDateTime) -> String {
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
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};

    const ZONE: &str = "Europe/Berlin";

    fn hours(n: u64) -> Window {
        Window::Within(Duration::from_secs(n * 3600))
    }

    #[test]
    fn a_routine_never_completed_is_due() {
        let now = at("2026-11-25T10:00", ZONE);
        let records = [
            run("other", &at("2026-11-25T08:00", ZONE), true),
            run("wall-flexion", &at("2026-11-25T08:00", ZONE), false),
        ];
        let status = check(&records, "wall-flexion", &now, Window::Today);
        assert!(status.due);
        assert_eq!(status.last_completed, None);
        assert_eq!(
            due_line("wall-flexion", &status, &now),
            "wall-flexion is due: never completed"
        );
    }

    #[test]
    fn a_run_started_just_before_midnight_is_yesterdays() {
        let records = [run("r", &at("2026-11-24T23:59:59", ZONE), true)];
        let now = at("2026-11-25T00:00:01", ZONE);
        let status = check(&records, "r", &now, Window::Today);
        assert!(status.due);
        assert_eq!(
            due_line("r", &status, &now),
            "r is due: last completed yesterday"
        );
        // The same run, seen one second before midnight, was today's.
        let before = at("2026-11-24T23:59:59.5", ZONE);
        let status = check(&records, "r", &before, Window::Today);
        assert!(!status.due);
        assert_eq!(
            due_line("r", &status, &before),
            "r is done for today (23:59)"
        );
    }

    #[test]
    fn a_run_started_at_midnight_exactly_counts_for_the_new_day() {
        let records = [run("r", &at("2026-11-25T00:00", ZONE), true)];
        assert!(
            !check(
                &records,
                "r",
                &at("2026-11-25T23:59:59", ZONE),
                Window::Today
            )
            .due
        );
        let status = check(&records, "r", &at("2026-11-27T00:00", ZONE), Window::Today);
        assert!(status.due);
        assert_eq!(
            due_line("r", &status, &at("2026-11-27T00:00", ZONE)),
            "r is due: last completed 2 days ago"
        );
    }

    #[test]
    fn today_means_the_local_date_in_the_zone_of_now() {
        // 08:00 in Berlin is 02:00 in New York the same day, but 23:00 the
        // day before in Los Angeles.
        let records = [run("r", &at("2026-11-25T08:00", ZONE), true)];
        assert!(
            !check(
                &records,
                "r",
                &at("2026-11-25T20:00", "America/New_York"),
                Window::Today
            )
            .due
        );
        assert!(
            check(
                &records,
                "r",
                &at("2026-11-25T20:00", "America/Los_Angeles"),
                Window::Today
            )
            .due
        );
    }

    #[test]
    fn within_looks_back_a_duration_across_midnight() {
        let records = [run("r", &at("2026-11-24T22:00", ZONE), true)];
        let now = at("2026-11-25T01:00", ZONE);
        assert!(check(&records, "r", &now, Window::Today).due);
        let status = check(&records, "r", &now, hours(4));
        assert!(!status.due);
        assert_eq!(
            due_line("r", &status, &now),
            "r is done within the last 4h (2026-11-24 22:00)"
        );
        // The window is inclusive: exactly three hours ago still counts.
        assert!(!check(&records, "r", &now, hours(3)).due);
        let status = check(&records, "r", &now, hours(2));
        assert!(status.due);
        assert_eq!(
            due_line("r", &status, &now),
            "r is due: last completed 3 hours ago"
        );
    }

    #[test]
    fn within_is_exact_over_a_dst_change() {
        // Berlin falls back at 03:00 on 2026-10-25: 01:30 to 04:30 is 4 hours.
        let records = [run("r", &at("2026-10-25T01:30", ZONE), true)];
        let now = at("2026-10-25T04:30", ZONE);
        assert!(check(&records, "r", &now, hours(3)).due);
        assert!(!check(&records, "r", &now, hours(4)).due);
    }

    #[test]
    fn the_latest_completed_run_is_reported() {
        let records = [
            run("r", &at("2026-11-20T08:00", ZONE), true),
            run("r", &at("2026-11-22T08:00", ZONE), true),
            run("r", &at("2026-11-21T08:00", ZONE), true),
            run("r", &at("2026-11-24T08:00", ZONE), false),
        ];
        let now = at("2026-11-25T10:00", ZONE);
        let status = check(&records, "r", &now, Window::Today);
        assert_eq!(
            status.last_completed,
            Some(at("2026-11-22T08:00", ZONE).timestamp())
        );
        assert_eq!(
            due_line("r", &status, &now),
            "r is due: last completed 3 days ago"
        );
    }

    #[test]
    fn a_future_stamped_run_does_not_hide_one_from_today() {
        let records = [
            run("r", &at("2026-11-25T07:00", ZONE), true),
            run("r", &at("2026-11-27T07:00", ZONE), true),
        ];
        let now = at("2026-11-25T10:00", ZONE);
        let status = check(&records, "r", &now, Window::Today);
        assert!(!status.due);
        assert_eq!(due_line("r", &status, &now), "r is done for today (07:00)");
    }

    #[test]
    fn fine_ages_step_from_minutes_to_hours_to_days() {
        let now = at("2026-11-25T12:00", ZONE);
        let back = |secs: i64| {
            now.timestamp()
                .checked_sub(SignedDuration::from_secs(secs))
                .unwrap()
        };
        assert_eq!(ago(back(30), &now, true), "just now");
        assert_eq!(ago(back(60), &now, true), "1 minute ago");
        assert_eq!(ago(back(59 * 60), &now, true), "59 minutes ago");
        assert_eq!(ago(back(3600), &now, true), "1 hour ago");
        assert_eq!(ago(back(47 * 3600 + 3599), &now, true), "47 hours ago");
        assert_eq!(ago(back(48 * 3600), &now, true), "2 days ago");
        assert_eq!(
            ago(back(-60), &now, true),
            "in the future (2026-11-25 12:01)"
        );
        assert_eq!(ago(back(3600), &now, false), "today at 11:00");
    }

    #[test]
    fn a_coarse_age_a_little_in_the_future_but_today_still_reads_today() {
        let now = at("2026-11-25T12:00", ZONE);
        let later = at("2026-11-25T12:30", ZONE).timestamp();
        assert_eq!(ago(later, &now, false), "today at 12:30");
        let tomorrow = at("2026-11-26T08:00", ZONE).timestamp();
        assert_eq!(
            ago(tomorrow, &now, false),
            "in the future (2026-11-26 08:00)"
        );
    }

    #[test]
    fn a_run_that_reached_the_end_by_skipping_does_not_make_it_done() {
        let now = at("2026-11-25T10:00", ZONE);
        let mut skipped = run("r", &at("2026-11-25T09:14", ZONE), false);
        skipped.reached_end = true;
        skipped.steps_skipped = 4;
        let records = [run("r", &at("2026-11-24T09:00", ZONE), true), skipped];
        let status = check(&records, "r", &now, Window::Today);
        assert!(status.due);
        assert_eq!(status.done_at, None);
        assert_eq!(
            due_line("r", &status, &now),
            "r is due: last completed yesterday"
        );
        assert!(check(&records, "r", &now, hours(12)).due);
    }

    #[test]
    fn the_done_line_names_the_latest_run_in_the_window() {
        let now = at("2026-11-25T10:00", ZONE);
        let records = [
            run("r", &at("2026-11-25T07:30", ZONE), true),
            run("r", &at("2026-11-25T09:14", ZONE), true),
            run("r", &at("2026-11-25T09:40", ZONE), false),
        ];
        let status = check(&records, "r", &now, Window::Today);
        assert_eq!(due_line("r", &status, &now), "r is done for today (09:14)");
        let status = check(&records, "r", &now, hours(12));
        assert_eq!(
            due_line("r", &status, &now),
            "r is done within the last 12h (09:14)"
        );
    }
}
