//! due, remind, cron and status: is a routine due, tell the desktop, the
//! crontab lines that ask every day, and the line for a status bar.
//!
//! Everything here takes its inputs (records, `now`, environment values) as
//! arguments, except [`notify`], the one function that reads the process
//! environment and talks to D-Bus.

mod cron;
mod due;
mod notify;
mod status;

pub use cron::{CronError, Days, cron_lines, parse_days, parse_times, shell_word};
pub use due::{Status, Window, ago, check, due_line};
pub use notify::{BusChoice, BusEnv, choose_bus, notify};
pub use status::status_line;
