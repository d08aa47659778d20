//! `run PROGRAM`: the current stage's routine, with where you are on its
//! top line, and what the end of a stage says comes next.

use super::super::program::{label, where_now};
use super::Context;
use crate::error::Result;
use crate::history::Record;
use crate::program::progress::{self, Position};
use crate::program::{self, Program};
use crate::routine::Routine;
use crate::ui::ProgramNote;

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

/// What the end of this run says about the program, for each answer the
/// check-in may get, from the history read once the run is in it.
pub(crate) fn after(run: &StageRun, log: &crate::history::Log) -> ProgramNote {
    // Only this program's runs matter, and they are few: copied once, and
    // this run (the latest of its stage) given each answer in turn.
    let mut runs: Vec<Record> = log
        .records
        .iter()
        .filter(|r| r.program.as_deref() == Some(run.program.id.as_str()))
        .cloned()
        .collect();
    let moves = progress::moves(&log.other);
    let this = runs
        .iter()
        .enumerate()
        .filter(|(_, r)| r.stage == Some(run.number()))
        .max_by_key(|(_, r)| r.started_at.timestamp)
        .map(|(i, _)| i);
    let answers = std::iter::once(None).chain((0..=crate::history::MAX_RATING).map(Some));
    let by_answer = answers
        .map(|answer| {
            if let Some(i) = this {
                runs[i].checkin_after = answer.or(runs[i].checkin_after);
            }
            words(run, &progress::position(&run.program, &runs, &moves))
        })
        .collect();
    ProgramNote { by_answer }
}

/// A stage done and what comes next, the program done, or a stage held
/// by its check-ins; `None` mid-stage.
fn words(run: &StageRun, now: &Position) -> Option<String> {
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
        "Stage {n} done. Next time: Stage {} {} {}{what}",
        now.stage + 1,
        crate::text::Glyphs::here().sep,
        next.name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{at, run};
    use crate::history::{Log, Record};

    /// The built-in program, and a history of `ratings.len()` completed
    /// sessions of its first stage, rated as given.
    fn setting(ratings: &[Option<u8>]) -> (StageRun, Log) {
        let dir = tempfile::tempdir().unwrap();
        let ctx = crate::commands::tests::context(&dir, "2026-03-10T18:00:00Z");
        let program = program::load("flexion-program", &ctx.paths)
            .unwrap()
            .program;
        let records: Vec<Record> = ratings
            .iter()
            .enumerate()
            .map(|(i, rating)| Record {
                program: Some("flexion-program".into()),
                stage: Some(1),
                checkin_after: *rating,
                ..run(
                    "wall-flexion-learn",
                    &at(&format!("2026-03-0{}T08:00", i + 1), "UTC"),
                    true,
                )
            })
            .collect();
        let before = progress::position(&program, &records[..records.len() - 1], &[]);
        let log = Log {
            records,
            ..Log::default()
        };
        let stage = StageRun {
            program,
            index: 0,
            before,
            routine_title: "Wall flexion: learn the shape".into(),
        };
        (stage, log)
    }

    #[test]
    fn the_last_session_of_a_stage_says_what_comes_next_and_what_changes() {
        let (stage, log) = setting(&[None, None, None, None, None]);
        let note = after(&stage, &log);
        let next = "Stage 1 done. Next time: Stage 2 · Own it (6 reps, hold 4 s)";
        assert_eq!(note.line(None), Some(next));
        assert_eq!(note.line(Some(9)), Some(next), "two ratings are not three");
        assert!(!note.hangs_on_answer());
    }

    #[test]
    fn a_high_answer_on_the_last_session_keeps_the_stage() {
        let (stage, log) = setting(&[None, None, Some(8), Some(7), None]);
        let note = after(&stage, &log);
        assert!(note.hangs_on_answer());
        assert!(
            note.line(None)
                .unwrap()
                .starts_with("Stage 1 done. Next time: Stage 2")
        );
        // 8, 7 and 5 average 6.7: on to stage 2.
        assert!(note.line(Some(5)).unwrap().starts_with("Stage 1 done."));
        // 8, 7 and 6 average 7.
        assert_eq!(
            note.line(Some(6)),
            Some(
                "Stage 1's sessions are done, but your last three check-ins average 7.0: staying on it; `mobility program next` moves on anyway"
            )
        );
    }

    #[test]
    fn mid_stage_nothing_is_said() {
        let (stage, log) = setting(&[None, None]);
        assert_eq!(after(&stage, &log).line(None), None);
    }
}
