use super::*;
use crate::remind::Window;

fn status(due: bool) -> DueStatus {
    let at = "2026-11-26T09:14:00Z".parse().unwrap();
    DueStatus {
        due,
        last_completed: Some(at),
        done_at: (!due).then_some(at),
        window: Window::Today,
    }
}

#[test]
fn due_and_done_read_differently_and_carry_the_streak() {
    assert_eq!(
        status_line("wall-flexion", None, &status(true), 4, Glyphs::UNICODE),
        "wall-flexion due · streak 4"
    );
    assert_eq!(
        status_line("wall-flexion", None, &status(false), 5, Glyphs::UNICODE),
        "✓ wall-flexion · streak 5"
    );
}

#[test]
fn no_streak_is_left_out() {
    assert_eq!(
        status_line("wall-flexion", None, &status(true), 0, Glyphs::UNICODE),
        "wall-flexion due"
    );
    assert_eq!(
        status_line("wall-flexion", None, &status(false), 0, Glyphs::UNICODE),
        "✓ wall-flexion"
    );
}

#[test]
fn ascii_has_a_word_for_the_tick_and_the_ascii_separator() {
    assert_eq!(
        status_line("wall-flexion", None, &status(false), 2, Glyphs::ASCII),
        "done wall-flexion | streak 2"
    );
    assert_eq!(
        status_line("wall-flexion", None, &status(true), 2, Glyphs::ASCII),
        "wall-flexion due | streak 2"
    );
}

mod tail {
    use jiff::Timestamp;

    use super::*;
    use crate::history::Coverage;

    fn now() -> jiff::ZonedDateTime {
        "2026-11-26T18:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
    }

    fn after(instant: &str) -> Coverage {
        Coverage::After(instant.parse().unwrap())
    }

    #[test]
    fn a_whole_history_always_answers_and_an_unknown_one_never() {
        assert!(tail_answers(Coverage::Whole, &status(true), 0, &now()));
        assert!(!tail_answers(Coverage::Unknown, &status(false), 0, &now()));
    }

    #[test]
    fn the_streak_and_the_day_before_it_must_lie_after_the_horizon() {
        // A 3-day streak is the 24th to today, or the 23rd to yesterday
        // when today is not done yet; the day before it ends it. So the
        // 22nd on must be whole.
        let horizon = after("2026-11-21T09:00:00Z");
        assert!(tail_answers(horizon, &status(false), 3, &now()));
        assert!(!tail_answers(horizon, &status(false), 4, &now()));
        // The horizon's own day may be missing runs: never trusted.
        assert!(!tail_answers(
            after("2026-11-22T00:00:01Z"),
            &status(false),
            3,
            &now()
        ));
        // A streak too long to count back is worked out from everything.
        assert!(!tail_answers(horizon, &status(false), usize::MAX, &now()));
    }

    #[test]
    fn the_window_must_lie_after_the_horizon() {
        let mut within = status(true);
        within.window = Window::Within(std::time::Duration::from_secs(48 * 3600));
        // 48 h before now is the 24th at 18:00.
        assert!(tail_answers(
            after("2026-11-24T17:00:00Z"),
            &within,
            0,
            &now()
        ));
        assert!(!tail_answers(
            after("2026-11-24T19:00:00Z"),
            &within,
            0,
            &now()
        ));
        // A run that started at the horizon itself may be missing.
        assert!(!tail_answers(
            after("2026-11-24T18:00:00Z"),
            &within,
            0,
            &now()
        ));
        // Today: the horizon must be before today.
        assert!(!tail_answers(
            after("2026-11-26T01:00:00Z"),
            &status(true),
            0,
            &now()
        ));
    }

    #[test]
    fn a_routine_with_no_completed_run_in_the_tail_needs_the_whole_history() {
        let mut never = status(true);
        never.last_completed = None;
        assert!(!tail_answers(
            after("2026-11-01T00:00:00Z"),
            &never,
            0,
            &now()
        ));
    }
}
