//! Ready-to-install crontab lines for `mobility cron`.

use crate::process::shell_word;
use crate::text::quote;
use std::fmt::Write as _;
use std::path::Path;

/// A `--at`, `--days`, binary path or routine id that cannot go into a
/// crontab. Each message names the bad value and lists what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CronError(pub(crate) String);

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

    /// The days back from a day-of-week field that [`Days::cron_field`]
    /// wrote.
    pub fn from_cron_field(field: &str) -> Option<Days> {
        match field {
            "*" => return Some(Days::Daily),
            "1-5" => return Some(Days::Weekdays),
            "0,6" => return Some(Days::Weekends),
            _ => {}
        }
        let days = field
            .split(',')
            .map(|d| d.parse::<u8>().ok().filter(|&d| d < 7))
            .collect::<Option<Vec<u8>>>()?;
        Some(Days::from_list(days))
    }

    /// The days as cron numbers (Sunday is 0), named by the shortest form.
    pub fn from_list(mut days: Vec<u8>) -> Days {
        days.sort_unstable();
        days.dedup();
        match days[..] {
            [] | [0, 1, 2, 3, 4, 5, 6] => Days::Daily,
            [1, 2, 3, 4, 5] => Days::Weekdays,
            [0, 6] => Days::Weekends,
            _ => Days::List(days),
        }
    }

    /// The days as cron numbers (Sunday is 0), ascending.
    pub fn numbers(&self) -> Vec<u8> {
        match self {
            Days::Daily => (0..7).collect(),
            Days::Weekdays => (1..6).collect(),
            Days::Weekends => vec![0, 6],
            Days::List(days) => days.clone(),
        }
    }

    /// Whether the day numbered `day` (Sunday is 0) is one of these.
    pub fn includes(&self, day: u8) -> bool {
        self.numbers().contains(&day)
    }

    /// The days as `--days` takes them: `daily`, `weekdays`, `mon,wed,fri`.
    pub fn describe(&self) -> String {
        match self {
            Days::Daily => "daily".to_owned(),
            Days::Weekdays => "weekdays".to_owned(),
            Days::Weekends => "weekends".to_owned(),
            Days::List(days) => days
                .iter()
                .map(|&d| DAY_NAMES[usize::from(d % 7)].0)
                .collect::<Vec<_>>()
                .join(","),
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
                format!("{} is not a day", quote(item.trim()))
            };
            return Err(CronError(format!(
                "invalid --days {}: {what}; {DAY_FORMS}",
                quote(text)
            )));
        };
        let day = day as u8;
        if days.contains(&day) {
            return Err(CronError(format!(
                "invalid --days {}: {} is listed twice; {DAY_FORMS}",
                quote(text),
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
                format!("{} is not a time", quote(item))
            };
            CronError(format!(
                "invalid --at {}: {what}; {TIME_FORMS}",
                quote(text)
            ))
        })?;
        if times.contains(&time) {
            return Err(CronError(format!(
                "invalid --at {}: {:02}:{:02} is listed twice",
                quote(text),
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

/// How a scheduler starts `mobility remind`: the binary's absolute path,
/// the variables that say where the user's files are, and the
/// `--routines-dir` directories, every value checked once so that each
/// backend only has to quote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    binary: String,
    env: Vec<(&'static str, String)>,
    routines_dirs: Vec<String>,
}

impl Invocation {
    /// Checks the values: each must be UTF-8 and free of control
    /// characters (which no crontab line, unit file or plist line can
    /// hold), and the binary's path must be absolute.
    pub fn new(
        binary: &Path,
        env: &[(&'static str, &Path)],
        routines_dirs: &[&Path],
    ) -> Result<Invocation, CronError> {
        if !binary.is_absolute() {
            return Err(CronError(format!(
                "the path `{}` is not absolute",
                crate::text::path(binary)
            )));
        }
        let checked = |what: &str, path: &Path| -> Result<String, CronError> {
            let Some(text) = path.to_str() else {
                return Err(CronError(format!(
                    "{what} `{}` is not valid UTF-8 and cannot go into a schedule",
                    crate::text::path(path)
                )));
            };
            check_value(what, text)?;
            Ok(text.to_owned())
        };
        Ok(Invocation {
            binary: checked("the path", binary)?,
            env: env
                .iter()
                .map(|&(name, value)| Ok((name, checked(&format!("${name}"), value)?)))
                .collect::<Result<_, CronError>>()?,
            routines_dirs: routines_dirs
                .iter()
                .map(|d| checked("the routine directory", d))
                .collect::<Result<_, CronError>>()?,
        })
    }

    /// The binary's absolute path.
    pub fn binary(&self) -> &str {
        &self.binary
    }

    /// The variables to set, such as `XDG_STATE_HOME`, in the order given.
    pub fn env(&self) -> &[(&'static str, String)] {
        &self.env
    }

    /// The arguments after the binary: `remind ROUTINE`, then a
    /// `--routines-dir DIR` for each directory.
    pub fn args(&self, routine: &str) -> Vec<String> {
        let mut args = vec!["remind".to_owned(), routine.to_owned()];
        for dir in &self.routines_dirs {
            args.push("--routines-dir".to_owned());
            args.push(dir.clone());
        }
        args
    }
}

/// Refuses a value with a control character, such as a newline.
fn check_value(what: &str, value: &str) -> Result<(), CronError> {
    // Bidi overrides too: `cron` prints the line, and they would make it
    // show differently from what it is.
    if value
        .chars()
        .any(|c| c.is_control() || crate::text::is_forbidden(c))
    {
        return Err(CronError(format!(
            "{what} {} contains a control character (such as a newline or a bidi override), which a schedule cannot hold",
            quote(value)
        )));
    }
    Ok(())
}

/// The comment that opens a routine's lines in a crontab.
pub const CRON_COMMENT: &str = "# mobility: remind about ";

/// The crontab lines that run `mobility remind routine` at each time on the
/// given days: a comment naming the routine, then one line per time, e.g.
///
/// ```text
/// # mobility: remind about wall-flexion
/// 30 10 * * 1-5 XDG_STATE_HOME=/data/state /home/me/.cargo/bin/mobility remind wall-flexion
/// ```
///
/// Every word is quoted for `sh` when it needs it, and `%` (a line break to
/// cron) is escaped as `\%`. Fails if the routine id contains a control
/// character such as a newline, which no crontab line can hold, or if `at`
/// is empty. Ends with a newline.
pub fn cron_lines(
    invocation: &Invocation,
    routine: &str,
    at: &[(u8, u8)],
    days: &Days,
) -> Result<String, CronError> {
    check_value("the routine id", routine)?;
    if at.is_empty() {
        return Err(CronError(format!("no times given: {TIME_FORMS}")));
    }
    let mut words: Vec<String> = invocation
        .env()
        .iter()
        .map(|(name, value)| format!("{name}={}", cron_word(value)))
        .collect();
    words.push(cron_word(invocation.binary()));
    words.extend(invocation.args(routine).iter().map(|a| cron_word(a)));
    let command = words.join(" ");
    let field = days.cron_field();
    let mut out = format!("{CRON_COMMENT}{routine}\n");
    for &(hour, minute) in at {
        let _ = writeln!(out, "{minute} {hour} * * {field} {command}");
    }
    Ok(out)
}

/// The times and days of one crontab line written by [`cron_lines`], or
/// `None` for any other line.
pub fn parse_cron_line(line: &str) -> Option<((u8, u8), Days)> {
    let fields: Vec<&str> = line.split(' ').collect();
    let [minute, hour, "*", "*", dow, ..] = fields[..] else {
        return None;
    };
    let (minute, hour) = (minute.parse::<u8>().ok()?, hour.parse::<u8>().ok()?);
    (minute < 60 && hour < 24).then_some(())?;
    Some(((hour, minute), Days::from_cron_field(dow)?))
}

/// One shell word, quoted if needed, with crontab's `%` escaped.
fn cron_word(word: &str) -> String {
    let quoted = shell_word(word);
    // cron turns an unescaped % into a newline and `\%` into `%`, before
    // the shell sees the line, even inside quotes.
    quoted.replace('%', r"\%")
}

/// A user value, escaped and shortened for an error message.
#[cfg(test)]
mod tests;
