//! The manual: `mobility man` holds every command, option and key and the
//! whole reference, renders without warnings, and `man --dir` writes a
//! page per command; `run --help` lists the keys. What the reference says
//! is checked against the code in `reference.rs`.

use clap::CommandFactory;

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

#[test]
fn the_man_page_holds_every_heading_of_the_reference() {
    let page = as_read(&TestEnv::new().succeeds(["man"]));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".md") || ["README.md", "install.md"].contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_code = false;
        for line in text.lines() {
            in_code ^= line.trim_start().starts_with("```");
            let heading = match line.split_once(' ') {
                Some(("#", title)) => format!(".SH \"{}\"", title.to_uppercase()),
                Some(("##", title)) => format!(".SS \"{title}\""),
                _ => continue,
            };
            if in_code {
                continue;
            }
            let heading = heading.replace('`', "");
            assert!(
                page.contains(&heading),
                "{name}: `{heading}` is not in the man page"
            );
        }
    }
}
