"""The journal's schema and its forward migrations.

``PRAGMA user_version`` is the schema version. Each migration upgrades exactly one version inside the
same transaction as the version bump, so a crash mid-upgrade leaves the previous, intact version.
A journal newer than this code is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3

# Ratings and effects live in their row as JSON objects keyed by dimension id: a check-in is written and read
# whole, and reading ten years of check-ins is one scan instead of 30,000 keyed lookups. Dimensions are
# never deleted (only archived), so the ids stay valid.
V1 = """
CREATE TABLE dimensions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    position INTEGER NOT NULL,
    target REAL CHECK (target IS NULL OR target BETWEEN 0 AND 10),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,               -- ISO 8601 with the UTC offset it was entered at
    ts REAL NOT NULL,               -- the same instant as Unix seconds, for ordering
    satisfaction REAL NOT NULL CHECK (satisfaction BETWEEN 0 AND 10),
    note TEXT NOT NULL DEFAULT '',
    ratings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(ratings))  -- {dimension id: 0-10}, skipped ones absent
);
CREATE INDEX checkins_ts ON checkins (ts);
CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    options TEXT NOT NULL DEFAULT '[]',     -- JSON list of strings
    sizing TEXT NOT NULL DEFAULT '{}',      -- JSON: the sizing answers
    magnitude INTEGER NOT NULL CHECK (magnitude BETWEEN 1 AND 5),
    budget_seconds REAL NOT NULL CHECK (budget_seconds > 0),
    spent_seconds REAL NOT NULL DEFAULT 0 CHECK (spent_seconds >= 0),
    status TEXT NOT NULL CHECK (status IN ('pending', 'decided', 'reviewed', 'dropped')),
    created_at TEXT NOT NULL,
    created_ts REAL NOT NULL,
    deadline TEXT,
    decided_at TEXT,
    choice TEXT,
    coach_picked INTEGER NOT NULL DEFAULT 0 CHECK (coach_picked IN (0, 1)),
    confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
    review_on TEXT,
    outcome_result TEXT CHECK (outcome_result IS NULL OR outcome_result IN ('better', 'as_expected', 'worse')),
    outcome_delta REAL,
    outcome_again INTEGER CHECK (outcome_again IS NULL OR outcome_again IN (0, 1)),
    outcome_note TEXT,
    reviewed_at TEXT,
    effects TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(effects))   -- {dimension id: -3..3}
);
CREATE INDEX decisions_status ON decisions (status);
CREATE INDEX decisions_created ON decisions (created_ts);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# v2: the coach's state at each check-in, stored as check-ins arrive so that opening the app never
# recomputes a long history. `model` is the analytics model version + parameter fingerprint the state was
# computed with; a different one marks the whole column stale.
V2 = """
CREATE TABLE states (
    checkin_id TEXT PRIMARY KEY REFERENCES checkins (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    model TEXT NOT NULL
) WITHOUT ROWID;
"""

# v3: a revision number that every change to check-ins, decisions or dimensions bumps (by trigger, so no
# writer can forget it). Derived data such as the coach's cached report is valid for one revision.
_TABLES = ("checkins", "decisions", "dimensions")
V3 = "INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', '0');\n" + "".join(
    f"CREATE TRIGGER {table}_{event.lower()}_bumps AFTER {event} ON {table} BEGIN "
    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'; END;\n"
    for table in _TABLES for event in ("INSERT", "UPDATE", "DELETE")
)

# v4: derived columns kept between runs (``coach.snapshot``), and two epochs that say when they go stale.
# Appending a check-in leaves the history's epoch alone (a reader extends the columns with the rows after the
# last one it holds); editing or deleting one bumps it. The steps' epoch moves with any change to what makes a
# decision a step, not with the deliberation clock ticking. (A snapshot names the dimensions it holds, so
# changes to them need no epoch.)
_EPOCH = "BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '{key}'; END;\n"


def _on_change(table: str, columns: tuple[str, ...], key: str) -> str:
    """A trigger bumping ``key`` when an update really changes one of ``columns``."""
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    return (f"CREATE TRIGGER {table}_update_{key} AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"WHEN {changed} " + _EPOCH.format(key=key))


V4 = (
    "CREATE TABLE snapshots (name TEXT PRIMARY KEY, data BLOB NOT NULL);\n"
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('history_epoch', '0'), ('steps_epoch', '0');\n"
    + _on_change("checkins", ("at", "ts", "satisfaction", "ratings"), "history_epoch")
    + "CREATE TRIGGER checkins_delete_history_epoch AFTER DELETE ON checkins " + _EPOCH.format(key="history_epoch")
    + _on_change("decisions", ("status", "decided_at", "magnitude", "outcome_delta", "effects"), "steps_epoch")
    + "".join(f"CREATE TRIGGER decisions_{event.lower()}_steps_epoch AFTER {event} ON decisions "
              f"WHEN {row}.status IN ('decided', 'reviewed') " + _EPOCH.format(key="steps_epoch")
              for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")))
)

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4)
CURRENT = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers hold ``;`` inside BEGIN ... END)."""
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
    return out


def migrate(conn: sqlite3.Connection, *, upto: int = CURRENT) -> int:
    """Apply the missing migrations, each in its own transaction; return the resulting version."""
    current = version(conn)
    for target in range(current + 1, upto + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version(conn) >= target:  # another process migrated meanwhile
                conn.rollback()
                continue
            for statement in statements(MIGRATIONS[target - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    return version(conn)
