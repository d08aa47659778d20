//! launchd agents (macOS): `org.mobility.remind.ROUTINE.plist` in
//! `~/Library/LaunchAgents/`, with a `StartCalendarInterval` entry per
//! time and day.

use super::Entry;
use super::systemd::unit_stem;
use crate::remind::{Days, Invocation, ScheduleError};

/// What starts every label mobility writes.
pub const PREFIX: &str = "org.mobility.remind.";

/// The agent's label, `org.mobility.remind.wall-flexion`; its file is the
/// label and `.plist`. The same ids as unit names are accepted.
pub fn label(routine: &str) -> Result<String, ScheduleError> {
    unit_stem(routine)?;
    Ok(format!("{PREFIX}{routine}"))
}

/// The routine a plist file name belongs to.
pub fn routine_of(file_name: &str) -> Option<&str> {
    file_name.strip_prefix(PREFIX)?.strip_suffix(".plist")
}

/// The agent's plist: `ProgramArguments`, the paths as
/// `EnvironmentVariables`, and one `StartCalendarInterval` dict per time
/// (per time and day, unless daily). launchd numbers days as cron does,
/// Sunday 0.
pub fn plist(
    invocation: &Invocation,
    routine: &str,
    at: &[(u8, u8)],
    days: &Days,
) -> Result<String, ScheduleError> {
    let label = label(routine)?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <!-- Written by `mobility schedule add`; remove with `mobility schedule remove`. -->\n\
         <plist version=\"1.0\">\n<dict>\n",
    );
    out.push_str(&format!(
        "  <key>Label</key>\n  <string>{}</string>\n",
        xml(&label)?
    ));
    out.push_str("  <key>ProgramArguments</key>\n  <array>\n");
    for arg in std::iter::once(invocation.binary().to_owned()).chain(invocation.args(routine)) {
        out.push_str(&format!("    <string>{}</string>\n", xml(&arg)?));
    }
    out.push_str("  </array>\n");
    if !invocation.env().is_empty() {
        out.push_str("  <key>EnvironmentVariables</key>\n  <dict>\n");
        for (name, value) in invocation.env() {
            out.push_str(&format!(
                "    <key>{}</key>\n    <string>{}</string>\n",
                xml(name)?,
                xml(value)?
            ));
        }
        out.push_str("  </dict>\n");
    }
    out.push_str("  <key>StartCalendarInterval</key>\n  <array>\n");
    let weekdays: Vec<Option<u8>> = match days {
        Days::Daily => vec![None],
        other => other.numbers().into_iter().map(Some).collect(),
    };
    for weekday in &weekdays {
        for (hour, minute) in at {
            out.push_str("    <dict>\n");
            if let Some(day) = weekday {
                out.push_str(&format!(
                    "      <key>Weekday</key>\n      <integer>{day}</integer>\n"
                ));
            }
            out.push_str(&format!(
                "      <key>Hour</key>\n      <integer>{hour}</integer>\n      \
                 <key>Minute</key>\n      <integer>{minute}</integer>\n    </dict>\n"
            ));
        }
    }
    out.push_str("  </array>\n</dict>\n</plist>\n");
    Ok(out)
}

/// The times and days of a plist that [`plist`] wrote: each dict's
/// `Hour`, `Minute` and `Weekday`, read from its `<key>`/`<integer>` pairs.
pub fn parse_plist(routine: &str, text: &str) -> Entry {
    let mut at = Vec::new();
    let mut days = Vec::new();
    let mut daily = false;
    let section = text
        .split_once("<key>StartCalendarInterval</key>")
        .map_or("", |(_, rest)| rest);
    for dict in section.split("<dict>").skip(1) {
        let dict = dict.split("</dict>").next().unwrap_or_default();
        let value = |key: &str| -> Option<u8> {
            let (_, rest) = dict.split_once(&format!("<key>{key}</key>"))?;
            let (_, rest) = rest.split_once("<integer>")?;
            rest.split_once("</integer>")?.0.trim().parse().ok()
        };
        let (Some(hour), Some(minute)) = (value("Hour"), value("Minute")) else {
            continue;
        };
        if hour > 23 || minute > 59 {
            continue;
        }
        if !at.contains(&(hour, minute)) {
            at.push((hour, minute));
        }
        match value("Weekday") {
            Some(day) => days.push(day % 7),
            None => daily = true,
        }
    }
    Entry {
        routine: routine.to_owned(),
        at,
        days: if daily {
            Days::Daily
        } else {
            Days::from_list(days)
        },
    }
}

/// Text for an XML element: `&`, `<` and `>` escaped, and quotes too.
/// A character XML 1.0 cannot hold at all, not even as a reference (a
/// control character, U+FFFE, U+FFFF), is refused by name: the plist
/// would not be read.
fn xml(text: &str) -> Result<String, ScheduleError> {
    if let Some(bad) = text.chars().find(|&c| !xml_char(c)) {
        let shown: String = text
            .chars()
            .map(|c| match xml_char(c) {
                true => c.to_string(),
                false => c.escape_unicode().to_string(),
            })
            .collect();
        return Err(ScheduleError(format!(
            "{} holds U+{:04X}, a character a plist (XML) cannot hold\n  hint: rename it, or use `--backend cron`",
            crate::text::quote(&shown),
            bad as u32
        )));
    }
    Ok(text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;"))
}

/// XML 1.0's `Char`: tab, newline, carriage return, and every other
/// character from U+0020 but the surrogates, U+FFFE and U+FFFF.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests;
