//! The history as other programs read it: CSV (RFC 4180) for spreadsheets,
//! iCalendar (RFC 5545) for calendars.

use std::fmt::Write;

use jiff::Timestamp;

use super::Record;

/// The CSV header, in the order of every row's fields.
pub const CSV_HEADER: &str = "routine,title,start,end,active_seconds,completed,steps_done,steps_total,steps_skipped,machine,checkin_before,checkin_after,program,stage";

/// The records as RFC 4180 CSV: a header row, then one row per record,
/// every line ending in CRLF. A field holding a comma, a quote, CR or LF
/// is quoted, its quotes doubled. Times are RFC 3339 with the offset they
/// were recorded with; `machine` is empty for records from before it was
/// recorded. `checkin_before` and `checkin_after` are the check-in's
/// ratings (0 to 10), empty where there is none; `program` and `stage`
/// say which program's stage the run was, empty for a plain routine. With `terminal`, control characters in the text are written
/// escaped (`\u{1b}`), so that a title cannot drive the terminal; into a
/// file or a pipe the text is written as it is. A cell that a spreadsheet
/// would take for a formula starts with `'` ([`not_a_formula`]).
pub fn csv(records: &[&Record], terminal: bool) -> String {
    let mut out = String::with_capacity(64 + records.len() * 160);
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for r in records {
        let fields = [
            r.routine.clone(),
            r.title.clone(),
            r.started_at.to_string(),
            r.ended_at.to_string(),
            r.active_seconds.to_string(),
            r.completed.to_string(),
            r.steps_done.to_string(),
            r.steps_total.to_string(),
            r.steps_skipped.to_string(),
            r.machine.clone().unwrap_or_default(),
            r.checkin_before.map(|n| n.to_string()).unwrap_or_default(),
            r.checkin_after.map(|n| n.to_string()).unwrap_or_default(),
            r.program.clone().unwrap_or_default(),
            r.stage.map(|n| n.to_string()).unwrap_or_default(),
        ];
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let field = not_a_formula(field);
            let field = if terminal {
                crate::text::escape(&field, usize::MAX)
            } else {
                field
            };
            csv_field(&mut out, &field);
        }
        out.push_str("\r\n");
    }
    out
}

/// A cell as a spreadsheet will show it, never run it: one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` before
/// it (OWASP's rule against CSV injection). A title, an id or a machine
/// name can come from another machine's file in a synced history.
fn not_a_formula(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// The most octets on a line of iCalendar, line break not counted.
pub const ICS_LINE: usize = 75;

/// The completed runs as an RFC 5545 calendar: one `VEVENT` per run, its
/// times in UTC. Each event's `UID` is worked out from the run itself
/// (routine and start), so exporting twice, or from another machine,
/// gives the same run the same UID, and a calendar that imports both
/// keeps one event. `DTSTAMP` is the end of the run, so an export is the
/// same bytes every time. Text is escaped as RFC 5545 says, control
/// characters dropped, and lines are folded at 75 octets, never inside a
/// character.
pub fn ics(records: &[&Record]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//mobility//mobility history//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    for r in records.iter().filter(|r| r.completed) {
        let start = r.started_at.timestamp;
        // An event must end after it starts.
        let end = r.ended_at.timestamp.max(
            start
                .checked_add(jiff::SignedDuration::from_secs(1))
                .unwrap_or(start),
        );
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(r)));
        line(&mut out, &format!("DTSTAMP:{}", utc(end)));
        line(&mut out, &format!("DTSTART:{}", utc(start)));
        line(&mut out, &format!("DTEND:{}", utc(end)));
        line(&mut out, &format!("SUMMARY:{}", text(&r.title)));
        let mut about = format!(
            "{}: {} active, {} of {} steps",
            r.routine,
            crate::text::clock(r.active()),
            r.steps_done,
            r.steps_total
        );
        if let Some(machine) = &r.machine {
            let _ = write!(about, ", on {machine}");
        }
        line(&mut out, &format!("DESCRIPTION:{}", text(&about)));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The UID of a run: a stable hash of its routine and start instant, as
/// hex, `@mobility`.
pub fn uid(r: &Record) -> String {
    let start = r.started_at.timestamp;
    let key = format!(
        "{}\0{}.{:09}",
        r.routine,
        start.as_second(),
        start.subsec_nanosecond()
    );
    format!("{:016x}@mobility", crate::text::stable_hash(key.as_bytes()))
}

/// An instant as iCalendar's UTC form, `20261126T093000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: `\`, `;` and `,` escaped, newlines as `\n`, other control
/// characters (which TEXT may not hold) and bidi controls dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if crate::text::is_forbidden(c) || c == '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded: a line longer than [`ICS_LINE`]
/// octets goes on over lines that start with a space, each break between
/// whole characters; every line ends in CRLF.
fn line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > ICS_LINE {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
