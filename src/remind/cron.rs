//! Ready-to-install crontab lines for `mobility cron`, and reading them
//! back.

use std::fmt::Write as _;

use super::invocation::{Days, Invocation, TIME_FORMS, check_value};
use super::schedule::ScheduleError;
use crate::process::shell_word;

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
) -> Result<String, ScheduleError> {
    check_value("the routine id", routine)?;
    if at.is_empty() {
        return Err(ScheduleError(format!("no times given: {TIME_FORMS}")));
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

#[cfg(test)]
mod tests;
