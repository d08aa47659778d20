//! `mobility man`: the manual. The title, name, synopsis, description,
//! global options and every command's options come from the same clap
//! definitions as the parser (through clap_mangen); the rest is the
//! reference in `docs/*.md`, converted to roff by [`markdown`], with the
//! list of keys taken from the key table itself.

use std::fmt::Write as _;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Exit, Result, Stdout};
use crate::text;

mod markdown;
mod sections;

/// `mobility man`.
pub(crate) fn man(args: ManArgs) -> Result<Exit> {
    match args.dir {
        None => Stdout::lock().write_all(page().as_bytes())?,
        Some(dir) => write_pages(&dir)?,
    }
    Ok(Exit::Success)
}

/// The clap definition, built as the parser builds it (global options
/// propagated and shown only where they are used, display names such as
/// `mobility-run` set), with no `help` subcommand.
fn command() -> clap::Command {
    let mut cmd = crate::cli::refine(Cli::command().disable_help_subcommand(true));
    cmd.build();
    cmd
}

/// Writes `mobility.1` and one page per command, nested ones included
/// (`mobility-run.1`, `mobility-config-check.1`, …), into `dir`. A
/// command's page is clap_mangen's, with anything outside ASCII named as
/// roff names it, so that groff reads it in any locale. A link standing
/// where a page goes is replaced, never written through.
fn write_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let write = |name: String, roff: &str| {
        let path = dir.join(name);
        crate::atomic_file::write(&path, roff.as_bytes()).map_err(|e| Error::io(&path, e))
    };
    for (_, sub) in subcommands() {
        let man = clap_mangen::Man::new(sub);
        let mut out = Vec::new();
        man.render(&mut out).map_err(Error::Output)?;
        let roff = ascii(&String::from_utf8_lossy(&out));
        // `run`'s after-help is the key table.
        write(
            man.get_filename(),
            &roff.replace(".SH EXTRA\n", ".SH KEYS\n"),
        )?;
    }
    write("mobility.1".into(), &page())
}

/// Roff with every character outside ASCII written as `\[uXXXX]`.
fn ascii(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for c in roff.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\[u{:04X}]", c as u32);
        }
    }
    out
}

/// Every subcommand the manual describes, nested ones after their parent,
/// with the words that name it (`config check`).
pub(crate) fn subcommands() -> Vec<(String, clap::Command)> {
    fn walk(prefix: &str, cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = format!("{prefix}{}", sub.get_name())
                .trim_start()
                .to_string();
            out.push((name.clone(), sub.clone()));
            walk(&format!("{name} "), sub, out);
        }
    }
    let mut out = Vec::new();
    walk("", &command(), &mut out);
    out
}

/// The whole manual as roff.
pub(crate) fn page() -> String {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = String::from_utf8_lossy(&out).into_owned();
    commands(&mut roff);
    for (_, page) in sections::PAGES {
        roff.push_str(&markdown::to_roff(&with_generated(page)));
    }
    see_also(&mut roff);
    roff
}

/// COMMANDS: each command's synopsis, what it does, and its own options
/// (the global ones are under OPTIONS).
fn commands(roff: &mut String) {
    section(roff, "COMMANDS");
    for (name, sub) in subcommands() {
        if sub.has_subcommands() {
            let _ = writeln!(roff, ".SS \"mobility {}\"", escape(&name));
        } else {
            let mut synopsis = format!("\\fBmobility {}\\fR", escape(&name));
            for arg in own_args(&sub).filter(|a| a.is_positional()) {
                let value = value_name(arg);
                let _ = if arg.is_required_set() {
                    write!(synopsis, " \\fI{value}\\fR")
                } else {
                    write!(synopsis, " [\\fI{value}\\fR]")
                };
            }
            if own_args(&sub).any(|a| !a.is_positional()) {
                synopsis.push_str(" [\\fIOPTIONS\\fR]");
            }
            let _ = writeln!(roff, ".SS \"{}\"", synopsis.replace('"', "\\(dq"));
        }
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(|s| s.to_string())
            .unwrap_or_default();
        paragraph(roff, &about);
        for arg in own_args(&sub) {
            let mut tag = String::new();
            if let Some(short) = arg.get_short() {
                let _ = write!(tag, "\\fB\\-{}\\fR, ", escape(&short.to_string()));
            }
            match arg.get_long() {
                Some(long) => {
                    let _ = write!(tag, "\\fB\\-\\-{}\\fR", escape(long));
                    if arg.get_action().takes_values() {
                        let _ = write!(tag, " \\fI{}\\fR", value_name(arg));
                    }
                }
                None => {
                    let _ = write!(tag, "\\fI{}\\fR", value_name(arg));
                }
            }
            let help = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|s| s.to_string())
                .unwrap_or_default();
            let _ = writeln!(roff, ".TP\n{tag}\n{}", escape_lines(&help));
        }
        if !sub.has_subcommands() {
            let page = sub.get_display_name().unwrap_or(sub.get_name());
            paragraph(roff, &format!("See {page}(1)."));
        }
    }
}

