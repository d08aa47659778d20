//! The manual's own sections: the reference pages in `docs/`, in the order
//! the manual shows them, compiled in. `docs/README.md` (the index) and
//! `docs/install.md` (installing, which an installed manual has no need
//! of) are left out; a test checks that every other page is here.

/// Each page's file name and text. A page's `# Title` is its section.
pub(super) const PAGES: &[(&str, &str)] = &[
    ("keys.md", include_str!("../../../docs/keys.md")),
    ("running.md", include_str!("../../../docs/running.md")),
    ("sound.md", include_str!("../../../docs/sound.md")),
    ("routines.md", include_str!("../../../docs/routines.md")),
    ("format.md", include_str!("../../../docs/format.md")),
    ("programs.md", include_str!("../../../docs/programs.md")),
    ("history.md", include_str!("../../../docs/history.md")),
    ("reminders.md", include_str!("../../../docs/reminders.md")),
    (
        "configuration.md",
        include_str!("../../../docs/configuration.md"),
    ),
    ("files.md", include_str!("../../../docs/files.md")),
    ("exit-codes.md", include_str!("../../../docs/exit-codes.md")),
    (
        "reliability.md",
        include_str!("../../../docs/reliability.md"),
    ),
    ("examples.md", include_str!("../../../docs/examples.md")),
];

/// Blocks that the code makes: in a page, the fenced block after the
/// marker is replaced with the function's text, so the manual never lags
/// behind the code; `tests/reference.rs` keeps the pages' copies equal.
pub(super) const GENERATED: &[(&str, Make)] = &[
    (KEYS_MARKER, || crate::ui::keymap::help_lines().join("\n")),
    (SETTINGS_MARKER, crate::config::example),
    (ROUTINE_MARKER, || {
        include_str!("../../../routines/wall-flexion.toml").to_string()
    }),
];

/// What makes a block's text.
pub(super) type Make = fn() -> String;

/// The line before the list of keys.
pub(super) const KEYS_MARKER: &str = "<!-- keys: from src/ui/keymap.rs -->";
/// The line before the whole wall drill, as it ships.
pub(super) const ROUTINE_MARKER: &str = "<!-- routine: from routines/wall-flexion.toml -->";
/// The line before the example config file, every setting in it.
pub(super) const SETTINGS_MARKER: &str = "<!-- settings: from src/config/settings.rs -->";
