//! `mobility due`: one line saying whether a routine is due or done, and
//! the answer in the exit code too: 0 when due, 1 when done.

use super::program::habit;
use super::{Context, read_log, window};
use crate::cli::DueArgs;
use crate::error::{Exit, Result, Stdout};
use crate::remind;

/// `mobility due`.
pub(crate) fn due(ctx: &Context, args: DueArgs) -> Result<Exit> {
    let habit = habit(ctx, &args.routine)?;
    let window = window(ctx, args.within)?;
    let now = ctx.now();
    let log = read_log(ctx)?;
    let status = remind::check(&habit.runs(&log.records), &habit.id, &now, window);
    if !args.quiet {
        let mut line = remind::due_line(
            &crate::text::escape(&args.routine, crate::text::PATH_CHARS),
            &status,
            &now,
        );
        if let Some(stage) = habit.stage_sentence(&log) {
            line.push_str(&format!("; {stage}"));
        }
        writeln!(Stdout::lock(), "{line}")?;
    }
    Ok(if status.due { Exit::Success } else { Exit::No })
}

#[cfg(test)]
mod tests;
