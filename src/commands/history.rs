//! `mobility history`: past runs, newest first, with the streak; or the
//! calendar, an export, moving the history into a history directory, or
//! forgetting a run.

mod forget;
mod move_to;
mod show;

use serde::Serialize;

use super::{Context, print_json, read_history, say};
use crate::cli::{HistoryArgs, HistoryCommand};
use crate::error::{Error, Exit, Result, Stdout};
use jiff::{Timestamp, ZonedDateTime};

use crate::diagnostic::similar;
use crate::history::{self, Filter, Record, Since};
use crate::routine::library::{self, history_id};
use crate::text::{self, Glyphs, PATH_CHARS, clock, escape, plural};
use crate::ui::HowEnded;

/// What `history --json` prints.
#[derive(Serialize)]
struct HistoryView<'a> {
    /// Newest first.
    records: Vec<&'a Record>,
    summary: history::HistorySummary,
}

/// `mobility history`.
pub(crate) fn history(ctx: &Context, args: HistoryArgs) -> Result<Exit> {
    if let Some(HistoryCommand::Forget(forget)) = args.action {
        return forget::forget(ctx, forget);
    }
    if let Some(dir) = &args.move_to {
        return move_to::move_to(ctx, dir);
    }
    let now = ctx.now();
    let since = match &args.since {
        Some(since) => Some(
            since
                .cutoff(&now)
                .map_err(|e| Error::Usage(format!("--since: {e}")))?,
        ),
        None => None,
    };
    let records = read_history(ctx)?;
    let routine = args.routine.as_deref().map(history_id);
    if let (Some(name), Some(id)) = (&args.routine, &routine) {
        check_known(ctx, name, id, &records)?;
    }
    // The summary covers the runs `--routine` and `--since` choose;
    // `--completed` and `--limit` only shorten the list above it.
    let scope = Filter {
        routine: routine.clone(),
        since,
        ..Filter::default()
    };
    if args.calendar {
        return show::calendar(ctx, &scope.apply(&records), &now, args.weeks);
    }
    if args.trend {
        return show::trend(&scope.apply(&records), &now, args.weeks, args.json);
    }
    if let Some(format) = args.export {
        let filter = Filter {
            completed: args.completed,
            limit: args.limit,
            ..scope
        };
        return show::export(format, &filter.apply(&records));
    }
    let summary = history::summarize(scope.apply(&records), &now);
    let filter = Filter {
        completed: args.completed,
        limit: Some(args.limit.unwrap_or(LIMIT)),
        ..scope
    };
    let chosen = filter.apply(&records);
    if args.json {
        print_json(&HistoryView {
            records: chosen.iter().rev().copied().collect(),
            summary,
        })?;
        return Ok(Exit::Success);
    }
    let mut out = Stdout::lock();
    if chosen.is_empty() {
        if records.is_empty() {
            writeln!(
                out,
                "No runs yet. Start one with `mobility run wall-flexion`."
            )?;
        } else {
            writeln!(out, "No runs match.")?;
        }
    }
    let tz = now.time_zone().clone();
    // Ids are paths for routines run from a file, and the history is
    // anyone's to edit: shown escaped, like every outside text.
    let ids: Vec<String> = chosen.iter().map(|r| r.display_id()).collect();
    // Padded by what the terminal shows, not by characters: a wide
    // character takes two columns.
    let width = ids.iter().map(|id| text::width(id)).max().unwrap_or(0);
    for (r, id) in chosen.iter().zip(&ids).rev() {
        let started = r.started_at.in_zone(&tz);
        let ended = HowEnded::of(r.completed, r.reached_end);
        let words = ended.words();
        let how = match ended {
            HowEnded::Completed if r.steps_skipped > 0 => {
                format!("{words}, {} skipped", r.steps_skipped)
            }
            HowEnded::Completed => words.to_owned(),
            HowEnded::NotCounted => {
                format!("reached the end, {} skipped; {words}", r.steps_skipped)
            }
            HowEnded::Stopped => format!("{words}, {} of {} steps", r.steps_done, r.steps_total),
        };
        writeln!(
            out,
            "{}  {id}{}  {:>6}  {how}",
            started.strftime("%Y-%m-%d %H:%M"),
            " ".repeat(width - text::width(id)),
            clock(r.active()),
        )?;
    }
    if !records.is_empty() {
        writeln!(out)?;
    }
    let days = |n: usize| plural(n as u64, "day");
    let runs = |n: usize| plural(n as u64, "run");
    let covers = covers(routine.as_deref(), args.since.zip(since), &now);
    // `·` only where the locale can show it, as everywhere else.
    let sep = Glyphs::here().sep;
    writeln!(
        out,
        "{covers}Streak: {} (longest {}) {sep} {} this week {sep} {} completed of {}",
        days(summary.current_streak),
        days(summary.longest_streak),
        runs(summary.runs_this_week),
        summary.completed_runs,
        runs(summary.total_runs),
    )?;
    Ok(Exit::Success)
}

/// How many runs the list shows unless `--limit` says.
const LIMIT: usize = 20;

/// The longest history id offered as a suggestion: anything longer is not
/// something a person types.
const SUGGESTED_CHARS: usize = 200;

/// `--routine ID` must name a routine that has runs, that can be run, or a
/// routine file that exists; otherwise it is a typo, and the nearest ids,
/// from the library and from the history, are suggested.
fn check_known(ctx: &Context, name: &str, id: &str, records: &[Record]) -> Result<()> {
    if records.iter().any(|r| r.routine == id) {
        return Ok(());
    }
    let mut ids = library::all_ids(&ctx.paths);
    let is_file = id.contains('/') && std::path::Path::new(id).is_file();
    if is_file || ids.iter().any(|known| known == id) {
        return Ok(());
    }
    ids.extend(
        records
            .iter()
            .map(|r| &r.routine)
            .filter(|r| r.chars().count() <= SUGGESTED_CHARS)
            .cloned(),
    );
    ids.sort();
    ids.dedup();
    Err(Error::UnknownRoutine {
        name: name.to_string(),
        suggestions: similar(name, ids.iter().map(String::as_str))
            .into_iter()
            .map(str::to_string)
            .collect(),
    })
}

/// What a filtered summary line covers, as its opening words:
/// `wall-flexion since 2026-11-01: `, `Since 2026-11-19 09:30: `, or
/// nothing for the whole history.
fn covers(routine: Option<&str>, since: Option<(Since, Timestamp)>, now: &ZonedDateTime) -> String {
    let when = since.map(|(since, cutoff)| match since {
        Since::Date(date) => date.to_string(),
        Since::Ago(_) => cutoff
            .to_zoned_datetime(now.time_zone().clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
    });
    let id = routine.map(|id| escape(id, PATH_CHARS));
    match (id, when) {
        (None, None) => String::new(),
        (Some(id), None) => format!("{id}: "),
        (None, Some(when)) => format!("Since {when}: "),
        (Some(id), Some(when)) => format!("{id} since {when}: "),
    }
}

#[cfg(test)]
mod tests;
