//! The voice: which speech program speaks, and how. A program that can
//! write its speech to a WAV file (espeak-ng, espeak, macOS `say`, piper,
//! or a `voice_command` with `{out}`) is a renderer: every utterance of a
//! run is rendered ahead, on a thread of its own, into the cache, and
//! played through the tone player when the timeline says, by its measured
//! length. A program that can only speak as it runs (`spd-say`, or a
//! command without `{out}`) is started at the same moments and keeps time
//! less exactly.
//!
//! Spoken text comes from routine files, so it is treated as hostile: it
//! is escaped (no control character reaches the argv), it never begins
//! with `-`, and programs that understand `--` get it before the text.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::process::{Bounds, Program};

/// The speech programs tried, in order, when `voice_command` is not set:
/// the renderers first, which keep time best.
pub const SPEECH_PROGRAMS: &[&str] = &["espeak-ng", "espeak", "say", "spd-say"];

/// Programs known to end their options at `--`. (macOS `say` does not
/// document it, so it is not given one: the text's leading dashes are
/// what keeps it from being read as an option there.)
const ENDS_OPTIONS_AT_DASHES: &[&str] = &["spd-say", "espeak-ng", "espeak"];

/// The longest text spoken at once; routine text is shorter than this.
const MAX_SPOKEN_CHARS: usize = 400;

/// How long one clip may take to render, and how much the renderer may
/// print while it does.
const RENDER_BOUNDS: Bounds = Bounds {
    time: Duration::from_secs(10),
    output: 64 * 1024,
};

/// One argument of a speech command.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Arg {
    Word(String),
    /// `{out}`: the WAV file to write.
    Out,
    /// `{text}`: what to say.
    Text,
}

/// A speech program, found, and how to run it.
#[derive(Debug, Clone)]
pub struct Speaker {
    program: Program,
    /// The arguments that write a clip, when it can.
    render: Option<Vec<Arg>>,
    /// Whether the text goes on stdin when rendering (piper).
    text_on_stdin: bool,
    /// The arguments that speak at once, when it can.
    live: Option<Vec<Arg>>,
}

impl Speaker {
    /// The speaker for a configured `voice_command` (program and
    /// arguments), found on `path`; `None` when the program is not there.
    pub fn configured(words: &[String], path: Option<&OsStr>) -> Option<Speaker> {
        let program = Program::find_command(words, path)?;
        Some(Speaker::of(program))
    }

    /// The first of [`SPEECH_PROGRAMS`] on `path`.
    pub fn automatic(path: Option<&OsStr>) -> Option<Speaker> {
        Program::find_first(SPEECH_PROGRAMS, path).map(Speaker::of)
    }

    fn of(program: Program) -> Speaker {
        let name = program
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let args: Vec<Arg> = program
            .args()
            .iter()
            .map(|a| match a.as_str() {
                "{out}" => Arg::Out,
                "{text}" => Arg::Text,
                _ => Arg::Word(a.clone()),
            })
            .collect();
        let program = program.with_args(Vec::new());
        let word = |w: &str| Arg::Word(w.to_string());
        let dashes = ENDS_OPTIONS_AT_DASHES.contains(&name.as_str());
        let with_text = |mut args: Vec<Arg>, dashes: bool| {
            if !args.contains(&Arg::Text) {
                if dashes {
                    args.push(word("--"));
                }
                args.push(Arg::Text);
            }
            args
        };
        if args.contains(&Arg::Out) {
            // A renderer as written; for a program that can also speak
            // live, the same command without `-w {out}` is the fallback.
            let live = matches!(name.as_str(), "espeak-ng" | "espeak" | "say")
                .then(|| without_out(&args))
                .map(|a| with_text(a, dashes));
            return Speaker {
                render: Some(with_text(args, true)),
                text_on_stdin: false,
                live,
                program,
            };
        }
        let (render, text_on_stdin, live) = match name.as_str() {
            "espeak-ng" | "espeak" => {
                let mut render = args.clone();
                render.extend([word("-w"), Arg::Out]);
                (
                    Some(with_text(render, true)),
                    false,
                    Some(with_text(args, true)),
                )
            }
            "say" => {
                let mut render = args.clone();
                render.extend([
                    word("-o"),
                    Arg::Out,
                    word("--file-format=WAVE"),
                    word("--data-format=LEI16@22050"),
                ]);
                (
                    Some(with_text(render, false)),
                    false,
                    Some(with_text(args, false)),
                )
            }
            "piper" | "piper-tts" => {
                let mut render = args.clone();
                render.extend([word("--output_file"), Arg::Out]);
                (Some(render), true, None)
            }
            "spd-say" => {
                let mut live = args.clone();
                // Without it, spd-say returns at once and the run could
                // neither know when it ends nor stop it.
                if !live
                    .iter()
                    .any(|a| *a == word("-w") || *a == word("--wait"))
                {
                    live.insert(0, word("--wait"));
                }
                (None, false, Some(with_text(live, true)))
            }
            _ => (None, false, Some(with_text(args, false))),
        };
        Speaker {
            program,
            render,
            text_on_stdin,
            live,
        }
    }

