//! Programs at the command line: where you are (`program status`), the
//! moves (`next`, `back`, `restart`), which program is meant when none is
//! named, and how `list` and `show` print them.

mod habit;
mod status;
pub(crate) mod view;

pub(crate) use habit::{Habit, habit};

use super::{Context, read_log};
use crate::cli::{ProgramArgs, ProgramCommand};
use crate::error::{Error, Exit, Result, Stdout};
use crate::history::{self, Log};
use crate::program::progress::{self, Action, Move, Position};
use crate::program::{self, Program};
use crate::routine::library;
use crate::text;

/// `mobility program …`.
pub(crate) fn program(ctx: &Context, command: ProgramCommand) -> Result<Exit> {
    match command {
        ProgramCommand::Status(args) => status::status(ctx, &args),
        ProgramCommand::Next(args) => move_to(ctx, &args, Action::Next),
        ProgramCommand::Back(args) => move_to(ctx, &args, Action::Back),
        ProgramCommand::Restart(args) => move_to(ctx, &args, Action::Restart),
    }
}

#[cfg(test)]
mod tests;

/// Where someone is in `program`, from the whole history.
pub(crate) fn where_now(ctx: &Context, program: &Program) -> Result<Position> {
    Ok(position_in(program, &read_log(ctx)?))
}

/// Where someone is in `program`, from a history already read.
fn position_in(program: &Program, log: &Log) -> Position {
    progress::position(program, &log.records, &progress::moves(&log.other))
}

/// Where you are, in a few words for the top of a run:
/// "Stage 2/4 · Own it · session 3 of 5", with the separator of the
/// characters the terminal can show.
pub(crate) fn label(program: &Program, at: &Position) -> String {
    let sep = text::Glyphs::here().sep;
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
    format!(
        "Stage {}/{count} {sep} {} {sep} {session}",
        index + 1,
        stage.name
    )
}

/// The program named, or without a name the one in use: the only program
/// the history has runs or moves of, else the only program there is.
fn chosen(ctx: &Context, name: Option<&str>, log: &Log) -> Result<program::Found> {
    if let Some(name) = name {
        return program::load(name, &ctx.paths);
    }
    let mut used: Vec<String> = log
        .records
        .iter()
        .filter_map(|r| r.program.clone())
        .chain(progress::moves(&log.other).into_iter().map(|m| m.program))
        .collect();
    used.sort();
    used.dedup();
    if let [one] = used.as_slice() {
        return program::load(one, &ctx.paths);
    }
    let listing = library::load_all(&ctx.paths)?;
    let known: Vec<String> = listing
        .programs
        .iter()
        .map(|l| match l {
            library::Location::File { id, .. } | library::Location::BuiltIn { id, .. } => {
                id.clone()
            }
        })
        .collect();
    if let ([], [one]) = (used.as_slice(), known.as_slice()) {
        return program::load(one, &ctx.paths);
    }
    let (what, names) = if used.is_empty() {
        ("there is more than one program", known)
    } else {
        ("you have used more than one program", used)
    };
    let names: Vec<String> = names.iter().map(|n| text::quote(n)).collect();
    Err(Error::Usage(format!(
        "{what}: {}\n  hint: name one, as in `mobility program status {}`",
        names.join(", "),
        names
            .first()
            .map_or("PROGRAM".into(), |n| n.trim_matches('`').to_string())
    )))
}

/// `program next`, `back` and `restart`: a move written to the history,
/// then where that leaves you.
fn move_to(ctx: &Context, args: &ProgramArgs, action: Action) -> Result<Exit> {
    let log = read_log(ctx)?;
    let found = chosen(ctx, args.program.as_deref(), &log)?;
    let program = &found.program;
    let at = position_in(program, &log);
    let count = program.stages.len();
    // Stages from 1; one past the last is "every stage done".
    let from = at.stage.min(count) + 1;
    let id = text::escape(&program.id, text::PATH_CHARS);
    future_move(ctx, program, &log)?;
    let to = match action {
        Action::Next if from > count => {
            return Err(Error::Usage(format!(
                "every stage of {id} is done; there is no next stage\n  hint: `mobility program back {id}` or `mobility program restart {id}` go back"
            )));
        }
        Action::Back if from == 1 => {
            return Err(Error::Usage(format!(
                "{id} is at stage 1; there is no stage before it\n  hint: `mobility program restart {id}` counts stage 1's sessions again"
            )));
        }
        Action::Next => from + 1,
        Action::Back => from - 1,
        Action::Restart => 1,
    };
    let store = ctx.history_store();
    let line = Move::new(
        &program.id,
        action,
        u32::try_from(from).unwrap_or(u32::MAX),
        u32::try_from(to).unwrap_or(u32::MAX),
        ctx.now().into(),
        store.machine(),
    );
    let path = store.own_file();
    history::append_other(&path, &line).map_err(|e| {
        Error::Other(format!(
            "the move was not recorded: cannot write `{}`: {}",
            text::path(&path),
            crate::diagnostic::io_message(&e)
        ))
    })?;
    let now = where_now(ctx, program)?;
    let mut out = Stdout::lock();
    writeln!(out, "{id}: {}", label(program, &now))?;
    Ok(Exit::Success)
}

/// Refuses a move while `program` has one dated after now: a machine whose
/// clock ran ahead (or a hand-typed `at`) would outrank every move made
/// now, and `next`, `back` or `restart` would change nothing. Names the
/// line, so it can be mended or removed.
fn future_move(ctx: &Context, program: &Program, log: &Log) -> Result<()> {
    let now = ctx.now().timestamp();
    let ahead = log
        .other
        .iter()
        .filter(|o| o.kind == progress::KIND)
        .filter_map(|o| Some((o, serde_json::from_value::<Move>(o.value.clone()).ok()?)))
        .filter(|(_, m)| m.program == program.id && m.at.timestamp > now)
        .max_by_key(|(_, m)| m.at.timestamp);
    let Some((line, found)) = ahead else {
        return Ok(());
    };
    let when = found.at.timestamp.strftime("%Y-%m-%d %H:%M UTC");
    Err(Error::Other(format!(
        "`{}`: line {}: a move of {} is dated {when}, in the future; any move made now would come before it and change nothing\n  hint: check the clock of the machine that wrote it ({}), then correct that line's `at` or remove the line",
        text::path(&line.path),
        line.line,
        text::quote(&program.id),
        found
            .machine
            .as_deref()
            .map_or("unnamed".to_string(), text::quote),
    )))
}
