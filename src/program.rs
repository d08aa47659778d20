//! Programs: a routine library file with `[[stage]]` tables instead of
//! `[[step]]`, each stage a routine run for a number of completed
//! sessions before the next. Where someone is in a program is never
//! stored: it is worked out from the history.
//!
//! A program sits above routines: it names them and loads them through
//! the routine library, and a stage can never be a program itself.

mod parse;
pub mod progress;
mod raw;
mod resolve;

use std::path::{Path, PathBuf};

use crate::diagnostic::{ParseError, read_bounded};
use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::routine::library::{self, Location, Source};
use crate::routine::{self, Routine};

pub(crate) use parse::parse_str;

/// Limits on the shape of a program.
pub const MAX_STAGES: usize = 12;
pub const MAX_SESSIONS: u32 = 100;
/// The longest stage name, in characters: it is shown on the run's top line.
pub const MAX_STAGE_NAME_CHARS: usize = 40;
/// The keys each table of a program file may hold: the top and
/// `[[stage]]`. The reference is checked against them.
pub const KEYS: [(&str, &[&str]); 2] = [("program", raw::PROGRAM_KEYS), ("stage", raw::STAGE_KEYS)];

/// A program that has passed validation, every stage's routine loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The file name without `.toml`, or the canonical path for a program
    /// run from a path: the name its runs are recorded under.
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    /// 1 to [`MAX_STAGES`], in order.
    pub stages: Vec<Stage>,
}

/// One stage: a routine, done for `sessions` completed sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: String,
    /// The routine as the file named it: an id, or a path relative to the
    /// program file.
    pub written: String,
    /// The routine, loaded; its `id` is the name its runs are recorded
    /// under (a path made canonical).
    pub routine: Routine,
    /// 1 to [`MAX_SESSIONS`].
    pub sessions: u32,
}

/// A program and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub program: Program,
    pub source: Source,
    /// The file it was read from; `None` for built-ins.
    pub file: Option<PathBuf>,
    /// True when this program hides a built-in of the same id.
    pub replaces_built_in: bool,
}

/// What a name in the library turned out to be.
#[derive(Debug)]
pub(crate) enum Entry {
    Routine(library::Found),
    Program(Found),
}

/// Finds a routine or a program by id or path, and loads it as what it is.
pub(crate) fn load_any(name: &str, paths: &Paths) -> Result<Entry> {
    let location = library::locate(name, paths)?;
    let (text, file) = text_of(&location).map_err(Error::Invalid)?;
    if routine::parse::is_program(&text) {
        return load_location(location, &text, paths)
            .map(Entry::Program)
            .map_err(Error::Invalid);
    }
    let (id, source, replaces_built_in, origin) = match location {
        Location::File {
            id,
            path,
            source,
            replaces_built_in,
        } => (id, source, replaces_built_in, crate::text::path(&path)),
        Location::BuiltIn { id, .. } => {
            let origin = format!("built-in `{id}`");
            (id, Source::BuiltIn, false, origin)
        }
    };
    let routine = routine::parse::parse_str(&text, id, &origin).map_err(Error::Invalid)?;
    Ok(Entry::Routine(library::Found {
        routine,
        source,
        file,
        replaces_built_in,
    }))
}

/// Finds and loads a program; a routine named here is an error that says
/// so.
pub(crate) fn load(name: &str, paths: &Paths) -> Result<Found> {
    match load_any(name, paths)? {
        Entry::Program(found) => Ok(found),
        Entry::Routine(found) => Err(Error::Other(format!(
            "{} is a routine, not a program\n  hint: `mobility list` shows each one's kind; `mobility run {}` runs the routine",
            crate::text::quote(name),
            crate::text::escape(&found.routine.id, crate::text::PATH_CHARS)
        ))),
    }
}

/// A located program's text, parsed and its stages loaded.
pub(crate) fn load_location(
    location: Location,
    text: &str,
    paths: &Paths,
) -> std::result::Result<Found, ParseError> {
    match location {
        Location::File {
            id,
            path,
            source,
            replaces_built_in,
        } => {
            let resolver = resolve::Resolver::new(paths, Some(&path));
            let program = parse_str(text, id, &crate::text::path(&path), &resolver)?;
            Ok(Found {
                program,
                source,
                file: Some(path),
                replaces_built_in,
            })
        }
        Location::BuiltIn { id, .. } => {
            let resolver = resolve::Resolver::new(paths, None);
            let origin = format!("built-in `{id}`");
            let program = parse_str(text, id, &origin, &resolver)?;
            Ok(Found {
                program,
                source: Source::BuiltIn,
                file: None,
                replaces_built_in: false,
            })
        }
    }
}

/// The text at a location, read with the routine file's bound, and the
/// file it came from.
pub(crate) fn text_of(
    location: &Location,
) -> std::result::Result<(String, Option<PathBuf>), ParseError> {
    match location {
        Location::BuiltIn { text, .. } => Ok(((*text).to_string(), None)),
        Location::File { path, .. } => {
            let bytes = read_bounded(path, routine::MAX_FILE_BYTES, "a routine file")?;
            let text = utf8(bytes, path)?;
            Ok((text, Some(path.clone())))
        }
    }
}

/// The bytes as text, or the routine parser's own message for bytes that
/// are not UTF-8.
fn utf8(bytes: Vec<u8>, path: &Path) -> std::result::Result<String, ParseError> {
    String::from_utf8(bytes).map_err(|e| {
        match routine::parse::parse_bytes(e.as_bytes(), String::new(), &crate::text::path(path)) {
            Err(problem) => problem,
            // Unreachable: the bytes were just found not to be UTF-8.
            Ok(_) => ParseError::whole(path, "the file is not valid UTF-8; save it as UTF-8"),
        }
    })
}

impl Program {
    /// Every stage's sessions added up: the whole program done as written.
    pub fn total_sessions(&self) -> u32 {
        self.stages.iter().map(|s| s.sessions).sum()
    }

    /// The longest one session of any stage takes.
    pub fn longest_session(&self) -> std::time::Duration {
        self.stages
            .iter()
            .map(|s| s.routine.total())
            .max()
            .unwrap_or_default()
    }
}

/// What is different about stage `to`'s routine from stage `from`'s, in a
/// few words for the end of a stage: each phase of the same step whose
/// time changed ("round down 8 s"), and reps that changed ("4 reps"); at
/// most three, in order. Routines of different shapes give none.
pub fn changes(from: &Routine, to: &Routine) -> Vec<String> {
    let mut words = Vec::new();
    for (a, b) in from.steps.iter().zip(&to.steps) {
        if a.name != b.name {
            continue;
        }
        if a.reps != b.reps {
            words.push(crate::text::plural(u64::from(b.reps), "rep"));
        }
        for (p, q) in a.phases.iter().zip(&b.phases) {
            if p.name == q.name && p.time != q.time {
                let time = if q.time.subsec_nanos() == 0 {
                    format!("{} s", q.time.as_secs())
                } else {
                    crate::text::human(q.time)
                };
                words.push(format!("{} {time}", q.name.to_lowercase()));
            }
        }
    }
    words.truncate(3);
    words
}

#[cfg(test)]
mod tests;
