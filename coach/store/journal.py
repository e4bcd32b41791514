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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from coach.domain.models import CheckIn, Decision, Dimension, Outcome, Result, Status, new_id
from coach.domain.timefmt import from_iso, to_iso
from coach.errors import JournalError
from coach.paths import private_dir, private_file
from coach.store import schema

BUSY_TIMEOUT_MS = 10_000

_DECISION_COLUMNS = (
    "id, title, options, sizing, magnitude, budget_seconds, spent_seconds, status, created_at, deadline, "
    "decided_at, choice, coach_picked, confidence, review_on, outcome_result, outcome_delta, outcome_again, "
    "outcome_note, reviewed_at"
)


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
            raise JournalError(
                f"{path}: the journal is damaged or not a journal ({err}). {restore_hint(path)}"
            ) from None
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
        except sqlite3.OperationalError as err:
            raise JournalError(f"{path}: cannot write to the journal ({err}). {restore_hint(path)}") from None
        except sqlite3.DatabaseError as err:
            raise JournalError(f"{path}: the journal is damaged ({err}). {restore_hint(path)}") from None

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
    def get_meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                      (key, value, value))

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
        with self.transaction() as c:
            ids = self.ensure_dimensions(checkin.ratings)
            c.execute(
                "INSERT INTO checkins (id, at, ts, satisfaction, note) VALUES (?, ?, ?, ?, ?)",
                (checkin.id, to_iso(checkin.at), checkin.at.timestamp(), checkin.satisfaction, checkin.note),
            )
            c.executemany(
                "INSERT INTO ratings (checkin_id, dimension_id, value) VALUES (?, ?, ?)",
                [(checkin.id, ids[name], value) for name, value in checkin.ratings.items()],
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

    def delete_checkin(self, checkin_id: str) -> None:
        with self.transaction() as c:
            self._forget_states_from(c, checkin_id)
            if c.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,)).rowcount != 1:
                raise JournalError(f"no check-in with id {checkin_id}")

    @staticmethod
    def _forget_states_from(c: sqlite3.Connection, checkin_id: str) -> None:
        row = c.execute("SELECT ts FROM checkins WHERE id = ?", (checkin_id,)).fetchone()
        if row is not None:
            c.execute("DELETE FROM states WHERE checkin_id IN (SELECT id FROM checkins WHERE ts >= ?)", row)

    def checkins(self, *, since: float | None = None, until: float | None = None) -> list[CheckIn]:
        """Check-ins oldest first, optionally within Unix-time bounds ``[since, until)``."""
        where, args = self._range(since, until)
        names = {d.id: d.name for d in self.dimensions(include_archived=True)}
        ratings: dict[str, dict[str, float]] = {}
        for cid, did, value in self._conn.execute(
            "SELECT r.checkin_id, r.dimension_id, r.value FROM ratings r JOIN checkins c ON c.id = r.checkin_id"
            + where, args
        ):
            ratings.setdefault(cid, {})[names[did]] = value
        order = list(names.values())
        return [
            CheckIn(id=r[0], at=from_iso(r[1]), satisfaction=r[2], note=r[3],
                    ratings=self._ordered(ratings.get(r[0], {}), order))
            for r in self._conn.execute(
                "SELECT c.id, c.at, c.satisfaction, c.note FROM checkins c" + where + " ORDER BY c.ts, c.id", args
            )
        ]

    @staticmethod
    def _ordered(ratings: dict[str, float], order: list[str]) -> dict[str, float]:
        """Ratings in dimension order, so exports and screens list them the same way every time."""
        return {name: ratings[name] for name in order if name in ratings} if len(ratings) > 1 else ratings

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
            c.execute(
                f"INSERT INTO decisions ({_DECISION_COLUMNS}, created_ts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._decision_row(decision), decision.created_at.timestamp()),
            )
            self._write_effects(c, decision)
        return decision

    def update_decision(self, decision: Decision) -> None:
        """Save every field of an existing decision in one transaction."""
        row = self._decision_row(decision)
        assignments = ", ".join(f"{col.strip()} = ?" for col in _DECISION_COLUMNS.split(",")[1:])
        with self.transaction() as c:
            if c.execute(f"UPDATE decisions SET {assignments} WHERE id = ?", (*row[1:], row[0])).rowcount != 1:
                raise JournalError(f"no decision with id {decision.id}")
            c.execute("DELETE FROM effects WHERE decision_id = ?", (decision.id,))
            self._write_effects(c, decision)

    def add_deliberation(self, decision_id: str, seconds: float) -> None:
        """Add one session's deliberation time; sessions add up across app runs."""
        with self.transaction() as c:
            c.execute("UPDATE decisions SET spent_seconds = spent_seconds + ? WHERE id = ?",
                      (max(0.0, seconds), decision_id))

    def _write_effects(self, c: sqlite3.Connection, decision: Decision) -> None:
        if decision.effects:
            ids = self.ensure_dimensions(decision.effects)
            c.executemany(
                "INSERT INTO effects (decision_id, dimension_id, effect) VALUES (?, ?, ?)",
                [(decision.id, ids[name], int(v)) for name, v in decision.effects.items()],
            )

    @staticmethod
    def _decision_row(d: Decision) -> tuple[object, ...]:
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
        names = {d.id: d.name for d in self.dimensions(include_archived=True)}
        effects: dict[str, dict[str, int]] = {}
        for did, dim, value in self._conn.execute("SELECT decision_id, dimension_id, effect FROM effects"):
            effects.setdefault(did, {})[names[dim]] = value
        rows = self._conn.execute(
            f"SELECT {_DECISION_COLUMNS} FROM decisions{where} ORDER BY created_ts, id", args
        ).fetchall()
        return [self._decision(r, effects.get(r[0], {})) for r in rows]

    def get_decision(self, decision_id: str) -> Decision | None:
        row = self._conn.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        if row is None:
            return None
        names = {d.id: d.name for d in self.dimensions(include_archived=True)}
        effects = {
            names[dim]: v
            for dim, v in self._conn.execute("SELECT dimension_id, effect FROM effects WHERE decision_id = ?",
                                             (decision_id,))
        }
        return self._decision(row, effects)

    @staticmethod
    def _decision(r: tuple, effects: dict[str, int]) -> Decision:
        outcome = None
        if r[15] is not None:
            outcome = Outcome(result=Result(r[15]), satisfaction_change=r[16],
                              again=None if r[17] is None else bool(r[17]), note=r[18] or "",
                              reviewed_at=_dt(r[19]))
        return Decision(
            id=r[0], title=r[1], options=json.loads(r[2]), sizing=json.loads(r[3]), magnitude=r[4],
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
