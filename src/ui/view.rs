//! A pure render of a run's state into a ratatui frame.
//!
//! The view reads a [`Model`], never the engine or the keyboard, so it can
//! be tested at any size with ratatui's `TestBackend`. As the terminal
//! shrinks it drops the big digits first, then the less important lines, so
//! the phase and the time left are the last things to go.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph, Wrap};

use super::model::Phase;
pub use super::model::{Flags, Model};
use crate::routine::clock;

/// The one line of key help at the bottom.
pub const KEY_HELP: &str = "Space pause · n/p step · s skip · +/- 10s · m mute · ? help · q quit";

const SHORT_KEY_HELP: &str = "Space pause · q quit · ? keys";

const HELP_TEXT: &[(&str, &str)] = &[
    ("Space", "pause / resume"),
    ("n  →", "next step"),
    ("p  ←", "previous step (or restart this one)"),
    ("s", "skip this phase"),
    ("+  -", "add / remove 10 seconds"),
    ("m", "mute / unmute"),
    ("?", "show / hide this help"),
    ("q  Esc", "quit"),
];

/// One part of the screen, in display order, with how many rows it wants
/// and how important it is to keep (lower is dropped first).
struct Part {
    kind: PartKind,
    rows: u16,
    keep: u8,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PartKind {
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
    Help,
}

/// Draws the model into the frame. Never panics, at any size.
pub fn render(frame: &mut Frame, model: &Model) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let digits = big_digits(&clock_secs(model.remaining_secs));
    let digits_width = digits.first().map_or(0, |l| l.chars().count()) as u16;
    let cue_rows = cue_height(model.cue, area.width);

    let mut parts = vec![
        Part {
            kind: PartKind::Header,
            rows: 1,
            keep: 6,
        },
        Part {
            kind: PartKind::StepLine,
            rows: 1,
            keep: 9,
        },
        Part {
            kind: PartKind::Gap,
            rows: 1,
            keep: 1,
        },
        Part {
            kind: PartKind::PhaseLine,
            rows: 1,
            keep: 10,
        },
        Part {
            kind: PartKind::Digits,
            rows: digits.len() as u16,
            keep: 0,
        },
        Part {
            kind: PartKind::Gap,
            rows: 1,
            keep: 1,
        },
        Part {
            kind: PartKind::PhaseGauge,
            rows: 1,
            keep: 8,
        },
        Part {
            kind: PartKind::Gap,
            rows: 1,
            keep: 1,
        },
        Part {
            kind: PartKind::Cue,
            rows: cue_rows,
            keep: 4,
        },
        Part {
            kind: PartKind::Prompt,
            rows: 1,
            keep: 7,
        },
        Part {
            kind: PartKind::Next,
            rows: 1,
            keep: 5,
        },
        Part {
            kind: PartKind::RoutineGauge,
            rows: 1,
            keep: 3,
        },
        Part {
            kind: PartKind::Help,
            rows: 1,
            keep: 2,
        },
    ];
    if model.prompt.is_none() {
        parts.retain(|p| p.kind != PartKind::Prompt);
    }
    if digits_width > area.width {
        parts.retain(|p| p.kind != PartKind::Digits);
    }
    // Drop the least important parts until the rest fit; a cue that still
    // does not fit is cut short rather than dropped while it has a row.
    loop {
        let wanted: u16 = parts.iter().map(|p| p.rows).sum();
        if wanted <= area.height {
            break;
        }
        if let Some(cue) = parts
            .iter_mut()
            .find(|p| p.kind == PartKind::Cue && p.rows > 2)
        {
            cue.rows -= (wanted - area.height).min(cue.rows - 2);
            continue;
        }
        let Some(least) = parts
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| p.keep)
            .map(|(i, _)| i)
        else {
            break;
        };
        parts.remove(least);
    }
    let show_digits = parts.iter().any(|p| p.kind == PartKind::Digits);

    // The key help sits on the bottom row; the rest is centred in the space
    // above it when there is room to spare.
    let used: u16 = parts.iter().map(|p| p.rows).sum();
    let spare = area.height - used.min(area.height);
    let mut y = area.y + spare / 2;
    for part in &parts {
        if part.kind == PartKind::Help {
            y = area.bottom() - 1;
        }
        let rect = Rect::new(area.x, y, area.width, part.rows.min(area.bottom() - y));
        y += rect.height;
        if rect.height == 0 {
            break;
        }
        draw_part(frame, rect, part.kind, model, &digits, show_digits);
    }
    if model.help {
        draw_help(frame, area, model.color);
    }
}

