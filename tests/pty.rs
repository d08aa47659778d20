//! Runs `mobility` in a pseudo-terminal and keeps a vt100 picture of what
//! a person would see, so tests can wait for text and read the terminal's
//! state after the program has gone.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long anything that should take about a second may take on a loaded
/// machine.
pub const DEADLINE: Duration = Duration::from_secs(10);

const POLL: Duration = Duration::from_millis(20);

/// What the reader thread has seen: the terminal as drawn and every byte.
struct Seen {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

/// A running `mobility` on the slave side of a pty.
pub struct Pty {
    /// `None` once the terminal has been hung up.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    seen: Arc<Mutex<Seen>>,
    reader: Option<JoinHandle<()>>,
    /// Tells the reader thread to let go of its end of the terminal.
    hanging_up: Arc<std::sync::atomic::AtomicBool>,
    /// The pty's local mode flags before the program touched them.
    pub lflags_before: u64,
}

/// How the program left the terminal.
#[derive(Debug)]
pub struct Ended {
    pub code: u32,
    /// The main screen's text after the program left.
    pub contents: String,
    pub alternate_screen: bool,
    pub hide_cursor: bool,
    pub raw: Vec<u8>,
    /// The pty's local mode flags after the program left.
    pub lflags: u64,
}

impl Pty {
    /// `program ARGS...` in `cwd` on a `cols` × `rows` terminal, with
    /// exactly the environment `vars`. Tests start it with
    /// [`TestEnv::pty`](crate::common::TestEnv::pty).
    #[track_caller]
    pub fn spawn(
        program: &str,
        args: &[&str],
        cwd: &Path,
        vars: &[(OsString, OsString)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty opens");
        let lflags_before = lflags(&*pair.master);

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_clear();
        for (key, value) in vars {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).expect("mobility starts");
        // Only the child may hold the slave, so reads end when it exits.
        drop(pair.slave);

        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
        }));
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let sink = Arc::clone(&seen);
        let hanging_up = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&hanging_up);
        // Drains the pty all the time, so the program never blocks on a
        // full buffer.
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut seen = sink.lock().unwrap();
                        seen.parser.process(&buf[..n]);
                        seen.raw.extend_from_slice(&buf[..n]);
                    }
                }
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("a pty writer");
        Pty {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            seen,
            reader: Some(reader),
            hanging_up,
            lflags_before,
        }
    }

    /// Types `bytes` as if at the keyboard.
    #[track_caller]
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes).expect("writes to the pty");
        writer.flush().expect("flushes the pty");
    }

    /// Looks at the screen as drawn so far.
    pub fn screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(self.seen.lock().unwrap().parser.screen())
    }

    /// The screen's text.
    pub fn contents(&self) -> String {
        self.screen(vt100::Screen::contents)
    }

    /// How many times the program has cleared the whole screen so far.
    pub fn clears(&self) -> usize {
        let seen = self.seen.lock().unwrap();
        seen.raw.windows(4).filter(|w| w == b"\x1b[2J").count()
    }

    /// How many bytes the program has written so far: a mark for
    /// [`Pty::bells_since`].
    pub fn mark(&self) -> usize {
        self.seen.lock().unwrap().raw.len()
    }

    /// How many times the program has rung the bell since `mark`.
    pub fn bells_since(&self, mark: usize) -> usize {
        let seen = self.seen.lock().unwrap();
        seen.raw[mark..].iter().filter(|&&b| b == 0x07).count()
    }

    /// The pty's local mode flags as they are now.
    pub fn lflags(&self) -> u64 {
        lflags(&**self.master.as_ref().expect("the terminal is open"))
    }

    /// Waits until `ready` holds for the screen, and returns its text then.
    #[track_caller]
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) -> String {
        let mut text = String::new();
        self.wait_until(what, || {
            self.screen(|s| ready(s).then(|| text = s.contents()))
                .is_some()
        });
        text
    }

    /// Polls `done` until it holds, or fails the test after [`DEADLINE`].
    #[track_caller]
    pub fn wait_until(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if done() {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "waited {DEADLINE:?} for {what}; the screen shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows every one of `texts`.
    #[track_caller]
    pub fn wait_for_text(&self, texts: &[&str]) -> String {
        self.wait_for(&format!("{texts:?}"), |s| {
            let contents = s.contents();
            texts.iter().all(|t| contents.contains(t))
        })
    }

    /// Resizes the terminal the program draws on, as a window manager would.
    #[track_caller]
    pub fn resize(&self, cols: u16, rows: u16) {
        self.seen
            .lock()
            .unwrap()
            .parser
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(size(cols, rows))
            .expect("the pty resizes");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Sends `signal` (such as `TERM`) to the program with kill(1).
    #[track_caller]
    pub fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// Closes the terminal under the program, as closing its window does,
    /// and returns its exit code.
    #[track_caller]
    pub fn hang_up(mut self) -> u32 {
        let start = Instant::now();
        self.writer = None;
        self.master = None;
        // The reader holds a copy of the master; it lets go after the next
        // output (a running timer redraws every second), and only then is
        // the terminal really closed.
        self.hanging_up
            .store(true, std::sync::atomic::Ordering::SeqCst);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait works") {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "mobility kept running after its terminal closed"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().expect("try_wait works").is_none()
    }

    /// Waits for the program to exit, and for the last of its output.
    #[track_caller]
    pub fn finish(mut self) -> Ended {
        let deadline = Instant::now() + DEADLINE;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait works") {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "mobility did not exit within {DEADLINE:?}; the screen shows:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(POLL);
        };
        let reader = self.reader.take().expect("the reader runs");
        while !reader.is_finished() {
            assert!(
                Instant::now() < deadline,
                "the pty stayed open after mobility exited"
            );
            std::thread::sleep(POLL);
        }
        reader.join().expect("the reader thread ends cleanly");
        let lflags = self.lflags();
        let seen = self.seen.lock().unwrap();
        let screen = seen.parser.screen();
        Ended {
            code: status.exit_code(),
            contents: screen.contents(),
            alternate_screen: screen.alternate_screen(),
            hide_cursor: screen.hide_cursor(),
            raw: seen.raw.clone(),
            lflags,
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave a timer running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Ended {
    /// Asserts that the terminal is as the program found it: main screen,
    /// cursor shown, the alternate screen left after it was entered, and
    /// the line discipline's modes as they were before.
    #[track_caller]
    pub fn assert_terminal_restored(&self, lflags_before: u64) {
        assert!(
            !self.alternate_screen,
            "still on the alternate screen:\n{}",
            self.contents
        );
        assert!(!self.hide_cursor, "the cursor is still hidden");
        let enter = find(&self.raw, b"\x1b[?1049h").expect("the alternate screen was entered");
        let leave = find(&self.raw[enter..], b"\x1b[?1049l");
        assert!(
            leave.is_some(),
            "no leave-alternate-screen sequence after the enter one"
        );
        assert_eq!(
            self.lflags, lflags_before,
            "the pty's local modes (canonical, echo, signals) were not put back"
        );
        #[cfg(target_os = "linux")]
        assert_eq!(
            self.lflags & (ICANON | ECHO),
            ICANON | ECHO,
            "the pty is not back in canonical mode with echo"
        );
    }
}

/// `c_lflag` bits from Linux's `<termios.h>`; portable-pty hands back
/// nix's termios, whose flag type this crate cannot name.
#[cfg(target_os = "linux")]
pub const ICANON: u64 = 0o000002;
#[cfg(target_os = "linux")]
pub const ECHO: u64 = 0o000010;

// tcflag_t is u32 on Linux and u64 on macOS, where the conversion is a no-op.
#[allow(clippy::useless_conversion)]
fn lflags(master: &dyn MasterPty) -> u64 {
    let termios = master.get_termios().expect("the pty's termios can be read");
    u64::from(termios.local_flags.bits())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal is at least 1×1")
}

/// The remaining time in the phase gauge's "m:ss left" label, in seconds.
pub fn time_left(screen: &vt100::Screen) -> Option<u64> {
    let contents = screen.contents();
    let line = contents.lines().find(|l| l.contains(" left"))?;
    let before = &line[..line.find(" left")?];
    let clock: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let (m, s) = clock.split_once(':')?;
    Some(m.parse::<u64>().ok()? * 60 + s.parse::<u64>().ok()?)
}
