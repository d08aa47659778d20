//! `mobility run`: load the routine and settings, drive the run, then print
//! the summary, record the session and choose the exit code, in one place
//! whatever ended the run.

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use super::{Context, is_dumb, survive_file_size_limit};
use crate::cli::RunArgs;
use crate::config::{self, Config, SoundSetting};
use crate::error::{Error, Exit, Result, Stdout};
use crate::history;
use crate::process::Program;
use crate::session::{Engine, Summary};
use crate::ui::cues::{Cues, SoundFiles};
use crate::ui::{self, Outcome};

mod checkin;

/// Which of stdin and stdout are terminals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
}

/// How a run behaves, once the flags, the config file and the terminal
/// have had their say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunSettings {
    /// One line per phase instead of the full-screen view.
    pub plain: bool,
    /// Tones, the terminal bell, or nothing. Never the bell into a pipe.
    pub sound: SoundSetting,
    /// What the flags and the config file asked for, before the player
    /// and the terminal had their say.
    pub asked: SoundSetting,
    /// Whether the bell may ring: only on a terminal. Tones that can't be
    /// written fall back to it.
    pub bell_ok: bool,
    /// Why there will be no tones, when they were asked for.
    pub sound_note: Option<String>,
    /// Speak cues.
    pub voice: bool,
    /// The configured speech command, if any; else a known one is looked
    /// for on `PATH`.
    pub voice_command: Option<Vec<String>>,
    /// Every get-ready countdown, overriding the routine's.
    pub lead_in: Option<Duration>,
    /// How long the full-screen end screen stays.
    pub end_screen: Duration,
    /// When the check-in asks (`checkin` in `[run]`).
    pub asking: ui::Asking,
}

/// The player for the tones, when one can be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Player {
    /// The program and its leading arguments.
    Found(Vec<String>),
    /// `sound_command` names nothing that can be run.
    Unusable(String),
    /// None of the known players is on `PATH`.
    None,
}

impl RunSettings {
    /// A flag wins over the config file (`--quiet` and `--bell` over
    /// `sound` and `quiet = true`, `--no-voice` over `voice = true`,
    /// `--lead-in` over `lead_in`), and `sound` wins over the older
    /// `quiet`. Without either, the sound is tones when there is a
    /// `player`, else the bell; tones asked for with no player fall back
    /// to the bell. The run is plain when asked for, or when stdin or
    /// stdout is not a terminal; the bell rings only on a terminal, since
    /// in a pipe it would be a raw control character in someone's log.
    /// `term` is the value of `TERM`: a `dumb` terminal has no alternate
    /// screen and no cursor movement, so the run is plain there too.
    pub fn resolve(
        args: &RunArgs,
        config: &Config,
        tty: Terminals,
        term: Option<&OsStr>,
        player: &Player,
    ) -> RunSettings {
        let asked = if args.quiet {
            SoundSetting::Off
        } else if args.bell {
            SoundSetting::Bell
        } else if let Some(sound) = config.sound {
            sound
        } else if config.quiet == Some(true) {
            SoundSetting::Off
        } else {
            SoundSetting::Tones
        };
        let bell_ok = tty.stdout;
        let sound = match asked {
            SoundSetting::Tones if matches!(player, Player::Found(_)) => SoundSetting::Tones,
            SoundSetting::Tones | SoundSetting::Bell if bell_ok => SoundSetting::Bell,
            _ => SoundSetting::Off,
        };
        // Said only when tones were asked for: by default, a machine
        // without a player quietly gets the bell.
        let sound_note = match player {
            Player::Unusable(program) if asked == SoundSetting::Tones => Some(format!(
                "`sound_command` names {}, which is not an executable program; going on without tones",
                crate::text::quote(program)
            )),
            Player::None
                if asked == SoundSetting::Tones && config.sound == Some(SoundSetting::Tones) =>
            {
                Some(format!(
                    "no sound player found ({}); going on without tones",
                    ui::cues::PLAYERS.join(", ")
                ))
            }
            _ => None,
        };
        RunSettings {
            plain: args.plain || !tty.stdin || !tty.stdout || is_dumb(term),
            sound,
            asked,
            bell_ok,
            sound_note,
            voice: !args.no_voice && (args.voice || config.voice == Some(true)),
            voice_command: config.voice_command.clone(),
            lead_in: args.lead_in.or(config.lead_in),
            end_screen: config.end_screen.unwrap_or(config::END_SCREEN),
            asking: checkin::asking(config.checkin.unwrap_or_default()),
        }
    }
}

