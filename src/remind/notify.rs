//! Desktop notifications for `mobility remind`, including from cron.
//!
//! On Linux and the BSDs, [`ask`] talks to the notification server straight
//! over zbus (`actions.rs` says why): it shows the reminder with its Start
//! and Snooze buttons and waits for the answer. On macOS, where there is no
//! session bus, it shows a plain notification through notify-rust.
//!
//! cron starts jobs without `DBUS_SESSION_BUS_ADDRESS`, so the bus has to be
//! found the way a desktop would: `$XDG_RUNTIME_DIR/bus`, then
//! `/run/user/UID/bus`. zbus 6 falls back to exactly those when the variable
//! is unset, so [`choose_bus`] predicts where zbus will look and checks that
//! a socket is there before connecting: that turns "no bus" into a clear
//! message instead of a connection error. The one case zbus cannot reach
//! (`XDG_RUNTIME_DIR` set to a directory without a bus while
//! `/run/user/UID/bus` exists) is reported with the line to add to the
//! crontab, rather than worked around (setting the variable for our own
//! process is `unsafe` in edition 2024, which this crate denies).

#[cfg(all(unix, not(target_os = "macos")))]
mod actions;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

#[cfg(all(unix, not(target_os = "macos")))]
pub use actions::{ask, close_on};

/// A button on a notification: the key the server answers with, and the
/// label shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Button {
    pub key: &'static str,
    pub label: &'static str,
}

/// What became of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Shown, without buttons: the server does not offer them (or there
    /// were none to offer), so nothing is waited for.
    ShownWithoutButtons,
    /// A button was pressed: its key.
    Pressed(String),
    /// Closed without a button: dismissed, or expired.
    Closed,
    /// No answer before the deadline; the notification was closed.
    NoAnswer,
    /// A signal came while waiting (see `close_on`); the notification was
    /// closed, and mobility should end as the signal says.
    Signal(i32),
}

/// On macOS nothing is waited on: the signals keep their defaults.
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn close_on(_signals: &[i32]) -> std::io::Result<()> {
    Ok(())
}

/// On macOS the notification goes through notify-rust, without buttons.
#[cfg(target_os = "macos")]
pub fn ask(
    summary: &str,
    body: &str,
    _buttons: &[Button],
    deliver: Duration,
    _wait: Duration,
) -> Result<Answer, String> {
    notify(summary, body, deliver).map(|()| Answer::ShownWithoutButtons)
}

/// The environment that decides where the session bus is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusEnv {
    /// `DBUS_SESSION_BUS_ADDRESS`, if set.
    pub session_bus_address: Option<String>,
    /// `XDG_RUNTIME_DIR`, if set (even if empty: zbus would still use it).
    pub xdg_runtime_dir: Option<PathBuf>,
    /// The effective user id, if known.
    pub uid: Option<u32>,
}

/// Where the notification will go, as decided by [`choose_bus`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusChoice {
    /// `DBUS_SESSION_BUS_ADDRESS` is set and is used as it is.
    FromEnv(String),
    /// A socket exists where zbus will look for it by itself.
    Socket(PathBuf),
    /// A socket exists, but zbus will look in `XDG_RUNTIME_DIR` instead.
    Unreachable {
        /// The socket that was found.
        socket: PathBuf,
        /// Where zbus will look.
        zbus_looks_at: PathBuf,
    },
    /// No socket in any of these places.
    NotFound {
        /// The paths checked, in order.
        checked: Vec<PathBuf>,
    },
}

impl BusChoice {
    /// Why a notification cannot be sent, as one line, or `None` if it can
    /// be tried.
    pub fn problem(&self) -> Option<String> {
        match self {
            BusChoice::FromEnv(_) | BusChoice::Socket(_) => None,
            BusChoice::Unreachable {
                socket,
                zbus_looks_at,
            } => Some(format!(
                "the session bus is at {} but XDG_RUNTIME_DIR points to {}; \
                 set DBUS_SESSION_BUS_ADDRESS=unix:path={} (in the crontab, on a line of its own)",
                crate::text::path(socket),
                crate::text::path(zbus_looks_at),
                crate::text::path(socket)
            )),
            BusChoice::NotFound { checked } if checked.is_empty() => Some(
                "no session bus found (DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset \
                 and the user id is unknown)"
                    .to_owned(),
            ),
            BusChoice::NotFound { checked } => {
                // From the environment: escaped like any untrusted text.
                let paths: Vec<_> = checked.iter().map(|p| crate::text::path(p)).collect();
                Some(format!(
                    "no session bus found (checked {})",
                    paths.join(", ")
                ))
            }
        }
    }
}

