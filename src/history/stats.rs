//! Streaks and counts over the log, by local calendar day.
//!
//! A run belongs to the date its `started_at` falls on in the time zone of
//! the `now` passed in, whatever offset it was recorded with: after a flight
//! from Berlin to New York, a run logged at 01:00+01:00 counts for the
//! previous evening in New York.

use std::collections::BTreeSet;

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Record;

/// The numbers `mobility history` prints above the list (and, by these
/// names, in its `--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct HistorySummary {
    /// Days in a row, up to today, with a completed run. Today not yet being
    /// practised does not break it.
    pub current_streak: usize,
    /// The longest run of consecutive days with a completed run.
    pub longest_streak: usize,
    /// Runs, completed or not, started this ISO week (from Monday).
    pub runs_this_week: usize,
    /// All runs.
    pub total_runs: usize,
    /// Completed runs.
    pub completed_runs: usize,
}

/// Computes every [`HistorySummary`] figure over `records` (all of the log, or
/// the runs a filter chose), in the time zone of `now`.
pub fn summarize<'a, I>(records: I, now: &ZonedDateTime) -> HistorySummary
where
    I: IntoIterator<Item = &'a Record, IntoIter: Clone>,
{
    let records = records.into_iter();
    let days = completed_days(records.clone(), now.time_zone());
    HistorySummary {
        current_streak: streak_ending(&days, now.date()),
        longest_streak: longest(&days),
        runs_this_week: runs_this_week(records.clone(), now),
        total_runs: records.clone().count(),
        completed_runs: records.filter(|r| r.completed).count(),
    }
}

/// Consecutive days up to today with at least one completed run. If today has
/// none yet, the streak up to yesterday still stands.
pub fn current_streak(records: &[Record], now: &ZonedDateTime) -> usize {
    streak_ending(&completed_days(records, now.time_zone()), now.date())
}

/// The longest stretch of consecutive days with a completed run, in `tz`.
pub fn longest_streak(records: &[Record], tz: &TimeZone) -> usize {
    longest(&completed_days(records, tz))
}

/// Runs, completed or not, that started in the ISO week (Monday to Sunday)
/// that contains `now`, in the time zone of `now`.
pub fn runs_this_week<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    now: &ZonedDateTime,
) -> usize {
    let week = now.date().iso_week_date();
    let key = (week.year(), week.week());
    records
        .into_iter()
        .filter(|r| {
            let w = r.started_at.in_zone(now.time_zone()).date().iso_week_date();
            (w.year(), w.week()) == key
        })
        .count()
}

/// The local dates with at least one completed run.
fn completed_days<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    tz: &TimeZone,
) -> BTreeSet<Date> {
    records
        .into_iter()
        .filter(|r| r.completed)
        .map(|r| r.started_at.in_zone(tz).date())
        .collect()
}

fn streak_ending(days: &BTreeSet<Date>, today: Date) -> usize {
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.yesterday() {
            Ok(day) => day,
            Err(_) => return 0,
        }
    };
    let mut streak = 0;
    while days.contains(&day) {
        streak += 1;
        match day.yesterday() {
            Ok(before) => day = before,
            Err(_) => break,
        }
    }
    streak
}

