//! Each line of the screen, drawn into the rectangle the layout gave it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::layout::PartKind;
use super::{Model, ScreenPhase, Shown, clock_secs, figure, help, inset, phase_color, style};
use crate::text::width;

/// Draws the part of the screen `kind` into `rect`: one function each.
pub(super) fn draw_part(frame: &mut Frame, rect: Rect, kind: PartKind, m: &Model, shown: &Shown) {
    match kind {
        PartKind::Header => header(frame, rect, m),
        PartKind::StepLine => step_line(frame, rect, m),
        PartKind::Gap => {}
        PartKind::PhaseLine => {
            let line = phase_line(m, !shown.show_digits, rect.width as usize);
            frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
        }
        PartKind::Digits => digits(frame, rect, m, shown),
        PartKind::PhaseGauge => phase_gauge(frame, rect, m),
        PartKind::Cue => cue(frame, rect, m, shown),
        PartKind::Prompt => prompt(frame, rect, m),
        PartKind::Next => next(frame, rect, m),
        PartKind::RoutineGauge => routine_gauge(frame, rect, m),
        PartKind::Footer => help::draw_footer(frame, rect, m),
        PartKind::Figure => {
            if let Some(picture) = m.picture {
                let color = m.color.then(|| phase_color(m.phase));
                // The upright outline behind a move, still or not.
                let ghost = m.phase == ScreenPhase::Move;
                figure::draw(frame.buffer_mut(), rect, picture, color, ghost);
            }
        }
    }
}

/// The phase's colour, when colour is on.
fn accent(m: &Model) -> Style {
    style(m.color, Style::default().fg(phase_color(m.phase)))
}

/// The routine's title, dim, and `step 2/5` on the right.
fn header(frame: &mut Frame, rect: Rect, m: &Model) {
    let room = rect.width as usize;
    let g = m.glyphs;
    let mut right = format!("step {}/{}", m.step.0, m.step.1);
    if width(&right) > room {
        right = format!("{}/{}", m.step.0, m.step.1);
    }
    let title_room = room.saturating_sub(width(&right) + 1);
    let mut title = g.truncate(m.title, title_room);
    // No room for any of the title: no marker alone either.
    if width(m.title) > title_room && title_room <= width(g.more) {
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

/// The step's name in bold, then its rep and side.
fn step_line(frame: &mut Frame, rect: Rect, m: &Model) {
    let room = rect.width as usize;
    let g = m.glyphs;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut facts = Vec::new();
    if let Some((rep, reps)) = m.rep {
        facts.push(format!("rep {rep}/{reps}"));
    }
    if let Some(side) = m.side {
        facts.push(side.to_string());
    }
    let facts = facts.join(&format!(" {} ", g.sep));
    let tail = format!(" {} {facts}", g.sep);
    // The name gives way to the rep and side, which change as you go.
    let spans = if facts.is_empty() {
        vec![Span::styled(g.truncate(m.step_name, room), bold)]
    } else if width(&tail) + width(m.step_name).min(2) <= room {
        let name = g.truncate(m.step_name, room - width(&tail));
        vec![Span::styled(name, bold), Span::raw(tail)]
    } else if width(&facts) <= room {
        vec![Span::raw(facts)]
    } else {
        vec![Span::raw(g.truncate(m.side.unwrap_or(&facts), room))]
    };
    frame.render_widget(
        Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
        rect,
    );
}

/// The big clock, dim while paused.
fn digits(frame: &mut Frame, rect: Rect, m: &Model, shown: &Shown) {
    let dim = if m.paused {
        Modifier::DIM
    } else {
        Modifier::empty()
    };
    let lines: Vec<Line> = shown
        .digits
        .iter()
        .map(|l| Line::styled(l.clone(), accent(m).add_modifier(dim)))
        .collect();
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), rect);
}

