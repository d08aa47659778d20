//! due, remind, cron, schedule and status: is a routine due, tell the
//! desktop, the crontab lines, units and plists that ask every day, and
//! the line for a status bar.
//!
//! Everything here takes its inputs (records, `now`, environment values) as
//! arguments, except the functions that read the process environment and
//! talk to D-Bus: [`ask`] (a reminder with Start and Snooze, and its
//! answer; a plain notification on macOS) and
//! [`manager_environment`] (the desktop's variables, for Start). Which
//! terminal Start opens is chosen by [`choose_terminal`], which is pure.

mod cron;
mod invocation;
mod notify;
pub mod schedule;
mod session_env;
mod start;
mod status_line;
mod window;

pub use cron::{CRON_COMMENT, cron_lines, parse_cron_line};
pub use invocation::{Days, Invocation, cargo_target, parse_days, parse_times};
pub use notify::{Answer, BusChoice, BusEnv, Button, ask, choose_bus, close_on};
pub use schedule::ScheduleError;
pub use session_env::{
    DESKTOP_VARS, DISPLAY_VARS, display_lines, manager_environment, missing_desktop_vars,
    sets_display,
};
pub use start::{Chosen, TERMINALS, Terminal, choose_terminal, open_argv, run_command};
pub use status_line::{status_line, tail_answers};
pub use window::{DueStatus, Window, ago, check, due_line};
