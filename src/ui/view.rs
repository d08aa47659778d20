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
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};

use super::model::Phase;
pub use super::model::{Flags, Model};
use crate::text::clock;
use crate::text::{more, truncate, width, wrap};

/// The one line of key help at the bottom.
pub const KEY_HELP: &str = "Space pause · n/p step · s skip · +/- 10s · m mute · ? help · q quit";

/// The key help while paused, when Space resumes.
pub const KEY_HELP_PAUSED: &str =
    "Space resume · n/p step · s skip · +/- 10s · m mute · ? help · q quit";

const SHORT_KEY_HELP: &str = "Space pause · q quit · ? keys";

const SHORT_KEY_HELP_PAUSED: &str = "Space resume · q quit · ? keys";

/// One row of the help overlay.
struct HelpRow {
    key: &'static str,
    what: &'static str,
    /// A word for screens too narrow for `what`.
    short: &'static str,
    /// How important the row is to keep when rows run out (lower goes first).
    keep: u8,
}

const HELP_ROWS: &[HelpRow] = &[
    help_row("Space", "pause / resume", "pause", 8),
    help_row("n  →", "next step", "next", 5),
    help_row("p  ←", "previous step / restart", "back", 4),
    help_row("s", "skip this phase", "skip", 3),
    help_row("+  -", "add / remove 10 seconds", "±10s", 2),
    help_row("m", "mute / unmute", "mute", 1),
    help_row("?", "show / hide this help", "help", 6),
    help_row("q  Esc", "quit", "quit", 7),
];

const fn help_row(key: &'static str, what: &'static str, short: &'static str, keep: u8) -> HelpRow {
    HelpRow {
        key,
        what,
        short,
        keep,
    }
}

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
    let digits_width = digits.first().map_or(0, |l| width(l)) as u16;
    let cue = wrap(model.cue, inset(area).width as usize);
    let cue_rows = cue.len().clamp(1, 12) as u16;

    let part = |kind, rows, keep| Part { kind, rows, keep };
    let mut parts = vec![
        part(PartKind::Header, 1, 6),
        part(PartKind::StepLine, 1, 9),
        part(PartKind::Gap, 1, 1),
        part(PartKind::PhaseLine, 1, 10),
        part(PartKind::Digits, digits.len() as u16, 0),
        part(PartKind::Gap, 1, 1),
        part(PartKind::PhaseGauge, 1, 8),
        part(PartKind::Gap, 1, 1),
        part(PartKind::Cue, cue_rows, 4),
        part(PartKind::Prompt, 1, 7),
        part(PartKind::Next, 1, 5),
        part(PartKind::RoutineGauge, 1, 3),
        part(PartKind::Help, 1, 2),
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
    let shown = Shown {
        digits: &digits,
        show_digits: parts.iter().any(|p| p.kind == PartKind::Digits),
        cue: &cue,
    };

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
        draw_part(frame, rect, part.kind, model, &shown);
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

/// What `render` worked out once for the whole screen.
struct Shown<'a> {
    digits: &'a [String],
    show_digits: bool,
    /// The cue, wrapped to the width it is drawn at.
    cue: &'a [String],
}

