use super::*;

/// The figure at the size it has at 80×24: eight rows.
const ROWS: u16 = 8;

fn picture(figure: Figure, pose: f64, mirrored: bool) -> Vec<String> {
    let what = Picture {
        figure,
        pose,
        mirrored,
    };
    lines(what, columns_for(figure, ROWS), ROWS)
}

/// Framed, so that the snapshot shows the figure's own columns.
fn framed(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("|{l}|"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_wall_and_chair_figures_match_their_snapshots() {
    for figure in [Figure::Wall, Figure::Chair] {
        for (pose, name) in [(0.0, "upright"), (0.5, "half"), (1.0, "rounded")] {
            insta::assert_snapshot!(
                format!("{}_{name}", figure.name()),
                framed(&picture(figure, pose, false))
            );
        }
    }
    insta::assert_snapshot!(
        "wall_rounded_mirrored",
        framed(&picture(Figure::Wall, 1.0, true))
    );
}

#[test]
fn rounding_changes_the_top_of_the_picture_and_never_the_legs() {
    for figure in [Figure::Wall, Figure::Chair] {
        let up = picture(figure, 0.0, false);
        let down = picture(figure, 1.0, false);
        // The bottom three rows: the legs and the support, below the hands.
        let legs = ROWS as usize - 3;
        assert_eq!(up[legs..], down[legs..], "{figure:?}");
        assert_ne!(up[..legs], down[..legs], "{figure:?}");
    }
}

#[test]
fn mirrored_the_support_is_on_the_right() {
    for figure in [Figure::Wall, Figure::Chair] {
        let plain = picture(figure, 0.0, false);
        let mirrored = picture(figure, 0.0, true);
        // The support's vertical line: the first drawn column, or the last.
        let first = |rows: &[String]| {
            rows.iter()
                .filter_map(|r| r.chars().position(|c| c != ' '))
                .min()
        };
        let last = |rows: &[String]| {
            rows.iter()
                .filter_map(|r| {
                    r.chars()
                        .collect::<Vec<_>>()
                        .iter()
                        .rposition(|&c| c != ' ')
                })
                .max()
        };
        let cols = plain[0].chars().count();
        assert!(first(&plain).unwrap() <= 1, "{}", framed(&plain));
        assert!(
            last(&mirrored).unwrap() >= cols - 2,
            "{}",
            framed(&mirrored)
        );
    }
}

#[test]
fn the_figure_is_braille_only_and_fits_any_size() {
    for (cols, rows) in [(0, 0), (1, 1), (2, 2), (3, 40), (200, 3)] {
        let what = Picture {
            figure: Figure::Chair,
            pose: 0.7,
            mirrored: false,
        };
        let shown = lines(what, cols, rows);
        assert_eq!(shown.len(), rows as usize);
        assert!(
            shown
                .iter()
                .flat_map(|l| l.chars())
                .all(|c| c == ' ' || ('\u{2800}'..='\u{28FF}').contains(&c))
        );
    }
}
