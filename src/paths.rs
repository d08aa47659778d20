//! Every file and directory mobility uses, and where each came from.
//!
//! The layout follows the XDG base directories on every platform, macOS
//! included, so that dotfiles look the same everywhere:
//! `$XDG_CONFIG_HOME/mobility/` (default `~/.config/mobility/`) holds the
//! config file and the user's routines, and `$XDG_STATE_HOME/mobility/`
//! (default `~/.local/state/mobility/`) holds the history, and
//! `$XDG_CACHE_HOME/mobility/` (default `~/.cache/mobility/`) the tones and
//! the voice's recordings. A history directory, kept in sync across
//! machines, replaces the history file when `MOBILITY_HISTORY_DIR` or
//! `history_dir` in the config names one. The schedulers' directories are
//! here too: `$XDG_CONFIG_HOME/systemd/user/` and `~/Library/LaunchAgents/`.
//!
//! [`Paths::from_env`] knows everything the environment says;
//! [`Paths::with_history`] then adds what the config says about the
//! history. A reminder must find the same files as the shell it was
//! installed from, so [`Paths::carried`] lists every location a variable
//! chose.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::history::Store;

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

/// Whose name this machine's history file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MachineOrigin {
    /// `machine` in the config.
    Config,
    /// The host name.
    HostName,
    /// Neither: [`UNNAMED`].
    Unnamed,
}

/// This machine's name in a history directory, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    pub name: String,
    pub origin: MachineOrigin,
}

/// The machine name used when neither the config nor the system gives one.
pub const UNNAMED: &str = "unnamed";

