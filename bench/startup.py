"""First frame of the app against a bare Textual app (Header + Static + Footer), measured in one run.

Each case runs in its own process in a real pty (80×24). The parent passes its clock at spawn in
``COACH_T0``; the child writes ``time.time() - COACH_T0`` to a pipe from ``call_after_refresh`` in ``on_mount`` (after
the first compositor refresh) and exits. Exit time is not counted: it costs ~0.2 s and would dilute every
ratio. Cases alternate (A B A B ...); each round's time is divided by the same round's bare app and
the median of those ratios is reported (the machine's speed drifts). The goal is ≤ 1.15× the bare app,
on an empty journal and on a 10-year one.

The app finds its journal as a user's does (no ``--home``: platformdirs under ``XDG_DATA_HOME``), and the
child also reports its own CPU time to the first frame, a steadier figure when the machine is busy.

    python bench/startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import os, time
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header(); yield Static("hello coach"); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        os.write(int(os.environ['COACH_FD']),
                 f"{time.time() - float(os.environ['COACH_T0']):.6f} {time.process_time():.6f}".encode())
        self.exit()
Bare().run()
"""

COACH = """
import os, time
from coach.session import Session
from coach.tui.app import CoachApp
class Timed(CoachApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.done)
    def done(self):
        os.write(int(os.environ['COACH_FD']),
                 f"{time.time() - float(os.environ['COACH_T0']):.6f} {time.process_time():.6f}".encode())
        self.exit()
    def warm_up(self):  # the analytics start after the first frame; not part of it
        pass
Timed(Session.load()).run()
"""


def user_env(root: Path) -> dict[str, str]:
    """The environment of a user whose per-user folders are under ``root`` (no COACH_HOME)."""
    env = {k: v for k, v in os.environ.items() if k != "COACH_HOME"}
    return {**env, "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config")}


def first_frame(code: str, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds from spawn to the first frame, read from a pipe the child inherits (its pty
    carries the screen)."""
    read_fd, write_fd = os.pipe()
    master, slave = pty.openpty()
    env = {**user_env(root), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
           "COACH_FD": str(write_fd), "COACH_T0": repr(time.time())}
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=slave, stdout=slave, stderr=slave, env=env,
                            pass_fds=(write_fd,), cwd=ROOT)
    os.close(slave)
    os.close(write_fd)
    out, screen = b"", b""
    while proc.poll() is None:  # drain the pty so the child never blocks on a full terminal
        ready, _, _ = select.select([master, read_fd], [], [], 0.5)
        if master in ready:
            try:
                screen += os.read(master, 65536)
            except OSError:
                break
        if read_fd in ready:
            out += os.read(read_fd, 64)
    proc.wait()
    out += os.read(read_fd, 64) if not out else b""
    os.close(master)
    os.close(read_fd)
    if not out:
        raise RuntimeError(f"no first frame reported; the terminal showed:\n{screen.decode(errors='replace')[-2000:]}")
    wall, cpu = out.decode().split()
    return float(wall), float(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    # Byte-compile the package as `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on some CI
    # machines) an editable install would otherwise recompile coach on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coach")], check=True,
                   stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        empty, big = Path(tmp) / "empty", Path(tmp) / "big"
        built = Path(tmp) / "built"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_journal.py"), "--home", str(built)], check=True,
                       stdout=subprocess.DEVNULL)
        (big / "data").mkdir(parents=True)
        (built / "data").rename(big / "data" / "coach")  # where platformdirs looks under XDG_DATA_HOME
        subprocess.run([sys.executable, "-m", "coach", "status"], check=True, stdout=subprocess.DEVNULL,
                       env=user_env(big))  # the day's backup and the stored states, as after any use
        cases = {"bare Textual app": (BARE, empty), "coach, empty journal": (COACH, empty),
                 "coach, 10-year journal": (COACH, big)}
        for code, home in cases.values():  # warm-up: .pyc files, page cache, the new journal
            first_frame(code, home)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.rounds):
            for name, (code, home) in cases.items():
                times[name].append(first_frame(code, home))
    # Ratios pair by pair (each round's case against the same round's bare app), then their median: the
    # machine's speed drifts over a run, and a ratio of two medians taken minutes apart carries that drift.
    base = times["bare Textual app"]
    print(f"first frame, {args.rounds} interleaved rounds (80×24 pty); ratio = median of the per-round ratios "
          "to the bare app, with its quartiles")
    print("| case | wall (median) | ratio to bare | quartiles | goal | CPU (median) | CPU ratio |")
    print("|---|---:|---:|---|---|---:|---:|")
    for name, values in times.items():
        wall = [t[0] / b[0] for t, b in zip(values, base, strict=True)]
        cpu = [t[1] / b[1] for t, b in zip(values, base, strict=True)]
        ratio, (low, _, high) = statistics.median(wall), statistics.quantiles(wall, n=4)
        goal = "" if name.startswith("bare") else ("≤ 1.15× ok" if ratio <= 1.15 else "≤ 1.15× MISS")
        print(f"| {name} | {statistics.median(t[0] for t in values) * 1000:.1f} ms | {ratio:.2f}× | "
              f"{low:.2f}–{high:.2f} | {goal} | {statistics.median(t[1] for t in values) * 1000:.1f} ms | "
              f"{statistics.median(cpu):.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