    /// Whether it writes clips (and so keeps time by their lengths).
    pub fn renders(&self) -> bool {
        self.render.is_some()
    }

    /// The name it was found by, for messages.
    pub fn name(&self) -> &str {
        self.program.name()
    }

    /// The arguments for `text`, with `out` as the clip, or `None` when
    /// nothing is left to say.
    fn argv(args: &[Arg], text: &str, out: Option<&Path>) -> Option<Vec<std::ffi::OsString>> {
        let text = spoken(text)?;
        Some(
            args.iter()
                .map(|a| match a {
                    Arg::Word(w) => w.into(),
                    Arg::Text => text.clone().into(),
                    Arg::Out => out.map(|p| p.as_os_str().to_owned()).unwrap_or_default(),
                })
                .collect(),
        )
    }

    /// Starts speaking `text` at once; the child is the caller's to reap.
    /// `None` when this program cannot speak live or there is nothing to say.
    pub fn speak_live(&self, text: &str) -> Option<std::io::Result<Child>> {
        let argv = Speaker::argv(self.live.as_ref()?, text, None)?;
        Some(self.program.command().args(argv).spawn())
    }

    /// Renders `text` into `out`, a new empty file, and says how long it
    /// plays.
    fn render_into(&self, text: &str, out: &Path) -> Result<Duration, String> {
        let args = self.render.as_ref().ok_or("it cannot write sound files")?;
        let argv = Speaker::argv(args, text, Some(out)).ok_or("there is nothing to say")?;
        let argv: Vec<&OsStr> = argv.iter().map(|a| a.as_os_str()).collect();
        let stdin = self.text_on_stdin.then(|| spoken(text).unwrap_or_default());
        self.program
            .run_bounded(&argv, stdin.as_deref().map(str::as_bytes), RENDER_BOUNDS)
            .map_err(|e| e.to_string())?;
        super::wav::length_of(out).map_err(|why| format!("what it wrote is unusable: {why}"))
    }

    /// Where `text`'s clip is kept in `cache`: named by a hash of the
    /// program, its arguments and the text, so that a change to any of
    /// them renders it again.
    fn clip_path(&self, cache: &Path, text: &str) -> PathBuf {
        let key = format!(
            "{}\0{:?}\0{}\0{text}",
            self.program.path().display(),
            self.render,
            self.text_on_stdin
        );
        cache.join(format!(
            "{:016x}.wav",
            crate::text::stable_hash(key.as_bytes())
        ))
    }

    /// `text`'s clip from `cache`, rendered now if it is not there yet.
    pub fn clip(&self, cache: &Path, text: &str) -> Result<Clip, String> {
        let path = self.clip_path(cache, text);
        // Only a regular file that mobility put there, never a link.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && let Ok(length) = super::wav::length_of(&path)
        {
            return Ok(Clip { path, length });
        }
        std::fs::create_dir_all(cache).map_err(|e| crate::diagnostic::io_message(&e))?;
        let length = crate::atomic_file::write_with(&path, |out| {
            self.render_into(text, out).map_err(std::io::Error::other)
        })
        .map_err(|e| e.to_string())?;
        Ok(Clip { path, length })
    }
}

