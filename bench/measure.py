#!/usr/bin/env python3
"""The measurements behind bench/run; prints Markdown on stdout.

Reads MOBILITY (the release binary), TERMDOWN (a termdown executable, or
empty) and BENCH_WORK (a scratch directory) from the environment, and
BENCH_RUNS (default 5). Every figure is a median over BENCH_RUNS runs.

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
import platform
import select
import shutil
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
STARTUP_RUNS = 50
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
    return env


def run_piped(argv, env, follow_rss=True):
    """Runs with stdin from /dev/null and output to a file.
    Returns (wall seconds, cpu seconds, peak RSS KiB or None)."""
    log_path = os.path.join(WORK, "last.log")
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
        rss = PeakRss(proc.pid) if follow_rss else None
        dog = watchdog(proc.pid, own_group=False)
        _, status, usage = os.wait4(proc.pid, 0)
        dog.cancel()
        wall = time.perf_counter() - start
        peak = rss.finish() if rss else None
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


def wall_times(argv, env, runs, warmup=0):
    """Wall seconds of `runs` runs, after `warmup` untimed ones. No RSS
    thread runs alongside, so that it cannot add to times of a millisecond."""
    for _ in range(warmup):
        run_piped(argv, env, follow_rss=False)
    return [run_piped(argv, env, follow_rss=False)[0] for _ in range(runs)]


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


SMALL_ROUTINE = """\
title = "Generated routine {i}"
summary = "A copy of a small routine, for the scale benchmark"
tags = ["bench"]

