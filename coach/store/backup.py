"""Daily backups with SQLite's online backup API, and restoring one.

The backup API copies a consistent snapshot even while another coach is writing. One file a day, the last
``KEEP`` kept; a backup is written to a temporary name, checked and renamed, so a crash never leaves half a
backup that looks whole, and a damaged journal never takes the place of a good backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from coach.errors import CoachError, JournalError
from coach.paths import private_dir, private_file
from coach.store.journal import BUSY_TIMEOUT_MS, busy

KEEP = 7
PREFIX = "journal-"
SUFFIX = ".sqlite3"
# What reading a damaged database can raise: sqlite3 decodes SQLite's error text, which a damaged file can fill
# with bytes that are not UTF-8.
UNREADABLE = (sqlite3.Error, UnicodeError)


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
    tmp = target.with_suffix(".tmp")
    try:
        private_dir(folder)
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            # a damaged journal copies faithfully: kept, it would push the good backups out, one a day
            intact = dest.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            dest.close()
        if intact:
            private_file(tmp)
            os.replace(tmp, target)
    except (OSError, *UNREADABLE):
        intact = False  # a backup is a courtesy: never fail the user's action because of it
    if not intact:
        tmp.unlink(missing_ok=True)
        return None
    for old in backups(folder)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def _check_backup(journal: Path, backup: Path) -> None:
    """Refuse anything but an intact coach journal this coach can read, and the journal itself."""
    if journal.exists() and backup.exists() and os.path.samefile(journal, backup):
        raise CoachError(f"{backup}: that is the journal itself; pick a backup (`coach restore` lists them)")
    from coach.store import schema

    try:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            found = schema.version(check)
            tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            check.close()
    except UNREADABLE as err:
        raise CoachError(f"{backup}: not a usable backup ({err})") from None
    if not ok:
        raise CoachError(f"{backup}: this backup fails SQLite's integrity check; pick another")
    if found == 0 or not {"meta", "checkins", "decisions", "dimensions"} <= tables:
        raise CoachError(f"{backup}: this is not a coach journal; pick a backup (`coach restore` lists them)")
    if found > schema.CURRENT:
        raise CoachError(f"{backup}: this backup was written by a newer coach (schema {found}, this coach "
                           f"knows up to {schema.CURRENT}); upgrade coach first")


def _keep_aside(journal: Path) -> Path | None:
    """A copy of the journal as it is, beside it (its name returned; None when there is no journal).

    SQLite's backup API takes a consistent copy even while another coach writes; a journal too damaged for
    it is copied file by file (with its write-ahead log), so whatever it still holds can be recovered."""
    if not journal.exists():
        return None
    day = date.today().isoformat()
    kept, n = journal.with_name(f"{journal.name}.replaced-{day}"), 1
    while kept.exists():
        n += 1
        kept = journal.with_name(f"{journal.name}.replaced-{day}-{n}")
    try:
        _copy_database(f"file:{journal}?mode=ro", kept)
    except UNREADABLE:
        kept.unlink(missing_ok=True)
        for extra in ("", "-wal"):
            side = journal.with_name(journal.name + extra)
            if side.exists():
                shutil.copyfile(side, kept.with_name(kept.name + extra))
                private_file(kept.with_name(kept.name + extra))
    return kept


def _copy_database(source: str, target: Path) -> None:
    """Copy a database with the backup API into ``target`` (0600), which is created or overwritten.

    A coach writing to ``target`` is waited for as long as any command waits; Python would retry a busy step
    forever, so the progress callback gives up then, and nothing is copied."""

    def give_up_when_busy(status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            raise JournalError(busy(target, "Nothing was restored."))

    src = sqlite3.connect(source, uri=True)
    try:
        dest = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dest, progress=give_up_when_busy)
        finally:
            dest.close()
    finally:
        src.close()
    private_file(target)


def restore(journal: Path, backup: Path) -> Path | None:
    """Put ``backup``'s contents in the journal; the journal as it was is kept beside it (its name returned).

    The backup is copied *into* the journal with SQLite's backup API, one transaction: a failure leaves the
    journal as it was, and a coach that has the journal open meanwhile reads and writes the restored one (had
    the file been swapped, its later saves would have gone into the old one, set aside). Only a journal that
    is not a database at all is replaced by a new file, renamed into place."""
    _check_backup(journal, backup)
    private_dir(journal.parent)
    kept = _keep_aside(journal)
    source = f"file:{backup}?mode=ro"
    if _is_database(journal):
        _copy_database(source, journal)
    else:
        fresh = journal.with_name(f"{journal.name}.restoring")
        fresh.unlink(missing_ok=True)
        _copy_database(source, fresh)
        for extra in ("-wal", "-shm"):  # a damaged journal's log must not be replayed over the backup
            journal.with_name(journal.name + extra).unlink(missing_ok=True)
        os.replace(fresh, journal)
    return kept


def _is_database(path: Path) -> bool:
    """Whether ``path`` is an SQLite database (a journal that can be written into in place)."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except UNREADABLE:
        return False
    return True
