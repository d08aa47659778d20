//! `list`, `show`, `check` and `new`: the commands that read routines
//! without running them.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::Context;
use crate::cli::{CheckArgs, ListArgs, NewArgs, ShowArgs};
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::library::{self, Found};
use crate::routine::parse;
use crate::routine::{Routine, Step};
use crate::style;
use crate::text;
use crate::text::{clock, human, plural};

/// `mobility list`.
pub fn list(ctx: &Context, args: ListArgs) -> Result<Exit> {
    let listing = library::load_all(&ctx.paths)?;
    for problem in &listing.problems {
        ctx.warn(format!("skipped a broken routine file:\n{}", problem));
    }
    let shown: Vec<&Found> = listing
        .routines
        .iter()
        .filter(|f| args.tag.as_ref().is_none_or(|t| f.routine.tags.contains(t)))
        .collect();
    let mut out = Stdout::lock();
    if args.json {
        let rows: Vec<_> = shown.iter().map(|f| summary_json(f)).collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        )?;
        return Ok(Exit::Success);
    }
    if shown.is_empty() {
        match &args.tag {
            Some(tag) => writeln!(out, "No routine is tagged {}.", crate::text::quote(tag))?,
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

fn seconds(d: std::time::Duration) -> f64 {
    d.as_secs_f64()
}

fn summary_json(f: &Found) -> serde_json::Value {
    let r = &f.routine;
    json!({
        "id": r.id,
        "title": r.title,
        "summary": r.summary,
        "tags": r.tags,
        "equipment": r.equipment,
        "steps": r.steps.len(),
        "total_seconds": seconds(r.total()),
        "source": f.source.to_string(),
        "path": f.file,
        "replaces_built_in": f.replaces_built_in,
    })
}

/// `mobility show`.
pub fn show(ctx: &Context, args: ShowArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let mut out = Stdout::lock();
    if args.toml {
        out.write_all(crate::routine::write::to_toml(&found.routine).as_bytes())?;
    } else if args.json {
        let json = routine_json(&found);
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        )?;
    } else {
        out.write_all(timeline(&found, ctx.color).as_bytes())?;
    }
    Ok(Exit::Success)
}

fn routine_json(f: &Found) -> serde_json::Value {
    let r = &f.routine;
    let steps: Vec<_> = r
        .steps
        .iter()
        .zip(r.step_starts())
        .map(|(s, start)| {
            json!({
                "name": s.name,
                "cue": s.cue,
                "hold_seconds": seconds(s.hold),
                "reps": s.reps,
                "rest_seconds": seconds(s.rest),
                "sides": s.sides,
                "lead_in_seconds": seconds(s.lead_in),
                "prompts": s.prompts.iter().map(|p| json!({
                    "at_seconds": seconds(p.at),
                    "text": p.text,
                })).collect::<Vec<_>>(),
                "starts_at_seconds": seconds(start),
                "total_seconds": seconds(s.total()),
            })
        })
        .collect();
    let mut json = summary_json(f);
    json["lead_in_seconds"] = json!(seconds(r.lead_in));
    json["steps"] = json!(steps);
    json
}

/// The human timeline `show` prints.
pub fn timeline(f: &Found, color: bool) -> String {
    let r = &f.routine;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    let origin = match &f.source {
        library::Source::Path(path) => path.display().to_string(),
        source => format!("{}, {source}", r.id),
    };
    line(format!(
        "{}  {}",
        style::bold(color, &r.title),
        style::dim(color, &format!("({origin})"))
    ));
    if let Some(summary) = &r.summary {
        line(summary.clone());
    }
    let mut facts = Vec::new();
    if !r.equipment.is_empty() {
        facts.push(format!("equipment: {}", r.equipment.join(", ")));
    }
    if !r.tags.is_empty() {
        facts.push(format!("tags: {}", r.tags.join(", ")));
    }
    if !facts.is_empty() {
        line(facts.join(" · "));
    }
    line(String::new());
    for (i, (step, start)) in r.steps.iter().zip(r.step_starts()).enumerate() {
        line(format!(
            "{:>6}  {}",
            clock(start),
            style::bold(color, &format!("{}. {}", i + 1, step.name))
        ));
        line(format!("        {}", step_shape(step)));
        for p in &step.prompts {
            line(format!("        at {}: {}", human(p.at), p.text));
        }
        for cue_line in step.cue.lines().filter(|l| !l.trim().is_empty()) {
            for wrapped in crate::text::wrap(cue_line.trim(), 72) {
                line(format!("        {wrapped}"));
            }
        }
        line(String::new());
    }
    line(format!(
        "Total {} · {}",
        clock(r.total()),
        plural(r.steps.len() as u64, "step")
    ));
    s
}

/// "get ready 3s · 6 reps × hold 8s, rest 5s · sides: left, right"
fn step_shape(step: &Step) -> String {
    let mut parts = Vec::new();
    if !step.lead_in.is_zero() {
        parts.push(format!("get ready {}", human(step.lead_in)));
    }
    let mut holds = if step.reps == 1 {
        format!("hold {}", human(step.hold))
    } else {
        format!("{} reps × hold {}", step.reps, human(step.hold))
    };
    if step.reps > 1 && !step.rest.is_zero() {
        holds.push_str(&format!(", rest {}", human(step.rest)));
    }
    parts.push(holds);
    if !step.sides.is_empty() {
        parts.push(format!("each side: {}", step.sides.join(", ")));
    }
    parts.push(format!("{} in all", clock(step.total())));
    parts.join(" · ")
}

/// `mobility check`.
pub fn check(_ctx: &Context, args: CheckArgs) -> Result<Exit> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut missing = Vec::new();
    // Files in a directory whose names `list` and `run ID` cannot use.
    let mut bad_names = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let found = library::routine_files(path)?;
            if found.is_empty() {
                return Err(Error::Other(format!(
                    "`{}` holds no routine files (`*.toml`); nothing to check",
                    path.display()
                )));
            }
            for (id, file) in found {
                if !library::is_id(&id) {
                    bad_names.push(file.clone());
                }
                files.push(file);
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            missing.push(path.clone());
        }
    }
    let mut out = Stdout::lock();
    let mut bad = 0;
    for file in &files {
        let id = file_id(file);
        let parsed = parse::parse_file(file, id.clone());
        if let Err(problem) = &parsed {
            writeln!(out, "{problem}")?;
        }
        let misnamed = bad_names.contains(file);
        if misnamed {
            writeln!(
                out,
                "{}: {} is not a routine id, so `list` skips this file; rename it with lowercase letters, digits and `-`",
                file.display(),
                crate::text::quote(&id)
            )?;
        }
        if parsed.is_err() || misnamed {
            bad += 1;
        }
    }
    if let Some(path) = missing.first() {
        return Err(Error::Other(format!(
            "`{}`: no such file or directory\n  hint: give routine files or directories that hold them",
            path.display()
        )));
    }
    let files = plural(files.len() as u64, "file");
    if bad == 0 {
        writeln!(out, "{files} ok")?;
        Ok(Exit::Success)
    } else {
        writeln!(out, "{bad} of {files} had problems")?;
        Ok(Exit::No)
    }
}

