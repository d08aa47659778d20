//! The command line, defined once with clap's derive API. The help text is
//! the doc comments below; `mobility man` and the shell completions are
//! built from the same definitions.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::history::{Since, parse_since};
use crate::remind::schedule::Backend;
use crate::remind::{Days, parse_days, parse_times};
use crate::routine::MAX_PAUSE;
pub use crate::style::ColorChoice;
use crate::text::human;

mod shown;
pub use shown::{command, refine, try_parse, try_parse_from};

/// Times of day as `(hour, minute)`, 24-hour, in the order given. (An
/// alias, not `Vec` itself, so that clap takes `--at` as one value.)
pub type Times = Vec<(u8, u8)>;

/// A guided routine timer for the terminal.
///
/// mobility walks you through short mobility routines, step by step, with
/// cues and hold timers. Start with `mobility run wall-flexion`.
#[derive(Debug, Parser)]
#[command(name = "mobility", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Also look for routines in DIR (repeatable; wins over your own routines and the built-ins)
    #[arg(long = "routines-dir", value_name = "DIR", global = true)]
    pub routines_dirs: Vec<PathBuf>,

    /// When to use colour: in what `run`, `list`, `show`, `history` and `program status` print, and on the `error:` and `warning:` labels of every command
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a routine, guided step by step
    #[command(after_long_help = keys_help())]
    Run(RunArgs),
    /// List every routine you can run
    List(ListArgs),
    /// Show a routine as a timeline of its steps
    Show(ShowArgs),
    /// Check routines for mistakes: files, directories of them, or ids
    Check(CheckArgs),
    /// Write a new routine into your routine directory: a commented starter, or a copy
    New(NewArgs),
    /// Open one of your routines in your editor, then check it
    Edit(EditArgs),
    /// Check, show or edit the config file
    #[command(subcommand)]
    Config(ConfigCommand),
    /// List past runs, with your streak
    History(HistoryArgs),
    /// Say whether a routine is due today or done; exit 0 if due, 1 if done
    Due(DueArgs),
    /// Send a desktop reminder if a routine is due (made for cron)
    Remind(RemindArgs),
    /// Print crontab lines that remind you at set times
    Cron(CronArgs),
    /// One short line for a prompt or status bar: due or done, and the streak
    Status(StatusArgs),
    /// Install, list or remove reminders in cron, systemd or launchd
    #[command(subcommand)]
    Schedule(ScheduleCommand),
    /// Where you are in a program, and moving through its stages
    #[command(subcommand)]
    Program(ProgramCommand),
    /// Print every file and directory mobility uses
    Paths,
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a directory
    Man(ManArgs),
}

#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// Where you are: each stage's sessions, the current stage, and the rule that moves you on
    Status(ProgramArgs),
    /// Move on to the next stage now, whatever its sessions or check-ins say
    Next(ProgramArgs),
    /// Go back to the stage before; its sessions count again from now
    Back(ProgramArgs),
    /// Start again from stage 1; every stage's sessions count again from now
    Restart(ProgramArgs),
}

#[derive(Debug, Args)]
pub struct ProgramArgs {
    /// A program id (see `mobility list`) or the path of a program file; without it, the one program you use
    #[arg(value_name = "PROGRAM", add = complete_routine())]
    pub program: Option<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// A routine id (see `mobility list`) or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Print one line per phase instead of the full-screen view
    #[arg(long)]
    pub plain: bool,

    /// No sound: no tones and no terminal bell
    #[arg(long, short, overrides_with = "bell")]
    pub quiet: bool,

    /// Ring the terminal bell instead of tones, even if the config file says otherwise
    #[arg(long, overrides_with = "quiet")]
    pub bell: bool,

    /// Speak step names, prompts and the get-ready count, on the run's clock (espeak-ng, espeak, say or spd-say; `v` switches it during a run)
    #[arg(long, overrides_with = "no_voice")]
    pub voice: bool,

    /// No voice, even if the config file says `voice = true`
    #[arg(long, overrides_with = "voice")]
    pub no_voice: bool,

    /// Override every get-ready countdown, such as `0s` or `5s`
    #[arg(long, value_name = "DURATION", value_parser = parse_lead_in)]
    pub lead_in: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    /// Only routines with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A routine id or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Print JSON instead of a timeline
    #[arg(long, conflicts_with = "toml")]
    pub json: bool,

    /// Print the routine back as TOML, every default spelled out (a start for your own)
    #[arg(long)]
    pub toml: bool,

