//! `mobility new NAME`: a commented starter routine, or a copy of another
//! routine, in the user's routine directory.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Context, check, edit, say, survive_file_size_limit};
use crate::cli::NewArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::library::{self, Location};
use crate::routine::{MAX_FILE_BYTES, Routine, parse};
use crate::text::{self, clock};

/// The starter routine, with `TITLE` where the title goes. It must pass
/// `check` once the title is in; a unit test and the shipped-routines test
/// make sure.
const STARTER: &str = include_str!("../../routines/starter.toml");

/// The starter routine's text for a routine with this id.
fn starter(name: &str) -> String {
    STARTER.replace("TITLE", &name.replace('-', " "))
}

/// `mobility new`.
pub(crate) fn new(ctx: &Context, args: NewArgs) -> Result<Exit> {
    if !library::is_id(&args.name) {
        return Err(Error::Usage(format!(
            "{} is not a valid routine id\n  hint: use lowercase letters, digits and `-`, such as `hip-openers`",
            text::quote(&args.name)
        )));
    }
    let shadows = library::is_built_in(&args.name);
    if shadows && !args.force {
        return Err(Error::Usage(format!(
            "`{name}` is a built-in routine; a file of yours by that name would take its place\n  hint: pick another name, such as `my-{name}`, or add --force to replace the built-in (copy it with `--from {name}`)",
            name = args.name
        )));
    }
    let (text, what) = match &args.from {
        None => (starter(&args.name), "a starter routine".to_string()),
        Some(from) => copy_of(ctx, from, &args.name)?,
    };
    let dir = &ctx.paths.user_routines.path;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(format!("{}.toml", args.name));
    // Checked before writing: a copy must be as valid as its original.
    let routine: Routine =
        parse::parse_str(&text, args.name.clone(), &text::path(&path)).map_err(Error::Invalid)?;
    survive_file_size_limit();
    write_new(&path, text.as_bytes())?;
    let mut out = Stdout::lock();
    writeln!(out, "{}", text::path(&path))?;
    drop(out);
    if shadows {
        ctx.warn(format!(
            "this replaces the built-in `{}` until you rename or remove the file",
            args.name
        ));
    }
    say(format_args!(
        "Wrote {what} ({}, {}). Edit it, then try `mobility run {}`.",
        clock(routine.total()),
        text::plural(routine.steps.len() as u64, "step"),
        args.name
    ));
    // On a terminal, straight into the editor, and checked after it.
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        edit::open(&path)?;
        return check::after_edit(&path, args.name, &ctx.paths);
    }
    Ok(Exit::Success)
}

/// Only the title of a routine file, and where it is.
#[derive(Deserialize)]
struct TitleOnly {
    title: Spanned<String>,
}

/// The text of a copy of routine `from` for a routine with id `name`, and
/// what to call it. The original text is copied, comments and all (a
/// built-in's own source); only the title changes, to the new id, unless
/// the copy keeps the id to replace a built-in.
fn copy_of(ctx: &Context, from: &str, name: &str) -> Result<(String, String)> {
    let (id, text) = match library::locate(from, &ctx.paths)? {
        Location::BuiltIn { id, text } => (id, text.to_string()),
        Location::File { id, path, .. } => {
            let bytes = crate::diagnostic::read_bounded(&path, MAX_FILE_BYTES, "a routine file")
                .map_err(Error::Invalid)?;
            // A broken original is reported as itself, not as the copy.
            parse::parse_bytes(&bytes, id.clone(), &text::path(&path)).map_err(Error::Invalid)?;
            let text = String::from_utf8(bytes).unwrap_or_default();
            (id, text)
        }
    };
    let what = format!("a copy of `{}`", text::escape(&id, text::QUOTE_CHARS));
    if id == name {
        return Ok((text, what));
    }
    let title = toml::from_str::<TitleOnly>(&text)
        .map_err(|e| {
            Error::Other(format!(
                "cannot copy {}: {}",
                text::quote(&id),
                text::escape(e.message(), 200)
            ))
        })?
        .title;
    let span = title.span();
    let retitled = format!(
        "{}\"{}\"{}",
        &text[..span.start],
        new_title(title.get_ref(), name),
        &text[span.end..]
    );
    Ok((retitled, what))
}

/// The copy's title: its id in words, starting with a capital when the
/// original's title does (`my-wall` from "Wall thoracic flexion" is
/// "My wall").
fn new_title(original: &str, name: &str) -> String {
    let words = name.replace('-', " ");
    if !original.starts_with(char::is_uppercase) {
        return words;
    }
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Writes a file that must not exist yet, whole or not at all: through a
/// temporary file in the same directory, linked into place only once it is
/// written, so that a full disk leaves no empty routine behind and an
/// existing file is never replaced.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    let placed = written.map_err(|e| Error::io(path, e)).and_then(|()| {
        // A hard link never replaces a file that appeared meanwhile.
        std::fs::hard_link(&temp, path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
            _ => Error::io(path, e),
        })
    });
    let _ = std::fs::remove_file(&temp);
    placed
}

#[cfg(test)]
mod tests;