fn longest(days: &BTreeSet<Date>) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut previous: Option<Date> = None;
    for &day in days {
        let follows = previous.is_some_and(|p| p.tomorrow().is_ok_and(|t| t == day));
        run = if follows { run + 1 } else { 1 };
        best = best.max(run);
        previous = Some(day);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};

    fn completed_at(times: &[&str], zone: &str) -> Vec<Record> {
        times.iter().map(|t| run("r", &at(t, zone), true)).collect()
    }

    #[test]
    fn today_not_yet_practised_does_not_break_the_streak() {
        let zone = "Europe/Berlin";
        let records = completed_at(&["2026-05-10T08:00", "2026-05-11T21:00"], zone);
        let now = at("2026-05-12T07:00", zone);
        assert_eq!(current_streak(&records, &now), 2);

        let mut with_today = records.clone();
        with_today.push(run("r", &at("2026-05-12T06:59", zone), true));
        assert_eq!(current_streak(&with_today, &now), 3);

        let two_days_ago = completed_at(&["2026-05-10T08:00"], zone);
        assert_eq!(current_streak(&two_days_ago, &now), 0);
        assert_eq!(current_streak(&[], &now), 0);
    }

    #[test]
    fn incomplete_runs_do_not_count_for_streaks_but_do_for_the_week() {
        let zone = "Europe/Berlin";
        let mut records = completed_at(&["2026-05-10T08:00"], zone);
        records.push(run("r", &at("2026-05-11T08:00", zone), false));
        let now = at("2026-05-11T20:00", zone);
        let summary = summarize(&records, &now);
        assert_eq!(summary.current_streak, 1);
        assert_eq!(summary.longest_streak, 1);
        assert_eq!(summary.runs_this_week, 1, "Sunday the 10th is last week");
        assert_eq!(summary.total_runs, 2);
        assert_eq!(summary.completed_runs, 1);
    }

    #[test]
    fn a_run_that_reached_the_end_by_skipping_leaves_the_streak_unchanged() {
        let zone = "Europe/Berlin";
        let records = completed_at(&["2026-05-10T08:00"], zone);
        let now = at("2026-05-11T20:00", zone);
        let before = summarize(&records, &now);
        let mut skipped = run("r", &at("2026-05-11T08:00", zone), false);
        skipped.reached_end = true;
        skipped.steps_skipped = 4;
        let with_skipped = [records, vec![skipped]].concat();
        let after = summarize(&with_skipped, &now);
        assert_eq!(
            (after.current_streak, after.longest_streak),
            (before.current_streak, before.longest_streak)
        );
        assert_eq!((after.completed_runs, after.total_runs), (1, 2));
    }

    #[test]
    fn streaks_cross_month_and_year_ends() {
        let zone = "Europe/Berlin";
        let records = completed_at(
            &[
                "2026-12-30T09:00",
                "2026-12-31T23:30",
                "2027-01-01T00:10",
                "2027-01-02T12:00",
            ],
            zone,
        );
        assert_eq!(current_streak(&records, &at("2027-01-02T13:00", zone)), 4);
        assert_eq!(current_streak(&records, &at("2027-01-03T13:00", zone)), 4);

        let feb = completed_at(
            &["2028-02-28T09:00", "2028-02-29T09:00", "2028-03-01T09:00"],
            zone,
        );
        assert_eq!(current_streak(&feb, &at("2028-03-01T10:00", zone)), 3);
        let gap = completed_at(&["2027-02-27T09:00", "2027-03-01T09:00"], zone);
        assert_eq!(
            longest_streak(&gap, &TimeZone::get(zone).unwrap()),
            1,
            "2027 has no Feb 29"
        );
    }

    #[test]
    fn streaks_survive_dst_changes_in_new_york() {
        let zone = "America/New_York";
        // 2026-03-08 is 23 hours long, 2026-11-01 is 25 hours long.
        let spring = completed_at(
            &["2026-03-07T23:30", "2026-03-08T00:30", "2026-03-09T00:05"],
            zone,
        );
        assert_eq!(current_streak(&spring, &at("2026-03-09T23:59", zone)), 3);
        let autumn = completed_at(
            &["2026-10-31T22:00", "2026-11-01T01:30", "2026-11-02T23:00"],
            zone,
        );
        assert_eq!(current_streak(&autumn, &at("2026-11-02T23:30", zone)), 3);
        // 01:30 happens twice on 2026-11-01; both are that day.
        let tz = TimeZone::get(zone).unwrap();
        assert_eq!(longest_streak(&autumn, &tz), 3);
    }

    #[test]
    fn streaks_survive_dst_changes_in_berlin() {
        let zone = "Europe/Berlin";
        let records = completed_at(
            &[
                "2026-03-28T23:00",
                "2026-03-29T03:30",
                "2026-10-24T12:00",
                "2026-10-25T02:30",
                "2026-10-26T00:00",
            ],
            zone,
        );
        let tz = TimeZone::get(zone).unwrap();
        assert_eq!(longest_streak(&records, &tz), 3);
        assert_eq!(current_streak(&records, &at("2026-10-27T08:00", zone)), 3);
    }

    #[test]
    fn a_run_recorded_abroad_counts_on_the_local_date_of_the_zone_given() {
        // Practised at 01:00 in Berlin on the 12th: still the 11th in New York.
        let berlin = completed_at(&["2026-05-12T01:00"], "Europe/Berlin");
        let new_york = completed_at(&["2026-05-10T20:00"], "America/New_York");
        let records = [new_york, berlin].concat();
        let now_ny = at("2026-05-11T21:00", "America/New_York");
        assert_eq!(current_streak(&records, &now_ny), 2);
        // Seen from Berlin the same runs fall on the 11th and the 12th.
        let now_berlin = at("2026-05-12T09:00", "Europe/Berlin");
        assert_eq!(current_streak(&records, &now_berlin), 2);
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        // In Tokyo: 2026-05-11T09:00 and 2026-05-12T08:00.
        assert_eq!(longest_streak(&records, &tokyo), 2);
    }

    #[test]
    fn runs_in_many_zones_on_one_utc_day_collapse_or_split_by_local_date() {
        let records = [
            run("r", &at("2026-05-11T23:30", "Pacific/Auckland"), true),
            run("r", &at("2026-05-11T06:00", "UTC"), true),
            run("r", &at("2026-05-11T18:00", "America/Los_Angeles"), true),
        ];
        let utc = TimeZone::UTC;
        // UTC: 05-11T11:30, 05-11T06:00, 05-12T01:00.
        assert_eq!(longest_streak(&records, &utc), 2);
        let days = completed_days(&records, &utc);
        assert_eq!(days.len(), 2);
    }

    #[test]
    fn the_week_starts_on_monday_and_crosses_year_ends() {
        let zone = "Europe/Berlin";
        // 2026-12-28 is a Monday; ISO week 53 of 2026 runs to 2027-01-03.
        let mut records = completed_at(
            &["2026-12-27T23:59", "2026-12-28T00:00", "2027-01-03T23:00"],
            zone,
        );
        records.push(run("r", &at("2027-01-01T10:00", zone), false));
        let now = at("2027-01-02T12:00", zone);
        assert_eq!(runs_this_week(&records, &now), 3);
        let next_monday = at("2027-01-04T00:00", zone);
        assert_eq!(runs_this_week(&records, &next_monday), 0);
    }

    #[test]
    fn longest_streak_finds_the_best_stretch_in_unsorted_records() {
        let zone = "UTC";
        let records = completed_at(
            &[
                "2026-01-05T10:00",
                "2026-01-01T10:00",
                "2026-01-03T10:00",
                "2026-01-02T10:00",
                "2026-01-02T18:00",
                "2026-01-07T10:00",
            ],
            zone,
        );
        assert_eq!(longest_streak(&records, &TimeZone::UTC), 3);
        assert_eq!(current_streak(&records, &at("2026-01-08T10:00", zone)), 1);
    }
}
