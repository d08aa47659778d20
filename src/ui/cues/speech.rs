//! The voice: a thread that speaks one utterance after another, so that
//! they never talk over each other and a slow speech program can never
//! delay the clock. The thread keeps the speech child where the run can
//! reach it, so that it is killed and reaped when mobility leaves.
//!
//! Spoken text comes from routine files, so it is treated as hostile: it
//! is escaped (no control character reaches the argv), it never begins
//! with `-`, and programs that understand `--` get it before the text.

use std::process::Child;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::process::Program;

/// The speech programs tried, in order, when no command is configured.
pub const SPEECH_PROGRAMS: &[&str] = &["spd-say", "espeak-ng", "espeak", "say"];

/// Programs known to end their options at `--`. (macOS `say` does not
/// document it, so it is not given one: the text's leading dashes are
/// what keeps it from being read as an option there.)
const ENDS_OPTIONS_AT_DASHES: &[&str] = &["spd-say", "espeak-ng", "espeak"];

/// The longest text spoken at once; routine text is shorter than this.
const MAX_SPOKEN_CHARS: usize = 400;

/// How often the speaking thread looks at its child.
const POLL: Duration = Duration::from_millis(20);

/// Something to say, and when it may be dropped as stale.
#[derive(Debug)]
pub(super) struct Utterance {
    pub text: String,
    pub tag: Tag,
}

/// What an utterance belongs to, which says when it is too late to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    /// Said as phase `n` starts or while it runs (a step's name, a phase's
    /// line, a prompt): dropped only once a later phase has started, so
    /// speech that falls behind by a whole phase catches up.
    Phase(usize),
    /// A countdown number in phase `n`: dropped as soon as anything newer
    /// is waiting, and once a later phase has started.
    Count(usize),
    /// The last words ("done"): always said.
    Last,
}

impl Utterance {
    /// Whether it is too late to say this now that phase `current` has
    /// started.
    fn is_stale(&self, current: usize) -> bool {
        match self.tag {
            Tag::Phase(n) | Tag::Count(n) => n < current,
            Tag::Last => false,
        }
    }
}

/// What the run loop and the speaking thread share.
#[derive(Debug, Default)]
struct Shared {
    /// Set when mobility leaves: say nothing more, end the child.
    stop: AtomicBool,
    /// While set, nothing is spoken: what is being said is cut off, and
    /// what is waiting is dropped.
    muted: AtomicBool,
    /// The index of the phase the run is in now.
    phase: AtomicUsize,
}

/// The handle on the speaking thread.
#[derive(Debug)]
pub(super) struct Voice {
    queue: Option<Sender<Utterance>>,
    thread: Option<JoinHandle<()>>,
    shared: Arc<Shared>,
}

impl Voice {
    /// Starts the thread that speaks with `command` (program and leading
    /// arguments).
    pub fn start(command: Vec<String>) -> Voice {
        let (tx, rx) = mpsc::channel::<Utterance>();
        let shared = Arc::new(Shared::default());
        let mine = Arc::clone(&shared);
        // Found once, and run by the path found.
        let program = Program::find_command(&command, std::env::var_os("PATH").as_deref());
        let thread = std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let waiting = std::iter::once(first).chain(rx.try_iter()).collect();
                let current = mine.phase.load(Ordering::SeqCst);
                for utterance in catch_up(waiting, current) {
                    if mine.stop.load(Ordering::SeqCst) {
                        return;
                    }
                    // The phase may have moved on while the one before spoke.
                    let current = mine.phase.load(Ordering::SeqCst);
                    if mine.muted.load(Ordering::SeqCst) || utterance.is_stale(current) {
                        continue;
                    }
                    if let (Some(program), Some(argv)) =
                        (&program, speech_argv(&command, &utterance.text))
                    {
                        speak(program, &argv[command.len()..], &mine);
                    }
                }
            }
        });
        Voice {
            queue: Some(tx),
            thread: Some(thread),
            shared,
        }
    }

    /// Queues `utterance` after whatever is being said.
    pub fn send(&self, utterance: Utterance) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(utterance);
        }
    }

    /// Says that phase `index` has started: what belongs to earlier
    /// phases and is still waiting will not be said.
    pub fn set_phase(&self, index: usize) {
        self.shared.phase.store(index, Ordering::SeqCst);
    }

    pub fn set_muted(&self, muted: bool) {
        self.shared.muted.store(muted, Ordering::SeqCst);
    }

    /// Takes nothing more: what is queued is still said, unless stopped.
    pub fn close(&mut self) {
        self.queue = None;
    }

    /// Whether everything queued has been said, once closed.
    pub fn is_done(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Ends the speech child, if any, and the thread, at once.
    pub fn stop(&mut self) {
        self.queue = None;
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Runs one utterance to its end, or until mobility leaves or is muted,
/// when the child is killed. Either way it is reaped.
fn speak(program: &Program, args: &[String], shared: &Shared) {
    let Ok(mut child) = program.command().args(args).spawn() else {
        return;
    };
    loop {
        if !matches!(child.try_wait(), Ok(None)) {
            return;
        }
        if shared.stop.load(Ordering::SeqCst) || shared.muted.load(Ordering::SeqCst) {
            end(&mut child);
            return;
        }
        std::thread::sleep(POLL);
    }
}

fn end(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The whole argv that speaks `text`, or `None` when nothing is left to
/// say. `command` is the program and its leading arguments.
pub(super) fn speech_argv(command: &[String], text: &str) -> Option<Vec<String>> {
    let (program, _) = command.split_first()?;
    let text = spoken(text)?;
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let mut argv = command.to_vec();
    if ENDS_OPTIONS_AT_DASHES.contains(&name) {
        argv.push("--".into());
    }
    argv.push(text);
    Some(argv)
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

/// What is still worth saying when speech has fallen behind, now that
/// phase `current` has started: nothing from an earlier phase but the last
/// words, and no countdown number that something newer has overtaken. A
/// phase's announcement is never dropped for a countdown number.
pub(super) fn catch_up(mut waiting: Vec<Utterance>, current: usize) -> Vec<Utterance> {
    let last = waiting.len().saturating_sub(1);
    let mut index = 0;
    waiting.retain(|u| {
        let overtaken = matches!(u.tag, Tag::Count(_)) && index != last;
        index += 1;
        !overtaken && !u.is_stale(current)
    });
    waiting
}
