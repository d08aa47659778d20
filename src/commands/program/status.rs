//! `mobility program status`: each stage's sessions, where you are, what
//! to run, and the rule that moves you on.

use super::{Context, chosen, label, position_in, read_log};
use crate::cli::ProgramArgs;
use crate::error::{Exit, Result, Stdout};
use crate::program::progress;
use crate::style;
use crate::text::{self, Glyphs, clock};

/// `mobility program status`.
pub(crate) fn status(ctx: &Context, args: &ProgramArgs) -> Result<Exit> {
    let log = read_log(ctx)?;
    let found = chosen(ctx, args.program.as_deref(), &log)?;
    let program = &found.program;
    let at = position_in(program, &log);
    let g = Glyphs::here();
    let id = text::escape(&program.id, text::PATH_CHARS);
    let mut out = Stdout::lock();
    writeln!(
        out,
        "{}  {}",
        style::bold(ctx.color, &program.title),
        style::dim(ctx.color, &format!("({id})"))
    )?;
    writeln!(out, "{}", label(program, &at))?;
    writeln!(out)?;
    let name_width = program
        .stages
        .iter()
        .map(|s| text::width(&s.name))
        .max()
        .unwrap_or(0);
    // Stages before the latest move's are passed: their sessions before
    // it no longer count, and none after it do.
    let floor = at.since.as_ref().map_or(0, |m| m.to as usize - 1);
    for (i, stage) in program.stages.iter().enumerate() {
        let mark = if i == at.stage { g.arrow } else { " " };
        let pad = " ".repeat(name_width.saturating_sub(text::width(&stage.name)));
        let (count, note) = if i < floor {
            ("-".to_string(), "passed".to_string())
        } else if i < at.stage {
            (
                format!("{}/{}", at.done[i], stage.sessions),
                "done".to_string(),
            )
        } else {
            let count = format!("{}/{}", at.done[i], stage.sessions);
            let note = format!(
                "{}, {}",
                text::escape(&stage.written, text::PATH_CHARS),
                clock(stage.routine.total())
            );
            (count, note)
        };
        writeln!(
            out,
            "{mark} {:>2}. {}{pad}  {count:<7}  {note}",
            i + 1,
            stage.name
        )?;
    }
    writeln!(out)?;
    if let Some(m) = &at.since {
        writeln!(
            out,
            "Sessions count from `mobility program {}` on {}.",
            m.action.as_str(),
            m.at.in_zone(&ctx.tz()).strftime("%Y-%m-%d %H:%M")
        )?;
    }
    if let Some(average) = at.held {
        writeln!(
            out,
            "Stage {}'s sessions are done, but your last three check-ins average {average:.1}; `mobility program next` moves on anyway.",
            at.stage + 1
        )?;
    }
    if at.finished(program) {
        writeln!(
            out,
            "Every stage is done. `mobility run {id}` runs the last stage again; `mobility program restart {id}` starts over."
        )?;
    } else {
        writeln!(out, "Next: `mobility run {id}`")?;
    }
    writeln!(out)?;
    for line in text::wrap(&progress::rule(), 76) {
        writeln!(out, "{}", style::dim(ctx.color, &line))?;
    }
    Ok(Exit::Success)
}
