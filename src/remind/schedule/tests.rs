use jiff::civil::date;
use jiff::tz::TimeZone;

use super::*;

/// Thursday 26 November 2026 at 12:00 in `tz`.
fn thursday_noon(tz: &str) -> ZonedDateTime {
    date(2026, 11, 26)
        .at(12, 0, 0, 0)
        .to_zoned_datetime(TimeZone::get(tz).unwrap())
        .unwrap()
}

fn next(at: &[(u8, u8)], days: &Days, now: &ZonedDateTime) -> String {
    next_fire(at, days, now)
        .unwrap()
        .strftime("%a %Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn the_next_fire_is_the_first_time_after_now_on_an_allowed_day() {
    let now = thursday_noon("UTC");
    // Later today.
    assert_eq!(
        next(&[(9, 30), (18, 0)], &Days::Daily, &now),
        "Thu 2026-11-26 18:00"
    );
    // Every time today has passed: tomorrow's first.
    assert_eq!(
        next(
            &[(18, 0), (9, 30)],
            &Days::Weekdays,
            &thursday_noon("UTC").with().hour(19).build().unwrap()
        ),
        "Fri 2026-11-27 09:30"
    );
    // Now itself is not "next".
    assert_eq!(next(&[(12, 0)], &Days::Daily, &now), "Fri 2026-11-27 12:00");
    // Weekends from a Thursday.
    assert_eq!(
        next(&[(8, 0)], &Days::Weekends, &now),
        "Sat 2026-11-28 08:00"
    );
    // Only Thursdays, and this one's time has passed: a week later.
    assert_eq!(
        next(&[(9, 0)], &Days::List(vec![4]), &now),
        "Thu 2026-12-03 09:00"
    );
    assert_eq!(next_fire(&[], &Days::Daily, &now), None);
}

#[test]
fn a_time_in_a_daylight_saving_gap_fires_after_it() {
    // Europe/Berlin skips 02:00-03:00 on Sunday 29 March 2026.
    let now = date(2026, 3, 28)
        .at(23, 0, 0, 0)
        .to_zoned_datetime(TimeZone::get("Europe/Berlin").unwrap())
        .unwrap();
    let fire = next_fire(&[(2, 30)], &Days::Daily, &now).unwrap();
    assert_eq!(
        fire.strftime("%Y-%m-%d %H:%M %Z").to_string(),
        "2026-03-29 03:30 CEST"
    );
}

#[test]
fn list_lines_say_times_days_backend_and_the_next_fire() {
    let entry = Entry {
        routine: "wall-flexion".into(),
        at: vec![(9, 30), (18, 0)],
        days: Days::Weekdays,
    };
    assert_eq!(
        list_line(Backend::Cron, &entry, &thursday_noon("UTC")),
        "wall-flexion at 09:30,18:00 weekdays (cron): next Thu 2026-11-26 18:00"
    );
    let hostile = Entry {
        routine: "x\u{1b}[2J".into(),
        at: vec![],
        days: Days::Daily,
    };
    assert_eq!(
        list_line(Backend::Systemd, &hostile, &thursday_noon("UTC")),
        "x\\u{1b}[2J at  daily (systemd): next never"
    );
}

#[test]
fn the_backend_is_launchd_on_macos_then_systemd_then_cron() {
    let all = Found {
        macos: true,
        systemd_user: true,
        crontab: true,
    };
    assert_eq!(choose(all), Ok(Backend::Launchd));
    assert_eq!(
        choose(Found {
            macos: false,
            ..all
        }),
        Ok(Backend::Systemd)
    );
    assert_eq!(
        choose(Found {
            crontab: true,
            ..Found::default()
        }),
        Ok(Backend::Cron)
    );
    let err = choose(Found::default()).unwrap_err();
    assert!(err.starts_with("no scheduler found"), "{err}");
    assert!(err.contains("mobility cron"), "{err}");
}

#[test]
fn an_impossible_time_read_back_from_a_file_never_fires_and_never_panics() {
    let now = thursday_noon("UTC");
    assert_eq!(next_fire(&[(25, 0), (9, 60)], &Days::Daily, &now), None);
    assert_eq!(
        next(&[(24, 0), (13, 5)], &Days::Daily, &now),
        "Thu 2026-11-26 13:05"
    );
}
