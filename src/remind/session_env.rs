//! The desktop's environment for the terminal that Start opens.
//!
//! cron gives its jobs no `DISPLAY` and no `WAYLAND_DISPLAY`, so a terminal
//! started from a cron job would have no screen to open on. The desktop
//! tells the systemd user manager its variables (GNOME, KDE and most
//! Wayland compositors do, for the units they start); they are read from
//! its `Environment` property over the session bus, and those missing from
//! ours are handed to the terminal, the locale with them.

use std::time::Duration;

/// The variables a terminal needs to reach the desktop, and the locale:
/// cron sets none, and in the POSIX locale the drill's big digits and
/// figure would be drawn as boxes.
pub const DESKTOP_VARS: &[&str] = &[
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "XDG_RUNTIME_DIR",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
];

/// Of the manager's `KEY=VALUE` lines, the [`DESKTOP_VARS`] that `is_set`
/// says this process lacks.
pub fn missing_desktop_vars(
    manager: &[String],
    is_set: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    manager
        .iter()
        .filter_map(|line| line.split_once('='))
        .filter(|(key, value)| DESKTOP_VARS.contains(key) && !value.is_empty() && !is_set(key))
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect()
}

/// The variables that give a terminal a screen to open on.
pub const DISPLAY_VARS: &[&str] = &["DISPLAY", "WAYLAND_DISPLAY"];

/// Whether the manager's `KEY=VALUE` lines give a display.
pub fn sets_display(manager: &[String]) -> bool {
    manager
        .iter()
        .filter_map(|line| line.split_once('='))
        .any(|(key, value)| DISPLAY_VARS.contains(&key) && !value.is_empty())
}

/// The `KEY=VALUE` lines that would give a terminal started from cron this
/// session's display, read with `var`: `DISPLAY` where there is one (X,
/// or Xwayland beside Wayland); else `WAYLAND_DISPLAY` with
/// `XDG_RUNTIME_DIR`, where its socket is and which cron does not set
/// either. Empty when this session has no display. Values as they are:
/// the caller escapes them for the terminal.
pub fn display_lines(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let set = |key: &str| var(key).filter(|v| !v.is_empty());
    if let Some(display) = set("DISPLAY") {
        return vec![format!("DISPLAY={display}")];
    }
    let Some(wayland) = set("WAYLAND_DISPLAY") else {
        return Vec::new();
    };
    let mut lines = vec![format!("WAYLAND_DISPLAY={wayland}")];
    lines.extend(set("XDG_RUNTIME_DIR").map(|dir| format!("XDG_RUNTIME_DIR={dir}")));
    lines
}

/// The systemd user manager's environment, or nothing if it can't be had
/// within `timeout` (no systemd, no bus).
#[cfg(all(unix, not(target_os = "macos")))]
pub fn manager_environment(timeout: Duration) -> Vec<String> {
    let read = || async {
        let connection = zbus::Connection::session().await?;
        let reply = connection
            .call_method(
                Some("org.freedesktop.systemd1"),
                "/org/freedesktop/systemd1",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.freedesktop.systemd1.Manager", "Environment"),
            )
            .await?;
        let value: zbus::OwnedVariant = reply.body().deserialize()?;
        Vec::<String>::try_from(value)
    };
    super::notify::run_with_timeout(timeout, move || zbus::block_on(read()).ok())
        .flatten()
        .unwrap_or_default()
}

/// No systemd user manager on macOS: the terminal inherits ours.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn manager_environment(_timeout: Duration) -> Vec<String> {
    Vec::new()
}

#[cfg(test)]
mod tests;