/// `mobility run`.
pub(crate) fn run(ctx: &Context, args: RunArgs) -> Result<Exit> {
    survive_file_size_limit();
    let (routine, stage) = match crate::program::load_any(&args.routine, &ctx.paths)? {
        crate::program::Entry::Routine(found) => (found.routine, None),
        crate::program::Entry::Program(found) => {
            let (routine, stage) = stage::current(ctx, found.program)?;
            (routine, Some(stage))
        }
    };
    let config = ctx.strict_config()?;
    let tty = Terminals {
        stdin: std::io::stdin().is_terminal(),
        stdout: std::io::stdout().is_terminal(),
    };
    let term = std::env::var_os("TERM");
    let player = find_player(config.sound_command.as_deref());
    let settings = RunSettings::resolve(&args, config, tty, term.as_deref(), &player);
    // Found whether or not the voice is on, so that `v` can switch it on.
    let speaker = speaker(settings.voice_command.as_deref());
    let nothing_to_hear = player == Player::None
        && matches!(speaker, Speaker::None)
        && settings.asked != SoundSetting::Off;
    if nothing_to_hear {
        ctx.warn(nothing_to_hear_line());
    } else {
        if let Some(note) = &settings.sound_note {
            ctx.warn(note);
        }
        if settings.voice {
            match &speaker {
                Speaker::Unusable(program) => ctx.warn(format!(
                    "`voice_command` names {}, which is not an executable program; going on without a voice",
                    crate::text::quote(program)
                )),
                Speaker::None => ctx.warn(format!(
                    "no speech program found ({}); going on without a voice",
                    ui::cues::SPEECH_PROGRAMS.join(", ")
                )),
                Speaker::Found(_) => {}
            }
        }
    }
    // A run that can't be recorded is refused before it starts, not
    // discovered at the end.
    let store = writable_store(ctx)?;
    let routine = match settings.lead_in {
        Some(lead_in) => routine.with_lead_in(lead_in),
        None => routine,
    };
    let mut cues = cues(ctx, &settings, player, speaker);
    // Debug builds only: the tests of the voice follow the built-in drill
    // faster than life, its times and its clips scaled alike.
    let scale = cfg!(debug_assertions)
        .then(|| {
            std::env::var("MOBILITY_TEST_TIME_SCALE")
                .ok()?
                .parse::<f64>()
                .ok()
        })
        .flatten()
        .filter(|f| *f > 0.0 && *f <= 1.0);
    let routine = match scale {
        Some(factor) => {
            cues = cues.with_time_scale(factor);
            routine.scaled(factor)
        }
        None => routine,
    };
    if let (Some(stage), true) = (&stage, settings.plain) {
        // The plain lines' one chance to say where in the program this is.
        writeln!(
            Stdout::lock(),
            "{} {} {}",
            crate::text::escape(&stage.program.id, crate::text::PATH_CHARS),
            crate::text::Glyphs::here().sep,
            routine.title
        )?;
    }
    drive(ctx, routine, &mut cues, &settings, &store, stage.as_ref())
}

/// Where this run will be recorded, once it is known that it can be.
fn writable_store(ctx: &Context) -> Result<history::Store> {
    let store = ctx.paths.history_store();
    let history = &store.own_file();
    crate::history::check_writable(history).map_err(|e| {
        let hint = match store {
            history::Store::File { .. } => {
                "make the history file writable, or point XDG_STATE_HOME elsewhere"
            }
            history::Store::Dir { .. } => {
                "make the history directory writable, or change `history_dir` (or MOBILITY_HISTORY_DIR)"
            }
        };
        Error::Other(format!(
            "cannot record runs in `{}`: {}\n  hint: {hint}",
            crate::text::path(history),
            crate::diagnostic::io_words(history, &e)
        ))
    })?;
    Ok(store)
}

