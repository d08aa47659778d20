//! `mobility edit ROUTINE`, and the one way mobility opens an editor: for
//! `edit`, `config edit`, and `new` on a terminal.

use std::ffi::OsString;
use std::path::Path;
use std::process::Stdio;

use super::{Context, check};
use crate::cli::EditArgs;
use crate::error::{Error, Exit, Result};
use crate::process::Program;
use crate::routine::library::{self, Location};
use crate::text;

/// The editor when neither `VISUAL` nor `EDITOR` is set.
const FALLBACK_EDITOR: &str = "vi";

/// `mobility edit`.
pub(crate) fn edit(ctx: &Context, args: EditArgs) -> Result<Exit> {
    let (id, path) = match library::locate(&args.routine, &ctx.paths)? {
        Location::File { id, path, .. } => (id, path),
        Location::BuiltIn { id, .. } => {
            return Err(Error::Usage(format!(
                "`{id}` is a built-in routine, which can't be edited in place\n  hint: start your own copy with `mobility new NAME --from {id}`, then edit that"
            )));
        }
    };
    if !path.exists() {
        return Err(Error::Other(format!(
            "`{}`: no such file\n  hint: `mobility new NAME` writes a new routine",
            text::path(&path)
        )));
    }
    open(&path)?;
    check::after_edit(&path, id, &ctx.paths)
}

/// The editor command: `VISUAL`, else `EDITOR`, else `vi`, split as a
/// shell would split it, and the name of the variable it came from.
fn editor(var: impl Fn(&str) -> Option<OsString>) -> Result<(Vec<String>, &'static str)> {
    let (value, from) = ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|name| {
            let value = var(name).filter(|v| !v.is_empty())?;
            Some((value, name))
        })
        .unwrap_or_else(|| (FALLBACK_EDITOR.into(), "default"));
    let bad = || {
        Error::Usage(format!(
            "`{from}` is not an editor command: {}\n  hint: set VISUAL or EDITOR to a program and its arguments, such as `nano` or `code --wait`",
            text::quote(&value.to_string_lossy())
        ))
    };
    let words = value.to_str().and_then(shlex::split).ok_or_else(bad)?;
    if words.first().is_none_or(|w| w.is_empty()) {
        return Err(bad());
    }
    Ok((words, from))
}

/// Opens `path` in the user's editor and waits for it to exit. The path is
/// passed last and absolute, so that it can never be read as an option.
pub(crate) fn open(path: &Path) -> Result<()> {
    let (words, from) = editor(|name| std::env::var_os(name))?;
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let program = &words[0];
    // Run by the path found, never by the name: `PATH` would be searched
    // again, relative entries included.
    let started = match Program::on_path(program) {
        Some(found) => found
            .command()
            .args(&words[1..])
            .arg(&path)
            .stdin(Stdio::inherit())
            .stdout(Stdio::inherit())
            .stderr(Stdio::inherit())
            .status(),
        None => Err(std::io::ErrorKind::NotFound.into()),
    };
    let status = started.map_err(|e| {
        let hint = match from {
            "default" => "set VISUAL or EDITOR to the editor you use".to_string(),
            var => format!("check `{var}`, or set it to the editor you use"),
        };
        Error::Other(format!(
            "cannot start the editor {}: {}\n  hint: {hint}",
            text::quote(program),
            crate::diagnostic::io_message(&e)
        ))
    })?;
    if !status.success() {
        return Err(Error::Other(format!(
            "the editor {} exited with {status}; `{}` was not checked",
            text::quote(program),
            text::path(&path)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
