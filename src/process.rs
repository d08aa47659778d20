//! Finding and running other programs: the voice, the tone player, the
//! scheduler's tools and the terminal the Start button opens.
//!
//! A [`Program`] can only be had by finding it, and it runs by the path
//! that was found: handing a bare name to [`Command::new`] would search
//! `PATH` a second time, relative entries such as `.` included, and run
//! whatever the working directory holds under that name.
//!
//! Two ways to run one besides spawning it: [`Program::run_bounded`], for
//! a tool whose answer is read (stopped at a deadline, its output capped),
//! and [`Program::spawn_detached`], for a program that outlives mobility.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A program that was found, and the arguments that always come first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// What was asked for, as the user or the list wrote it: for messages.
    name: String,
    /// The file that was found: what runs.
    path: PathBuf,
    /// Leading arguments, before whatever a run adds.
    args: Vec<String>,
}

impl Program {
    /// Finds `name` the way a shell would: a name with a `/` is taken as
    /// it is, any other is looked up on `path` (a `PATH`-style list), in
    /// its absolute entries only. A relative entry, such as `.`, would make
    /// what runs depend on where mobility was started.
    pub fn find(name: &str, path: Option<&OsStr>) -> Option<Program> {
        let found = if name.contains('/') {
            let program = PathBuf::from(name);
            is_executable(&program).then_some(program)
        } else {
            std::env::split_paths(path?)
                .filter(|dir| dir.is_absolute())
                .map(|dir| dir.join(name))
                .find(|candidate| is_executable(candidate))
        }?;
        Some(Program {
            name: name.to_owned(),
            path: found,
            args: Vec::new(),
        })
    }

    /// [`Program::find`] on this process's `PATH`.
    pub fn on_path(name: &str) -> Option<Program> {
        Program::find(name, std::env::var_os("PATH").as_deref())
    }

    /// A configured command, the program and its leading arguments, with
    /// the program found on `path`; `None` when it is empty or not found.
    pub fn find_command(words: &[String], path: Option<&OsStr>) -> Option<Program> {
        let (name, args) = words.split_first()?;
        Some(Program::find(name, path)?.with_args(args.to_vec()))
    }

    /// The first of `names` found on `path`.
    pub fn find_first(names: &[&str], path: Option<&OsStr>) -> Option<Program> {
        names.iter().find_map(|name| Program::find(name, path))
    }

    /// The same program with `args` as its leading arguments.
    pub fn with_args(self, args: Vec<String>) -> Program {
        Program { args, ..self }
    }

    /// The name it was asked for by.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file that runs.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The leading arguments.
    pub fn args(&self) -> &[String] {
        &self.args
    }

    /// The found file with its leading arguments, and stdin, stdout and
    /// stderr on `/dev/null`: add the run's own arguments and spawn it.
    /// The child is the caller's to reap.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.path);
        command
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    /// Starts the program with `args` after its own, in a process group of
    /// its own, so that it outlives mobility and a signal to mobility's
    /// group (cron ending a job, Ctrl-C) does not reach it; `envs` are
    /// added to this process's environment.
    pub fn spawn_detached(
        &self,
        args: &[OsString],
        envs: impl IntoIterator<Item = (String, String)>,
    ) -> std::io::Result<Child> {
        use std::os::unix::process::CommandExt;
        self.command()
            .args(args)
            .envs(envs)
            .process_group(0)
            .spawn()
    }