/// The cues the settings ask for: tones written into the cache (the bell
/// instead when they can't be, on a terminal), the voice, the bell.
fn cues(ctx: &Context, settings: &RunSettings, player: Player, speaker: Speaker) -> Cues {
    let tones = match (settings.sound, &player) {
        (SoundSetting::Tones, Player::Found(command)) => {
            match SoundFiles::write(&ctx.paths.sounds.path) {
                Ok(files) => Some((command.clone(), files)),
                Err(e) => {
                    ctx.warn(format!(
                        "cannot write the tones into `{}`: {}; going on without them",
                        crate::text::path(&ctx.paths.sounds.path),
                        crate::diagnostic::io_message(&e)
                    ));
                    None
                }
            }
        }
        _ => None,
    };
    let bell = match settings.sound {
        SoundSetting::Bell => true,
        SoundSetting::Tones => tones.is_none() && settings.bell_ok,
        SoundSetting::Off => false,
    };
    let mut cues = Cues::new(bell);
    if let Some((command, files)) = tones {
        cues = cues.with_tones(command, files);
    }
    // The voice's clips play through the same player, tones or not.
    if let Player::Found(command) = player {
        cues = cues.with_player(command);
    }
    if let Speaker::Found(speaker) = speaker {
        cues = cues.with_voice(speaker, ctx.paths.voice_cache.path.clone(), settings.voice);
    }
    if settings.plain {
        cues.report_at_once(crate::style::warning_label(ctx.err_color));
    }
    cues
}

/// The run itself, from the first phase to the exit code: recorded at
/// the end, whatever ended it.
fn drive(
    ctx: &Context,
    routine: crate::routine::Routine,
    cues: &mut Cues,
    settings: &RunSettings,
    store: &history::Store,
    stage: Option<&stage::StageRun>,
) -> Result<Exit> {
    let started_at = ctx.now();
    // A stage's run shows where in the program it is, and records the
    // routine's own title.
    let title = stage.map_or_else(|| routine.title.clone(), |s| s.routine_title.clone());
    let id = routine.id.clone();
    let engine = Engine::new(routine, Instant::now());
    let screen = (!settings.plain).then_some(ui::FullScreen {
        color: ctx.color,
        end_screen: settings.end_screen,
    });
    // The run as recorded, for the check-in's amendment that names it.
    let recorded_run = std::cell::RefCell::new(None);
    // Called while the screen may still be up: it must print nothing.
    let on_end: ui::OnEnd = Box::new(|summary, started, before| {
        if !started {
            return Ok(None);
        }
        let run = record(
            ctx,
            store,
            (&id, &title),
            &started_at,
            summary,
            before,
            stage,
        )?;
        recorded_run.replace(Some(run));
        // Only a run that reached the end shows the note (the end screen,
        // plain mode's last line): a quit run need not read the history.
        Ok(summary
            .reached_end()
            .then(|| end_note(ctx, store, &id, stage))
            .flatten())
    });
    let mut outcome = ui::drive(engine, cues, screen, on_end, settings.asking)?;
    // The terminal is restored by now, so whatever is said below is seen.
    for problem in cues.take_problems() {
        ctx.warn(problem);
    }
    let recorded = std::mem::replace(&mut outcome.recorded, Ok(None));
    if let Some(e) = outcome.output_error {
        return Err(Error::Output(e));
    }
    let exit = finish(&title, &outcome, settings.plain)?;
    // A run that happened but left no record is trouble: streaks, `due`
    // and reminders would all be wrong, so the exit code must say so.
    recorded?;
    // The answer after the run, added to its record; the run is safe
    // whatever happens to this.
    if let (Some(rating), Some(run)) = (outcome.answers.after, recorded_run.take()) {
        checkin::append_answer(ctx, store, &run, rating)?;
    }
    Ok(exit)
}

/// Today's completed runs of `id`, the current streak and, for a stage of
/// a program, what comes next, read back from the history just written;
/// `None` when it cannot be read.
fn end_note(
    ctx: &Context,
    store: &history::Store,
    id: &str,
    stage: Option<&stage::StageRun>,
) -> Option<ui::EndNote> {
    let log = store.read().ok()?;
    let now = ctx.now();
    let today = log
        .records
        .iter()
        .filter(|r| r.completed && r.routine == id)
        .filter(|r| r.started_at.in_zone(now.time_zone()).date() == now.date())
        .count();
    let all: Vec<&history::Record> = log.records.iter().collect();
    let weeks = history::calendar::levels(&all, &now, ui::view::END_WEEKS)
        .try_into()
        .ok()?;
    Some(ui::EndNote {
        today,
        streak: history::current_streak(&log.records, &now),
        weeks,
        ratings: checkin::ratings_note(&log.records, &now),
        program: stage.map(|s| stage::after(s, &log)),
    })
}

