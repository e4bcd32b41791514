"""Foundation benchmarks: how fast the CLI starts and how fast a 10-year journal opens, against floors.

    python bench/foundation.py [--rounds 15] [--home DIR]

Why ratios to floors and not milliseconds: the machine is noisy and shared, so each command is timed in the
same run as its floor (the interpreter doing nothing, or importing numpy), interleaved round by round, and
compared by medians. The goals:

* ``coach --version``, ``coach checkin add``, ``coach export`` (10-year journal) ≤ 3 × ``python -c pass``
* ``coach status`` (10-year journal) ≤ 1.3 × ``python -c "import numpy"``: measured on an unchanged journal
  (the report is cached per journal revision) and right after a check-in (states updated incrementally, the
  report recomputed: numpy and the analysis are paid then)
* opening and reading the 10-year journal in-process as the app and `status` do (Journal.open, every
  check-in, step and stored state as columns through the journal's snapshot, the open decisions) < 50 ms;
  reading the columns afresh (what rebuilding the snapshot costs) and every record as objects are reported too

Right after a check-in ``status`` must import numpy: its floor is then numpy plus the stdlib the CLI needs,
measured and printed beside it.

Needs nothing beyond the venv: subprocesses timed with ``time.perf_counter`` around ``subprocess.run``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_journal import build

from coach.domain.models import Status
from coach.paths import resolve
from coach.store.journal import Journal

PY = sys.executable
STDLIB = "argparse, sqlite3, json, dataclasses, datetime, pathlib, enum"
ROOT = Path(__file__).resolve().parents[1]


def _timed_run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - started, proc.returncode


def _coach_launchers() -> dict[str, list[str]]:
    """The two honest ways to run coach: the venv's console script and ``python -m coach``."""
    launchers = {"python -m coach": [PY, "-m", "coach"]}
    script = Path(PY).parent / "coach"
    if script.exists():
        launchers["coach script"] = [str(script)]
    return launchers


def _pick_launcher(env: dict[str, str], rounds: int = 7) -> tuple[str, list[str], dict[str, float]]:
    """Time ``--version`` with each launcher (interleaved) and keep the faster; both medians are reported."""
    launchers = _coach_launchers()
    samples: dict[str, list[float]] = {name: [] for name in launchers}
    for _ in range(rounds):
        for name, cmd in launchers.items():
            samples[name].append(_timed_run([*cmd, "--version"], env)[0])
    medians = {name: statistics.median(s) for name, s in samples.items()}
    best = min(medians, key=medians.__getitem__)
    return best, launchers[best], medians


