//! due, remind, cron, schedule and status: is a routine due, tell the
//! desktop, the crontab lines, units and plists that ask every day, and
//! the line for a status bar.
//!
//! Everything here takes its inputs (records, `now`, environment values) as
//! arguments, except [`notify`], the one function that reads the process
//! environment and talks to D-Bus.

mod cron;
mod due;
mod notify;
pub mod schedule;
mod status;

pub use cron::{
    CRON_COMMENT, CronError, Days, Invocation, cron_lines, parse_cron_line, parse_days,
    parse_times, shell_word,
};
pub use due::{Status, Window, ago, check, due_line};
pub use notify::{BusChoice, BusEnv, choose_bus, notify};
pub use status::status_line;
