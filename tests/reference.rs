//! The reference (`README.md` and `docs/*.md`) checked against the code,
//! never against another copy of itself: every key binding, every setting,
//! every routine key and every exit code is documented; every command line
//! in it parses; every example file reads.

use std::collections::BTreeSet;

use mobility::error::Exit;

use crate::common::TestEnv;

/// `README.md` and every page of `docs/`, as `(path, text)`.
fn documents() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths = vec!["README.md".to_string()];
    let mut pages: Vec<String> = std::fs::read_dir(format!("{root}/docs"))
        .unwrap()
        .map(|e| format!("docs/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".md"))
        .collect();
    pages.sort();
    paths.extend(pages);
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(format!("{root}/{p}")).unwrap();
            (p, text)
        })
        .collect()
}

fn document(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fenced blocks of a document in a language, as text.
fn blocks(text: &str, language: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let fence = line.trim_start();
        match &mut current {
            None if fence == format!("```{language}") => current = Some(String::new()),
            Some(_) if fence == "```" => out.extend(current.take()),
            Some(block) => {
                block.push_str(line.strip_prefix("  ").unwrap_or(line));
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

/// Every `key = ` in TOML text as `[table] key`, comments skipped.
fn toml_keys(toml: &str) -> BTreeSet<String> {
    let mut table = "";
    let mut keys = BTreeSet::new();
    for line in toml.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = name;
        } else if let Some((key, _)) = line.split_once(" = ").filter(|_| !line.starts_with('#')) {
            keys.insert(format!("[{table}] {}", key.trim()));
        }
    }
    keys
}

/// The fenced block after a marker line in a document, as written.
fn block_after(path: &str, marker: &str) -> String {
    let text = document(path);
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("{path} has no `{marker}`"));
    let mut lines = text[start..].lines().skip_while(|l| !l.starts_with("```"));
    assert!(lines.next().is_some(), "{path}: no block after `{marker}`");
    lines
        .take_while(|l| *l != "```")
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn every_list_of_keys_is_the_key_table() {
    let table = mobility::ui::keymap::help_lines().join("\n") + "\n";
    for path in ["README.md", "docs/keys.md"] {
        assert_eq!(
            block_after(path, "<!-- keys: from src/ui/keymap.rs -->"),
            table,
            "update the list of keys in {path} from `mobility run --help`"
        );
    }
}

#[test]
fn the_documented_wall_drill_is_the_built_in_file() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/routines/wall-flexion.toml");
    assert_eq!(
        block_after(
            "docs/format.md",
            "<!-- routine: from routines/wall-flexion.toml -->"
        ),
        std::fs::read_to_string(file).unwrap(),
        "docs/format.md's wall drill (left) is not routines/wall-flexion.toml (right)"
    );
}

#[test]
fn the_documented_config_file_is_the_settings_table_s_example_and_reads() {
    let example = mobility::config::example();
    let documented = block_after(
        "docs/configuration.md",
        "<!-- settings: from src/config/settings.rs -->",
    );
    assert_eq!(
        documented, example,
        "docs/configuration.md's example config file (left) is not the one SETTINGS makes (right)"
    );
    // Every setting is in it, as `config show` names them.
    let shown = TestEnv::new().succeeds(["config", "show"]);
    for name in shown
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| name.contains('.') && !name.contains('/'))
    {
        let (table, key) = name.split_once('.').unwrap();
        assert!(
            toml_keys(&documented).contains(&format!("[{table}] {key}")),
            "`{name}` is not in the example config file"
        );
    }
    if let Err(e) = mobility::config::parse_str(&documented, "docs/configuration.md") {
        panic!("the example config file does not read:\n{e}");
    }
}

/// The rows of a Markdown table whose header starts with `first`, as cells
/// with backticks dropped.
fn table_rows(text: &str, first: &str) -> Vec<Vec<String>> {
    let start = text
        .find(&format!("| {first} |"))
        .unwrap_or_else(|| panic!("no table starting `| {first} |`"));
    text[start..]
        .lines()
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace('`', ""))
                .collect()
        })
        .collect()
}

#[test]
fn every_routine_key_is_in_the_format_table_where_it_may_go() {
    let page = document("docs/format.md");
    let rows: BTreeSet<(String, String)> = table_rows(&page, "Key")
        .into_iter()
        .map(|row| (row[1].clone(), row[0].clone()))
        .collect();
    // A table is documented by its header: `[[step]]` at the top.
    let known: BTreeSet<(String, String)> = mobility::routine::KEYS
        .iter()
        .flat_map(|(place, keys)| {
            keys.iter().map(move |&key| {
                let table = match *place {
                    "top" => "",
                    "step" => "step.",
                    _ => "step.phase.",
                };
                let key = match key {
                    "step" | "phase" | "prompt" => format!("[[{table}{key}]]"),
                    _ => key.to_string(),
                };
                (place.to_string(), key)
            })
        })
        .collect();
    assert_eq!(
        rows, known,
        "docs/format.md's table of keys (left) and the routine file's keys (right) differ"
    );
}