    /// Draw each step's figure at the start and at the turn of its movement, side by side (needs a UTF-8 locale)
    #[arg(long, conflicts_with_all = ["json", "toml"])]
    pub figure: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Routine files, directories of them, or routine ids; without any, your routine directory
    #[arg(value_name = "ROUTINE|PATH")]
    pub paths: Vec<PathBuf>,

    /// Render what the voice says and check that it fits each phase at its real length (with the configured `voice_command`); exits 1 where it does not
    #[arg(long)]
    pub voice: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new routine's id: lowercase letters, digits and `-`
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Start from a copy of this routine (an id, built-ins included, or a path) instead of the starter
    #[arg(long, value_name = "ROUTINE", add = complete_routine())]
    pub from: Option<String>,

    /// Write it even though it takes the place of the built-in routine of the same id
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// One of your routines: an id or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Check the config file for mistakes
    Check,
    /// Show every setting, its value, and where the value came from
    Show,
    /// Open the config file in your editor, then check it
    Edit,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write mobility.1 and one page per command (mobility-run.1, …) into DIR instead
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
#[command(group(clap::ArgGroup::new("chart").args(["calendar", "trend"])))]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub action: Option<HistoryCommand>,

    /// Only runs of this routine, or of every stage of this program
    #[arg(long, value_name = "ID")]
    pub routine: Option<String>,

    /// Only runs since a date (2026-11-01) or for a while back (7d, 2weeks)
    #[arg(long, value_name = "DATE|DURATION", value_parser = parse_since)]
    pub since: Option<Since>,

    /// Only runs that count as completed (the ones streaks and `due` count)
    #[arg(long)]
    pub completed: bool,

    /// How many runs to list, 1 or more; default 20 (the summary still counts every run chosen; an export has no limit unless given one)
    #[arg(long, value_name = "N", value_parser = parse_limit)]
    pub limit: Option<usize>,

    /// Print JSON: the records and the summary (with --trend: each week's numbers)
    #[arg(long, conflicts_with_all = ["calendar", "export"])]
    pub json: bool,

    /// Show a calendar of completed runs, a column a week (Monday first)
    #[arg(long, conflicts_with_all = ["export", "completed", "limit"])]
    pub calendar: bool,

    /// Show the check-in over the weeks: the average rating after a session, sessions, and the change within a session
    #[arg(long, conflicts_with_all = ["export", "completed", "limit"])]
    pub trend: bool,

    /// How many weeks --calendar or --trend shows, 1 to 53 (default 26 for the calendar, fewer when the terminal is narrow; 12 for the trend)
    #[arg(long, value_name = "N", requires = "chart", value_parser = parse_weeks)]
    pub weeks: Option<usize>,

    /// Write every matching run as CSV or iCalendar (completed runs) on stdout
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,

    /// Move the history file into a history directory (`history-MACHINE.jsonl` there); safe to run twice
    #[arg(long, value_name = "DIR", conflicts_with_all = ["routine", "since", "completed", "limit", "json", "calendar", "trend", "weeks", "export"])]
    pub move_to: Option<PathBuf>,
}

/// What `history` does besides listing.
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Remove one run from this machine's history (kept in `history-forgotten.jsonl` beside it)
    Forget(ForgetArgs),
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// The run's start, as `history` prints it: YYYY-MM-DD HH:MM, local time
    #[arg(value_name = "START", required_unless_present = "last")]
    pub start: Option<String>,

    /// The newest run instead
    #[arg(long, conflicts_with = "start")]
    pub last: bool,
}

/// What `history --export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 CSV, a header and a row per run
    Csv,
    /// RFC 5545 iCalendar, an event per completed run
    Ics,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// A routine id or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Due unless completed within this long, instead of today (such as `12h`)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub within: Option<std::time::Duration>,

    /// Print nothing: only the exit code answers (for scripts)
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// A routine id or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Due unless completed within this long, instead of today (such as `12h`)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub within: Option<std::time::Duration>,

    /// Remind even if the routine is not due
    #[arg(long)]
    pub always: bool,

    /// How long the notification's Snooze button waits before reminding again (default 15m)
    #[arg(long, value_name = "DURATION", value_parser = parse_snooze)]
    pub snooze: Option<std::time::Duration>,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A routine id or the path of a routine file
    #[arg(
        value_name = "ROUTINE",
        default_value = "wall-flexion",
        add = complete_routine()
    )]
    pub routine: String,

    /// Due unless completed within this long, instead of today (such as `12h`)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub within: Option<std::time::Duration>,

    /// Print the same facts as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CronArgs {
    /// A routine id or the path of a routine file
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Times of day, 24-hour: `10:30` or `10:30,15:00`
    #[arg(long, value_name = "HH:MM[,HH:MM...]", required = true, value_parser = parse_times)]
    pub at: Times,

    /// `daily`, `weekdays`, `weekends`, or days like `mon,wed,fri`
    #[arg(long, value_name = "DAYS", default_value = "daily", value_parser = parse_days)]
    pub days: Days,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Install a reminder for a routine at set times (again: replace it)
    Add(ScheduleAddArgs),
    /// List the installed reminders and when each next fires
    List(ScheduleListArgs),
    /// Remove a routine's reminder, or all of them with --all
    Remove(ScheduleRemoveArgs),
}

