//! `TERM=dumb`: a terminal that prints lines and nothing else. No
//! alternate screen, no cursor movement, no colour, even on a tty.

use crate::common::{TestEnv, routine};

#[test]
fn a_dumb_terminal_gets_plain_ascii_lines_and_no_escape_sequences() {
    let env = TestEnv::new();
    env.user_routine("quick", &routine("Quick", "200ms", 2));
    let mut pty = env.pty_with(&["run", "quick"], 80, 24, &[("TERM", "dumb")]);
    // The check-in, asked as plain mode asks it: skipped with Enter.
    pty.wait_for_text(&["Upper back now: 0 easy ... 10 stiff or sore"]);
    pty.send(b"\r");
    let ended = pty.finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let raw = String::from_utf8_lossy(&ended.raw);
    assert!(
        !raw.contains('\u{1b}'),
        "escape sequences on a dumb terminal: {raw:?}"
    );
    assert!(raw.contains("done: Quick"), "{raw:?}");
    // ASCII even in the tests' UTF-8 locale: a dumb terminal may not
    // show more.
    assert!(
        raw.contains("step 1/1 | Only step | rep 1/2 | Hold"),
        "{raw:?}"
    );
    assert!(ended.raw.is_ascii(), "{raw:?}");

    let ended = env
        .pty_with(&["list"], 80, 24, &[("TERM", "dumb")])
        .finish();
    assert_eq!(ended.code, 0, "{}", ended.contents);
    let raw = String::from_utf8_lossy(&ended.raw);
    assert!(raw.contains("quick"), "{raw:?}");
    assert!(
        !raw.contains('\u{1b}'),
        "colour on a dumb terminal: {raw:?}"
    );
}
