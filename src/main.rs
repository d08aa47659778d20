//! The `mobility` binary: parse, run, report an error once.

use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use mobility::text;

fn main() -> ExitCode {
    // `COMPLETE=bash mobility` prints a completion script that completes
    // routine ids too; with COMPLETE unset this does nothing.
    clap_complete::CompleteEnv::with_factory(mobility::cli::command).complete();
    let cli = match mobility::cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let color = mobility::style::for_stream(cli.color, &std::io::stderr());
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
    // `status` promises a prompt nothing at all on any problem, its
    // command line included.
    if is_status() {
        return ExitCode::from(2);
    }
    // `mobility wall-flexion`: say how to run it, not just "unrecognized".
    if e.kind() == ErrorKind::InvalidSubcommand
        && let Some(ContextValue::String(word)) = e.get(ContextKind::InvalidSubcommand)
        && let Some(message) =
            mobility::routine_as_command(word, &std::env::args_os().collect::<Vec<_>>())
    {
        let auto = mobility::style::ColorChoice::Auto;
        let color = mobility::style::for_stream(auto, &std::io::stderr());
        let _ = writeln!(
            std::io::stderr(),
            "{} {message}",
            mobility::style::error_label(color)
        );
        return ExitCode::from(2);
    }
    let rendered = e.render().to_string();
    let mut err = std::io::stderr().lock();
    for line in rendered.lines() {
        let _ = writeln!(err, "{}", text::escape(line, USAGE_LINE_CHARS));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Whether the refused command line asks for `status`: as clap reads it
/// when it goes past the errors, so that global options before it count.
fn is_status() -> bool {
    mobility::cli::command()
        .ignore_errors(true)
        .try_get_matches_from(std::env::args_os())
        .is_ok_and(|m| m.subcommand_name() == Some("status"))
}

/// The longest line of a usage error, in characters.
const USAGE_LINE_CHARS: usize = 400;
