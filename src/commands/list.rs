//! `mobility list`: every routine and program you can run, as a table or
//! as JSON.

use std::time::Duration;

use serde::Serialize;

use super::program::view::ProgramRow;
use super::{Context, print_json};
use crate::cli::ListArgs;
use crate::error::{Exit, Result, Stdout};
use crate::program;
use crate::routine::library::{self, Found};
use crate::style;
use crate::text::{self, clock};

/// One routine in `list --json`, and the head of `show --json`. The count
/// of steps is `step_count`, so that `steps` always means the array
/// `show --json` gives.
#[derive(Serialize)]
pub(super) struct RoutineRow<'a> {
    /// Always `"routine"`; programs say `"program"`.
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    tags: &'a [String],
    equipment: &'a [String],
    step_count: usize,
    total_seconds: f64,
    /// `built-in`, `user`, or the directory.
    source: String,
    /// `null` for built-ins.
    path: Option<String>,
    replaces_built_in: bool,
}

impl<'a> From<&'a Found> for RoutineRow<'a> {
    fn from(f: &'a Found) -> RoutineRow<'a> {
        let r = &f.routine;
        RoutineRow {
            kind: "routine",
            id: &r.id,
            title: &r.title,
            summary: r.summary.as_deref(),
            tags: &r.tags,
            equipment: &r.equipment,
            step_count: r.steps.len(),
            total_seconds: r.total().as_secs_f64(),
            source: f.source.to_string(),
            path: f.file.as_ref().map(|p| p.to_string_lossy().into_owned()),
            replaces_built_in: f.replaces_built_in,
        }
    }
}

/// One line of the table, a routine's or a program's.
struct Row<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    /// A routine's total; a program's longest session.
    time: Duration,
    /// A routine's steps; a program's stages.
    parts: usize,
    source: String,
}

/// Either kind, for `--json`: each row says which it is.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonRow<'a> {
    Routine(RoutineRow<'a>),
    Program(ProgramRow<'a>),
}

/// `mobility list`.
pub(crate) fn list(ctx: &Context, args: ListArgs) -> Result<Exit> {
    let listing = library::load_all(&ctx.paths)?;
    for problem in &listing.problems {
        ctx.warn(format!("skipped a broken routine file:\n{}", problem));
    }
    let mut programs = Vec::new();
    for location in listing.programs {
        let loaded = program::text_of(&location)
            .and_then(|(text, _)| program::load_location(location, &text, &ctx.paths));
        match loaded {
            Ok(found) => programs.push(found),
            // The file has stages, so the user knows it as a program.
            Err(problem) => ctx.warn(format!("skipped a broken program file:\n{}", problem)),
        }
    }
    let shown: Vec<&Found> = listing
        .routines
        .iter()
        .filter(|f| args.tag.as_ref().is_none_or(|t| f.routine.tags.contains(t)))
        .collect();
    // Programs have no tags: a tag asks for routines.
    let programs: Vec<&program::Found> = programs.iter().filter(|_| args.tag.is_none()).collect();
    if args.json {
        let mut rows: Vec<(&str, JsonRow)> = shown
            .iter()
            .map(|f| {
                (
                    f.routine.id.as_str(),
                    JsonRow::Routine(RoutineRow::from(*f)),
                )
            })
            .chain(programs.iter().map(|f| {
                (
                    f.program.id.as_str(),
                    JsonRow::Program(ProgramRow::from(*f)),
                )
            }))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let rows: Vec<JsonRow> = rows.into_iter().map(|(_, row)| row).collect();
        print_json(&rows)?;
        return Ok(Exit::Success);
    }
    let mut rows: Vec<Row> = shown
        .iter()
        .map(|f| Row {
            id: &f.routine.id,
            kind: "routine",
            title: &f.routine.title,
            time: f.routine.total(),
            parts: f.routine.steps.len(),
            source: source_words(&f.source, f.replaces_built_in),
        })
        .chain(programs.iter().map(|f| Row {
            id: &f.program.id,
            kind: "program",
            title: &f.program.title,
            time: f.program.longest_session(),
            parts: f.program.stages.len(),
            source: source_words(&f.source, f.replaces_built_in),
        }))
        .collect();
    rows.sort_by(|a, b| a.id.cmp(b.id));
    let mut out = Stdout::lock();
    if rows.is_empty() {
        match &args.tag {
            Some(tag) => writeln!(out, "No routine is tagged {}.", text::quote(tag))?,
            None => writeln!(out, "No routines found.")?,
        }
        return Ok(Exit::Success);
    }
    let id_width = rows
        .iter()
        .map(|r| r.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let title_width = rows
        .iter()
        .map(|r| text::width(r.title))
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    let header = format!(
        "{:<id_width$}  {:<7}  {:<title_width$}  {:>6}  {:>5}  SOURCE",
        "ID", "KIND", "TITLE", "TIME", "STEPS"
    );
    writeln!(out, "{}", style::bold(ctx.color, &header))?;
    for r in rows {
        // Padded by display width, so wide characters keep the columns.
        let title = text::truncate(r.title, title_width);
        let pad = " ".repeat(title_width.saturating_sub(text::width(&title)));
        writeln!(
            out,
            "{:<id_width$}  {:<7}  {title}{pad}  {:>6}  {:>5}  {}",
            r.id,
            r.kind,
            clock(r.time),
            r.parts,
            r.source
        )?;
    }
    Ok(Exit::Success)
}

/// Where it came from, and whether it hides a built-in.
fn source_words(source: &library::Source, replaces_built_in: bool) -> String {
    let mut words = source.to_string();
    if replaces_built_in {
        words.push_str(" (replaces built-in)");
    }
    words
}
