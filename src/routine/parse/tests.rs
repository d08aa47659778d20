use super::*;
use crate::routine::{RepKind, RepPhase};
use std::time::Duration;

const HEAD: &str = "title = \"T\"\n";

/// A routine with one step; `extra` lines go into the step.
fn one_step(extra: &str) -> String {
    format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"5s\"\n{extra}")
}

#[track_caller]
fn ok(src: &str) -> Routine {
    parse_str(src, "t".into(), "t.toml").unwrap_or_else(|e| panic!("expected valid:\n{e}"))
}

/// The single problem found, as `line:col: message`.
#[track_caller]
fn problem(src: &str) -> String {
    let e = parse_str(src, "t".into(), "t.toml").expect_err("expected an error");
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = &e.diagnostics[0];
    match d.at {
        Some(at) => format!("{}:{}: {}", at.line, at.column, d.message),
        None => format!("whole file: {}", d.message),
    }
}

#[test]
fn a_minimal_routine_gets_the_documented_defaults() {
    let r = ok(&one_step(""));
    assert_eq!(r.lead_in, Duration::from_secs(3));
    let s = &r.steps[0];
    assert_eq!(
        (s.reps, s.rest, s.lead_in),
        (1, Duration::ZERO, Duration::from_secs(3))
    );
    assert!(s.sides.is_empty() && s.prompts.is_empty());
    assert_eq!(r.total(), Duration::from_secs(8));
}

#[test]
fn durations_take_humantime_forms() {
    let r = ok(&format!(
        "{HEAD}lead_in = \"0s\"\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1m 30s\"\nrest = \"500ms\"\nreps = 2\n"
    ));
    assert_eq!(r.steps[0].rep(), Duration::from_secs(90));
    assert_eq!(r.steps[0].rest, Duration::from_millis(500));
    assert_eq!(r.total(), Duration::from_millis(180_500));
}

#[test]
fn a_step_lead_in_overrides_the_routines() {
    let r = ok(&one_step(
        "lead_in = \"5s\"\nsides = [\"left\", \"right\"]\n",
    ));
    assert_eq!(r.steps[0].lead_in, Duration::from_secs(5));
    // 2 sides × (5 + 5)
    assert_eq!(r.total(), Duration::from_secs(20));
}

#[test]
fn unknown_key_suggests_the_nearest_one() {
    assert_eq!(
        problem(&one_step("hodl = \"5s\"\n")),
        "6:1: unknown key `hodl` in step 1; did you mean `hold`?"
    );
}

#[test]
fn unknown_top_level_key_with_nothing_close_lists_the_keys() {
    let p = problem(&format!("zzz = 1\n{}", one_step("")));
    assert!(
        p.starts_with("1:1: unknown key `zzz`; the keys here are `title`"),
        "{p}"
    );
}

#[test]
fn unknown_key_in_a_prompt_names_the_prompt() {
    let src = one_step("[[step.prompt]]\nat = \"1s\"\ntxt = \"x\"\n");
    assert_eq!(
        problem(&src),
        "8:1: unknown key `txt` in prompt 1 of step 1; did you mean `text`?"
    );
}

#[test]
fn a_bare_number_duration_says_to_add_a_unit() {
    let src = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = 5\n");
    assert_eq!(
        problem(&src),
        "5:8: `hold` in step 1 is a bare number; add a unit, as in `hold = \"5s\"`"
    );
    let src = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"5\"\n");
    assert!(problem(&src).contains("with no unit; add one"));
    // The example is one the key takes: not 99999s for a rest.
    for rest in ["rest = 99999", "rest = \"99999\""] {
        let p = problem(&one_step(&format!("{rest}\n")));
        assert!(
            p.ends_with("as in `rest = \"5s\"`") || p.ends_with("as in `\"5s\"`"),
            "{p}"
        );
    }
}

