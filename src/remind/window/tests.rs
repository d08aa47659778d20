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
