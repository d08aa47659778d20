//! `history`, `due`, `remind` and `cron`: the habit side of mobility.

use std::process::ExitCode;

use super::Context;
use crate::cli::{CronArgs, DueArgs, HistoryArgs, RemindArgs};
use crate::error::{Error, Result};

pub fn history(_ctx: &Context, _args: HistoryArgs) -> Result<ExitCode> {
    Err(Error::Other("`history` is not built yet".into()))
}

pub fn due(_ctx: &Context, _args: DueArgs) -> Result<ExitCode> {
    Err(Error::Other("`due` is not built yet".into()))
}

pub fn remind(_ctx: &Context, _args: RemindArgs) -> Result<ExitCode> {
    Err(Error::Other("`remind` is not built yet".into()))
}

pub fn cron(_ctx: &Context, _args: CronArgs) -> Result<ExitCode> {
    Err(Error::Other("`cron` is not built yet".into()))
}
