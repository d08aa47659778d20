//! How a scheduler starts `mobility remind`, and what it is given: the
//! [`Invocation`] (the binary, the variables that placed the user's files,
//! the `--routines-dir` directories), and the times and days of `--at` and
//! `--days`. Shared by the crontab lines, the systemd units and the
//! launchd plists.

use std::path::{Path, PathBuf};

use super::schedule::ScheduleError;
use crate::paths::Paths;
use crate::text::quote;

pub(super) const TIME_FORMS: &str = "expected 24-hour times as HH:MM (hours 0-23, minutes 00-59), separated by commas, like `10:30` or `7:45,18:00`";

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
pub fn parse_days(text: &str) -> Result<Days, ScheduleError> {
    let text = text.trim();
    match text.to_ascii_lowercase().as_str() {
        "daily" => return Ok(Days::Daily),
        "weekdays" => return Ok(Days::Weekdays),
        "weekends" => return Ok(Days::Weekends),
        "" => return Err(ScheduleError(format!("`--days` is empty: {DAY_FORMS}"))),
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
            return Err(ScheduleError(format!(
                "invalid --days {}: {what}; {DAY_FORMS}",
                quote(text)
            )));
        };
        let day = day as u8;
        if days.contains(&day) {
            return Err(ScheduleError(format!(
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
pub fn parse_times(text: &str) -> Result<Vec<(u8, u8)>, ScheduleError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ScheduleError(format!("`--at` is empty: {TIME_FORMS}")));
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
            ScheduleError(format!(
                "invalid --at {}: {what}; {TIME_FORMS}",
                quote(text)
            ))
        })?;
        if times.contains(&time) {
            return Err(ScheduleError(format!(
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
    ) -> Result<Invocation, ScheduleError> {
        if !binary.is_absolute() {
            return Err(ScheduleError(format!(
                "the path `{}` is not absolute",
                crate::text::path(binary)
            )));
        }
        let checked = |what: &str, path: &Path| -> Result<String, ScheduleError> {
            let Some(text) = path.to_str() else {
                return Err(ScheduleError(format!(
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
                .collect::<Result<_, ScheduleError>>()?,
            routines_dirs: routines_dirs
                .iter()
                .map(|d| checked("the routine directory", d))
                .collect::<Result<_, ScheduleError>>()?,
        })
    }

    /// How to start `binary`'s `remind` with `paths`: every location a
    /// variable chose ([`Paths::carried`]), and each `--routines-dir` made
    /// absolute (cron starts jobs in the home directory).
    pub fn for_paths(paths: &Paths, binary: &Path) -> Result<Invocation, ScheduleError> {
        let dirs = paths
            .extra_routines
            .iter()
            .map(|d| {
                std::path::absolute(d).map_err(|e| {
                    ScheduleError(format!(
                        "cannot make the routine directory `{}` absolute: {e}",
                        crate::text::path(d)
                    ))
                })
            })
            .collect::<Result<Vec<PathBuf>, ScheduleError>>()?;
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        Invocation::new(binary, &paths.carried(), &dirs)
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
pub(super) fn check_value(what: &str, value: &str) -> Result<(), ScheduleError> {
    // Bidi overrides too: `cron` prints the line, and they would make it
    // show differently from what it is.
    if value
        .chars()
        .any(|c| c.is_control() || crate::text::is_forbidden(c))
    {
        return Err(ScheduleError(format!(
            "{what} {} contains a control character (such as a newline or a bidi override), which a schedule cannot hold",
            quote(value)
        )));
    }
    Ok(())
}

/// The cargo build directory `binary` lies in, if any: an ancestor that
/// holds cargo's `CACHEDIR.TAG`, or one named `target` beside a
/// `Cargo.toml`. A reminder that names such a binary breaks at
/// `cargo clean`.
pub fn cargo_target(binary: &Path, is_file: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    binary.ancestors().skip(1).find_map(|dir| {
        let tagged = is_file(&dir.join("CACHEDIR.TAG"));
        let named = dir.file_name().is_some_and(|n| n == "target")
            && dir.parent().is_some_and(|p| is_file(&p.join("Cargo.toml")));
        (tagged || named).then(|| dir.to_path_buf())
    })
}

#[cfg(test)]
mod tests;
