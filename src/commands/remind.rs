//! `mobility remind`: a desktop notification and a line on stdout when a
//! routine is due. Failing to notify is said on stderr, and is not an
//! error: cron mails the output either way.

use std::time::Duration;

use super::{Context, read_history, window};
use crate::cli::RemindArgs;
use crate::error::{Exit, Result, Stdout};
use crate::remind;
use crate::routine::library::{self, history_id};

/// How long `remind` waits for the desktop to take a notification.
const NOTIFY_TIMEOUT: Duration = Duration::from_secs(3);

/// `mobility remind`.
pub(crate) fn remind(ctx: &Context, args: RemindArgs) -> Result<Exit> {
    let found = library::load(&args.routine, &ctx.paths)?;
    let routine = &found.routine;
    if !args.always {
        let window = window(ctx, args.within)?;
        // An unreadable history must not silence the reminder cron relies on.
        let records = read_history(ctx).unwrap_or_else(|e| {
            ctx.warn(format!("{e}; reminding anyway"));
            Vec::new()
        });
        if !remind::check(&records, &routine.id, &ctx.now(), window).due {
            return Ok(Exit::Success);
        }
    }
    let summary = format!("Time for {} — {}", routine.title, about(routine.total()));
    let body = format!(
        "Run: mobility run {}",
        crate::text::escape(
            &remind::shell_word(&history_id(&args.routine)),
            crate::text::PATH_CHARS
        )
    );
    writeln!(Stdout::lock(), "{summary}. {body}")?;
    if let Err(reason) = remind::notify(&summary, &body, NOTIFY_TIMEOUT) {
        ctx.warn(format!("no desktop notification: {reason}"));
    }
    Ok(Exit::Success)
}

/// "2 min", or "45 s" for a routine under a minute.
fn about(d: Duration) -> String {
    let secs = d.as_secs();
    if secs < 60 {
        format!("{secs} s")
    } else {
        format!("{} min", (secs + 30) / 60)
    }
}
