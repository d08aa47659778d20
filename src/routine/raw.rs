//! The routine file as serde reads it: every value keeps its span, so that
//! validation can point at the exact line and column of a problem.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRoutine {
    pub title: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub equipment: Vec<Spanned<String>>,
    pub lead_in: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub step: Vec<Spanned<RawStep>>,
    pub figure: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub name: Spanned<String>,
    pub cue: Spanned<String>,
    /// Either this or `phase`, never both.
    pub hold: Option<Spanned<toml::Value>>,
    pub reps: Option<Spanned<toml::Value>>,
    pub rest: Option<Spanned<toml::Value>>,
    pub sides: Option<Spanned<Vec<Spanned<String>>>>,
    pub lead_in: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub prompt: Vec<Spanned<RawPrompt>>,
    #[serde(default)]
    pub phase: Vec<Spanned<RawPhase>>,
    pub figure: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhase {
    pub name: Spanned<String>,
    pub time: Spanned<toml::Value>,
    pub kind: Option<Spanned<String>>,
    pub say: Option<Spanned<String>>,
    /// `"upright"`, `"rounded"` or a number from 0 to 1.
    pub pose: Option<Spanned<toml::Value>>,
    /// `[[step.phase.prompt]]`: `at` counts from the start of this phase.
    #[serde(default)]
    pub prompt: Vec<Spanned<RawPrompt>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrompt {
    pub at: Spanned<toml::Value>,
    pub text: Spanned<String>,
}

/// The keys each table may hold, for "did you mean" suggestions.
pub(super) const ROUTINE_KEYS: &[&str] = &[
    "title",
    "summary",
    "tags",
    "equipment",
    "lead_in",
    "step",
    "figure",
];
pub(super) const STEP_KEYS: &[&str] = &[
    "name", "cue", "hold", "reps", "rest", "sides", "lead_in", "prompt", "phase", "figure",
];
pub(super) const PHASE_KEYS: &[&str] = &["name", "time", "kind", "say", "pose", "prompt"];
/// The values `kind` may take in a phase.
pub(super) const PHASE_KINDS: &[&str] = &["move", "hold"];
pub(super) const PROMPT_KEYS: &[&str] = &["at", "text"];