fn draw_part(frame: &mut Frame, rect: Rect, kind: PartKind, m: &Model, shown: &Shown) {
    let accent = style(m.color, Style::default().fg(phase_color(m.phase)));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let room = rect.width as usize;
    match kind {
        PartKind::Header => {
            let mut right = format!("step {}/{}", m.step.0, m.step.1);
            if width(&right) > room {
                right = format!("{}/{}", m.step.0, m.step.1);
            }
            let mut title = truncate(m.title, room.saturating_sub(width(&right) + 1));
            if title == "…" {
                title.clear();
            }
            let pad = room.saturating_sub(width(&title) + width(&right));
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
            let mut facts = Vec::new();
            if let Some((rep, reps)) = m.rep {
                facts.push(format!("rep {rep}/{reps}"));
            }
            if let Some(side) = m.side {
                facts.push(side.to_string());
            }
            let facts = facts.join(" · ");
            let tail = format!(" · {facts}");
            // The name gives way to the rep and side, which change as you go.
            let spans = if facts.is_empty() {
                vec![Span::styled(truncate(m.step_name, room), bold)]
            } else if width(&tail) + width(m.step_name).min(2) <= room {
                let name = truncate(m.step_name, room - width(&tail));
                vec![Span::styled(name, bold), Span::raw(tail)]
            } else if width(&facts) <= room {
                vec![Span::raw(facts)]
            } else {
                vec![Span::raw(truncate(m.side.unwrap_or(&facts), room))]
            };
            frame.render_widget(
                Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
                rect,
            );
        }
        PartKind::Gap => {}
        PartKind::PhaseLine => {
            let line = phase_line(m, !shown.show_digits, room);
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
        PartKind::Digits => {
            let dim = if m.paused {
                Modifier::DIM
            } else {
                Modifier::empty()
            };
            let lines: Vec<Line> = shown
                .digits
                .iter()
                .map(|l| Line::styled(l.clone(), accent.add_modifier(dim)))
                .collect();
            frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
        }
        PartKind::PhaseGauge => {
            // A space each side keeps the label apart from the fill.
            let label = if m.paused {
                format!(" {} left · paused ", clock_secs(m.remaining_secs))
            } else {
                format!(" {} left ", clock_secs(m.remaining_secs))
            };
            let gauge = Gauge::default()
                .ratio(m.phase_ratio.clamp(0.0, 1.0))
                .label(label)
                .use_unicode(true)
                .gauge_style(accent);
            frame.render_widget(gauge, rect);
        }
        PartKind::Cue => {
            let rect = inset(rect);
            let rows = rect.height as usize;
            let mut lines: Vec<String> = shown.cue.iter().take(rows).cloned().collect();
            if shown.cue.len() > rows
                && let Some(last) = lines.last_mut()
            {
                *last = more(last, rect.width as usize);
            }
            let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
            frame.render_widget(Paragraph::new(lines), rect);
        }
        PartKind::Prompt => {
            let prompt = Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED);
            let text = format!(" ▶ {} ", m.prompt.unwrap_or_default());
            let line = Line::styled(
                truncate(&text, room),
                style(m.color, prompt.fg(Color::Yellow)).add_modifier(Modifier::BOLD),
            );
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
        PartKind::Next => {
            let rect = inset(rect);
            let line = Line::styled(
                truncate(&m.next, rect.width as usize),
                style(m.color, Style::default().add_modifier(Modifier::DIM)),
            );
            frame.render_widget(Paragraph::new(line), rect);
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
                    " {} / {} ",
                    clock_secs(m.elapsed_secs),
                    clock_secs(m.total_secs)
                ))
                .use_unicode(true)
                .gauge_style(style(m.color, Style::default().fg(Color::Blue)));
            frame.render_widget(gauge, rect);
        }
        PartKind::Help => {
            let helps = if m.paused {
                [KEY_HELP_PAUSED, SHORT_KEY_HELP_PAUSED, "? keys"]
            } else {
                [KEY_HELP, SHORT_KEY_HELP, "? keys"]
            };
            let help = helps.into_iter().find(|h| width(h) <= room).unwrap_or("?");
            let line = Line::styled(
                help,
                style(m.color, Style::default().add_modifier(Modifier::DIM)),
            );
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
    }
}

