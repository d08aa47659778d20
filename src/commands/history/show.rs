//! `history --calendar` and `history --export`: the history shown another way.

use std::io::IsTerminal;

use jiff::ZonedDateTime;

use super::Context;
use crate::cli::ExportFormat;
use crate::error::{Exit, Result, Stdout};
use crate::history::calendar::{self, Look};
use crate::history::{Record, export, trend};

/// `history --export FORMAT`.
pub(super) fn export(format: ExportFormat, records: &[&Record]) -> Result<Exit> {
    let text = match format {
        // On a terminal, text from the history is escaped like any other;
        // into a pipe or a file, it is data and goes out as it is.
        ExportFormat::Csv => export::csv(records, std::io::stdout().is_terminal()),
        ExportFormat::Ics => export::ics(records),
    };
    write!(Stdout::lock(), "{text}")?;
    Ok(Exit::Success)
}

/// `history --calendar [--weeks N]`.
pub(super) fn calendar(
    ctx: &Context,
    records: &[&Record],
    now: &ZonedDateTime,
    weeks: Option<usize>,
) -> Result<Exit> {
    let look = Look {
        weeks: weeks.unwrap_or(calendar::WEEKS),
        width: width(),
        ascii: !crate::text::unicode_here(),
        color: ctx.color,
    };
    write!(Stdout::lock(), "{}", calendar::render(records, now, &look))?;
    Ok(Exit::Success)
}

/// `history --trend [--weeks N] [--json]`.
pub(super) fn trend(
    records: &[&Record],
    now: &ZonedDateTime,
    weeks: Option<usize>,
    json: bool,
) -> Result<Exit> {
    let weeks = weeks.unwrap_or(trend::WEEKS);
    if json {
        super::print_json(&TrendView {
            weeks: trend::weeks(records, now, weeks),
        })?;
        return Ok(Exit::Success);
    }
    let look = trend::Look {
        weeks,
        width: width(),
        ascii: !crate::text::unicode_here(),
    };
    write!(Stdout::lock(), "{}", trend::render(records, now, &look))?;
    Ok(Exit::Success)
}

/// What `history --trend --json` prints.
#[derive(serde::Serialize)]
struct TrendView {
    /// Oldest first.
    weeks: Vec<trend::WeekTrend>,
}

/// The width to fit: the terminal's, else `COLUMNS`, else 80.
fn width() -> usize {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    terminal
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(80)
}