/// The arguments without `{out}` and the option just before it.
fn without_out(args: &[Arg]) -> Vec<Arg> {
    let mut kept: Vec<Arg> = Vec::new();
    for arg in args {
        if *arg == Arg::Out {
            if matches!(kept.last(), Some(Arg::Word(w)) if w.starts_with('-')) {
                kept.pop();
            }
        } else {
            kept.push(arg.clone());
        }
    }
    kept
}

/// A rendered utterance: its file and how long it plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub path: PathBuf,
    pub length: Duration,
}

/// What rendering has made so far, shared with the rendering thread.
#[derive(Debug, Default)]
struct Made {
    clips: HashMap<String, Clip>,
    /// The first failure, said once.
    failure: Option<String>,
    /// How many texts are done, rendered or not: it changes when a clip
    /// arrives, so a schedule can be worked out again.
    done: usize,
    asked: usize,
}

/// Renders utterances ahead, one at a time, on a thread of its own, so
/// that a slow renderer never holds up the run.
#[derive(Debug)]
pub struct Renderer {
    queue: Option<Sender<String>>,
    made: Arc<Mutex<Made>>,
    thread: Option<JoinHandle<()>>,
}

impl Renderer {
    /// Starts rendering with `speaker` into `cache`; nothing is asked yet.
    pub fn start(speaker: Speaker, cache: PathBuf) -> Renderer {
        let (tx, rx) = mpsc::channel::<String>();
        let made = Arc::new(Mutex::new(Made::default()));
        let mine = Arc::clone(&made);
        let thread = std::thread::spawn(move || {
            while let Ok(text) = rx.recv() {
                let clip = speaker.clip(&cache, &text);
                let Ok(mut made) = mine.lock() else { return };
                match clip {
                    Ok(clip) => {
                        made.clips.insert(text, clip);
                    }
                    Err(why) => {
                        made.failure.get_or_insert_with(|| {
                            format!(
                                "the voice {} could not render {}: {why}; that is said live where it can be",
                                crate::text::quote(speaker.name()),
                                crate::text::quote(&text)
                            )
                        });
                    }
                }
                made.done += 1;
            }
        });
        Renderer {
            queue: Some(tx),
            made,
            thread: Some(thread),
        }
    }

    /// Asks for `texts`, in the order they are needed.
    pub fn ask(&self, texts: impl IntoIterator<Item = String>) {
        let Some(queue) = &self.queue else { return };
        for text in texts {
            if let Ok(mut made) = self.made.lock() {
                made.asked += 1;
            }
            let _ = queue.send(text);
        }
    }

    /// `text`'s clip, once it is rendered.
    pub fn clip(&self, text: &str) -> Option<Clip> {
        self.made.lock().ok()?.clips.get(text).cloned()
    }

    /// How many asked texts are done: a number that grows as clips arrive.
    pub fn progress(&self) -> usize {
        self.made.lock().map_or(0, |m| m.done)
    }

    /// Whether everything asked is done.
    pub fn is_idle(&self) -> bool {
        self.made.lock().is_ok_and(|m| m.done >= m.asked)
    }

    /// The first failure, once.
    pub fn take_failure(&self) -> Option<String> {
        self.made.lock().ok()?.failure.take()
    }
}

impl Drop for Renderer {
    fn drop(&mut self) {
        // The thread ends once the queue closes and the clip it is on is
        // done; a renderer is bounded in time, so this never hangs long.
        self.queue = None;
        if let Some(thread) = self.thread.take()
            && thread.is_finished()
        {
            let _ = thread.join();
        }
    }
}

/// How long `text` takes to say when it has no clip to measure: about
/// what espeak-ng takes at its usual rate.
pub fn estimate(text: &str) -> Duration {
    Duration::from_millis(350 + 55 * text.chars().count() as u64)
}

/// `text` as it may be passed to a speech program: escaped, so no
/// control character is in it, and without leading dashes or spaces, so
/// that no program can take it for an option.
pub(super) fn spoken(text: &str) -> Option<String> {
    let escaped = crate::text::escape(text, MAX_SPOKEN_CHARS);
    let trimmed = escaped
        .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
        .trim_end();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
pub(super) mod tests;
