use super::*;

#[test]
fn roff_requests_and_escapes_in_text_are_neutralised() {
    assert_eq!(escape_line(".SH x"), "\\&.SH x");
    assert_eq!(escape_line("'br"), "\\&'br");
    assert_eq!(escape("a\\fBb --x"), "a\\efBb \\-\\-x");
    assert_eq!(escape("n →"), "n \\[u2192]");
}

#[test]
fn the_page_names_every_section() {
    let page = page();
    for name in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "KEYS",
        "ROUTINE FORMAT",
        "CONFIGURATION",
        "FILES",
        "EXIT STATUS",
        "EXAMPLES",
    ] {
        assert!(
            page.lines()
                .any(|l| l == format!(".SH {name}") || l == format!(".SH \"{name}\"")),
            "no {name} section"
        );
    }
}
