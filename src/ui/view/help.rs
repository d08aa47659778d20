//! The keys on screen: the footer's one line and the help overlay, both
//! drawn from the key map's one table.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Model, style};
use crate::text::{Glyphs, width};
use crate::ui::keymap::{BINDINGS, Binding, footers};

/// The footer: the longest key help that fits the row.
pub(super) fn draw_footer(frame: &mut Frame, rect: Rect, m: &Model) {
    let footers = footers(m.paused, m.glyphs);
    let help = footers
        .iter()
        .find(|h| width(h) <= rect.width as usize)
        .unwrap_or(&footers[footers.len() - 1]);
    let line = Line::styled(
        help.as_str(),
        style(m.color, Style::default().add_modifier(Modifier::DIM)),
    );
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), rect);
}

/// The key help in a box that fits its longest row. When the box does not
/// fit, the border goes (and the help takes the whole screen), then the
/// descriptions shorten to a word, then the least needed rows go.
pub(super) fn draw_help(frame: &mut Frame, area: Rect, color: bool, glyphs: Glyphs) {
    let labels: Vec<String> = BINDINGS.iter().map(|b| b.label_in(glyphs)).collect();
    let key_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let content_width = |short: bool| {
        let what = BINDINGS
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
    let tall = area.height >= BINDINGS.len() as u16 + 2;
    let (short, border) = [(false, true), (false, false), (true, true), (true, false)]
        .into_iter()
        .find(|&(short, border)| (tall || !border) && fits(short, border))
        .unwrap_or((true, false));
    let frame_size = if border { 2 } else { 0 };
    let room = (area.height - frame_size.min(area.height)) as usize;
    // Drop the least needed rows until the rest fit, keeping their order.
    let mut rows: Vec<(&Binding, &String)> = BINDINGS.iter().zip(&labels).collect();
    while rows.len() > room {
        let Some(least) = rows.iter().enumerate().min_by_key(|(_, (r, _))| r.keep) else {
            break;
        };
        rows.remove(least.0);
    }
    let lines: Vec<Line> = rows
        .iter()
        .map(|(r, label)| {
            let pad = " ".repeat(key_width - width(label));
            Line::from(vec![
                Span::styled(
                    format!(" {label}{pad}  "),
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
        let [top_left, top_right, bottom_left, bottom_right, across, down] = glyphs.border;
        let set = ratatui::symbols::border::Set {
            top_left,
            top_right,
            bottom_left,
            bottom_right,
            vertical_left: down,
            vertical_right: down,
            horizontal_top: across,
            horizontal_bottom: across,
        };
        para = para.block(
            Block::default()
                .borders(Borders::ALL)
                .border_set(set)
                .title(" keys "),
        );
    }
    // Without a border to set it apart, the help takes the whole screen.
    frame.render_widget(Clear, if border { rect } else { area });
    frame.render_widget(para, rect);
}
