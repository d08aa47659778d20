//! The cron backend: the user's crontab through `crontab -l` and
//! `crontab -`, mobility's lines in their own block.

use std::ffi::OsStr;

use super::{ToolError, run_tool};
use crate::remind::schedule::Entry;
use crate::remind::schedule::crontab::Table;
use crate::remind::{Invocation, cron_lines};

/// The table `crontab -l` prints; no crontab yet is the empty table.
fn read() -> Result<Vec<u8>, String> {
    match run_tool("crontab", &[OsStr::new("-l")], None) {
        Ok(table) => Ok(table),
        // cronie, vixie cron and busybox all say "no crontab for USER".
        Err(ToolError::Failed(said)) if said.contains("no crontab for") => Ok(Vec::new()),
        Err(ToolError::Failed(said)) => Err(format!("`crontab -l` failed: {said}")),
        Err(ToolError::Missing) => Err(
            "`crontab` is not on PATH\n  hint: install cron (for instance `apt-get install cron`), or choose `--backend systemd`".to_owned(),
        ),
    }
}

/// Installs `table` with `crontab -`, which replaces the crontab whole or
/// not at all: on failure the old one is still there. An empty table is
/// no crontab at all (`crontab -r`), as it was before the first `add`.
fn write(table: &[u8]) -> Result<(), String> {
    if table.is_empty() {
        return run_tool("crontab", &[OsStr::new("-r")], None)
            .map(drop)
            .map_err(|e| match e {
                ToolError::Failed(said) => format!("`crontab -r` failed: {said}"),
                ToolError::Missing => "`crontab` is not on PATH".to_owned(),
            });
    }
    run_tool("crontab", &[OsStr::new("-")], Some(table))
        .map(drop)
        .map_err(|e| match e {
            ToolError::Failed(said) => {
                format!("`crontab -` failed, and your crontab was left as it was: {said}")
            }
            ToolError::Missing => "`crontab` is not on PATH".to_owned(),
        })
}

/// Puts the routine's lines into the crontab, replacing its old ones;
/// returns the table as installed.
pub(super) fn add(invocation: &Invocation, entry: &Entry) -> Result<Table, String> {
    let lines = cron_lines(invocation, &entry.routine, &entry.at, &entry.days)
        .map_err(|e| e.to_string())?;
    let before = read()?;
    let mut table = Table::parse(&before)?;
    table.add(&entry.routine, &lines);
    let after = table.render();
    if after != before {
        write(&after)?;
    }
    Ok(table)
}

/// Takes out one routine's lines, or all of mobility's; returns the
/// routines removed.
pub(super) fn remove(only: Option<&str>) -> Result<Vec<String>, String> {
    let before = read()?;
    let mut table = Table::parse(&before)?;
    let removed = match only {
        Some(routine) => {
            if table.remove(routine) {
                vec![routine.to_owned()]
            } else {
                vec![]
            }
        }
        None => table.remove_all(),
    };
    if !removed.is_empty() {
        write(&table.render())?;
    }
    Ok(removed)
}

/// The reminders in the crontab.
pub(super) fn entries() -> Result<Vec<Entry>, String> {
    Ok(Table::parse(&read()?)?.entries())
}
