//! systemd user units: a `mobility-remind-ROUTINE.service` that runs
//! `remind`, and a `.timer` with one `OnCalendar=` per time.

use super::Entry;
use crate::remind::{Days, Invocation, ScheduleError};

/// What starts every unit name mobility writes.
pub const PREFIX: &str = "mobility-remind-";

/// The systemd day names, Sunday first as cron numbers them.
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// The unit name without its suffix, `mobility-remind-wall-flexion`.
/// Fails unless `routine` is made of lowercase ASCII letters, digits and
/// `-` (as routine ids are), which a unit name holds without escaping.
pub fn unit_stem(routine: &str) -> Result<String, ScheduleError> {
    let plain = !routine.is_empty()
        && !routine.starts_with('-')
        && routine
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plain {
        return Err(ScheduleError(format!(
            "{} cannot name a schedule: it takes a routine id (lowercase letters, digits and `-`)",
            crate::text::quote(routine)
        )));
    }
    Ok(format!("{PREFIX}{routine}"))
}

/// The routine a unit file name belongs to: `wall-flexion` for
/// `mobility-remind-wall-flexion.timer`.
pub fn routine_of(file_name: &str) -> Option<&str> {
    file_name.strip_prefix(PREFIX)?.strip_suffix(".timer")
}

/// The `.service` unit: a one-shot `remind`, its paths as `Environment=`.
pub fn service(invocation: &Invocation, routine: &str) -> Result<String, ScheduleError> {
    unit_stem(routine)?;
    let mut out = format!(
        "# Written by `mobility schedule add`; remove with `mobility schedule remove {routine}`.\n\
         [Unit]\nDescription=mobility: remind about {routine}\n\n[Service]\nType=oneshot\n"
    );
    for (name, value) in invocation.env() {
        out.push_str(&format!(
            "Environment={}\n",
            quote(&format!("{name}={value}"), false)
        ));
    }
    let mut words = vec![quote(invocation.binary(), true)];
    words.extend(invocation.args(routine).iter().map(|a| quote(a, true)));
    out.push_str(&format!("ExecStart={}\n", words.join(" ")));
    Ok(out)
}

/// The `.timer` unit: an `OnCalendar=` per time, `Persistent=true` so that
/// a reminder missed while the machine slept fires when it wakes.
pub fn timer(routine: &str, at: &[(u8, u8)], days: &Days) -> Result<String, ScheduleError> {
    unit_stem(routine)?;
    let mut out = format!(
        "# Written by `mobility schedule add`; remove with `mobility schedule remove {routine}`.\n\
         [Unit]\nDescription=mobility: remind about {routine} ({} at {})\n\n[Timer]\n",
        days.describe(),
        at.iter()
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let day_part = match days {
        Days::Daily => String::new(),
        Days::Weekdays => "Mon..Fri ".to_owned(),
        other => format!(
            "{} ",
            other
                .numbers()
                .iter()
                .map(|&d| DAYS[usize::from(d % 7)])
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    for (hour, minute) in at {
        out.push_str(&format!(
            "OnCalendar={day_part}*-*-* {hour:02}:{minute:02}:00\n"
        ));
    }
    out.push_str("Persistent=true\n\n[Install]\nWantedBy=timers.target\n");
    Ok(out)
}

/// The times and days of a timer that [`timer`] wrote.
pub fn parse_timer(routine: &str, text: &str) -> Entry {
    let mut at = Vec::new();
    let mut days = Days::Daily;
    for line in text.lines() {
        let Some(spec) = line.strip_prefix("OnCalendar=") else {
            continue;
        };
        let words: Vec<&str> = spec.split(' ').collect();
        let (day_word, time) = match words[..] {
            [_, time] => (None, time),
            [day_word, _, time] => (Some(day_word), time),
            _ => continue,
        };
        let mut parts = time.split(':').map(|p| p.parse::<u8>().ok());
        let (Some(Some(hour)), Some(Some(minute))) = (parts.next(), parts.next()) else {
            continue;
        };
        if hour > 23 || minute > 59 {
            continue;
        }
        at.push((hour, minute));
        days = match day_word {
            None => Days::Daily,
            Some("Mon..Fri") => Days::Weekdays,
            Some(list) => Days::from_list(
                list.split(',')
                    .filter_map(|d| DAYS.iter().position(|n| *n == d))
                    .filter_map(|d| u8::try_from(d).ok())
                    .collect(),
            ),
        };
    }
    Entry {
        routine: routine.to_owned(),
        at,
        days,
    }
}

/// A word in systemd's quoting: in double quotes, with `\` and `"`
/// escaped, `%` doubled (specifiers), and in a command line `$` doubled
/// (variable expansion). Control characters were refused by
/// [`Invocation::new`] and [`unit_stem`].
fn quote(word: &str, command: bool) -> String {
    let mut out = String::from("\"");
    for c in word.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            '$' if command => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
