//! A program as `list` and `show` print it: a row, the stages with each
//! routine's time, and the JSON both give.

use serde::Serialize;

use crate::program::Found;
use crate::routine::library::Source;
use crate::style;
use crate::text::{self, clock, plural};

/// One program in `list --json`, and the head of `show --json`.
#[derive(Serialize)]
pub(crate) struct ProgramRow<'a> {
    /// Always `"program"`; routines say `"routine"`.
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    stage_count: usize,
    /// Every stage's sessions added up.
    session_count: u32,
    /// The longest session of any stage.
    longest_session_seconds: f64,
    source: String,
    path: Option<String>,
    replaces_built_in: bool,
}

impl<'a> From<&'a Found> for ProgramRow<'a> {
    fn from(f: &'a Found) -> ProgramRow<'a> {
        let p = &f.program;
        ProgramRow {
            kind: "program",
            id: &p.id,
            title: &p.title,
            summary: p.summary.as_deref(),
            stage_count: p.stages.len(),
            session_count: p.total_sessions(),
            longest_session_seconds: p.longest_session().as_secs_f64(),
            source: f.source.to_string(),
            path: f.file.as_ref().map(|p| p.to_string_lossy().into_owned()),
            replaces_built_in: f.replaces_built_in,
        }
    }
}

/// What `show --json` prints for a program.
#[derive(Serialize)]
pub(crate) struct ProgramView<'a> {
    #[serde(flatten)]
    row: ProgramRow<'a>,
    stages: Vec<StageView<'a>>,
}

#[derive(Serialize)]
struct StageView<'a> {
    name: &'a str,
    /// As the file wrote it.
    routine: &'a str,
    /// The name its runs are recorded under: the id, or the canonical path.
    routine_id: &'a str,
    routine_title: &'a str,
    sessions: u32,
    session_seconds: f64,
}

impl<'a> From<&'a Found> for ProgramView<'a> {
    fn from(f: &'a Found) -> ProgramView<'a> {
        ProgramView {
            row: ProgramRow::from(f),
            stages: f
                .program
                .stages
                .iter()
                .map(|s| StageView {
                    name: &s.name,
                    routine: &s.written,
                    routine_id: &s.routine.id,
                    routine_title: &s.routine.title,
                    sessions: s.sessions,
                    session_seconds: s.routine.total().as_secs_f64(),
                })
                .collect(),
        }
    }
}

/// The human view `show` prints: the title, then each stage with its
/// routine, its time per session and its sessions.
pub(crate) fn timeline(f: &Found, color: bool) -> String {
    let p = &f.program;
    let mut s = String::new();
    let mut line = |text: String| {
        s.push_str(&text);
        s.push('\n');
    };
    let origin = match &f.source {
        Source::Path(path) => text::path(path),
        source => format!("{}, program, {source}", p.id),
    };
    line(format!(
        "{}  {}",
        style::bold(color, &p.title),
        style::dim(color, &format!("({origin})"))
    ));
    if let Some(summary) = &p.summary {
        line(summary.clone());
    }
    line(String::new());
    let name_width = p
        .stages
        .iter()
        .map(|s| text::width(&s.name))
        .max()
        .unwrap_or(0);
    let sessions = |s: &crate::program::Stage| plural(u64::from(s.sessions), "session");
    let sessions_width = p
        .stages
        .iter()
        .map(|s| sessions(s).len())
        .max()
        .unwrap_or(0);
    for (i, stage) in p.stages.iter().enumerate() {
        let pad = " ".repeat(name_width.saturating_sub(text::width(&stage.name)));
        line(format!(
            "{}{pad}  {:>5} × {:<sessions_width$}  {}",
            style::bold(color, &format!("{:>2}. {}", i + 1, stage.name)),
            clock(stage.routine.total()),
            sessions(stage),
            style::dim(
                color,
                &format!(
                    "{} ({})",
                    text::escape(&stage.written, text::PATH_CHARS),
                    stage.routine.title
                )
            ),
        ));
    }
    line(String::new());
    line(format!(
        "{} · {} · at most {} a session",
        plural(p.stages.len() as u64, "stage"),
        plural(u64::from(p.total_sessions()), "session"),
        clock(p.longest_session())
    ));
    s
}