#[derive(Debug, Args)]
pub struct ScheduleAddArgs {
    /// A routine id (see `mobility list`)
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: String,

    /// Times of day, 24-hour: `10:30` or `10:30,15:00`
    #[arg(long, value_name = "HH:MM[,HH:MM...]", required = true, value_parser = parse_times)]
    pub at: Times,

    /// `daily`, `weekdays`, `weekends`, or days like `mon,wed,fri`
    #[arg(long, value_name = "DAYS", default_value = "daily", value_parser = parse_days)]
    pub days: Days,

    /// The scheduler: launchd on macOS, else systemd if a user manager answers, else cron
    #[arg(long, value_enum, value_name = "BACKEND")]
    pub backend: Option<Backend>,
}

#[derive(Debug, Args)]
pub struct ScheduleListArgs {
    /// Only this scheduler; without it, every one that is found
    #[arg(long, value_enum, value_name = "BACKEND")]
    pub backend: Option<Backend>,
}

#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["routine", "all"])))]
pub struct ScheduleRemoveArgs {
    /// The routine id whose reminder to remove
    #[arg(value_name = "ROUTINE", add = complete_routine())]
    pub routine: Option<String>,

    /// Remove every reminder mobility installed
    #[arg(long)]
    pub all: bool,

    /// Only this scheduler; without it, every one that is found
    #[arg(long, value_enum, value_name = "BACKEND")]
    pub backend: Option<Backend>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The keys of a run, for `run --help`: the same table the screen uses.
fn keys_help() -> String {
    let mut help = String::from("Keys during a full-screen run:\n");
    for line in crate::ui::keymap::help_lines() {
        help.push_str("  ");
        help.push_str(&line);
        help.push('\n');
    }
    help
}

/// Completion for a routine argument: every id, the user's own included.
fn complete_routine() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        crate::routine::library::ids_from_env()
            .into_iter()
            .map(CompletionCandidate::new)
            .collect::<Vec<_>>()
    })
}

/// Parses a humantime duration such as `3s` or `1m 30s`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    duration_like(s, "`30s`, `1m 30s`, `12h` or `2days`")
}

/// Parses a duration; a mistake is answered with `examples`, which must
/// all be values the option takes.
fn duration_like(s: &str, examples: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim()).map_err(|_| {
        format!(
            "{} is not a duration; write it like {examples}",
            crate::text::quote(s)
        )
    })
}

/// Parses `--limit`: how many runs to list, at least one.
fn parse_limit(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("`0` would list no runs; give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{} is not a number of runs; give 1 or more",
            crate::text::quote(s)
        )),
    }
}

/// Parses `--weeks`: 1 to 53, a year's weeks at most.
fn parse_weeks(s: &str) -> Result<usize, String> {
    let quoted = crate::text::quote(s);
    match s.trim().parse::<usize>() {
        Ok(n @ 1..=53) => Ok(n),
        Ok(0) => Err(format!("{quoted} weeks would show nothing; give 1 to 53")),
        Ok(_) => Err(format!("{quoted} is more than the 53-week limit")),
        Err(_) => Err(format!("{quoted} is not a number of weeks; give 1 to 53")),
    }
}

/// Parses `--snooze`; its limits (1s to 12h) are checked by `remind`.
fn parse_snooze(s: &str) -> Result<Duration, String> {
    duration_like(s, "`5m`, `15m` or `1h`")
}

/// Parses `--lead-in`: a duration no longer than a routine file may give.
fn parse_lead_in(s: &str) -> Result<Duration, String> {
    // Only examples within the limit of ten minutes.
    let lead_in = duration_like(s, "`5s`, `10s` or `1m 30s`")?;
    if lead_in > MAX_PAUSE {
        return Err(format!(
            "{} is longer than the {} limit for a get-ready countdown",
            crate::text::quote(s.trim()),
            human(MAX_PAUSE)
        ));
    }
    Ok(lead_in)
}

#[cfg(test)]
mod tests;
