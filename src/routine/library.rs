//! Where routines come from: the built-ins compiled into the binary, the
//! user's directory, directories given with `--routines-dir`, and paths.
//!
//! Precedence, highest first: `--routines-dir` directories in the order
//! given, then the user's directory, then the built-ins. A name is joined to
//! a directory only if it is a valid id, so `../../etc/passwd` can never be
//! read as a routine id.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Routine;
use super::parse;
use crate::diagnostic::{ParseError, similar};
use crate::error::{Error, Result};
use crate::paths::{Paths, RoutineDir};

/// The built-in routines and programs, compiled in so they work from any
/// directory, sorted by id.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "chair-flexion",
        include_str!("../../routines/chair-flexion.toml"),
    ),
    (
        "flexion-program",
        include_str!("../../routines/flexion-program.toml"),
    ),
    (
        "wall-flexion",
        include_str!("../../routines/wall-flexion.toml"),
    ),
    (
        "wall-flexion-learn",
        include_str!("../../routines/wall-flexion-learn.toml"),
    ),
    (
        "wall-flexion-slow",
        include_str!("../../routines/wall-flexion-slow.toml"),
    ),
    (
        "wall-flexion-slower",
        include_str!("../../routines/wall-flexion-slower.toml"),
    ),
];

/// Where a routine was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    BuiltIn,
    /// The user's routine directory.
    User,
    /// A directory given with `--routines-dir`.
    Dir(PathBuf),
    /// A file named directly.
    Path(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::BuiltIn => f.write_str("built-in"),
            Source::User => f.write_str("user"),
            Source::Dir(dir) | Source::Path(dir) => f.write_str(&crate::text::path(dir)),
        }
    }
}

/// A routine and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub routine: Routine,
    pub source: Source,
    /// The file it was read from; `None` for built-ins.
    pub file: Option<PathBuf>,
    /// True when this routine hides a built-in of the same id.
    pub replaces_built_in: bool,
}

/// Every routine that could be loaded, and the files that could not.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub routines: Vec<Found>,
    /// The programs, found but not read as routines: a program loads its
    /// stages' routines through this library, so the caller does that.
    pub programs: Vec<Location>,
    pub problems: Vec<ParseError>,
}

/// True for a valid routine id: lowercase letters, digits and `-`,
/// starting with a letter or digit.
pub(crate) fn is_id(name: &str) -> bool {
    name.len() <= 64
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True when a name should be read as a path rather than an id.
pub(crate) fn is_path(name: &str) -> bool {
    name.contains('/') || name.contains(std::path::MAIN_SEPARATOR) || name.ends_with(".toml")
}

fn built_in(id: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(i, _)| *i == id).map(|(_, src)| *src)
}

fn parse_built_in(id: &str, src: &str) -> Result<Routine> {
    parse::parse_str(src, id.to_string(), &format!("built-in `{id}`")).map_err(Error::Invalid)
}

/// Every directory to search, highest precedence first, with its source.
fn dirs(paths: &Paths) -> Vec<(PathBuf, Source)> {
    paths
        .routine_dirs()
        .into_iter()
        .map(|(dir, kind)| {
            let source = match kind {
                RoutineDir::User => Source::User,
                RoutineDir::Flag => Source::Dir(dir.to_path_buf()),
            };
            (dir.to_path_buf(), source)
        })
        .collect()
}

/// The name a routine is recorded under in the history, and named by in
/// reminders: an id as it is; a path made absolute and canonical, so that
/// it means the same file whichever directory it is run from (cron runs
/// jobs from the home directory). A path that cannot be resolved stays as
/// given.
pub(crate) fn history_id(name: &str) -> String {
    if !is_path(name) {
        return name.to_string();
    }
    std::fs::canonicalize(name)
        .map_or_else(|_| name.to_string(), |p| p.to_string_lossy().into_owned())
}

/// Where a routine's text is, found without reading it: so that a broken
/// file can still be opened in an editor, or copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A file: the id it goes by, where it was found, and whether it hides
    /// a built-in.
    File {
        id: String,
        path: PathBuf,
        source: Source,
        replaces_built_in: bool,
    },
    /// A built-in routine, and its text.
    BuiltIn { id: String, text: &'static str },
}

