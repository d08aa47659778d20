//! Programs at the command line: where you are (`program status`), the
//! moves (`next`, `back`, `restart`), and how `list` and `show` print
//! them.

pub(crate) mod view;

use super::{Context, read_log};
use crate::error::Result;
use crate::program::Program;
use crate::program::progress::{self, Position};

/// Where someone is in `program`, from the whole history.
pub(crate) fn where_now(ctx: &Context, program: &Program) -> Result<Position> {
    let log = read_log(ctx)?;
    Ok(progress::position(
        program,
        &log.records,
        &progress::moves(&log.other),
    ))
}

/// Where you are, in a few words for the top of a run:
/// "Stage 2/4 · Own it · session 3 of 5".
pub(crate) fn label(program: &Program, at: &Position) -> String {
    let count = program.stages.len();
    let index = at.stage.min(count - 1);
    let stage = &program.stages[index];
    let session = if at.finished(program) {
        "every stage done".to_string()
    } else if at.held.is_some() {
        format!("session {}, staying", at.session())
    } else {
        format!("session {} of {}", at.session(), stage.sessions)
    };
    format!("Stage {}/{count} · {} · {session}", index + 1, stage.name)
}
