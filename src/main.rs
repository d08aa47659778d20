//! The `mobility` binary: parse, run, report an error once.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // `COMPLETE=bash mobility` prints a completion script that completes
    // routine ids too; with COMPLETE unset this does nothing.
    clap_complete::CompleteEnv::with_factory(mobility::cli::Cli::command).complete();
    let cli = mobility::cli::Cli::parse();
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
