#!/usr/bin/env python3
"""The countdown in a real pty: the one measurement hyperfine cannot take.

bench/run uses hyperfine for startup and scale; this script measures a
ten-second countdown, which needs a controlling terminal that answers, the
countdown's error, the CPU used during a hold, and the peak memory of the
program itself. It prints a Markdown table on stdout and appends the raw
runs, as Markdown list items, to BENCH_RAW.

Reads MOBILITY (the binary), TERMDOWN (a termdown executable, or empty),
BENCH_WORK (a scratch directory), BENCH_RAW (a file), BENCH_ONLY (run only
the variants whose label holds it, such as `figure`) and BENCH_RUNS
(default 5) from the environment. Every figure is a median over BENCH_RUNS
runs, the variants interleaved so that a noisy moment lands on all of them.

How each number is taken:
- wall time: time.perf_counter() from just before the spawn to just after
  os.wait4() reaps the process;
- CPU: the rusage that os.wait4() returns for that one child (ru_utime +
  ru_stime), so nothing else on the machine counts;
- peak RSS: VmHWM from /proc/PID/status, read every 10 ms while the program
  runs; the last reading before it exits is kept. (ru_maxrss cannot be used:
  Linux carries the high-water mark across exec, so a child spawned from
  this Python process reports Python's own 10+ MiB, not the program's.)
- "in a pty": the program's stdin, stdout and stderr are the slave side of a
  fresh 80x24 pseudo-terminal that is its controlling terminal, and this
  script reads (and discards) everything it draws, as a terminal would.
"""

import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time

MOBILITY = os.environ["MOBILITY"]
TERMDOWN = os.environ.get("TERMDOWN") or None
WORK = os.environ["BENCH_WORK"]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
RAW = os.environ["BENCH_RAW"]
COUNTDOWN_SECS = 10

ERROR = "n/a (error)"


class PeakRss(threading.Thread):
    """Follows a process's VmHWM (peak resident set, KiB) until it exits.

    The last reading wins, not the largest: the first readings can come
    from the forked copy of this script, before the exec."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.path = f"/proc/{pid}/status"
        self.kib = None
        self.done = threading.Event()
        self.start()

    def run(self):
        while not self.done.is_set():
            try:
                with open(self.path) as f:
                    hwm = [line for line in f if line.startswith("VmHWM:")]
            except OSError:
                return
            if not hwm:  # a zombie has no memory left to report
                return
            self.kib = int(hwm[0].split()[1])
            self.done.wait(0.01)

    def finish(self):
        self.done.set()
        self.join()
        return self.kib


class Failed(Exception):
    """A command exited non-zero; the message is its first line of stderr."""


# No single run here should take longer than this; a hung one is killed
# (with its process group) and reported as a failure.
TIMEOUT_SECS = COUNTDOWN_SECS + 50


def watchdog(pid, own_group):
    """Kills `pid` (or its whole group) after TIMEOUT_SECS; cancel() it once
    the process has been reaped."""

    def kill():
        try:
            if own_group:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(TIMEOUT_SECS, kill)
    timer.daemon = True
    timer.start()
    return timer


# ---------------------------------------------------------------- running


def hermetic_env(**extra):
    """An environment that keeps the user's own routines, config and history
    out of the measurements."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(WORK, "home"),
        "XDG_CONFIG_HOME": os.path.join(WORK, "config"),
        "XDG_STATE_HOME": os.path.join(WORK, "state"),
        "XDG_DATA_HOME": os.path.join(WORK, "data"),
        "LANG": "C.UTF-8",
    }
    env.update(extra)
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        os.makedirs(env[key], exist_ok=True)
    # A full-screen run that ends would otherwise wait on its end screen.
    config = os.path.join(env["XDG_CONFIG_HOME"], "mobility")
    os.makedirs(config, exist_ok=True)
    with open(os.path.join(config, "config.toml"), "w") as f:
        f.write('[run]\nend_screen = "0s"\n')
    return env


def run_piped(argv, env):
    """Runs with stdin from /dev/null and output to a file.
    Returns (wall seconds, cpu seconds, peak RSS KiB or None)."""
    log_path = os.path.join(WORK, "last.log")
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
        rss = PeakRss(proc.pid)
        dog = watchdog(proc.pid, own_group=False)
        _, status, usage = os.wait4(proc.pid, 0)
        dog.cancel()
        wall = time.perf_counter() - start
        peak = rss.finish()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise Failed(first_line(log_path, proc.returncode))
    return wall, usage.ru_utime + usage.ru_stime, peak


