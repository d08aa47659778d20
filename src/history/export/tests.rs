use super::*;
use crate::history::test_support::{at, run};

#[test]
fn csv_quotes_only_fields_that_need_it_and_ends_lines_in_crlf() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    r.title = "Wall, \"slow\"\nthen up".to_string();
    r.machine = Some("laptop".into());
    let out = csv(&[&r], false);
    assert_eq!(
        out,
        format!(
            "{CSV_HEADER}\r\nwall,\"Wall, \"\"slow\"\"\nthen up\",2026-11-25T10:30:00+01:00,2026-11-25T10:40:00+01:00,600,true,4,4,0,laptop,,,,\r\n"
        )
    );
}

#[test]
fn csv_ends_each_row_with_the_ratings_then_the_program_and_stage() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    r.checkin_before = Some(6);
    r.checkin_after = Some(0);
    r.program = Some("flexion-program".into());
    r.stage = Some(2);
    let out = csv(&[&r], false);
    let row = out.lines().nth(1).unwrap();
    assert!(row.ends_with(",0,,6,0,flexion-program,2"), "{row}");
}

#[test]
fn csv_on_a_terminal_escapes_control_characters() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    r.title = "\u{1b}[2Jboom".to_string();
    assert!(csv(&[&r], false).contains('\u{1b}'));
    let shown = csv(&[&r], true);
    assert!(!shown.contains('\u{1b}'));
    assert!(shown.contains("\\u{1b}[2Jboom"));
}

#[test]
fn ics_text_is_escaped_and_long_lines_fold_between_characters() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    r.title = format!("a;b,c\\d\ne\u{7}{}", "ü".repeat(60));
    let out = ics(&[&r]);
    for l in out.split("\r\n") {
        assert!(l.len() <= ICS_LINE, "{l:?}");
    }
    let unfolded = out.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!("SUMMARY:a\\;b\\,c\\\\d\\ne{}\r\n", "ü".repeat(60))),
        "{unfolded}"
    );
    assert!(unfolded.contains("DTSTART:20261125T093000Z\r\n"));
    assert!(unfolded.contains("DTEND:20261125T094000Z\r\n"));
}

#[test]
fn only_completed_runs_become_events_with_uids_from_the_run() {
    let start = at("2026-11-25T10:30", "Europe/Berlin");
    let done = run("wall", &start, true);
    let stopped = run("wall", &at("2026-11-26T10:30", "Europe/Berlin"), false);
    let out = ics(&[&done, &stopped]);
    assert_eq!(out.matches("BEGIN:VEVENT").count(), 1);
    let mut elsewhere = done.clone();
    elsewhere.machine = Some("desk".into());
    elsewhere.title = "renamed".into();
    assert_eq!(uid(&done), uid(&elsewhere));
    assert_ne!(uid(&done), uid(&run("other", &start, true)));
    assert!(uid(&done).ends_with("@mobility"));
}

#[test]
fn a_runs_uid_is_the_same_in_every_version() {
    // FNV-1a (64 bits) of "wall", a NUL, and the start instant
    // "1795599000.000000000", worked out independently of this code: a
    // calendar that imported an older export keeps one event per run.
    let r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    assert_eq!(uid(&r), "25d2d39522863e74@mobility");
}

#[test]
fn ics_text_turns_any_line_break_into_one_newline_and_drops_tabs() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    r.title = "dos\r\nmac\rtab\there".to_string();
    let out = ics(&[&r]);
    assert!(out.contains("SUMMARY:dos\\nmac\\ntabhere\r\n"), "{out}");
}

#[test]
fn ics_lines_never_pass_75_octets_wherever_a_wide_character_falls() {
    for pad in 0..2 {
        let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
        r.title = format!("{}{}{}", "x".repeat(pad), "ü".repeat(60), "y".repeat(100));
        let out = ics(&[&r]);
        for l in out.split("\r\n") {
            assert!(l.len() <= ICS_LINE, "{pad}: {} octets: {l:?}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!("SUMMARY:{}\r\n", r.title)),
            "{unfolded}"
        );
    }
}

#[test]
fn an_ics_line_of_exactly_75_octets_is_not_folded_and_one_more_is() {
    let mut r = run("wall", &at("2026-11-25T10:30", "Europe/Berlin"), true);
    // "SUMMARY:" is 8 octets.
    r.title = "t".repeat(ICS_LINE - 8);
    let out = ics(&[&r]);
    assert!(
        out.contains(&format!("\r\nSUMMARY:{}\r\n", r.title)),
        "{out}"
    );
    r.title.push('u');
    let out = ics(&[&r]);
    let folded = format!("\r\nSUMMARY:{}\r\n u\r\n", "t".repeat(ICS_LINE - 8));
    assert!(out.contains(&folded), "{out}");
}
