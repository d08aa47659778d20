//! `history --calendar` end to end: the width it fits, the shades for a
//! pipe, colour, a dumb terminal and an ASCII locale, and the filters.

use jiff::{SignedDuration, Timestamp};

use crate::common::TestEnv;

/// A completed run of `routine` at noon `days` days ago (UTC, as in every test).
fn run_at(routine: &str, days: i64) -> String {
    let today = Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let noon = today
        .at(12, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let start = noon - SignedDuration::from_hours(24 * days);
    let end = start + SignedDuration::from_secs(60);
    format!(
        r#"{{"routine":"{routine}","title":"T","started_at":"{start}","ended_at":"{end}","active_seconds":60,"completed":true,"steps_done":1,"steps_total":1}}"#
    ) + "\n"
}

/// Runs on most of the last 200 days, one to three a day.
fn log(env: &TestEnv) {
    let mut text = String::new();
    for days in 1..200 {
        for _ in 0..(days % 4) {
            text.push_str(&run_at("wall-flexion", days));
        }
    }
    text.push_str(&run_at("chair", 0));
    env.write(env.history_file(), text);
}

fn calendar(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> String {
    let mut all = vec!["history", "--calendar"];
    all.extend_from_slice(args);
    env.run_with(all, |c| {
        c.envs(vars.iter().copied());
    })
    .success()
}

const UTF8: (&str, &str) = ("LANG", "en_US.UTF-8");

#[test]
fn the_calendar_fits_columns_and_shows_fewer_weeks_when_narrow() {
    let env = TestEnv::new();
    log(&env);
    for columns in ["80", "40", "20"] {
        let out = calendar(&env, &["--weeks", "53"], &[("COLUMNS", columns), UTF8]);
        let width: usize = columns.parse().unwrap();
        for line in out.lines() {
            assert!(line.chars().count() <= width, "{columns}: {line:?}");
        }
        assert!(out.contains("of 53 weeks shown"), "{out}");
    }
    // Without COLUMNS, 80.
    let out = calendar(&env, &[], &[UTF8]);
    assert!(out.lines().all(|l| l.chars().count() <= 80));
    assert!(!out.contains("weeks shown"), "26 weeks fit in 80: {out}");
}

#[test]
fn shades_are_characters_in_a_pipe_ascii_when_dumb_or_not_utf8_and_coloured_when_asked() {
    let env = TestEnv::new();
    log(&env);
    let plain = calendar(&env, &[], &[UTF8]);
    assert!(plain.contains('█') && plain.contains('░'), "{plain}");
    assert!(!plain.contains('\x1b'));
    // Today is marked, on its weekday's row.
    let weekday = Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .weekday()
        .to_monday_zero_offset() as usize;
    let row = plain.lines().nth(1 + weekday).unwrap();
    assert!(row.ends_with('◂'), "{plain}");
    for vars in [
        vec![UTF8, ("TERM", "dumb")],
        vec![("LANG", "C")],
        // An empty LANG is no locale at all: POSIX.
        vec![("LANG", "")],
        vec![("LC_ALL", "POSIX"), UTF8],
    ] {
        let ascii = calendar(&env, &[], &vars);
        assert!(ascii.is_ascii(), "{vars:?}: {ascii}");
        assert!(ascii.contains('#') && ascii.contains('<'), "{ascii}");
    }
    let colour = calendar(&env, &["--color", "always"], &[UTF8]);
    assert!(colour.contains("\x1b[38;5;40m█\x1b[0m"), "{colour}");
}

#[test]
fn routine_and_since_filter_the_calendar() {
    let env = TestEnv::new();
    log(&env);
    let chair = calendar(&env, &["--routine", "chair"], &[UTF8]);
    assert_eq!(
        chair.matches('░').count(),
        2,
        "today's run and the legend: {chair}"
    );
    assert!(chair.contains("Streak: 1 day"), "{chair}");
    let two_days_ago = (Timestamp::now() - SignedDuration::from_hours(48))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let recent = calendar(&env, &["--since", &two_days_ago], &[UTF8]);
    // Two runs two days ago, one yesterday, one today; none of three.
    assert_eq!(
        recent.matches('█').count(),
        1,
        "only the legend's: {recent}"
    );
    assert_eq!(recent.matches('▒').count(), 2, "{recent}");
    assert!(recent.contains("Streak: 3 days"), "{recent}");
    let all = calendar(&env, &[], &[UTF8]);
    assert!(all.contains("Streak: 4 days"), "{all}");
}

#[test]
fn weeks_out_of_range_are_an_error() {
    let env = TestEnv::new();
    for (weeks, says) in [
        ("0", "`0` weeks would show nothing; give 1 to 53"),
        ("54", "`54` is more than the 53-week limit"),
        ("x", "`x` is not a number of weeks; give 1 to 53"),
    ] {
        let err = env.fails(["history", "--calendar", "--weeks", weeks], 2);
        assert!(err.contains(says), "{err}");
    }
    let err = env.fails(["history", "--weeks", "3"], 2);
    assert!(err.contains("--calendar"), "{err}");
}

#[test]
fn the_end_screen_shows_the_last_weeks_with_runs_from_other_machines() {
    let env = TestEnv::new();
    let dir = env.path().join("sync");
    env.write(dir.join("history-desk.jsonl"), run_at("other", 1));
    env.write("routine.toml", crate::common::SHORT);
    let dir = dir.to_str().unwrap();
    let mut pty = env.pty_with(
        &["run", "routine.toml"],
        80,
        24,
        &[("MOBILITY_HISTORY_DIR", dir), UTF8],
    );
    let screen = pty.wait_for_text(&["DONE", "Enter to skip"]);
    assert!(screen.contains("streak: 2 days"), "{screen}");
    let weekday = Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .weekday()
        .to_monday_zero_offset() as usize;
    let day = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][weekday];
    let row = screen
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(day))
        .unwrap_or_else(|| panic!("no {day} row in:\n{screen}"));
    assert!(row.ends_with("░◂"), "today has one run: {row:?}");
    pty.send(b"x");
    assert_eq!(pty.finish().code, 0);
}

#[test]
fn weeks_out_of_range_for_the_trend_do_not_speak_of_a_calendar() {
    let env = TestEnv::new();
    let err = env.fails(["history", "--trend", "--weeks", "60"], 2);
    assert!(err.contains("`60` is more than the 53-week limit"), "{err}");
    assert!(!err.contains("calendar"), "{err}");
}
