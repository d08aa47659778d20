//! A validated [`Routine`] written back as TOML, with every default spelled
//! out, for `mobility show --toml`. Reading the text back gives the same
//! routine.

use serde::Serialize;

use super::{Figure, Pose, Routine, Step};
use crate::text::human;

#[derive(Serialize)]
struct OutRoutine<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    tags: &'a [String],
    equipment: &'a [String],
    lead_in: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<&'static str>,
    step: Vec<OutStep<'a>>,
}

#[derive(Serialize)]
struct OutStep<'a> {
    name: &'a str,
    cue: &'a str,
    /// For a step written with `hold`; otherwise its `phase` tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    hold: Option<String>,
    reps: u32,
    rest: String,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    sides: &'a [String],
    /// Only where it differs from the routine's, so that editing the
    /// routine's `lead_in` still changes every other step.
    #[serde(skip_serializing_if = "Option::is_none")]
    lead_in: Option<String>,
    /// Only where it differs from the routine's, like `lead_in`.
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    prompt: Vec<OutPrompt<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phase: Vec<OutPhase<'a>>,
}

#[derive(Serialize)]
struct OutPhase<'a> {
    name: &'a str,
    time: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    say: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pose: Option<toml::Value>,
    /// `at` from the start of this phase.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    prompt: Vec<OutPrompt<'a>>,
}

#[derive(Serialize)]
struct OutPrompt<'a> {
    at: String,
    text: &'a str,
}

/// A pose as the file wrote it: the word, or the number.
pub(crate) fn pose_value(pose: Pose) -> toml::Value {
    match pose {
        Pose::Upright => toml::Value::String("upright".into()),
        Pose::Rounded => toml::Value::String("rounded".into()),
        Pose::At(n) => toml::Value::Float(f64::from(n) / 1000.0),
    }
}

/// Phase `part`'s prompts, `at` from the phase's start.
fn prompts_of(step: &Step, part: usize) -> Vec<OutPrompt<'_>> {
    step.phase_prompts(part)
        .map(|(at, p)| OutPrompt {
            at: human(at),
            text: &p.text,
        })
        .collect()
}

/// The routine as a TOML document.
pub fn to_toml(routine: &Routine) -> String {
    let out = OutRoutine {
        title: &routine.title,
        summary: routine.summary.as_deref(),
        tags: &routine.tags,
        equipment: &routine.equipment,
        lead_in: human(routine.lead_in),
        figure: routine.figure.map(Figure::name),
        step: routine
            .steps
            .iter()
            .map(|s| OutStep {
                name: &s.name,
                cue: &s.cue,
                hold: s.from_hold.then(|| human(s.rep())),
                reps: s.reps,
                rest: human(s.rest),
                sides: &s.sides,
                lead_in: (s.lead_in != routine.lead_in).then(|| human(s.lead_in)),
                figure: (s.figure != routine.figure)
                    .then_some(s.figure)
                    .flatten()
                    .map(Figure::name),
                // A step with phases keeps its prompts inside them.
                prompt: if s.from_hold {
                    prompts_of(s, 0)
                } else {
                    Vec::new()
                },
                phase: if s.from_hold {
                    Vec::new()
                } else {
                    s.phases
                        .iter()
                        .enumerate()
                        .map(|(i, p)| OutPhase {
                            name: &p.name,
                            time: human(p.time),
                            kind: p.kind.as_str(),
                            say: p.say.as_deref(),
                            pose: p.pose.map(pose_value),
                            prompt: prompts_of(s, i),
                        })
                        .collect()
                },
            })
            .collect(),
    };
    // Serialising plain strings, numbers and arrays of tables cannot fail.
    toml::to_string_pretty(&out).unwrap_or_default()
}
