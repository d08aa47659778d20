//! Entering and leaving the full-screen terminal, in one place.
//!
//! Whatever ends a run (the last phase, `q`, Ctrl-C, an error, a panic, or
//! a signal from outside) leaves through [`Screen`]'s `Drop` or the panic
//! hook, and both call [`restore`]. Nothing may sit between entering and
//! arming the guard, so a failure half-way through entering still restores.

use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// The full-screen terminal, restored when dropped.
pub struct Screen {
    pub terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Screen")
    }
}

impl Screen {
    /// Raw mode, the alternate screen and a hidden cursor.
    pub fn enter() -> io::Result<Screen> {
        install_panic_hook();
        // Arm first: if any step below fails, restore() undoes the rest.
        ACTIVE.store(true, Ordering::SeqCst);
        let entered =
            enter_modes().and_then(|()| Terminal::new(CrosstermBackend::new(io::stdout())));
        match entered {
            Ok(terminal) => Ok(Screen { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Leaves the full screen for a suspend (Ctrl-Z); [`Screen::resume`]
    /// comes back and forces a full redraw.
    pub fn suspend(&mut self) {
        restore();
    }

    pub fn resume(&mut self) -> io::Result<()> {
        ACTIVE.store(true, Ordering::SeqCst);
        enter_modes()?;
        // A new terminal has empty buffers, so the next draw repaints every
        // cell. (`Terminal::clear` would ask the terminal for the cursor
        // position, which races the keyboard thread for the reply.)
        execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
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
pub fn restore() {
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
