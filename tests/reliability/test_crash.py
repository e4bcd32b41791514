"""Nothing is lost: SIGKILL at random moments, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from coach.session import Session

ROOT = Path(__file__).resolve().parents[2]
KILLS = 100


def _spawn(home: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.writer", str(home), str(seed)],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)


def _journal_ids(home: Path) -> set[str]:
    with Session.load(home).open_journal(backup=False) as j:
        assert j.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in j.connection.execute("SELECT id FROM checkins UNION SELECT id FROM decisions")}


def test_sigkill_never_loses_an_acknowledged_write(coach_home: Path) -> None:
    Session.load(coach_home).open_journal().close()
    rnd = random.Random(2026)
    acked: set[str] = set()
    for k in range(KILLS):
        proc = _spawn(coach_home, k)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rnd.uniform(0.0, 0.08)
        while time.monotonic() < deadline:
            line = proc.stdout.readline().strip()
            if line:
                acked.add(line)
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        acked.update(x for x in rest.split() if x)  # written before the kill: acknowledged too
        if k % 20 == 19:
            assert acked <= _journal_ids(coach_home)
    stored = _journal_ids(coach_home)
    assert len(acked) > KILLS  # the writers really wrote between kills
    assert acked <= stored
    # a writer may have committed one more row that it had no time to acknowledge, never less
    assert len(stored - acked) <= KILLS


def test_two_processes_writing_at_once_lose_nothing(coach_home: Path) -> None:
    Session.load(coach_home).open_journal().close()
    procs = [_spawn(coach_home, seed) for seed in (1, 2)]
    acked: set[str] = set()
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    for p in procs:
        p.send_signal(signal.SIGTERM)
    for p in procs:
        out, _ = p.communicate()
        acked.update(x for x in out.split() if x and x != "ready")
    assert len(acked) > 50
    assert acked <= _journal_ids(coach_home)


def test_the_journal_stays_a_valid_sqlite_file_after_kills(coach_home: Path) -> None:
    Session.load(coach_home).open_journal().close()
    for k in range(5):
        proc = _spawn(coach_home, 500 + k)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.05)
        proc.kill()
        proc.wait()
    conn = sqlite3.connect(Session.load(coach_home).paths.journal)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
