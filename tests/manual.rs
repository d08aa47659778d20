//! The manual: `mobility man` holds every command and every key, renders
//! without warnings, and `man --dir` writes a page per command; `run
//! --help` lists the keys.

use clap::{CommandFactory, Parser};

use crate::common::TestEnv;

/// Every subcommand, nested ones as `config check`.
fn subcommands() -> Vec<String> {
    fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            out.push(name.clone());
            walk(&format!("{name} "), sub, out);
        }
    }
    let mut out = Vec::new();
    walk("", &mobility::cli::Cli::command(), &mut out);
    out
}

/// Every option of every command, as `--name`.
fn options() -> Vec<String> {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        out.extend(
            cmd.get_arguments()
                .filter_map(|a| a.get_long())
                .map(|l| format!("--{l}")),
        );
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&mobility::cli::Cli::command(), &mut out);
    out
}

/// The page as a reader sees it: roff's escapes for `-`, `\` and
/// non-ASCII undone.
fn as_read(roff: &str) -> String {
    let mut text = roff.replace("\\-", "-").replace("\\e", "\\");
    for (escaped, c) in [("\\[u2192]", "→"), ("\\[u2190]", "←"), ("\\[u2026]", "…")] {
        text = text.replace(escaped, c);
    }
    text
}

#[test]
fn the_man_page_holds_every_command_option_and_key() {
    let env = TestEnv::new();
    let page = env.succeeds(["man"]);
    let text = as_read(&page);
    for name in subcommands() {
        assert!(
            text.contains(&format!("mobility {name}")),
            "`{name}` is not in the man page"
        );
    }
    for option in options() {
        assert!(text.contains(&option), "`{option}` is not in the man page");
    }
    for line in mobility::ui::keymap::help_lines() {
        assert!(
            text.contains(&line),
            "the key line {line:?} is not in the man page"
        );
    }
    for word in [
        "[[step.phase]]",
        "kind",
        "move",
        "say",
        "config.toml",
        "history.jsonl",
        "130",
        "MOBILITY_HISTORY_DIR",
        "history-MACHINE.jsonl",
        "[history]",
        "mobility history --calendar",
        "mobility history --export csv > runs.csv",
        "mobility show wall-flexion --figure",
    ] {
        assert!(text.contains(word), "{word} is not in the man page");
    }
}

/// What `groff -ww` (every warning on) says about a page: anything it
/// could not typeset. `None` where groff is not installed.
fn groff_warnings(page: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("groff")
        .args(["-ww", "-man", "-Tutf8"])
        .arg(page)
        .output()
        .ok()?;
    assert!(out.status.success(), "{}: {out:?}", page.display());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("mobility"), "{shown}");
    Some(String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_man_page_renders_without_warnings() {
    let env = TestEnv::new();
    let page = env.write("mobility.1", env.succeeds(["man"]));
    match groff_warnings(&page) {
        Some(warnings) => assert_eq!(warnings, ""),
        None => eprintln!("groff is not installed; skipping"),
    }
}

#[test]
fn man_dir_writes_the_manual_and_one_page_per_command() {
    let env = TestEnv::new();
    assert_eq!(env.succeeds(["man", "--dir", "pages"]), "");
    let dir = env.path().join("pages");
    let main = std::fs::read_to_string(dir.join("mobility.1")).unwrap();
    assert_eq!(main, env.succeeds(["man"]));
    for name in subcommands() {
        let file = dir.join(format!("mobility-{}.1", name.replace(' ', "-")));
        let page =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(page.contains(".SH NAME"), "{}", file.display());
        if let Some(warnings) = groff_warnings(&file) {
            assert_eq!(warnings, "", "{}", file.display());
        }
        assert!(
            main.contains(&format!(
                "\\fBmobility\\-{}\\fR(1)",
                name.replace(' ', "\\-")
            )),
            "the manual does not refer to {}",
            file.display()
        );
    }
}

#[test]
fn run_help_lists_the_keys() {
    let env = TestEnv::new();
    let help = env.succeeds(["run", "--help"]);
    for line in mobility::ui::keymap::help_lines() {
        assert!(help.contains(&line), "{line:?} is not in\n{help}");
    }
}

/// The shell lines of the README section headed `heading`, comments cut.
fn readme_commands(readme: &str, heading: &str) -> Vec<String> {
    let start = readme
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no `## {heading}` in the README"));
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in section.lines() {
        match line {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            _ if in_sh => {
                let command = line.split(" #").next().unwrap_or(line).trim();
                if !command.is_empty() {
                    lines.push(command.to_string());
                }
            }
            _ => {}
        }
    }
    lines
}

#[test]
fn the_readme_quick_start_installs_first_and_every_command_in_it_parses() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let quick = readme_commands(&readme, "Quick start");
    assert_eq!(quick[0], "cargo install --locked --path .", "{quick:?}");
    let install = readme_commands(&readme, "Install");
    for line in quick[1..].iter().chain(&install[1..]) {
        let words = line.split_whitespace();
        assert_eq!(words.clone().next(), Some("mobility"), "{line}");
        if let Err(e) = mobility::cli::Cli::try_parse_from(words) {
            panic!("`{line}` in the README does not parse:\n{e}");
        }
    }
    for line in readme.lines().filter(|l| l.contains("cargo install ")) {
        assert!(line.contains("--locked"), "without --locked: {line}");
    }
}

