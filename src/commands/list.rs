//! `mobility list`: every routine you can run, as a table or as JSON.

use serde::Serialize;

use super::{Context, print_json};
use crate::cli::ListArgs;
use crate::error::{Exit, Result, Stdout};
use crate::routine::library::{self, Found};
use crate::style;
use crate::text::{self, clock};

/// One routine in `list --json`, and the head of `show --json`. The count
/// of steps is `step_count`, so that `steps` always means the array
/// `show --json` gives.
#[derive(Serialize)]
pub(super) struct RoutineRow<'a> {
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

/// `mobility list`.
pub(crate) fn list(ctx: &Context, args: ListArgs) -> Result<Exit> {
    let listing = library::load_all(&ctx.paths)?;
    for problem in &listing.problems {
        ctx.warn(format!("skipped a broken routine file:\n{}", problem));
    }
    let shown: Vec<&Found> = listing
        .routines
        .iter()
        .filter(|f| args.tag.as_ref().is_none_or(|t| f.routine.tags.contains(t)))
        .collect();
    if args.json {
        let rows: Vec<RoutineRow> = shown.iter().map(|f| RoutineRow::from(*f)).collect();
        print_json(&rows)?;
        return Ok(Exit::Success);
    }
    let mut out = Stdout::lock();
    if shown.is_empty() {
        match &args.tag {
            Some(tag) => writeln!(out, "No routine is tagged {}.", text::quote(tag))?,
            None => writeln!(out, "No routines found.")?,
        }
        return Ok(Exit::Success);
    }
    let id_width = shown
        .iter()
        .map(|f| f.routine.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let title_width = shown
        .iter()
        .map(|f| text::width(&f.routine.title))
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    let header = format!(
        "{:<id_width$}  {:<title_width$}  {:>6}  {:>5}  SOURCE",
        "ID", "TITLE", "TIME", "STEPS"
    );
    writeln!(out, "{}", style::bold(ctx.color, &header))?;
    for f in shown {
        let r = &f.routine;
        let mut source = f.source.to_string();
        if f.replaces_built_in {
            source.push_str(" (replaces built-in)");
        }
        // Padded by display width, so wide characters keep the columns.
        let title = text::truncate(&r.title, title_width);
        let pad = " ".repeat(title_width.saturating_sub(text::width(&title)));
        writeln!(
            out,
            "{:<id_width$}  {title}{pad}  {:>6}  {:>5}  {}",
            r.id,
            clock(r.total()),
            r.steps.len(),
            source
        )?;
    }
    Ok(Exit::Success)
}
