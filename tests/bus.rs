//! A private session bus (a real `dbus-daemon`) and, on it, a notification
//! server of our own written with zbus: it records every `Notify` call and
//! answers with `ActionInvoked` or `NotificationClosed` when a test says so.
//!
//! Everything that waits here has a deadline, so that a bug in `remind`
//! fails a test instead of hanging it.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use zbus::export::futures_core::Stream;
use zbus::{Connection, MessageStream};

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// How long any one wait in these tests may take before it is a failure.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A `dbus-daemon --session` listening on a socket of the test's own;
/// stopped when dropped.
pub struct Bus {
    daemon: Child,
    pub address: String,
}

impl Bus {
    /// Starts the daemon on `socket`, or says why not and returns `None`
    /// when `dbus-daemon` is not installed.
    pub fn start(socket: &Path) -> Option<Bus> {
        let spawned = Command::new("dbus-daemon")
            .arg("--session")
            .arg(format!("--address=unix:path={}", socket.display()))
            .args(["--nofork", "--nopidfile", "--print-address"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let mut daemon = match spawned {
            Ok(daemon) => daemon,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!("skipped: dbus-daemon is not installed, so there is no bus to test on");
                return None;
            }
            Err(e) => panic!("dbus-daemon did not start: {e}"),
        };
        // The address is printed once the daemon listens.
        let stdout = daemon.stdout.take().unwrap();
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let address = receive
            .recv_timeout(PATIENCE)
            .expect("dbus-daemon printed its address");
        assert!(address.starts_with("unix:"), "dbus-daemon said {address:?}");
        Some(Bus {
            daemon,
            address: address.trim().to_owned(),
        })
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// One `Notify` call, as the server received it.
#[derive(Debug, Clone)]
pub struct Notification {
    /// The id the server answered with.
    pub id: u32,
    pub app_name: String,
    pub replaces_id: u32,
    pub summary: String,
    pub body: String,
    /// Keys and labels, alternating, as the specification has them.
    pub actions: Vec<String>,
    pub hints: Vec<String>,
    pub timeout: i32,
}

/// A notification server on a [`Bus`].
pub struct Server {
    connection: Connection,
    received: Arc<Mutex<Vec<Notification>>>,
    manager: Arc<Mutex<Vec<String>>>,
    /// The ids `CloseNotification` was called with, in order.
    closed: Arc<Mutex<Vec<u32>>>,
}

impl Server {
    /// Owns `org.freedesktop.Notifications` on the bus at `address` and
    /// answers `GetCapabilities` with `capabilities`.
    pub fn start(address: &str, capabilities: &[&str]) -> Server {
        // The stream is made before the name is owned, so that no call
        // can arrive before there is something to receive it.
        let (connection, messages) = zbus::block_on(async {
            let connection = zbus::connection::Builder::address(address).build().await?;
            let messages = MessageStream::from(&connection);
            connection.request_name(NAME).await?;
            zbus::Result::Ok((connection, messages))
        })
        .expect("the test server connects and owns its name");
        let received = Arc::new(Mutex::new(Vec::new()));
        let manager = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(Mutex::new(Vec::new()));
        let capabilities: Vec<String> = capabilities.iter().map(|c| (*c).to_owned()).collect();
        let (conn, log, env, shut) = (
            connection.clone(),
            Arc::clone(&received),
            Arc::clone(&manager),
            Arc::clone(&closed),
        );
        std::thread::spawn(move || {
            zbus::block_on(serve(conn, messages, capabilities, log, env, shut))
        });
        Server {
            connection,
            received,
            manager,
            closed,
        }
    }

    /// Plays the systemd user manager too, as far as its `Environment`
    /// property: the desktop's variables, as `KEY=VALUE`.
    pub fn be_systemd(&self, environment: &[&str]) {
        *self.manager.lock().unwrap() = environment.iter().map(|v| (*v).to_owned()).collect();
        zbus::block_on(self.connection.request_name("org.freedesktop.systemd1"))
            .expect("the test server owns systemd's name");
    }

    /// Waits until `count` notifications have arrived; returns them all.
    #[track_caller]
    pub fn wait_for(&self, count: usize) -> Vec<Notification> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let received = self.received.lock().unwrap().clone();
            if received.len() >= count {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "waited too long for notification {count}; got {received:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The ids mobility asked to close, so far.
    pub fn closed(&self) -> Vec<u32> {
        self.closed.lock().unwrap().clone()
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Notification> {
        self.received.lock().unwrap().clone()
    }

    /// Presses a button: `ActionInvoked(id, key)`.
    pub fn press(&self, id: u32, key: &str) {
        self.emit("ActionInvoked", &(id, key));
    }

    /// Closes a notification: `NotificationClosed(id, reason)`, reason 2
    /// being "dismissed by the user".
    pub fn dismiss(&self, id: u32) {
        self.emit("NotificationClosed", &(id, 2u32));
    }

    fn emit<B: serde::Serialize + zbus::DynamicType>(&self, signal: &str, body: &B) {
        zbus::block_on(
            self.connection
                .emit_signal(None::<&str>, PATH, NAME, signal, body),
        )
        .expect("the signal is sent");
    }
}

/// Answers the calls of the notification interface until the bus goes.
async fn serve(
    connection: Connection,
    mut messages: MessageStream,
    capabilities: Vec<String>,
    received: Arc<Mutex<Vec<Notification>>>,
    manager: Arc<Mutex<Vec<String>>>,
    closed: Arc<Mutex<Vec<u32>>>,
) {
    let mut next_id = 0u32;
    while let Some(Ok(message)) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut messages).poll_next(cx)).await
    {
        let header = message.header();
        if header.message_type() != zbus::message::Type::MethodCall {
            continue;
        }
        let interface = header.interface().map(|i| i.as_str());
        let member = header.member().map(|m| m.as_str());
        if interface == Some("org.freedesktop.DBus.Properties") && member == Some("Get") {
            let (of, property): (String, String) = message.body().deserialize().unwrap();
            assert_eq!(
                (of.as_str(), property.as_str()),
                ("org.freedesktop.systemd1.Manager", "Environment")
            );
            let environment = manager.lock().unwrap().clone();
            connection
                .reply(&header, &zbus::Variant::from(environment))
                .await
                .expect("the test server replies");
            continue;
        }
        let replied = match member {
            Some("GetCapabilities") => connection.reply(&header, &capabilities).await,
            Some("GetServerInformation") => {
                connection
                    .reply(&header, &("mobility-tests", "mobility", "1", "1.2"))
                    .await
            }
            Some("Notify") => {
                type Args = (
                    String,
                    u32,
                    String,
                    String,
                    String,
                    Vec<String>,
                    HashMap<String, zbus::OwnedVariant>,
                    i32,
                );
                let (app_name, replaces_id, _icon, summary, body, actions, hints, timeout): Args =
                    message.body().deserialize().expect("Notify's arguments");
                next_id += 1;
                let mut hints: Vec<String> = hints.into_keys().collect();
                hints.sort();
                received.lock().unwrap().push(Notification {
                    id: next_id,
                    app_name,
                    replaces_id,
                    summary,
                    body,
                    actions,
                    hints,
                    timeout,
                });
                connection.reply(&header, &next_id).await
            }
            Some("CloseNotification") => {
                let id: u32 = message.body().deserialize().unwrap_or_default();
                closed.lock().unwrap().push(id);
                let _ = connection
                    .emit_signal(None::<&str>, PATH, NAME, "NotificationClosed", &(id, 3u32))
                    .await;
                connection.reply(&header, &()).await
            }
            _ => continue,
        };
        replied.expect("the test server replies");
    }
}

/// Waits at most [`PATIENCE`] for `child` to exit, killing it after that,
/// and returns what it printed.
#[track_caller]
pub fn finish(mut child: Child) -> Output {
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "the program did not exit in time\n--- stdout\n{}--- stderr\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}
