"""Damaged, foreign or unwritable journals and a full disk: a clear message, a non-zero exit, the journal file
never modified, and the way back through ``coach restore``."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from coach.store import schema
from tests.clihelp import coach


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(coach_home: Path) -> Path:
    for k in range(40):
        assert coach(coach_home, "checkin", "add", "-s", str(k % 11), "--rate", "career=5", "--note", "n" * 500,
                     "--at", f"2025-{1 + k // 4:02d}-{1 + 7 * (k % 4):02d}").returncode == 0
    # fold the WAL into the main file so the file alone is the whole journal
    conn = sqlite3.connect(coach_home / "data" / "journal.sqlite3")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return coach_home / "data" / "journal.sqlite3"


def _assert_refused(home: Path, journal: Path, *, needle: str = "restore") -> None:
    before = _digest(journal)
    for cmd in (["status"], ["checkin", "add", "-s", "5"], ["export"]):
        res = coach(home, *cmd)
        assert res.returncode != 0, cmd
        assert needle in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert _digest(journal) == before


def test_truncated_journal(coach_home: Path, filled: Path) -> None:
    data = filled.read_bytes()
    filled.write_bytes(data[: len(data) // 2])
    _assert_refused(coach_home, filled)


def test_zeroed_pages_in_the_middle(coach_home: Path, filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    data[4096:4096 * 3] = b"\x00" * 8192
    filled.write_bytes(bytes(data))
    _assert_refused(coach_home, filled)


def test_journal_from_a_newer_coach(coach_home: Path, filled: Path) -> None:
    conn = sqlite3.connect(filled)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT + 5}")
    conn.close()
    _assert_refused(coach_home, filled, needle="newer coach")


def test_some_other_sqlite_file(coach_home: Path) -> None:
    journal = coach_home / "data" / "journal.sqlite3"
    journal.parent.mkdir(parents=True)
    conn = sqlite3.connect(journal)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    _assert_refused(coach_home, journal, needle="not a coach journal")


def test_restore_from_backup_after_damage(coach_home: Path, filled: Path) -> None:
    (coach_home / "data" / "backups" / "journal-2025-01-01.sqlite3").unlink(missing_ok=True)
    shutil.copy(filled, coach_home / "data" / "backups" / "journal-2000-01-01.sqlite3")
    filled.write_bytes(b"\x00" * 4096)
    assert coach(coach_home, "status").returncode != 0
    res = coach(coach_home, "restore", "2000-01-01")
    assert res.returncode == 0, res.stderr
    assert '"checkins": 40' in coach(coach_home, "status", "--json").stdout


@pytest.fixture
def nobody_home() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user")
    try:
        subprocess.run([sys.executable, "-c", "import coach"], preexec_fn=_as_nobody, check=True,
                       capture_output=True, cwd="/")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("the interpreter or the project is not readable by another user here")
    base = Path(tempfile.mkdtemp())
    base.chmod(0o755)
    home = base / "home"
    home.mkdir()
    yield home
    shutil.rmtree(base, ignore_errors=True)


def _as_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def test_read_only_data_dir(nobody_home: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(nobody_home)}
    assert coach(nobody_home, "checkin", "add", "-s", "6").returncode == 0
    for p in [nobody_home, *nobody_home.rglob("*")]:
        os.chown(p, 65534, 65534)
    journal = nobody_home / "data" / "journal.sqlite3"
    (nobody_home / "data").chmod(0o500)
    journal.chmod(0o400)
    before = _digest(journal)
    res = subprocess.run([sys.executable, "-m", "coach", "checkin", "add", "-s", "7"], env=env,
                         capture_output=True, text=True, preexec_fn=_as_nobody, cwd="/")
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "read-only" in res.stderr or "not writable" in res.stderr or "readonly" in res.stderr, res.stderr
    assert _digest(journal) == before


def test_full_disk_saves_nothing_and_says_so(coach_home: Path, filled: Path) -> None:
    limit = filled.stat().st_size + 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    before = coach(coach_home, "status", "--json").stdout
    res = subprocess.run([sys.executable, "-m", "coach", "checkin", "add", "-s", "7", "--note", "x" * 100_000],
                         env={**os.environ, "COACH_HOME": str(coach_home)}, capture_output=True, text=True,
                         preexec_fn=small_disk)
    assert res.returncode == 3 and "Traceback" not in res.stderr, res.stderr
    assert "nothing was changed" in res.stderr.lower()
    assert "restore" not in res.stderr  # the journal is fine: a backup would throw away good data
    assert coach(coach_home, "status", "--json").stdout.split('"coach"')[0] == before.split('"coach"')[0]


def _while_another_writes(home: Path, journal: Path, module: str, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command while another connection holds the journal's write lock (another coach in the middle of a
    long write), with ``module``'s busy timeout cut to 0.3 s so the test does not wait the real 10 s."""
    holder = sqlite3.connect(journal, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        return subprocess.run([sys.executable, "-c", (
            f"import {module} as m; m.BUSY_TIMEOUT_MS = 300; "
            f"from coach.cli import main; raise SystemExit(main({argv!r}))")],
            env={**os.environ, "COACH_HOME": str(home)}, capture_output=True, text=True, timeout=60)
    finally:
        holder.rollback()
        holder.close()


def test_a_busy_journal_says_so_and_does_not_send_to_a_backup(coach_home: Path, filled: Path) -> None:
    """A long import held the journal; the check-in waiting for it was told to restore a backup."""
    res = _while_another_writes(coach_home, filled, "coach.store.journal", ["checkin", "add", "-s", "5"])
    assert res.returncode == 3 and "another coach is writing" in res.stderr, res.stderr
    assert "restore" not in res.stderr and "Traceback" not in res.stderr


def test_bad_config_exits_2_and_is_not_rewritten(coach_home: Path) -> None:
    coach_home.mkdir(parents=True, exist_ok=True)
    cfg = coach_home / "config.toml"
    cfg.write_text("[budget]\nsmallest = -5\n")
    res = coach(coach_home, "status")
    assert res.returncode == 2 and "budget.smallest" in res.stderr
    assert cfg.read_text() == "[budget]\nsmallest = -5\n"


def test_restore_while_coach_has_the_journal_open_keeps_its_later_saves(coach_home: Path, filled: Path) -> None:
    """The journal used to be swapped: an open coach then saved into the old file, set aside."""
    from datetime import datetime

    from coach.domain.models import CheckIn
    from coach.store.journal import Journal

    backup = coach_home / "data" / "backups" / "journal-2000-01-01.sqlite3"
    shutil.copy(filled, backup)
    app = Journal.open(filled)  # as the app holds it
    try:
        app.add_checkin(CheckIn(at=datetime(2025, 12, 1, tzinfo=UTC), satisfaction=1, note="lost?"))
        res = coach(coach_home, "restore", "2000-01-01")
        assert res.returncode == 0, res.stderr
        app.add_checkin(CheckIn(at=datetime(2025, 12, 2, tzinfo=UTC), satisfaction=2, note="after"))
    finally:
        app.close()
    with Journal.open(filled) as journal:
        notes = [c.note for c in journal.checkins()]
    assert len(notes) == 41 and notes[-1] == "after" and "lost?" not in notes  # the backup, then the new save
    kept = next((coach_home / "data").glob("journal.sqlite3.replaced-*"))
    with Journal.open(kept) as before:
        assert [c.note for c in before.checkins()][-1] == "lost?"  # the journal as it was, kept whole


@pytest.mark.parametrize("make", ["itself", "empty", "foreign", "newer", "damaged"])
def test_restore_refuses_what_is_not_a_good_backup(coach_home: Path, filled: Path, make: str) -> None:
    bad = coach_home / "bad.sqlite3"
    if make == "itself":
        bad = filled
    elif make == "empty":
        bad.write_bytes(b"")
    elif make == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE photos (id INTEGER)")
        conn.close()
    elif make == "newer":
        shutil.copy(filled, bad)
        conn = sqlite3.connect(bad)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    else:
        bad.write_bytes(filled.read_bytes()[:8192])
    before = _digest(filled)
    res = coach(coach_home, "restore", str(bad))
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    assert _digest(filled) == before
    assert '"checkins": 40' in coach(coach_home, "status", "--json").stdout


def test_restore_takes_a_date_exactly_and_works_in_a_new_home(coach_home: Path, filled: Path,
                                                              tmp_path: Path) -> None:
    shutil.copy(filled, coach_home / "data" / "backups" / "journal-2000-01-01.sqlite3")
    assert coach(coach_home, "restore", "2").returncode == 2  # matched any backup with a 2 in its name
    new_home = tmp_path / "new-machine"
    res = coach(new_home, "restore", str(coach_home / "data" / "backups" / "journal-2000-01-01.sqlite3"))
    assert res.returncode == 0 and "kept as" not in res.stdout, res.stderr
    assert '"checkins": 40' in coach(new_home, "status", "--json").stdout
    assert (new_home.stat().st_mode & 0o777) == 0o700  # the new home holds the config: private


def test_restore_gives_up_on_a_journal_held_by_another_writer(coach_home: Path, filled: Path) -> None:
    """Python retries a busy backup step forever: restore hung for as long as another coach held the lock."""
    shutil.copy(filled, coach_home / "data" / "backups" / "journal-2000-01-01.sqlite3")
    res = _while_another_writes(coach_home, filled, "coach.store.backup", ["restore", "2000-01-01"])
    assert res.returncode == 3 and "another coach is writing" in res.stderr, res.stderr
    assert "Nothing was restored" in res.stderr
