//! Which parts of the screen fit, and where each one goes. As the terminal
//! shrinks the big digits go first, then the less important lines, so the
//! phase and the time left are the last things to go.

use ratatui::layout::Rect;

/// One part of the screen, in display order, with how many rows it wants
/// and how important it is to keep (lower is dropped first).
#[derive(Debug, Clone, Copy)]
struct Part {
    kind: PartKind,
    rows: u16,
    keep: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
    Header,
    StepLine,
    Gap,
    PhaseLine,
    Digits,
    PhaseGauge,
    Cue,
    Prompt,
    Next,
    RoutineGauge,
    /// The one line of key help, on the bottom row.
    Footer,
}

/// What varies in how much room the parts want.
#[derive(Debug, Clone, Copy)]
pub(super) struct Wants {
    pub digit_rows: u16,
    pub digit_width: u16,
    pub cue_rows: u16,
    pub prompt: bool,
}

/// The parts that fit in `area`, each with the rectangle it is drawn in,
/// in display order.
pub(super) fn layout(area: Rect, wants: Wants) -> Vec<(PartKind, Rect)> {
    let part = |kind, rows, keep| Part { kind, rows, keep };
    let mut parts = vec![
        part(PartKind::Header, 1, 6),
        part(PartKind::StepLine, 1, 9),
        part(PartKind::Gap, 1, 1),
        part(PartKind::PhaseLine, 1, 10),
        part(PartKind::Prompt, 1, 7),
        part(PartKind::Digits, wants.digit_rows, 0),
        part(PartKind::Gap, 1, 1),
        part(PartKind::PhaseGauge, 1, 8),
        part(PartKind::Gap, 1, 1),
        part(PartKind::Cue, wants.cue_rows, 4),
        part(PartKind::Next, 1, 5),
        part(PartKind::RoutineGauge, 1, 3),
        part(PartKind::Footer, 1, 2),
    ];
    if !wants.prompt {
        parts.retain(|p| p.kind != PartKind::Prompt);
    }
    if wants.digit_width > area.width {
        parts.retain(|p| p.kind != PartKind::Digits);
    }
    fit(&mut parts, area.height);

    // The key help sits on the bottom row; the rest is centred in the space
    // above it when there is room to spare.
    let used: u16 = parts.iter().map(|p| p.rows).sum();
    let spare = area.height - used.min(area.height);
    let mut y = area.y + spare / 2;
    let mut placed = Vec::with_capacity(parts.len());
    for part in &parts {
        if part.kind == PartKind::Footer {
            y = area.bottom() - 1;
        }
        let rect = Rect::new(area.x, y, area.width, part.rows.min(area.bottom() - y));
        y += rect.height;
        if rect.height == 0 {
            break;
        }
        placed.push((part.kind, rect));
    }
    placed
}

/// Drops the least important parts until the rest fit in `height` rows; a
/// cue that still does not fit is cut short rather than dropped while it
/// has a row.
fn fit(parts: &mut Vec<Part>, height: u16) {
    loop {
        let wanted: u16 = parts.iter().map(|p| p.rows).sum();
        if wanted <= height {
            return;
        }
        if let Some(cue) = parts
            .iter_mut()
            .find(|p| p.kind == PartKind::Cue && p.rows > 2)
        {
            cue.rows -= (wanted - height).min(cue.rows - 2);
            continue;
        }
        let Some(least) = parts
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| p.keep)
            .map(|(i, _)| i)
        else {
            return;
        };
        parts.remove(least);
    }
}
