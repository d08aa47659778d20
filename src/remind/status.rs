//! The one short line `mobility status` prints for a shell prompt or a
//! status bar: is the routine due, and the streak.

use super::Status;

/// `wall-flexion due · streak 4`, or `✓ wall-flexion · streak 5` once it is
/// done. A streak of zero is left out rather than shown as a reproach.
/// Without Unicode (`unicode` false: a dumb terminal or an ASCII locale)
/// the tick and the dot become words and a dash: `done wall-flexion -
/// streak 5`. `routine` must already be escaped.
pub fn status_line(routine: &str, status: &Status, streak: usize, unicode: bool) -> String {
    let (tick, dot) = if unicode {
        ("✓", "·")
    } else {
        ("done", "-")
    };
    let head = if status.due {
        format!("{routine} due")
    } else {
        format!("{tick} {routine}")
    };
    if streak == 0 {
        head
    } else {
        format!("{head} {dot} streak {streak}")
    }
}

#[cfg(test)]
mod tests;
