//! `mobility check`: routine files, or directories of them, checked for
//! mistakes, one line per problem.

use std::path::{Path, PathBuf};

use crate::cli::CheckArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::{library, parse};
use crate::text::{self, plural};

/// `mobility check`.
pub(crate) fn check(args: CheckArgs) -> Result<Exit> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut missing = Vec::new();
    // Files in a directory whose names `list` and `run ID` cannot use.
    let mut bad_names = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let found = library::routine_files(path)?;
            if found.is_empty() {
                return Err(Error::Other(format!(
                    "`{}` holds no routine files (`*.toml`); nothing to check",
                    text::path(path)
                )));
            }
            for (id, file) in found {
                if !library::is_id(&id) {
                    bad_names.push(file.clone());
                }
                files.push(file);
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            missing.push(path.clone());
        }
    }
    let mut out = Stdout::lock();
    let mut bad = 0;
    for file in &files {
        let id = file_id(file);
        let parsed = parse::parse_file(file, id.clone());
        if let Err(problem) = &parsed {
            writeln!(out, "{problem}")?;
        }
        let misnamed = bad_names.contains(file);
        if misnamed {
            writeln!(
                out,
                "{}: {} is not a routine id, so `list` skips this file; rename it with lowercase letters, digits and `-`",
                text::path(file),
                text::quote(&id)
            )?;
        }
        if parsed.is_err() || misnamed {
            bad += 1;
        }
    }
    if let Some(path) = missing.first() {
        return Err(Error::Other(format!(
            "`{}`: no such file or directory\n  hint: give routine files or directories that hold them",
            text::path(path)
        )));
    }
    let files = plural(files.len() as u64, "file");
    if bad == 0 {
        writeln!(out, "{files} ok")?;
        Ok(Exit::Success)
    } else {
        writeln!(out, "{bad} of {files} had problems")?;
        Ok(Exit::No)
    }
}

fn file_id(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
