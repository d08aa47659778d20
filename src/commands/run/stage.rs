//! `run PROGRAM`: the current stage's routine, with where you are on its
//! top line, and what the end of a stage says comes next.

use super::super::program::{label, where_now};
use super::Context;
use crate::error::Result;
use crate::program::progress::{self, Position};
use crate::program::{self, Program};
use crate::routine::Routine;

/// The program a run is a stage of.
#[derive(Debug, Clone)]
pub(crate) struct StageRun {
    pub program: Program,
    /// The stage run, from 0.
    pub index: usize,
    /// Where the program was when the run started.
    pub before: Position,
    /// The stage's routine's own title, which the record keeps.
    pub routine_title: String,
}

impl StageRun {
    /// The stage number the record keeps, from 1.
    pub fn number(&self) -> u32 {
        u32::try_from(self.index + 1).unwrap_or(u32::MAX)
    }
}

/// The routine to run for `program` now, titled with where you are, and
/// the stage it is. A finished program runs its last stage again.
pub(crate) fn current(ctx: &Context, program: Program) -> Result<(Routine, StageRun)> {
    let before = where_now(ctx, &program)?;
    let index = before.stage.min(program.stages.len() - 1);
    let mut routine = program.stages[index].routine.clone();
    let routine_title = std::mem::replace(&mut routine.title, label(&program, &before));
    Ok((
        routine,
        StageRun {
            program,
            index,
            before,
            routine_title,
        },
    ))
}

/// What the end of this run says about the program, from the history
/// read once the run is in it: a stage done and what comes next, the
/// program done, or a stage held by its check-ins. `None` mid-stage.
pub(crate) fn after(run: &StageRun, log: &crate::history::Log) -> Option<String> {
    let now = progress::position(&run.program, &log.records, &progress::moves(&log.other));
    let p = &run.program;
    let n = run.index + 1;
    if let Some(average) = now.held.filter(|_| now.stage == run.index) {
        return Some(format!(
            "Stage {n}'s sessions are done, but your last three check-ins average {average:.1}: staying on it; `mobility program next` moves on anyway"
        ));
    }
    if now.stage <= run.index || run.before.stage > run.index {
        return None;
    }
    let Some(next) = p.stages.get(now.stage) else {
        return Some(format!(
            "Stage {n} done: that was the last stage of the program"
        ));
    };
    let changes = program::changes(&p.stages[run.index].routine, &next.routine);
    let what = if changes.is_empty() {
        String::new()
    } else {
        format!(" ({})", changes.join(", "))
    };
    Some(format!(
        "Stage {n} done. Next time: Stage {} · {}{what}",
        now.stage + 1,
        next.name
    ))
}