/// Finds one routine by id or path, without reading it.
pub(crate) fn locate(name: &str, paths: &Paths) -> Result<Location> {
    if is_path(name) {
        // Only routine files are read: a path is never a way to make
        // mobility open some other file, such as `../../etc/passwd`.
        if !name.ends_with(".toml") {
            return Err(Error::Other(format!(
                "{} is not a routine file: routine files end in `.toml`\n  hint: `mobility list` shows the routines you can run by id",
                crate::text::quote(name)
            )));
        }
        let path = PathBuf::from(name);
        return Ok(Location::File {
            id: history_id(name),
            source: Source::Path(path.clone()),
            path,
            replaces_built_in: false,
        });
    }
    if !is_id(name) {
        let lower = name.to_lowercase();
        if is_id(&lower) && all_ids(paths).contains(&lower) {
            return Err(Error::UnknownRoutine {
                name: name.to_string(),
                suggestions: vec![lower],
            });
        }
        return Err(Error::BadId(name.to_string()));
    }
    for (dir, source) in dirs(paths) {
        check_dir(&dir, &source)?;
        let file = dir.join(format!("{name}.toml"));
        // Anything by that name is the routine, usable or not: a dangling
        // link or a FIFO is reported as what it is, never as "no routine".
        if file.symlink_metadata().is_ok() {
            return Ok(Location::File {
                id: name.to_string(),
                path: file,
                source,
                replaces_built_in: built_in(name).is_some(),
            });
        }
    }
    if let Some(text) = built_in(name) {
        return Ok(Location::BuiltIn {
            id: name.to_string(),
            text,
        });
    }
    Err(Error::UnknownRoutine {
        name: name.to_string(),
        suggestions: suggestions(name, &all_ids(paths)),
    })
}

/// True when `id` names a built-in routine.
pub(crate) fn is_built_in(id: &str) -> bool {
    built_in(id).is_some()
}

/// A directory given with `--routines-dir` must exist; the user's may not.
fn check_dir(dir: &Path, source: &Source) -> Result<()> {
    if matches!(source, Source::Dir(_)) && !dir.is_dir() {
        return Err(Error::Other(format!(
            "`{}` given with --routines-dir is not a directory",
            crate::text::path(dir)
        )));
    }
    Ok(())
}

/// The `.toml` files in a directory whose names are valid ids, sorted.
/// A missing directory has none.
pub(crate) fn routine_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let id = path
                .file_name()?
                .to_str()?
                .strip_suffix(".toml")?
                .to_string();
            Some((id, path))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Every id that can be resolved, for suggestions and completion.
pub(crate) fn all_ids(paths: &Paths) -> Vec<String> {
    let mut ids: Vec<String> = BUILT_IN.iter().map(|(id, _)| id.to_string()).collect();
    for (dir, _) in dirs(paths) {
        if let Ok(files) = routine_files(&dir) {
            ids.extend(files.into_iter().map(|(id, _)| id).filter(|id| is_id(id)));
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// Every id, for shell completion: [`all_ids`] with the paths this
/// process's environment gives (a completion request has no flags to go
/// by), or none when it gives none that can be used.
pub(crate) fn ids_from_env() -> Vec<String> {
    Paths::from_env(vec![]).map_or_else(|_| Vec::new(), |paths| all_ids(&paths))
}

/// Loads every routine, the highest-precedence one for each id. Broken
/// files are collected, not fatal, so one bad file hides nothing else.
pub(crate) fn load_all(paths: &Paths) -> Result<Listing> {
    let mut listing = Listing::default();
    let mut seen = std::collections::HashSet::new();
    for (dir, source) in dirs(paths) {
        check_dir(&dir, &source)?;
        for (id, file) in routine_files(&dir)? {
            if !is_id(&id) {
                listing.problems.push(ParseError::whole(
                    &file,
                    format!(
                        "{} is not a valid routine id; rename the file using lowercase letters, digits and `-`",
                        crate::text::quote(&id)
                    ),
                ));
                continue;
            }
            if seen.contains(&id) {
                continue;
            }
            // A broken file still wins its id, as it would for `run`: listing
            // the routine it hides would promise something `run` won't do.
            seen.insert(id.clone());
            let parsed =
                crate::diagnostic::read_bounded(&file, super::MAX_FILE_BYTES, "a routine file")
                    .and_then(|bytes| {
                        if std::str::from_utf8(&bytes).is_ok_and(parse::is_program) {
                            return Ok(None);
                        }
                        parse::parse_bytes(&bytes, id.clone(), &crate::text::path(&file)).map(Some)
                    });
            match parsed {
                Ok(None) => listing.programs.push(Location::File {
                    replaces_built_in: built_in(&id).is_some(),
                    id,
                    path: file,
                    source: source.clone(),
                }),
                Ok(Some(routine)) => {
                    listing.routines.push(Found {
                        replaces_built_in: built_in(&id).is_some(),
                        routine,
                        source: source.clone(),
                        file: Some(file),
                    });
                }
                Err(problem) => listing.problems.push(problem),
            }
        }
    }
    for (id, src) in BUILT_IN {
        if !seen.contains(*id) && parse::is_program(src) {
            listing.programs.push(Location::BuiltIn {
                id: id.to_string(),
                text: src,
            });
        } else if !seen.contains(*id) {
            listing.routines.push(Found {
                routine: parse_built_in(id, src)?,
                source: Source::BuiltIn,
                file: None,
                replaces_built_in: false,
            });
        }
    }
    listing
        .routines
        .sort_by(|a, b| a.routine.id.cmp(&b.routine.id));
    Ok(listing)
}

/// The known ids closest to a mistyped one, best first.
fn suggestions(name: &str, ids: &[String]) -> Vec<String> {
    similar(name, ids.iter().map(String::as_str))
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests;
