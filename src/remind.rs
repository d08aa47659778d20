//! due, remind and cron.
