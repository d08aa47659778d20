use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;

fn view(counted: bool) -> EndView<'static> {
    EndView {
        title: "Wall thoracic flexion",
        active: if counted {
            Duration::from_secs(112)
        } else {
            Duration::from_secs(1)
        },
        today: if counted { 2 } else { 1 },
        streak: 5,
        total: Duration::from_secs(112),
        skipped: if counted { 0 } else { 3 },
        counted,
        color: false,
        glyphs: Glyphs::UNICODE,
        weeks: [[None; 7]; END_WEEKS],
        ratings: crate::ui::RatingsNote::default(),
        question: Question::None,
        program: None,
    }
}

fn terminal(end: &EndView, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render_end(frame, end)).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_counted_run_shows_its_name_time_today_and_streak() {
    let t = terminal(&view(true), 80, 24);
    assert_eq!(
        text(&t),
        "Wall thoracic flexion\nDONE\n1:52 active\nToday: 2 runs · streak: 5 days\nany key to leave"
    );
    insta::assert_snapshot!("end_counted_80x24", t.backend());
}

#[test]
fn a_run_that_skipped_to_the_end_says_why_it_does_not_count() {
    let t = terminal(&view(false), 80, 24);
    let shown = text(&t);
    for expected in [
        "NOT COUNTED AS DONE",
        "0:01 active of 1:52, 3 steps skipped",
        "active for 80 % of its time",
        "Today: 1 run · streak: 5 days",
    ] {
        assert!(shown.contains(expected), "{expected:?} in\n{shown}");
    }
    insta::assert_snapshot!("end_not_counted_80x24", t.backend());
}

#[test]
fn the_end_screen_draws_at_any_size_without_panicking() {
    for (w, h) in [(1, 1), (2, 2), (3, 1), (20, 4), (30, 8), (200, 60)] {
        for counted in [true, false] {
            terminal(&view(counted), w, h);
        }
    }
}

/// Eight weeks of practice, ending on a Wednesday with one run today.
fn weeks() -> [Week; END_WEEKS] {
    let mut weeks = [[Some(1); 7]; END_WEEKS];
    weeks[0] = [
        Some(0),
        Some(2),
        Some(3),
        Some(0),
        Some(1),
        Some(0),
        Some(0),
    ];
    weeks[END_WEEKS - 1] = [Some(2), Some(0), Some(1), None, None, None, None];
    weeks
}

#[test]
fn the_last_weeks_of_the_calendar_show_when_there_is_room() {
    let mut end = view(true);
    end.weeks = weeks();
    let t = terminal(&end, 80, 24);
    let shown = text(&t);
    assert!(shown.contains("Mo · ░ ░ ░ ░ ░ ░ ▒"), "{shown}");
    assert!(shown.contains("We █ ░ ░ ░ ░ ░ ░ ░◂"), "{shown}");
    insta::assert_snapshot!("end_calendar_80x24", t.backend());
    // Narrow: fewer weeks, the newest.
    let shown = text(&terminal(&end, 12, 24));
    assert!(shown.contains("We ░ ░ ░◂"), "{shown}");
    // Short: no calendar, and the rest as before.
    let shown = text(&terminal(&end, 80, 12));
    assert!(!shown.contains("Mo "), "{shown}");
    assert!(shown.contains("streak: 5 days"), "{shown}");
}

#[test]
fn in_ascii_the_end_screen_shades_days_as_history_does_and_marks_today_with_a_less_than() {
    let mut end = view(true);
    end.weeks = weeks();
    end.glyphs = Glyphs::ASCII;
    let t = terminal(&end, 80, 24);
    let shown = text(&t);
    assert!(shown.is_ascii(), "{shown}");
    assert!(shown.contains("Today: 2 runs | streak: 5 days"), "{shown}");
    assert!(shown.contains("Mo . - - - - - - +"), "{shown}");
    assert!(shown.contains("We # - - - - - - -<"), "{shown}");
    insta::assert_snapshot!("end_calendar_ascii_80x24", t.backend());
    // Cut short, a title ends in three dots.
    end.title = "A routine whose title goes on and on";
    let shown = text(&terminal(&end, 20, 24));
    assert!(shown.starts_with("A routine whose..."), "{shown}");
}

#[test]
fn the_check_in_asks_under_the_facts_then_shows_the_answer_in_the_ratings_line() {
    let mut end = view(true);
    end.ratings = crate::ui::RatingsNote {
        today: (0, 0),
        week: (10, 3),
        four_weeks_ago: (51, 10),
    };
    end.question = Question::Open;
    let t = terminal(&end, 80, 24);
    assert_eq!(
        text(&t),
        "Wall thoracic flexion\nDONE\n1:52 active\nToday: 2 runs · streak: 5 days\n\
         Upper back: 3.3 this week · 5.1 four weeks ago\n\
         Upper back now: 0 easy … 10 stiff or sore\n\
         0-9, t for 10 · Enter to skip"
    );
    end.question = Question::Answered(2);
    assert_eq!(
        text(&terminal(&end, 80, 24)),
        "Wall thoracic flexion\nDONE\n1:52 active\nToday: 2 runs · streak: 5 days\n\
         Upper back: 2 today · 3 this week · 5.1 four weeks ago\n\
         any key to leave"
    );
    // Narrow and short, it still draws, cut to fit.
    for (w, h) in [(20, 8), (1, 1), (5, 30)] {
        terminal(&end, w, h);
    }
}

#[test]
fn the_question_before_the_get_ready_fits_any_size() {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| render_before(f, "Wall thoracic flexion", false, Glyphs::ASCII))
        .unwrap();
    assert_eq!(
        text(&t),
        "Wall thoracic flexion\nUpper back now: 0 easy ... 10 stiff or sore\n0-9, t for 10 | Enter to skip"
    );
    for (w, h) in [(10, 3), (1, 1), (0, 0)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render_before(f, "Wall", false, Glyphs::UNICODE))
            .unwrap();
    }
}

#[test]
fn a_stage_of_a_program_says_what_comes_next_as_the_answer_makes_it() {
    let note = crate::ui::ProgramNote {
        by_answer: (0..12)
            .map(|i| {
                Some(if i >= 8 {
                    "Staying on stage 1".to_string()
                } else {
                    "Stage 1 done. Next time: Stage 2 · Own it".to_string()
                })
            })
            .collect(),
    };
    let mut end = EndView {
        program: Some(&note),
        question: Question::Open,
        ..view(true)
    };
    let shown = text(&terminal(&end, 80, 24));
    assert!(
        shown.contains("Today: 2 runs · streak: 5 days\nStage 1 done. Next time: Stage 2 · Own it\nUpper back now"),
        "{shown}"
    );
    // Answered 7 (the eighth entry): the words for that answer.
    end.question = Question::Answered(7);
    let shown = text(&terminal(&end, 80, 24));
    assert!(shown.contains("Staying on stage 1"), "{shown}");
    assert!(!shown.contains("Next time"), "{shown}");
}
