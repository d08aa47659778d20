//! due, remind and cron: is a routine due, tell the desktop, and the crontab
//! lines that ask every day.
//!
//! Everything here takes its inputs (records, `now`, environment values) as
//! arguments, except the functions that read the process environment and
//! talk to D-Bus: [`ask`] (a reminder with Start and Snooze, and its
//! answer), [`notify`] (its plain form, for macOS) and
//! [`manager_environment`] (the desktop's variables, for Start). Which
//! terminal Start opens is chosen by [`choose_terminal`], which is pure.

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
