use super::*;
use crate::history::test_support::{at, run};

/// Today in the fixed history: a Sunday evening.
const TODAY: &str = "2026-12-06T20:00";
const ZONE: &str = "Europe/Berlin";

/// Eight weeks of runs ending this morning: five days a week, the rating
/// after easing from 7 to 3 by a fixed pattern, rated before too from the
/// fourth week, one run a fortnight stopped early (not rated).
fn history() -> Vec<Record> {
    let today = at(TODAY, ZONE);
    let mut records = Vec::new();
    for back in 0..56i64 {
        if back % 7 == 2 || back % 7 == 5 {
            continue;
        }
        let day = today
            .checked_sub(jiff::SignedDuration::from_hours(24 * back))
            .unwrap();
        let start = day.with().hour(7).minute(30).build().unwrap();
        let stopped = back % 14 == 3;
        let mut record = run("wall-flexion", &start, !stopped);
        if !stopped {
            let week = 7 - back / 7; // 0 the oldest
            let after = (7 - week / 2 + [0, 1, -1][(back % 3) as usize]).clamp(0, 10) as u8;
            record.checkin_after = Some(after);
            if week >= 3 {
                record.checkin_before = Some((after + 1 + (back % 2) as u8).min(10));
            }
        }
        records.push(record);
    }
    records.sort_by(Record::merge_order);
    records
}

fn show(records: &[Record], width: usize, ascii: bool, weeks: usize) -> String {
    let refs: Vec<&Record> = records.iter().collect();
    let look = Look {
        weeks,
        width,
        ascii,
    };
    render(&refs, &at(TODAY, ZONE), &look)
}

#[test]
fn trend_snapshots_at_80_50_and_30_columns_and_in_ascii() {
    let records = history();
    for width in [80, 50, 30] {
        insta::assert_snapshot!(format!("trend_{width}"), show(&records, width, false, 8));
    }
    insta::assert_snapshot!("trend_80_ascii", show(&records, 80, true, 8));
}

#[test]
fn without_ratings_before_there_is_no_change_column_and_without_any_it_says_how_to_get_them() {
    let mut records = history();
    for record in &mut records {
        record.checkin_before = None;
    }
    insta::assert_snapshot!("trend_80_after_only", show(&records, 80, false, 4));
    for record in &mut records {
        record.checkin_after = None;
    }
    let text = show(&records, 80, false, 4);
    assert!(text.contains("No check-ins in these weeks"), "{text}");
    assert!(!text.contains("change"), "{text}");
    // A week of sessions with no rating shows no average: a dash.
    let week = text.lines().find(|l| l.starts_with("Nov 30")).unwrap();
    assert_eq!(week.split_whitespace().nth(2), Some("-"), "{text}");
}

#[test]
fn no_line_is_wider_than_asked_at_any_width() {
    let records = history();
    for width in NARROWEST..=120 {
        for ascii in [false, true] {
            for line in show(&records, width, ascii, 8).lines() {
                assert!(
                    crate::text::width(line) <= width,
                    "{width}: {line:?} is {} wide",
                    crate::text::width(line)
                );
            }
        }
    }
    let narrow = show(&records, NARROWEST - 1, false, 8);
    assert_eq!(
        narrow,
        format!("The terminal is too narrow for the trend: it needs {NARROWEST} columns.\n")
    );
}

#[test]
fn the_numbers_are_each_weeks_average_sessions_and_change() {
    let records = history();
    let refs: Vec<&Record> = records.iter().collect();
    let data = weeks(&refs, &at(TODAY, ZONE), 8);
    assert_eq!(data.len(), 8);
    assert_eq!(data[0].week.to_string(), "2026-10-12");
    assert_eq!(data[7].week.to_string(), "2026-11-30");
    // The last week: days back 0 to 6, Friday and Tuesday off (back 2
    // and 5), the run 3 days back stopped early: four sessions, rated.
    let last = &data[7];
    assert_eq!(last.sessions, 4);
    assert_eq!(last.rated, 4);
    // Worked out by hand from the pattern: after = 4 + [0,1,-1][back % 3]
    // for back 0, 1, 4, 6: 4, 5, 5, 4 → 4.5; before = after + 1 +
    // back % 2: change −1, −2, −1, −1 → −1.25, shown −1.3.
    assert_eq!(last.average, Some(4.5));
    assert_eq!(last.change, Some(-1.3));
    assert_eq!(data[0].change, None, "not rated before in the first weeks");
}

#[test]
fn a_week_starts_on_monday() {
    let date = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(week_start(date("2026-12-06")), date("2026-11-30"));
    assert_eq!(week_start(date("2026-11-30")), date("2026-11-30"));
    assert_eq!(week_start(date("2026-12-01")), date("2026-11-30"));
}

#[test]
fn the_footer_shows_first_to_last_only_when_more_than_one_week_is_rated() {
    let mut records = history();
    for record in &mut records {
        if record.started_at.timestamp < at("2026-11-30T00:00", ZONE).timestamp() {
            record.checkin_after = None;
        }
    }
    let text = show(&records, 80, false, 4);
    assert!(!text.contains('→'), "one rated week has no trend: {text}");
    let text = show(&history(), 80, false, 4);
    assert!(text.contains("5.4 → 4.5"), "{text}");
}
