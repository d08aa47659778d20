//! The one table of keys: what each key does, how the help overlay and the
//! footer describe it, and the plain text lines for `--help`, the man page
//! and the README. A key added here is bound, listed and hinted at once.

use super::keys::Key;
use crate::session::Action;
use crate::text::{Glyphs, width};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyAction {
    Engine(Action),
    Mute,
    /// Switch the voice on or off.
    Voice,
    Help,
    /// Show or hide the figure.
    Figure,
    Suspend,
    /// Esc closes the help before it quits.
    Escape,
}

/// One row of the table: keys, the action they give, and their help.
#[derive(Debug)]
pub(super) struct Binding {
    /// Every key that gives the action; all of them are shown.
    pub keys: &'static [Key],
    pub action: KeyAction,
    /// The help overlay's description.
    pub what: &'static str,
    /// A word for screens too narrow for `what`.
    pub short: &'static str,
    /// How important the row is to keep when the overlay runs out of rows
    /// (lower goes first).
    pub keep: u8,
    /// The footer's word, and the word while paused; empty when the key is
    /// not in the footer. Neighbours with the same word share one entry:
    /// `n/p step`.
    pub hint: (&'static str, &'static str),
    /// Whether the key stays in the footer when it is shortened to fit.
    pub in_short_hint: bool,
}

const fn bind(
    keys: &'static [Key],
    action: KeyAction,
    (what, short): (&'static str, &'static str),
    keep: u8,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        what,
        short,
        keep,
        hint: (hint, hint),
        in_short_hint: false,
    }
}

use KeyAction::Engine;

/// Every key mobility answers to during a run, in the order the help
/// lists them.
pub(super) const BINDINGS: &[Binding] = &[
    Binding {
        hint: ("pause", "resume"),
        in_short_hint: true,
        ..bind(
            &[Key::Char(' ')],
            Engine(Action::TogglePause),
            ("pause / resume", "pause"),
            11,
            "",
        )
    },
    bind(
        &[Key::Char('n'), Key::Right],
        Engine(Action::NextStep),
        ("next step", "next"),
        8,
        "step",
    ),
    bind(
        &[Key::Char('p'), Key::Left],
        Engine(Action::PrevStep),
        ("previous step / restart", "back"),
        6,
        "step",
    ),
    bind(
        &[Key::Char('s')],
        Engine(Action::SkipPhase),
        ("skip this phase", "skip"),
        5,
        "skip",
    ),
    bind(
        &[Key::Char('+'), Key::Char('=')],
        Engine(Action::AddTime),
        ("add 10 seconds", "+10s"),
        4,
        "10s",
    ),
    bind(
        &[Key::Char('-'), Key::Char('_')],
        Engine(Action::RemoveTime),
        ("take off 10 seconds", "-10s"),
        3,
        "10s",
    ),
    bind(
        &[Key::Char('m')],
        KeyAction::Mute,
        ("mute / unmute", "mute"),
        2,
        "mute",
    ),
    bind(
        &[Key::Char('v')],
        KeyAction::Voice,
        ("voice on / off", "voice"),
        2,
        // Not in the footer: with it, the footer no longer fits 80
        // columns. The voice says "voice on" as it comes on.
        "",
    ),
    Binding {
        in_short_hint: true,
        ..bind(
            &[Key::Char('?'), Key::Char('h')],
            KeyAction::Help,
            ("show / hide this help", "help"),
            9,
            "help",
        )
    },
    bind(
        &[Key::Char('f')],
        KeyAction::Figure,
        ("show / hide the figure", "figure"),
        0,
        "",
    ),
    bind(
        &[Key::Ctrl('z')],
        KeyAction::Suspend,
        ("suspend (fg resumes)", "suspend"),
        1,
        "",
    ),
    Binding {
        in_short_hint: true,
        ..bind(
            &[Key::Char('q'), Key::Ctrl('c')],
            Engine(Action::Quit),
            ("quit", "quit"),
            10,
            "quit",
        )
    },
    bind(
        &[Key::Esc],
        KeyAction::Escape,
        ("close the help, or quit", "close"),
        7,
        "",
    ),
];

/// Maps a key press to its action.
pub(super) fn action_for(key: Key) -> Option<KeyAction> {
    BINDINGS
        .iter()
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// How a key is written in the help, the arrows as `glyphs` draw them.
fn key_name(key: Key, glyphs: Glyphs) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("^{}", c.to_ascii_uppercase()),
        Key::Esc => "Esc".into(),
        Key::Left => glyphs.keys[0].into(),
        Key::Right => glyphs.keys[1].into(),
        Key::Up => glyphs.keys[2].into(),
        Key::Down => glyphs.keys[3].into(),
        Key::Other => "?".into(),
    }
}

impl Binding {
    /// The keys as the help overlay shows them: `n  →`.
    pub fn label(&self) -> String {
        self.label_in(Glyphs::UNICODE)
    }

    /// [`Binding::label`] drawn with `glyphs`: `n  Right` in ASCII.
    pub fn label_in(&self, glyphs: Glyphs) -> String {
        let names: Vec<String> = self.keys.iter().map(|&k| key_name(k, glyphs)).collect();
        names.join("  ")
    }
}

/// The key help for the footer, longest first, for the view to take the
/// first that fits: every key with a hint (`Space pause · n/p step · …`),
/// then only the keys that stay when room runs out, then the help key with
/// its word, then the help key alone; the entries apart by `glyphs.sep`.
pub(super) fn footers(paused: bool, glyphs: Glyphs) -> [String; 4] {
    let help = BINDINGS
        .iter()
        .find(|b| b.action == KeyAction::Help)
        .map_or_else(String::new, |b| key_name(b.keys[0], glyphs));
    [
        footer(paused, false, glyphs),
        footer(paused, true, glyphs),
        format!("{help} help"),
        help,
    ]
}

fn footer(paused: bool, short: bool, glyphs: Glyphs) -> String {
    let mut entries: Vec<(Vec<String>, &str)> = Vec::new();
    for binding in BINDINGS {
        let word = if paused {
            binding.hint.1
        } else {
            binding.hint.0
        };
        if word.is_empty() || (short && !binding.in_short_hint) {
            continue;
        }
        let key = key_name(binding.keys[0], glyphs);
        match entries.last_mut() {
            Some((keys, last)) if *last == word => keys.push(key),
            _ => entries.push((vec![key], word)),
        }
    }
    let entries: Vec<String> = entries
        .into_iter()
        .map(|(keys, word)| format!("{} {word}", keys.join("/")))
        .collect();
    entries.join(&format!(" {} ", glyphs.sep))
}

/// The key help as plain text, one key per line with the keys in a
/// column: for `run --help`, the man page and the README.
pub fn help_lines() -> Vec<String> {
    let labels: Vec<String> = BINDINGS.iter().map(Binding::label).collect();
    let key_width = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    BINDINGS
        .iter()
        .zip(labels)
        .map(|(binding, label)| {
            let pad = " ".repeat(key_width - width(&label));
            format!("{label}{pad}  {}", binding.what)
        })
        .collect()
}

#[cfg(test)]
mod tests;
