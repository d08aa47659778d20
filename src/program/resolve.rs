//! A stage's `routine` → the routine it names: an id through the routine
//! library, or a path relative to the program file. A program found there
//! is refused, and when it leads back to the program naming it, the cycle
//! is spelled out.

use std::path::{Path, PathBuf};

use crate::diagnostic::read_bounded;
use crate::error::Error;
use crate::paths::Paths;
use crate::routine::library::{self, Location};
use crate::routine::{MAX_FILE_BYTES, Routine, parse};
use crate::text::{self, quote};

/// How far a chain of programs naming programs is followed, looking for a
/// way back: further than any real mistake goes.
const MAX_CHAIN: usize = 16;

/// Resolves the routines of one program's stages.
pub(crate) struct Resolver<'a> {
    paths: &'a Paths,
    /// The program file; `None` for a built-in, which names routines by
    /// id only.
    file: Option<&'a Path>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(paths: &'a Paths, file: Option<&'a Path>) -> Resolver<'a> {
        Resolver { paths, file }
    }

    /// The routine a stage names, or what is wrong, in a few words that
    /// follow "stage N: ".
    pub(crate) fn resolve(&self, written: &str) -> Result<Routine, String> {
        let location = self.locate(written)?;
        let (src, _) = super::text_of(&location)
            .map_err(|e| format!("the routine {} cannot be read: {e}", quote(written)))?;
        if parse::is_program(&src) {
            return Err(self.program_here(written, &location));
        }
        let (id, origin) = match &location {
            Location::File { id, path, .. } => (id.clone(), text::path(path)),
            Location::BuiltIn { id, .. } => (id.clone(), format!("built-in `{id}`")),
        };
        parse::parse_str(&src, id, &origin).map_err(|e| {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default().to_string();
            let more = e.diagnostics.len() + e.hidden - 1;
            let more = if more > 0 {
                format!(
                    " (and {} more; `mobility check` lists them)",
                    text::plural(more as u64, "problem")
                )
            } else {
                String::new()
            };
            format!("the routine {} is not valid: {first}{more}", quote(written))
        })
    }

    /// Where a written name is: a path joined to the program's directory,
    /// or an id through the library.
    fn locate(&self, written: &str) -> Result<Location, String> {
        if library::is_path(written) {
            let Some(file) = self.file else {
                return Err(format!(
                    "{} is a path; a built-in program names its routines by id",
                    quote(written)
                ));
            };
            let joined = file.parent().unwrap_or(Path::new(".")).join(written);
            return library::locate(&joined.to_string_lossy(), self.paths).map_err(words);
        }
        library::locate(written, self.paths).map_err(words)
    }

    /// The message for a stage that names a program: a cycle when the
    /// programs lead back to this one, else simply not a routine.
    fn program_here(&self, written: &str, location: &Location) -> String {
        let this = self.file.and_then(|f| std::fs::canonicalize(f).ok());
        let target = match location {
            Location::File { path, .. } => std::fs::canonicalize(path).ok(),
            Location::BuiltIn { .. } => None,
        };
        if let (Some(this), Some(target)) = (&this, &target) {
            if this == target {
                return format!(
                    "{} is this program itself: a cycle; a stage runs a routine",
                    quote(written)
                );
            }
            if let Some(chain) = self.way_back(target, this, &mut vec![this.clone()]) {
                let names: Vec<String> = chain.iter().map(|p| text::path(p)).collect();
                return format!(
                    "{} is a program, and its stages lead back to this one ({}): a cycle; a stage runs a routine, never a program",
                    quote(written),
                    names.join(" → ")
                );
            }
        }
        let mut message = format!(
            "{} is a program; a stage runs a routine, never another program",
            quote(written)
        );
        if let Location::File {
            path,
            replaces_built_in: true,
            ..
        } = location
        {
            // The stage meant the built-in routine; the file that hides it
            // is the one that can change.
            message.push_str(&format!(
                "\n  hint: `{}` replaces the built-in routine {}; rename that file to keep both",
                text::path(path),
                quote(written)
            ));
        }
        message
    }

    /// The chain of program files from `from` that reaches `goal`
    /// through stages named by path, if there is one.
    fn way_back(&self, from: &Path, goal: &Path, seen: &mut Vec<PathBuf>) -> Option<Vec<PathBuf>> {
        if seen.len() > MAX_CHAIN || seen.iter().any(|s| s == from) && from != goal {
            return None;
        }
        seen.push(from.to_path_buf());
        if from == goal {
            return Some(seen.clone());
        }
        // Read as every routine file is: regular files only, bounded, so
        // that a FIFO or a device along the chain never blocks the check.
        let bytes = read_bounded(from, MAX_FILE_BYTES, "a routine file").ok()?;
        let src = String::from_utf8(bytes).ok()?;
        let table: toml::Table = toml::from_str(&src).ok()?;
        let stages = table.get("stage")?.as_array()?;
        let next = Resolver::new(self.paths, Some(from));
        for stage in stages {
            let Some(written) = stage.get("routine").and_then(toml::Value::as_str) else {
                continue;
            };
            let Ok(Location::File { path, .. }) = next.locate(written) else {
                continue;
            };
            let Ok(path) = std::fs::canonicalize(path) else {
                continue;
            };
            if let Some(chain) = self.way_back(&path, goal, seen) {
                return Some(chain);
            }
        }
        seen.pop();
        None
    }
}

/// The library's error for a name that is not there, in the words that
/// follow "stage N: ".
fn words(e: Error) -> String {
    match e {
        Error::UnknownRoutine { name, suggestions } => {
            let hint = match suggestions.as_slice() {
                [] => "`mobility list` shows every routine".to_string(),
                [one] => format!("did you mean {}?", quote(one)),
                many => format!(
                    "did you mean one of {}?",
                    many.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
                ),
            };
            format!("no routine named {}; {hint}", quote(&name))
        }
        // One line at the stage's place: a hint after a line break joins
        // the sentence, without its indentation.
        other => other
            .to_string()
            .replace("\n  hint: ", "; ")
            .replace('\n', "; "),
    }
}
