//! Signals as ordinary input: a thread turns them into [`Input`]s on the
//! run loop's channel, so they leave through the same path as `q`.

use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

use super::Input;
use crate::error::{Error, Result};

/// Forwards SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP and SIGWINCH to the
/// run loop as input.
pub(super) fn watch_signals(tx: Sender<Input>) -> Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH])
            .map_err(|e| Error::Other(format!("cannot watch for signals: {e}")))?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let input = match signal {
                SIGTSTP => Input::Suspend,
                SIGWINCH => Input::Resize,
                _ => Input::Signal(signal),
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Stops the process until it is continued (the default action of
/// SIGTSTP, which our handler replaced).
pub(super) fn stop_self() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
}

/// "SIGTERM", or "signal 10" for one without a name of ours.
pub(super) fn signal_name(signal: i32) -> String {
    match signal {
        SIGTERM => "SIGTERM".into(),
        SIGHUP => "SIGHUP".into(),
        SIGINT => "SIGINT".into(),
        SIGQUIT => "SIGQUIT".into(),
        SIGPIPE => "SIGPIPE".into(),
        other => format!("signal {other}"),
    }
}
