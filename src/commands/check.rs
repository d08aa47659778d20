//! `mobility check`: routines (files, directories of them, or ids) checked
//! for mistakes, one line per problem. Also what `edit` runs on the file
//! once the editor has closed.

use std::path::{Path, PathBuf};

mod voice;

use super::Context;
use crate::cli::CheckArgs;
use crate::diagnostic::ParseError;
use crate::error::{Error, Exit, Result, Stdout};
use crate::paths::Paths;
use crate::program;
use crate::routine::library::{self, Location, Source};
use crate::routine::parse;
use crate::text::{self, plural};

/// One routine to check.
enum Target {
    /// A file, and whether its name is not an id (when found in a
    /// directory, where `list` and `run ID` could not use it).
    File {
        path: PathBuf,
        misnamed: bool,
    },
    BuiltIn {
        id: String,
        text: &'static str,
    },
}

/// `mobility check`.
pub(crate) fn check(ctx: &Context, args: CheckArgs) -> Result<Exit> {
    if args.voice {
        return voice::check_voice(ctx, &args.paths);
    }
    if args.paths.is_empty() {
        return check_user_dir(ctx);
    }
    let mut targets = Vec::new();
    let mut missing = None;
    for path in &args.paths {
        if path.is_dir() {
            let found = dir_targets(path)?;
            if found.is_empty() {
                return Err(Error::Other(format!(
                    "`{}` holds no routine files (`*.toml`); nothing to check",
                    text::path(path)
                )));
            }
            targets.extend(found);
        } else if path.exists() {
            targets.push(Target::File {
                path: path.clone(),
                misnamed: false,
            });
        } else if let Some(id) = path.to_str().filter(|p| library::is_id(p)) {
            match library::locate(id, &ctx.paths) {
                Ok(Location::File { path, .. }) => targets.push(Target::File {
                    path,
                    misnamed: false,
                }),
                Ok(Location::BuiltIn { id, text }) => targets.push(Target::BuiltIn { id, text }),
                Err(e) => {
                    missing.get_or_insert(e);
                }
            }
        } else {
            missing.get_or_insert_with(|| {
                Error::Other(format!(
                    "`{}`: no such file or directory\n  hint: give routine ids, routine files, or directories that hold them",
                    text::path(path)
                ))
            });
        }
    }
    let mut out = Stdout::lock();
    let bad = check_all(&mut out, &targets, &ctx.paths)?;
    if let Some(e) = missing {
        return Err(e);
    }
    count(&mut out, bad, targets.len(), "")
}

/// `mobility check` with no arguments: every file in the user's routine
/// directory, naming the directory, since nothing on the command line did.
fn check_user_dir(ctx: &Context) -> Result<Exit> {
    let dir = &ctx.paths.user_routines.path;
    let targets = dir_targets(dir)?;
    let mut out = Stdout::lock();
    if targets.is_empty() {
        writeln!(
            out,
            "No routines of your own in `{}` yet; `mobility new NAME` writes one",
            text::path(dir)
        )?;
        return Ok(Exit::Success);
    }
    let bad = check_all(&mut out, &targets, &ctx.paths)?;
    count(
        &mut out,
        bad,
        targets.len(),
        &format!(" in `{}`", text::path(dir)),
    )
}

/// Checks one file after it was edited: its problems, then a count. A
/// program's stages are looked up through `paths`.
pub(crate) fn after_edit(path: &Path, id: String, paths: &Paths) -> Result<Exit> {
    let mut out = Stdout::lock();
    let location = Location::File {
        id,
        path: path.to_path_buf(),
        source: Source::User,
        replaces_built_in: false,
    };
    let bad = match check_location(location, paths) {
        Ok(()) => 0,
        Err(problem) => {
            writeln!(out, "{problem}")?;
            1
        }
    };
    count(&mut out, bad, 1, "")
}

/// Reads what is at a location as what it is, a routine or a program
/// (whose stages' routines are loaded and checked too).
fn check_location(location: Location, paths: &Paths) -> std::result::Result<(), ParseError> {
    let (text, _) = program::text_of(&location)?;
    if parse::is_program(&text) {
        return program::load_location(location, &text, paths).map(drop);
    }
    let (id, origin) = match &location {
        Location::File { id, path, .. } => (id.clone(), text::path(path)),
        Location::BuiltIn { id, .. } => (id.clone(), format!("built-in `{id}`")),
    };
    parse::parse_str(&text, id, &origin).map(drop)
}

/// Every `.toml` file directly in a directory.
fn dir_targets(dir: &Path) -> Result<Vec<Target>> {
    Ok(library::routine_files(dir)?
        .into_iter()
        .map(|(id, path)| Target::File {
            misnamed: !library::is_id(&id),
            path,
        })
        .collect())
}

/// Prints every problem; returns how many routines had any.
fn check_all(out: &mut Stdout, targets: &[Target], paths: &Paths) -> Result<usize> {
    let mut bad = 0;
    for target in targets {
        let (location, misnamed) = match target {
            Target::File { path, misnamed } => (
                Location::File {
                    id: file_id(path),
                    path: path.clone(),
                    source: Source::Path(path.clone()),
                    replaces_built_in: false,
                },
                *misnamed,
            ),
            Target::BuiltIn { id, text } => (
                Location::BuiltIn {
                    id: id.clone(),
                    text,
                },
                false,
            ),
        };
        let parsed = check_location(location, paths);
        if let Err(problem) = &parsed {
            writeln!(out, "{problem}")?;
        }
        if let (true, Target::File { path, .. }) = (misnamed, target) {
            writeln!(
                out,
                "{}: {} is not a routine id, so `list` skips this file; rename it with lowercase letters, digits and `-`",
                text::path(path),
                text::quote(&file_id(path))
            )?;
        }
        if parsed.is_err() || misnamed {
            bad += 1;
        }
    }
    Ok(bad)
}

/// The last line: all ok (exit 0), or how many had problems (exit 1).
fn count(out: &mut Stdout, bad: usize, total: usize, place: &str) -> Result<Exit> {
    let files = plural(total as u64, "file");
    if bad == 0 {
        writeln!(out, "{files}{place} ok")?;
        Ok(Exit::Success)
    } else {
        writeln!(out, "{bad} of {files}{place} had problems")?;
        Ok(Exit::No)
    }
}

fn file_id(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
