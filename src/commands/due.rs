//! `mobility due`: one line saying whether a routine is due or done, and
//! the answer in the exit code too: 0 when due, 1 when done.

use super::{Context, read_history, window};
use crate::cli::DueArgs;
use crate::error::{Exit, Result, Stdout};
use crate::remind;
use crate::routine::library;

/// `mobility due`.
pub(crate) fn due(ctx: &Context, args: DueArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let window = window(ctx, args.within)?;
    let now = ctx.now();
    let records = read_history(ctx)?;
    let status = remind::check(&records, &found.routine.id, &now, window);
    if !args.quiet {
        writeln!(
            Stdout::lock(),
            "{}",
            remind::due_line(
                &crate::text::escape(&args.routine, crate::text::PATH_CHARS),
                &status,
                &now
            )
        )?;
    }
    Ok(if status.due { Exit::Success } else { Exit::No })
}

#[cfg(test)]
mod tests;
