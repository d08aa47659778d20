//! Arbitrary bytes where the program expects names: as file names in the
//! routines directory, as the name of a directory a routine is run from,
//! and as the routine and title of history lines. Whatever they hold,
//! nothing that reaches stdout or stderr can drive the terminal.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use proptest::prelude::*;

use crate::common::{TestEnv, routine};

/// A name of 1 to 40 bytes: anything a file name may hold (no `/`, no
/// NUL), weighted towards the bytes that matter: C0, DEL, C1 in UTF-8,
/// lone bytes that are not UTF-8, and bidi overrides.
fn name() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        (0x01u8..0x20).prop_map(|b| vec![b]),
        Just(vec![0x7f]),
        (0x80u8..0xa0).prop_map(|b| vec![0xc2, b]),
        (0x80u8..=0xff).prop_map(|b| vec![b]),
        Just("\u{202e}".as_bytes().to_vec()),
        Just(b"\x1b]52;c;aGk=\x07".to_vec()),
        "[a-z]{1,4}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|pieces| {
        let mut name: Vec<u8> = pieces.concat();
        name.retain(|&b| b != b'/' && b != 0);
        name.truncate(40);
        if name.is_empty() || name == b"." || name == b".." {
            name = b"x".to_vec();
        }
        name
    })
}

/// Text as a JSON string may carry it: any character at all.
fn field() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 1..30).prop_map(|c| c.into_iter().collect())
}

/// Fails when `bytes` hold anything that could drive a terminal: a C0
/// control other than newline and tab, DEL, or C1 (which a terminal may
/// take from its UTF-8 form, or from a lone byte that is not UTF-8).
#[track_caller]
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => panic!("{what}: output is not UTF-8 ({e}): {bytes:?}"),
    };
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c))
    {
        panic!("{what}: U+{:04X} reached the terminal: {text:?}", c as u32);
    }
}

fn run_and_check(env: &TestEnv, args: &[&OsStr]) -> Result<(), TestCaseError> {
    let out = env
        .command(args)
        .output()
        .map_err(|e| TestCaseError::fail(format!("did not start: {e}")))?;
    let what = args
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    prop_assert!(
        out.status.code().is_some_and(|c| c <= 2),
        "{what}: {}",
        out.status
    );
    assert_inert(&format!("{what} (stdout)"), &out.stdout);
    assert_inert(&format!("{what} (stderr)"), &out.stderr);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn no_name_or_history_field_reaches_the_terminal_raw(
        file in name(),
        dir in name(),
        routine_field in field(),
        title_field in field(),
    ) {
        let env = TestEnv::new();

        // A file named with those bytes in the user's routines directory.
        let mut file_name = file.clone();
        file_name.extend_from_slice(b".toml");
        let routines = env.user_routines();
        std::fs::create_dir_all(&routines).unwrap();
        std::fs::write(routines.join(OsStr::from_bytes(&file_name)), routine("R", "1s", 1)).unwrap();

        // A directory named with those bytes, holding a good routine.
        let hostile_dir = env.path().join(OsStr::from_bytes(&dir));
        std::fs::create_dir_all(&hostile_dir).unwrap();
        let in_dir = hostile_dir.join("quick.toml");
        std::fs::write(&in_dir, routine("Quick", "1s", 1)).unwrap();

        // History lines whose routine and title are anything at all, and
        // one for the routine in the hostile directory.
        let canonical = std::fs::canonicalize(&in_dir).unwrap();
        let line = |routine: &str, title: &str| {
            serde_json::json!({
                "routine": routine, "title": title,
                "started_at": "2026-11-25T10:00:00+00:00",
                "ended_at": "2026-11-25T10:02:00+00:00",
                "active_seconds": 120.0, "completed": true,
                "steps_done": 1, "steps_total": 1,
            })
            .to_string()
        };
        let history = format!(
            "{}\n{}\n",
            line(&routine_field, &title_field),
            line(&canonical.to_string_lossy(), &title_field),
        );
        std::fs::create_dir_all(env.history_file().parent().unwrap()).unwrap();
        std::fs::write(env.history_file(), history).unwrap();

        let routine_arg = in_dir.as_os_str();
        let os = |s: &'static str| OsStr::new(s);
        run_and_check(&env, &[os("list")])?;
        run_and_check(&env, &[os("check"), routines.as_os_str()])?;
        run_and_check(&env, &[os("check"), hostile_dir.as_os_str()])?;
        run_and_check(&env, &[os("history")])?;
        run_and_check(&env, &[os("due"), routine_arg])?;
        run_and_check(&env, &[os("remind"), os("--always"), routine_arg])?;
        run_and_check(&env, &[os("show"), Path::new(OsStr::from_bytes(&file_name)).as_os_str()])?;
    }
}
