use super::*;

/// A binary with nothing to carry.
fn bare(binary: &str) -> Invocation {
    Invocation::new(Path::new(binary), &[], &[]).unwrap()
}

#[test]
fn every_days_form_maps_to_a_cron_field() {
    let cases = [
        ("daily", "*"),
        ("Daily", "*"),
        ("weekdays", "1-5"),
        ("WEEKENDS", "0,6"),
        ("mon,wed,fri", "1,3,5"),
        ("Fri, Mon ,wed", "1,3,5"),
        ("monday,Thursday", "1,4"),
        ("sun", "0"),
        ("sat,sunday", "0,6"),
        ("mon,tue,wed,thu,fri,sat,sun", "0,1,2,3,4,5,6"),
    ];
    for (text, field) in cases {
        assert_eq!(parse_days(text).unwrap().cron_field(), field, "{text}");
    }
}

#[test]
fn bad_days_are_named_and_the_accepted_forms_listed() {
    let err = parse_days("mon,fun").unwrap_err().to_string();
    assert!(
        err.starts_with("invalid --days `mon,fun`: `fun` is not a day; expected `daily`"),
        "{err}"
    );
    assert!(
        err.contains("`weekdays`") && err.contains("`mon,wed,fri`") && err.contains("`monday`")
    );

    let err = parse_days("mon,Monday").unwrap_err().to_string();
    assert!(
        err.starts_with("invalid --days `mon,Monday`: monday is listed twice; expected"),
        "{err}"
    );

    let err = parse_days("mon,,wed").unwrap_err().to_string();
    assert!(err.contains("an empty day name"), "{err}");
    assert!(
        parse_days(" ")
            .unwrap_err()
            .to_string()
            .starts_with("`--days` is empty: expected")
    );
    assert!(parse_days("weekday").is_err());
    assert!(parse_days("mo").is_err());
    assert!(parse_days("1-5").is_err());
}

#[test]
fn times_are_24_hour_hh_mm() {
    assert_eq!(parse_times("10:30,15:00").unwrap(), [(10, 30), (15, 0)]);
    assert_eq!(
        parse_times(" 7:05 , 23:59,00:00").unwrap(),
        [(7, 5), (23, 59), (0, 0)]
    );
    for bad in [
        "25:00",
        "24:00",
        "9",
        "10:5x",
        "10:5",
        "10:60",
        "-1:00",
        "10:30:00",
        "١٠:٣٠",
        "+1:00",
        "10:30,",
    ] {
        let err = parse_times(bad).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("invalid --at `{bad}`: ")),
            "{bad}: {err}"
        );
        assert!(err.contains("HH:MM"), "{err}");
    }
    assert_eq!(
        parse_times("25:00").unwrap_err().to_string(),
        "invalid --at `25:00`: `25:00` is not a time; expected 24-hour times as HH:MM (hours 0-23, minutes 00-59), separated by commas, like `10:30` or `7:45,18:00`"
    );
    assert!(
        parse_times("")
            .unwrap_err()
            .to_string()
            .starts_with("`--at` is empty: expected")
    );
    let err = parse_times("10:30,10:30").unwrap_err().to_string();
    assert!(err.contains("10:30 is listed twice"), "{err}");
}

#[test]
fn cron_lines_start_with_a_comment_then_one_line_per_time() {
    let lines = cron_lines(
        &bare("/home/me/.cargo/bin/mobility"),
        "wall-flexion",
        &[(10, 30), (15, 0)],
        &parse_days("weekdays").unwrap(),
    )
    .unwrap();
    assert_eq!(
        lines,
        "# mobility: remind about wall-flexion\n\
         30 10 * * 1-5 /home/me/.cargo/bin/mobility remind wall-flexion\n\
         0 15 * * 1-5 /home/me/.cargo/bin/mobility remind wall-flexion\n"
    );
}

#[test]
fn paths_and_ids_with_spaces_quotes_and_percent_are_quoted_for_cron() {
    let lines = cron_lines(
        &bare("/home/me/my tools/mobility"),
        "it's 100%",
        &[(7, 0)],
        &Days::Daily,
    )
    .unwrap();
    let line = lines.lines().nth(1).unwrap();
    assert_eq!(
        line,
        r#"0 7 * * * '/home/me/my tools/mobility' remind 'it'\''s 100\%'"#
    );
    for word in ["a;b", "$(x)", "a b", "`x`", "#x", "~", "a*b", ""] {
        assert!(cron_word(word).starts_with('\''), "{word}");
    }
    assert_eq!(
        cron_word("routines/wall-flexion.toml"),
        "routines/wall-flexion.toml"
    );
}

#[test]
fn values_a_crontab_cannot_hold_are_refused() {
    let err = cron_lines(&bare("/bin/mobility"), "a\nb", &[(7, 0)], &Days::Daily).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the routine id `a\\nb` contains a control character"),
        "{err}"
    );
    assert!(cron_lines(&bare("/bin/mobility"), "r", &[], &Days::Daily).is_err());
}