    /// Runs the program with `args` after its own, feeding it `input`; its
    /// stdout on success. It is stopped (killed) if it has not finished
    /// within `bounds.time`, and refused if it prints more than
    /// `bounds.output` bytes on stdout or stderr. Input and output go
    /// through threads of their own, so that a program that prints before
    /// it has read all its input cannot block on us while we block on it.
    pub fn run_bounded(
        &self,
        args: &[&OsStr],
        input: Option<&[u8]>,
        bounds: Bounds,
    ) -> Result<Vec<u8>, RunError> {
        use std::io::Write as _;
        let deadline = Instant::now() + bounds.time;
        let mut child = self
            .command()
            .args(args)
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(RunError::CannotStart)?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            let input = input.to_vec();
            // A program that exits without reading all of it fails below.
            std::thread::spawn(move || stdin.write_all(&input));
        }
        let (send, receive) = mpsc::channel();
        let pipes: [(bool, Option<Box<dyn Read + Send>>); 2] = [
            (true, child.stdout.take().map(|p| Box::new(p) as _)),
            (false, child.stderr.take().map(|p| Box::new(p) as _)),
        ];
        for (is_stdout, pipe) in pipes {
            let send = send.clone();
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(pipe) = pipe {
                    // One byte more than allowed says there was more; the
                    // pipe is closed after it, and a writer gets EPIPE.
                    let _ = pipe.take(bounds.output as u64 + 1).read_to_end(&mut bytes);
                }
                let _ = send.send((is_stdout, bytes));
            });
        }
        drop(send);
        let Some(status) = wait_until(&mut child, deadline).map_err(RunError::Wait)? else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(RunError::TimedOut(bounds.time));
        };
        // Its output ends when every process that holds the pipes has
        // closed them: something it left running may not have. What was
        // read by then could be half a crontab, so it is not taken as the
        // whole.
        let (mut stdout, mut stderr) = (None, None);
        while stdout.is_none() || stderr.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            match receive.recv_timeout(left.max(Duration::from_millis(200))) {
                Ok((true, bytes)) => stdout = Some(bytes),
                Ok((false, bytes)) => stderr = Some(bytes),
                Err(_) => return Err(RunError::TimedOut(bounds.time)),
            }
        }
        let (stdout, stderr) = (stdout.unwrap_or_default(), stderr.unwrap_or_default());
        if stdout.len() > bounds.output || stderr.len() > bounds.output {
            return Err(RunError::TooMuchOutput(bounds.output));
        }
        if status.success() {
            return Ok(stdout);
        }
        Err(RunError::Failed { status, stderr })
    }
}

/// How long a bounded run may take, and how much it may print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub time: Duration,
    /// Bytes, on stdout and on stderr each.
    pub output: usize,
}

/// How a bounded run went wrong. Its `Display` is a clause for after
/// "`crontab -l` failed: ".
#[derive(Debug)]
pub enum RunError {
    /// It could not be started.
    CannotStart(std::io::Error),
    /// Waiting for it failed.
    Wait(std::io::Error),
    /// It ran past its time, and was stopped.
    TimedOut(Duration),
    /// It printed more than this many bytes.
    TooMuchOutput(usize),
    /// It ran and failed: its status and what it said on stderr.
    Failed { status: ExitStatus, stderr: Vec<u8> },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::CannotStart(e) => write!(
                f,
                "cannot start it: {}",
                crate::text::escape(&e.to_string(), 200)
            ),
            RunError::Wait(e) => write!(f, "{e}"),
            RunError::TimedOut(time) => write!(
                f,
                "it did not finish within {}, and was stopped",
                crate::text::human(*time)
            ),
            RunError::TooMuchOutput(bytes) => write!(
                f,
                "it printed more than {}, more than mobility reads from it",
                size(*bytes)
            ),
            RunError::Failed { status, stderr } => {
                let said = String::from_utf8_lossy(stderr);
                match said.trim() {
                    "" => write!(f, "{status}"),
                    said => write!(f, "{}", crate::text::escape(said, 300)),
                }
            }
        }
    }
}

/// A byte count as a person reads it: "1 MiB", "64 KiB", "100 bytes".
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    match bytes {
        b if b >= KIB * KIB && b % (KIB * KIB) == 0 => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// How often a child being waited for is looked at.
const POLL: Duration = Duration::from_millis(10);

/// Waits for `child` to end, until `deadline`: its status, or `None` if
/// it is still running then (it is left running).
pub fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        std::thread::sleep(left.min(POLL));
    }
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// One word for a shell, single-quoted if it needs to be: for crontab
/// lines, `osascript`'s script and commands shown in messages.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:@+=,".contains(&b));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests;
