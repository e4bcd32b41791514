"""``coach --demo [--seed N]``: the app on a generated sample journal in a throwaway folder.

Why a temporary home and not a flag on the real journal: the demo must never mix sample entries into a
person's diary, nor read their config. The demo home is made with ``mkdtemp`` (0700, only this user can
read it), used as an explicit ``--home`` (which wins over ``COACH_HOME``), and deleted when the app closes.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import tempfile
from datetime import date
from pathlib import Path

from coach.domain.demo import write_demo
from coach.paths import resolve
from coach.store.journal import Journal


def make_demo_home(seed: int = 7, today: date | None = None) -> Path:
    """Create a private temporary coach home holding the demo journal for ``seed``; return its path.

    The caller owns the folder and removes it (``run_demo`` does so when the app closes).
    """
    home = Path(tempfile.mkdtemp(prefix="coach-demo-"))  # mkdtemp makes it 0700
    try:
        with Journal.open(resolve(home).journal) as journal:
            write_demo(journal, seed, today)
    except BaseException:
        shutil.rmtree(home, ignore_errors=True)
        raise
    return home


def run_demo(args: argparse.Namespace) -> int:
    """Build the demo home, open the app on it, and delete it afterwards whatever happens."""
    from coach.cli import SCREENS, run_tui
    from coach.session import Session

    seed = getattr(args, "seed", 7)
    home = make_demo_home(seed)
    print(f"coach demo (seed {seed}): sample journal in {home} (temporary, deleted when you quit)")
    command = getattr(args, "command", None)
    # A closed terminal (SIGHUP) or a kill (SIGTERM) would otherwise skip the clean-up below.
    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, _exit_on_signal)
    try:
        return run_tui(Session.load(home), command if command in SCREENS else "home")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