#[test]
fn a_word_that_is_not_a_duration_shows_the_accepted_forms() {
    let p = problem(&one_step("rest = \"five\"\n"));
    assert_eq!(
        p,
        "6:8: `rest` in step 1: `five` is not a duration; write it like `\"5s\"`, `\"1m 30s\"` or `\"500ms\"`"
    );
}

#[test]
fn missing_required_key_points_at_its_step() {
    let src = format!("{}[[step]]\nname = \"b\"\ncue = \"c\"\n", one_step(""));
    assert_eq!(
        problem(&src),
        "6:1: step 2 has neither `hold` nor `[[step.phase]]` tables; add a line like `hold = \"5s\"`, or phases after the step"
    );
    let p = problem("[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\n");
    assert!(p.contains("missing `title`"), "{p}");
}

#[test]
fn a_routine_needs_a_step() {
    assert_eq!(
        problem(HEAD),
        "whole file: the routine has no steps; add at least one `[[step]]` with `name`, `cue` and `hold`"
    );
}

#[test]
fn more_than_two_hundred_steps_is_an_error_at_the_first_extra() {
    let step = "[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\n";
    let src = format!("{HEAD}{}", step.repeat(201));
    assert_eq!(
        problem(&src),
        format!(
            "{}:1: a routine has at most 200 steps; this is step 201",
            2 + 200 * 4
        )
    );
    ok(&format!("{HEAD}{}", step.repeat(200)));
}

#[test]
fn reps_must_be_from_one_to_a_hundred() {
    assert_eq!(
        problem(&one_step("reps = 0\n")),
        "6:8: `reps` in step 1 is 0, fewer than the 1 minimum"
    );
    assert_eq!(
        problem(&one_step("reps = 101\n")),
        "6:8: `reps` in step 1 is 101, more than the 100 limit"
    );
    assert!(problem(&one_step("reps = \"6\"\n")).contains("must be a whole number"));
    assert_eq!(ok(&one_step("reps = 100\n")).steps[0].reps, 100);
}

#[test]
fn hold_must_be_more_than_zero_and_at_most_an_hour() {
    let zero = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"0s\"\n");
    assert_eq!(problem(&zero), "5:8: `hold` in step 1 must be more than 0");
    let long = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"61m\"\n");
    assert_eq!(
        problem(&long),
        "5:8: `hold` in step 1 is 1h 1m, longer than the 1h limit"
    );
    ok(&format!(
        "{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"1h\"\n"
    ));
}

#[test]
fn rest_and_lead_in_are_at_most_ten_minutes() {
    assert_eq!(
        problem(&one_step("rest = \"11m\"\n")),
        "6:8: `rest` in step 1 is 11m, longer than the 10m limit"
    );
    let p = problem(&format!("lead_in = \"10m 1s\"\n{}", one_step("")));
    assert_eq!(p, "1:11: `lead_in` is 10m 1s, longer than the 10m limit");
}

#[test]
fn a_prompt_must_come_before_the_hold_ends() {
    let src = one_step("[[step.prompt]]\nat = \"5s\"\ntext = \"late\"\n");
    assert_eq!(
        problem(&src),
        "7:6: `at` in prompt 1 of step 1 is 5s, but the hold is 5s; a prompt must come before the hold ends"
    );
}

#[test]
fn prompts_are_sorted_by_time() {
    let src = one_step(
        "[[step.prompt]]\nat = \"3s\"\ntext = \"b\"\n[[step.prompt]]\nat = \"1s\"\ntext = \"a\"\n",
    );
    let texts: Vec<_> = ok(&src).steps[0]
        .prompts
        .iter()
        .map(|p| p.text.clone())
        .collect();
    assert_eq!(texts, ["a", "b"]);
}

#[test]
fn the_title_is_at_most_eighty_characters() {
    let src = format!(
        "title = \"{}\"\n{}",
        "x".repeat(81),
        one_step("").replace(HEAD, "")
    );
    assert_eq!(
        problem(&src),
        "1:9: `title` is 81 characters long; the limit is 80"
    );
}

