//! The part of Markdown that `docs/*.md` uses, as roff for the man page:
//! headings, paragraphs, `-` and `1.` lists (one level of nesting), fenced
//! code, block quotes, tables, `code`, **bold**, *emphasis* and links. HTML
//! comments are left out. Anything else is kept as text, escaped, so that a
//! page can never inject a roff request.

use std::fmt::Write as _;

use super::{escape, escape_line};
use crate::text;

/// Tables at most this wide (in columns, padding included) are shown as
/// they are written; wider ones become one tagged paragraph per row, which
/// roff can fill to the reader's terminal.
const TABLE_WIDTH: usize = 72;

/// One page of Markdown as roff: `#` is a section (`.SH`, in capitals as
/// man pages have them), `##` a subsection, `###` a bold line.
pub(super) fn to_roff(markdown: &str) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut roff = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            i += 1;
        } else if trimmed.starts_with("<!--") {
            while i < lines.len() && !lines[i].contains("-->") {
                i += 1;
            }
            i += 1;
        } else if trimmed.starts_with("```") {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_start().starts_with("```"))
                .unwrap_or(lines.len());
            code(&mut roff, &lines[i + 1..end]);
            i = end + 1;
        } else if let Some((level, title)) = heading(line) {
            match level {
                1 => section(&mut roff, ".SH", &plain(title).to_uppercase()),
                2 => section(&mut roff, ".SS", &plain(title)),
                _ => {
                    let _ = writeln!(roff, ".PP\n\\fB{}\\fR", inline(title, true));
                }
            }
            i += 1;
        } else if trimmed.starts_with('|') {
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim_start().starts_with('|'))
                .unwrap_or(lines.len());
            table(&mut roff, &lines[i..end]);
            i = end;
        } else if trimmed.starts_with('>') {
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim_start().starts_with('>'))
                .unwrap_or(lines.len());
            let quoted: Vec<&str> = lines[i..end]
                .iter()
                .map(|l| l.trim_start().trim_start_matches('>').trim())
                .collect();
            let _ = writeln!(roff, ".RS 4\n.PP\n{}\n.RE", text_lines(&quoted.join("\n")));
            i = end;
        } else if item(line).is_some() {
            i = list(&mut roff, &lines, i);
        } else {
            let end = (i..lines.len())
                .find(|&j| ends_paragraph(lines[j]))
                .unwrap_or(lines.len());
            let words: Vec<&str> = lines[i..end].iter().map(|l| l.trim()).collect();
            let _ = writeln!(roff, ".PP\n{}", text_lines(&words.join("\n")));
            i = end;
        }
    }
    roff
}

/// `# Title` as `(1, "Title")`.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    let title = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, title.trim()))
}

fn section(roff: &mut String, request: &str, title: &str) {
    let _ = writeln!(
        roff,
        "{request} \"{}\"",
        escape(title).replace('"', "\\(dq")
    );
}

/// A line that starts a block of its own, so it ends a paragraph.
fn ends_paragraph(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.is_empty()
        || heading(line).is_some()
        || ["```", "|", ">", "<!--"]
            .iter()
            .any(|p| trimmed.starts_with(p))
        || item(line).is_some()
}

/// A list item's line as `(depth, marker, text)`: the marker is `\(bu` or
/// `N.`; depth 1 when the marker is indented.
fn item(line: &str) -> Option<(usize, String, &str)> {
    let indent = line.len() - line.trim_start().len();
    let rest = line.trim_start();
    let depth = usize::from(indent >= 2);
    if let Some(text) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("* ")) {
        return Some((depth, "\\(bu".into(), text));
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let text = rest.get(digits..)?.strip_prefix(". ")?;
    (digits > 0).then(|| (depth, format!("{}.", &rest[..digits]), text))
}

