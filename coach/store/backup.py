"""Daily backups with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot even while another coach is writing. One file a day, the last
``KEEP`` kept; a backup is written to a temporary name and renamed, so a crash never leaves half a backup
that looks whole.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from coach.errors import JournalError
from coach.paths import private_dir, private_file

KEEP = 7
PREFIX = "journal-"
SUFFIX = ".sqlite3"


def backups(folder: Path) -> list[Path]:
    """Existing backups, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))


def backup_if_due(conn: sqlite3.Connection, folder: Path, today: date | None = None) -> Path | None:
    """Write today's backup unless it exists; prune to the newest ``KEEP``. Returns the new file, if any."""
    day = today or date.today()
    target = folder / f"{PREFIX}{day.isoformat()}{SUFFIX}"
    if target.exists():
        return None
    try:
        private_dir(folder)
        tmp = target.with_suffix(".tmp")
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        private_file(tmp)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        return None  # a backup is a courtesy: never fail the user's action because of it
    for old in backups(folder)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def restore(journal: Path, backup: Path) -> Path:
    """Put ``backup`` in place of ``journal``; the current journal is kept beside it. Returns its new name."""
    try:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            check.close()
    except sqlite3.DatabaseError as err:
        raise JournalError(f"{backup}: not a usable backup ({err})") from None
    if not ok:
        raise JournalError(f"{backup}: this backup fails SQLite's integrity check; pick another")
    kept = journal.with_name(f"{journal.name}.replaced-{date.today().isoformat()}")
    n = 1
    while kept.exists():
        n += 1
        kept = journal.with_name(f"{journal.name}.replaced-{date.today().isoformat()}-{n}")
    if journal.exists():
        os.replace(journal, kept)
    for extra in ("-wal", "-shm"):
        side = journal.with_name(journal.name + extra)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + extra))
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dest = sqlite3.connect(journal)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    private_file(journal)
    return kept
