//! Signals as ordinary input: a thread turns them into [`Input`]s on the
//! run loop's channel, so they leave through the same path as `q`.
//!
//! Every signal whose default action ends the process is caught, so that
//! whichever one comes (`timeout -s ALRM` sends SIGALRM; a logout, SIGHUP)
//! the terminal is given back and the run recorded. Once the run loop has
//! ended they get their meaning back, so that a later wait (such as for
//! the history's lock) can still be ended by SIGTERM or Ctrl-C.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;

use signal_hook::consts::signal::*;
use signal_hook::iterator::Handle;

use super::Input;
use crate::error::{Error, Result};

/// `SIGPWR` (power failure), whose default action is to terminate; not
/// among signal-hook's constants. Its number differs on MIPS and SPARC.
#[cfg(all(
    target_os = "linux",
    not(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc",
        target_arch = "sparc64"
    ))
))]
const SIGPWR: i32 = 30;

/// Every signal that would end mobility by default and can be caught,
/// with its name. Not SIGPIPE (a closed output is an output error), not
/// SIGXFSZ (`run` turns it into a write error), and not the signals of a
/// fault (SIGILL, SIGFPE, SIGSEGV, SIGBUS), which must not be returned
/// from. SIGIO is SIGPOLL.
pub const TERMINATING: &[(i32, &str)] = &[
    (SIGHUP, "SIGHUP"),
    (SIGINT, "SIGINT"),
    (SIGQUIT, "SIGQUIT"),
    (SIGTERM, "SIGTERM"),
    (SIGUSR1, "SIGUSR1"),
    (SIGUSR2, "SIGUSR2"),
    (SIGALRM, "SIGALRM"),
    (SIGVTALRM, "SIGVTALRM"),
    (SIGPROF, "SIGPROF"),
    (SIGXCPU, "SIGXCPU"),
    #[cfg(target_os = "linux")]
    (SIGIO, "SIGIO"),
    #[cfg(all(
        target_os = "linux",
        not(any(
            target_arch = "mips",
            target_arch = "mips64",
            target_arch = "sparc",
            target_arch = "sparc64"
        ))
    ))]
    (SIGPWR, "SIGPWR"),
];

/// The signals watched while the run loop runs. Dropping it gives every
/// one of them its default meaning back.
#[derive(Debug)]
pub(super) struct Watch {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
    /// Once set, the handlers below act as the defaults would.
    restored: Arc<AtomicBool>,
}

/// Forwards every terminating signal, SIGTSTP and SIGWINCH to the run loop
/// as input, until the returned [`Watch`] is dropped.
pub(super) fn watch_signals(tx: Sender<Input>) -> Result<Watch> {
    let cannot = |e: std::io::Error| Error::Other(format!("cannot watch for signals: {e}"));
    let restored = Arc::new(AtomicBool::new(false));
    // signal-hook can't put a default action back once it has replaced
    // it (an unregistered signal would be ignored), so these stand ready
    // to do what the default would, from the moment `restored` is set:
    // end with 128+n, or stop.
    for &(signal, _) in TERMINATING {
        let status = 128 + signal;
        signal_hook::flag::register_conditional_shutdown(signal, status, Arc::clone(&restored))
            .map_err(cannot)?;
    }
    signal_hook::flag::register_conditional_default(SIGTSTP, Arc::clone(&restored))
        .map_err(cannot)?;

    let watched = TERMINATING
        .iter()
        .map(|&(signal, _)| signal)
        .chain([SIGTSTP, SIGWINCH]);
    let mut signals = signal_hook::iterator::Signals::new(watched).map_err(cannot)?;
    let handle = signals.handle();
    let thread = std::thread::spawn(move || {
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
    Ok(Watch {
        handle,
        thread: Some(thread),
        restored,
    })
}

impl Watch {
    /// Gives the terminating signals their default meaning (`true`), or
    /// takes it back (`false`), while the watch goes on.
    pub(super) fn set_defaults(&self, on: bool) {
        self.restored.store(on, Ordering::SeqCst);
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.handle.close();
        // The thread's end drops its `Signals`, which unregisters them.
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.restored.store(true, Ordering::SeqCst);
    }
}

/// Stops the process until it is continued (the default action of
/// SIGTSTP, which our handler replaced).
pub(super) fn stop_self() {
    let _ = signal_hook::low_level::raise(SIGSTOP);
}

/// "SIGTERM", or "signal 40" for one without a name of ours.
pub(super) fn signal_name(signal: i32) -> String {
    TERMINATING
        .iter()
        .chain(&[(SIGPIPE, "SIGPIPE")])
        .find(|(n, _)| *n == signal)
        .map_or_else(
            || format!("signal {signal}"),
            |(_, name)| (*name).to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_caught_signal_has_its_name_and_none_is_a_fault_or_uncatchable() {
        assert_eq!(signal_name(SIGTERM), "SIGTERM");
        assert_eq!(signal_name(SIGALRM), "SIGALRM");
        assert_eq!(signal_name(SIGPIPE), "SIGPIPE");
        assert_eq!(signal_name(64), "signal 64");
        for &(signal, _) in TERMINATING {
            assert!(!signal_hook::consts::FORBIDDEN.contains(&signal));
            assert!(![SIGPIPE, SIGXFSZ, SIGBUS, SIGTSTP, SIGCHLD].contains(&signal));
        }
        for needed in [
            SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
        ] {
            assert!(TERMINATING.iter().any(|&(s, _)| s == needed), "{needed}");
        }
    }
}