/// The phase, the time left when the big digits are not shown, and whether
/// it is paused or muted, in one line of at most `room` columns. As room
/// runs out it drops `muted`, then spaces, then shortens and drops the
/// phase name and PAUSED, so the time left is the last thing to go.
fn phase_line(m: &Model, show_time: bool, room: usize) -> Line<'static> {
    let time = show_time.then(|| clock_secs(m.remaining_secs));
    let (label, short) = (m.phase.label(), short_label(m.phase));
    // (PAUSED as shown, the phase name, muted)
    let mut tries = vec![
        (" PAUSED ", Some(label), m.muted),
        (" PAUSED ", Some(label), false),
        ("PAUSED", Some(label), false),
        ("PAUSED", Some(short), false),
    ];
    if time.is_some() {
        tries.extend([
            ("PAUSED", None, false),
            ("||", None, false),
            ("", None, false),
        ]);
    } else {
        tries.extend([("||", Some(short), false), ("", Some(short), false)]);
    }
    let accent = style(m.color, Style::default().fg(phase_color(m.phase)));
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let paused_style = style(
        m.color,
        bold.add_modifier(Modifier::REVERSED).fg(Color::Red),
    );
    let lines = tries.into_iter().map(|(paused, label, muted)| {
        let mut words = Vec::new();
        if m.paused && !paused.is_empty() {
            words.push(Span::styled(paused, paused_style));
        }
        if let Some(label) = label {
            words.push(Span::styled(label, accent.add_modifier(Modifier::BOLD)));
        }
        if let Some(time) = &time {
            words.push(Span::styled(time.clone(), bold));
        }
        if muted {
            words.push(Span::raw("· muted"));
        }
        let mut spans = Vec::new();
        for word in words {
            if !spans.is_empty() {
                spans.push(Span::raw(" "));
            }
            spans.push(word);
        }
        Line::from(spans)
    });
    let mut last = Line::default();
    for line in lines {
        if line.width() <= room {
            return line;
        }
        last = line;
    }
    last
}

/// A shorter name for the phase, for narrow screens.
fn short_label(phase: Phase) -> &'static str {
    match phase {
        Phase::GetReady => "READY",
        Phase::SwitchSides => "SWITCH",
        Phase::Hold | Phase::Rest | Phase::Done => phase.label(),
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

/// The key help in a box that fits its longest row. When the box does not
/// fit, the border goes (and the help takes the whole screen), then the
/// descriptions shorten to a word, then the least needed rows go.
fn draw_help(frame: &mut Frame, area: Rect, color: bool) {
    let key_width = HELP_ROWS.iter().map(|r| width(r.key)).max().unwrap_or(0);
    let content_width = |short: bool| {
        let what = HELP_ROWS
            .iter()
            .map(|r| width(if short { r.short } else { r.what }))
            .max()
            .unwrap_or(0);
        // A space of padding each side and two between the key and what it does.
        1 + key_width + 2 + what + 1
    };
    let fits = |short: bool, border: bool| {
        content_width(short) + if border { 2 } else { 0 } <= area.width as usize
    };
    // The border needs two rows more than the keys.
    let tall = area.height >= HELP_ROWS.len() as u16 + 2;
    let (short, border) = [(false, true), (false, false), (true, true), (true, false)]
        .into_iter()
        .find(|&(short, border)| (tall || !border) && fits(short, border))
        .unwrap_or((true, false));
    let frame_size = if border { 2 } else { 0 };
    let room = (area.height - frame_size.min(area.height)) as usize;
    // Drop the least needed rows until the rest fit, keeping their order.
    let mut rows: Vec<&HelpRow> = HELP_ROWS.iter().collect();
    while rows.len() > room {
        let Some(least) = rows.iter().enumerate().min_by_key(|(_, r)| r.keep) else {
            break;
        };
        rows.remove(least.0);
    }
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| {
            let pad = " ".repeat(key_width - width(r.key));
            Line::from(vec![
                Span::styled(
                    format!(" {}{pad}  ", r.key),
                    style(color, Style::default().add_modifier(Modifier::BOLD)),
                ),
                Span::raw(if short { r.short } else { r.what }),
            ])
        })
        .collect();

    let box_width = (content_width(short) as u16 + frame_size).min(area.width);
    let box_height = (lines.len() as u16 + frame_size).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - box_width) / 2,
        area.y + (area.height - box_height) / 2,
        box_width,
        box_height,
    );
    let mut para = Paragraph::new(lines);
    if border {
        para = para.block(Block::default().borders(Borders::ALL).title(" keys "));
    }
    // Without a border to set it apart, the help takes the whole screen.
    frame.render_widget(Clear, if border { rect } else { area });
    frame.render_widget(para, rect);
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
mod tests;
