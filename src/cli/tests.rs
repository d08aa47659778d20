//! The command line: its definition, and how flags are read.

use clap::CommandFactory;

use super::*;

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
    command().debug_assert();
}

#[track_caller]
fn parse(args: &[&str]) -> Result<Cli, String> {
    try_parse_from(std::iter::once("mobility").chain(args.iter().copied()))
        .map_err(|e| e.to_string())
}

#[test]
fn cron_takes_typed_times_and_days() {
    let cli = parse(&["cron", "x", "--at", "7:45,18:00", "--days", "mon,fri"]).unwrap();
    let Command::Cron(args) = cli.command else {
        panic!("not cron")
    };
    assert_eq!(args.at, vec![(7, 45), (18, 0)]);
    assert_eq!(args.days, Days::List(vec![1, 5]));
    let Command::Cron(args) = parse(&["cron", "x", "--at", "10:30"]).unwrap().command else {
        panic!("not cron")
    };
    assert_eq!(args.days, Days::Daily);
}

#[test]
fn bad_values_are_refused_with_the_accepted_forms() {
    let e = parse(&["cron", "x", "--at", "25:00"]).unwrap_err();
    assert!(
        e.contains("'--at <HH:MM[,HH:MM...]>'") && e.contains("HH:MM"),
        "{e}"
    );
    let e = parse(&["cron", "x", "--at", "10:00", "--days", "funday"]).unwrap_err();
    assert!(
        e.contains("`funday` is not a day") && e.contains("mon,wed,fri"),
        "{e}"
    );
    let e = parse(&["history", "--since", "last tuesday"]).unwrap_err();
    assert!(e.contains("2026-11-01"), "{e}");
    let e = parse(&["run", "x", "--lead-in", "soon"]).unwrap_err();
    assert!(e.contains("`soon` is not a duration"), "{e}");
}

#[test]
fn since_is_a_date_or_a_duration() {
    let Command::History(args) = parse(&["history", "--since", "7d"]).unwrap().command else {
        panic!("not history")
    };
    assert_eq!(args.since, Some(Since::Ago(Duration::from_secs(7 * 86400))));
}

#[test]
fn lead_in_is_at_most_the_longest_pause() {
    let Command::Run(args) = parse(&["run", "x", "--lead-in", "10m"]).unwrap().command else {
        panic!("not run")
    };
    assert_eq!(args.lead_in, Some(MAX_PAUSE));
    let e = parse(&["run", "x", "--lead-in", "11m"]).unwrap_err();
    assert!(e.contains("the 10m limit"), "{e}");
}

/// The values between backticks in a message.
fn quoted(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

#[test]
fn a_bad_lead_in_suggests_only_values_it_would_take() {
    let e = parse(&["run", "x", "--lead-in", "5"]).unwrap_err();
    let examples: Vec<&str> = quoted(&e).into_iter().filter(|q| *q != "5").collect();
    assert!(!examples.is_empty(), "{e}");
    for example in examples {
        assert!(
            parse(&["run", "x", "--lead-in", example]).is_ok(),
            "`{example}` is suggested but refused: {e}"
        );
    }
    let e = parse(&["run", "x", "--lead-in", "11m"]).unwrap_err();
    assert!(e.contains("`11m` is longer than the 10m limit"), "{e}");
}

#[test]
fn a_bad_snooze_suggests_only_values_remind_takes() {
    let e = parse(&["remind", "x", "--snooze", "soon"]).unwrap_err();
    let examples: Vec<&str> = quoted(&e).into_iter().filter(|q| *q != "soon").collect();
    assert!(!examples.is_empty(), "{e}");
    let (min, max) = crate::config::SNOOZE_RANGE;
    for example in examples {
        let d = humantime::parse_duration(example).unwrap();
        assert!(
            min <= d && d <= max,
            "`{example}` is suggested but refused: {e}"
        );
    }
}

#[test]
fn a_number_of_weeks_out_of_range_says_which_way() {
    let e = parse(&["history", "--calendar", "--weeks", "60"]).unwrap_err();
    assert!(e.contains("`60` is more than the 53-week limit"), "{e}");
    let e = parse(&["history", "--calendar", "--weeks", "0"]).unwrap_err();
    assert!(
        e.contains("`0` weeks would show nothing; give 1 to 53"),
        "{e}"
    );
    let e = parse(&["history", "--calendar", "--weeks", "many"]).unwrap_err();
    assert!(
        e.contains("`many` is not a number of weeks; give 1 to 53"),
        "{e}"
    );
}
