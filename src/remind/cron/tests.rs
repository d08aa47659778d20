use super::*;
use std::path::Path;

use crate::remind::{parse_days, parse_times};

/// A binary with nothing to carry.
fn bare(binary: &str) -> Invocation {
    Invocation::new(Path::new(binary), &[], &[]).unwrap()
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
