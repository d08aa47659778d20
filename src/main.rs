//! The `mobility` binary: parse, run, report an error once.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use mobility::text;

fn main() -> ExitCode {
    // `COMPLETE=bash mobility` prints a completion script that completes
    // routine ids too; with COMPLETE unset this does nothing.
    clap_complete::CompleteEnv::with_factory(mobility::cli::Cli::command).complete();
    let cli = match mobility::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let term = std::env::var_os("TERM");
    let stderr = mobility::capable_terminal(std::io::stderr().is_terminal(), term.as_deref());
    let color = mobility::style::enabled(cli.color, stderr);
    match mobility::run(cli) {
        Ok(exit) => exit.into(),
        Err(e) => {
            // `mobility list | head`: the reader left, which is not our trouble.
            if e.is_reportable() {
                // Never panic over a closed stderr: the exit code still tells.
                let _ = writeln!(
                    std::io::stderr(),
                    "{} {e}",
                    mobility::style::error_label(color)
                );
            }
            e.exit().into()
        }
    }
}

/// Prints clap's message for a command line it refused. Help and version
/// are our own text, printed as clap prints them; an error echoes the
/// user's arguments, so each of its lines goes through the one escape
/// (clap would print an escape sequence in an argument raw to a terminal).
/// The price is clap's colour on these errors.
fn usage_error(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        e.exit()
    }
    let rendered = e.render().to_string();
    let mut err = std::io::stderr().lock();
    for line in rendered.lines() {
        let _ = writeln!(err, "{}", text::escape(line, USAGE_LINE_CHARS));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// The longest line of a usage error, in characters.
const USAGE_LINE_CHARS: usize = 400;
