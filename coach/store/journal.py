"""The journal: check-ins, decisions and dimensions in one SQLite file.

Why it is safe: WAL mode (readers never block the writer, a crash rolls back to the last commit),
``synchronous=FULL`` (an acknowledged commit survives power loss), foreign keys on, a busy timeout so two
coach processes wait for each other instead of failing, and every public write method is one
``BEGIN IMMEDIATE`` transaction: it either lands whole or not at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from coach.domain.models import CheckIn, Decision, Dimension, Outcome, Result, Status, new_id
from coach.domain.timefmt import from_iso, to_iso
from coach.errors import JournalError
from coach.paths import private_dir, private_file
from coach.store import schema

BUSY_TIMEOUT_MS = 10_000

_DECISION_COLUMNS = (
    "id, title, options, sizing, magnitude, budget_seconds, spent_seconds, status, created_at, deadline, "
    "decided_at, choice, coach_picked, confidence, review_on, outcome_result, outcome_delta, outcome_again, "
    "outcome_note, reviewed_at, effects"
)

# Local calendar day (fractional days since 1970-01-01) of an ISO timestamp stored with its offset: the
# julianday of its wall-clock part, so a check-in at 21:00 counts on the day the person lived it.
LOCAL_DAY = "julianday(substr({col}, 1, 19)) - 2440587.5"


class Series(NamedTuple):
    ids: list[str]
    days: list[float]
    satisfaction: list[float]
    ratings: list[list[float | None]]  # one row per check-in, in the order of the dimension ids asked for
    ts: list[float]  # Unix seconds, the order the rows come in (with the id)
    last_row: int  # the highest rowid read: a later read of the rows after it finds the check-ins added since


class StepSeries(NamedTuple):
    days: list[float]
    sizes: list[int]
    outcomes: list[float | None]
    effects: list[list[int | None]]  # one row per decision, in the order of the dimension ids asked for


def _pick(blobs: Iterable[str], keys: Sequence[str]) -> list[list[Any]]:
    """Stored {dimension id: value} objects as rows in ``keys`` order, decoded in one parse."""
    return [[item.get(k) for k in keys] for item in json.loads("[" + ",".join(blobs) + "]")]


def _by_id(values: dict[str, float] | dict[str, int], ids: dict[str, str]) -> str:
    return json.dumps({ids[name]: value for name, value in values.items()}, separators=(",", ":"))


def busy(path: Path, outcome: str) -> str:
    """The message for a journal another coach kept locked for longer than any command waits."""
    return (f"{path}: another coach is writing to the journal and did not finish within {BUSY_TIMEOUT_MS // 1000} s;"
            f" try again when it is done. {outcome}")


def trouble(err: sqlite3.Error, path: Path) -> str:
    """What an SQLite error means for the person and what to do. Only a damaged journal calls for a backup:
    pointing someone whose journal is merely busy, or whose disk is full, at ``coach restore`` would have them
    throw away good data."""
    name, text = getattr(err, "sqlite_errorname", "") or "", str(err)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "is locked" in text:
        return busy(path, "Nothing was changed.")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"{path}: the disk is full; free some space and try again. Nothing was changed."
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return f"{path}: the journal cannot be written here ({text}); nothing was changed."
    if name.startswith("SQLITE_IOERR") or "I/O error" in text:
        return (f"{path}: the disk failed to read or write the journal ({text}): is it full, gone or failing? "
                "Nothing was changed; try again once that is fixed.")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return f"{path}: the journal is damaged ({text}). {restore_hint(path)}"
    return f"{path}: the journal could not be read or written ({text}); nothing was changed."


def restore_hint(path: Path) -> str:
    return (
        f"Your backups are in {path.parent / 'backups'}; `coach restore` lists them and "
        "`coach restore FILE` puts one back (the damaged journal is kept beside it)."
    )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_iso(moment)


def _dt(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


class Journal:
    """An open journal. Use as a context manager, or call :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._depth = 0

    # -- opening ---------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Journal:
        """Open (and create or upgrade) the journal at ``path``.

        Refuses, with a message that says how to restore, a file that is not a coach journal, is damaged,
        or was written by a newer coach; such a file is never modified.
        """
        exists = path.exists()
        if not exists and not create:
            raise JournalError(f"{path}: no journal here yet")
        if not exists:
            private_dir(path.parent)
            if not os.access(path.parent, os.W_OK):
                raise JournalError(f"{path.parent}: the data folder is not writable, so no journal can be made")
        elif not os.access(path, os.R_OK):
            raise JournalError(f"{path}: the journal is not readable by you")
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as err:
            raise JournalError(f"{path}: cannot open the journal: {err}") from None
        try:
            cls._check_and_configure(conn, path, exists)
        except BaseException:
            conn.close()
            raise
        private_file(path)
        return cls(conn, path)

    @staticmethod
    def _check_and_configure(conn: sqlite3.Connection, path: Path, exists: bool) -> None:
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            found = schema.version(conn)
            if exists and found == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise JournalError(f"{path}: this SQLite file is not a coach journal. {restore_hint(path)}")
        except sqlite3.DatabaseError as err:
            raise JournalError(trouble(err, path)) from None
        if found > schema.CURRENT:
            raise JournalError(
                f"{path}: this journal was written by a newer coach (schema {found}, this coach knows up to "
                f"{schema.CURRENT}). Upgrade coach; the journal was not changed."
            )
        try:
            if exists and not os.access(path, os.W_OK):
                raise JournalError(f"{path}: the journal is read-only; coach needs to write to it")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if found < schema.CURRENT:
                schema.migrate(conn)
        except sqlite3.DatabaseError as err:
            raise JournalError(trouble(err, path)) from None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for the analytics' bulk reads and for tests."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one so a user action stays atomic."""
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self._conn
        except BaseException:
            self._conn.rollback()
            raise
        else:
            self._conn.commit()
        finally:
            self._depth = 0

    # -- meta ------------------------------------------------------------------------------------------
    def revision(self) -> int:
        """Bumped by every change to check-ins, decisions or dimensions (schema triggers)."""
        return int(self.get_meta("revision") or 0)

    def get_meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                      (key, value, value))

    def epochs(self) -> tuple[int, int]:
        """(history, steps): bumped when a check-in is edited or deleted, and when a decision changes as a
        step (schema triggers). Derived columns stay valid while they stand still."""
        found = dict(self._conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('history_epoch', 'steps_epoch')").fetchall())
        return int(found.get("history_epoch", 0)), int(found.get("steps_epoch", 0))

    def last_checkin_row(self) -> int:
        """The highest check-in rowid: with the history epoch, it says whether the check-ins are as read."""
        return int(self._conn.execute("SELECT coalesce(max(rowid), 0) FROM checkins").fetchone()[0])

    def snapshots(self, prefix: str) -> dict[str, bytes]:
        """Derived blobs (``coach.snapshot``) stored under names that start with ``prefix``."""
        rows = self._conn.execute("SELECT name, data FROM snapshots WHERE substr(name, 1, ?) = ?",
                                  (len(prefix), prefix)).fetchall()
        return {name: bytes(data) for name, data in rows}

    def put_snapshots(self, blobs: dict[str, bytes], *, replacing: str | None = None) -> None:
        """Store derived blobs by name; with ``replacing``, the others under that prefix go (one transaction)."""
        with self.transaction() as c:
            if replacing is not None:
                c.execute("DELETE FROM snapshots WHERE substr(name, 1, ?) = ?", (len(replacing), replacing))
            c.executemany("INSERT INTO snapshots (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
                          "data = excluded.data", blobs.items())

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads that see one state of the journal (one read transaction), even while another
        process writes; inside another transaction they already do."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.commit()

    # -- dimensions ------------------------------------------------------------------------------------
    def dimensions(self, *, include_archived: bool = False) -> list[Dimension]:
        sql = "SELECT id, name, position, target, archived FROM dimensions"
        if not include_archived:
            sql += " WHERE archived = 0"
        return [
            Dimension(id=r[0], name=r[1], position=r[2], target=r[3], archived=bool(r[4]))
            for r in self._conn.execute(sql + " ORDER BY position, name")
        ]

    def ensure_dimensions(self, names: Iterable[str]) -> dict[str, str]:
        """Make sure each name exists (case-insensitively; un-archiving none); return name → id."""
        wanted = [n.strip() for n in names if n.strip()]
        with self.transaction() as c:
            rows = c.execute("SELECT id, name, position FROM dimensions").fetchall()
            by_name = {r[1].lower(): r[0] for r in rows}
            position = max((r[2] for r in rows), default=-1)
            for name in wanted:
                if name.lower() not in by_name:
                    position += 1
                    dim_id = new_id()
                    c.execute("INSERT INTO dimensions (id, name, position) VALUES (?, ?, ?)",
                              (dim_id, name, position))
                    by_name[name.lower()] = dim_id
        return {name: by_name[name.lower()] for name in wanted}

    def put_dimension(self, dim: Dimension) -> None:
        """Insert or update a dimension by id (import and the settings screen use this)."""
        with self.transaction() as c:
            c.execute(
                "INSERT INTO dimensions (id, name, position, target, archived) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, "
                "target = excluded.target, archived = excluded.archived",
                (dim.id, dim.name, dim.position, dim.target, int(dim.archived)),
            )

    def rename_dimension(self, old: str, new: str) -> None:
        with self.transaction() as c:
            if c.execute("UPDATE dimensions SET name = ? WHERE name = ?", (new, old)).rowcount != 1:
                raise JournalError(f"no dimension named {old!r}")

    def set_archived(self, name: str, archived: bool = True) -> None:
        with self.transaction() as c:
            if c.execute("UPDATE dimensions SET archived = ? WHERE name = ?", (int(archived), name)).rowcount != 1:
                raise JournalError(f"no dimension named {name!r}")

    def set_target(self, name: str, target: float | None) -> None:
        with self.transaction() as c:
            if c.execute("UPDATE dimensions SET target = ? WHERE name = ?", (target, name)).rowcount != 1:
                raise JournalError(f"no dimension named {name!r}")

    # -- check-ins -------------------------------------------------------------------------------------
    def add_checkin(self, checkin: CheckIn) -> CheckIn:
        """Record a check-in (new dimensions named in its ratings are added) in one transaction."""
        for name, value in checkin.ratings.items():
            if not 0 <= value <= 10:
                raise ValueError(f"rating for {name!r} must be 0-10, not {value!r}")
        with self.transaction() as c:
            ids = self.ensure_dimensions(checkin.ratings)
            c.execute(
                "INSERT INTO checkins (id, at, ts, satisfaction, note, ratings) VALUES (?, ?, ?, ?, ?, ?)",
                (checkin.id, to_iso(checkin.at), checkin.at.timestamp(), checkin.satisfaction, checkin.note,
                 _by_id(checkin.ratings, ids)),
            )
        return checkin

    def update_checkin(self, checkin: CheckIn) -> None:
        """Replace a check-in's contents; the coach's states from it onwards become stale."""
        with self.transaction() as c:
            if c.execute("SELECT 1 FROM checkins WHERE id = ?", (checkin.id,)).fetchone() is None:
                raise JournalError(f"no check-in with id {checkin.id}")
            self._forget_states_from(c, checkin.id)
            c.execute("DELETE FROM checkins WHERE id = ?", (checkin.id,))
            self.add_checkin(checkin)
            self._forget_states_from(c, checkin.id)  # its new place may come earlier

    def delete_checkin(self, checkin_id: str) -> None:
        with self.transaction() as c:
            self._forget_states_from(c, checkin_id)
            if c.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,)).rowcount != 1:
                raise JournalError(f"no check-in with id {checkin_id}")

    @staticmethod
    def _forget_states_from(c: sqlite3.Connection, checkin_id: str) -> None:
        """Drop the coach's states from this check-in on, in the order they are computed in: local day,
        then instant and id (across time zones the local days and the instants disagree)."""
        c.execute(
            "DELETE FROM states WHERE checkin_id IN (SELECT c.id FROM checkins c, checkins x WHERE x.id = ? AND "
            f"({LOCAL_DAY.format(col='c.at')}, c.ts, c.id) >= ({LOCAL_DAY.format(col='x.at')}, x.ts, x.id))",
            (checkin_id,))

    def checkins(self, *, since: float | None = None, until: float | None = None) -> list[CheckIn]:
        """Check-ins oldest first, optionally within Unix-time bounds ``[since, until)``."""
        where, args = self._range(since, until)
        rows = self._conn.execute(
            "SELECT c.id, c.at, c.satisfaction, c.note, c.ratings FROM checkins c" + where + " ORDER BY c.ts, c.id",
            args,
        ).fetchall()
        ratings = self._named(r[4] for r in rows)
        return [CheckIn(id=r[0], at=from_iso(r[1]), satisfaction=r[2], note=r[3], ratings=rated)
                for r, rated in zip(rows, ratings, strict=True)]

    def _named(self, blobs: Iterable[str]) -> list[dict[str, float]]:
        """Decode stored {dimension id: value} objects into {name: value} in dimension order, in one parse."""
        dims = self.dimensions(include_archived=True)
        decoded = json.loads("[" + ",".join(blobs) + "]")
        return [{d.name: item[d.id] for d in dims if d.id in item} if item else {} for item in decoded]

    def series(self, dimension_ids: Sequence[str], *, after_row: int = 0) -> Series:
        """The check-ins as columns, oldest first: ids, local days, satisfaction, and a row of ratings in the
        order of ``dimension_ids`` (None where skipped); ``after_row`` reads only those stored after that row.

        For the analytics and the charts: one scan and one JSON parse for all the ratings; no objects built.
        """
        rows = self._conn.execute(
            f"SELECT id, {LOCAL_DAY.format(col='at')}, satisfaction, ratings, ts, rowid FROM checkins "
            "WHERE rowid > ? ORDER BY ts, id", (after_row,)
        ).fetchall()
        return Series(ids=[r[0] for r in rows], days=[r[1] for r in rows], satisfaction=[r[2] for r in rows],
                      ratings=_pick((r[3] for r in rows), dimension_ids), ts=[r[4] for r in rows],
                      last_row=max((r[5] for r in rows), default=after_row))

    def step_series(self, dimension_ids: Sequence[str]) -> StepSeries:
        """Decided and reviewed decisions as columns: local day decided, size, outcome, and a row of effects in
        the order of ``dimension_ids`` (None where not given)."""
        rows = self._conn.execute(
            f"SELECT {LOCAL_DAY.format(col='decided_at')}, magnitude, outcome_delta, effects FROM decisions "
            "WHERE decided_at IS NOT NULL AND status IN ('decided', 'reviewed') ORDER BY decided_at, id"
        ).fetchall()
        return StepSeries(days=[r[0] for r in rows], sizes=[r[1] for r in rows], outcomes=[r[2] for r in rows],
                          effects=_pick((r[3] for r in rows), dimension_ids))

    @staticmethod
    def _range(since: float | None, until: float | None) -> tuple[str, tuple[float, ...]]:
        clauses, args = [], []
        if since is not None:
            clauses.append("c.ts >= ?")
            args.append(since)
        if until is not None:
            clauses.append("c.ts < ?")
            args.append(until)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(args)

    def get_checkin(self, checkin_id: str) -> CheckIn | None:
        row = self._conn.execute("SELECT ts FROM checkins WHERE id = ?", (checkin_id,)).fetchone()
        if row is None:
            return None
        return next(c for c in self.checkins(since=row[0], until=row[0] + 1e-3) if c.id == checkin_id)

    def last_checkin(self) -> CheckIn | None:
        row = self._conn.execute("SELECT ts FROM checkins ORDER BY ts DESC, id DESC LIMIT 1").fetchone()
        return None if row is None else self.checkins(since=row[0])[-1]

    def checkin_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM checkins").fetchone()[0])

    # -- decisions -------------------------------------------------------------------------------------
    def add_decision(self, decision: Decision) -> Decision:
        with self.transaction() as c:
            row = self._decision_row(decision, self._effect_ids(decision))
            c.execute(
                f"INSERT INTO decisions ({_DECISION_COLUMNS}, created_ts) "
                f"VALUES ({', '.join('?' * (len(row) + 1))})",
                (*row, decision.created_at.timestamp()),
            )
        return decision

    def update_decision(self, decision: Decision) -> None:
        """Save every field of an existing decision in one transaction."""
        assignments = ", ".join(f"{col.strip()} = ?" for col in _DECISION_COLUMNS.split(",")[1:])
        with self.transaction() as c:
            row = self._decision_row(decision, self._effect_ids(decision))
            if c.execute(f"UPDATE decisions SET {assignments} WHERE id = ?", (*row[1:], row[0])).rowcount != 1:
                raise JournalError(f"no decision with id {decision.id}")

    def add_deliberation(self, decision_id: str, seconds: float) -> None:
        """Add one session's deliberation time; sessions add up across app runs."""
        with self.transaction() as c:
            c.execute("UPDATE decisions SET spent_seconds = spent_seconds + ? WHERE id = ?",
                      (max(0.0, seconds), decision_id))

    def _effect_ids(self, decision: Decision) -> dict[str, str]:
        for name, value in decision.effects.items():
            if not -3 <= value <= 3:
                raise ValueError(f"effect on {name!r} must be -3..+3, not {value!r}")
        return self.ensure_dimensions(decision.effects) if decision.effects else {}

    @staticmethod
    def _decision_row(d: Decision, effect_ids: dict[str, str]) -> tuple[object, ...]:
        o = d.outcome
        return (
            d.id, d.title, json.dumps(d.options, ensure_ascii=False), json.dumps(d.sizing, ensure_ascii=False),
            d.magnitude, d.budget_seconds, d.spent_seconds, str(d.status), _iso(d.created_at), _iso(d.deadline),
            _iso(d.decided_at), d.choice, int(d.coach_picked), d.confidence, _iso(d.review_on),
            None if o is None else str(o.result),
            None if o is None else o.satisfaction_change,
            None if o is None or o.again is None else int(o.again),
            None if o is None else o.note,
            None if o is None else _iso(o.reviewed_at),
            _by_id({k: int(v) for k, v in d.effects.items()}, effect_ids),
        )

    def decisions(self, *, status: Status | Iterable[Status] | None = None,
                  since: float | None = None) -> list[Decision]:
        """Decisions oldest first, optionally of some statuses and created since a Unix time."""
        clauses, args = [], []
        if status is not None:
            wanted = [status] if isinstance(status, Status) else list(status)
            clauses.append(f"status IN ({', '.join('?' * len(wanted))})")
            args.extend(str(s) for s in wanted)
        if since is not None:
            clauses.append("created_ts >= ?")
            args.append(since)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return self._decisions_from(self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions{where} ORDER BY created_ts, id", args
        ).fetchall())

    def reviewed_between(self, since: float, until: float) -> list[Decision]:
        """Decisions whose outcome was recorded in ``[since, until)`` (Unix times), however old they are."""
        return self._decisions_from(self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE reviewed_at IS NOT NULL "
            "AND (julianday(reviewed_at) - 2440587.5) * 86400.0 >= ? "
            "AND (julianday(reviewed_at) - 2440587.5) * 86400.0 < ? ORDER BY reviewed_at, id",
            (since - 1, until + 1),  # julianday is a float: a second of slack each side, callers cut exactly
        ).fetchall())

    def review_due(self, at: datetime) -> list[Decision]:
        """Decided steps whose review date is ``at`` or earlier, in one read: a long journal holds thousands
        of decided steps, and only the due ones are wanted."""
        return self._decisions_from(self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE status = 'decided' AND review_on IS NOT NULL "
            "AND julianday(review_on) <= julianday(?) ORDER BY review_on, id", (to_iso(at),)
        ).fetchall())

    def _decisions_from(self, rows: list[tuple]) -> list[Decision]:
        effects = self._named(r[20] for r in rows)
        # one parse per column for all rows: json.loads per field was half the cost of the home screen's read
        options = json.loads("[" + ",".join(r[2] for r in rows) + "]")
        sizings = json.loads("[" + ",".join(r[3] for r in rows) + "]")
        return [self._decision(r, {k: int(v) for k, v in e.items()}, o, z)
                for r, e, o, z in zip(rows, effects, options, sizings, strict=True)]

    def get_decision(self, decision_id: str) -> Decision | None:
        found = self._decisions_from(self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE id = ?", (decision_id,)).fetchall())
        return found[0] if found else None

    @staticmethod
    def _decision(r: tuple, effects: dict[str, int], options: list[str], sizing: dict[str, object]) -> Decision:
        outcome = None
        if r[15] is not None:
            outcome = Outcome(result=Result(r[15]), satisfaction_change=r[16],
                              again=None if r[17] is None else bool(r[17]), note=r[18] or "",
                              reviewed_at=_dt(r[19]))
        return Decision(
            id=r[0], title=r[1], options=options, sizing=sizing, magnitude=r[4],
            budget_seconds=r[5], spent_seconds=r[6], status=Status(r[7]), created_at=from_iso(r[8]),
            deadline=_dt(r[9]), decided_at=_dt(r[10]), choice=r[11], coach_picked=bool(r[12]),
            confidence=r[13], review_on=_dt(r[14]), outcome=outcome, effects=effects,
        )

    def counts(self) -> dict[str, int]:
        c = self._conn
        return {
            "checkins": int(c.execute("SELECT count(*) FROM checkins").fetchone()[0]),
            "decisions": int(c.execute("SELECT count(*) FROM decisions").fetchone()[0]),
            "dimensions": int(c.execute("SELECT count(*) FROM dimensions").fetchone()[0]),
        }
