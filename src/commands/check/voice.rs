//! `mobility check --voice`: renders everything the voice says in a
//! routine, with the speech program `run --voice` would use, and checks
//! that it fits each phase at its real length, by the same timeline the
//! run plays it on.

use std::path::PathBuf;
use std::time::Duration;

use crate::commands::Context;
use crate::error::{Error, Exit, Result, Stdout};
use crate::routine::library;
use crate::session::Plan;
use crate::ui::cues::script::{self, Lengths};
use crate::ui::cues::voice::{Clip, estimate};
use crate::ui::cues::{Sound, Speaker};

/// The clips of one routine, rendered (or estimated, for a program that
/// speaks only live).
struct Rendered {
    clips: std::collections::HashMap<String, Clip>,
}

impl Lengths for Rendered {
    /// A run with tones: each is heard before the words.
    fn tone(&self, sound: Sound) -> Option<Duration> {
        Some(sound.length())
    }

    fn words(&self, text: &str) -> Option<Duration> {
        Some(
            self.clips
                .get(text)
                .map_or_else(|| estimate(text), |c| c.length),
        )
    }
}

/// `mobility check --voice [ROUTINE…]`: every routine given, or every one
/// `list` shows.
pub(super) fn check_voice(ctx: &Context, names: &[PathBuf]) -> Result<Exit> {
    let path = std::env::var_os("PATH");
    let speaker = match &ctx.config().voice_command {
        Some(command) => Speaker::configured(command, path.as_deref()).ok_or_else(|| {
            Error::Other(format!(
                "`voice_command` names {}, which is not an executable program\n  hint: fix `voice_command` in `mobility config edit`",
                crate::text::quote(&command[0])
            ))
        })?,
        None => crate::ui::cues::find_speech_program(path.as_deref()).ok_or_else(|| {
            Error::Other(format!(
                "no speech program found ({}), so there is no voice to check\n  hint: install espeak-ng, or set `voice_command` in [run]",
                crate::ui::cues::SPEECH_PROGRAMS.join(", ")
            ))
        })?,
    };
    // Each routine with the name it is shown by: as it was given, or its id.
    let routines: Vec<(String, crate::routine::Routine)> = if names.is_empty() {
        library::load_all(&ctx.paths)?
            .routines
            .into_iter()
            .map(|found| (found.routine.id.clone(), found.routine))
            .collect()
    } else {
        // A program's voice is its stages' routines'.
        let mut routines = Vec::new();
        for name in names {
            let name = name.to_string_lossy();
            match crate::program::load_any(&name, &ctx.paths)? {
                crate::program::Entry::Routine(f) => routines.push((name.into_owned(), f.routine)),
                crate::program::Entry::Program(f) => routines.extend(
                    f.program
                        .stages
                        .into_iter()
                        .map(|s| (s.routine.id.clone(), s.routine)),
                ),
            }
        }
        routines
    };
    let cache = &ctx.paths.voice_cache.path;
    let mut out = Stdout::lock();
    if !speaker.renders() {
        out.write_all(
            format!(
                "note: {} speaks only as it runs, so its lengths are estimated, and a run keeps time less exactly\n",
                crate::text::quote(speaker.name())
            )
            .as_bytes(),
        )?;
    }
    let mut misfit = false;
    for (name, routine) in &routines {
        let plan = Plan::new(routine);
        let mut clips = std::collections::HashMap::new();
        if speaker.renders() {
            for text in script::texts(routine, &plan) {
                let clip = speaker.clip(cache, &text).map_err(|why| {
                    Error::Other(format!(
                        "the voice {} could not render {}: {why}",
                        crate::text::quote(speaker.name()),
                        crate::text::quote(&text)
                    ))
                })?;
                clips.insert(text, clip);
            }
        }
        let lines = script::misfits(routine, &Rendered { clips });
        let id = crate::text::quote(name);
        if lines.is_empty() {
            out.write_all(
                format!(
                    "{id}: the voice fits every phase ({})\n",
                    crate::text::quote(speaker.name())
                )
                .as_bytes(),
            )?;
        }
        for line in lines {
            misfit = true;
            out.write_all(format!("{id}: {line}\n").as_bytes())?;
        }
    }
    Ok(if misfit { Exit::No } else { Exit::Success })
}
