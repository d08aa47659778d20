//! `$XDG_CONFIG_HOME/mobility/config.toml`: defaults for `run` and
//! `remind`, and where the history is kept. Every key is optional, and
//! command-line flags win over it. The keys, their kinds, limits, defaults
//! and help are one table, [`SETTINGS`]; [`example`] writes a file that
//! sets each of them:
//!
//! ```toml
//! [run]
//! voice = true
//!
//! [remind]
//! snooze = "10m"
//! ```

mod check;
mod settings;

pub use settings::{
    CommandExamples, Default, Kind, Programs, SETTINGS, Setting, TABLES, example, find, keys_of,
};

use std::path::Path;
use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{self, Diagnostic, Lines, ParseError};
use crate::text::{self, quote};

/// The largest config file accepted.
const MAX_FILE_BYTES: u64 = 256 * 1024;

/// What a run sounds like: `sound` in `[run]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundSetting {
    /// mobility's own tones, through a player program.
    Tones,
    /// The terminal bell.
    Bell,
    /// Nothing.
    Off,
}

impl SoundSetting {
    /// The values `sound` takes, as written in the file.
    const NAMES: &[&str] = &["tones", "bell", "off"];

    /// The name the file writes it with.
    pub fn name(self) -> &'static str {
        match self {
            SoundSetting::Tones => "tones",
            SoundSetting::Bell => "bell",
            SoundSetting::Off => "off",
        }
    }

    fn from_name(name: &str) -> Option<SoundSetting> {
        match name {
            "tones" => Some(SoundSetting::Tones),
            "bell" => Some(SoundSetting::Bell),
            "off" => Some(SoundSetting::Off),
            _ => None,
        }
    }
}

/// When the check-in asks "Upper back now": `checkin` in `[run]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CheckinSetting {
    /// After a run that reached its end.
    #[default]
    After,
    /// Before the get-ready, and after.
    BeforeAfter,
    /// Never.
    Off,
}

impl CheckinSetting {
    /// The values `checkin` takes, as written in the file.
    const NAMES: &[&str] = &["after", "before-after", "off"];

    /// The name the file writes it with.
    pub fn name(self) -> &'static str {
        match self {
            CheckinSetting::After => "after",
            CheckinSetting::BeforeAfter => "before-after",
            CheckinSetting::Off => "off",
        }
    }

    fn from_name(name: &str) -> Option<CheckinSetting> {
        Self::NAMES
            .iter()
            .zip([Self::After, Self::BeforeAfter, Self::Off])
            .find_map(|(n, c)| (*n == name).then_some(c))
    }
}

/// The settings, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub sound: Option<SoundSetting>,
    /// The tone player and its leading arguments.
    pub sound_command: Option<Vec<String>>,
    pub quiet: Option<bool>,
    pub voice: Option<bool>,
    /// The speech program and its leading arguments.
    pub voice_command: Option<Vec<String>>,
    pub lead_in: Option<Duration>,
    /// How long the full-screen end screen stays unless a key is pressed.
    pub end_screen: Option<Duration>,
    /// When the check-in asks.
    pub checkin: Option<CheckinSetting>,
    pub within: Option<Duration>,
    /// How long the Snooze button waits before reminding again.
    pub snooze: Option<Duration>,
    /// The terminal the Start button opens, with its leading arguments;
    /// the command to run goes last.
    pub terminal: Option<Vec<String>>,
    /// `history_dir` in `[history]`: absolute, or under the home directory
    /// when written `~/…` (kept as written; [`Config::history_dir`]
    /// expands it).
    pub history_dir: Option<std::path::PathBuf>,
    /// `machine` in `[history]`, checked by [`crate::history::machine_problem`].
    pub machine: Option<String>,
}

impl Config {
    /// `history_dir` with a leading `~/` made the home directory; `None`
    /// when unset, or written `~/…` with no home directory to be had.
    pub fn history_dir(&self, home: Option<&Path>) -> Option<std::path::PathBuf> {
        let dir = self.history_dir.as_ref()?;
        match dir.strip_prefix("~") {
            Ok(rest) => home.map(|h| h.join(rest)),
            Err(_) => Some(dir.clone()),
        }
    }
}

/// How long the end screen stays by default: `end_screen` in `[run]`.
pub const END_SCREEN: Duration = Duration::from_secs(10);

/// The longest `end_screen`: long enough to read it, short enough that a
/// forgotten terminal moves on.
pub const END_SCREEN_MAX: Duration = Duration::from_secs(10 * 60);

/// How long Snooze waits by default: `snooze` in `[remind]`.
pub const SNOOZE: Duration = Duration::from_secs(15 * 60);

/// The shortest and longest `snooze`, in the config and in `--snooze`.
pub const SNOOZE_RANGE: (Duration, Duration) =
    (Duration::from_secs(1), Duration::from_secs(12 * 3600));

/// Reads the config file; a missing file is the empty config.
pub(crate) fn load(path: &Path) -> Result<Config, ParseError> {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(Config::default());
    }
    let bytes = diagnostic::read_bounded(path, MAX_FILE_BYTES, "a config file")?;
    let src = std::str::from_utf8(&bytes)
        .map_err(|_| ParseError::whole(path, "the file is not valid UTF-8; save it as UTF-8"))?;
    parse_str(src, &text::path(path))
}