/// Every location mobility reads or writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The config home, `$XDG_CONFIG_HOME` or `~/.config`.
    pub config_home: Located,
    /// The state home, `$XDG_STATE_HOME` or `~/.local/state`.
    pub state_home: Located,
    /// The cache home, `$XDG_CACHE_HOME` or `~/.cache`; the state home
    /// when there is neither.
    pub cache_home: Located,
    /// `config.toml`.
    pub config_file: Located,
    /// The user's own routines.
    pub user_routines: Located,
    /// Directories given with `--routines-dir`, highest precedence first.
    pub extra_routines: Vec<PathBuf>,
    /// `history.jsonl`: the history when there is no history directory,
    /// and what `history --move-to` moves.
    pub history_file: Located,
    /// The history directory: from `MOBILITY_HISTORY_DIR`, which wins, or
    /// `history_dir` in the config (added by [`Paths::with_history`]). A
    /// relative variable is ignored with a warning, like a relative
    /// `XDG_*`.
    pub history_dir: Option<Located>,
    /// This machine's name, which names its file in a history directory.
    pub machine: Machine,
    /// The home directory, if an absolute one is known: for `~/` in the
    /// config.
    pub home: Option<PathBuf>,
    /// Variables that were set but ignored, said once as warnings: a
    /// relative `HOME` or `XDG_*` would put files wherever the command
    /// happens to run.
    pub ignored: Vec<String>,
    /// Where the generated tones are written: a cache, remade when missing.
    pub sounds: Located,
    /// Where the voice's recordings are kept: a cache, remade when missing.
    pub voice_cache: Located,
    /// systemd's user units: `systemd/user` under the config home.
    pub systemd_units: Located,
    /// launchd's agents, `~/Library/LaunchAgents`; `None` without a home.
    pub launch_agents: Option<Located>,
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
        let beside = |base: &Located, parts: &[&str]| Located {
            path: parts.iter().fold(base.path.clone(), |p, part| p.join(part)),
            origin: base.origin.clone(),
        };
        Ok(Paths {
            config_file: under(&config, &["config.toml"]),
            user_routines: under(&config, &["routines"]),
            extra_routines,
            history_file: under(&state, &["history.jsonl"]),
            history_dir,
            machine: Machine {
                name: UNNAMED.to_owned(),
                origin: MachineOrigin::Unnamed,
            },
            sounds: under(&cache, &["sounds"]),
            voice_cache: under(&cache, &["voice"]),
            systemd_units: beside(&config, &["systemd", "user"]),
            launch_agents: home.as_ref().map(|h| Located {
                path: h.join("Library").join("LaunchAgents"),
                origin: Origin::Default,
            }),
            home: home.clone(),
            ignored: ignored.into_inner(),
            config_home: config,
            state_home: state,
            cache_home: cache,
        })
    }

    /// Adds what the config says about the history: `history_dir` (already
    /// made absolute; `MOBILITY_HISTORY_DIR` wins over it) and `machine`,
    /// else `host_name`, else [`UNNAMED`].
    pub fn with_history(
        mut self,
        configured_dir: Option<PathBuf>,
        configured_machine: Option<String>,
        host_name: impl FnOnce() -> Option<String>,
    ) -> Paths {
        if self.history_dir.is_none() {
            self.history_dir = configured_dir.map(|path| Located {
                path,
                origin: Origin::Config("history_dir"),
            });
        }
        self.machine = match configured_machine {
            Some(name) => Machine {
                name,
                origin: MachineOrigin::Config,
            },
            None => match host_name() {
                Some(name) => Machine {
                    name,
                    origin: MachineOrigin::HostName,
                },
                None => Machine {
                    name: UNNAMED.to_owned(),
                    origin: MachineOrigin::Unnamed,
                },
            },
        };
        self
    }

    /// Where the history is kept: the history directory if there is one,
    /// else the one file.
    pub fn history_store(&self) -> Store {
        let machine = self.machine.name.clone();
        match &self.history_dir {
            Some(dir) => Store::Dir {
                dir: dir.path.clone(),
                machine,
            },
            None => Store::File {
                path: self.history_file.path.clone(),
                machine,
            },
        }
    }

    /// Every location that a variable chose, as the variable and its
    /// value: what a reminder started by a scheduler, with next to nothing
    /// in its environment, needs to find the same files.
    pub fn carried(&self) -> Vec<(&'static str, &Path)> {
        let mut carried: Vec<(&'static str, &Path)> = Vec::new();
        let homes = [&self.config_home, &self.state_home, &self.cache_home];
        let history = self.history_dir.iter();
        for located in homes.into_iter().chain(history) {
            if let Origin::Env(var) = located.origin
                && !carried.iter().any(|(v, _)| *v == var)
            {
                carried.push((var, &located.path));
            }
        }
        carried
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
    fn every_location_a_variable_chose_is_carried_and_no_default_is() {
        let vars = [
            ("XDG_CONFIG_HOME", "/cfg"),
            ("XDG_CACHE_HOME", "/cache"),
            ("MOBILITY_HISTORY_DIR", "/sync"),
        ];
        let paths = Paths::resolve(env(&vars), Some("/h".into()), vec![]).unwrap();
        assert_eq!(
            paths.carried(),
            [
                ("XDG_CONFIG_HOME", Path::new("/cfg")),
                ("XDG_CACHE_HOME", Path::new("/cache")),
                ("MOBILITY_HISTORY_DIR", Path::new("/sync")),
            ]
        );
        let plain = Paths::resolve(env(&[]), Some("/h".into()), vec![]).unwrap();
        assert!(plain.carried().is_empty());
        // The config's own directory is read by the reminder itself.
        let configured = plain.with_history(Some("/cfgsync".into()), None, || None);
        assert!(configured.carried().is_empty());
    }

    #[test]
    fn the_schedulers_directories_follow_the_config_home_and_the_home() {
        let vars = [("XDG_CONFIG_HOME", "/cfg")];
        let paths = Paths::resolve(env(&vars), Some("/h".into()), vec![]).unwrap();
        assert_eq!(paths.systemd_units.path, Path::new("/cfg/systemd/user"));
        assert_eq!(paths.systemd_units.origin, Origin::Env("XDG_CONFIG_HOME"));
        assert_eq!(
            paths.launch_agents.unwrap().path,
            Path::new("/h/Library/LaunchAgents")
        );
        let vars = [("XDG_CONFIG_HOME", "/cfg"), ("XDG_STATE_HOME", "/s")];
        let homeless = Paths::resolve(env(&vars), None, vec![]).unwrap();
        assert_eq!(homeless.launch_agents, None);
        assert_eq!(
            homeless.voice_cache.path,
            Path::new("/s/mobility/voice"),
            "with no cache home, the caches live beside the history"
        );
    }

    #[test]
    fn the_history_directory_in_the_variable_wins_over_the_config() {
        let vars = [("MOBILITY_HISTORY_DIR", "/sync")];
        let paths = Paths::resolve(env(&vars), Some("/h".into()), vec![]).unwrap();
        let paths = paths.with_history(Some("/other".into()), None, || Some("box".into()));
        assert_eq!(
            paths.history_store(),
            Store::Dir {
                dir: "/sync".into(),
                machine: "box".into()
            }
        );
        assert_eq!(paths.machine.origin, MachineOrigin::HostName);
        let paths = Paths::resolve(env(&[]), Some("/h".into()), vec![]).unwrap();
        let paths = paths.with_history(Some("/other".into()), Some("laptop".into()), || {
            panic!("the host name is not asked for when the config names the machine")
        });
        assert_eq!(
            paths.history_dir.unwrap().origin.to_string(),
            "from `history_dir` in config.toml"
        );
        assert_eq!(paths.machine.origin, MachineOrigin::Config);
        let paths = Paths::resolve(env(&[]), Some("/h".into()), vec![]).unwrap();
        let paths = paths.with_history(None, None, || None);
        assert_eq!(
            paths.history_store(),
            Store::File {
                path: "/h/.local/state/mobility/history.jsonl".into(),
                machine: UNNAMED.into()
            }
        );
        assert_eq!(paths.machine.origin, MachineOrigin::Unnamed);
    }

    #[test]
    fn no_home_and_no_variable_is_an_error_that_says_what_to_set() {
        let err = Paths::resolve(env(&[]), None, vec![]).unwrap_err();
        assert!(err.to_string().contains("XDG_CONFIG_HOME"), "{err}");
    }
}