fn phase_color(phase: Phase) -> Color {
    match phase {
        Phase::GetReady => Color::Yellow,
        Phase::Hold | Phase::Done => Color::Green,
        Phase::Rest => Color::Cyan,
        Phase::SwitchSides => Color::Magenta,
    }
}

fn style(on: bool, style: Style) -> Style {
    if on { style } else { Style::default() }
}

fn draw_part(
    frame: &mut Frame,
    rect: Rect,
    kind: PartKind,
    m: &Model,
    digits: &[String],
    show_digits: bool,
) {
    let accent = style(m.color, Style::default().fg(phase_color(m.phase)));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    match kind {
        PartKind::Header => {
            let right = format!("step {}/{}", m.step.0, m.step.1);
            let title_room = (rect.width as usize).saturating_sub(right.chars().count() + 1);
            let title: String = m.title.chars().take(title_room).collect();
            let pad =
                (rect.width as usize).saturating_sub(title.chars().count() + right.chars().count());
            let line = Line::from(vec![
                Span::styled(
                    title,
                    style(m.color, Style::default().add_modifier(Modifier::DIM)),
                ),
                Span::raw(" ".repeat(pad)),
                Span::raw(right),
            ]);
            frame.render_widget(Paragraph::new(line), rect);
        }
        PartKind::StepLine => {
            let mut spans = vec![Span::styled(m.step_name.to_string(), bold)];
            let mut facts = Vec::new();
            if let Some((rep, reps)) = m.rep {
                facts.push(format!("rep {rep}/{reps}"));
            }
            if let Some(side) = m.side {
                facts.push(side.to_string());
            }
            if !facts.is_empty() {
                spans.push(Span::raw(format!(" · {}", facts.join(" · "))));
            }
            frame.render_widget(
                Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
                rect,
            );
        }
        PartKind::Gap => {}
        PartKind::PhaseLine => {
            let mut spans = Vec::new();
            if m.paused {
                let paused = Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED);
                spans.push(Span::styled(
                    " PAUSED ",
                    style(m.color, paused.fg(Color::Red)),
                ));
                spans.push(Span::raw(" "));
            }
            spans.push(Span::styled(
                m.phase.label(),
                accent.add_modifier(Modifier::BOLD),
            ));
            if !show_digits {
                spans.push(Span::styled(
                    format!(" {}", clock_secs(m.remaining_secs)),
                    bold,
                ));
            }
            if m.muted {
                spans.push(Span::raw(" · muted"));
            }
            frame.render_widget(
                Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
                rect,
            );
        }
        PartKind::Digits => {
            let dim = if m.paused {
                Modifier::DIM
            } else {
                Modifier::empty()
            };
            let lines: Vec<Line> = digits
                .iter()
                .map(|l| Line::styled(l.clone(), accent.add_modifier(dim)))
                .collect();
            frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
        }
        PartKind::PhaseGauge => {
            let label = if m.paused {
                format!("{} left · paused", clock_secs(m.remaining_secs))
            } else {
                format!("{} left", clock_secs(m.remaining_secs))
            };
            let gauge = Gauge::default()
                .ratio(m.phase_ratio.clamp(0.0, 1.0))
                .label(label)
                .use_unicode(true)
                .gauge_style(accent);
            frame.render_widget(gauge, rect);
        }
        PartKind::Cue => {
            let text = m.cue.replace('\t', "    ");
            let para = Paragraph::new(text.trim().to_string()).wrap(Wrap { trim: true });
            frame.render_widget(para, inset(rect));
        }
        PartKind::Prompt => {
            let prompt = Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED);
            let text = format!(" ▶ {} ", m.prompt.unwrap_or_default());
            let line = Line::styled(
                text,
                style(m.color, prompt.fg(Color::Yellow)).add_modifier(Modifier::BOLD),
            );
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
        PartKind::Next => {
            let line = Line::styled(
                m.next.clone(),
                style(m.color, Style::default().add_modifier(Modifier::DIM)),
            );
            frame.render_widget(Paragraph::new(line), inset(rect));
        }
        PartKind::RoutineGauge => {
            let ratio = if m.total_secs == 0 {
                1.0
            } else {
                m.elapsed_secs as f64 / m.total_secs as f64
            };
            let gauge = Gauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(format!(
                    "{} / {}",
                    clock_secs(m.elapsed_secs),
                    clock_secs(m.total_secs)
                ))
                .use_unicode(true)
                .gauge_style(style(m.color, Style::default().fg(Color::Blue)));
            frame.render_widget(gauge, rect);
        }
        PartKind::Help => {
            let help = [KEY_HELP, SHORT_KEY_HELP, "? keys"]
                .into_iter()
                .find(|h| h.chars().count() <= rect.width as usize)
                .unwrap_or("?");
            let line = Line::styled(
                help,
                style(m.color, Style::default().add_modifier(Modifier::DIM)),
            );
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
    }
}

