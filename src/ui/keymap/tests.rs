use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::text::Glyphs;
use crate::ui::view::{Model, render};

/// Every command a key can give. The match makes a new [`Action`] or
/// [`KeyAction`] fail to compile here until it is added to the list.
fn all_actions() -> Vec<KeyAction> {
    let actions = [
        Action::TogglePause,
        Action::NextStep,
        Action::PrevStep,
        Action::SkipPhase,
        Action::AddTime,
        Action::RemoveTime,
        Action::Quit,
    ];
    let commands: Vec<KeyAction> = actions
        .into_iter()
        .map(KeyAction::Engine)
        .chain([
            KeyAction::Mute,
            KeyAction::Voice,
            KeyAction::Help,
            KeyAction::Figure,
            KeyAction::Suspend,
            KeyAction::Escape,
        ])
        .collect();
    for command in &commands {
        match command {
            KeyAction::Engine(
                Action::TogglePause
                | Action::NextStep
                | Action::PrevStep
                | Action::SkipPhase
                | Action::AddTime
                | Action::RemoveTime
                | Action::Quit,
            )
            | KeyAction::Mute
            | KeyAction::Voice
            | KeyAction::Help
            | KeyAction::Figure
            | KeyAction::Suspend
            | KeyAction::Escape => {}
        }
    }
    commands
}

/// The help overlay at `width`×`height`, one string per row.
fn overlay(width: u16, height: u16) -> String {
    let model = Model {
        title: "Routine",
        step: (1, 1),
        step_name: "Step",
        rep: None,
        side: None,
        phase: crate::ui::model::ScreenPhase::Hold,
        word: "HOLD".into(),
        doing: None,
        remaining_secs: 5,
        phase_ratio: 0.5,
        elapsed_secs: 5,
        total_secs: 10,
        cue: "",
        prompt: None,
        next: String::new(),
        paused: false,
        muted: false,
        help: true,
        color: false,
        glyphs: Glyphs::UNICODE,
        picture: None,
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(frame, &model)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_command_is_bound_and_listed_in_the_help_overlay() {
    let shown = overlay(80, 24);
    for command in all_actions() {
        let binding = BINDINGS
            .iter()
            .find(|b| b.action == command)
            .unwrap_or_else(|| panic!("no key for {command:?}"));
        // The overlay pads the keys to a column; compare words, not spaces.
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let row = words(&format!("│ {}  {} │", binding.label(), binding.what));
        assert!(
            shown.lines().any(|line| words(line).contains(&row)),
            "{command:?}: no row {row:?} in\n{shown}"
        );
    }
}

#[test]
fn every_key_in_the_table_gives_its_command_and_belongs_to_one_row() {
    for binding in BINDINGS {
        for &key in binding.keys {
            assert_eq!(action_for(key), Some(binding.action), "{key:?}");
            let rows = BINDINGS.iter().filter(|b| b.keys.contains(&key)).count();
            assert_eq!(rows, 1, "{key:?} is in {rows} rows");
        }
    }
    assert_eq!(action_for(Key::Char('x')), None);
    assert_eq!(action_for(Key::Up), None);
}

#[test]
fn the_keys_that_also_work_are_listed_beside_the_usual_ones() {
    let lines = help_lines();
    for (key, what) in [
        ("?  h", "show / hide this help"),
        ("+  =", "add 10 seconds"),
        ("-  _", "take off 10 seconds"),
        ("q  ^C", "quit"),
        ("^Z", "suspend"),
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(key) && l.contains(what)),
            "{key}: {lines:#?}"
        );
    }
    let widths: Vec<usize> = lines
        .iter()
        .zip(BINDINGS)
        .map(|(line, binding)| width(line) - width(binding.what))
        .collect();
    assert!(
        widths.iter().all(|&w| w == widths[0]),
        "descriptions start in one column: {lines:#?}"
    );
}

#[test]
fn the_footer_names_neighbours_with_one_word_and_says_resume_while_paused() {
    assert_eq!(
        footers(false, Glyphs::UNICODE),
        [
            "Space pause · n/p step · s skip · +/- 10s · m mute · ? help · q quit",
            "Space pause · ? help · q quit",
            "? help",
            "?",
        ]
    );
    assert_eq!(
        footers(true, Glyphs::UNICODE)[..2],
        [
            "Space resume · n/p step · s skip · +/- 10s · m mute · ? help · q quit",
            "Space resume · ? help · q quit",
        ]
    );
}
