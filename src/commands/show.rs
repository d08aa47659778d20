//! `mobility show`: a routine as a timeline of its steps, as JSON, or back
//! as TOML.

use serde::Serialize;

use super::list::RoutineRow;
use super::{Context, print_json};
use crate::cli::ShowArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::library::{self, Found};
use crate::routine::write::pose_value;
use crate::routine::{Figure, Prompt, Step};
use crate::style;
use crate::text::{self, clock, human, plural};

/// What `show --json` prints: everything `list --json` gives for the
/// routine, then its steps.
#[derive(Serialize)]
struct RoutineView<'a> {
    #[serde(flatten)]
    row: RoutineRow<'a>,
    lead_in_seconds: f64,
    /// The routine's figure: `"wall"`, `"chair"`, or null for none.
    figure: Option<&'static str>,
    steps: Vec<StepView<'a>>,
}

#[derive(Serialize)]
struct StepView<'a> {
    name: &'a str,
    cue: &'a str,
    /// The length of one rep (its hold, or the sum of its phases); the
    /// name is kept from before phases, for readers that use it.
    hold_seconds: f64,
    rep_seconds: f64,
    /// One rep, in order; a step written with `hold` gives one phase.
    phases: Vec<PhaseView<'a>>,
    reps: u32,
    rest_seconds: f64,
    sides: &'a [String],
    lead_in_seconds: f64,
    prompts: Vec<PromptView<'a>>,
    starts_at_seconds: f64,
    total_seconds: f64,
    /// The step's figure, resolved: its own or the routine's.
    figure: Option<&'static str>,
}

#[derive(Serialize)]
struct PhaseView<'a> {
    name: &'a str,
    seconds: f64,
    kind: &'static str,
    say: Option<&'a str>,
    /// As the file wrote it: `"upright"`, `"rounded"`, a number, or null.
    pose: Option<toml::Value>,
    /// The prompts within this phase, `at_seconds` from its start.
    prompts: Vec<PromptView<'a>>,
}

#[derive(Serialize)]
struct PromptView<'a> {
    at_seconds: f64,
    text: &'a str,
}

impl<'a> From<&'a Found> for RoutineView<'a> {
    fn from(f: &'a Found) -> RoutineView<'a> {
        let r = &f.routine;
        RoutineView {
            row: RoutineRow::from(f),
            lead_in_seconds: r.lead_in.as_secs_f64(),
            figure: r.figure.map(Figure::name),
            steps: r
                .steps
                .iter()
                .zip(r.step_starts())
                .map(|(s, start)| StepView {
                    name: &s.name,
                    cue: &s.cue,
                    hold_seconds: s.rep().as_secs_f64(),
                    rep_seconds: s.rep().as_secs_f64(),
                    phases: s
                        .phases
                        .iter()
                        .enumerate()
                        .map(|(i, p)| PhaseView {
                            name: &p.name,
                            seconds: p.time.as_secs_f64(),
                            kind: p.kind.as_str(),
                            say: p.say.as_deref(),
                            pose: p.pose.map(pose_value),
                            prompts: s
                                .phase_prompts(i)
                                .map(|(at, p)| PromptView {
                                    at_seconds: at.as_secs_f64(),
                                    text: &p.text,
                                })
                                .collect(),
                        })
                        .collect(),
                    reps: s.reps,
                    rest_seconds: s.rest.as_secs_f64(),
                    sides: &s.sides,
                    lead_in_seconds: s.lead_in.as_secs_f64(),
                    prompts: s.prompts.iter().map(PromptView::from).collect(),
                    starts_at_seconds: start.as_secs_f64(),
                    total_seconds: s.total().as_secs_f64(),
                    figure: s.figure.map(Figure::name),
                })
                .collect(),
        }
    }
}

impl<'a> From<&'a Prompt> for PromptView<'a> {
    fn from(p: &'a Prompt) -> PromptView<'a> {
        PromptView {
            at_seconds: p.at.as_secs_f64(),
            text: &p.text,
        }
    }
}

/// `mobility show`.
pub(crate) fn show(ctx: &Context, args: ShowArgs) -> Result<Exit> {
    let found = match crate::program::load_any(&args.routine, &ctx.paths)? {
        crate::program::Entry::Routine(found) => found,
        crate::program::Entry::Program(found) => return show_program(ctx, &args, &found),
    };
    if args.figure {
        if !crate::text::unicode_here() {
            return Err(Error::Other(
                "the figure, drawn in block characters, needs a UTF-8 locale and a terminal that is not `dumb`; try `LANG=C.UTF-8 mobility show ROUTINE --figure`".into(),
            ));
        }
        let text = figures(&found.routine)?;
        Stdout::lock().write_all(text.as_bytes())?;
        return Ok(Exit::Success);
    }
    if args.json {
        print_json(&RoutineView::from(&found))?;
        return Ok(Exit::Success);
    }
    let text = if args.toml {
        crate::routine::write::to_toml(&found.routine)
    } else {
        timeline(&found, ctx.color)
    };
    Stdout::lock().write_all(text.as_bytes())?;
    Ok(Exit::Success)
}

