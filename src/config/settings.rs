//! The one table of settings: each key's table, kind, default and help.
//! The known keys, the checks, `config show`, the documented example and
//! the reference's list of keys all come from [`SETTINGS`].

use std::path::PathBuf;
use std::time::Duration;

use super::{
    CheckinSetting, Config, END_SCREEN, END_SCREEN_MAX, SNOOZE, SNOOZE_RANGE, SoundSetting,
};
use crate::routine::MAX_PAUSE;

/// The tables of the file, in the order the example shows them.
pub const TABLES: &[&str] = &["run", "remind", "history"];

/// One setting.
#[derive(Debug)]
pub struct Setting {
    /// The `[table]` it is written under.
    pub table: &'static str,
    pub key: &'static str,
    pub kind: Kind,
    pub default: Default,
    /// The value the documented example gives, as TOML.
    pub example: &'static str,
    /// One line on what it does.
    pub help: &'static str,
    /// Puts a checked value into the config.
    pub(super) set: fn(&mut Config, Value),
    /// The value as `config show` prints it, when the file sets it.
    pub(super) show: fn(&Config) -> Option<String>,
}

/// What a setting holds, and so how it is checked.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A duration such as `"5s"`, within these bounds.
    Duration { min: Duration, max: Duration },
    /// One of these words; `noun` says what they are ("a kind of sound").
    Choice {
        names: &'static [&'static str],
        noun: &'static str,
    },
    /// A program and its arguments, as a string split as a shell would or
    /// as a list; the examples its messages give.
    Command(&'static CommandExamples),
    /// An absolute directory, or one under the home directory (`~/`).
    Path,
    /// `true` or `false`.
    Bool,
    /// A machine name, as [`crate::history::machine_problem`] allows.
    Machine,
}

/// The examples a command setting's messages give.
#[derive(Debug)]
pub struct CommandExamples {
    pub string: &'static str,
    pub list: &'static str,
    /// The list shown when a quote is not closed: one with a space in a word.
    pub spaced: &'static str,
}

/// What a setting is when the file does not set it.
#[derive(Debug, Clone, Copy)]
pub enum Default {
    /// Said in words: "today", "each routine's own".
    Words(&'static str),
    /// A fixed duration.
    Duration(Duration),
    /// The first of these programs found on `PATH`.
    FirstOnPath(Programs),
}

/// The programs a command setting looks for when unset; the lists live
/// with the code that runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Programs {
    Players,
    Speech,
    Terminals,
}