#[test]
fn required_text_may_not_be_blank() {
    let src = format!("{HEAD}[[step]]\nname = \"  \"\ncue = \"b\"\nhold = \"5s\"\n");
    assert_eq!(
        problem(&src),
        "3:8: `name` in step 1 is empty; write something here"
    );
}

#[test]
fn an_escape_character_is_named_and_located() {
    // Written as a TOML escape: the error points at the string.
    let src = format!("{HEAD}[[step]]\nname = \"a\\u001b[2J\"\ncue = \"b\"\nhold = \"5s\"\n");
    let p = problem(&src);
    assert!(
        p.starts_with("3:8: `name` in step 1 contains the character U+001B"),
        "{p}"
    );
    // Written literally: the error points at the character itself.
    let src = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"ab\u{9b}c\"\nhold = \"5s\"\n");
    let p = problem(&src);
    assert!(
        p.starts_with("4:10: the file contains the control character U+009B"),
        "{p}"
    );
    let p = problem("title = \"T\u{1b}[31m\"\n");
    assert!(
        p.starts_with("1:11: the file contains the control character U+001B"),
        "{p}"
    );
    // A bidi override is valid TOML: it is caught in the text it is in.
    let p = problem(&format!(
        "{HEAD}[[step]]\nname = \"a\u{202e}b\"\ncue = \"b\"\nhold = \"1s\"\n"
    ));
    assert!(
        p.starts_with("3:10: `name` in step 1 contains the character U+202E"),
        "{p}"
    );
}

#[test]
fn nul_del_and_bidi_overrides_are_refused() {
    for c in ['\u{0}', '\u{7f}', '\u{202e}', '\u{2066}'] {
        let src = format!(
            "{HEAD}[[step]]\nname = \"a\"\ncue = \"x\\u{:04x}\"\nhold = \"5s\"\n",
            c as u32
        );
        let p = problem(&src);
        assert!(p.contains(&format!("U+{:04X}", c as u32)), "{p}");
    }
}

#[test]
fn newlines_and_tabs_are_fine_in_a_cue_but_not_in_a_name() {
    let r = ok(&format!(
        "{HEAD}[[step]]\nname = \"a\"\ncue = \"\"\"\none\n\ttwo\"\"\"\nhold = \"5s\"\n"
    ));
    assert_eq!(r.steps[0].cue, "one\n\ttwo");
    let src = format!("{HEAD}[[step]]\nname = \"a\\nb\"\ncue = \"c\"\nhold = \"5s\"\n");
    assert_eq!(problem(&src), "3:8: `name` in step 1 must be one line");
}

#[test]
fn a_wrong_type_names_the_key_and_what_was_expected() {
    let src = format!("{HEAD}[[step]]\nname = 3\ncue = \"b\"\nhold = \"5s\"\n");
    assert_eq!(
        problem(&src),
        "3:8: `name` in step 1 should be text in quotes, not an integer"
    );
}

#[test]
fn sides_must_be_distinct_and_not_empty() {
    assert!(problem(&one_step("sides = []\n")).contains("`sides` in step 1 has 0 entries"));
    let p = problem(&one_step("sides = [\"left\", \"left\"]\n"));
    assert_eq!(p, "6:18: side `left` appears twice in `sides` in step 1");
}

#[test]
fn invalid_utf8_is_reported_at_its_position() {
    let mut bytes = b"title = \"ok\"\nname = \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    let e = parse_bytes(&bytes, "t".into(), "t.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "t.toml:2:9: the file is not valid UTF-8 (byte 0xFF); save it as UTF-8"
    );
}

#[test]
fn every_problem_in_a_file_is_reported_not_just_the_first() {
    let src = format!("{HEAD}[[step]]\nname = \"\"\ncue = \"b\"\nhold = \"0s\"\nreps = 500\n");
    let e = parse_str(&src, "t".into(), "t.toml").unwrap_err();
    assert_eq!(e.diagnostics.len(), 3, "{e}");
}

