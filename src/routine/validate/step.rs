//! One step's checks: its rep (a `hold` or its phases), reps, sides and
//! prompts.

use std::time::Duration;

use toml::Spanned;

use super::{Place, Validator};
use crate::diagnostic::closest;
use crate::routine::raw::{PHASE_KINDS, RawPhase, RawStep};
use crate::routine::{
    Figure, MAX_CUE_CHARS, MAX_HOLD, MAX_LINE_CHARS, MAX_PAUSE, MAX_PHASE_NAME_CHARS, MAX_PHASES,
    MAX_PROMPTS, MAX_REPS, MAX_SIDES, Prompt, RepKind, RepPhase, Step,
};
use crate::text::{human, quote};

impl Validator<'_> {
    pub(super) fn step(
        &mut self,
        spanned: &Spanned<RawStep>,
        index: usize,
        routine_lead_in: Duration,
        routine_figure: Option<Figure>,
    ) -> Step {
        let raw = spanned.get_ref();
        let place = Place::Step(index);
        let name = self.text(&raw.name, "name", place, MAX_LINE_CHARS, false);
        let cue = self.text(&raw.cue, "cue", place, MAX_CUE_CHARS, true);
        let (phases, from_hold) = self.rep(spanned, index);
        let rep: Duration = phases.iter().map(|p| p.time).sum();
        let reps = raw.reps.as_ref().map_or(1, |r| self.reps(r, place));
        let rest = raw.rest.as_ref().map_or(Duration::ZERO, |r| {
            self.duration(r, "rest", place, Some(MAX_PAUSE), true)
        });
        let lead_in = raw.lead_in.as_ref().map_or(routine_lead_in, |r| {
            self.duration(r, "lead_in", place, Some(MAX_PAUSE), true)
        });
        let sides = raw
            .sides
            .as_ref()
            .map_or_else(Vec::new, |s| self.sides(s, place));
        let mut prompts = if from_hold {
            self.hold_prompts(raw, index, rep)
        } else {
            self.misplaced_prompts(raw, index, &phases);
            self.phase_prompts(raw, index, &phases)
        };
        if prompts.len() > MAX_PROMPTS {
            self.error(
                spanned.span().start,
                format!(
                    "a step has at most {MAX_PROMPTS} prompts; step {} has {}",
                    index + 1,
                    prompts.len()
                ),
            );
            prompts.truncate(MAX_PROMPTS);
        }
        prompts.sort_by_key(|p| p.at);
        let figure = match &raw.figure {
            Some(figure) => self.figure(figure, place),
            None => routine_figure,
        };
        Step {
            name,
            cue,
            phases,
            from_hold,
            reps,
            rest,
            sides,
            lead_in,
            prompts,
            figure,
        }
    }

    /// The `[[step.prompt]]` tables of a step written with `hold`: `at`
    /// counts from the start of the hold.
    fn hold_prompts(&mut self, raw: &RawStep, index: usize, hold: Duration) -> Vec<Prompt> {
        raw.prompt
            .iter()
            .enumerate()
            .map(|(p, prompt)| {
                let prompt = prompt.get_ref();
                let place = Place::Prompt(index, p);
                let before_end = hold.checked_sub(Duration::from_millis(1));
                let at = self.duration_offering(&prompt.at, "at", place, None, true, before_end);
                if at >= hold && hold > Duration::ZERO {
                    self.error(
                        prompt.at.span().start,
                        format!(
                            "`at`{place} is {}, but the hold is {}; a prompt must come before the hold ends",
                            human(at),
                            human(hold),
                        ),
                    );
                }
                let text = self.text(&prompt.text, "text", place, MAX_LINE_CHARS, false);
                Prompt { at, text }
            })
            .collect()
    }

    /// A step with phases keeps its prompts in them, so that changing one
    /// phase's time can never move a prompt into another phase. A prompt
    /// written at step level is refused, with the table it belongs in.
    fn misplaced_prompts(&mut self, raw: &RawStep, index: usize, phases: &[RepPhase]) {
        for prompt in &raw.prompt {
            let at = match prompt.get_ref().at.get_ref() {
                toml::Value::String(s) => humantime::parse_duration(s.trim()).ok(),
                _ => None,
            };
            let mut offset = Duration::ZERO;
            let home = at.and_then(|at| {
                phases.iter().find_map(|phase| {
                    let start = offset;
                    offset += phase.time;
                    (at < offset).then(|| (phase, at - start))
                })
            });
            let fix = match home {
                Some((phase, within)) => format!(
                    "move it under phase {} as `[[step.phase.prompt]]` with `at = \"{}\"`",
                    quote(&phase.name),
                    human(within)
                ),
                None => "move it under the phase it belongs to as `[[step.phase.prompt]]`, with `at` counted from the start of that phase".to_string(),
            };
            self.error(
                prompt.span().start,
                format!(
                    "step {} has phases, so its prompts go inside them; {fix}",
                    index + 1
                ),
            );
        }
    }

    /// The `[[step.phase.prompt]]` tables, each `at` from the start of its
    /// phase and within it; kept as offsets into the rep, sorted.
    fn phase_prompts(&mut self, raw: &RawStep, index: usize, phases: &[RepPhase]) -> Vec<Prompt> {
        let mut prompts = Vec::new();
        let mut offset = Duration::ZERO;
        for (p, (raw_phase, phase)) in raw.phase.iter().zip(phases).enumerate() {
            for (n, prompt) in raw_phase.get_ref().prompt.iter().enumerate() {
                let prompt = prompt.get_ref();
                let place = Place::PhasePrompt(index, p, n);
                let before_end = phase.time.checked_sub(Duration::from_millis(1));
                let at = self.duration_offering(&prompt.at, "at", place, None, true, before_end);
                if at >= phase.time && phase.time > Duration::ZERO {
                    self.error(
                        prompt.at.span().start,
                        format!(
                            "`at`{place} is {}, but the phase {} is {}; a prompt must come before its phase ends",
                            human(at),
                            quote(&phase.name),
                            human(phase.time),
                        ),
                    );
                }
                let text = self.text(&prompt.text, "text", place, MAX_LINE_CHARS, false);
                prompts.push(Prompt {
                    at: offset + at,
                    text,
                });
            }
            offset += phase.time;
        }
        prompts
    }

    /// One rep: the step's `hold`, or its `[[step.phase]]` tables, exactly
    /// one of the two. A problem is reported at the step's `[[step]]` line.
    fn rep(&mut self, spanned: &Spanned<RawStep>, index: usize) -> (Vec<RepPhase>, bool) {
        let raw = spanned.get_ref();
        let place = Place::Step(index);
        // A step's span is its `[[step]]` header.
        let header = spanned.span().start;
        // Every problem is reported, even in a step that has both.
        let hold = raw
            .hold
            .as_ref()
            .map(|h| self.duration(h, "hold", place, Some(MAX_HOLD), false));
        if let Some(extra) = raw.phase.get(MAX_PHASES) {
            self.error(
                extra.span().start,
                format!(
                    "a step has at most {MAX_PHASES} phases; this is phase {}{place}",
                    MAX_PHASES + 1
                ),
            );
        }
        let phases: Vec<RepPhase> = raw
            .phase
            .iter()
            .enumerate()
            .map(|(p, phase)| self.phase(phase.get_ref(), Place::Phase(index, p)))
            .collect();
        match hold {
            Some(hold) if phases.is_empty() => (vec![RepPhase::hold(hold)], true),
            Some(_) => {
                self.error(
                    header,
                    format!(
                        "step {} has both `hold` and `[[step.phase]]` tables; keep one: `hold` for a rep held still, phases for a rep that moves",
                        index + 1
                    ),
                );
                (phases, false)
            }
            None if phases.is_empty() => {
                self.error(
                    header,
                    format!(
                        "step {} has neither `hold` nor `[[step.phase]]` tables; add a line like `hold = \"5s\"`, or phases after the step",
                        index + 1
                    ),
                );
                (vec![RepPhase::hold(Duration::ZERO)], true)
            }
            None => (phases, false),
        }
    }

    fn phase(&mut self, raw: &RawPhase, place: Place) -> RepPhase {
        let name = self.text(&raw.name, "name", place, MAX_PHASE_NAME_CHARS, false);
        let time = self.duration(&raw.time, "time", place, Some(MAX_HOLD), false);
        let kind = match &raw.kind {
            None => RepKind::Move,
            Some(kind) => match kind.get_ref().as_str() {
                "move" => RepKind::Move,
                "hold" => RepKind::Hold,
                other => {
                    let hint = match closest(other, PHASE_KINDS) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "write `\"move\"` or `\"hold\"`".into(),
                    };
                    self.error(
                        kind.span().start,
                        format!("`kind`{place} is {}; {hint}", quote(other)),
                    );
                    RepKind::Move
                }
            },
        };
        let say = raw
            .say
            .as_ref()
            .map(|s| self.text(s, "say", place, MAX_LINE_CHARS, false));
        let pose = raw.pose.as_ref().and_then(|p| self.pose(p, place));
        RepPhase {
            name,
            time,
            kind,
            say,
            pose,
        }
    }

    fn sides(&mut self, value: &Spanned<Vec<Spanned<String>>>, place: Place) -> Vec<String> {
        let sides = value.get_ref();
        if sides.is_empty() || sides.len() > MAX_SIDES {
            self.error(
                value.span().start,
                format!(
                    "`sides`{place} has {} entries; give between 1 and {MAX_SIDES}, such as `[\"left\", \"right\"]`",
                    sides.len()
                ),
            );
        }
        let names: Vec<String> = sides
            .iter()
            .enumerate()
            .map(|(i, s)| self.text(s, &format!("sides[{i}]"), place, 40, false))
            .collect();
        for (i, side) in sides.iter().enumerate() {
            if names[..i].contains(&names[i]) {
                self.error(
                    side.span().start,
                    format!("side {} appears twice in `sides`{place}", quote(&names[i])),
                );
            }
        }
        names
    }

    fn reps(&mut self, value: &Spanned<toml::Value>, place: Place) -> u32 {
        let start = value.span().start;
        match value.get_ref() {
            toml::Value::Integer(n) if (1..=MAX_REPS).contains(n) => *n as u32,
            toml::Value::Integer(n) => {
                // Which way it is wrong, and by which limit.
                let problem = if *n < 1 {
                    format!("`reps`{place} is {n}, fewer than the 1 minimum")
                } else {
                    format!("`reps`{place} is {n}, more than the {MAX_REPS} limit")
                };
                self.error(start, problem);
                1
            }
            other => {
                self.error(
                    start,
                    format!(
                        "`reps`{place} must be a whole number such as `6`, not {}",
                        crate::diagnostic::article(other.type_str())
                    ),
                );
                1
            }
        }
    }
}
