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
mod tests {
    use super::*;
    use crate::remind::Window;

    fn status(due: bool) -> Status {
        let at = "2026-11-26T09:14:00Z".parse().unwrap();
        Status {
            due,
            last_completed: Some(at),
            done_at: (!due).then_some(at),
            window: Window::Today,
        }
    }

    #[test]
    fn due_and_done_read_differently_and_carry_the_streak() {
        assert_eq!(
            status_line("wall-flexion", &status(true), 4, true),
            "wall-flexion due · streak 4"
        );
        assert_eq!(
            status_line("wall-flexion", &status(false), 5, true),
            "✓ wall-flexion · streak 5"
        );
    }

    #[test]
    fn no_streak_is_left_out() {
        assert_eq!(
            status_line("wall-flexion", &status(true), 0, true),
            "wall-flexion due"
        );
        assert_eq!(
            status_line("wall-flexion", &status(false), 0, true),
            "✓ wall-flexion"
        );
    }

    #[test]
    fn ascii_has_no_tick_or_dot() {
        assert_eq!(
            status_line("wall-flexion", &status(false), 2, false),
            "done wall-flexion - streak 2"
        );
        assert_eq!(
            status_line("wall-flexion", &status(true), 2, false),
            "wall-flexion due - streak 2"
        );
    }
}
