use super::*;

const WALL: &str =
    "# mobility: remind about wall-flexion\n30 9 * * 1-5 /bin/mobility remind wall-flexion\n";
const NECK: &str = "# mobility: remind about neck\n0 18 * * * /bin/mobility remind neck\n";

fn added(table: &[u8], routine: &str, lines: &str) -> Vec<u8> {
    let mut t = Table::parse(table).unwrap();
    t.add(routine, lines);
    t.render()
}

fn removed(table: &[u8], routine: &str) -> Vec<u8> {
    let mut t = Table::parse(table).unwrap();
    assert!(t.remove(routine), "{routine} was not there");
    t.render()
}

/// Tables as people have them: with and without a last newline, with
/// variables, comments, blank lines, CRLF and bytes that are not UTF-8.
const TABLES: [&[u8]; 7] = [
    b"",
    b"MAILTO=me@example.org\n0 * * * * backup\n",
    b"0 * * * * backup",
    b"\n\n# my jobs\n",
    b"0 * * * * a\r\n5 * * * * b\r\n",
    b"0 * * * * echo \xff\xfe\n",
    b"   \n",
];

#[test]
fn add_then_remove_gives_back_every_table_byte_for_byte() {
    for table in TABLES {
        let with = added(table, "wall-flexion", WALL);
        assert!(with.starts_with(table), "{table:?}");
        let text = String::from_utf8_lossy(&with);
        assert!(text.contains(&format!("{BEGIN}\n{WALL}{END}")), "{text}");
        assert_eq!(removed(&with, "wall-flexion"), table, "{text}");
    }
}

#[test]
fn the_block_goes_at_the_end_and_mirrors_the_last_newline() {
    assert_eq!(
        String::from_utf8(added(b"0 * * * * a\n", "wall-flexion", WALL)).unwrap(),
        format!("0 * * * * a\n{BEGIN}\n{WALL}{END}\n")
    );
    assert_eq!(
        String::from_utf8(added(b"0 * * * * a", "wall-flexion", WALL)).unwrap(),
        format!("0 * * * * a\n{BEGIN}\n{WALL}{END}")
    );
    assert_eq!(
        String::from_utf8(added(b"", "wall-flexion", WALL)).unwrap(),
        format!("{BEGIN}\n{WALL}{END}\n")
    );
}

#[test]
fn adding_twice_replaces_the_routine_lines_in_place() {
    for table in TABLES {
        let once = added(table, "wall-flexion", WALL);
        assert_eq!(added(&once, "wall-flexion", WALL), once);
        let both = added(&once, "neck", NECK);
        let changed = WALL.replace("30 9", "45 7");
        let again = added(&both, "wall-flexion", &changed);
        let text = String::from_utf8_lossy(&again);
        assert!(
            text.contains(&format!("{BEGIN}\n{changed}{NECK}{END}")),
            "{text}"
        );
        assert_eq!(
            Table::parse(&again).unwrap().routines(),
            ["wall-flexion", "neck"]
        );
    }
}

#[test]
fn removing_one_routine_keeps_the_others_and_lines_around_the_block() {
    let table = format!("A=1\n{BEGIN}\n{WALL}{NECK}{END}\n0 * * * * later\n");
    let out = String::from_utf8(removed(table.as_bytes(), "wall-flexion")).unwrap();
    assert_eq!(out, format!("A=1\n{BEGIN}\n{NECK}{END}\n0 * * * * later\n"));
    let out = String::from_utf8(removed(out.as_bytes(), "neck")).unwrap();
    assert_eq!(out, "A=1\n0 * * * * later\n");
    let mut t = Table::parse(table.as_bytes()).unwrap();
    assert!(!t.remove("other"));
    assert_eq!(t.render(), table.as_bytes());
    assert_eq!(t.remove_all(), ["wall-flexion", "neck"]);
    assert_eq!(t.render(), b"A=1\n0 * * * * later\n");
}

#[test]
fn lines_outside_the_block_that_look_like_ours_are_not_touched() {
    let table = format!("{WALL}{BEGIN}\n{NECK}{END}\n");
    let mut t = Table::parse(table.as_bytes()).unwrap();
    assert!(!t.remove("wall-flexion"));
    assert!(t.remove("neck"));
    assert_eq!(t.render(), WALL.as_bytes());
}

#[test]
fn an_unclosed_block_is_refused_rather_than_guessed_at() {
    let table = format!("0 * * * * a\n{BEGIN}\n{WALL}");
    let err = Table::parse(table.as_bytes()).unwrap_err();
    assert!(err.contains("no `# END mobility` line"), "{err}");
    assert!(err.contains("crontab -e"), "{err}");
}

#[test]
fn entries_read_back_the_times_and_days() {
    let lines = "# mobility: remind about wall-flexion\n30 9 * * 1,3,5 /m remind wall-flexion\n0 18 * * 1,3,5 /m remind wall-flexion\n";
    let t = Table::parse(&added(b"x\n", "wall-flexion", lines)).unwrap();
    assert_eq!(
        t.entries(),
        [Entry {
            routine: "wall-flexion".into(),
            at: vec![(9, 30), (18, 0)],
            days: Days::List(vec![1, 3, 5]),
        }]
    );
}

/// A user's own block, as chezmoi writes one, whose marker begins with
/// mobility's words.
const CHEZMOI: &str = "# BEGIN mobility-dotfiles (managed by chezmoi)\n0 8 * * * ~/bin/sync-dotfiles\n# END mobility-dotfiles (managed by chezmoi)\n";

#[test]
fn a_users_block_whose_marker_begins_with_ours_is_not_taken_for_ours() {
    let tables = [
        CHEZMOI.to_owned(),
        format!("MAILTO=me\n{CHEZMOI}0 * * * * backup\n"),
        format!("{CHEZMOI}# BEGIN mobility\n# END mobility\n"),
        CHEZMOI.trim_end().to_owned(),
    ];
    for table in &tables {
        let with = added(table.as_bytes(), "wall-flexion", WALL);
        let text = String::from_utf8_lossy(&with);
        assert!(
            text.starts_with(table.as_str()),
            "the user's lines come first, untouched:\n{text}"
        );
        assert!(text.contains(&format!("{BEGIN}\n{WALL}{END}")), "{text}");
        assert_eq!(removed(&with, "wall-flexion"), table.as_bytes(), "{text}");
    }
}

#[test]
fn a_users_block_above_or_below_ours_stays_outside_it() {
    let ours = format!("{BEGIN}\n{NECK}{END}\n");
    for table in [format!("{CHEZMOI}{ours}"), format!("{ours}{CHEZMOI}")] {
        let mut parsed = Table::parse(table.as_bytes()).unwrap();
        assert_eq!(parsed.routines(), ["neck"], "{table}");
        parsed.add("wall-flexion", WALL);
        let with = String::from_utf8(parsed.render()).unwrap();
        assert!(with.contains(CHEZMOI), "{with}");
        assert!(
            with.contains(&format!("{BEGIN}\n{NECK}{WALL}{END}\n")),
            "{with}"
        );
        assert_eq!(removed(with.as_bytes(), "wall-flexion"), table.as_bytes());
        let mut emptied = Table::parse(with.as_bytes()).unwrap();
        assert_eq!(emptied.remove_all(), ["neck", "wall-flexion"]);
        assert_eq!(String::from_utf8(emptied.render()).unwrap(), CHEZMOI);
    }
}