/// The list that starts at `lines[start]`, up to the first blank line not
/// followed by another item or an indented line; returns where it ended.
fn list(roff: &mut String, lines: &[&str], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i < lines.len() {
        let Some((level, marker, first)) = item(lines[i]) else {
            break;
        };
        let mut words = vec![first.trim()];
        i += 1;
        while i < lines.len() && item(lines[i]).is_none() {
            let line = lines[i];
            if line.trim().is_empty() {
                let next = lines.get(i + 1).copied().unwrap_or("");
                if item(next).is_some() || next.starts_with("  ") {
                    i += 1;
                    continue;
                }
                break;
            }
            if !line.starts_with(' ') && ends_paragraph(line) {
                break;
            }
            words.push(line.trim());
            i += 1;
        }
        while depth < level {
            roff.push_str(".RS 2\n");
            depth += 1;
        }
        while depth > level {
            roff.push_str(".RE\n");
            depth -= 1;
        }
        let width = if marker.ends_with('.') {
            marker.len() + 1
        } else {
            2
        };
        let _ = writeln!(
            roff,
            ".IP {marker} {width}\n{}",
            text_lines(&words.join("\n"))
        );
        if i < lines.len() && lines[i].trim().is_empty() {
            break;
        }
    }
    for _ in 0..depth {
        roff.push_str(".RE\n");
    }
    i
}

/// A fenced block, kept as written, indented.
fn code(roff: &mut String, lines: &[&str]) {
    roff.push_str(".PP\n.RS 4\n.nf\n");
    for line in lines {
        if line.is_empty() {
            roff.push_str("\\&\n");
        } else {
            roff.push_str(&escape_line(line));
            roff.push('\n');
        }
    }
    roff.push_str(".fi\n.RE\n");
}

/// A table's cells, `\|` read as a `|` inside a cell.
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// A table: as written when it is narrow, else a tagged paragraph per row,
/// the first cell the tag and each other cell a line `Header: cell`.
fn table(roff: &mut String, lines: &[&str]) {
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| cells(l))
        .filter(|row| {
            !row.iter()
                .all(|c| !c.is_empty() && c.chars().all(|c| matches!(c, '-' | ':')))
        })
        .collect();
    let Some((header, body)) = rows.split_first() else {
        return;
    };
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            rows.iter()
                .filter_map(|row| row.get(j))
                .map(|c| text::width(&plain(c)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    if widths.iter().map(|w| w + 2).sum::<usize>() <= TABLE_WIDTH {
        let shown: Vec<String> = rows
            .iter()
            .map(|row| {
                let mut line = String::new();
                for (j, cell) in row.iter().enumerate() {
                    let cell = plain(cell);
                    line.push_str(&cell);
                    if j + 1 < row.len() {
                        let pad = widths[j].saturating_sub(text::width(&cell)) + 2;
                        line.push_str(&" ".repeat(pad));
                    }
                }
                line.trim_end().to_string()
            })
            .collect();
        let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
        code(roff, &shown);
        return;
    }
    for row in body {
        let tag = row.first().map_or("", String::as_str);
        let _ = writeln!(roff, ".TP\n{}", inline(tag, false).replace('\n', " "));
        let mut first = true;
        for (name, cell) in header.iter().zip(row).skip(1) {
            if cell.is_empty() {
                continue;
            }
            if !first {
                roff.push_str(".br\n");
            }
            first = false;
            let line = if columns == 2 {
                inline(cell, false)
            } else {
                format!("{}: {}", inline(name, false), inline(cell, false))
            };
            roff.push_str(&guard(&line));
            roff.push('\n');
        }
    }
}

/// Text in fill mode: inline markup converted, every line safe.
fn text_lines(markdown: &str) -> String {
    inline(markdown, false)
        .lines()
        .map(guard)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A roff line that starts with `.` or `'` would be read as a request.
fn guard(line: &str) -> String {
    if line.starts_with('.') || line.starts_with('\'') {
        format!("\\&{line}")
    } else {
        line.to_string()
    }
}

/// The text a reader sees, markup dropped: for headings and table cells
/// laid out by width.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    walk(markdown, &mut |span| match span {
        Span::Text(s) | Span::Code(s) => out.push_str(s),
        Span::Font(..) => {}
    });
    out
}

