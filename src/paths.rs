//! Every file and directory mobility uses, and where each came from.
//!
//! The layout follows the XDG base directories on every platform, macOS
//! included, so that dotfiles look the same everywhere:
//! `$XDG_CONFIG_HOME/mobility/` (default `~/.config/mobility/`) holds the
//! config file and the user's routines, and `$XDG_STATE_HOME/mobility/`
//! (default `~/.local/state/mobility/`) holds the history, and
//! `$XDG_CACHE_HOME/mobility/` (default `~/.cache/mobility/`) the tones.
//! A history directory, kept in sync across machines, replaces the history
//! file when `MOBILITY_HISTORY_DIR` or `history_dir` in the config names one.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a path came from, so `mobility paths` can explain itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built from the home directory.
    Default,
    /// Built from an environment variable, such as `XDG_CONFIG_HOME`.
    Env(&'static str),
    /// Given on the command line.
    Flag(&'static str),
    /// Set in the config file.
    Config(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::Env(var) => write!(f, "from ${var}"),
            Origin::Flag(flag) => write!(f, "from {flag}"),
            Origin::Config(key) => write!(f, "from `{key}` in config.toml"),
        }
    }
}

/// A path and the reason it is the one used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub path: PathBuf,
    pub origin: Origin,
}

/// Every location mobility reads or writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// `config.toml`.
    pub config_file: Located,
    /// The user's own routines.
    pub user_routines: Located,
    /// Directories given with `--routines-dir`, highest precedence first.
    pub extra_routines: Vec<PathBuf>,
    /// `history.jsonl`.
    pub history_file: Located,
    /// The history directory from `MOBILITY_HISTORY_DIR`, which wins over
    /// `history_dir` in the config; a relative value is ignored with a
    /// warning, like a relative `XDG_*`.
    pub history_dir: Option<Located>,
    /// The home directory, if an absolute one is known: for `~/` in the
    /// config.
    pub home: Option<PathBuf>,
    /// Variables that were set but ignored, said once as warnings: a
    /// relative `HOME` or `XDG_*` would put files wherever the command
    /// happens to run.
    pub ignored: Vec<String>,
    /// Where the generated tones are written: a cache, remade when missing.
    pub sounds: Located,
}

impl Paths {
    /// Resolves paths from the real environment.
    pub fn from_env(extra_routines: Vec<PathBuf>) -> Result<Paths> {
        Paths::resolve(
            |var| std::env::var_os(var),
            std::env::home_dir(),
            extra_routines,
        )
    }

    /// Resolves paths from the given variables and home directory.
    ///
    /// Per the XDG specification a relative `XDG_*` value is ignored, and
    /// so is a relative home directory: either would split the history by
    /// the directory a command runs in.
    pub fn resolve(
        var: impl Fn(&str) -> Option<OsString>,
        home: Option<PathBuf>,
        extra_routines: Vec<PathBuf>,
    ) -> Result<Paths> {
        let ignored = std::cell::RefCell::new(Vec::new());
        let ignore = |name: &str, value: &Path| {
            ignored.borrow_mut().push(format!(
                "ignoring `{name}={}`: it is not an absolute path",
                crate::text::path(value)
            ));
        };
        let home = match home {
            Some(h) if !h.is_absolute() => {
                ignore("HOME", &h);
                None
            }
            other => other,
        };
        let base = |name: &'static str, default: &[&str]| -> Result<Located> {
            match var(name).filter(|v| !v.is_empty()).map(PathBuf::from) {
                Some(value) if value.is_absolute() => {
                    return Ok(Located {
                        path: value,
                        origin: Origin::Env(name),
                    });
                }
                Some(value) => ignore(name, &value),
                None => {}
            }
            let home = home.as_deref().ok_or_else(|| {
                Error::Other(format!(
                    "cannot find the home directory to place files in\n  hint: set `HOME`, or set `{name}` to an absolute path"
                ))
            })?;
            Ok(Located {
                path: default
                    .iter()
                    .fold(home.to_path_buf(), |p, part| p.join(part)),
                origin: Origin::Default,
            })
        };
        let history_dir = match var(HISTORY_DIR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
        {
            Some(dir) if dir.is_absolute() => Some(Located {
                path: dir,
                origin: Origin::Env(HISTORY_DIR),
            }),
            Some(dir) => {
                ignore(HISTORY_DIR, &dir);
                None
            }
            None => None,
        };
        let config = base("XDG_CONFIG_HOME", &[".config"])?;
        let state = base("XDG_STATE_HOME", &[".local", "state"])?;
        // Only tones are cached, and they can live beside the history when
        // there is no cache directory to be had.
        let cache = base("XDG_CACHE_HOME", &[".cache"]).unwrap_or_else(|_| state.clone());
        let under = |base: &Located, parts: &[&str]| Located {
            path: parts
                .iter()
                .fold(base.path.join("mobility"), |p, part| p.join(part)),
            origin: base.origin.clone(),
        };
        Ok(Paths {
            config_file: under(&config, &["config.toml"]),
            user_routines: under(&config, &["routines"]),
            extra_routines,
            history_file: under(&state, &["history.jsonl"]),
            history_dir,
            home: home.clone(),
            ignored: ignored.into_inner(),
            sounds: under(&cache, &["sounds"]),
        })
    }

