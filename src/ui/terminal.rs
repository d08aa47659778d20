//! Entering and leaving the full-screen terminal, in one place.
//!
//! Whatever ends a run (the last phase, `q`, Ctrl-C, an error, a panic, or
//! a signal from outside) leaves through [`Screen`]'s `Drop` or the panic
//! hook, and both call [`restore`]. Nothing may sit between entering and
//! arming the guard, so a failure half-way through entering still restores.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};

use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// The full-screen terminal, restored when dropped.
pub(super) struct Screen {
    pub(super) terminal: Terminal<CrosstermBackend<Output>>,
    gone: Arc<AtomicBool>,
}

/// Stdout that remembers a failed write instead of returning it. When the
/// terminal has gone away every write fails, and a failure returned on the
/// way out (ratatui restoring the cursor as it drops, say) would end in a
/// panic message to a stderr that is gone too. The run loop asks
/// [`Screen::gone`] instead.
#[derive(Debug, Clone)]
pub(super) struct Output {
    failed: Arc<AtomicBool>,
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        loop {
            match io::stdout().write(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    self.failed.store(true, Ordering::SeqCst);
                    return Ok(buf.len());
                }
                written => return written,
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if io::stdout().flush().is_err() {
            self.failed.store(true, Ordering::SeqCst);
        }
        Ok(())
    }
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Screen")
    }
}

impl Screen {
    /// Raw mode, the alternate screen and a hidden cursor.
    pub(super) fn enter() -> io::Result<Screen> {
        install_panic_hook();
        // Arm first: if any step below fails, restore() undoes the rest.
        ACTIVE.store(true, Ordering::SeqCst);
        let gone = Arc::new(AtomicBool::new(false));
        let output = Output {
            failed: Arc::clone(&gone),
        };
        let entered = enter_modes().and_then(|()| Terminal::new(CrosstermBackend::new(output)));
        match entered {
            Ok(terminal) => Ok(Screen { terminal, gone }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Leaves the full screen for a suspend (Ctrl-Z); [`Screen::resume`]
    /// comes back and forces a full redraw.
    pub(super) fn suspend(&mut self) {
        restore();
    }

    pub(super) fn resume(&mut self) -> io::Result<()> {
        ACTIVE.store(true, Ordering::SeqCst);
        enter_modes()?;
        // A new terminal has empty buffers, so the next draw repaints every
        // cell. (`Terminal::clear` would ask the terminal for the cursor
        // position, which races the keyboard thread for the reply.)
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        let output = Output {
            failed: Arc::clone(&self.gone),
        };
        self.terminal = Terminal::new(CrosstermBackend::new(output))?;
        Ok(())
    }

    /// Whether a write to the terminal has failed: it has gone away.
    pub(super) fn gone(&self) -> bool {
        self.gone.load(Ordering::SeqCst)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

fn enter_modes() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
}

/// Puts the terminal back as it was: cursor shown, main screen, cooked
/// mode. Safe to call more than once, and from the panic hook.
fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        // Each step is tried even if an earlier one fails: a vanished
        // terminal fails them all, and that is fine.
        let _ = execute!(out, cursor::Show, terminal::LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal before the default panic message is printed, so
/// the message lands on the main screen in cooked mode.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