/// `show` for a program: its stages, or the JSON; a figure and TOML are
/// a routine's, so those name the stages' routines instead.
fn show_program(ctx: &Context, args: &ShowArgs, found: &crate::program::Found) -> Result<Exit> {
    use super::program::view;
    if args.figure || args.toml {
        let first = found
            .program
            .stages
            .first()
            .map_or("", |s| s.written.as_str());
        return Err(Error::Other(format!(
            "{} is a program: `--{}` shows a routine\n  hint: show one of its stages' routines, such as `mobility show {} --{}`",
            text::quote(&args.routine),
            if args.figure { "figure" } else { "toml" },
            text::escape(first, text::PATH_CHARS),
            if args.figure { "figure" } else { "toml" },
        )));
    }
    if args.json {
        print_json(&view::ProgramView::from(found))?;
    } else {
        Stdout::lock().write_all(view::timeline(found, ctx.color).as_bytes())?;
    }
    Ok(Exit::Success)
}

/// The human timeline `show` prints.
fn timeline(f: &Found, color: bool) -> String {
    let r = &f.routine;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    let origin = match &f.source {
        library::Source::Path(path) => crate::text::path(path),
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
        if step.from_hold {
            for p in &step.prompts {
                line(format!("        at {}: {}", human(p.at), p.text));
            }
        } else {
            // Each phase, then the prompts that fall in it.
            for (part, phase) in step.phases.iter().enumerate() {
                let start = step.phase_offset(part);
                let mut text = format!(
                    "        {:>5}  {} · {} {}",
                    format!("+{}", human(start)),
                    phase.name,
                    phase.kind.as_str(),
                    human(phase.time)
                );
                if let Some(say) = &phase.say {
                    text.push_str(&format!(" · “{say}”"));
                }
                line(text);
                for (at, p) in step.phase_prompts(part) {
                    line(format!("               at {}: {}", human(at), p.text));
                }
            }
        }
        for wrapped in text::wrap(&step.cue, 72) {
            line(if wrapped.is_empty() {
                String::new()
            } else {
                format!("        {wrapped}")
            })
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

/// How many rows tall `show --figure` draws each figure.
const FIGURE_ROWS: u16 = 12;

/// Every step with a figure: its name, then the figure as the step starts
/// and at the turn of its movement (the pose of its first rep furthest
/// from the start), side by side; a step that keeps still shows one.
fn figures(r: &crate::routine::Routine) -> Result<String> {
    use crate::ui::view::Picture;
    use crate::ui::view::figure::{columns_for, lines};
    let mut s = String::new();
    for (i, step) in r.steps.iter().enumerate() {
        let Some(figure) = step.figure else { continue };
        let spans = step.pose_spans(1);
        let start = spans.first().map_or(0.0, |s| s.0);
        // The end of the phase that takes the figure furthest from the start.
        let turn = step
            .phases
            .iter()
            .zip(&spans)
            .map(|(phase, span)| (phase, span.1))
            .fold(
                None,
                |best: Option<(&str, f64)>, (phase, pose)| match best {
                    Some((_, b)) if (b - start).abs() >= (pose - start).abs() => best,
                    _ => Some((phase.name.as_str(), pose)),
                },
            )
            .filter(|(_, pose)| (pose - start).abs() > 1e-9);
        s.push_str(&format!("{}. {} ({})\n", i + 1, step.name, figure.name()));
        let cols = columns_for(figure, FIGURE_ROWS);
        let draw = |pose| {
            let picture = Picture {
                figure,
                pose,
                mirrored: false,
            };
            lines(picture, cols, FIGURE_ROWS)
        };
        let mut pictures = vec![(draw(start), "start".to_string())];
        match turn {
            Some((name, pose)) => pictures.push((draw(pose), format!("end of {name}"))),
            None => pictures[0].1 = "keeps still".into(),
        }
        // Each picture in a column as wide as it or its label.
        let column = pictures
            .iter()
            .map(|(_, label)| text::width(label))
            .fold(usize::from(cols), usize::max)
            + 4;
        let pad = |cell: &str| {
            let spaces = column.saturating_sub(text::width(cell));
            format!("{cell}{}", " ".repeat(spaces))
        };
        for row in 0..FIGURE_ROWS as usize {
            let line: String = pictures.iter().map(|(p, _)| pad(&p[row])).collect();
            s.push_str(&format!("  {}\n", line.trim_end()));
        }
        let labels: String = pictures.iter().map(|(_, label)| pad(label)).collect();
        s.push_str(&format!("  {}\n\n", labels.trim_end()));
    }
    if s.is_empty() {
        return Err(Error::Other(format!(
            "{} has no figure; add `figure = \"wall\"` or `figure = \"chair\"` to the routine or to a step",
            text::quote(&r.id)
        )));
    }
    Ok(s)
}

/// "get ready 3s · 6 reps × hold 8s, rest 5s · sides: left, right", or
/// "6 reps × 13s, ..." for a rep of phases (listed below it).
fn step_shape(step: &Step) -> String {
    let mut parts = Vec::new();
    if !step.lead_in.is_zero() {
        parts.push(format!("get ready {}", human(step.lead_in)));
    }
    let rep = human(step.rep());
    let mut holds = match (step.from_hold, step.reps) {
        (true, 1) => format!("hold {rep}"),
        (true, n) => format!("{n} reps × hold {rep}"),
        (false, 1) => format!("one rep {rep}"),
        (false, n) => format!("{n} reps × {rep}"),
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
