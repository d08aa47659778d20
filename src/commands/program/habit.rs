//! What `due`, `status`, `remind` and `schedule` keep track of: a routine,
//! or a program, whose runs are every stage's.

use std::borrow::Cow;
use std::time::Duration;

use super::super::Context;
use super::position_in;
use crate::error::Result;
use crate::history::{Log, Record};
use crate::program::{self, Entry};
use crate::routine::Routine;

/// A routine or a program, as the habit commands see it.
#[derive(Debug)]
pub(crate) struct Habit {
    /// The name runs are matched by: the routine's id (or path), or the
    /// program's.
    pub id: String,
    /// What a reminder names: the routine's title, or the program's with
    /// the stage.
    pub title: String,
    /// What one session takes: the routine, or the current stage's.
    pub total: Duration,
    /// For a program: where the history leaves you, as "stage 2 3/5".
    pub program: Option<ProgramHabit>,
}

#[derive(Debug)]
pub(crate) struct ProgramHabit {
    pub program: program::Program,
}

impl Habit {
    /// A routine's habit.
    pub fn of_routine(routine: &Routine) -> Habit {
        Habit {
            id: routine.id.clone(),
            title: routine.title.clone(),
            total: routine.total(),
            program: None,
        }
    }

    /// The runs as this habit counts them: a program's runs under its id,
    /// whichever stage's routine they ran, so that the routine's rules
    /// (due, done, streak) apply to them unchanged.
    pub fn runs<'a>(&self, records: &'a [Record]) -> Cow<'a, [Record]> {
        if self.program.is_none() {
            return Cow::Borrowed(records);
        }
        Cow::Owned(
            records
                .iter()
                .filter(|r| r.program.as_deref() == Some(self.id.as_str()))
                .map(|r| Record {
                    routine: self.id.clone(),
                    ..r.clone()
                })
                .collect(),
        )
    }

    /// A program's title and time made the current stage's, for a
    /// reminder that names the stage Start would run. Only `remind` needs
    /// it, so only `remind` reads the history for it.
    pub fn at_stage(&mut self, log: &Log) {
        let Some(ProgramHabit { program }) = &self.program else {
            return;
        };
        let at = position_in(program, log);
        let index = at.stage.min(program.stages.len() - 1);
        self.title = format!("{} ({})", program.title, super::label(program, &at));
        self.total = program.stages[index].routine.total();
    }

    /// Where the whole history leaves a program: the current stage (from
    /// 1), its completed sessions and its `sessions`; `None` for a routine
    /// and for a program whose every stage is done.
    pub fn stage(&self, log: &Log) -> Option<(usize, u32, u32)> {
        let program = &self.program.as_ref()?.program;
        let at = position_in(program, log);
        let stage = program.stages.get(at.stage)?;
        Some((at.stage + 1, at.done[at.stage], stage.sessions))
    }

    /// "stage 2 3/5", or "every stage done", for a program's status line.
    pub fn stage_words(&self, log: &Log) -> Option<String> {
        self.program.as_ref()?;
        Some(match self.stage(log) {
            Some((n, done, sessions)) => format!("stage {n} {done}/{sessions}"),
            None => "every stage done".into(),
        })
    }

    /// "stage 2, 3 of 5 sessions done", for a sentence.
    pub fn stage_sentence(&self, log: &Log) -> Option<String> {
        self.program.as_ref()?;
        Some(match self.stage(log) {
            Some((n, done, sessions)) => format!("stage {n}, {done} of {sessions} sessions done"),
            None => "every stage done".into(),
        })
    }
}

/// The routine or program `name` names, as a habit.
pub(crate) fn habit(ctx: &Context, name: &str) -> Result<Habit> {
    Ok(match program::load_any(name, &ctx.paths)? {
        Entry::Routine(found) => Habit::of_routine(&found.routine),
        Entry::Program(found) => {
            let program = found.program;
            // Until `at_stage` is given the history, the longest session
            // stands in for the current stage's.
            Habit {
                id: program.id.clone(),
                title: program.title.clone(),
                total: program.longest_session(),
                program: Some(ProgramHabit { program }),
            }
        }
    })
}