    /// Every routine directory, highest precedence first, with its origin.
    pub fn routine_dirs(&self) -> Vec<(&Path, RoutineDir)> {
        let mut dirs: Vec<(&Path, RoutineDir)> = self
            .extra_routines
            .iter()
            .map(|d| (d.as_path(), RoutineDir::Flag))
            .collect();
        dirs.push((&self.user_routines.path, RoutineDir::User));
        dirs
    }
}

/// The variable that names a history directory.
pub const HISTORY_DIR: &str = "MOBILITY_HISTORY_DIR";

/// What kind of routine directory a routine was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutineDir {
    /// The user's own directory under the config home.
    User,
    /// A directory given with `--routines-dir`.
    Flag,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn defaults_live_under_the_home_directory_on_every_platform() {
        let paths = Paths::resolve(env(&[]), Some("/home/me".into()), vec![]).unwrap();
        assert_eq!(
            paths.user_routines.path,
            Path::new("/home/me/.config/mobility/routines")
        );
        assert_eq!(
            paths.history_file.path,
            Path::new("/home/me/.local/state/mobility/history.jsonl")
        );
        assert_eq!(paths.history_file.origin, Origin::Default);
        assert_eq!(
            paths.sounds.path,
            Path::new("/home/me/.cache/mobility/sounds")
        );
    }

    #[test]
    fn the_tones_go_under_xdg_cache_home_when_it_is_absolute() {
        let paths = Paths::resolve(env(&[("XDG_CACHE_HOME", "/c")]), Some("/h".into()), vec![]);
        let sounds = paths.unwrap().sounds;
        assert_eq!(sounds.path, Path::new("/c/mobility/sounds"));
        assert_eq!(sounds.origin, Origin::Env("XDG_CACHE_HOME"));
        let paths = Paths::resolve(env(&[("XDG_CACHE_HOME", "c")]), Some("/h".into()), vec![]);
        assert_eq!(
            paths.unwrap().sounds.path,
            Path::new("/h/.cache/mobility/sounds")
        );
    }

    #[test]
    fn xdg_variables_win_but_relative_ones_are_ignored() {
        let vars = [
            ("XDG_CONFIG_HOME", "/cfg"),
            ("XDG_STATE_HOME", "relative/state"),
        ];
        let paths = Paths::resolve(env(&vars), Some("/home/me".into()), vec![]).unwrap();
        assert_eq!(
            paths.config_file.path,
            Path::new("/cfg/mobility/config.toml")
        );
        assert_eq!(paths.config_file.origin, Origin::Env("XDG_CONFIG_HOME"));
        assert_eq!(paths.history_file.origin, Origin::Default);
        assert_eq!(
            paths.ignored,
            ["ignoring `XDG_STATE_HOME=relative/state`: it is not an absolute path"]
        );
    }

    #[test]
    fn a_relative_home_is_ignored_not_joined_to_the_working_directory() {
        let vars = [("XDG_CONFIG_HOME", "/cfg"), ("XDG_STATE_HOME", "/state")];
        let paths = Paths::resolve(env(&vars), Some("rel".into()), vec![]).unwrap();
        assert_eq!(
            paths.history_file.path,
            Path::new("/state/mobility/history.jsonl")
        );
        assert_eq!(
            paths.ignored,
            ["ignoring `HOME=rel`: it is not an absolute path"]
        );
        // With nothing absolute to go on, it is an error, not a guess.
        let err = Paths::resolve(env(&[]), Some("rel".into()), vec![]).unwrap_err();
        assert!(err.to_string().contains("set `HOME`"), "{err}");
    }

    #[test]
    fn a_history_directory_comes_from_its_variable_when_absolute() {
        let vars = [("MOBILITY_HISTORY_DIR", "/sync/mobility")];
        let paths = Paths::resolve(env(&vars), Some("/h".into()), vec![]).unwrap();
        let dir = paths.history_dir.unwrap();
        assert_eq!(dir.path, Path::new("/sync/mobility"));
        assert_eq!(dir.origin.to_string(), "from $MOBILITY_HISTORY_DIR");
        let vars = [("MOBILITY_HISTORY_DIR", "sync")];
        let paths = Paths::resolve(env(&vars), Some("/h".into()), vec![]).unwrap();
        assert_eq!(paths.history_dir, None);
        assert_eq!(
            paths.ignored,
            ["ignoring `MOBILITY_HISTORY_DIR=sync`: it is not an absolute path"]
        );
        let paths = Paths::resolve(env(&[]), Some("/h".into()), vec![]).unwrap();
        assert_eq!(paths.history_dir, None);
    }

    #[test]
    fn no_home_and_no_variable_is_an_error_that_says_what_to_set() {
        let err = Paths::resolve(env(&[]), None, vec![]).unwrap_err();
        assert!(err.to_string().contains("XDG_CONFIG_HOME"), "{err}");
    }
}