#[test]
fn syntax_errors_carry_a_position_and_no_raw_control_characters() {
    let e = parse_str("title = \"\u{1b}[31m", "t".into(), "t.toml").unwrap_err();
    let text = e.to_string();
    assert!(text.starts_with("t.toml:1:"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn quoting_user_values_escapes_and_shortens_them() {
    assert_eq!(quote("a\u{1b}b"), "`a\\u{1b}b`");
    assert_eq!(quote(&"x".repeat(100)).chars().count(), 40 + 3);
}

#[test]
fn single_brackets_for_a_step_suggest_double_ones() {
    let src = format!("{HEAD}[step]\nname = \"a\"\ncue = \"b\"\nhold = \"1s\"\n");
    assert_eq!(
        problem(&src),
        "2:1: `[step]` makes a single table; write `[[step]]`, with double brackets, for each one"
    );
}

#[test]
fn an_unclosed_string_says_how_to_close_it() {
    let p = problem("title = \"Unclosed\n");
    assert!(
        p.starts_with("1:18: this text is not closed; end it with a quote"),
        "{p}"
    );
}

#[test]
fn only_the_shown_problems_are_placed_and_the_rest_are_counted_exactly() {
    // Every empty tag is a problem: 25 of them, then a bare-number hold.
    let tags = vec!["\"\""; 25].join(",\n");
    let src =
        format!("title = \"t\"\ntags = [{tags}]\n[[step]]\nname = \"a\"\ncue = \"b\"\nhold = 5\n");
    let e = parse_str(&src, "t".into(), "t.toml").unwrap_err();
    assert_eq!(e.diagnostics.len(), crate::diagnostic::MAX_SHOWN);
    assert_eq!(e.hidden, 16);
    // In file order, the first at the first tag.
    assert_eq!(
        e.diagnostics[0].at.map(|p| (p.line, p.column)),
        Some((2, 9))
    );
    assert_eq!(e.diagnostics[9].at.map(|p| p.line), Some(11));
    assert!(
        e.to_string().ends_with("t.toml: … and 16 more problems"),
        "{e}"
    );
}

/// A routine with one step of phases; `phases` are the phase tables.
fn phased(phases: &str) -> String {
    format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nreps = 2\n{phases}")
}

const THREE_PHASES: &str = "[[step.phase]]\nname = \"Round down\"\ntime = \"5s\"\nsay = \"Round down, head first\"\n\
[[step.phase]]\nname = \"Hold\"\ntime = \"3s\"\nkind = \"hold\"\n\
[[step.phase]]\nname = \"Roll up\"\ntime = \"5s\"\nkind = \"move\"\n";

#[test]
fn phases_make_a_rep_and_kind_defaults_to_move() {
    let r = ok(&phased(THREE_PHASES));
    let s = &r.steps[0];
    assert!(!s.from_hold);
    let shape: Vec<_> = s
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.time.as_secs(), p.kind, p.say.as_deref()))
        .collect();
    assert_eq!(
        shape,
        [
            (
                "Round down",
                5,
                RepKind::Move,
                Some("Round down, head first")
            ),
            ("Hold", 3, RepKind::Hold, None),
            ("Roll up", 5, RepKind::Move, None),
        ]
    );
    assert_eq!(s.rep(), Duration::from_secs(13));
    // 3 + 2 × 13, no rest
    assert_eq!(r.total(), Duration::from_secs(29));
}

#[test]
fn a_hold_step_is_one_phase_named_hold() {
    let s = &ok(&one_step("")).steps[0];
    assert!(s.from_hold);
    assert_eq!(s.phases, [RepPhase::hold(Duration::from_secs(5))]);
}

#[test]
fn a_step_needs_hold_or_phases_but_not_both() {
    assert_eq!(
        problem(&one_step(THREE_PHASES)),
        "2:1: step 1 has both `hold` and `[[step.phase]]` tables; keep one: `hold` for a rep held still, phases for a rep that moves"
    );
    assert_eq!(
        problem(&format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\n")),
        "2:1: step 1 has neither `hold` nor `[[step.phase]]` tables; add a line like `hold = \"5s\"`, or phases after the step"
    );
}

#[test]
fn a_step_has_at_most_ten_phases() {
    let one = "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\n";
    ok(&phased(&one.repeat(10)));
    // The eleventh phase's header is on line 6 + 10 × 3.
    assert_eq!(
        problem(&phased(&one.repeat(11))),
        "36:1: a step has at most 10 phases; this is phase 11 in step 1"
    );
}

#[test]
fn phase_time_is_more_than_zero_and_at_most_an_hour() {
    let p = problem(&phased("[[step.phase]]\nname = \"p\"\ntime = \"0s\"\n"));
    assert_eq!(p, "8:8: `time` in phase 1 of step 1 must be more than 0");
    let p = problem(&phased("[[step.phase]]\nname = \"p\"\ntime = \"61m\"\n"));
    assert_eq!(
        p,
        "8:8: `time` in phase 1 of step 1 is 1h 1m, longer than the 1h limit"
    );
    let p = problem(&phased("[[step.phase]]\nname = \"p\"\ntime = 5\n"));
    assert!(
        p.starts_with("8:8: `time` in phase 1 of step 1 is a bare number"),
        "{p}"
    );
}

#[test]
fn phase_names_are_one_short_line() {
    let long = "x".repeat(25);
    let p = problem(&phased(&format!(
        "[[step.phase]]\nname = \"{long}\"\ntime = \"1s\"\n"
    )));
    assert_eq!(
        p,
        "7:8: `name` in phase 1 of step 1 is 25 characters long; the limit is 24"
    );
    let p = problem(&phased("[[step.phase]]\nname = \"a\\tb\"\ntime = \"1s\"\n"));
    assert_eq!(
        p,
        "7:8: `name` in phase 1 of step 1 contains a tab; use spaces in one-line text"
    );
    let p = problem(&phased("[[step.phase]]\nname = \"\"\ntime = \"1s\"\n"));
    assert_eq!(
        p,
        "7:8: `name` in phase 1 of step 1 is empty; write something here"
    );
}

#[test]
fn say_follows_the_text_rules() {
    let p = problem(&phased(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\nsay = \"a\\u202eb\"\n",
    ));
    assert!(
        p.starts_with("9:7: `say` in phase 1 of step 1 contains the character U+202E"),
        "{p}"
    );
    let long = "x".repeat(201);
    let p = problem(&phased(&format!(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\nsay = \"{long}\"\n"
    )));
    assert!(
        p.ends_with("is 201 characters long; the limit is 200"),
        "{p}"
    );
    let p = problem(&phased(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\nsay = \"\"\"\none\ntwo\"\"\"\n",
    ));
    assert_eq!(p, "9:7: `say` in phase 1 of step 1 must be one line");
}

#[test]
fn an_unknown_kind_suggests_the_nearest() {
    let p = problem(&phased(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\nkind = \"hodl\"\n",
    ));
    assert_eq!(
        p,
        "9:8: `kind` in phase 1 of step 1 is `hodl`; did you mean `hold`?"
    );
    let p = problem(&phased(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\nkind = \"zzz\"\n",
    ));
    assert_eq!(
        p,
        "9:8: `kind` in phase 1 of step 1 is `zzz`; write `\"move\"` or `\"hold\"`"
    );
}

#[test]
fn unknown_and_missing_phase_keys_name_the_phase() {
    let p = problem(&phased(
        "[[step.phase]]\nname = \"p\"\ntime = \"1s\"\n[[step.prompt]]\nat = \"0s\"\ntext = \"t\"\n[[step.phase]]\nname = \"q\"\ntiem = \"1s\"\n",
    ));
    assert_eq!(
        p,
        "14:1: unknown key `tiem` in phase 2 of step 1; did you mean `time`?"
    );
    let p = problem(&phased("[[step.phase]]\nname = \"p\"\n"));
    assert_eq!(
        p,
        "6:1: missing `time` in phase 1 of step 1; add a line like `time = \"5s\"`"
    );
    let p = problem(&one_step("phse = 1\n"));
    assert_eq!(
        p,
        "6:1: unknown key `phse` in step 1; did you mean `phase`?"
    );
}

/// The three phases of the wall drill's rep (5 s, 3 s, 5 s), with a
/// prompt `at` into the phase named by `after` (the phase's header line).
fn with_phase_prompt(after: &str, at: &str) -> String {
    let prompt = format!("[[step.phase.prompt]]\nat = \"{at}\"\ntext = \"t\"\n");
    let at_header = THREE_PHASES.find(after).expect("a phase of THREE_PHASES");
    let end = THREE_PHASES[at_header..]
        .find("[[step.phase]]")
        .map_or(THREE_PHASES.len(), |i| at_header + i);
    phased(&format!(
        "{}{prompt}{}",
        &THREE_PHASES[..end],
        &THREE_PHASES[end..]
    ))
}

#[test]
fn a_phase_prompt_counts_from_the_start_of_its_phase() {
    // 1 s into the hold, which starts 5 s into the rep.
    let r = ok(&with_phase_prompt("name = \"Hold\"", "1s"));
    assert_eq!(r.steps[0].prompts[0].at, Duration::from_secs(6));
    let (at, _) = r.steps[0]
        .phase_prompts(1)
        .next()
        .expect("the hold's prompt");
    assert_eq!(at, Duration::from_secs(1));
    assert_eq!(r.steps[0].phase_prompts(0).count(), 0);
}

#[test]
fn a_phase_prompt_at_or_past_its_phase_end_is_refused() {
    let p = problem(&with_phase_prompt("name = \"Hold\"", "3s"));
    assert!(
        p.ends_with(
            "`at` in prompt 1 of phase 2 of step 1 is 3s, but the phase `Hold` is 3s; a prompt must come before its phase ends"
        ),
        "{p}"
    );
}

#[test]
fn a_longer_phase_keeps_its_prompts_and_the_next_phase_s() {
    // The hold's prompt stays in the hold however long the round-down
    // becomes: it is counted from the hold, not the rep.
    let longer =
        with_phase_prompt("name = \"Hold\"", "1s").replacen("time = \"5s\"", "time = \"8s\"", 1);
    let r = ok(&longer);
    let step = &r.steps[0];
    assert_eq!(step.phase_prompts(1).count(), 1);
    assert_eq!(step.prompts[0].at, Duration::from_secs(9));
}

#[test]
fn a_step_level_prompt_in_a_phased_step_says_where_it_belongs() {
    let src = phased(&format!(
        "{THREE_PHASES}[[step.prompt]]\nat = \"6s\"\ntext = \"t\"\n"
    ));
    let p = problem(&src);
    assert!(
        p.ends_with(
            "step 1 has phases, so its prompts go inside them; move it under phase `Hold` as `[[step.phase.prompt]]` with `at = \"1s\"`"
        ),
        "{p}"
    );
    assert!(p.starts_with("18:1:"), "{p}");
}

// --- realistic slips, worded for the person who made them ---

#[test]
fn a_prompt_table_at_the_top_level_points_to_step_prompt() {
    let after_a_step = one_step("[[prompt]]\nat = \"1s\"\ntext = \"x\"\n");
    assert_eq!(
        problem(&after_a_step),
        "6:1: unknown table `[[prompt]]`; a prompt belongs to a step: write `[[step.prompt]]` below its `[[step]]`"
    );
    let before_any_step = format!("[[prompt]]\nat = \"1s\"\n{}", one_step(""));
    assert_eq!(
        problem(&before_any_step),
        "1:1: unknown table `[[prompt]]`; a prompt belongs to a step: write `[[step.prompt]]` below its `[[step]]`"
    );
}

#[test]
fn a_misspelt_table_header_is_answered_with_the_header() {
    let src = format!("{HEAD}\n[[steps]]\nname = \"a\"\ncue = \"b\"\nhold = \"5s\"\n");
    assert_eq!(
        problem(&src),
        "3:1: unknown table `[[steps]]`; did you mean `[[step]]`?"
    );
    assert_eq!(
        problem(&one_step("[[step.prompts]]\nat = \"1s\"\ntext = \"x\"\n")),
        "6:1: unknown table `[[step.prompts]]` in step 1; did you mean `[[step.prompt]]`?"
    );
}

#[test]
fn unquoted_text_is_told_to_be_quoted() {
    let src = format!("{HEAD}[[step]]\nname = Nod\ncue = \"b\"\nhold = \"5s\"\n");
    assert_eq!(
        problem(&src),
        "3:8: `name` in step 1 is text, and text must be quoted: write `name = \"Nod\"`"
    );
    // Whatever word TOML stumbles on, and with a comment after it.
    assert_eq!(
        problem(&one_step("lead_in = 2s # short\n")),
        "6:11: `lead_in` in step 1 is text, and text must be quoted: write `lead_in = \"2s\"`"
    );
    assert_eq!(
        problem("title = Wall \"thoracic\" flexion\n"),
        "1:9: `title` is text, and text must be quoted: write `title = \"Wall \\\"thoracic\\\" flexion\"`"
    );
}

#[test]
fn an_unclosed_multiline_text_points_at_where_it_opened() {
    let src = format!("{HEAD}[[step]]\nname = \"a\"\ncue = \"\"\"\nb\nhold = \"5s\"\n");
    assert_eq!(
        problem(&src),
        "4:7: the text of `cue` in step 1 opens with `\"\"\"` here and is never closed; close it with `\"\"\"`"
    );
    // An earlier, closed one is not the culprit.
    let src = "title = \"\"\"\nT\"\"\"\n[[step]]\nname = \"a\"\ncue = \"\"\"\nb\nhold = \"5s\"\n";
    assert_eq!(
        problem(src),
        "5:7: the text of `cue` in step 1 opens with `\"\"\"` here and is never closed; close it with `\"\"\"`"
    );
}

#[test]
fn a_duplicate_key_is_named() {
    assert_eq!(
        problem(&format!("{HEAD}{}", one_step(""))),
        "2:1: `title` appears twice; keep one"
    );
    assert_eq!(
        problem(&one_step("name = \"x\"\n")),
        "6:1: `name` appears twice in step 1; keep one"
    );
}

#[test]
fn a_prompt_s_time_is_offered_only_as_values_before_its_end() {
    // A 3s hold and a 2s phase: `5s` would be refused there.
    let hold = |at: &str| {
        format!(
            "{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\nhold = \"3s\"\n[[step.prompt]]\nat = \"{at}\"\ntext = \"t\"\n"
        )
    };
    let phase = |at: &str| {
        format!(
            "{HEAD}[[step]]\nname = \"a\"\ncue = \"b\"\n[[step.phase]]\nname = \"Down\"\ntime = \"2s\"\n[[step.phase.prompt]]\nat = \"{at}\"\ntext = \"t\"\n"
        )
    };
    for make in [&hold as &dyn Fn(&str) -> String, &phase] {
        for wrong in ["soon", "5"] {
            let message = problem(&make(wrong));
            let offered: Vec<&str> = message
                .split("`\"")
                .skip(1)
                .filter_map(|rest| rest.split_once("\"`").map(|(value, _)| value))
                .collect();
            assert!(!offered.is_empty(), "{message}");
            for value in offered {
                ok(&make(value));
            }
        }
    }
}
