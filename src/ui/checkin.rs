//! The check-in: one question, "Upper back now", answered with one key
//! on the full screen or one line in plain mode, after a run that reached
//! its end and, when asked for, before the get-ready.
//!
//! The ui only asks: the answers go back to `run` in [`Answers`], which
//! writes them to the history (the ui never touches it).

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant};

use super::keys::Key;
use super::{Input, next_input};
use crate::text::Glyphs;

/// When the question is asked: `checkin` in `[run]`, as `run` resolved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Asking {
    /// Before the get-ready (`"before-after"`).
    pub before: bool,
    /// After a run that reached its end (`"after"`, `"before-after"`).
    pub after: bool,
}

/// What the questions got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Answers {
    /// The rating before the run; it goes into the run's own record.
    pub before: Option<u8>,
    /// The rating after the run; `run` appends it after the record.
    pub after: Option<u8>,
    /// A signal that came while the question after the run was open: the
    /// run is recorded as it ended, and the exit code says 128+n.
    pub interrupted: Option<i32>,
}

/// The longest a question waits for its answer before it is skipped, so
/// that a terminal left alone is given back.
pub const WAIT: Duration = Duration::from_secs(300);

/// The question, with `…` or `...`.
pub fn question(g: Glyphs) -> String {
    format!("Upper back now: 0 easy {} 10 stiff or sore", g.more)
}

/// How to answer it on the full screen.
pub fn keys_hint(g: Glyphs) -> String {
    format!("0-9, t for 10 {} Enter to skip", g.sep)
}

/// What one key says: a rating, or (any other key) skip.
pub(super) fn rating_for(key: Key) -> Option<u8> {
    match key {
        Key::Char(c @ '0'..='9') => Some(c as u8 - b'0'),
        Key::Char('t' | 'T') => Some(10),
        _ => None,
    }
}

/// What one typed line says, in plain mode: `0` to `10` or `t`; empty is
/// a skip. `Err` holds the line as typed, for saying it was not a rating.
pub(super) fn rating_from_line(line: &str) -> Result<Option<u8>, String> {
    let typed = line.trim();
    match typed {
        "" => Ok(None),
        "t" | "T" => Ok(Some(10)),
        _ => match typed.parse::<u8>() {
            Ok(n) if n <= 10 => Ok(Some(n)),
            _ => Err(typed.to_owned()),
        },
    }
}

/// Asks on stdin, in plain mode, when stdin and stdout are both terminals
/// (with stdout in a file, no one would see the question while it
/// waits): prints the question on `out` and reads one line on a thread of
/// its own, so that a signal (through `rx`) is seen while it waits.
/// `Err(n)` is signal n. A closed stdin, or no answer within [`WAIT`], is
/// a skip.
pub(super) fn ask_plain(
    out: &mut impl Write,
    tx: &Sender<Input>,
    rx: &Receiver<Input>,
    g: Glyphs,
) -> Result<Option<u8>, i32> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Ok(None);
    }
    let prompt = format!("{} (0-10, t for 10, Enter to skip): ", question(g));
    if out
        .write_all(prompt.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return Ok(None);
    }
    let tx = tx.clone();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = std::io::stdin().lock().read_line(&mut line);
        let _ = tx.send(Input::Line(read.ok().filter(|&n| n > 0).map(|_| line)));
    });
    let until = Instant::now() + WAIT;
    loop {
        match next_input(rx, Some(until)) {
            Some(Input::Signal(n)) => return Err(n),
            Some(Input::Line(line)) => {
                let Some(line) = line else {
                    // End of input: a new line, so what follows starts clean.
                    let _ = writeln!(out);
                    return Ok(None);
                };
                return Ok(match rating_from_line(&line) {
                    Ok(rating) => rating,
                    Err(typed) => {
                        let _ = writeln!(
                            out,
                            "{} is not a rating from 0 to 10; skipped",
                            crate::text::quote(&typed)
                        );
                        None
                    }
                });
            }
            Some(_) => {}
            None => {
                let _ = writeln!(out);
                return Ok(None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_answer_t_is_ten_and_any_other_key_skips() {
        assert_eq!(rating_for(Key::Char('0')), Some(0));
        assert_eq!(rating_for(Key::Char('7')), Some(7));
        assert_eq!(rating_for(Key::Char('t')), Some(10));
        for key in [Key::Char('\n'), Key::Esc, Key::Char('q'), Key::Ctrl('c')] {
            assert_eq!(rating_for(key), None, "{key:?}");
        }
    }

    #[test]
    fn a_typed_line_is_a_rating_a_skip_or_not_a_rating() {
        assert_eq!(rating_from_line("7\n"), Ok(Some(7)));
        assert_eq!(rating_from_line(" 10 \n"), Ok(Some(10)));
        assert_eq!(rating_from_line("t\n"), Ok(Some(10)));
        assert_eq!(rating_from_line("\n"), Ok(None));
        for typed in ["11", "-1", "7.5", "seven"] {
            assert_eq!(rating_from_line(typed), Err(typed.to_owned()));
        }
    }

    #[test]
    fn the_end_screens_line_has_only_the_parts_that_exist() {
        use crate::ui::RatingsNote;
        let g = Glyphs::UNICODE;
        let none = RatingsNote::default();
        assert_eq!(none.line(None, g), None);
        assert_eq!(
            none.line(Some(3), g).as_deref(),
            Some("Upper back: 3 today · 3 this week")
        );
        let note = RatingsNote {
            today: (0, 0),
            week: (14, 4),
            four_weeks_ago: (51, 10),
        };
        assert_eq!(
            note.line(None, g).as_deref(),
            Some("Upper back: 3.5 this week · 5.1 four weeks ago")
        );
        assert_eq!(
            note.line(Some(3), g).as_deref(),
            Some("Upper back: 3 today · 3.4 this week · 5.1 four weeks ago")
        );
        assert_eq!(
            note.line(Some(3), Glyphs::ASCII).as_deref(),
            Some("Upper back: 3 today | 3.4 this week | 5.1 four weeks ago")
        );
    }

    #[test]
    fn the_question_is_ascii_where_the_locale_needs_it() {
        assert_eq!(
            question(Glyphs::UNICODE),
            "Upper back now: 0 easy … 10 stiff or sore"
        );
        assert!(question(Glyphs::ASCII).is_ascii());
    }
}