/// The one-line warning for a config file with problems that a command
/// does without: the first problem, and that the file is ignored.
pub(crate) fn ignored_warning(problems: &ParseError) -> String {
    let message = problems.to_string();
    let first = message.lines().next().unwrap_or_default();
    format!("{first} (file ignored; see `mobility config check`)")
}

/// Validates config text. `origin` names the file in messages, and its
/// problems come in the order of their lines.
pub fn parse_str(src: &str, origin: &str) -> Result<Config, ParseError> {
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut config = Config::default();
    match DeTable::parse(src) {
        Ok(doc) => {
            for (name, value) in doc.get_ref() {
                let name_at = name.span().start;
                let Some(table) = TABLES.iter().find(|t| **t == name.get_ref().as_ref()) else {
                    problems.push((name_at, unknown_key(name.get_ref(), None)));
                    continue;
                };
                let DeValue::Table(keys) = value.get_ref() else {
                    let expected =
                        format!("a table, written as `[{table}]` with its keys below it");
                    let message =
                        check::wrong_type(&format!("`{table}`"), &expected, value.get_ref());
                    problems.push((value.span().start, message));
                    continue;
                };
                for (key, value) in keys {
                    match find(table, key.get_ref()) {
                        None => problems
                            .push((key.span().start, unknown_key(key.get_ref(), Some(table)))),
                        Some(setting) => match check::check(setting, value.get_ref()) {
                            Ok(checked) => (setting.set)(&mut config, checked),
                            Err(message) => problems.push((value.span().start, message)),
                        },
                    }
                }
            }
        }
        Err(e) => {
            let raw = e.message().trim();
            let at = e.span().map_or(0, |s| s.start);
            let message = duplicate(src, at, raw)
                .unwrap_or_else(|| text::escape(raw.lines().next().unwrap_or(raw), 160));
            problems.push((at, message));
        }
    }
    if problems.is_empty() {
        return Ok(config);
    }
    problems.sort_by_key(|(offset, _)| *offset);
    let lines = Lines::new(src);
    Err(ParseError {
        origin: origin.to_string(),
        diagnostics: problems
            .into_iter()
            .map(|(offset, message)| Diagnostic {
                at: Some(lines.position(offset)),
                message,
            })
            .collect(),
        hidden: 0,
    })
}

/// An unknown key in `[table]` (or at the top when `None`): the key it
/// was meant to be, the table it belongs under, or the keys there are.
fn unknown_key(key: &str, table: Option<&str>) -> String {
    let known = match table {
        Some(table) => keys_of(table),
        None => TABLES.to_vec(),
    };
    let place = table.map_or(String::new(), |t| format!(" in [{t}]"));
    let hint = if let Some(home) = SETTINGS.iter().find(|s| s.key == key) {
        format!("`{key}` belongs under `[{}]`", home.table)
    } else if let Some(near) = diagnostic::closest(key, &known) {
        format!("did you mean `{near}`?")
    } else if let Some(home) = elsewhere(key, table) {
        format!(
            "did you mean `{}`? It belongs under `[{}]`",
            home.key, home.table
        )
    } else {
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        format!("the keys here are {}", listed.join(", "))
    };
    format!("unknown key {}{place}; {hint}", quote(key))
}

/// TOML's "duplicate key" at byte `at` of `src`, in our words: which key
/// or table is written twice, and what to do.
fn duplicate(src: &str, at: usize, raw: &str) -> Option<String> {
    if raw != "duplicate key" || !src.is_char_boundary(at) {
        return None;
    }
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = src[line_start..].lines().next().unwrap_or_default();
    let header = |line: &str| {
        let line = line.trim();
        line.strip_prefix('[')?
            .trim_start_matches('[')
            .split_once(']')
            .map(|(name, _)| name.trim().to_owned())
    };
    if let Some(table) = header(line) {
        let table = text::escape(&table, 40);
        return Some(format!(
            "the table `[{table}]` appears twice; put its keys under one"
        ));
    }
    let key = src[at..]
        .split(['=', '\n'])
        .next()?
        .trim()
        .trim_matches(['"', '\'']);
    if key.is_empty() {
        return None;
    }
    let place = src[..line_start]
        .lines()
        .rev()
        .find_map(header)
        .map_or(String::new(), |t| format!(" in [{}]", text::escape(&t, 40)));
    Some(format!("{} appears twice{place}; keep one", quote(key)))
}

/// The setting of another table than `table` whose key is nearest `key`.
fn elsewhere(key: &str, table: Option<&str>) -> Option<&'static Setting> {
    let others: Vec<&str> = SETTINGS
        .iter()
        .filter(|s| Some(s.table) != table)
        .map(|s| s.key)
        .collect();
    let near = diagnostic::closest(key, &others)?;
    SETTINGS
        .iter()
        .find(|s| s.key == near && Some(s.table) != table)
}

#[cfg(test)]
mod tests;
