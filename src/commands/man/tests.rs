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
        "RUNNING A ROUTINE",
        "THE ROUTINE FORMAT",
        "CONFIGURATION",
        "FILES AND ENVIRONMENT",
        "EXIT STATUS",
        "EXAMPLES",
        "SEE ALSO",
    ] {
        assert!(
            page.lines()
                .any(|l| l == format!(".SH {name}") || l == format!(".SH \"{name}\"")),
            "no {name} section"
        );
    }
}

/// The pages of `docs/` that the manual leaves out: the index, and
/// installing, which an installed manual has no need of.
const LEFT_OUT: &[&str] = &["README.md", "install.md"];

#[test]
fn every_page_of_the_reference_is_in_the_manual_once_with_one_title() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && !LEFT_OUT.contains(&name.as_str()))
        .collect();
    on_disk.sort();
    let mut in_manual: Vec<String> = sections::PAGES.iter().map(|(n, _)| n.to_string()).collect();
    in_manual.sort();
    assert_eq!(
        in_manual, on_disk,
        "add the page to PAGES in src/commands/man/sections.rs"
    );
    for (name, text) in sections::PAGES {
        let titles = markdown::to_roff(text)
            .lines()
            .filter(|l| l.starts_with(".SH "))
            .count();
        assert_eq!(titles, 1, "{name} should have exactly one `# Title`");
        let index = std::fs::read_to_string(format!("{dir}/README.md")).unwrap();
        assert!(
            index.contains(&format!("]({name})")),
            "docs/README.md does not link {name}"
        );
    }
}

#[test]
fn the_list_of_keys_in_the_manual_is_the_key_table() {
    let page = sections::PAGES
        .iter()
        .find(|(_, text)| text.contains(sections::KEYS_MARKER))
        .map(|(_, text)| *text)
        .expect("a page with the list of keys");
    let stale = page.replace("Space  pause / resume", "Space  do a dance");
    let keys = with_generated(&stale);
    assert!(!keys.contains("do a dance"), "{keys}");
    for line in crate::ui::keymap::help_lines() {
        assert!(
            keys.contains(&format!("\n{line}\n")),
            "{line:?} not in\n{keys}"
        );
    }
}

#[test]
fn the_example_config_in_the_manual_is_the_settings_table_s() {
    let page = sections::PAGES
        .iter()
        .find(|(_, text)| text.contains(sections::SETTINGS_MARKER))
        .map(|(_, text)| *text)
        .expect("a page with the example config file");
    let stale = page.replace("[remind]", "[remind]\nold = true");
    let made = with_generated(&stale);
    assert!(!made.contains("old = true"), "{made}");
    assert!(made.contains(&crate::config::example()), "{made}");
}

#[test]
fn a_block_is_replaced_only_after_its_marker_and_the_rest_is_kept() {
    let page = "```\nbefore\n```\n<!-- m -->\n```text\nold\nlines\n```\nafter\n";
    assert_eq!(
        replace_block(page, "<!-- m -->", "new"),
        "```\nbefore\n```\n<!-- m -->\n```text\nnew\n```\nafter\n"
    );
    assert_eq!(replace_block("no marker", "<!-- m -->", "new"), "no marker");
    assert_eq!(
        replace_block("<!-- m -->\nno block", "<!-- m -->", "new"),
        "<!-- m -->\nno block"
    );
}

#[test]
fn the_routine_example_in_the_manual_is_the_built_in_wall_drill() {
    let page = sections::PAGES
        .iter()
        .find(|(name, _)| *name == "format.md")
        .map(|(_, text)| *text)
        .expect("the format page");
    let made = with_generated(page);
    let drill = include_str!("../../../routines/wall-flexion.toml");
    assert!(made.contains(drill.trim_end()), "{made}");
}