/// A checked value, on its way into [`Config`].
#[derive(Debug, Clone)]
pub(super) enum Value {
    Duration(Duration),
    Choice(&'static str),
    Command(Vec<String>),
    Path(PathBuf),
    Bool(bool),
    Machine(String),
}

impl Value {
    fn duration(self) -> Option<Duration> {
        match self {
            Value::Duration(d) => Some(d),
            _ => None,
        }
    }
    fn command(self) -> Option<Vec<String>> {
        match self {
            Value::Command(c) => Some(c),
            _ => None,
        }
    }
    fn bool(self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
}

/// A duration with no bounds but its type's.
const ANY_DURATION: Kind = Kind::Duration {
    min: Duration::ZERO,
    max: Duration::MAX,
};

/// Every setting, in the order `config show` and the example list them.
pub const SETTINGS: &[Setting] = &[
    Setting {
        table: "run",
        key: "sound",
        kind: Kind::Choice {
            names: SoundSetting::NAMES,
            noun: "a kind of sound",
        },
        default: Default::Words("tones when a player is found, else the bell"),
        example: "\"tones\"",
        help: "\"tones\", \"bell\" or \"off\" (override with --bell or --quiet)",
        set: |c, v| {
            c.sound = match v {
                Value::Choice(name) => SoundSetting::from_name(name),
                _ => None,
            }
        },
        show: |c| c.sound.map(|s| s.name().to_owned()),
    },
    Setting {
        table: "run",
        key: "sound_command",
        kind: Kind::Command(&CommandExamples {
            string: "\"paplay --volume 40000\"",
            list: "[\"paplay\", \"--volume\", \"40000\"]",
            spaced: "[\"afplay\", \"-v\", \"0.5\"]",
        }),
        default: Default::FirstOnPath(Programs::Players),
        example: "\"paplay --volume 40000\"",
        help: "the tone player and its arguments; or [\"paplay\", \"--volume\", \"40000\"]",
        set: |c, v| c.sound_command = v.command(),
        show: |c| c.sound_command.as_deref().map(shown_command),
    },
    Setting {
        table: "run",
        key: "quiet",
        kind: Kind::Bool,
        default: Default::Words("false"),
        example: "false",
        help: "true: the older way to say sound = \"off\"",
        set: |c, v| c.quiet = v.bool(),
        show: |c| c.quiet.map(|b| b.to_string()),
    },
    Setting {
        table: "run",
        key: "voice",
        kind: Kind::Bool,
        default: Default::Words("false"),
        example: "false",
        help: "true: speak step names, prompts and the count (override with --no-voice)",
        set: |c, v| c.voice = v.bool(),
        show: |c| c.voice.map(|b| b.to_string()),
    },
    Setting {
        table: "run",
        key: "voice_command",
        kind: Kind::Command(&CommandExamples {
            string: "\"espeak-ng -s 140\"",
            list: "[\"espeak-ng\", \"-s\", \"140\"]",
            spaced: "[\"say\", \"-v\", \"Good News\"]",
        }),
        default: Default::FirstOnPath(Programs::Speech),
        example: "\"espeak-ng -s 140\"",
        help: "the speech program and its arguments; or [\"espeak-ng\", \"-s\", \"140\"]",
        set: |c, v| c.voice_command = v.command(),
        show: |c| c.voice_command.as_deref().map(shown_command),
    },
    Setting {
        table: "run",
        key: "lead_in",
        // It stands in for each routine's own lead-in, so it has the
        // routine's limit.
        kind: Kind::Duration {
            min: Duration::ZERO,
            max: MAX_PAUSE,
        },
        default: Default::Words("each routine's own"),
        example: "\"5s\"",
        help: "replace every get-ready countdown (like --lead-in)",
        set: |c, v| c.lead_in = v.duration(),
        show: |c| c.lead_in.map(crate::text::human),
    },
    Setting {
        table: "run",
        key: "end_screen",
        kind: Kind::Duration {
            min: Duration::ZERO,
            max: END_SCREEN_MAX,
        },
        default: Default::Duration(END_SCREEN),
        example: "\"10s\"",
        help: "how long the end screen stays; \"0s\" leaves at once",
        set: |c, v| c.end_screen = v.duration(),
        show: |c| c.end_screen.map(crate::text::human),
    },
    Setting {
        table: "run",
        key: "checkin",
        kind: Kind::Choice {
            names: CheckinSetting::NAMES,
            noun: "a time to ask",
        },
        default: Default::Words("after"),
        example: "\"after\"",
        help: "the 0-10 check-in: \"after\" a run, \"before-after\" or \"off\"",
        set: |c, v| {
            c.checkin = match v {
                Value::Choice(name) => CheckinSetting::from_name(name),
                _ => None,
            }
        },
        show: |c| c.checkin.map(|s| s.name().to_owned()),
    },
    Setting {
        table: "remind",
        key: "within",
        kind: ANY_DURATION,
        default: Default::Words("today"),
        example: "\"12h\"",
        help: "default --within for due and remind",
        set: |c, v| c.within = v.duration(),
        show: |c| c.within.map(crate::text::human),
    },
    Setting {
        table: "remind",
        key: "snooze",
        kind: Kind::Duration {
            min: SNOOZE_RANGE.0,
            max: SNOOZE_RANGE.1,
        },
        default: Default::Duration(SNOOZE),
        example: "\"15m\"",
        help: "how long the Snooze button waits (like --snooze)",
        set: |c, v| c.snooze = v.duration(),
        show: |c| c.snooze.map(crate::text::human),
    },
    Setting {
        table: "remind",
        key: "terminal",
        kind: Kind::Command(&CommandExamples {
            string: "\"kitty --single-instance\"",
            list: "[\"gnome-terminal\", \"--\"]",
            spaced: "[\"xterm\", \"-T\", \"Time to move\", \"-e\"]",
        }),
        default: Default::FirstOnPath(Programs::Terminals),
        example: "\"kitty --single-instance\"",
        help: "the terminal Start opens; or [\"gnome-terminal\", \"--\"]",
        set: |c, v| c.terminal = v.command(),
        show: |c| c.terminal.as_deref().map(shown_command),
    },
    Setting {
        table: "history",
        key: "history_dir",
        kind: Kind::Path,
        default: Default::Words("none: one file in the state directory"),
        example: "\"~/Sync/mobility\"",
        help: "a history directory kept in sync; absolute or ~/",
        set: |c, v| {
            c.history_dir = match v {
                Value::Path(p) => Some(p),
                _ => None,
            }
        },
        show: |c| c.history_dir.as_deref().map(crate::text::path),
    },
    Setting {
        table: "history",
        key: "machine",
        kind: Kind::Machine,
        default: Default::Words("the host name"),
        example: "\"laptop\"",
        help: "this machine's name in it; the host name otherwise",
        set: |c, v| {
            c.machine = match v {
                Value::Machine(name) => Some(name),
                _ => None,
            }
        },
        show: |c| {
            c.machine
                .as_deref()
                .map(|m| crate::text::escape(m, SHOWN_CHARS))
        },
    },
];

/// The longest value `config show` prints, in characters.
pub(super) const SHOWN_CHARS: usize = 200;

/// A command as `config show` prints it: joined as a shell would read it.
fn shown_command(words: &[String]) -> String {
    crate::text::escape(
        &shlex::try_join(words.iter().map(String::as_str)).unwrap_or_default(),
        SHOWN_CHARS,
    )
}

impl Setting {
    /// `table.key`, as `config show` names it.
    pub fn name(&self) -> String {
        format!("{}.{}", self.table, self.key)
    }

    /// The value the config gives this setting, as `config show` prints
    /// it; `None` when the file does not set it.
    pub fn shown(&self, config: &Config) -> Option<String> {
        (self.show)(config)
    }
}

/// The keys of `table`, in the table's order.
pub fn keys_of(table: &str) -> Vec<&'static str> {
    SETTINGS
        .iter()
        .filter(|s| s.table == table)
        .map(|s| s.key)
        .collect()
}

/// The setting written `key` under `[table]`, if there is one.
pub fn find(table: &str, key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.table == table && s.key == key)
}

/// A config file that sets every key, each with its help line: the
/// documented example.
pub fn example() -> String {
    let width = SETTINGS
        .iter()
        .map(|s| s.key.len() + 3 + s.example.len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (i, table) in TABLES.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("[{table}]\n"));
        for s in SETTINGS.iter().filter(|s| s.table == *table) {
            let line = format!("{} = {}", s.key, s.example);
            out.push_str(&format!("{line:<width$}  # {}\n", s.help));
        }
    }
    out
}