/// The phase's bar, with the time left (and "paused") on it.
fn phase_gauge(frame: &mut Frame, rect: Rect, m: &Model) {
    let g = m.glyphs;
    // A space each side keeps the label apart from the fill.
    let label = if m.paused {
        format!(" {} left {} paused ", clock_secs(m.remaining_secs), g.sep)
    } else {
        format!(" {} left ", clock_secs(m.remaining_secs))
    };
    let gauge = Gauge::default()
        .ratio(m.phase_ratio.clamp(0.0, 1.0))
        .label(label)
        .use_unicode(g.unicode)
        .gauge_style(accent(m));
    draw_gauge(frame, rect, gauge, g);
}

/// The step's cue, as many lines as fit, the last cut if more are left.
fn cue(frame: &mut Frame, rect: Rect, m: &Model, shown: &Shown) {
    let rect = inset(rect);
    let rows = rect.height as usize;
    let mut lines: Vec<String> = shown.cue.iter().take(rows).cloned().collect();
    if shown.cue.len() > rows
        && let Some(last) = lines.last_mut()
    {
        *last = m.glyphs.more(last, rect.width as usize);
    }
    let lines: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(lines), rect);
}

/// What to do now: the phase's `say` line, or the prompt that fired,
/// which takes its place until the phase ends.
fn prompt(frame: &mut Frame, rect: Rect, m: &Model) {
    let text = match (m.prompt, m.doing) {
        (Some(prompt), _) => format!(" {} {prompt} ", m.glyphs.prompt),
        (None, Some(doing)) => format!(" {doing} "),
        (None, None) => String::new(),
    };
    // Reversed in the phase's colour; bold alone without colour.
    let highlight = style(m.color, accent(m).add_modifier(Modifier::REVERSED));
    let line = Line::styled(
        m.glyphs.truncate(&text, rect.width as usize),
        highlight.add_modifier(Modifier::BOLD),
    );
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
}

/// What comes next, dim.
fn next(frame: &mut Frame, rect: Rect, m: &Model) {
    let rect = inset(rect);
    let line = Line::styled(
        m.glyphs.truncate(&m.next, rect.width as usize),
        style(m.color, Style::default().add_modifier(Modifier::DIM)),
    );
    frame.render_widget(Paragraph::new(line), rect);
}

/// The whole routine's bar: time so far of the total.
fn routine_gauge(frame: &mut Frame, rect: Rect, m: &Model) {
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
        .use_unicode(m.glyphs.unicode)
        .gauge_style(style(m.color, Style::default().fg(Color::Blue)));
    draw_gauge(frame, rect, gauge, m.glyphs);
}

/// A bar. Unicode's has eighths of a cell at its end; ASCII's is whole
/// cells of `#`, where ratatui would fill with `█` all the same.
fn draw_gauge(frame: &mut Frame, rect: Rect, gauge: Gauge, g: crate::text::Glyphs) {
    frame.render_widget(gauge, rect);
    if g.unicode {
        return;
    }
    let block = g.block.encode_utf8(&mut [0; 4]).to_string();
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        for x in rect.left()..rect.right() {
            let cell = &mut buffer[(x, y)];
            if cell.symbol() == ratatui::symbols::block::FULL {
                cell.set_symbol(&block);
            }
        }
    }
}

/// The phase, the time left when the big digits are not shown, and whether
/// it is paused or muted, in one line of at most `room` columns. As room
/// runs out it drops `muted`, then spaces, then shortens and drops the
/// phase name and PAUSED, so the time left is the last thing to go.
fn phase_line<'a>(m: &'a Model, show_time: bool, room: usize) -> Line<'a> {
    let time = show_time.then(|| clock_secs(m.remaining_secs));
    let (label, short) = (m.word.as_str(), short_label(m));
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
            words.push(Span::raw(format!("{} muted", m.glyphs.sep)));
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

/// A shorter word for the phase, for narrow screens.
fn short_label<'a>(m: &'a Model) -> &'a str {
    match m.phase {
        ScreenPhase::GetReady => "READY",
        ScreenPhase::SwitchSides => "SWITCH",
        ScreenPhase::Move | ScreenPhase::Hold | ScreenPhase::Rest | ScreenPhase::Done => &m.word,
    }
}
