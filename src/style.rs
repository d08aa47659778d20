//! Colour, used sparingly: only on a terminal, never with `NO_COLOR`.

/// When to colour output: `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set
    Auto,
    Always,
    Never,
}

/// Whether to colour `stream` as the user chose (`--color`): the one
/// place the decision is made, for stdout and stderr alike.
pub fn for_stream(choice: ColorChoice, stream: &impl std::io::IsTerminal) -> bool {
    let term = std::env::var_os("TERM");
    enabled(choice, capable(stream.is_terminal(), term.as_deref()))
}

/// Whether a stream may be styled as a terminal: it is one, and not a
/// dumb one. What `--color auto` asks of a stream.
pub fn capable(is_terminal: bool, term: Option<&std::ffi::OsStr>) -> bool {
    is_terminal && !crate::text::is_dumb(term)
}

/// Whether to colour a stream, given the user's choice and whether the
/// stream is a terminal. `NO_COLOR` (set and non-empty) turns `auto` off.
pub fn enabled(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn paint(on: bool, code: &str, text: &str) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The 256-colour codes of a calendar's shades (see `Glyphs::shades`):
/// grey for a day without a run, then greens getting brighter.
pub const SHADES: [u8; 4] = [240, 22, 28, 40];

/// `text` in the colour of shade `level` (0 to 3), when colour is on.
pub fn shade(on: bool, level: u8, text: &str) -> String {
    let code = SHADES[usize::from(level.min(3))];
    paint(on, &format!("38;5;{code}"), text)
}

/// `error:`, bold red when colour is on.
pub fn error_label(on: bool) -> String {
    paint(on, "1;31", "error:")
}

/// `warning:`, bold yellow when colour is on.
pub fn warning_label(on: bool) -> String {
    paint(on, "1;33", "warning:")
}

/// Bold text, for headings.
pub fn bold(on: bool, text: &str) -> String {
    paint(on, "1", text)
}

/// Dim text, for secondary details.
pub fn dim(on: bool, text: &str) -> String {
    paint(on, "2", text)
}
