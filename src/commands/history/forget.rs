//! `history forget START|--last`: one run out of this machine's history.

use jiff::civil::DateTime;

use super::Context;
use crate::cli::ForgetArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::history::{self, Forgotten, Record};
use crate::text;

/// How `history` prints a start, and so how `forget` is given one.
const MINUTE: &str = "%Y-%m-%d %H:%M";

/// With seconds, for telling apart two runs started in one minute.
const SECOND: &str = "%Y-%m-%d %H:%M:%S";

/// `mobility history forget`.
pub(super) fn forget(ctx: &Context, args: ForgetArgs) -> Result<Exit> {
    let store = ctx.history_store();
    let records = super::read_history(ctx)?;
    let tz = ctx.now().time_zone().clone();
    let started = |r: &Record, format: &str| r.started_at.in_zone(&tz).strftime(format).to_string();
    let run = match &args.start {
        None => match records.last() {
            Some(run) => run,
            None => {
                super::say(format_args!("No runs yet: nothing to forget."));
                return Ok(Exit::No);
            }
        },
        Some(start) => {
            let (wanted, format) = parse_start(start)?;
            let chosen: Vec<&Record> = records
                .iter()
                .filter(|r| started(r, format) == wanted)
                .collect();
            match chosen.as_slice() {
                [] => {
                    super::say(format_args!(
                        "There is no run started at {wanted}; `mobility history` lists them."
                    ));
                    return Ok(Exit::No);
                }
                [one] => *one,
                many => {
                    let seconds: Vec<String> = many.iter().map(|r| started(r, SECOND)).collect();
                    return Err(Error::Usage(format!(
                        "{} runs started at {wanted}; give the seconds too: {}",
                        many.len(),
                        seconds.join(", ")
                    )));
                }
            }
        }
    };
    let what = format!(
        "the run of `{}` started at {}",
        run.display_id(),
        started(run, MINUTE)
    );
    match history::forget(&store, run).map_err(|(path, e)| Error::io(path, e))? {
        Forgotten::Removed { aside, .. } => {
            writeln!(
                Stdout::lock(),
                "Forgot {what}; its line is kept in `{}`.",
                text::path(&aside)
            )?;
            Ok(Exit::Success)
        }
        Forgotten::Elsewhere { file } => {
            let machine = run
                .machine
                .as_deref()
                .map_or("another machine".to_owned(), |m| {
                    format!("machine {}", text::quote(m))
                });
            super::say(format_args!(
                "{what} is in `{}`, the file of {machine}: only this machine's file \
                 is changed here. Forget it on that machine.",
                text::path(&file)
            ));
            Ok(Exit::No)
        }
        Forgotten::Gone => {
            super::say(format_args!("{what} is no longer in the history."));
            Ok(Exit::No)
        }
    }
}

/// The start as `history` would print it, and the format to compare
/// with: to the minute, or to the second when seconds are given.
fn parse_start(start: &str) -> Result<(String, &'static str)> {
    let bad = || {
        Error::Usage(format!(
            "{} is not a start time; write it as `mobility history` prints it, such as \
             `2026-11-20 07:30` (local time)",
            text::quote(start)
        ))
    };
    let at: DateTime = start.trim().parse().map_err(|_| bad())?;
    // `07:30` and `07:30:00` are both the minute `history` shows.
    let format = if start.trim().len() > "2026-11-20 07:30".len() && at.second() != 0 {
        SECOND
    } else {
        MINUTE
    };
    Ok((at.strftime(format).to_string(), format))
}
