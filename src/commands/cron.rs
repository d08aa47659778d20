//! `mobility cron`: crontab lines that call `remind` at the given times.

use super::Context;
use crate::cli::CronArgs;
use crate::error::{Error, Exit, Result, Stdout};
use crate::remind;
use crate::routine::library::{self, history_id};

/// `mobility cron`.
pub(crate) fn cron(ctx: &Context, args: CronArgs) -> Result<Exit> {
    // Refuse an id that would only fail later, at 10:30 every morning.
    library::load(&args.routine, &ctx.paths)?;
    let binary = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::Other(format!("cannot find the path of this program: {e}")))?;
    let lines = remind::cron_lines(&binary, &history_id(&args.routine), &args.at, &args.days)
        .map_err(|e| Error::Usage(e.to_string()))?;
    Stdout::lock().write_all(lines.as_bytes())?;
    Ok(Exit::Success)
}
