//! A notification with buttons, and waiting for the answer, straight over
//! zbus.
//!
//! notify-rust can send buttons, but its wait subscribes to the answer only
//! after the notification is up (a click in between is lost), panics on a
//! bus error, and cannot be bounded or closed afterwards. Here the
//! subscription comes first, the wait has a deadline, and a notification
//! is closed once it is answered or nobody answered it in time, so that no
//! button is left on screen with no one listening.
//!
//! zbus 6 has no blocking API: the async calls run under `zbus::block_on`
//! on a thread of their own, and the caller waits on a channel with a
//! timeout, like [`super::notify`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use zbus::export::futures_core::Stream;
use zbus::{Connection, MatchRule, MessageStream, Variant};

use super::{Answer, BODY_CHARS, Button, SUMMARY_CHARS, for_desktop, one_line};

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// What the thread that talks to the bus reports, and the signal thread.
enum Report {
    Sent { id: u32, connection: Connection },
    Done(Answer),
    Failed(String),
    Signal(i32),
}

/// The signals [`close_on`] watches: while [`ask`] waits they are reported
/// to it; at any other time they end the process at once with 128 + n, as
/// their default action would.
struct Watch {
    /// Set outside [`ask`]: the signals act as their defaults.
    defaults: Arc<AtomicBool>,
    /// Where a signal is reported while [`ask`] waits.
    waiting: Mutex<Option<mpsc::SyncSender<Report>>>,
}

static WATCH: OnceLock<Watch> = OnceLock::new();

/// Makes each of `signals` take the notification [`ask`] waits on off the
/// screen before mobility ends (`ask` then answers [`Answer::Signal`]), so
/// that no buttons are left with no one listening. Set once; later calls
/// change nothing.
pub fn close_on(signals: &[i32]) -> std::io::Result<()> {
    if WATCH.get().is_some() {
        return Ok(());
    }
    let defaults = Arc::new(AtomicBool::new(true));
    // signal-hook can't put a default action back, so these stand in for
    // it whenever `defaults` is set.
    for &signal in signals {
        signal_hook::flag::register_conditional_shutdown(
            signal,
            128 + signal,
            Arc::clone(&defaults),
        )?;
    }
    let mut caught = signal_hook::iterator::Signals::new(signals)?;
    let _ = WATCH.set(Watch {
        defaults,
        waiting: Mutex::new(None),
    });
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for signal in caught.forever() {
                let waiting = WATCH.get().and_then(|w| w.waiting.lock().ok()?.clone());
                match waiting {
                    Some(report) => {
                        let _ = report.try_send(Report::Signal(signal));
                    }
                    // Caught just as `ask` stopped waiting: the default.
                    None => std::process::exit(128 + signal),
                }
            }
        })?;
    Ok(())
}

/// While it lives, the signals of [`close_on`] are reported to `ask`,
/// through the channel it reads.
struct Listening {
    receive: mpsc::Receiver<Report>,
}

impl Listening {
    fn start(report: &mpsc::SyncSender<Report>, receive: mpsc::Receiver<Report>) -> Listening {
        if let Some(watch) = WATCH.get() {
            if let Ok(mut waiting) = watch.waiting.lock() {
                *waiting = Some(report.clone());
            }
            watch.defaults.store(false, Ordering::SeqCst);
        }
        Listening { receive }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        let Some(watch) = WATCH.get() else { return };
        if let Ok(mut waiting) = watch.waiting.lock() {
            *waiting = None;
        }
        watch.defaults.store(true, Ordering::SeqCst);
        // A signal that came as `ask` was returning, unread: its default.
        if let Some(n) = self.receive.try_iter().find_map(|r| match r {
            Report::Signal(n) => Some(n),
            _ => None,
        }) {
            std::process::exit(128 + n);
        }
    }
}

/// Shows a notification with `buttons` if the server supports them (its
/// `actions` capability) and waits at most `wait` for one to be pressed.
///
/// `deliver` bounds the time to reach the server and show the notification
/// (the error then is `notification timed out after 3s`).
pub fn ask(
    summary: &str,
    body: &str,
    buttons: &[Button],
    deliver: Duration,
    wait: Duration,
) -> Result<Answer, String> {
    if let Some(problem) =
        super::choose_bus(&super::BusEnv::from_process(), super::is_socket).problem()
    {
        return Err(problem);
    }
    let summary = for_desktop(summary, SUMMARY_CHARS);
    let body = for_desktop(body, BODY_CHARS);
    let buttons = buttons.to_vec();
    let (send, receive) = mpsc::sync_channel(4);
    let listening = Listening::start(&send, receive);
    let receive = &listening.receive;
    let spawned = std::thread::Builder::new()
        .name("notify".to_owned())
        .spawn(move || {
            let report = zbus::block_on(talk(&summary, &body, &buttons, &send));
            // The receiver is gone if the caller gave up; nothing to tell.
            let _ = send.send(report.map_or_else(Report::Failed, Report::Done));
        });
    if let Err(e) = spawned {
        return Err(one_line(&e.to_string()));
    }
    let timed_out = || {
        format!(
            "notification timed out after {}",
            humantime::format_duration(deliver)
        )
    };
    // A signal while the notification is on its way: wait for it to be
    // shown (within `deliver`), so that it can be taken away again.
    let until = Instant::now() + deliver;
    let mut stopped = None;
    let (id, connection) = loop {
        let answer = |other: Result<Answer, String>| match stopped {
            Some(n) => Ok(Answer::Signal(n)),
            None => other,
        };
        match receive.recv_timeout(until.saturating_duration_since(Instant::now())) {
            Ok(Report::Sent { id, connection }) => break (id, connection),
            Ok(Report::Done(done)) => return answer(Ok(done)),
            Ok(Report::Failed(e)) => return answer(Err(e)),
            Ok(Report::Signal(n)) => {
                stopped.get_or_insert(n);
            }
            Err(_) => return answer(Err(timed_out())),
        }
    };
    let answer = match stopped {
        Some(n) => Answer::Signal(n),
        None => match receive.recv_timeout(wait) {
            Ok(Report::Done(answer)) => return Ok(answer),
            Ok(Report::Failed(e)) => return Err(e),
            Ok(Report::Signal(n)) => Answer::Signal(n),
            Ok(Report::Sent { .. }) | Err(_) => Answer::NoAnswer,
        },
    };
    // Best effort, and bounded: the notification was shown.
    super::run_with_timeout(deliver, move || {
        zbus::block_on(connection.call_method(
            Some(NAME),
            PATH,
            Some(NAME),
            "CloseNotification",
            &id,
        ))
        .is_ok()
    });
    Ok(answer)
}