/// Inline markup as roff, on a line in bold (`bold`) or in roman. Roff
/// fonts do not nest, so closing one switches back to the one around it,
/// and code inside bold stays bold.
fn inline(markdown: &str, bold: bool) -> String {
    let mut out = String::new();
    let mut fonts = vec![if bold { 'B' } else { 'R' }];
    walk(markdown, &mut |span| {
        let around = fonts.last().copied().unwrap_or('R');
        match span {
            Span::Text(s) => out.push_str(&escape_keeping_lines(s)),
            Span::Code(s) if around == 'B' => out.push_str(&escape_keeping_lines(s)),
            Span::Code(s) => {
                let _ = write!(out, "\\fB{}\\f{around}", escape_keeping_lines(s));
            }
            Span::Font(font, true) => {
                fonts.push(font);
                let _ = write!(out, "\\f{font}");
            }
            Span::Font(_, false) => {
                if fonts.len() > 1 {
                    fonts.pop();
                }
                let _ = write!(out, "\\f{}", fonts.last().copied().unwrap_or('R'));
            }
        }
    });
    out
}

/// [`escape`] line by line, the line breaks kept.
fn escape_keeping_lines(s: &str) -> String {
    s.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

enum Span<'a> {
    Text(&'a str),
    Code(&'a str),
    /// A font switched on (`true`) or back off: `B` or `I`.
    Font(char, bool),
}

/// Splits inline Markdown into spans: code (between runs of backticks of
/// the same length), bold (`**`), emphasis (`*`), links (only their text
/// is kept, and the address when it is a web page), backslash escapes.
fn walk<'a>(s: &'a str, emit: &mut dyn FnMut(Span<'a>)) {
    let mut rest = s;
    let mut open = Vec::new();
    while !rest.is_empty() {
        let Some(at) = rest.find(['`', '*', '[', '\\']) else {
            emit(Span::Text(rest));
            break;
        };
        if at > 0 {
            emit(Span::Text(&rest[..at]));
            rest = &rest[at..];
        }
        if rest.starts_with('`') {
            let ticks = rest.bytes().take_while(|&b| b == b'`').count();
            let fence = &rest[..ticks];
            if let Some(end) = rest[ticks..].find(fence) {
                let inner = &rest[ticks..ticks + end];
                // One space either side lets code begin or end with a backtick.
                let inner = match inner.strip_prefix(' ').and_then(|i| i.strip_suffix(' ')) {
                    Some(i) if !i.trim().is_empty() => i,
                    _ => inner,
                };
                emit(Span::Code(inner));
                rest = &rest[2 * ticks + end..];
            } else {
                emit(Span::Text(fence));
                rest = &rest[ticks..];
            }
        } else if let Some(after) = rest.strip_prefix("**") {
            let on = open.last() != Some(&'B');
            if on && !after.contains("**") {
                emit(Span::Text("**"));
            } else {
                emit(Span::Font('B', on));
                if on {
                    open.push('B');
                } else {
                    open.pop();
                }
            }
            rest = after;
        } else if let Some(after) = rest.strip_prefix('*') {
            let closing = open.last() == Some(&'I');
            let opening =
                !closing && after.starts_with(|c: char| !c.is_whitespace()) && after.contains('*');
            if closing || opening {
                emit(Span::Font('I', opening));
                if opening {
                    open.push('I');
                } else {
                    open.pop();
                }
            } else {
                emit(Span::Text("*"));
            }
            rest = after;
        } else if rest.starts_with('[') {
            match link(rest) {
                Some((label, address, len)) => {
                    walk(label, emit);
                    if address.starts_with("http") {
                        emit(Span::Text(" ("));
                        emit(Span::Text(address));
                        emit(Span::Text(")"));
                    }
                    rest = &rest[len..];
                }
                None => {
                    emit(Span::Text("["));
                    rest = &rest[1..];
                }
            }
        } else {
            // A backslash before punctuation is Markdown's escape.
            let next = rest[1..].chars().next();
            match next {
                Some(c) if c.is_ascii_punctuation() => {
                    emit(Span::Text(&rest[1..1 + c.len_utf8()]));
                    rest = &rest[1 + c.len_utf8()..];
                }
                _ => {
                    emit(Span::Text("\\"));
                    rest = &rest[1..];
                }
            }
        }
    }
    for font in open.into_iter().rev() {
        emit(Span::Font(font, false));
    }
}

/// `[label](address)` at the start of `s`: the label, the address and the
/// length of the whole link.
fn link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    if label.contains(['[', ']']) {
        return None;
    }
    let end = close + 2 + s[close + 2..].find(')')?;
    let address = &s[close + 2..end];
    (!address.contains(char::is_whitespace)).then_some((label, address, end + 1))
}

#[cfg(test)]
mod tests;
