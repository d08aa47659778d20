//! `mobility schedule`: what each scheduler's files say, worked out without
//! touching them. The crontab block, the systemd units and the launchd
//! plist are made and read back here as text; running `crontab`,
//! `systemctl` or `launchctl` is left to the command.

pub mod crontab;
pub mod launchd;
pub mod systemd;

use jiff::ZonedDateTime;

use super::invocation::Days;

/// A value that cannot go into a schedule (a crontab line, a unit file, a
/// plist): a `--at`, `--days`, binary path, directory or routine id. Each
/// message names the bad value and lists what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScheduleError(pub(crate) String);

/// The most mobility writes into a unit file or plist, and the most it
/// reads back from one: one rule for both, so that whatever `add` writes,
/// `list` and the next `add` can read. Every five minutes through a
/// working day on weekdays is a plist of about 107 KB; a time for every
/// minute of every weekday would be nearer 2 MB, and is refused.
pub const MAX_FILE: u64 = 1024 * 1024;

/// The words for a file larger than [`MAX_FILE`], in messages.
pub const FILE_WHAT: &str = "a schedule file";

/// A scheduler mobility can install reminders into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    /// The user's crontab, through `crontab -l` and `crontab -`.
    Cron,
    /// systemd user timers in `$XDG_CONFIG_HOME/systemd/user/`.
    Systemd,
    /// launchd agents in `~/Library/LaunchAgents/` (macOS).
    Launchd,
}

impl Backend {
    /// The name `--backend` takes.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Cron => "cron",
            Backend::Systemd => "systemd",
            Backend::Launchd => "launchd",
        }
    }
}

/// What was found on this machine, for [`choose`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    /// Running on macOS.
    pub macos: bool,
    /// `systemctl --user show-environment` succeeded: a user manager runs.
    pub systemd_user: bool,
    /// `crontab` is on `PATH`.
    pub crontab: bool,
}

/// The scheduler `schedule add` uses without `--backend`: launchd on
/// macOS; a systemd user manager when one answers; else cron when
/// `crontab` is on `PATH`. With none of them, a message saying what to do.
pub fn choose(found: Found) -> Result<Backend, String> {
    if found.macos {
        Ok(Backend::Launchd)
    } else if found.systemd_user {
        Ok(Backend::Systemd)
    } else if found.crontab {
        Ok(Backend::Cron)
    } else {
        Err("no scheduler found: no systemd user manager answers `systemctl --user`, and `crontab` is not on PATH\n  hint: install cron (for instance `apt-get install cron`), or use `mobility cron` and install its lines yourself".to_owned())
    }
}

/// One installed reminder: a routine, its times and its days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub routine: String,
    pub at: Vec<(u8, u8)>,
    pub days: Days,
}

/// When a reminder at `at` on `days` next fires after `now`, in `now`'s
/// time zone. A time that falls in a daylight-saving gap fires after it,
/// as the schedulers do. `None` only when `at` or `days` is empty.
pub fn next_fire(at: &[(u8, u8)], days: &Days, now: &ZonedDateTime) -> Option<ZonedDateTime> {
    let tz = now.time_zone().clone();
    let mut date = now.date();
    // Eight days: today's times may all have passed, and the same weekday
    // comes round again a week later.
    for _ in 0..8 {
        let weekday = u8::try_from(date.weekday().to_sunday_zero_offset()).unwrap_or(0);
        if days.includes(weekday) {
            let best = at
                .iter()
                .filter_map(|&(h, m)| {
                    // Read back from a file that may have been edited by
                    // hand: `Date::at` would panic on 25:00.
                    let (h, m) = (i8::try_from(h).ok()?, i8::try_from(m).ok()?);
                    let time = jiff::civil::Time::new(h, m, 0, 0).ok()?;
                    date.to_datetime(time).to_zoned_datetime(tz.clone()).ok()
                })
                .filter(|t| t.timestamp() > now.timestamp())
                .min_by_key(ZonedDateTime::timestamp);
            if best.is_some() {
                return best;
            }
        }
        date = date.tomorrow().ok()?;
    }
    None
}

/// One line of `schedule list`: `wall-flexion  09:30,18:00 weekdays
/// (cron), next Fri 2026-11-27 09:30`. The routine id is mobility's own
/// (checked when it was installed), but it was read back from a file, so
/// it is escaped.
pub fn list_line(backend: Backend, entry: &Entry, now: &ZonedDateTime) -> String {
    let times = entry
        .at
        .iter()
        .map(|(h, m)| format!("{h:02}:{m:02}"))
        .collect::<Vec<_>>()
        .join(",");
    let next = next_fire(&entry.at, &entry.days, now).map_or_else(
        || "never".to_owned(),
        |t| t.strftime("%a %Y-%m-%d %H:%M").to_string(),
    );
    format!(
        "{} at {times} {} ({}): next {next}",
        crate::text::escape(&entry.routine, crate::text::QUOTE_CHARS),
        entry.days.describe(),
        backend.name()
    )
}

#[cfg(test)]
mod tests;