#[test]
fn every_command_line_has_five_time_fields_and_a_command() {
    let day_forms = [
        "daily",
        "weekdays",
        "weekends",
        "mon,wed,fri",
        "sunday",
        "tue,thu,sat",
    ];
    for days in day_forms {
        let days = parse_days(days).unwrap();
        let at = parse_times("0:00,6:05,12:30,23:59").unwrap();
        let text = cron_lines(&bare("/opt/my bin/mobility"), "wall flexion", &at, &days).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert!(lines[0].starts_with("# mobility: remind about "));
        assert_eq!(lines.len(), 1 + at.len());
        for line in &lines[1..] {
            let fields: Vec<_> = line.splitn(6, ' ').collect();
            assert_eq!(fields.len(), 6, "{line}");
            let minute: u8 = fields[0].parse().unwrap();
            let hour: u8 = fields[1].parse().unwrap();
            assert!(minute < 60 && hour < 24);
            assert_eq!((fields[2], fields[3]), ("*", "*"));
            assert!(
                fields[4] == "*"
                    || fields[4]
                        .split([',', '-'])
                        .all(|d| d.parse::<u8>().is_ok_and(|d| d < 7))
            );
            assert!(fields[5].ends_with(" remind 'wall flexion'"), "{line}");
        }
    }
}

#[test]
fn the_paths_in_effect_are_carried_on_the_line_quoted() {
    let invocation = Invocation::new(
        Path::new("/opt/mobility"),
        &[
            ("XDG_CONFIG_HOME", Path::new("/home/me/my config")),
            ("XDG_STATE_HOME", Path::new("/data/100%/state")),
        ],
        &[Path::new("/home/me/drills"), Path::new("/srv/it's")],
    )
    .unwrap();
    let lines = cron_lines(&invocation, "wall-flexion", &[(9, 30)], &Days::Weekdays).unwrap();
    assert_eq!(
        lines.lines().nth(1).unwrap(),
        r#"30 9 * * 1-5 XDG_CONFIG_HOME='/home/me/my config' XDG_STATE_HOME='/data/100\%/state' /opt/mobility remind wall-flexion --routines-dir /home/me/drills --routines-dir '/srv/it'\''s'"#
    );
    // What sh makes of it once cron has turned `\%` back into `%`.
    let command = lines.lines().nth(1).unwrap().splitn(6, ' ').nth(5).unwrap();
    let words = shlex::split(&command.replace(r"\%", "%")).unwrap();
    assert_eq!(
        words,
        [
            "XDG_CONFIG_HOME=/home/me/my config",
            "XDG_STATE_HOME=/data/100%/state",
            "/opt/mobility",
            "remind",
            "wall-flexion",
            "--routines-dir",
            "/home/me/drills",
            "--routines-dir",
            "/srv/it's"
        ]
    );
}

#[test]
fn a_relative_binary_or_a_newline_in_a_path_is_refused() {
    let err = Invocation::new(Path::new("mobility"), &[], &[]).unwrap_err();
    assert!(err.to_string().contains("not absolute"), "{err}");
    let err = Invocation::new(
        Path::new("/bin/mobility"),
        &[("XDG_STATE_HOME", Path::new("/a\nb"))],
        &[],
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("$XDG_STATE_HOME `/a\\nb` contains a control character"),
        "{err}"
    );
}

#[test]
fn a_bidi_override_in_a_path_is_refused_like_a_newline() {
    let err = Invocation::new(Path::new("/opt/\u{202e}nib/mobility"), &[], &[]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the path `/opt/\\u{202e}nib/mobility` contains a control character"),
        "{err}"
    );
}

#[test]
fn cron_lines_read_back_to_their_times_and_days() {
    for days in ["daily", "weekdays", "weekends", "mon,wed,fri", "sun"] {
        let days = parse_days(days).unwrap();
        let text = cron_lines(&bare("/bin/m"), "r", &[(0, 5), (23, 59)], &days).unwrap();
        let read: Vec<_> = text
            .lines()
            .skip(1)
            .map(|l| parse_cron_line(l).unwrap())
            .collect();
        assert_eq!(read, [((0, 5), days.clone()), ((23, 59), days.clone())]);
    }
    assert_eq!(parse_cron_line("# a comment"), None);
    assert_eq!(parse_cron_line("MAILTO=me"), None);
    assert_eq!(parse_cron_line("61 9 * * * x"), None);
    assert_eq!(parse_cron_line("1 9 1 * * x"), None);
}

#[test]
fn days_describe_themselves_as_days_takes_them() {
    for text in ["daily", "weekdays", "weekends", "mon,wed,fri", "sun,sat"] {
        let days = parse_days(text).unwrap();
        let again = parse_days(&days.describe()).unwrap();
        assert_eq!(again.numbers(), days.numbers(), "{text}");
    }
    assert_eq!(parse_days("sat,sun").unwrap().describe(), "sun,sat");
    assert_eq!(Days::from_list(vec![5, 1, 2, 3, 4]), Days::Weekdays);
    assert!(Days::Weekdays.includes(1) && !Days::Weekdays.includes(0));
}