/// Decides where the session bus is, given the environment and a check for
/// whether a socket exists at a path.
///
/// A non-empty `DBUS_SESSION_BUS_ADDRESS` wins. Otherwise
/// `$XDG_RUNTIME_DIR/bus`, then `/run/user/UID/bus`, are checked in order.
pub fn choose_bus(env: &BusEnv, socket_exists: impl Fn(&Path) -> bool) -> BusChoice {
    if let Some(address) = env.session_bus_address.as_ref().filter(|a| !a.is_empty()) {
        return BusChoice::FromEnv(address.clone());
    }
    let from_runtime_dir = env
        .xdg_runtime_dir
        .as_ref()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join("bus"));
    let from_uid = env
        .uid
        .map(|uid| PathBuf::from(format!("/run/user/{uid}/bus")));
    // What zbus 6 does in `Address::session()` when the variable is unset.
    let zbus_looks_at = match &env.xdg_runtime_dir {
        Some(dir) => Some(PathBuf::from(format!("{}/bus", dir.display()))),
        None => from_uid.clone(),
    };

    let mut checked: Vec<PathBuf> = Vec::new();
    for candidate in [from_runtime_dir, from_uid].into_iter().flatten() {
        if checked.contains(&candidate) {
            continue;
        }
        if socket_exists(&candidate) {
            return match zbus_looks_at {
                Some(zbus) if zbus != candidate => BusChoice::Unreachable {
                    socket: candidate,
                    zbus_looks_at: zbus,
                },
                _ => BusChoice::Socket(candidate),
            };
        }
        checked.push(candidate);
    }
    BusChoice::NotFound { checked }
}

impl BusEnv {
    /// Reads the environment of this process.
    pub fn from_process() -> Self {
        BusEnv {
            session_bus_address: std::env::var("DBUS_SESSION_BUS_ADDRESS").ok(),
            xdg_runtime_dir: std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
            uid: Some(rustix::process::geteuid().as_raw()),
        }
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn is_socket(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_socket())
}

/// Shows a plain desktop notification on macOS, giving up after `timeout`.
///
/// `timeout` bounds how long this waits for delivery (3 seconds is a good
/// value); how long the notification stays on screen is left to the
/// desktop. Delivery runs on its own thread: if it never returns, this
/// does, and the thread is abandoned, to die with the process. Errors are
/// one line: `notification timed out after 3s`, or notify-rust's.
#[cfg(target_os = "macos")]
fn notify(summary: &str, body: &str, timeout: Duration) -> Result<(), String> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("mobility")
        .summary(&for_desktop(summary, SUMMARY_CHARS))
        .body(&for_desktop(body, BODY_CHARS));
    let shown = run_with_timeout(timeout, move || {
        notification
            .show()
            .map(drop)
            .map_err(|e| one_line(&e.to_string()))
    });
    shown.unwrap_or_else(|| {
        Err(format!(
            "notification timed out after {}",
            humantime::format_duration(timeout)
        ))
    })
}

/// How much of the summary a notification shows, in characters.
const SUMMARY_CHARS: usize = 120;

/// How much of the body a notification shows, in characters.
const BODY_CHARS: usize = 400;

/// Text as a notification daemon should show it: escaped like all
/// untrusted text, then with `&`, `<` and `>` written as entities, since
/// most daemons read the summary and body as markup, where a title like
/// `Hips <b>&</b> back` would otherwise be bold, or break the whole text.
fn for_desktop(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in crate::text::escape(text, max).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Runs `work` on a new thread and waits at most `timeout` for its result.
pub(super) fn run_with_timeout<T: Send + 'static>(
    timeout: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (send, receive) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("notify".to_owned())
        .spawn(move || {
            // The receiver is gone if we timed out; nothing to tell then.
            let _ = send.send(work());
        });
    spawned.ok()?;
    receive.recv_timeout(timeout).ok()
}

fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::escape(&line, 200)
}

#[cfg(test)]
mod tests;
