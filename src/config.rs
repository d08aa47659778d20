//! `$XDG_CONFIG_HOME/mobility/config.toml`: defaults for `run` and
//! `remind`. Every key is optional, and command-line flags win over it.
//!
//! ```toml
//! [run]
//! sound = "tones"               # or "bell", or "off"
//! sound_command = "paplay --volume 40000"  # the player; the WAV path goes last
//! quiet = false                 # the old spelling of sound = "off"
//! voice = true                  # speak cues
//! voice_command = "espeak-ng -s 140"   # split as a shell would; or ["espeak-ng", "-s", "140"]
//! lead_in = "5s"                # every get-ready countdown
//! end_screen = "10s"            # how long the end screen stays; "0s" leaves at once
//!
//! [remind]
//! within = "12h"                # due unless completed this recently
//! snooze = "15m"                # how long Snooze waits before reminding again
//! terminal = "kitty"            # the terminal Start opens; or ["foot", "--app-id", "mobility"]
//!
//! [history]
//! history_dir = "~/Sync/mobility"  # a directory kept in sync; absolute or ~/
//! machine = "laptop"            # this machine's file in it; else the host name
//! ```

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{self, Diagnostic, Lines, ParseError};
use crate::routine::MAX_PAUSE;
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

    fn from_name(name: &str) -> Option<SoundSetting> {
        match name {
            "tones" => Some(SoundSetting::Tones),
            "bell" => Some(SoundSetting::Bell),
            "off" => Some(SoundSetting::Off),
            _ => None,
        }
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

/// The shortest and longest `snooze`, in the config and in `--snooze`.
pub const SNOOZE_RANGE: (Duration, Duration) =
    (Duration::from_secs(1), Duration::from_secs(12 * 3600));

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    run: RawRun,
    #[serde(default)]
    remind: RawRemind,
    #[serde(default)]
    history: RawHistory,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHistory {
    history_dir: Option<Spanned<String>>,
    machine: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRun {
    sound: Option<Spanned<String>>,
    sound_command: Option<Spanned<toml::Value>>,
    quiet: Option<bool>,
    voice: Option<bool>,
    voice_command: Option<Spanned<toml::Value>>,
    lead_in: Option<Spanned<String>>,
    end_screen: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRemind {
    within: Option<Spanned<String>>,
    snooze: Option<Spanned<String>>,
    terminal: Option<Spanned<toml::Value>>,
}

/// A command in the config, with the example its messages give.
struct CommandKey {
    key: &'static str,
    table: &'static str,
    string: &'static str,
    list: &'static str,
    /// The list shown when a quote is not closed: one with a space in a word.
    spaced: &'static str,
}

const VOICE_COMMAND: CommandKey = CommandKey {
    key: "voice_command",
    table: "run",
    string: "\"espeak-ng -s 140\"",
    list: "[\"espeak-ng\", \"-s\", \"140\"]",
    spaced: "[\"say\", \"-v\", \"Good News\"]",
};

const SOUND_COMMAND: CommandKey = CommandKey {
    key: "sound_command",
    table: "run",
    string: "\"paplay --volume 40000\"",
    list: "[\"paplay\", \"--volume\", \"40000\"]",
    spaced: "[\"afplay\", \"-v\", \"0.5\"]",
};

const TERMINAL: CommandKey = CommandKey {
    key: "terminal",
    table: "remind",
    string: "\"kitty --single-instance\"",
    list: "[\"gnome-terminal\", \"--\"]",
    spaced: "[\"xterm\", \"-T\", \"Time to move\", \"-e\"]",
};

const TABLES: &[&str] = &["run", "remind", "history"];
const RUN_KEYS: &[&str] = &[
    "sound",
    "sound_command",
    "quiet",
    "voice",
    "voice_command",
    "lead_in",
    "end_screen",
];
const REMIND_KEYS: &[&str] = &["within", "snooze", "terminal"];
const HISTORY_KEYS: &[&str] = &["history_dir", "machine"];

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

/// Validates config text. `origin` names the file in messages.
pub fn parse_str(src: &str, origin: &str) -> Result<Config, ParseError> {
    let mut diagnostics = Vec::new();
    let lines = Lines::new(src);
    let mut error = |offset: usize, message: String| {
        diagnostics.push(Diagnostic {
            at: Some(lines.position(offset)),
            message,
        });
    };
    let config = match toml::from_str::<RawConfig>(src) {
        Ok(raw) => {
            let voice_command = raw
                .run
                .voice_command
                .and_then(|v| command(&v, &VOICE_COMMAND, &mut error));
            let sound_command = raw
                .run
                .sound_command
                .and_then(|v| command(&v, &SOUND_COMMAND, &mut error));
            let sound = raw.run.sound.and_then(|v| {
                let name = v.get_ref();
                let found = SoundSetting::from_name(name);
                if found.is_none() {
                    let hint = match diagnostic::closest(name, SoundSetting::NAMES) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "write `\"tones\"`, `\"bell\"` or `\"off\"`".to_string(),
                    };
                    error(
                        v.span().start,
                        format!(
                            "`sound` in [run]: {} is not a kind of sound; {hint}",
                            quote(name)
                        ),
                    );
                }
                found
            });
            let mut duration = |value: Option<Spanned<String>>, key: &str, table: &str| {
                let value = value?;
                match humantime::parse_duration(value.get_ref().trim()) {
                    Ok(d) if table == "run" && d > MAX_PAUSE => {
                        error(
                            value.span().start,
                            format!("`{key}` in [run] is at most 10m"),
                        );
                        None
                    }
                    Ok(d) => Some(d),
                    Err(_) => {
                        error(
                            value.span().start,
                            format!(
                                "`{key}` in [{table}]: {} is not a duration; write it like `\"5s\"`, `\"12h\"` or `\"1day\"`",
                                quote(value.get_ref())
                            ),
                        );
                        None
                    }
                }
            };
            let lead_in = duration(raw.run.lead_in, "lead_in", "run");
            let end_screen = duration(raw.run.end_screen, "end_screen", "run");
            let within = duration(raw.remind.within, "within", "remind");
            let snooze_at = raw.remind.snooze.as_ref().map(|v| v.span().start);
            let snooze = duration(raw.remind.snooze, "snooze", "remind");
            let snooze = match (snooze, snooze_at) {
                (Some(d), Some(at)) if d < SNOOZE_RANGE.0 || d > SNOOZE_RANGE.1 => {
                    error(at, "`snooze` in [remind] is between 1s and 12h".to_string());
                    None
                }
                (snooze, _) => snooze,
            };
            let terminal = raw
                .remind
                .terminal
                .and_then(|v| command(&v, &TERMINAL, &mut error));
            let history_dir = raw.history.history_dir.and_then(|v| {
                let dir = v.get_ref();
                let home = dir == "~" || dir.starts_with("~/");
                if home || Path::new(dir).is_absolute() {
                    return Some(std::path::PathBuf::from(dir));
                }
                error(
                    v.span().start,
                    format!(
                        "`history_dir` in [history]: {} is not an absolute path; \
                         write the whole path, like `\"/home/me/Sync/mobility\"`, or start it with `~/`",
                        quote(dir)
                    ),
                );
                None
            });
            let machine = raw.history.machine.and_then(|v| {
                match crate::history::machine_problem(v.get_ref()) {
                    None => Some(v.into_inner()),
                    Some(problem) => {
                        error(
                            v.span().start,
                            format!("`machine` in [history]: {} {problem}", quote(v.get_ref())),
                        );
                        None
                    }
                }
            });
            Config {
                sound,
                sound_command,
                quiet: raw.run.quiet,
                voice: raw.run.voice,
                voice_command,
                lead_in,
                end_screen,
                within,
                snooze,
                terminal,
                history_dir,
                machine,
            }
        }
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let (place, known) = match table_at(src, offset) {
                Some("run") => (" in [run]", RUN_KEYS),
                Some("remind") => (" in [remind]", REMIND_KEYS),
                Some("history") => (" in [history]", HISTORY_KEYS),
                _ => ("", TABLES),
            };
            let message = diagnostic::key_message(src, &e, place, known).unwrap_or_else(|| {
                let raw = e.message().trim();
                text::escape(raw.lines().next().unwrap_or(raw), 160)
            });
            error(offset, message);
            Config::default()
        }
    };
    if diagnostics.is_empty() {
        Ok(config)
    } else {
        Err(ParseError {
            origin: origin.to_string(),
            diagnostics,
            hidden: 0,
        })
    }
}

/// A program and its arguments, from a string split as a shell would (so
/// that `say -v 'Good News'` keeps the voice's name in one piece) or from
/// a list of strings. A bad one is an `error` at the value.
fn command(
    value: &Spanned<toml::Value>,
    key: &CommandKey,
    error: &mut impl FnMut(usize, String),
) -> Option<Vec<String>> {
    let words = match value.get_ref() {
        toml::Value::String(s) => shlex::split(s).ok_or_else(|| {
            format!(
                "`{}` in [{}] has a quote that is not closed; close it, or write the command as a list like `{}`",
                key.key, key.table, key.spaced
            )
        }),
        toml::Value::Array(items) => Ok(items
            .iter()
            .map(|i| i.as_str().unwrap_or_default().to_string())
            .collect()),
        _ => Ok(Vec::new()),
    };
    match words {
        Ok(words) if !words.is_empty() && words.iter().all(|w| !w.is_empty()) => Some(words),
        Ok(_) => {
            error(
                value.span().start,
                format!(
                    "`{}` in [{}] should be a program and its arguments, like `{}` or `{}`",
                    key.key, key.table, key.string, key.list
                ),
            );
            None
        }
        Err(message) => {
            error(value.span().start, message);
            None
        }
    }
}

/// The `[table]` a byte offset falls under, if any.
fn table_at(src: &str, offset: usize) -> Option<&str> {
    let mut end = offset.min(src.len());
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let end = src[end..].find('\n').map_or(src.len(), |i| end + i);
    src[..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('[')?.strip_suffix(']').map(str::trim)
        })
        .next_back()
}

#[cfg(test)]
mod tests;