[[step]]
name = "Hold"
cue = "Hold still and breathe."
hold = "10s"
reps = 3
rest = "5s"
"""


def routine_dir(count):
    path = os.path.join(WORK, f"routines-{count}")
    os.makedirs(path, exist_ok=True)
    for i in range(count):
        with open(os.path.join(path, f"gen-{i:06}.toml"), "w") as f:
            f.write(SMALL_ROUTINE.format(i=i))
    return path


def history_state(count):
    """An XDG_STATE_HOME whose log holds `count` records, one run an hour
    going back from 2026-11-25, alternating two routines."""
    state = os.path.join(WORK, f"state-{count}")
    os.makedirs(os.path.join(state, "mobility"), exist_ok=True)
    base = 1795600800  # 2026-11-25T10:00:00Z
    lines = []
    for i in range(count):
        start = base - 3600 * i
        routine = ("wall-flexion", "Wall thoracic flexion") if i % 2 else ("chair-flexion", "Seated thoracic flexion")
        lines.append(
            '{"routine":"%s","title":"%s","started_at":"%s","ended_at":"%s",'
            '"active_seconds":%.2f,"completed":%s,"steps_done":%d,"steps_total":3}\n'
            % (
                routine[0],
                routine[1],
                rfc3339(start),
                rfc3339(start + 150),
                148.5,
                "true" if i % 5 else "false",
                3 if i % 5 else 1,
            )
        )
    with open(os.path.join(state, "mobility", "history.jsonl"), "w") as f:
        f.writelines(lines)
    return state


def rfc3339(epoch):
    t = time.gmtime(epoch + 3600)  # shown at +01:00
    return time.strftime("%Y-%m-%dT%H:%M:%S+01:00", t)


# ---------------------------------------------------------------- machine


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{platform.machine()}, {model}, {os.cpu_count()} cores, Linux {platform.release()}"


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown version"


# ---------------------------------------------------------------- report


def median(values):
    return statistics.median(values) if values else None


def fmt(value, spec, suffix=""):
    return ERROR if value is None else format(value, spec) + suffix


def verdict(value, limit):
    """`< 5 ms: met`, or empty where a row has no target."""
    if limit is None:
        return ""
    if value is None:
        return f"< {limit:,.0f} ms: not measured"
    return f"< {limit:,.0f} ms: {'met' if value < limit else 'MISSED'}"


def main():
    raw = []  # (label, [values], unit) for the raw section
    notes = []
    env = hermetic_env()

    # 1-3: a ten-second countdown, three ways, interleaved so that a noisy
    # moment on the machine does not land on one variant only.
    routine = write_countdown_routine()
    variants = [
        ("mobility, plain (pipe)", run_piped, [MOBILITY, "run", routine, "--plain", "--quiet"]),
        ("mobility, full screen (pty)", run_in_pty, [MOBILITY, "run", routine, "--quiet"]),
    ]
    if TERMDOWN:
        variants.append(("termdown (pty)", run_in_pty, [TERMDOWN, str(COUNTDOWN_SECS)]))
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

    countdown_rows = []
    for label, _, _ in variants:
        runs = results[label]
        errors = [(wall - COUNTDOWN_SECS) * 1000 for wall, _, _ in runs]
        cpu = [100 * c / wall for wall, c, _ in runs]
        rss = [kib / 1024 for _, _, kib in runs if kib is not None]
        if label in failures:
            notes.append(f"{label}: {failures[label]}")
            errors = cpu = rss = []
        raw.append((f"{label}: error vs {COUNTDOWN_SECS} s", errors, "ms"))
        raw.append((f"{label}: CPU", cpu, "% of one core"))
        raw.append((f"{label}: peak RSS", rss, "MiB"))
        countdown_rows.append(
            f"| {label} | {fmt(median(errors), '+.1f')} | {fmt(median(cpu), '.2f')} "
            f"| {fmt(median(rss), '.1f')} |"
        )

    # 4: startup, against `true` as the floor.
    print("startup", file=sys.stderr)
    true = shutil.which("true") or "/bin/true"
    startup = [
        ("`true` (the floor)", [true]),
        ("`mobility list`", [MOBILITY, "list"]),
        ("`mobility show wall-flexion`", [MOBILITY, "show", "wall-flexion"]),
    ]
    startup_medians = {}
    for label, argv in startup:
        try:
            walls = [w * 1000 for w in wall_times(argv, env, STARTUP_RUNS, warmup=3)]
        except Failed as e:
            notes.append(f"{label}: {e}")
            walls = []
        startup_medians[label] = median(walls)
        raw.append((f"{label}: wall", walls, "ms"))
    floor = startup_medians[startup[0][0]]
    startup_rows = []
    startup_targets = {"`mobility list`": 5.0}
    for label, _ in startup:
        m = startup_medians[label]
        above = None if m is None or floor is None else m - floor
        startup_rows.append(
            f"| {label} | {fmt(m, '.2f')} | {fmt(above, '.2f')} "
            f"| {verdict(m, startup_targets.get(label))} |"
        )

    # 5: scale.
    scale_rows = []

    def scale(label, counts, prepare, argv_for, env_for, targets):
        for count in counts:
            print(f"scale: {label} × {count}", file=sys.stderr)
            target = prepare(count)
            try:
                walls = [
                    w * 1000 for w in wall_times(argv_for(target), env_for(target), RUNS, warmup=1)
                ]
            except Failed as e:
                notes.append(f"{label} over {count:,}: {e}")
                walls = []
            m = median(walls)
            raw.append((f"{label} over {count:,}: wall", walls, "ms"))
            per = None if m is None else m / (count / 1000)
            scale_rows.append(
                f"| {label} | {count:,} | {fmt(m, '.1f')} | {fmt(per, '.2f')} "
                f"| {verdict(m, targets.get(count))} |"
            )

    scale(
        "`mobility list --routines-dir DIR`",
        [1_000, 10_000],
        routine_dir,
        lambda d: [MOBILITY, "list", "--routines-dir", d],
        lambda d: env,
        {10_000: 1000.0},
    )
    scale(
        "`mobility history`",
        [1_000, 10_000, 100_000],
        history_state,
        lambda s: [MOBILITY, "history"],
        lambda s: hermetic_env(XDG_STATE_HOME=s),
        {100_000: 500.0},
    )

    # The report.
    termdown_version = version([TERMDOWN, "--version"]) if TERMDOWN else "not available"
    print(f"## mobility benchmark on {machine()}")
    print()
    print(
        f"{version([MOBILITY, '--version'])} (release build); "
        f"termdown: {termdown_version}; python {platform.python_version()}. "
        f"Each figure is the median of {RUNS} runs ({STARTUP_RUNS} for startup)."
    )
    print()
    print(f"### A {COUNTDOWN_SECS} s countdown")
    print()
    print("| program | error vs 10 s (ms) | CPU (% of one core) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for row in countdown_rows:
        print(row)
    print("| *target for mobility* | *≤ 20* | *≤ 0.5* | *≤ 8* |")
    print("| *termdown, as quoted* | *~ +230* | *~ 3.7* | *~ 30* |")
    print()
    print("Error is wall time from spawn to exit, minus 10 s. CPU is user + system")
    print("time over that wall time.")
    print()
    print("### Startup")
    print()
    print("| command | median (ms) | above the floor (ms) | target |")
    print("|---|---:|---:|---|")
    for row in startup_rows:
        print(row)
    print()
    print("### Scale")
    print()
    print("| command | items | median (ms) | ms per 1,000 items | target |")
    print("|---|---:|---:|---:|---|")
    for row in scale_rows:
        print(row)
    print()
    print("Growth is linear when the per-1,000 column stays flat as the item count grows.")
    if notes:
        print()
        print("### Failures")
        print()
        for note in notes:
            print(f"- {note}")
    print()
    print("### Raw runs")
    print()
    for label, values, unit in raw:
        shown = ", ".join(f"{v:.2f}" for v in values) if values else ERROR
        print(f"- {label} ({unit}): {shown}")


if __name__ == "__main__":
    main()
