//! mobility's block in a crontab: found, edited and read back, with every
//! byte outside it kept as it was.
//!
//! The block is a `# BEGIN mobility` line, one group per routine (the
//! comment and lines [`cron_lines`](crate::remind::cron_lines) writes),
//! and a `# END mobility` line. Both markers are matched as whole lines,
//! never by their start: a user's own `# BEGIN mobility-dotfiles` block is
//! theirs, and stays outside mobility's. A new block goes at the end, so that
//! variables set above (`MAILTO`, `DBUS_SESSION_BUS_ADDRESS`) apply to it.
//! It mirrors the table's last newline: on a table that does not end with
//! one, the block is put after a newline of its own and ends without one,
//! so that removing it gives back the very same bytes.

use super::Entry;
use crate::remind::{CRON_COMMENT, Days, parse_cron_line};

/// The line that opens mobility's block.
pub const BEGIN: &str = "# BEGIN mobility (managed by `mobility schedule`; edit with it)";
/// The line that closes it.
pub const END: &str = "# END mobility";

/// A crontab split around mobility's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Everything before the block, byte for byte.
    before: Vec<u8>,
    /// Each routine's lines in the block, with the comment that opens
    /// them, in order. Lines in the block before any such comment are
    /// kept under the routine `""`.
    groups: Vec<(String, String)>,
    /// Everything after the `# END mobility` line and its newline.
    after: Vec<u8>,
    /// Whether the `# END mobility` line ends with a newline.
    end_newline: bool,
}

impl Table {
    /// Splits the output of `crontab -l`. Fails when the block is opened
    /// and never closed, or holds bytes that are not UTF-8: both mean it
    /// was edited by hand, and guessing could lose the user's lines.
    pub fn parse(table: &[u8]) -> Result<Table, String> {
        let lines = line_spans(table);
        let Some(begin) = lines
            .iter()
            .position(|&(s, e)| &table[s..e] == BEGIN.as_bytes())
        else {
            return Ok(Table {
                before: table.to_vec(),
                groups: Vec::new(),
                after: Vec::new(),
                end_newline: table.is_empty() || table.ends_with(b"\n"),
            });
        };
        let Some(end) = lines[begin..]
            .iter()
            .position(|&(s, e)| &table[s..e] == END.as_bytes())
            .map(|i| begin + i)
        else {
            return Err(format!(
                "your crontab has the line that opens mobility's block, but no `{END}` line after it\n  hint: fix it with `crontab -e`, then try again"
            ));
        };
        let inner_start = lines[begin].1 + 1;
        let inner_end = lines[end].0;
        let inner = std::str::from_utf8(&table[inner_start.min(inner_end)..inner_end])
            .map_err(|_| {
                "mobility's block in your crontab holds bytes that are not UTF-8\n  hint: fix it with `crontab -e`, then try again".to_owned()
            })?;
        let mut groups: Vec<(String, String)> = Vec::new();
        for line in inner.split_inclusive('\n') {
            let text = line.trim_end_matches('\n');
            if let Some(routine) = text.strip_prefix(CRON_COMMENT) {
                groups.push((routine.to_owned(), String::new()));
            } else if groups.is_empty() {
                groups.push((String::new(), String::new()));
            }
            if let Some(last) = groups.last_mut() {
                last.1.push_str(line);
            }
        }
        let end_of_end = lines[end].1;
        let end_newline = end_of_end < table.len();
        Ok(Table {
            before: table[..lines[begin].0].to_vec(),
            groups,
            after: table[(end_of_end + 1).min(table.len())..].to_vec(),
            end_newline,
        })
    }

    /// Puts `lines` (from `cron_lines`) in the block for `routine`: in
    /// place of its old lines, or after the others.
    pub fn add(&mut self, routine: &str, lines: &str) {
        match self.groups.iter_mut().find(|(r, _)| r == routine) {
            Some(group) => group.1 = lines.to_owned(),
            None => self.groups.push((routine.to_owned(), lines.to_owned())),
        }
    }

    /// Takes out `routine`'s lines; says whether there were any.
    pub fn remove(&mut self, routine: &str) -> bool {
        let before = self.groups.len();
        self.groups.retain(|(r, _)| r != routine);
        self.groups.len() != before
    }

    /// Takes out every routine's lines; returns the routines.
    pub fn remove_all(&mut self) -> Vec<String> {
        let routines = self.routines();
        self.groups.retain(|(r, _)| r.is_empty());
        routines
    }

    /// The routines in the block, in order.
    pub fn routines(&self) -> Vec<String> {
        self.groups
            .iter()
            .filter(|(r, _)| !r.is_empty())
            .map(|(r, _)| r.clone())
            .collect()
    }

    /// Each routine in the block with its times and days, as read back
    /// from its lines (the days of the first line that has any).
    pub fn entries(&self) -> Vec<Entry> {
        self.groups
            .iter()
            .filter(|(r, _)| !r.is_empty())
            .map(|(routine, lines)| {
                let read: Vec<_> = lines.lines().filter_map(parse_cron_line).collect();
                Entry {
                    routine: routine.clone(),
                    at: read.iter().map(|(t, _)| *t).collect(),
                    days: read.first().map_or(Days::Daily, |(_, d)| d.clone()),
                }
            })
            .collect()
    }

    /// Whether a line above the block sets one of `names` to a value
    /// (`NAME=value`, spaces and quotes allowed as cron allows them): cron
    /// gives a job the variables set above it, and mobility's block is at
    /// the end.
    pub fn sets_above(&self, names: &[&str]) -> bool {
        String::from_utf8_lossy(&self.before).lines().any(|line| {
            let line = line.trim_start();
            if line.starts_with('#') {
                return false;
            }
            let Some((name, value)) = line.split_once('=') else {
                return false;
            };
            names.contains(&unquote(name)) && !unquote(value).is_empty()
        })
    }

    /// The whole table again, for `crontab -`. With no lines left, the
    /// block and its markers are gone.
    pub fn render(&self) -> Vec<u8> {
        let mut out = self.before.clone();
        if self.groups.is_empty() {
            if !self.end_newline && out.ends_with(b"\n") {
                // The newline the block was put after.
                out.pop();
            }
        } else {
            if !self.end_newline && !out.is_empty() && !out.ends_with(b"\n") {
                out.push(b'\n');
            }
            out.extend_from_slice(BEGIN.as_bytes());
            out.push(b'\n');
            for (_, lines) in &self.groups {
                out.extend_from_slice(lines.as_bytes());
            }
            out.extend_from_slice(END.as_bytes());
            if self.end_newline {
                out.push(b'\n');
            }
        }
        out.extend_from_slice(&self.after);
        out
    }
}

/// A crontab variable's name or value without the spaces around it and
/// the quotes cron allows.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    ['"', '\''].iter().fold(s, |s, q| {
        s.strip_prefix(*q)
            .and_then(|s| s.strip_suffix(*q))
            .unwrap_or(s)
    })
}

/// Each line's start and end (the index of its newline, or the length).
fn line_spans(table: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    while start < table.len() {
        let end = table[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |i| start + i);
        spans.push((start, end));
        start = end + 1;
    }
    spans
}

#[cfg(test)]
mod tests;
