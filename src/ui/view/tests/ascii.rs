//! The run screen in ASCII, for a terminal without a UTF-8 locale (a
//! terminal that cron opened, in the POSIX locale): every cell one byte,
//! and nothing drawn in a glyph that such a terminal shows as a box.

use super::*;

const ASCII: Flags = Flags {
    muted: false,
    help: false,
    color: false,
    figure: false,
    glyphs: Glyphs::ASCII,
};

/// Each screen of [`moment`], drawn in ASCII.
fn ascii_moment(state: &str, width: u16, height: u16) -> Terminal<TestBackend> {
    let (engine, now, flags) = moment(state);
    let flags = Flags {
        glyphs: Glyphs::ASCII,
        ..flags
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| render(frame, &Model::from_engine(&engine, now, flags)))
        .unwrap();
    terminal
}

fn text_of(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn in_ascii_the_screens_match_their_snapshots_and_are_all_ascii() {
    for state in ["hold", "paused", "help"] {
        let terminal = ascii_moment(state, 80, 24);
        let text = text_of(&terminal);
        assert!(text.is_ascii(), "{state}:\n{text}");
        insta::assert_snapshot!(format!("ascii_{state}_80x24"), terminal.backend());
    }
}

#[test]
fn in_ascii_the_clock_is_drawn_in_hashes_and_the_facts_apart_by_bars() {
    let text = text_of(&ascii_moment("hold", 80, 24));
    // 0:03 left in the hold, in digits of `#`.
    assert!(text.contains("##### #####"), "{text}");
    assert!(text.contains("Peel off the wall | rep 1/6"), "{text}");
    assert!(text.contains("> Breathe out as you round"), "{text}");
    assert!(
        text.contains("Space pause | n/p step | s skip | +/- 10s | m mute | ? help | q quit"),
        "{text}"
    );
    let paused = text_of(&ascii_moment("paused", 80, 24));
    assert!(paused.contains("0:14 left | paused"), "{paused}");
}

#[test]
fn in_ascii_the_help_box_is_drawn_with_plus_minus_and_bars_and_names_the_arrows() {
    let text = text_of(&ascii_moment("help", 80, 24));
    assert!(text.contains("+ keys ---"), "{text}");
    assert!(text.contains("| n  Right"), "{text}");
    assert!(text.contains("| p  Left"), "{text}");
}

#[test]
fn in_ascii_a_bar_fills_whole_cells_of_hashes() {
    // 19.6 % of an 80-column bar is 15.68 cells: 16 whole ones, where
    // Unicode would draw 15 and an eighth-block.
    let rows = rows(
        &Model {
            glyphs: Glyphs::ASCII,
            phase_ratio: 0.196,
            ..model()
        },
        80,
        24,
    );
    let gauge = row_with(&rows, "0:16 left");
    let fill = gauge.chars().take_while(|&c| c == '#').count();
    assert_eq!(fill, 16, "{gauge:?}");
    assert!(gauge.is_ascii(), "{gauge:?}");
}

#[test]
fn in_ascii_muted_is_said_after_a_bar() {
    let rows = rows(
        &Model {
            glyphs: Glyphs::ASCII,
            muted: true,
            ..model()
        },
        80,
        24,
    );
    row_with(&rows, "HOLD | muted");
}

#[test]
fn in_ascii_cut_text_ends_in_three_dots() {
    let title = "A routine whose title goes on and on past the edge of any screen";
    let step_name = "A step whose name is long too";
    let cue = "Stand tall. ".repeat(200);
    let model = Model {
        title,
        step_name,
        cue: &cue,
        glyphs: Glyphs::ASCII,
        ..model()
    };
    let rows = rows(&model, 40, 24);
    assert!(
        rows[0].starts_with("A routine whose title goes o... "),
        "{rows:#?}"
    );
    assert!(rows[0].ends_with("step 1/3"), "{rows:#?}");
    let next = rows.iter().position(|r| r.contains("Next: rest")).unwrap();
    assert!(rows[next - 1].ends_with("..."), "{rows:#?}");
    assert!(rows.iter().all(|r| r.is_ascii()), "{rows:#?}");
}

proptest! {
    #[test]
    fn in_ascii_every_cell_at_any_size_and_moment_is_ascii(
        width in 1u16..=120,
        height in 1u16..=40,
        at_ms in 0u64..130_000,
        paused in any::<bool>(),
        help in any::<bool>(),
        muted in any::<bool>(),
    ) {
        let (engine, now) = wall_flexion_at(at_ms, paused);
        let flags = Flags { help, muted, color: true, ..ASCII };
        let text = screen(&engine, now, flags, width, height);
        prop_assert!(text.is_ascii(), "{}", text);
    }
}
