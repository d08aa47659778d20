//! What the key parser makes of input that a read cut short: an escape
//! sequence or a UTF-8 character split at the end of a chunk.

use mobility::ui::keys::{Key, parse};

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
    // The first two of the three bytes of '€', and a byte that never starts
    // a character.
    for bytes in [&b"\xe2\x82"[..], b"\xe2", b"\xf0\x9f\x98", b"\xff"] {
        assert_eq!(parse(bytes), [Key::Other], "{bytes:?}");
    }
}

#[test]
fn keys_before_a_cut_off_sequence_still_count() {
    assert_eq!(parse(b"n\x1b["), [Key::Char('n'), Key::Other]);
    assert_eq!(parse(b"q\xe2\x82"), [Key::Char('q'), Key::Other]);
    assert_eq!(parse(b"\x1b[D\x1b[1;"), [Key::Left, Key::Other]);
}

#[test]
fn an_empty_chunk_is_no_key() {
    assert_eq!(parse(b""), []);
}
