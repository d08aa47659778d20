use std::path::Path;

use super::*;

fn invocation() -> Invocation {
    Invocation::new(
        Path::new("/home/me/my bin/mobility"),
        &[("XDG_STATE_HOME", Path::new("/data/100%/$state"))],
        &[Path::new("/home/me/drills \"x\"")],
    )
    .unwrap()
}

#[test]
fn the_service_runs_remind_with_every_word_quoted_for_systemd() {
    let service = service(&invocation(), "wall-flexion").unwrap();
    assert_eq!(
        service,
        "# Written by `mobility schedule add`; remove with `mobility schedule remove wall-flexion`.\n\
         [Unit]\n\
         Description=mobility: remind about wall-flexion\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         Environment=\"XDG_STATE_HOME=/data/100%%/$state\"\n\
         ExecStart=\"/home/me/my bin/mobility\" \"remind\" \"wall-flexion\" \"--routines-dir\" \"/home/me/drills \\\"x\\\"\"\n"
    );
}

#[test]
fn the_timer_has_one_on_calendar_per_time_and_is_persistent() {
    let weekdays = timer("wall-flexion", &[(9, 30), (18, 0)], &Days::Weekdays).unwrap();
    assert!(
        weekdays.ends_with(
            "[Timer]\n\
             OnCalendar=Mon..Fri *-*-* 09:30:00\n\
             OnCalendar=Mon..Fri *-*-* 18:00:00\n\
             Persistent=true\n\
             \n\
             [Install]\n\
             WantedBy=timers.target\n"
        ),
        "{weekdays}"
    );
    let daily = timer("neck", &[(7, 5)], &Days::Daily).unwrap();
    assert!(daily.contains("\nOnCalendar=*-*-* 07:05:00\n"), "{daily}");
    let some = timer("neck", &[(7, 5)], &Days::List(vec![0, 3, 5])).unwrap();
    assert!(
        some.contains("\nOnCalendar=Sun,Wed,Fri *-*-* 07:05:00\n"),
        "{some}"
    );
    let weekends = timer("neck", &[(7, 5)], &Days::Weekends).unwrap();
    assert!(
        weekends.contains("\nOnCalendar=Sun,Sat *-*-* 07:05:00\n"),
        "{weekends}"
    );
}

#[test]
fn timers_read_back_to_their_times_and_days() {
    for days in [
        Days::Daily,
        Days::Weekdays,
        Days::Weekends,
        Days::List(vec![1, 3]),
    ] {
        let text = timer("neck", &[(7, 5), (21, 45)], &days).unwrap();
        assert_eq!(
            parse_timer("neck", &text),
            Entry {
                routine: "neck".into(),
                at: vec![(7, 5), (21, 45)],
                days
            }
        );
    }
}

#[test]
fn only_plain_ids_name_units() {
    assert_eq!(
        unit_stem("wall-flexion").unwrap(),
        "mobility-remind-wall-flexion"
    );
    for bad in ["", "-x", "Wall", "a/b", "a b", "a.b", "../x", "ü"] {
        let err = unit_stem(bad).unwrap_err().to_string();
        assert!(err.contains("takes a routine id"), "{bad}: {err}");
    }
    assert_eq!(routine_of("mobility-remind-neck.timer"), Some("neck"));
    assert_eq!(routine_of("mobility-remind-neck.service"), None);
    assert_eq!(routine_of("other.timer"), None);
}
