//! The end screen: what the run came to, shown for a few seconds after the
//! routine reaches its end and before the terminal is given back.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::style;
use crate::text::{Glyphs, WEEKDAYS, Week, clock, plural, wrap};
use crate::ui::RatingsNote;
use crate::ui::checkin;

/// How many weeks of the calendar the end screen can show.
pub const END_WEEKS: usize = 8;

/// Everything the end screen shows, already worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndView<'a> {
    pub title: &'a str,
    pub active: Duration,
    /// Completed runs of this routine today, this one included.
    pub today: usize,
    /// Days in a row with a completed run, today included when it has one.
    pub streak: usize,
    /// The routine's total after adjustments.
    pub total: Duration,
    pub skipped: usize,
    /// Whether the run counts as done.
    pub counted: bool,
    pub color: bool,
    /// What to draw with: the shades as `history --calendar` draws them.
    pub glyphs: Glyphs,
    /// The last weeks of the calendar, oldest first.
    pub weeks: [Week; END_WEEKS],
    /// The check-in ratings in the history, for the "Upper back" line.
    pub ratings: RatingsNote,
    /// The check-in's question, if it is asked.
    pub question: Question,
    /// For a stage of a program: what comes next, for each answer.
    pub program: Option<&'a crate::ui::ProgramNote>,
}

/// The check-in's question on the end screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Not asked (`checkin = "off"`).
    None,
    /// Waiting for its one key.
    Open,
    /// Answered with this rating.
    Answered(u8),
}

/// Draws the end screen, from the top, centred across. Never panics.
pub fn render_end(frame: &mut Frame, end: &EndView) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let room = area.width.saturating_sub(2).max(1) as usize;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let g = end.glyphs;
    let (word, color) = if end.counted {
        ("DONE".to_owned(), Color::Green)
    } else {
        let words = crate::ui::HowEnded::NotCounted.words();
        (words.to_uppercase(), Color::Yellow)
    };
    let mut lines = vec![
        Line::styled(g.truncate(end.title, room), bold),
        Line::raw(""),
        Line::styled(word, style(end.color, bold.fg(color))),
    ];
    if end.counted {
        lines.push(Line::raw(format!("{} active", clock(end.active))));
    } else {
        let mut facts = format!("{} active of {}", clock(end.active), clock(end.total));
        if end.skipped > 0 {
            facts.push_str(&format!(", {} skipped", plural(end.skipped as u64, "step")));
        }
        lines.push(Line::raw(g.truncate(&facts, room)));
        let why = format!(
            "A run counts when it is active for {} % of its time.",
            crate::ui::COMPLETED_PERCENT
        );
        lines.extend(wrap(&why, room.min(60)).into_iter().map(Line::raw));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(g.truncate(
        &format!(
            "Today: {} {} streak: {}",
            plural(end.today as u64, "run"),
            g.sep,
            plural(end.streak as u64, "day")
        ),
        room,
    )));
    // What comes next in a program, above the question: its words may
    // change with the answer, and are redrawn when it is given.
    let answer = match end.question {
        Question::Answered(rating) => Some(rating),
        _ => None,
    };
    if let Some(words) = end.program.and_then(|p| p.line(answer)) {
        lines.extend(wrap(words, room.min(60)).into_iter().map(Line::raw));
    }
    lines.extend(checkin_lines(end, room));
    // The calendar, when it has something to show and the screen has room
    // for it and the lines around it.
    let known = end.weeks.iter().any(|w| w.iter().any(Option::is_some));
    let fits = (room.saturating_sub(3) / 2).min(END_WEEKS);
    if known && fits > 0 && usize::from(area.height) >= lines.len() + 2 + 8 {
        lines.push(Line::raw(""));
        lines.extend(calendar(&end.weeks[END_WEEKS - fits..], end.color, g));
    }
    lines.push(Line::raw(""));
    let footer = match end.question {
        Question::Open => checkin::keys_hint(g),
        _ => "any key to leave".to_owned(),
    };
    lines.push(Line::styled(
        g.truncate(&footer, room),
        style(end.color, Style::default().add_modifier(Modifier::DIM)),
    ));
    let top = area.height.saturating_sub(lines.len() as u16) / 3;
    let x = area.x + u16::from(area.width > 2);
    let rect = Rect::new(
        x,
        area.y + top,
        (room as u16).min(area.width),
        area.height - top,
    );
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// The check-in: the "Upper back" line (with the answer given here, once
/// there is one), and the question while it is open.
fn checkin_lines(end: &EndView, room: usize) -> Vec<Line<'static>> {
    let g = end.glyphs;
    let answer = match end.question {
        Question::Answered(rating) => Some(rating),
        _ => None,
    };
    let mut lines = Vec::new();
    if let Some(trend) = end.ratings.line(answer, g) {
        lines.push(Line::raw(g.truncate(&trend, room)));
    }
    if end.question == Question::Open {
        lines.push(Line::raw(""));
        let bold = Style::default().add_modifier(Modifier::BOLD);
        lines.push(Line::styled(g.truncate(&checkin::question(g), room), bold));
    }
    lines
}

/// The check-in before the get-ready: the routine's title, the question
/// and how to answer it, centred.
pub fn render_before(frame: &mut Frame, title: &str, color: bool, g: Glyphs) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let room = area.width.saturating_sub(2).max(1) as usize;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lines = vec![
        Line::styled(g.truncate(title, room), bold),
        Line::raw(""),
        Line::styled(g.truncate(&checkin::question(g), room), bold),
        Line::raw(""),
        Line::styled(
            g.truncate(&checkin::keys_hint(g), room),
            style(color, Style::default().add_modifier(Modifier::DIM)),
        ),
    ];
    let top = area.height.saturating_sub(lines.len() as u16) / 3;
    let rect = Rect::new(area.x, area.y + top, area.width, area.height - top);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// The grid, a row a weekday, today marked with `◂` (`<`); every row as
/// wide as the others, so that centring keeps the columns in line.
fn calendar(weeks: &[Week], color: bool, g: Glyphs) -> Vec<Line<'static>> {
    WEEKDAYS
        .iter()
        .enumerate()
        .map(|(d, name)| {
            let mut spans = vec![Span::raw(format!("{name} "))];
            for (w, week) in weeks.iter().enumerate() {
                let last = w + 1 == weeks.len();
                let today = last && week[d].is_some() && (d == 6 || week[d + 1].is_none());
                let cell = match week[d] {
                    Some(level) => {
                        let level = usize::from(level.min(3));
                        let glyph = g.shades[level].to_string();
                        Span::styled(
                            glyph,
                            style(
                                color,
                                Style::default().fg(Color::Indexed(crate::style::SHADES[level])),
                            ),
                        )
                    }
                    None => Span::raw(" "),
                };
                spans.push(cell);
                spans.push(Span::raw(if today { g.today } else { ' ' }.to_string()));
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests;
