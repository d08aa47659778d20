use super::*;
use crate::history::test_support::{at, run};

/// Today in the fixed history: a Thursday.
const TODAY: &str = "2026-11-26T18:00";
const ZONE: &str = "Europe/Berlin";

/// About seven months of runs, ending with this morning's: most days one,
/// some two or three, some none, a few not completed.
fn history() -> Vec<Record> {
    let mut records = Vec::new();
    let today = at(TODAY, ZONE);
    for back in 0..220i64 {
        let day = today
            .checked_sub(jiff::SignedDuration::from_hours(24 * back))
            .unwrap();
        let runs = match (back * 5 + back / 3) % 7 {
            0 => 0,
            1..=3 => 1,
            4 | 5 => 2,
            _ => 3,
        };
        for n in 0..runs {
            let start = day.with().hour(7 + 2 * n).minute(0).build().unwrap();
            records.push(run("wall", &start, back % 11 != 4));
        }
    }
    records.sort_by(Record::merge_order);
    records
}

fn show(width: usize, color: bool, ascii: bool, weeks: usize) -> String {
    let records = history();
    let refs: Vec<&Record> = records.iter().collect();
    let look = Look {
        weeks,
        width,
        ascii,
        color,
    };
    render(&refs, &at(TODAY, ZONE), &look).replace('\x1b', "␛")
}

#[test]
fn calendar_snapshots_at_80_60_and_30_columns() {
    for width in [80, 60, 30] {
        for color in [false, true] {
            let name = format!(
                "calendar_{width}_{}",
                if color { "colour" } else { "plain" }
            );
            insta::assert_snapshot!(name, show(width, color, false, WEEKS));
        }
    }
    insta::assert_snapshot!("calendar_80_ascii", show(80, false, true, WEEKS));
    insta::assert_snapshot!("calendar_80_a_year", show(80, false, false, 53));
}

#[test]
fn no_line_is_wider_than_asked_and_fewer_weeks_are_shown_instead() {
    for width in 2..=120 {
        let out = show(width, false, false, MAX_WEEKS);
        for line in out.lines() {
            assert!(crate::text::width(line) <= width, "{width}: {line:?}");
        }
    }
    assert!(show(30, false, false, WEEKS).contains("13 of 26 weeks shown"));
    assert!(!show(80, false, false, WEEKS).contains("weeks shown"));
}

#[test]
fn each_day_counts_its_completed_runs_in_four_shades() {
    let today = at(TODAY, ZONE);
    let day = |civil: &str, completed: bool| run("wall", &at(civil, ZONE), completed);
    let records = [
        day("2026-11-23T08:00", true),
        day("2026-11-24T08:00", true),
        day("2026-11-24T09:00", true),
        day("2026-11-25T08:00", true),
        day("2026-11-25T09:00", true),
        day("2026-11-25T10:00", true),
        day("2026-11-25T11:00", true),
        day("2026-11-26T08:00", false),
        // Before the first week shown: not counted anywhere.
        day("2026-11-01T08:00", true),
    ];
    let refs: Vec<&Record> = records.iter().collect();
    let grid = levels(&refs, &today, 2);
    assert_eq!(grid.len(), 2);
    assert_eq!(grid[0], [Some(0); 7]);
    assert_eq!(
        grid[1],
        [Some(1), Some(2), Some(3), Some(0), None, None, None]
    );
}

#[test]
fn a_run_belongs_to_the_local_day_it_started_on() {
    // 00:30 on Wednesday in Berlin is still Tuesday in UTC.
    let late = run("wall", &at("2026-11-25T00:30", ZONE), true);
    let grid = levels(&[&late], &at(TODAY, ZONE), 1);
    assert_eq!(grid[0][2], Some(1), "{grid:?}");
    let utc = at(TODAY, "UTC");
    let grid = levels(&[&late], &utc, 1);
    assert_eq!(
        grid[0][1],
        Some(1),
        "in UTC it was Tuesday evening: {grid:?}"
    );
}

#[test]
fn a_run_dated_after_today_by_another_machines_clock_is_not_shown() {
    // Recorded on a machine whose clock runs ahead: next Monday, and this
    // Saturday.
    let ahead = [
        run("wall", &at("2026-11-30T08:00", ZONE), true),
        run("wall", &at("2026-11-28T08:00", ZONE), true),
    ];
    let refs: Vec<&Record> = ahead.iter().collect();
    let grid = levels(&refs, &at(TODAY, ZONE), 1);
    assert_eq!(
        grid,
        [[Some(0), Some(0), Some(0), Some(0), None, None, None]]
    );
}

/// The month line of an empty calendar `weeks` wide on `today`.
fn months(today: &str, weeks: usize, width: usize) -> String {
    let look = Look {
        weeks,
        width,
        ascii: true,
        color: false,
    };
    let out = render(&[], &at(today, ZONE), &look);
    out.lines().next().unwrap().to_string()
}

#[test]
fn a_month_starting_in_the_second_column_replaces_the_first_columns_label() {
    // Weeks from Monday 19 October: November starts in the second.
    assert_eq!(months("2026-11-05T12:00", 3, 80), "     Nov");
    // Without day names too.
    assert_eq!(months("2026-11-05T12:00", 3, 6), "  Nov");
}

#[test]
fn a_month_starting_two_columns_in_keeps_the_first_columns_label() {
    // Weeks from Monday 12 October: November starts in the third.
    assert_eq!(months("2026-11-05T12:00", 4, 80), "   Oct Nov");
}

#[test]
fn a_narrow_calendar_still_names_its_month() {
    // Weeks from Monday 2 November, no day names: no month starts.
    assert_eq!(months("2026-11-19T12:00", 3, 6), "Nov");
}

#[test]
fn a_footer_line_that_just_fits_stays_whole() {
    let show = |width: usize| {
        let look = Look {
            weeks: 4,
            width,
            ascii: false,
            color: false,
        };
        render(&[], &at(TODAY, ZONE), &look)
    };
    let facts = show(80)
        .lines()
        .find(|l| l.starts_with("Streak:"))
        .unwrap()
        .to_string();
    let width = crate::text::width(&facts);
    assert!(show(width).lines().any(|l| l == facts), "{}", show(width));
    // One column less: each fact on a line of its own.
    let narrower = show(width - 1);
    assert!(!narrower.contains(&facts), "{narrower}");
    assert!(
        narrower.lines().any(|l| l.starts_with("longest")),
        "{narrower}"
    );
}

#[test]
fn a_terminal_too_narrow_for_one_week_gets_one_line_saying_so() {
    for ascii in [false, true] {
        let out = show(1, false, ascii, WEEKS);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(out.contains("too narrow"), "{out}");
        assert!(out.ends_with('\n'));
    }
}
