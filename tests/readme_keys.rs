//! The README's list of keys is the key table itself, as `run --help`
//! prints it: a key added, renamed or re-described in `src/ui/keymap.rs`
//! fails here until the README says the same.

#[test]
fn the_readme_lists_exactly_the_keys_of_the_key_table() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- keys: from src/ui/keymap.rs -->\n```text\n")
        .expect("the README's key list");
    let listed = &readme[start..];
    let listed = &listed[listed.find("```text\n").unwrap() + 8..];
    let listed = &listed[..listed.find("```").unwrap()];
    let table: Vec<String> = mobility::ui::keymap::help_lines();
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        table,
        "update the README's key list from `mobility run --help`"
    );
}
