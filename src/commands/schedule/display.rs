//! Whether the terminal that Start opens will have a display, said at
//! install time rather than in cron's mail when Start is pressed.
//!
//! cron gives its jobs no `DISPLAY` or `WAYLAND_DISPLAY`: one must be set
//! in the crontab above mobility's block, or be in the systemd user
//! manager's environment, where `remind` takes the desktop's variables
//! from. A systemd timer's reminder has only the manager's. launchd's
//! terminal needs neither.

use std::time::Duration;

use crate::commands::Context;
use crate::remind::schedule::Backend;
use crate::remind::schedule::crontab::Table;
use crate::remind::{DISPLAY_VARS, display_lines, manager_environment, sets_display};
use crate::text;

/// How long `schedule add` waits for the systemd user manager's
/// environment: it answers at once where it runs.
const MANAGER_TIMEOUT: Duration = Duration::from_secs(2);

/// Warns when the reminder just installed with `backend` (into the crontab
/// `table`, for cron) would start Start's terminal with no display; the
/// hint says how to give it this session's.
pub(super) fn warn_if_none(ctx: &Context, backend: Backend, table: Option<&Table>) {
    if cfg!(target_os = "macos") || backend == Backend::Launchd {
        return;
    }
    if table.is_some_and(|t| t.sets_above(DISPLAY_VARS)) {
        return;
    }
    if sets_display(&manager_environment(MANAGER_TIMEOUT)) {
        return;
    }
    let lines = display_lines(|key| std::env::var(key).ok());
    let message = match backend {
        Backend::Cron => format!(
            "no display for the Start button (neither your crontab nor the systemd user manager sets `DISPLAY` or `WAYLAND_DISPLAY`), so the terminal Start opens will fail\n  hint: put {} at the top of your crontab (`crontab -e`)",
            crontab_lines(&lines)
        ),
        _ => format!(
            "no display for the Start button (the systemd user manager's environment has no `DISPLAY` or `WAYLAND_DISPLAY`), so the terminal Start opens will fail\n  hint: have your session tell it: `systemctl --user import-environment {}` in `~/.xinitrc` or your window manager's startup",
            import_names(&lines)
        ),
    };
    ctx.warn(message);
}

/// The crontab lines to put, each escaped and in backticks.
fn crontab_lines(lines: &[String]) -> String {
    let quoted: Vec<String> = lines
        .iter()
        .map(|line| format!("`{}`", text::escape(line, 200)))
        .collect();
    match quoted.as_slice() {
        [] => "your desktop's display, such as `DISPLAY=:0` (`echo $DISPLAY` in a terminal there says which), on a line of its own".to_owned(),
        [line] => format!("{line} on a line of its own"),
        [rest @ .., last] => format!("{} and {last} on lines of their own", rest.join(", ")),
    }
}

/// The display variables among `lines`, for `import-environment`
/// (`XDG_RUNTIME_DIR` the manager always has); `DISPLAY` when there are
/// none here.
fn import_names(lines: &[String]) -> String {
    let names: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.split_once('=').map(|(name, _)| name))
        .filter(|name| DISPLAY_VARS.contains(name))
        .collect();
    if names.is_empty() {
        "DISPLAY".to_owned()
    } else {
        names.join(" ")
    }
}
