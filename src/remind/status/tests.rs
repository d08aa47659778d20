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
