//! `history --trend`: the check-in over the weeks. A row a week, oldest
//! first: the average rating after a session as a bar (0 easy, 10 stiff or
//! sore), the completed sessions as a second bar, and, where runs were
//! rated before and after, the average change within a session. A pure
//! render: records, now and a [`Look`] in, text out; [`weeks`] gives the
//! numbers, for `--json`.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use super::Record;
use super::checkin::MAX_RATING;
use crate::text::Glyphs;

/// How many weeks the trend shows unless told.
pub const WEEKS: usize = 12;

/// How the trend is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Weeks, 1 to [`super::calendar::MAX_WEEKS`].
    pub weeks: usize,
    /// The columns to fit in; no line is longer.
    pub width: usize,
    /// ASCII bars (`#`) for a dumb terminal or an ASCII locale.
    pub ascii: bool,
}

/// One week's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekTrend {
    /// Its Monday.
    #[serde(serialize_with = "as_text")]
    pub week: Date,
    /// Completed runs that started in it.
    pub sessions: u32,
    /// Runs rated after, and their average rating.
    pub rated: u32,
    pub average: Option<f64>,
    /// Runs rated before and after, and the average of after minus before:
    /// below zero, the back felt easier after.
    pub rated_both: u32,
    pub change: Option<f64>,
}

/// A date as `2026-11-23`.
fn as_text<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

/// The Monday of the week `day` is in.
pub fn week_start(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(Date::MIN)
}

/// The numbers of the `n` weeks up to and including this one, oldest
/// first, from `records` by the local date they started on.
pub fn weeks(records: &[&Record], now: &ZonedDateTime, n: usize) -> Vec<WeekTrend> {
    let n = n.clamp(1, super::calendar::MAX_WEEKS);
    let this = week_start(now.date());
    let mondays: Vec<Date> = (0..n)
        .rev()
        .map(|back| {
            this.checked_sub(jiff::Span::new().weeks(back as i64))
                .unwrap_or(Date::MIN)
        })
        .collect();
    let mut sums = vec![(0u32, 0u32, 0u32, 0i32, 0u32); n];
    for record in records {
        let monday = week_start(record.started_at.in_zone(now.time_zone()).date());
        let Ok(i) = mondays.binary_search(&monday) else {
            continue;
        };
        let (sessions, rated, total, change, both) = &mut sums[i];
        *sessions += u32::from(record.completed);
        if let Some(after) = record.checkin_after {
            *rated += 1;
            *total += u32::from(after);
            if let Some(before) = record.checkin_before {
                *both += 1;
                *change += i32::from(after) - i32::from(before);
            }
        }
    }
    mondays
        .into_iter()
        .zip(sums)
        .map(|(week, (sessions, rated, total, change, both))| WeekTrend {
            week,
            sessions,
            rated,
            average: (rated > 0).then(|| tenths(f64::from(total) / f64::from(rated))),
            rated_both: both,
            change: (both > 0).then(|| tenths(f64::from(change) / f64::from(both))),
        })
        .collect()
}

/// Rounded to a tenth, as it is shown.
fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Eighths of a cell, for bars drawn left to right.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The narrowest width drawn: a week's label, a short bar and its number.
pub const NARROWEST: usize = 28;