/// One column of margin each side, when there is room for it.
fn inset(rect: Rect) -> Rect {
    if rect.width > 10 {
        Rect::new(rect.x + 1, rect.y, rect.width - 2, rect.height)
    } else {
        rect
    }
}

fn draw_help(frame: &mut Frame, area: Rect, color: bool) {
    let width = 46.min(area.width);
    let height = (HELP_TEXT.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let lines: Vec<Line> = HELP_TEXT
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {key:<7} "),
                    style(color, Style::default().add_modifier(Modifier::BOLD)),
                ),
                Span::raw(*what),
            ])
        })
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" keys ")),
        rect,
    );
}

/// How many rows the cue needs at this width, as wrapped text.
fn cue_height(cue: &str, width: u16) -> u16 {
    let width = inset(Rect::new(0, 0, width, 1)).width.max(1) as usize;
    let rows: usize = cue
        .trim()
        .lines()
        .map(|line| line.chars().count().div_ceil(width).max(1))
        .sum();
    rows.clamp(1, 12) as u16
}

fn clock_secs(secs: u64) -> String {
    clock(std::time::Duration::from_secs(secs))
}

/// The time in large block digits, five rows tall.
pub fn big_digits(text: &str) -> Vec<String> {
    const FONT: [[&str; 5]; 11] = [
        ["█████", "█   █", "█   █", "█   █", "█████"],
        ["   █ ", "  ██ ", "   █ ", "   █ ", "  ███"],
        ["█████", "    █", "█████", "█    ", "█████"],
        ["█████", "    █", " ████", "    █", "█████"],
        ["█   █", "█   █", "█████", "    █", "    █"],
        ["█████", "█    ", "█████", "    █", "█████"],
        ["█████", "█    ", "█████", "█   █", "█████"],
        ["█████", "    █", "   █ ", "  █  ", "  █  "],
        ["█████", "█   █", "█████", "█   █", "█████"],
        ["█████", "█   █", "█████", "    █", "█████"],
        ["   ", " █ ", "   ", " █ ", "   "],
    ];
    let glyphs: Vec<&[&str; 5]> = text
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(&FONT[c as usize - '0' as usize]),
            ':' => Some(&FONT[10]),
            _ => None,
        })
        .collect();
    (0..5)
        .map(|row| glyphs.iter().map(|g| g[row]).collect::<Vec<_>>().join(" "))
        .collect()
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