def run_in_pty(argv, env, cols=80, rows=24):
    """Runs with a pseudo-terminal as its controlling terminal.
    Returns (wall seconds, cpu seconds, peak RSS KiB)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(env, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))

    def take_terminal():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=take_terminal,
    )
    os.close(slave)
    rss = PeakRss(proc.pid)
    dog = watchdog(proc.pid, own_group=True)
    tail = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the last holder of the slave side has gone
            break
        if not chunk:
            break
        tail = (tail + chunk)[-4096:]
        # Answer a cursor-position query, as a real terminal would, in
        # case a program waits for one.
        if b"\x1b[6n" in chunk:
            os.write(master, b"\x1b[1;1R")
    _, status, usage = os.wait4(proc.pid, 0)
    dog.cancel()
    wall = time.perf_counter() - start
    peak = rss.finish()
    os.close(master)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        text = tail.decode("utf-8", "replace").strip().splitlines()
        raise Failed(f"exit {proc.returncode}: {text[-1] if text else ''}"[:200])
    return wall, usage.ru_utime + usage.ru_stime, peak


def first_line(path, code):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace").strip().splitlines()
    return f"exit {code}: {text[0] if text else ''}"[:200]


# ---------------------------------------------------------------- data


def write_countdown_routine():
    path = os.path.join(WORK, "ten-seconds.toml")
    with open(path, "w") as f:
        f.write(
            'title = "Ten seconds"\n'
            'lead_in = "0s"\n'
            "[[step]]\n"
            'name = "Hold"\n'
            'cue = "Hold still."\n'
            f'hold = "{COUNTDOWN_SECS}s"\n'
            "reps = 1\n"
        )
    return path


def write_figure_routine(kind):
    """Ten seconds of one phase with the wall figure: a `move` (the figure
    animates, up to ten frames a second) or a `hold` (it keeps still, one
    redraw a second)."""
    path = os.path.join(WORK, f"figure-{kind}.toml")
    with open(path, "w") as f:
        f.write(
            'title = "Ten seconds with the figure"\n'
            'lead_in = "0s"\n'
            'figure = "wall"\n'
            "[[step]]\n"
            'name = "Round down"\n'
            'cue = "Round down slowly."\n'
            "[[step.phase]]\n"
            f'name = "{kind}"\n'
            f'time = "{COUNTDOWN_SECS}s"\n'
            f'kind = "{kind}"\n'
            'pose = "rounded"\n'
        )
    return path


# ---------------------------------------------------------------- report


def median(values):
    return statistics.median(values) if values else None


def fmt(value, spec, suffix=""):
    return ERROR if value is None else format(value, spec) + suffix


def main():
    env = hermetic_env()
    routine = write_countdown_routine()
    moving = write_figure_routine("move")
    holding = write_figure_routine("hold")
    variants = [
        ("mobility, plain (pipe)", run_piped, [MOBILITY, "run", routine, "--plain", "--quiet"]),
        ("mobility, full screen (pty)", run_in_pty, [MOBILITY, "run", routine, "--quiet"]),
        ("mobility, figure, a move (pty)", run_in_pty, [MOBILITY, "run", moving, "--quiet"]),
        ("mobility, figure, a hold (pty)", run_in_pty, [MOBILITY, "run", holding, "--quiet"]),
    ]
    if TERMDOWN:
        variants.append(("termdown (pty)", run_in_pty, [TERMDOWN, str(COUNTDOWN_SECS)]))
    only = os.environ.get("BENCH_ONLY")
    if only:
        variants = [v for v in variants if only in v[0]]
    results = {label: [] for label, _, _ in variants}
    failures = {}
    total = RUNS * len(variants)
    done = 0
    for _ in range(RUNS):
        for label, runner, argv in variants:
            done += 1
            print(f"countdown {done}/{total}: {label}", file=sys.stderr)
            if label in failures:
                continue
            try:
                results[label].append(runner(argv, env))
            except Failed as e:
                failures[label] = str(e)

    rows = []
    raw = []
    for label, _, _ in variants:
        runs = results[label]
        errors = [(wall - COUNTDOWN_SECS) * 1000 for wall, _, _ in runs]
        cpu = [100 * c / wall for wall, c, _ in runs]
        rss = [kib / 1024 for _, _, kib in runs if kib is not None]
        if label in failures:
            errors = cpu = rss = []
        raw.append((f"{label}: error vs {COUNTDOWN_SECS} s", errors, "ms"))
        raw.append((f"{label}: CPU", cpu, "% of one core"))
        raw.append((f"{label}: peak RSS", rss, "MiB"))
        rows.append(
            f"| {label} | {fmt(median(errors), '+.1f')} | {fmt(median(cpu), '.2f')} "
            f"| {fmt(median(rss), '.1f')} |"
        )

    print(f"### A {COUNTDOWN_SECS} s countdown")
    print()
    print(f"| program | error vs {COUNTDOWN_SECS} s (ms) | CPU (% of one core) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(row)
    print("| *target for mobility* | *≤ 20* | *≤ 0.5* | *≤ 8* |")
    print("| *termdown, as quoted* | *~ +230* | *~ 3.7* | *~ 30* |")
    print()
    print(f"Error is wall time from spawn to exit, minus {COUNTDOWN_SECS} s. CPU is user + system")
    print("time over that wall time. Peak RSS is the program's own `VmHWM`.")
    for label, message in failures.items():
        print()
        print(f"Failed: {label}: {message}")

    with open(RAW, "a") as f:
        for label, values, unit in raw:
            shown = ", ".join(f"{v:.2f}" for v in values) if values else ERROR
            f.write(f"- {label} ({unit}): {shown}\n")


if __name__ == "__main__":
    main()