fn file_id(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The starter routine `new` writes; it must pass `check`.
const STARTER: &str = r#"# A mobility routine. Check it with `mobility check FILE`,
# then run it with `mobility run ID`. The README lists every key.

title = "TITLE"
summary = "One line about what this routine is for"
tags = ["desk"]
equipment = []
lead_in = "3s"                 # the get-ready countdown before each step

[[step]]
name = "Settle in"
cue = """
Describe the starting position here.
Cues may span several lines."""
hold = "10s"                   # how long each rep is held

[[step]]
name = "The main movement"
cue = "What to do, and what the person should feel."
hold = "5s"
reps = 5                       # default 1
rest = "3s"                    # between reps; default 0s
# sides = ["left", "right"]    # do every rep on each side in turn
# lead_in = "5s"               # this step's own get-ready countdown

[[step.prompt]]                # a short line shown during each hold
at = "2s"
text = "Breathe out"
"#;

/// `mobility new`.
pub fn new(ctx: &Context, args: NewArgs) -> Result<Exit> {
    if !library::is_id(&args.name) {
        return Err(Error::Usage(format!(
            "{} is not a valid routine id\n  hint: use lowercase letters, digits and `-`, such as `hip-openers`",
            crate::text::quote(&args.name)
        )));
    }
    let dir = &ctx.paths.user_routines.path;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(format!("{}.toml", args.name));
    let title = args.name.replace('-', " ");
    let text = STARTER.replace("TITLE", &title);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.clone()),
            _ => Error::io(&path, e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    let routine: Routine = parse::parse_str(&text, args.name.clone(), &path.display().to_string())
        .map_err(Error::Invalid)?;
    let mut out = Stdout::lock();
    writeln!(out, "{}", path.display())?;
    if library::BUILT_IN.iter().any(|(id, _)| *id == args.name) {
        ctx.warn(format!(
            "this replaces the built-in `{}` until you rename or remove the file",
            args.name
        ));
    }
    super::say(format_args!(
        "Wrote a starter routine ({}, {} steps). Edit it, then try `mobility run {}`.",
        clock(routine.total()),
        routine.steps.len(),
        args.name
    ));
    Ok(Exit::Success)
}
