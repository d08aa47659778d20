use super::*;

#[test]
fn headings_are_sections_subsections_and_bold_lines() {
    assert_eq!(
        to_roff("# Exit status\n\n## The `run` command\n\n### Colour\n"),
        ".SH \"EXIT STATUS\"\n.SS \"The run command\"\n.PP\n\\fBColour\\fR\n"
    );
}

#[test]
fn a_paragraph_keeps_its_lines_and_loses_their_indent() {
    assert_eq!(
        to_roff("One line\n  and the next.\n\nAnother."),
        ".PP\nOne line\nand the next.\n.PP\nAnother.\n"
    );
}

#[test]
fn inline_code_is_bold_emphasis_italic_and_links_keep_their_text() {
    assert_eq!(
        to_roff("Run `mobility run` **now**, *slowly*: [the format](format.md#keys)."),
        ".PP\nRun \\fBmobility run\\fR \\fBnow\\fR, \\fIslowly\\fR: the format.\n"
    );
    assert_eq!(
        to_roff("See [RFC 4180](https://example.org/4180)."),
        ".PP\nSee RFC 4180 (https://example.org/4180).\n"
    );
}

#[test]
fn code_inside_bold_stays_bold_and_the_font_comes_back() {
    assert_eq!(
        to_roff("**`q` quits** then *`x` here*"),
        ".PP\n\\fBq quits\\fR then \\fI\\fBx\\fI here\\fR\n"
    );
    assert_eq!(to_roff("*a `b` c*"), ".PP\n\\fIa \\fBb\\fI c\\fR\n");
}

#[test]
fn stray_markers_are_text() {
    assert_eq!(
        to_roff("a * b, 2**3 and [x] and `open"),
        ".PP\na * b, 2**3 and [x] and `open\n"
    );
    assert_eq!(to_roff("a \\| b \\* c"), ".PP\na | b * c\n");
    assert_eq!(
        to_roff("``a `b` c``"),
        ".PP\n\\fBa `b` c\\fR\n",
        "double backticks hold single ones"
    );
}

#[test]
fn roff_in_the_text_is_never_read_as_roff() {
    let roff = to_roff(".SH HACK\n'br\n\nsome \\fBtext --x");
    assert_eq!(
        roff,
        ".PP\n\\&.SH HACK\n\\&'br\n.PP\nsome \\efBtext \\-\\-x\n"
    );
    let roff = to_roff("- .TH item\n\n```\n.so /etc/passwd\n```\n");
    assert!(roff.contains("\n\\&.TH item\n"), "{roff}");
    assert!(roff.contains("\n\\&.so /etc/passwd\n"), "{roff}");
}

#[test]
fn control_characters_and_non_ascii_are_named() {
    assert_eq!(
        to_roff("a\u{1b}[31m → b"),
        ".PP\na\\eu{1b}[31m \\[u2192] b\n"
    );
}

#[test]
fn lists_are_indented_paragraphs_with_bullets_or_numbers() {
    assert_eq!(
        to_roff("- one\n  more\n- two\n\nafter"),
        ".IP \\(bu 2\none\nmore\n.IP \\(bu 2\ntwo\n.PP\nafter\n"
    );
    assert_eq!(
        to_roff("1. first\n2. second\n   - nested\n3. third\n"),
        ".IP 1. 3\nfirst\n.IP 2. 3\nsecond\n.RS 2\n.IP \\(bu 2\nnested\n.RE\n.IP 3. 3\nthird\n"
    );
}

#[test]
fn a_blank_line_inside_a_list_keeps_it_going_only_before_an_item() {
    assert_eq!(
        to_roff("- one\n\n- two\n\nText."),
        ".IP \\(bu 2\none\n.IP \\(bu 2\ntwo\n.PP\nText.\n"
    );
}

#[test]
fn code_blocks_are_kept_as_written() {
    assert_eq!(
        to_roff("```toml\n[run]\n  voice = true # -x\n\n```\n"),
        ".PP\n.RS 4\n.nf\n[run]\n  voice = true # \\-x\n\\&\n.fi\n.RE\n"
    );
}

#[test]
fn html_comments_are_left_out() {
    assert_eq!(to_roff("<!-- a\nb -->\nText."), ".PP\nText.\n");
}

#[test]
fn a_narrow_table_is_shown_as_written_with_markup_dropped() {
    assert_eq!(
        to_roff("| Code | Meaning |\n|---|---|\n| `0` | yes |\n| 128 + n | a signal |\n"),
        ".PP\n.RS 4\n.nf\nCode     Meaning\n0        yes\n128 + n  a signal\n.fi\n.RE\n"
    );
}

#[test]
fn a_wide_table_is_a_tagged_paragraph_per_row() {
    let cell = "word ".repeat(16);
    let two = format!("| Option | Meaning |\n|---|---|\n| `--plain` | {cell}|\n");
    assert_eq!(
        to_roff(&two),
        format!(".TP\n\\fB\\-\\-plain\\fR\n{}\n", cell.trim())
    );
    let three = format!(
        "| Key | Where | Limits |\n|---|---|---|\n| `a\\|b` | top | {cell}|\n| `c` | | x |\n"
    );
    assert_eq!(
        to_roff(&three),
        format!(
            ".TP\n\\fBa|b\\fR\nWhere: top\n.br\nLimits: {}\n.TP\n\\fBc\\fR\nLimits: x\n",
            cell.trim()
        )
    );
}

#[test]
fn a_block_quote_is_an_indented_paragraph() {
    assert_eq!(
        to_roff("> Stop if it hurts.\n> Ask."),
        ".RS 4\n.PP\nStop if it hurts.\nAsk.\n.RE\n"
    );
}
