//! `mobility status`: one short line for a shell prompt, a tmux status bar
//! or polybar, or the same facts as JSON. It never speaks up: any problem
//! (an unknown routine, a broken config, an unreadable history) is exit 2
//! with nothing printed, which `lib::run` sees to. It reads only the end
//! of the history when that is enough (see [`history::Tail`]).

use serde::Serialize;

use super::{Context, print_json};
use crate::cli::StatusArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::remind::{self, Window};
use crate::{history, text};

/// What `status --json` prints.
#[derive(Debug, Serialize)]
struct StatusView<'a> {
    routine: &'a str,
    due: bool,
    /// When the run that makes it done started, RFC 3339; null when due.
    done_at: Option<String>,
    /// When the latest completed run started, RFC 3339; null if never.
    last_completed: Option<String>,
    streak: usize,
    /// For a program: the current stage (from 1), its completed sessions
    /// and its `sessions`; left out for a routine, null when every stage
    /// is done.
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<Option<StageView>>,
    /// The line `status` prints without `--json`.
    line: &'a str,
}

#[derive(Debug, Serialize)]
struct StageView {
    number: usize,
    done: u32,
    sessions: u32,
}

/// `mobility status`.
pub(crate) fn status(ctx: &Context, args: StatusArgs) -> Result<Exit> {
    let config = ctx.strict_config()?;
    let habit = super::program::habit(ctx, &args.routine)?;
    let within = args.within.or(config.within);
    let window = within.map_or(Window::Today, Window::Within);
    let now = ctx.now();
    let store = ctx.paths.history_store();
    // The end of the history answers almost always; the whole of it is
    // read only when the answer reaches back past what the end holds. A
    // program's stage counts runs and moves from any time: for a program,
    // the whole history, always.
    let tail = match habit.program {
        Some(_) => None,
        None => Some(
            store
                .read_tail(history::TAIL_BYTES)
                .map_err(|(path, e)| Error::io(path, e))?,
        ),
    };
    let answer = tail.and_then(|tail| {
        let status = remind::check(&tail.log.records, &habit.id, &now, window);
        let streak = history::current_streak(&tail.log.records, &now);
        remind::tail_answers(tail.coverage, &status, streak, &now).then_some((status, streak))
    });
    let (mut stage, mut stage_view) = (None, None);
    let (status, streak) = match answer {
        Some(answer) => answer,
        None => {
            let log = store.read().map_err(|(path, e)| Error::io(path, e))?;
            stage = habit.stage_words(&log);
            stage_view = habit.program.as_ref().map(|_| {
                habit.stage(&log).map(|(number, done, sessions)| StageView {
                    number,
                    done,
                    sessions,
                })
            });
            (
                remind::check(&habit.runs(&log.records), &habit.id, &now, window),
                history::current_streak(&log.records, &now),
            )
        }
    };
    let shown = text::escape(&args.routine, text::QUOTE_CHARS);
    let line = remind::status_line(
        &shown,
        stage.as_deref(),
        &status,
        streak,
        text::Glyphs::here(),
    );
    if args.json {
        print_json(&StatusView {
            // JSON escapes by its own rules: the real id, not the display.
            routine: &habit.id,
            due: status.due,
            done_at: status.done_at.map(|t| t.to_string()),
            last_completed: status.last_completed.map(|t| t.to_string()),
            streak,
            stage: stage_view,
            line: &line,
        })?;
    } else {
        writeln!(Stdout::lock(), "{line}")?;
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests;
