//! The program file as serde reads it: every value keeps its span, so that
//! a problem can be shown at its line and column. `name`, `routine` and
//! `sessions` are optional here so that a missing one is reported in our
//! words, with every other problem in the same pass.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgram {
    pub title: Spanned<String>,
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub stage: Vec<Spanned<RawStage>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStage {
    pub name: Option<Spanned<String>>,
    pub routine: Option<Spanned<String>>,
    pub sessions: Option<Spanned<toml::Value>>,
}

/// The keys each table may hold, for "did you mean" suggestions and the
/// reference.
pub(super) const PROGRAM_KEYS: &[&str] = &["title", "summary", "stage"];
pub(super) const STAGE_KEYS: &[&str] = &["name", "routine", "sessions"];
