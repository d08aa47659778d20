//! `--help`: each command lists the options it uses and no others; the
//! options every command accepts are described once, under
//! `mobility --help`. Command lines that put them anywhere still work.

use clap::CommandFactory;

use crate::common::TestEnv;

/// The commands that read routines, and so use `--routines-dir`.
const READ_ROUTINES: &[&str] = &[
    "run",
    "list",
    "show",
    "check",
    "new",
    "edit",
    "history",
    "due",
    "remind",
    "cron",
    "status",
    "schedule add",
    "paths",
    "program status",
    "program next",
    "program back",
    "program restart",
];

/// The commands whose own output is coloured, and so use `--color` (it
/// colours every command's `error:` label too, as `mobility --help` says).
const PRINT_COLOUR: &[&str] = &["run", "list", "show", "history", "program status"];

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

#[test]
fn each_command_lists_only_the_options_it_uses() {
    let env = TestEnv::new();
    for name in subcommands() {
        let mut args: Vec<&str> = name.split(' ').collect();
        args.push("--help");
        let help = env.succeeds(&args);
        let listed = |option: &str| help.contains(&format!("  {option}"));
        assert_eq!(
            listed("--routines-dir"),
            READ_ROUTINES.contains(&name.as_str()),
            "`{name} --help` and --routines-dir:\n{help}"
        );
        assert_eq!(
            listed("--color"),
            PRINT_COLOUR.contains(&name.as_str()),
            "`{name} --help` and --color:\n{help}"
        );
        assert!(!listed("-V, --version"), "`{name} --help`:\n{help}");
        // Described once, under `mobility --help`.
        for whole in ["wins over your own routines", "unless NO_COLOR is set"] {
            assert!(!help.contains(whole), "`{name} --help`:\n{help}");
        }
    }
}

#[test]
fn mobility_help_describes_the_global_options_once() {
    let help = TestEnv::new().succeeds(["--help"]);
    for (option, words) in [
        ("--routines-dir <DIR>", "wins over your own routines"),
        ("--color <WHEN>", "unless NO_COLOR is set"),
        ("-V, --version", "Print version"),
    ] {
        assert_eq!(help.matches(option).count(), 1, "{option}:\n{help}");
        assert_eq!(help.matches(words).count(), 1, "{words}:\n{help}");
    }
    assert!(help.contains("every command"), "{help}");
}

#[test]
fn the_global_options_still_work_anywhere_on_the_line() {
    let env = TestEnv::new();
    let dir = env.path().join("extra");
    let dir = dir.to_str().unwrap();
    for args in [
        vec!["--routines-dir", dir, "paths"],
        vec!["paths", "--routines-dir", dir],
        vec!["paths", &format!("--routines-dir={dir}")],
    ] {
        let out = env.succeeds(&args);
        assert!(out.contains(dir), "{args:?}:\n{out}");
    }
    // Accepted, though not listed, where a command does not use them.
    env.succeeds(["config", "check", "--routines-dir", dir, "--color", "never"]);
    env.succeeds(["man", "--color", "always", "--routines-dir", dir]);
    let version = env.succeeds(["run", "-V"]);
    assert!(version.starts_with("mobility-run "), "{version}");
}
