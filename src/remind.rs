//! due, remind and cron: is a routine due, tell the desktop, and the crontab
//! lines that ask every day.
//!
//! Everything here takes its inputs (records, `now`, environment values) as
//! arguments, except [`notify`], the one function that reads the process
//! environment and talks to D-Bus.

mod cron;
mod due;
mod notify;
mod session_env;
mod terminal;

pub use cron::{CronError, Days, cron_lines, parse_days, parse_times, shell_word};
pub use due::{Status, Window, ago, check, due_line};
pub use notify::{Answer, BusChoice, BusEnv, Button, ask, choose_bus, notify};
pub use session_env::{DESKTOP_VARS, manager_environment, missing_desktop_vars};
pub use terminal::{Chosen, TERMINALS, Terminal, choose_terminal, open_argv, run_command};
