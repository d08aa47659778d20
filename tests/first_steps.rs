//! A new user's first steps: `new`, `edit`, `check` with ids, `config`, a
//! routine id given as the command, and plain mode stopped with Ctrl-C.

use crate::common::TestEnv;

/// One step of one long hold, so nothing ends by itself mid-test.
const LONG: &str = "title = \"Long haul\"\nlead_in = \"0s\"\n\n[[step]]\nname = \"Reach up\"\ncue = \"Arms overhead.\"\nhold = \"60s\"\n";

#[test]
fn plain_mode_stopped_with_ctrl_c_starts_its_stopped_line_on_a_fresh_line() {
    let env = TestEnv::new();
    env.write("routine.toml", LONG);
    let mut pty = env.pty(&["run", "--plain", "routine.toml"], 80, 24);
    pty.wait_for_text(&["step 1/1 · Reach up · hold"]);
    pty.send(b"\x03");
    let ended = pty.finish();
    assert_eq!(ended.code, 130, "{}", ended.contents);
    let line = ended
        .contents
        .lines()
        .find(|l| l.contains("stopped:"))
        .unwrap_or_else(|| panic!("no stopped line:\n{}", ended.contents));
    assert!(line.starts_with("[0:0"), "{line:?} in\n{}", ended.contents);
}