#[test]
fn every_routine_in_the_reference_reads() {
    let mut seen = 0;
    for (path, text) in documents() {
        for example in blocks(&text, "toml")
            .iter()
            .filter(|b| b.contains("[[step]]"))
        {
            if let Err(e) = mobility::routine::parse::parse_str(example, "example".into(), &path) {
                panic!("a routine in {path} does not read:\n{e}\n{example}");
            }
            seen += 1;
        }
    }
    assert!(
        seen >= 2,
        "the README and docs/format.md each show a routine"
    );
}

/// What the exit-code page calls each way out. A new kind of exit does not
/// compile here until it is documented.
fn documented_as(exit: Exit) -> String {
    match exit {
        Exit::Success | Exit::No | Exit::Trouble => exit.code().to_string(),
        Exit::Signal(_) => "128 + n".to_string(),
    }
}

#[test]
fn every_exit_code_is_documented() {
    let page = document("docs/exit-codes.md");
    let codes: Vec<String> = table_rows(&page, "Code")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    let exits = [Exit::Success, Exit::No, Exit::Trouble, Exit::Signal(15)];
    assert_eq!(
        codes,
        exits.map(documented_as),
        "docs/exit-codes.md's table (left) and `Exit` (right) differ"
    );
    assert_eq!(Exit::Signal(15).code(), 143);
    assert!(page.contains("143 SIGTERM"), "the signal example is wrong");
}

/// A shell line cut at the first `|`, `&&`, `;`, `>` or comment.
fn command_words(line: &str) -> Option<Vec<String>> {
    let line = line.trim().strip_prefix("$ ").unwrap_or(line.trim());
    if !line.starts_with("mobility ") {
        return None;
    }
    let end = line.find(['|', '&', ';', '>', '#']).unwrap_or(line.len());
    shlex::split(&line[..end])
}

#[test]
fn every_command_line_in_the_reference_parses() {
    let mut seen = 0;
    for (path, text) in documents() {
        let lines: Vec<String> = blocks(&text, "sh")
            .iter()
            .chain(&blocks(&text, "text"))
            .flat_map(|b| b.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(words) = command_words(line) else {
                continue;
            };
            // An example of a mistake shows its error on the next line.
            if lines
                .get(i + 1)
                .is_some_and(|next| next.starts_with("error:"))
            {
                continue;
            }
            if let Err(e) = mobility::cli::try_parse_from(&words) {
                panic!("`{line}` in {path} does not parse:\n{e}");
            }
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} command lines found");
}

#[test]
fn every_cargo_install_is_locked() {
    for (path, text) in documents() {
        for line in text.lines().filter(|l| l.contains("cargo install ")) {
            assert!(
                line.contains("--locked"),
                "{path}: without --locked: {line}"
            );
        }
    }
}

#[test]
fn the_quick_start_runs_the_drill_with_the_voice() {
    let readme = document("README.md");
    let quick = &readme[readme.find("\n## Quick start\n").expect("a quick start")..];
    let first = blocks(quick, "sh").into_iter().next().unwrap_or_default();
    let words = command_words(first.lines().next().unwrap_or("")).unwrap_or_default();
    assert_eq!(words, ["mobility", "run", "wall-flexion", "--voice"]);
}

/// A heading's anchor as GitHub makes it: lower case, punctuation other
/// than `-` and `_` dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a document's headings, code blocks skipped.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut in_code = false;
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            out.insert(anchor(line.trim_start_matches('#').trim()));
        }
    }
    out
}

#[test]
fn every_link_between_the_documents_leads_somewhere() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut seen = 0;
    for (path, text) in documents() {
        let dir = std::path::Path::new(&path).parent().unwrap().to_path_buf();
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let Some(target) = rest.split(')').next() else {
                continue;
            };
            if target.starts_with("http") || target.contains(' ') {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                path.clone()
            } else {
                dir.join(file).to_string_lossy().into_owned()
            };
            // docs/install.md comes with the packaging; the rest must exist.
            let full = std::path::Path::new(root).join(&linked);
            if !full.exists() {
                assert!(
                    linked.ends_with("install.md"),
                    "{path}: `{target}` leads nowhere"
                );
                continue;
            }
            if !fragment.is_empty() {
                let text = std::fs::read_to_string(&full).unwrap();
                assert!(
                    anchors(&text).contains(fragment),
                    "{path}: `{target}`: no heading `#{fragment}` in {linked}"
                );
            }
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} links found");
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(anchor("History across machines"), "history-across-machines");
    assert_eq!(anchor("The `run` command: keys"), "the-run-command-keys");
}

#[test]
fn every_program_key_is_in_the_programs_table() {
    let page = document("docs/programs.md");
    let rows: BTreeSet<(String, String)> = table_rows(&page, "Key")
        .into_iter()
        .map(|row| (row[1].clone(), row[0].clone()))
        .collect();
    let known: BTreeSet<(String, String)> = mobility::program::KEYS
        .iter()
        .flat_map(|(place, keys)| {
            keys.iter().map(move |&key| {
                let key = match key {
                    "stage" => "[[stage]]".to_string(),
                    _ => key.to_string(),
                };
                (place.to_string(), key)
            })
        })
        .collect();
    assert_eq!(
        rows, known,
        "docs/programs.md's table of keys (left) and the program file's keys (right) differ"
    );
}
