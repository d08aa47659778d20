use super::*;

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

#[test]
fn a_binary_under_a_cargo_build_directory_is_found() {
    let files = ["/src/app/Cargo.toml", "/build/out/CACHEDIR.TAG"];
    let is_file = |p: &Path| files.iter().any(|f| Path::new(f) == p);
    assert_eq!(
        cargo_target(Path::new("/src/app/target/debug/mobility"), is_file),
        Some("/src/app/target".into())
    );
    assert_eq!(
        cargo_target(Path::new("/build/out/release/mobility"), is_file),
        Some("/build/out".into())
    );
    // A directory called target that is not cargo's.
    assert_eq!(
        cargo_target(Path::new("/opt/target/bin/mobility"), is_file),
        None
    );
    assert_eq!(
        cargo_target(Path::new("/home/me/.cargo/bin/mobility"), is_file),
        None
    );
}

#[test]
fn the_paths_chosen_by_variables_and_flags_are_carried_and_defaults_are_not() {
    let vars = |name: &str| match name {
        "XDG_STATE_HOME" => Some("/data/state".into()),
        _ => None,
    };
    let paths = Paths::resolve(vars, Some("/home/me".into()), vec!["/srv/drills".into()]).unwrap();
    let inv = Invocation::for_paths(&paths, Path::new("/bin/mobility")).unwrap();
    assert_eq!(inv.env(), [("XDG_STATE_HOME", "/data/state".to_owned())]);
    assert_eq!(
        inv.args("neck"),
        ["remind", "neck", "--routines-dir", "/srv/drills"]
    );
    let plain = Paths::resolve(|_| None, Some("/home/me".into()), vec![]).unwrap();
    let inv = Invocation::for_paths(&plain, Path::new("/bin/mobility")).unwrap();
    assert!(inv.env().is_empty());
    assert_eq!(inv.args("neck"), ["remind", "neck"]);
}

#[test]
fn a_relative_routines_dir_is_made_absolute() {
    let paths = Paths::resolve(|_| None, Some("/home/me".into()), vec!["drills".into()]).unwrap();
    let args = Invocation::for_paths(&paths, Path::new("/bin/mobility"))
        .unwrap()
        .args("neck");
    assert!(Path::new(&args[3]).is_absolute(), "{args:?}");
    assert!(args[3].ends_with("/drills"), "{args:?}");
}
