//! `history --calendar`: completed runs as a grid, a column a week (Monday
//! at the top) and a row a weekday, in four shades, with the month on top
//! and the streak underneath. A pure render: records, now and a [`Look`]
//! in, text out.

use jiff::ZonedDateTime;
use jiff::civil::Date;

use super::{Record, summarize};
use crate::text::{Glyphs, WEEKDAYS, Week, plural};

/// How many weeks the calendar shows unless told.
pub const WEEKS: usize = 26;

/// The most weeks it shows: a year.
pub const MAX_WEEKS: usize = 53;

/// How the calendar is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Weeks wanted, 1 to [`MAX_WEEKS`]; fewer are shown if they don't fit.
    pub weeks: usize,
    /// The columns to fit in; no line is longer.
    pub width: usize,
    /// Plain ASCII shades (`.-+#`) for a dumb terminal or an ASCII locale.
    pub ascii: bool,
    /// Shades in green too, not only in characters.
    pub color: bool,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The shade of each day in the `weeks` weeks up to and including this
/// one, oldest first, counting the completed runs among `records` by the
/// local date they started on in the time zone of `now`.
pub fn levels(records: &[&Record], now: &ZonedDateTime, weeks: usize) -> Vec<Week> {
    let weeks = weeks.clamp(1, MAX_WEEKS);
    let today = now.date();
    let first = first_monday(today, weeks);
    let mut counts = vec![0usize; weeks * 7];
    for r in records.iter().filter(|r| r.completed) {
        let day = r.started_at.in_zone(now.time_zone()).date();
        if let Some(i) = index(first, day).filter(|&i| i < counts.len()) {
            counts[i] += 1;
        }
    }
    let upto = index(first, today).unwrap_or(0);
    (0..weeks)
        .map(|w| {
            std::array::from_fn(|d| {
                let i = w * 7 + d;
                (i <= upto).then(|| counts[i].min(3) as u8)
            })
        })
        .collect()
}

/// The Monday `weeks - 1` weeks before this week's.
fn first_monday(today: Date, weeks: usize) -> Date {
    let back = i64::from(today.weekday().to_monday_zero_offset()) + 7 * (weeks as i64 - 1);
    today
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(Date::MIN)
}

/// Days from `first` to `day`, when `day` is not before it.
fn index(first: Date, day: Date) -> Option<usize> {
    let days = first.until(day).ok()?.get_days();
    usize::try_from(days).ok()
}

/// The calendar as lines of text, each ending in a newline and none wider
/// than `look.width` columns (colour codes aside); narrower than a week's
/// column and today's mark, one line that says so.
pub fn render(records: &[&Record], now: &ZonedDateTime, look: &Look) -> String {
    // One week's column and today's mark beside it.
    const NARROWEST: usize = 2;
    if look.width < NARROWEST {
        return format!(
            "The terminal is too narrow for the calendar: it needs {NARROWEST} columns.\n"
        );
    }
    let label = if look.width >= 7 { 3 } else { 0 };
    let fits = (look.width.saturating_sub(label) / 2).max(1);
    let weeks = look.weeks.clamp(1, MAX_WEEKS);
    let shown = weeks.min(fits);
    let grid = levels(records, now, shown);
    let first = first_monday(now.date(), shown);
    let g = Glyphs::new(!look.ascii);
    let mut out = month_line(first, shown, label);
    out.push('\n');
    for row in rows(&grid, label > 0, look.color, g) {
        out.push_str(&row);
        out.push('\n');
    }
    let sep = format!(" {} ", g.sep);
    for line in footer(records, now, shown, weeks, g, &sep) {
        // Narrow: each fact on a line of its own, rather than cut short.
        let parts: Vec<&str> = if crate::text::width(&line) > look.width {
            line.split(sep.as_str()).collect()
        } else {
            vec![&line]
        };
        for part in parts {
            out.push_str(&g.truncate(part, look.width));
            out.push('\n');
        }
    }
    out
}

/// The month labels over `shown` weeks from `first`, each at the week a
/// month's first day falls in, after `label` columns of weekday names.
fn month_line(first: Date, shown: usize, label: usize) -> String {
    let mut top = vec![' '; label + 2 * shown];
    let mut last_end = 0;
    for w in 0..shown {
        let monday = first
            .checked_add(jiff::Span::new().days(7 * w as i64))
            .unwrap_or(first);
        let sunday = monday
            .checked_add(jiff::Span::new().days(6))
            .unwrap_or(monday);
        let starts = w == 0 || sunday.day() <= 7;
        if !starts {
            continue;
        }
        let month = if sunday.day() <= 7 {
            sunday.month()
        } else {
            monday.month()
        };
        let at = label + 2 * w;
        let name = MONTHS[(month - 1) as usize];
        if at + name.len() > top.len() {
            continue;
        }
        if w > 0 && at < last_end + 1 {
            // Too close to the label before: the newer month wins over the
            // first column's partial one.
            if last_end == label + 3 {
                top[label..label + 3].fill(' ');
            } else {
                continue;
            }
        }
        for (i, c) in name.chars().enumerate() {
            top[at + i] = c;
        }
        last_end = at + name.len();
    }
    top.iter().collect::<String>().trim_end().to_string()
}

/// A row a weekday: its name (with `names`), then each week's shade, and
/// today's mark after today.
fn rows(grid: &[Week], names: bool, color: bool, g: Glyphs) -> Vec<String> {
    let mut rows = Vec::with_capacity(WEEKDAYS.len());
    for (d, day) in WEEKDAYS.iter().enumerate() {
        let mut row = String::new();
        if names {
            row.push_str(day);
            row.push(' ');
        }
        for week in grid {
            match week[d] {
                Some(level) => {
                    let glyph = g.shades[usize::from(level)].to_string();
                    row.push_str(&crate::style::shade(color, level, &glyph));
                }
                None => row.push(' '),
            }
            row.push(' ');
        }
        let today = grid
            .last()
            .is_some_and(|w| w[d].is_some() && (d == 6 || w[d + 1].is_none()));
        let mut row = row.trim_end().to_string();
        if today {
            row.push(g.today);
        }
        rows.push(row);
    }
    rows
}

/// The legend, the streak's facts joined by `sep`, and how many of the
/// weeks asked for are shown when not all are.
fn footer(
    records: &[&Record],
    now: &ZonedDateTime,
    shown: usize,
    weeks: usize,
    g: Glyphs,
    sep: &str,
) -> Vec<String> {
    let summary = summarize(records.iter().copied(), now);
    let legend = format!(
        "less {} more   {} today",
        g.shades
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        g.today
    );
    let days = |n: usize| plural(n as u64, "day");
    let facts = format!(
        "Streak: {}{sep}longest {}{sep}{} this week",
        days(summary.current_streak),
        days(summary.longest_streak),
        plural(summary.runs_this_week as u64, "run"),
    );
    let mut footer = vec![legend, facts];
    if shown < weeks {
        footer.push(format!("{shown} of {weeks} weeks shown"));
    }
    footer
}

#[cfg(test)]
mod tests;