/// The README's exit-code table, as `(code, meaning)`, backticks dropped.
fn readme_exit_codes(readme: &str) -> Vec<(String, String)> {
    let start = readme
        .find("\n## Exit codes\n")
        .expect("no `## Exit codes` in the README");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .strip_prefix("| ")?
                .strip_suffix(" |")?
                .split(" | ")
                .collect();
            let [code, meaning] = cells[..] else {
                return None;
            };
            (code != "Code" && !code.starts_with("---"))
                .then(|| (code.to_owned(), meaning.replace('`', "")))
        })
        .collect()
}

#[test]
fn the_man_page_exit_status_says_what_the_readme_says() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let codes = readme_exit_codes(&readme);
    assert_eq!(
        codes.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["0", "1", "2", "128 + n"],
        "{codes:?}"
    );
    let env = TestEnv::new();
    let page = as_read(&env.succeeds(["man"]));
    let status = &page[page.find(".SH \"EXIT STATUS\"").expect("no EXIT STATUS")..];
    let status = &status[..status[4..].find(".SH ").map_or(status.len(), |i| i + 4)];
    for (code, meaning) in codes {
        assert!(
            status.contains(&format!(".TP\n\\fB{code}\\fR\n{meaning}.\n")),
            "exit {code} says in the README:\n{meaning}\nbut in the man page:\n{status}"
        );
    }
}

#[test]
fn the_man_page_says_which_commands_refuse_a_broken_config() {
    let env = TestEnv::new();
    let page = as_read(&env.succeeds(["man"]));
    let config = &page[page
        .find(".SH \"CONFIGURATION\"")
        .expect("no CONFIGURATION")..];
    let config = &config[..config[4..].find(".SH ").map_or(config.len(), |i| i + 4)];
    for words in [
        "error for run",
        "cron and schedule add",
        "status, which must never clutter a prompt, prints nothing and exits 2",
    ] {
        assert!(config.contains(words), "`{words}` is not in\n{config}");
    }
}

#[test]
fn completions_offer_every_command_the_reminders_included() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.succeeds(["completions", shell]);
        for word in ["schedule", "status", "remind", "cron", "backend", "snooze"] {
            assert!(out.contains(word), "{shell} completions lack `{word}`");
        }
    }
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's `## heading` section, up to the next `## `.
fn readme_section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no `## {heading}` in the README"));
    let section = &readme[start + 1..];
    &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)]
}

/// The man page's section `name`, as a reader sees it.
fn man_section(name: &str) -> String {
    let page = as_read(&TestEnv::new().succeeds(["man"]));
    let start = page
        .find(&format!(".SH \"{name}\"\n"))
        .unwrap_or_else(|| panic!("no {name} section"));
    let section = &page[start..];
    section[..section[4..].find(".SH ").map_or(section.len(), |i| i + 4)].to_string()
}

/// Every `key = ` in TOML text as `[table] key`, sorted, comments and
/// blank lines skipped.
fn toml_keys<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut table = "";
    let mut keys = Vec::new();
    for line in lines.map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = name;
        } else if let Some((key, _)) = line.split_once(" = ").filter(|_| !line.starts_with('#')) {
            keys.push(format!("[{table}] {}", key.trim()));
        }
    }
    keys.sort();
    keys
}

#[test]
fn the_man_page_config_example_has_every_key_of_the_readme_one() {
    let readme = readme();
    let section = readme_section(&readme, "Configuration");
    let start = section.find("```toml\n").expect("no toml example") + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let in_readme = toml_keys(example.lines());
    assert!(
        in_readme.contains(&"[history] machine".to_string()),
        "{in_readme:?}"
    );
    let config = man_section("CONFIGURATION");
    let start = config.find(".nf\n").expect("no example") + 4;
    let example = &config[start..start + config[start..].find(".fi\n").unwrap()];
    assert_eq!(
        toml_keys(example.lines()),
        in_readme,
        "the man page's config example (left) and the README's (right) differ"
    );
}

/// The keys of the README's routine-format table, tables such as
/// `[[step]]` apart, as `(keys, tables)`.
fn readme_routine_keys(readme: &str) -> (Vec<String>, Vec<String>) {
    let section = readme_section(readme, "The routine format");
    let (mut keys, mut tables) = (Vec::new(), Vec::new());
    for line in section.lines() {
        let Some(key) = line
            .strip_prefix("| `")
            .and_then(|l| l.split_once("` |"))
            .map(|(key, _)| key.to_string())
        else {
            continue;
        };
        if key.starts_with("[[") {
            tables.push(key);
        } else {
            keys.push(key);
        }
    }
    keys.sort();
    (keys, tables)
}

#[test]
fn the_man_page_routine_format_has_every_key_of_the_readme_table() {
    let (keys, tables) = readme_routine_keys(&readme());
    for key in ["figure", "pose", "kind"] {
        assert!(keys.iter().any(|k| k == key), "no `{key}` in {keys:?}");
    }
    let format = man_section("ROUTINE FORMAT");
    // Each key is a tagged item, once per place it may go (`name` for a
    // step and a phase); `tags, equipment` share one.
    let mut tagged: Vec<String> = format
        .split(".TP\n\\fB")
        .skip(1)
        .filter_map(|item| item.split_once("\\fR\n"))
        .flat_map(|(tag, _)| tag.split(", ").map(str::to_owned).collect::<Vec<_>>())
        .collect();
    tagged.sort();
    assert_eq!(
        tagged, keys,
        "the man page's keys (left) and the README's table (right) differ"
    );
    for table in tables {
        assert!(format.contains(&table), "`{table}` is not in\n{format}");
    }
}