/// Connects, asks for the capabilities, shows the notification, and waits
/// for its answer, reporting `Sent` on the way.
async fn talk(
    summary: &str,
    body: &str,
    buttons: &[Button],
    report: &mpsc::SyncSender<Report>,
) -> Result<Answer, String> {
    let failed = |e: zbus::Error| one_line(&e.to_string());
    let connection = Connection::session().await.map_err(failed)?;
    let capabilities: Vec<String> = connection
        .call_method(Some(NAME), PATH, Some(NAME), "GetCapabilities", &())
        .await
        .map_err(|e| no_daemon(&e).unwrap_or_else(|| failed(e)))?
        .body()
        .deserialize()
        .map_err(failed)?;
    let with_buttons = !buttons.is_empty() && capabilities.iter().any(|c| c == "actions");
    // Subscribed before the notification is shown, so no answer is missed.
    let mut answers = if with_buttons {
        let rule = MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(NAME)
            .path(PATH)
            .build()
            .map_err(failed)?;
        Some(
            MessageStream::for_match_rule(rule, &connection, None)
                .await
                .map_err(failed)?,
        )
    } else {
        None
    };
    let actions: Vec<&str> = if with_buttons {
        buttons.iter().flat_map(|b| [b.key, b.label]).collect()
    } else {
        Vec::new()
    };
    let hints: HashMap<&str, Variant<'_>> = HashMap::new();
    let id: u32 = connection
        .call_method(
            Some(NAME),
            PATH,
            Some(NAME),
            "Notify",
            &("mobility", 0u32, "", summary, body, actions, hints, -1i32),
        )
        .await
        .map_err(failed)?
        .body()
        .deserialize()
        .map_err(failed)?;
    let Some(answers) = answers.as_mut() else {
        return Ok(Answer::ShownWithoutButtons);
    };
    let _ = report.send(Report::Sent {
        id,
        connection: connection.clone(),
    });
    while let Some(message) = next(answers).await {
        let message = message.map_err(failed)?;
        let header = message.header();
        match header.member().map(|m| m.as_str()) {
            Some("ActionInvoked") => {
                if let Ok((answered, key)) = message.body().deserialize::<(u32, String)>()
                    && answered == id
                {
                    // Servers leave a notification up after a button is
                    // pressed (dunst does), its buttons now dead: take it
                    // away. Best effort: the answer counts either way.
                    let _ = connection
                        .call_method(Some(NAME), PATH, Some(NAME), "CloseNotification", &id)
                        .await;
                    return Ok(Answer::Pressed(key));
                }
            }
            Some("NotificationClosed") => {
                if let Ok((closed, _reason)) = message.body().deserialize::<(u32, u32)>()
                    && closed == id
                {
                    return Ok(Answer::Closed);
                }
            }
            _ => {}
        }
    }
    Err("the session bus closed the connection".to_owned())
}

/// The words for a bus on which nobody shows notifications: no daemon
/// owns the name, and the bus could not start one (D-Bus's own
/// `ServiceUnknown` or `Spawn.*` errors, which mean nothing to most people).
fn no_daemon(error: &zbus::Error) -> Option<String> {
    // zbus turns the bus's own errors into variants of its own, which
    // still print as the D-Bus name first.
    let text = error.to_string();
    (text.starts_with("org.freedesktop.DBus.Error.ServiceUnknown")
        || text.starts_with("org.freedesktop.DBus.Error.Spawn."))
    .then(|| {
        "no notification daemon is running on the session bus, and none could be started".to_owned()
    })
}

/// The next message of a stream. zbus 6 only offers it through the
/// `Stream` trait of futures-core, which it re-exports: a `poll_fn` over it
/// saves a dependency on a futures utility crate for one call.
async fn next(stream: &mut MessageStream) -> Option<zbus::Result<zbus::Message>> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}