/// A command's own arguments: not the global ones, not `--help`.
fn own_args(cmd: &clap::Command) -> impl Iterator<Item = &clap::Arg> {
    cmd.get_arguments().filter(|a| {
        !a.is_global_set()
            && !a.is_hide_set()
            && !matches!(
                a.get_action(),
                clap::ArgAction::Help | clap::ArgAction::HelpLong | clap::ArgAction::Version
            )
    })
}

fn value_name(arg: &clap::Arg) -> String {
    let name = arg.get_value_names().and_then(|v| v.first()).map_or_else(
        || arg.get_id().to_string().to_uppercase(),
        |n| n.to_string(),
    );
    escape(&name)
}

/// The page with the code block after each of [`sections::GENERATED`]'s
/// markers replaced by what the code makes, so the manual never lags
/// behind the key table or the settings.
fn with_generated(page: &str) -> String {
    let mut page = page.to_string();
    for (marker, make) in sections::GENERATED {
        page = replace_block(&page, marker, make().trim_end());
    }
    page
}

/// `page` with the fenced block after `marker` holding `content` instead.
fn replace_block(page: &str, marker: &str, content: &str) -> String {
    let Some(at) = page.find(marker) else {
        return page.to_string();
    };
    let after = &page[at..];
    let (Some(open), Some(close)) = (after.find("```"), after.find("\n```\n")) else {
        return page.to_string();
    };
    let open = at + open;
    let open_end = open + page[open..].find('\n').unwrap_or(0) + 1;
    let close = at + close + 1;
    format!("{}{content}\n{}", &page[..open_end], &page[close..])
}

/// SEE ALSO: the page of each command, as `man --dir` writes them.
fn see_also(roff: &mut String) {
    section(roff, "SEE ALSO");
    let pages: Vec<String> = subcommands()
        .iter()
        .map(|(_, sub)| {
            let page = sub.get_display_name().unwrap_or(sub.get_name());
            format!("\\fB{}\\fR(1)", escape(page))
        })
        .collect();
    let _ = writeln!(roff, "{}", pages.join(",\n"));
    paragraph(
        roff,
        "mobility man --dir DIR writes these pages. The same reference is in the docs directory of mobility's source, as Markdown.",
    );
}

fn section(roff: &mut String, name: &str) {
    let _ = writeln!(roff, ".SH \"{name}\"");
}

/// A paragraph of clap's help text.
fn paragraph(roff: &mut String, p: &str) {
    let _ = writeln!(roff, ".PP\n{}", escape_lines(p));
}

/// Text for roff: a backslash is `\e`, a `-` is a real minus (so that
/// options can be copied from the page), anything outside ASCII is named
/// by its code point (`\[u2192]`), which every groff reads whatever the
/// locale; and (in [`escape_line`]) a line may not start with `.` or `'`,
/// which roff would read as a request.
pub(crate) fn escape(s: &str) -> String {
    // Untrusted or not, nothing reaches the page raw: no control characters.
    let safe = text::escape(s, usize::MAX);
    ascii(&safe.replace('\\', "\\e").replace('-', "\\-"))
}

/// One line of text, safe at the start of a roff line.
fn escape_line(line: &str) -> String {
    let line = escape(line);
    if line.starts_with('.') || line.starts_with('\'') {
        format!("\\&{line}")
    } else {
        line
    }
}

/// Text that may hold several lines, each made safe.
fn escape_lines(s: &str) -> String {
    s.lines().map(escape_line).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests;
