//! Keys from the raw terminal, read on a thread of our own.
//!
//! We read stdin ourselves instead of through crossterm's event reader:
//! when the terminal goes away that reader can loop forever on a read that
//! returns nothing, spinning a core. A plain blocking `read` returns 0 or an
//! error instead, which we report once as `Input::Gone`.
//!
//! Upstream: <https://github.com/crossterm-rs/crossterm/issues/793>. When that
//! is fixed, this reader and [`parse`] can give way to `crossterm::event`.

use std::io::Read;
use std::sync::mpsc::Sender;

use super::Input;

/// A key press, as far as mobility cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Char(char),
    /// A control character typed with Ctrl: `Ctrl('c')` is Ctrl-C.
    Ctrl(char),
    Esc,
    Left,
    Right,
    Up,
    Down,
    /// Anything else: function keys, mouse reports, unknown sequences.
    Other,
}

/// Splits one chunk of terminal input into keys.
///
/// A terminal writes an escape sequence in one go, so a chunk that is a lone
/// ESC byte is the Esc key, and an ESC followed by `[` or `O` starts a
/// sequence.
pub(super) fn parse(bytes: &[u8]) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut rest = bytes;
    while let Some((&first, tail)) = rest.split_first() {
        match first {
            0x1b => {
                let (key, used) = escape(tail);
                keys.push(key);
                rest = &tail[used..];
                continue;
            }
            b'\r' | b'\n' => keys.push(Key::Char('\n')),
            b'\t' => keys.push(Key::Char('\t')),
            0x7f => keys.push(Key::Other),
            0x01..=0x1a => keys.push(Key::Ctrl(char::from(first - 1 + b'a'))),
            0x00 | 0x1c..=0x1f => keys.push(Key::Other),
            _ => {
                // One UTF-8 character, however many bytes it takes.
                let len = match first {
                    0x00..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                }
                .min(rest.len());
                let (key, used) = match std::str::from_utf8(&rest[..len]) {
                    Ok(s) => (s.chars().next().map_or(Key::Other, Key::Char), len),
                    // A broken character is one unknown key: its first byte
                    // and the continuation bytes that follow it, never the
                    // keys after it.
                    Err(_) => {
                        let continuing = rest[1..len]
                            .iter()
                            .take_while(|b| (0x80..=0xbf).contains(*b))
                            .count();
                        (Key::Other, 1 + continuing)
                    }
                };
                keys.push(key);
                rest = &rest[used..];
                continue;
            }
        }
        rest = tail;
    }
    keys
}

/// Reads what follows an ESC byte; returns the key and the bytes used.
fn escape(tail: &[u8]) -> (Key, usize) {
    match tail.first() {
        None => (Key::Esc, 0),
        Some(b'[' | b'O') => {
            // Parameters and intermediates, then one final byte in 0x40..=0x7e.
            let end = tail[1..]
                .iter()
                .position(|b| (0x40..=0x7e).contains(b))
                .map(|i| i + 1);
            match end {
                Some(end) => {
                    let key = match (&tail[1..end], tail[end]) {
                        ([], b'A') => Key::Up,
                        ([], b'B') => Key::Down,
                        ([], b'C') => Key::Right,
                        ([], b'D') => Key::Left,
                        _ => Key::Other,
                    };
                    (key, end + 1)
                }
                None => (Key::Other, tail.len()),
            }
        }
        // Alt+key arrives as ESC key: not a binding of ours.
        Some(_) => (Key::Other, 1),
    }
}

/// Reads the keyboard until the terminal goes away, then says so once.
///
/// Hand-written because crossterm's reader spins on a vanished terminal:
/// <https://github.com/crossterm-rs/crossterm/issues/793>.
pub(super) fn read_keys(tx: Sender<Input>) {
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        let mut buf = [0u8; 256];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    for key in parse(&buf[..n]) {
                        if tx.send(Input::Key(key)).is_err() {
                            return;
                        }
                    }
                }
                // A signal (SIGCONT after Ctrl-Z, SIGWINCH) interrupts the read.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = tx.send(Input::Gone);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_controls_and_escape_sequences_become_keys() {
        assert_eq!(
            parse(b" nq\x03\x1a"),
            [
                Key::Char(' '),
                Key::Char('n'),
                Key::Char('q'),
                Key::Ctrl('c'),
                Key::Ctrl('z')
            ]
        );
        assert_eq!(
            parse(b"\x1b[C\x1b[D\x1bOC"),
            [Key::Right, Key::Left, Key::Right]
        );
        assert_eq!(parse(b"\x1b"), [Key::Esc]);
        assert_eq!(parse(b"\x1b[1;5C+"), [Key::Other, Key::Char('+')]);
        assert_eq!(parse("é?".as_bytes()), [Key::Char('é'), Key::Char('?')]);
    }

    #[test]
    fn a_cut_off_escape_sequence_is_one_unknown_key_not_esc_or_an_arrow() {
        // ESC [ and ESC O start a sequence; without its final byte it is no
        // binding, and above all not Esc, which would quit.
        for bytes in [&b"\x1b["[..], b"\x1bO", b"\x1b[1;", b"\x1b[1;5"] {
            assert_eq!(parse(bytes), [Key::Other], "{bytes:?}");
        }
    }

    #[test]
    fn a_cut_off_utf8_character_is_one_unknown_key() {
        // The first two of the three bytes of '€', and a byte that never
        // starts a character.
        for bytes in [&b"\xe2\x82"[..], b"\xe2", b"\xf0\x9f\x98", b"\xff"] {
            assert_eq!(parse(bytes), [Key::Other], "{bytes:?}");
        }
    }

    #[test]
    fn keys_before_a_cut_off_sequence_still_count() {
        assert_eq!(parse(b"n\x1b["), [Key::Char('n'), Key::Other]);
        assert_eq!(parse(b"q\xe2\x82"), [Key::Char('q'), Key::Other]);
        assert_eq!(parse(b"\x1b[D\x1b[1;"), [Key::Left, Key::Other]);
        assert_eq!(parse(b""), []);
    }

    #[test]
    fn a_stray_byte_does_not_swallow_the_keys_after_it() {
        // A continuation byte alone, a lead byte cut short, and a byte that
        // is never UTF-8: each is one unknown key, and `n` and `q` still
        // arrive.
        for bytes in [&b"\x82nq"[..], b"\xe2nq", b"\xffnq"] {
            assert_eq!(
                parse(bytes),
                [Key::Other, Key::Char('n'), Key::Char('q')],
                "{bytes:?}"
            );
        }
    }
}
