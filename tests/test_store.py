"""The journal store: transactions, migrations, permissions, concurrent writers, refusals."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3
import stat
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.domain.models import CheckIn, Decision, Outcome, Result, Status
from coach.errors import JournalError
from coach.session import Session
from coach.store import schema
from coach.store.backup import KEEP, backup_if_due, backups, restore
from coach.store.journal import Journal

T0 = datetime(2026, 3, 1, 21, 0, tzinfo=timezone(timedelta(hours=2)))


def _decision(**kw: object) -> Decision:
    base: dict[str, object] = dict(title="Change team", created_at=T0, magnitude=4, budget_seconds=3600.0,
                                   options=["stay", "move"], effects={"career": 2, "play": -1})
    base.update(kw)
    return Decision(**base)  # type: ignore[arg-type]


def test_new_journal_has_config_dimensions_and_private_files(session: Session) -> None:
    with session.open_journal() as j:
        assert [d.name for d in j.dimensions()] == list(session.config.dimensions)
    data = session.paths.data_dir
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(session.paths.journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(session.paths.backups.stat().st_mode) == 0o700
    for f in session.paths.backups.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_checkin_round_trip_keeps_offset_order_and_skips(session: Session) -> None:
    with session.open_journal() as j:
        c = j.add_checkin(CheckIn(at=T0, satisfaction=6.5, ratings={"health": 7, "career": 5}, note="🌧 rainy"))
        j.add_checkin(CheckIn(at=T0 - timedelta(days=3), satisfaction=4, ratings={}))
        got = j.checkins()
    assert [x.id for x in got][-1] == c.id
    assert got[-1].at == T0 and got[-1].at.utcoffset() == timedelta(hours=2)
    assert list(got[-1].ratings) == ["career", "health"]  # dimension order, not entry order
    assert got[-1].note == "🌧 rainy" and got[0].ratings == {}


def test_failed_action_writes_nothing(session: Session) -> None:
    with session.open_journal() as j:
        before = j.counts()
        with pytest.raises(sqlite3.IntegrityError):
            # satisfaction 11 violates the CHECK: the new dimension added in the same action must vanish too
            j.add_checkin(CheckIn(at=T0, satisfaction=11, ratings={"brand-new": 5}))
        with pytest.raises(ValueError, match="0-10"):
            j.add_checkin(CheckIn(at=T0, satisfaction=5, ratings={"brand-new": 12}))
        assert j.counts() == before
        assert "brand-new" not in [d.name for d in j.dimensions()]


def test_decision_round_trip_and_deliberation_adds_up(session: Session) -> None:
    with session.open_journal() as j:
        d = j.add_decision(_decision())
        j.add_deliberation(d.id, 30)
        j.add_deliberation(d.id, 45.5)
        d = j.get_decision(d.id)
        assert d is not None and d.spent_seconds == 75.5 and d.effects == {"career": 2, "play": -1}
        d.status, d.choice, d.decided_at = Status.REVIEWED, "move", T0 + timedelta(hours=1)
        d.outcome = Outcome(Result.BETTER, 1.5, True, "good call", T0 + timedelta(days=30))
        j.update_decision(d)
        again = j.get_decision(d.id)
    assert again == d


def test_review_due_and_reviewed_between_read_by_their_dates(session: Session) -> None:
    later = T0.astimezone(timezone(timedelta(hours=-5)))  # the same instant written with another offset
    with session.open_journal() as j:
        due = j.add_decision(_decision(title="due", status=Status.DECIDED, review_on=later - timedelta(days=1)))
        j.add_decision(_decision(title="not yet", status=Status.DECIDED, review_on=T0 + timedelta(hours=1)))
        j.add_decision(_decision(title="pending", review_on=T0 - timedelta(days=2)))
        done = _decision(title="done", status=Status.REVIEWED, created_at=T0 - timedelta(days=400),
                         review_on=T0 - timedelta(days=3))
        done.outcome = Outcome(Result.WORSE, -1.0, reviewed_at=later - timedelta(hours=2))
        j.add_decision(done)
        assert [d.id for d in j.review_due(T0)] == [due.id]
        day = T0.timestamp()
        assert [d.title for d in j.reviewed_between(day - 86400, day)] == ["done"]
        assert j.reviewed_between(day - 3600, day) == []


def test_update_checkin_forgets_later_states(session: Session) -> None:
    with session.open_journal() as j:
        a = j.add_checkin(CheckIn(at=T0, satisfaction=5))
        b = j.add_checkin(CheckIn(at=T0 + timedelta(days=7), satisfaction=6))
        with j.transaction() as c:
            c.executemany("INSERT INTO states (checkin_id, state, model) VALUES (?, 'steady', 'm')",
                          [(a.id,), (b.id,)])
        a.satisfaction = 9
        j.update_checkin(a)
        assert j.connection.execute("SELECT count(*) FROM states").fetchone()[0] == 0
        assert j.get_checkin(a.id).satisfaction == 9  # type: ignore[union-attr]
        j.delete_checkin(b.id)
        assert j.checkin_count() == 1


def test_migration_upgrades_a_v1_journal(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=1)
    conn.execute("INSERT INTO dimensions (id, name, position) VALUES ('d1', 'career', 0)")
    conn.execute("INSERT INTO checkins (id, at, ts, satisfaction, ratings) VALUES ('c1', "
                 "'2025-01-01T12:00:00+00:00', 1735732800, 6, '{\"d1\": 7}')")
    conn.close()
    with Journal.open(path) as j:
        assert schema.version(j.connection) == schema.CURRENT == 4
        assert j.checkins()[0].ratings == {"career": 7}
        assert j.connection.execute("SELECT count(*) FROM states").fetchone()[0] == 0


def test_migration_v2_to_v3_adds_the_revision_triggers(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=2)
    conn.execute("INSERT INTO checkins (id, at, ts, satisfaction) VALUES ('c1', '2025-01-01T12:00:00+00:00', 1, 6)")
    conn.close()
    with Journal.open(path) as j:
        assert schema.version(j.connection) == schema.CURRENT and j.revision() == 0
        j.add_checkin(CheckIn(at=T0, satisfaction=5))
        j.add_decision(_decision())
        j.set_meta("unrelated", "x")  # derived data does not count as a change
        assert j.revision() == 4  # the check-in, the decision and the two dimensions its effects added
        assert j.checkins()[0].id == "c1"


def test_newer_journal_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="newer coach"):
        Journal.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"this is not a database at all" * 200, b""])
def test_garbage_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(content or b"SQLite format 3\x00" + b"\xff" * 84)
    before = path.read_bytes()
    with pytest.raises(JournalError, match="restore"):
        Journal.open(path)
    assert path.read_bytes() == before


def _writer(home: str, worker: int, n: int) -> None:
    s = Session.load(home)
    with s.open_journal(backup=False) as j:
        for i in range(n):
            j.add_checkin(CheckIn(at=T0 + timedelta(minutes=i), satisfaction=5, ratings={"career": worker},
                                  note=f"w{worker}-{i}"))


def test_concurrent_writers_lose_nothing(session: Session) -> None:
    session.open_journal().close()
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(session.paths.config_dir), w, 60)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with session.open_journal() as j:
        notes = {c.note for c in j.checkins()}
    assert notes == {f"w{w}-{i}" for w in range(3) for i in range(60)}


def test_backup_once_a_day_keeps_last_seven_and_restores(session: Session) -> None:
    from datetime import date

    with session.open_journal(backup=False) as j:
        j.add_checkin(CheckIn(at=T0, satisfaction=3, note="before"))
        for k in range(10):
            backup_if_due(j.connection, session.paths.backups, date(2026, 1, 1) + timedelta(days=k))
        assert backup_if_due(j.connection, session.paths.backups, date(2026, 1, 10)) is None
        j.add_checkin(CheckIn(at=T0, satisfaction=4, note="after"))
    found = backups(session.paths.backups)
    assert len(found) == KEEP and found[-1].name == "journal-2026-01-10.sqlite3"
    kept = restore(session.paths.journal, found[-1])
    assert kept.exists()
    with session.open_journal(backup=False) as j:
        assert [c.note for c in j.checkins()] == ["before"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_journal_is_refused(session: Session) -> None:  # pragma: no cover - CI runs as root
    session.open_journal().close()
    session.paths.journal.chmod(0o400)
    with pytest.raises(JournalError, match="read-only"):
        Journal.open(session.paths.journal)


def test_epochs_move_with_what_stales_the_snapshots(session: Session) -> None:
    with session.open_journal() as j:
        a = j.add_checkin(CheckIn(at=T0, satisfaction=5, ratings={"career": 6}))
        j.add_checkin(CheckIn(at=T0 + timedelta(days=1), satisfaction=6, note="appended"))
        assert j.epochs() == (0, 0)  # appending is read as rows after the last one held
        j.update_checkin(replace(a, satisfaction=7))
        j.delete_checkin(a.id)
        assert j.epochs()[0] == 2
        d = j.add_decision(_decision())  # pending: not a step yet
        j.add_deliberation(d.id, 30)  # nor does the clock ticking make it one
        j.update_decision(replace(d, title="Renamed"))
        assert j.epochs() == (2, 0)
        j.update_decision(replace(d, status=Status.DECIDED, decided_at=T0, choice="move"))
        assert j.epochs() == (2, 1)
        j.add_decision(_decision(status=Status.DECIDED, decided_at=T0, choice="stay"))
        assert j.epochs() == (2, 2)


def test_a_damaged_journal_is_not_backed_up_over_the_good_backups(session: Session, tmp_path: Path) -> None:
    from datetime import date

    with session.open_journal(backup=False) as j, j.transaction():
        for k in range(200):
            j.add_checkin(CheckIn(at=T0 + timedelta(days=k), satisfaction=5, note="n" * 300))
    with session.open_journal(backup=False) as j:
        assert backup_if_due(j.connection, session.paths.backups, date(2026, 1, 1)) is not None
        j.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(session.paths.journal.read_bytes())
    raw[4096 * 6 + 200:4096 * 6 + 2200] = b"\xa5" * 2000  # a page of check-ins, overwritten
    session.paths.journal.write_bytes(bytes(raw))
    conn = sqlite3.connect(session.paths.journal)
    try:
        assert backup_if_due(conn, session.paths.backups, date(2026, 1, 2)) is None
    finally:
        conn.close()
    assert [p.name for p in session.paths.backups.iterdir()] == ["journal-2026-01-01.sqlite3"]  # no temp left


def test_restore_goes_on_when_the_damaged_journal_cannot_even_name_its_damage(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """sqlite3 decodes SQLite's error text, which a damaged file can fill with bytes that are not UTF-8:
    restore died with a UnicodeDecodeError exactly when it was needed."""
    from datetime import date

    with session.open_journal(backup=False) as j:
        j.add_checkin(CheckIn(at=T0, satisfaction=3, note="in the backup"))
        good = backup_if_due(j.connection, session.paths.backups, date(2026, 1, 1))
    journal = session.paths.journal
    real = sqlite3.connect

    def connect(database: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(database).startswith(f"file:{journal}"):  # the journal, opened read-only to check or copy it
            raise UnicodeDecodeError("utf-8", b"\x8e", 0, 1, "invalid start byte")
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect)
    kept = restore(journal, good)
    monkeypatch.undo()
    assert kept is not None and kept.exists()  # copied file by file
    with session.open_journal(backup=False) as j:
        assert [c.note for c in j.checkins()] == ["in the backup"]


def test_private_dir_leaves_the_parents_it_creates_as_usual(tmp_path: Path) -> None:
    """Only coach's own folders are owner-only: ~/.local/share made 0700 would surprise other programs."""
    old = os.umask(0o022)
    try:
        from coach.paths import private_dir

        private_dir(tmp_path / "share" / "coach")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "share").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "share" / "coach").stat().st_mode) == 0o700
