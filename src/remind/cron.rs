//! Ready-to-install crontab lines for `mobility cron`.

use std::fmt::Write as _;
use std::path::Path;

/// A `--at`, `--days`, binary path or routine id that cannot go into a
/// crontab. Each message names the bad value and lists what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CronError(String);

const TIME_FORMS: &str = "expected 24-hour times as HH:MM (hours 0-23, minutes 00-59), separated by commas, like `10:30` or `7:45,18:00`";

const DAY_FORMS: &str = "expected `daily`, `weekdays`, `weekends`, or a comma-separated list of days like `mon,wed,fri` (mon tue wed thu fri sat sun, or full names like `monday`)";

/// Day names in cron's numbering: Sunday is 0.
const DAY_NAMES: [(&str, &str); 7] = [
    ("sun", "sunday"),
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
];

/// The days of the week a reminder runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Days {
    /// Every day: `*`.
    Daily,
    /// Monday to Friday: `1-5`.
    Weekdays,
    /// Saturday and Sunday: `0,6`.
    Weekends,
    /// These days, as cron numbers (Sunday is 0), ascending and distinct.
    List(Vec<u8>),
}

impl Days {
    /// The crontab day-of-week field.
    pub fn cron_field(&self) -> String {
        match self {
            Days::Daily => "*".to_owned(),
            Days::Weekdays => "1-5".to_owned(),
            Days::Weekends => "0,6".to_owned(),
            Days::List(days) => days.iter().map(u8::to_string).collect::<Vec<_>>().join(","),
        }
    }
}

/// Parses `--days`: `daily`, `weekdays`, `weekends`, or day names separated
/// by commas (`mon,wed,fri`, `Monday,Thursday`), case-insensitive.
pub fn parse_days(text: &str) -> Result<Days, CronError> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "daily" => return Ok(Days::Daily),
        "weekdays" => return Ok(Days::Weekdays),
        "weekends" => return Ok(Days::Weekends),
        "" => return Err(CronError(format!("`--days` is empty: {DAY_FORMS}"))),
        _ => {}
    }
    let mut days = Vec::new();
    for item in text.split(',') {
        let name = item.trim().to_ascii_lowercase();
        let Some(day) = DAY_NAMES
            .iter()
            .position(|&(short, long)| name == short || name == long)
        else {
            let what = if name.is_empty() {
                "an empty day name".to_owned()
            } else {
                format!("`{}` is not a day", shown(item.trim()))
            };
            return Err(CronError(format!(
                "invalid --days `{}`: {what}; {DAY_FORMS}",
                shown(text)
            )));
        };
        let day = day as u8;
        if days.contains(&day) {
            return Err(CronError(format!(
                "invalid --days `{}`: {} is listed twice; {DAY_FORMS}",
                shown(text),
                DAY_NAMES[usize::from(day)].1
            )));
        }
        days.push(day);
    }
    days.sort_unstable();
    Ok(Days::List(days))
}

/// Parses `--at`: one or more 24-hour `HH:MM` times separated by commas,
/// returned as `(hour, minute)` in the order given. A one-digit hour is
/// accepted (`7:45`); minutes need two digits.
pub fn parse_times(text: &str) -> Result<Vec<(u8, u8)>, CronError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CronError(format!("`--at` is empty: {TIME_FORMS}")));
    }
    let mut times = Vec::new();
    for item in text.split(',') {
        let item = item.trim();
        let time = parse_time(item).ok_or_else(|| {
            let what = if item.is_empty() {
                "an empty time".to_owned()
            } else {
                format!("`{}` is not a time", shown(item))
            };
            CronError(format!(
                "invalid --at `{}`: {what}; {TIME_FORMS}",
                shown(text)
            ))
        })?;
        if times.contains(&time) {
            return Err(CronError(format!(
                "invalid --at `{}`: {:02}:{:02} is listed twice",
                shown(text),
                time.0,
                time.1
            )));
        }
        times.push(time);
    }
    Ok(times)
}

fn parse_time(item: &str) -> Option<(u8, u8)> {
    let (hour, minute) = item.split_once(':')?;
    let digits = |s: &str, lengths: &[usize]| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hour, &[1, 2]) || !digits(minute, &[2]) {
        return None;
    }
    let (hour, minute) = (hour.parse::<u8>().ok()?, minute.parse::<u8>().ok()?);
    (hour < 24 && minute < 60).then_some((hour, minute))
}

/// The crontab lines that run `binary remind routine` at each time on the
/// given days: a comment naming the routine, then one line per time, e.g.
///
/// ```text
/// # mobility: remind about wall-flexion
/// 30 10 * * 1-5 /home/me/.cargo/bin/mobility remind wall-flexion
/// ```
///
/// The path and id are quoted for `sh` when they need it, and `%` (a line
/// break to cron) is escaped as `\%`. Fails if either contains a control
/// character such as a newline, which no crontab line can hold, if the path
/// is not UTF-8, or if `at` is empty. Ends with a newline.
pub fn cron_lines(
    binary: &Path,
    routine: &str,
    at: &[(u8, u8)],
    days: &Days,
) -> Result<String, CronError> {
    let Some(binary) = binary.to_str() else {
        return Err(CronError(format!(
            "the path `{}` is not valid UTF-8 and cannot go into a crontab",
            binary.display()
        )));
    };
    for (what, value) in [("the path", binary), ("the routine id", routine)] {
        if value.chars().any(char::is_control) {
            return Err(CronError(format!(
                "{what} `{}` contains a control character, which a crontab line cannot hold",
                shown(value)
            )));
        }
    }
    if at.is_empty() {
        return Err(CronError(format!("no times given: {TIME_FORMS}")));
    }
    let command = format!("{} remind {}", cron_word(binary), cron_word(routine));
    let field = days.cron_field();
    let mut out = format!("# mobility: remind about {}\n", routine.replace('\n', " "));
    for &(hour, minute) in at {
        let _ = writeln!(out, "{minute} {hour} * * {field} {command}");
    }
    Ok(out)
}

/// One shell word, single-quoted if it needs to be.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:@+=,".contains(&b));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// One shell word, quoted if needed, with crontab's `%` escaped.
fn cron_word(word: &str) -> String {
    let quoted = shell_word(word);
    // cron turns an unescaped % into a newline and `\%` into `%`, before
    // the shell sees the line, even inside quotes.
    quoted.replace('%', r"\%")
}

/// A user value, escaped and shortened for an error message.
fn shown(text: &str) -> String {
    crate::text::escape(text, 40)
}

#[cfg(test)]
mod tests {
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
    fn cron_lines_start_with_a_comment_then_one_line_per_time() {
        let lines = cron_lines(
            Path::new("/home/me/.cargo/bin/mobility"),
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
            Path::new("/home/me/my tools/mobility"),
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
        let err =
            cron_lines(Path::new("/bin/mobility"), "a\nb", &[(7, 0)], &Days::Daily).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the routine id `a\\nb` contains a control character"),
            "{err}"
        );
        assert!(cron_lines(Path::new("/bin/mobility"), "r", &[], &Days::Daily).is_err());
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
            let text = cron_lines(
                Path::new("/opt/my bin/mobility"),
                "wall flexion",
                &at,
                &days,
            )
            .unwrap();
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
}