/// The trend as lines of text, each ending in a newline and none wider
/// than `look.width` columns.
pub fn render(records: &[&Record], now: &ZonedDateTime, look: &Look) -> String {
    if look.width < NARROWEST {
        return format!(
            "The terminal is too narrow for the trend: it needs {NARROWEST} columns.\n"
        );
    }
    let g = Glyphs::new(!look.ascii);
    let data = weeks(records, now, look.weeks);
    let changes = data.iter().any(|w| w.change.is_some());
    // Label, rating bar, its number; the sessions bar and count; the
    // change; today's mark.
    const LABEL: usize = 7; // "Nov 24 "
    const NUMBER: usize = 5; // " 10.0"
    const COUNT: usize = 4; // "  12"
    const CHANGE: usize = 7; // "   -1.5"
    const MARK: usize = 2; // " ◂"
    let fixed = LABEL + NUMBER + COUNT + MARK + if changes { CHANGE } else { 0 };
    let room = look.width.saturating_sub(fixed).max(1);
    // A third for the sessions' bar (after two spaces), the rest for the
    // ratings', when there is room for both; at most 16 and 40 cells.
    let (rating_bar, sessions_bar) = match (room / 3).min(16) {
        third if third >= 5 => ((room - third).min(40), third - 2),
        _ => (room, 0),
    };
    let most = data.iter().map(|w| w.sessions).max().unwrap_or(0).max(1);
    let mut out = String::new();
    let head = format!(
        "Upper back after a session, weekly average: 0 easy {} 10 stiff or sore",
        g.more
    );
    for line in crate::text::wrap(&head, look.width) {
        out.push_str(&g.truncate(&line, look.width));
        out.push('\n');
    }
    let named = |name: &str, room: usize| if name.len() <= room { name } else { "" }.to_owned();
    let mut columns = format!(
        "{:<LABEL$}{:<rating_bar$}{:>NUMBER$}",
        "Week",
        named("Rating", rating_bar),
        "avg"
    );
    let sessions = if sessions_bar > 0 {
        sessions_bar + 2 + COUNT
    } else {
        COUNT
    };
    match sessions_bar {
        0 => {}
        _ => columns.push_str(&format!("  {:<w$}", "Sessions", w = sessions - 2)),
    }
    if changes {
        columns.push_str(&format!("{:>CHANGE$}", "change"));
    }
    out.push_str(&g.truncate(columns.trim_end(), look.width));
    out.push('\n');
    for (i, week) in data.iter().enumerate() {
        let mut row = format!(
            "{:<LABEL$}",
            format!(
                "{} {:>2}",
                MONTHS[week.week.month() as usize - 1],
                week.week.day()
            )
        );
        match week.average {
            Some(avg) => {
                row.push_str(&bar(avg / f64::from(MAX_RATING), rating_bar, g));
                row.push_str(&format!("{avg:>NUMBER$.1}"));
            }
            None => {
                row.push_str(&" ".repeat(rating_bar));
                row.push_str(&format!("{:>NUMBER$}", "-"));
            }
        }
        if sessions_bar > 0 {
            row.push_str("  ");
            let share = f64::from(week.sessions) / f64::from(most);
            row.push_str(&bar(share, sessions_bar, g));
            row.push_str(&format!("{:>COUNT$}", week.sessions));
        } else {
            row.push_str(&format!("{:>COUNT$}", week.sessions));
        }
        if changes {
            match week.change {
                Some(change) => row.push_str(&format!("{change:>+CHANGE$.1}")),
                None => row.push_str(&format!("{:>CHANGE$}", "")),
            }
        }
        let mut row = row.trim_end().to_string();
        if i + 1 == data.len() {
            row.push(' ');
            row.push(g.today);
        }
        out.push_str(&g.truncate(&row, look.width));
        out.push('\n');
    }
    for line in footer(&data, changes, g) {
        for line in crate::text::wrap(&line, look.width) {
            out.push_str(&g.truncate(&line, look.width));
            out.push('\n');
        }
    }
    out
}

/// A bar `share` (0 to 1) of `cells` long, in eighths of a cell; ASCII in
/// whole cells of `#`. Always `cells` wide.
fn bar(share: f64, cells: usize, g: Glyphs) -> String {
    let share = share.clamp(0.0, 1.0);
    let mut out = String::with_capacity(cells * 3);
    if g.unicode {
        let eighths = (share * cells as f64 * 8.0).round() as usize;
        let (full, part) = (eighths / 8, eighths % 8);
        out.extend(std::iter::repeat_n(g.block, full));
        if full < cells {
            out.push(EIGHTHS[part]);
            out.extend(std::iter::repeat_n(' ', cells - full - 1));
        }
    } else {
        let full = (share * cells as f64).round() as usize;
        out.extend(std::iter::repeat_n('#', full));
        out.extend(std::iter::repeat_n(' ', cells - full));
    }
    out
}

/// What the numbers come to, and how to read the change column.
fn footer(data: &[WeekTrend], changes: bool, g: Glyphs) -> Vec<String> {
    let rated: u32 = data.iter().map(|w| w.rated).sum();
    let sessions: u32 = data.iter().map(|w| w.sessions).sum();
    let mut lines = Vec::new();
    if rated == 0 {
        lines.push(
            "No check-ins in these weeks: answer \"Upper back now\" at the end of a run.".into(),
        );
    }
    let first = data.iter().find_map(|w| w.average);
    let last = data.iter().rev().find_map(|w| w.average);
    let mut facts = vec![
        crate::text::plural(u64::from(sessions), "session"),
        format!("{rated} rated"),
    ];
    if let (Some(first), Some(last)) = (first, last)
        && data.iter().filter(|w| w.average.is_some()).count() > 1
    {
        facts.push(format!("{first:.1} {} {last:.1}", g.arrow));
    }
    lines.push(format!(
        "{}: {}",
        crate::text::plural(u64::try_from(data.len()).unwrap_or(u64::MAX), "week"),
        facts.join(&format!(" {} ", g.sep))
    ));
    if changes {
        lines.push("change: after a session minus before it; below 0 is easier".into());
    }
    lines
}

#[cfg(test)]
mod tests;