def _read_all(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.checkins()
        journal.decisions()


def _read_checkins(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.checkins()


def _read_columns(path: Path) -> None:
    """Every check-in and every step as columns, read afresh (what rebuilding the snapshot costs)."""
    with Journal.open(path) as journal:
        keys = [d.id for d in journal.dimensions()]
        journal.series(keys)
        journal.step_series(keys)
        journal.decisions(status=(Status.PENDING, Status.DECIDED))


def _read_snapshot(path: Path) -> None:
    """What the app and ``status`` read: the columns and stored states through the snapshot, and the open
    decisions."""
    from coach import snapshot
    from coach.analytics import Params
    from coach.insight import model_key

    with Journal.open(path) as journal:
        dims = journal.dimensions()
        columns = snapshot.read(journal, dims, model_key(Params(), tuple(d.name for d in dims)))
        assert columns.known is not None and columns.checkins is None, "the snapshot is stale"
        journal.decisions(status=(Status.PENDING, Status.DECIDED))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="coach foundation benchmarks (ratios to interpreter floors)")
    p.add_argument("--rounds", type=int, default=15, help="interleaved rounds; medians are reported (default 15)")
    p.add_argument("--home", metavar="DIR", help="use the 10-year journal already in DIR (make_journal.py)")
    args = p.parse_args(argv)

    # Byte-compile the package as `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on some CI
    # machines) an editable install would otherwise recompile coach on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "coach")], check=True,
                   stdout=subprocess.DEVNULL)
    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    try:
        if args.home:
            home = Path(args.home).resolve()
        else:
            home = scratch / "home"
            _, written, seconds = build(home)
            print(f"built a 10-year journal: {written['checkins']} check-ins, {written['decisions']} decisions, "
                  f"{written['dimensions']} dimensions in {seconds:.1f} s")
        journal_path = resolve(home).journal
        # COACH_HOME points at the bench journal too, so nothing can reach the user's real one.
        env = {**os.environ, "COACH_HOME": str(home), "NO_COLOR": "1"}
        name, coach, launch = _pick_launcher(env)
        print(f"launcher: {name} ({', '.join(f'{k} {v * 1000:.1f} ms' for k, v in launch.items())} for --version)")

        h = ["--home", str(home)]
        commands: dict[str, list[str]] = {
            "python -c pass": [PY, "-c", "pass"],
            "python -c 'import numpy'": [PY, "-c", "import numpy"],
            "stdlib the CLI needs": [PY, "-c", f"import {STDLIB}"],
            "numpy and the stdlib the CLI needs": [PY, "-c", f"import numpy, {STDLIB}"],
            "coach --version": [*coach, "--version"],
            "coach checkin add": [*coach, *h, "checkin", "add", "-s", "7", "--rate", "career=6", "--note", "bench"],
            "coach status (right after a check-in)": [*coach, *h, "status"],
            "coach status (unchanged journal)": [*coach, *h, "status"],
            "coach export": [*coach, *h, "export", "--format", "json"],
        }
        in_process: dict[str, Callable[[], None]] = {
            "open + read journal": lambda: _read_snapshot(journal_path),
            "open + read journal afresh (a snapshot rebuild)": lambda: _read_columns(journal_path),
            "open + read every record as objects": lambda: _read_all(journal_path),
            "open + read check-ins": lambda: _read_checkins(journal_path),
        }
        failed: dict[str, int] = {}
        for label, cmd in commands.items():  # warm-up: page cache, .pyc files, the day's backup
            rc = _timed_run(cmd, env)[1]
            if rc != 0:
                failed[label] = rc
        for fn in in_process.values():
            fn()

        samples: dict[str, list[float]] = {label: [] for label in [*commands, *in_process]}
        for _ in range(args.rounds):
            for label, cmd in commands.items():
                if label not in failed:
                    samples[label].append(_timed_run(cmd, env)[0])
            for label, fn in in_process.items():
                started = time.perf_counter()
                fn()
                samples[label].append(time.perf_counter() - started)
        med = {label: statistics.median(s) * 1000 for label, s in samples.items() if s}

        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.system()}; medians of {args.rounds} interleaved rounds")
        print()
        print("| benchmark | median | floor | ratio | goal | |")
        print("|---|---:|---:|---:|---|---|")
        pass_floor, numpy_floor = med["python -c pass"], med["python -c 'import numpy'"]
        print(f"| python -c pass (floor) | {pass_floor:.1f} ms | | | | |")
        print(f"| python -c 'import numpy' (floor) | {numpy_floor:.1f} ms | | | | |")
        stdlib = med["stdlib the CLI needs"]
        print(f"| stdlib the CLI imports (argparse, sqlite3, json, ...) | {stdlib:.1f} ms | {pass_floor:.1f} ms | "
              f"{stdlib / pass_floor:.2f}× | | (floor of any such CLI) |")
        goals = [("coach --version", pass_floor, 3.0), ("coach checkin add", pass_floor, 3.0),
                 ("coach export", pass_floor, 3.0), ("coach status (unchanged journal)", numpy_floor, 1.3),
                 ("coach status (right after a check-in)", numpy_floor, 1.3)]
        both = med["numpy and the stdlib the CLI needs"]
        print(f"| numpy and the stdlib the CLI imports | {both:.1f} ms | {numpy_floor:.1f} ms | "
              f"{both / numpy_floor:.2f}× | | (floor of status after a change) |")
        for label, floor, goal in goals:
            if label in failed:
                print(f"| {label} | failed (exit {failed[label]}) | {floor:.1f} ms | | ≤ {goal:g}× | n/a |")
                continue
            ratio = med[label] / floor
            print(f"| {label} | {med[label]:.1f} ms | {floor:.1f} ms | {ratio:.2f}× | ≤ {goal:g}× | "
                  f"{'ok' if ratio <= goal else 'MISS'} |")
        for label, goal_ms in (("open + read journal", 50.0), ("open + read journal afresh (a snapshot rebuild)", None),
                               ("open + read every record as objects", None),
                               ("open + read check-ins", None)):
            verdict = "" if goal_ms is None else ("ok" if med[label] < goal_ms else "MISS")
            goal_text = "" if goal_ms is None else f"< {goal_ms:g} ms"
            print(f"| {label} (in-process) | {med[label]:.1f} ms | | | {goal_text} | {verdict} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
