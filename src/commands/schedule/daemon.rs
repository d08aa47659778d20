//! Whether a cron daemon runs, so that `schedule add` does not promise a
//! reminder nothing will fire.

use std::path::{Path, PathBuf};

/// The pid files cron daemons leave (cronie, Debian's cron, busybox).
const PID_FILES: &[&str] = &["run/crond.pid", "var/run/crond.pid", "run/cron.pid"];

/// The process names of cron daemons, as `/proc/PID/comm` gives them.
const NAMES: &[&str] = &["cron", "crond"];

/// The most processes looked at: a machine has a few thousand.
const MAX_PROCESSES: usize = 100_000;

/// Where `/proc` and `/run` are: `/`, or in a debug build (the tests'),
/// `MOBILITY_SYSTEM_ROOT` when it is set.
pub(super) fn system_root() -> PathBuf {
    #[cfg(debug_assertions)]
    if let Some(root) = std::env::var_os("MOBILITY_SYSTEM_ROOT") {
        return PathBuf::from(root);
    }
    PathBuf::from("/")
}

/// Whether a cron daemon seems to run on the system under `root`: one of
/// its pid files is there, or a process is named `cron` or `crond`.
pub(super) fn cron_running(root: &Path) -> bool {
    if PID_FILES.iter().any(|f| root.join(f).is_file()) {
        return true;
    }
    let Ok(entries) = std::fs::read_dir(root.join("proc")) else {
        return false;
    };
    entries.flatten().take(MAX_PROCESSES).any(|entry| {
        let is_pid = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        is_pid
            && crate::diagnostic::read_bounded(&entry.path().join("comm"), 64, "a process name")
                .is_ok_and(|comm| NAMES.contains(&String::from_utf8_lossy(&comm).trim()))
    })
}

/// The warning when none runs.
pub(super) const NOT_RUNNING: &str = "no cron daemon is running (no `crond.pid` under `/run` or `/var/run`, no `cron` or `crond` process), so this reminder will not fire until one runs\n  hint: start one, such as `sudo systemctl enable --now cron` (`crond` on Fedora and Arch), or choose `--backend systemd`";