/// The speech program, when one can be had.
#[derive(Debug)]
enum Speaker {
    Found(ui::cues::Speaker),
    /// `voice_command` names nothing that can be run.
    Unusable(String),
    /// None of the known speech programs is on `PATH`.
    None,
}

/// The speech program: the configured one if it can be run, else the
/// first known one on `PATH`.
fn speaker(configured: Option<&[String]>) -> Speaker {
    let path = std::env::var_os("PATH");
    let found = match configured {
        Some(command) => match ui::cues::Speaker::configured(command, path.as_deref()) {
            Some(found) => found,
            None => return Speaker::Unusable(command[0].clone()),
        },
        None => match ui::cues::find_speech_program(path.as_deref()) {
            Some(found) => found,
            None => return Speaker::None,
        },
    };
    Speaker::Found(found)
}

/// What to install when there is neither a sound player nor a speech
/// program, for the platform mobility runs on.
fn nothing_to_hear_line() -> String {
    let install = if cfg!(target_os = "macos") {
        "macOS has `afplay` and `say`: check that /usr/bin is on PATH"
    } else {
        "install a player and a voice: `sudo apt install alsa-utils espeak-ng` on Debian or Ubuntu, `sudo dnf install alsa-utils espeak-ng` on Fedora, `sudo pacman -S alsa-utils espeak-ng` on Arch"
    };
    format!(
        "no sound player ({}) or speech program ({}) found, so the run has only the terminal bell; {install}",
        ui::cues::PLAYERS.join(", "),
        ui::cues::SPEECH_PROGRAMS.join(", ")
    )
}

/// The tone player: `sound_command` if it can be run, else the first
/// known player on `PATH`.
fn find_player(configured: Option<&[String]>) -> Player {
    let path = std::env::var_os("PATH");
    if let Some(command) = configured {
        return match Program::find_command(command, path.as_deref()) {
            Some(_) => Player::Found(command.to_vec()),
            None => Player::Unusable(command[0].clone()),
        };
    }
    match ui::cues::find_player(path.as_deref()) {
        Some(program) => Player::Found(vec![program.to_string_lossy().into_owned()]),
        None => Player::None,
    }
}

/// Appends the run to the history: the routine's `(id, title)`, and the
/// stage of a program it was.
fn record(
    ctx: &Context,
    store: &history::Store,
    (id, title): (&str, &str),
    started_at: &jiff::ZonedDateTime,
    s: &Summary,
    before: Option<u8>,
    stage: Option<&stage::StageRun>,
) -> Result<history::Record> {
    let ended_at = ctx.now();
    let record = history::Record {
        routine: id.to_string(),
        title: title.to_string(),
        started_at: started_at.into(),
        ended_at: (&ended_at).into(),
        active_seconds: s.active.as_secs_f64(),
        completed: s.completed(),
        reached_end: s.reached_end(),
        steps_done: u32::try_from(s.steps_done).unwrap_or(u32::MAX),
        steps_total: u32::try_from(s.steps_total).unwrap_or(u32::MAX),
        steps_skipped: u32::try_from(s.steps_skipped).unwrap_or(u32::MAX),
        machine: Some(store.machine().to_string()),
        checkin_before: before,
        checkin_after: None,
        program: stage.map(|s| s.program.id.clone()),
        stage: stage.map(stage::StageRun::number),
    };
    let path = &store.own_file();
    history::append(path, &record).map_err(|e| {
        Error::Other(format!(
            "this run was not recorded: cannot write `{}`: {}",
            crate::text::path(path),
            crate::diagnostic::io_message(&e)
        ))
    })?;
    Ok(record)
}

/// The single end of every run: the summary line and the exit code.
fn finish(title: &str, outcome: &Outcome, plain: bool) -> Result<Exit> {
    let s = &outcome.summary;
    if !plain {
        // The terminal may be gone (a hang-up): the exit code still tells.
        let _ = writeln!(
            Stdout::lock(),
            "{}",
            ui::summary_line(title, s, outcome.signal)
        );
    }
    // A signal during the check-in leaves the run as it ended, but the
    // exit code still tells whoever sent it.
    let signal = outcome.signal.or(outcome.answers.interrupted);
    Ok(match (signal, s.completed()) {
        (Some(signal), _) => Exit::Signal(signal),
        (None, true) => Exit::Success,
        (None, false) => Exit::No,
    })
}

mod stage;

#[cfg(test)]
mod tests;
