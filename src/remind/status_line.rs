//! The one short line `mobility status` prints for a shell prompt or a
//! status bar: is the routine due, and the streak.

use jiff::{SignedDuration, ZonedDateTime};

use super::{DueStatus, Window};
use crate::history::Coverage;
use crate::text::Glyphs;

/// `wall-flexion due · streak 4`, or `✓ wall-flexion · streak 5` once it is
/// done. A streak of zero is left out rather than shown as a reproach.
/// With the ASCII glyphs (a dumb terminal or an ASCII locale) the tick is
/// a word and the separator theirs: `done wall-flexion | streak 5`.
/// For a program, `stage` says where you are:
/// `flexion-program due · stage 2 3/5 · streak 4`.
/// `routine` must already be escaped.
pub fn status_line(
    routine: &str,
    stage: Option<&str>,
    status: &DueStatus,
    streak: usize,
    glyphs: Glyphs,
) -> String {
    let (tick, dot) = (if glyphs.unicode { "✓" } else { "done" }, glyphs.sep);
    let mut head = if status.due {
        format!("{routine} due")
    } else {
        format!("{tick} {routine}")
    };
    if let Some(stage) = stage {
        head.push_str(&format!(" {dot} {stage}"));
    }
    if streak == 0 {
        head
    } else {
        format!("{head} {dot} streak {streak}")
    }
}

/// Whether `status` and `streak`, worked out from the runs at the end of
/// the history (see [`Coverage`]), are what the whole history would give
/// at `now`. They are when every run they depend on started after the
/// horizon: the window, the streak's days and the day before them (the
/// gap that ends it), and the latest completed run of the routine, which
/// `--json` reports and which must be in the runs read. Days are compared
/// whole: the horizon's own day may be missing runs.
pub fn tail_answers(
    coverage: Coverage,
    status: &DueStatus,
    streak: usize,
    now: &ZonedDateTime,
) -> bool {
    let horizon = match coverage {
        Coverage::Whole => return true,
        Coverage::Unknown => return false,
        Coverage::After(horizon) => horizon,
    };
    if status.last_completed.is_none() {
        return false;
    }
    let horizon_day = horizon.to_zoned_datetime(now.time_zone().clone()).date();
    let window = match status.window {
        Window::Today => horizon_day < now.date(),
        Window::Within(within) => SignedDuration::try_from(within)
            .ok()
            .and_then(|within| now.timestamp().checked_sub(within).ok())
            .is_some_and(|start| horizon < start),
    };
    let streak_days = i64::try_from(streak).unwrap_or(i64::MAX).saturating_add(1);
    let gap = now
        .date()
        .checked_sub(jiff::Span::new().days(streak_days.min(7_000_000)));
    window && gap.is_ok_and(|gap| horizon_day < gap)
}

#[cfg(test)]
mod tests;
