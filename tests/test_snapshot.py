"""The columns kept between runs (coach.snapshot) always equal a fresh read and a full recompute, whatever
happened to the journal in between; a damaged snapshot is rebuilt, never trusted."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coach.insight
from coach import snapshot
from coach.analytics import Params, StateAt, causal_states, update_states
from coach.config import analytics_params
from coach.domain.models import CheckIn, Decision, Status
from coach.insight import Insight, _state_to_json, model_key
from coach.session import Session
from coach.store.journal import Journal
from tests.fresh_read import load_history

T0 = datetime(2025, 3, 3, 19, 0, tzinfo=timezone(timedelta(hours=1)))
OPS = st.sampled_from(["append", "append", "append", "travel", "backdate", "edit", "delete", "decide", "new-dimension",
                       "archive", "tick", "damage", "analyse", "analyse", "analyse"])


def _text(state: StateAt) -> str:
    return _state_to_json(replace(state, carry={}))


def _assert_fresh(journal: Journal, session: Session) -> None:
    """Insight.load (through the snapshots) equals a read of the journal and a full recompute."""
    insight = Insight.load(journal, session.config)
    history, ids, _ = load_history(journal)
    h = insight.history
    assert insight.checkin_ids == ids and h.dims == history.dims
    for name in ("days", "satisfaction", "ratings", "step_days", "step_size", "step_effects", "step_outcome"):
        assert np.array_equal(getattr(h, name), getattr(history, name), equal_nan=True), name
    full = causal_states(history, analytics_params(session.config))
    assert [_text(s) for s in insight.states] == [_text(s) for s in full]
    if full:
        assert insight.states[-1].carry == full[-1].carry


def _checkin(day: float, value: int, **ratings: float) -> CheckIn:
    return CheckIn(at=T0 + timedelta(days=day), satisfaction=float(value % 11), ratings=ratings)


def _apply(journal: Journal, op: str, n: int) -> None:
    checkins = journal.checkins()
    days = len(checkins) * 4
    if op == "append" or not checkins:
        journal.add_checkin(_checkin(days + 1, n, career=n % 10, health=(3 * n) % 10))
    elif op == "travel":  # three hours later, eleven hours behind: a later instant on an earlier local day
        moment = (checkins[-1].at + timedelta(hours=3)).astimezone(timezone(timedelta(hours=-11)))
        journal.add_checkin(CheckIn(at=moment, satisfaction=float(n % 11), ratings={"career": float(n % 10)}))
    elif op == "backdate":
        journal.add_checkin(_checkin(n % max(days, 1) - 0.5, n, career=n % 7))
    elif op == "edit":
        journal.update_checkin(replace(checkins[n % len(checkins)], satisfaction=float(n % 10)))
    elif op == "delete":
        journal.delete_checkin(checkins[n % len(checkins)].id)
    elif op == "decide":  # decided now: a state already given does not change with later news
        last = (checkins[-1].at - T0) / timedelta(days=1)
        journal.add_decision(Decision(title=f"step {n}", created_at=T0, magnitude=1 + n % 5, budget_seconds=60,
                                      status=Status.DECIDED, decided_at=T0 + timedelta(days=last + 0.5),
                                      choice="yes", effects={"career": 1 + n % 3}))
    elif op == "new-dimension":
        journal.add_checkin(_checkin(days + 1, n, **{f"dim{n % 3}": 5.0}))
    elif op == "archive":
        names = [d.name for d in journal.dimensions()]
        if len(names) > 1:
            journal.set_archived(names[n % len(names)])
    elif op == "tick":
        pending = journal.add_decision(Decision(title="clock", created_at=T0, magnitude=2, budget_seconds=60))
        journal.add_deliberation(pending.id, 10)
    elif op == "damage":  # a torn header or chunk, or a chunk gone
        blobs = sorted(journal.snapshots(snapshot.CHECKINS).items())
        if blobs:
            name, data = blobs[n % len(blobs)]
            if n % 3:
                journal.put_snapshots({name: data[: len(data) // 2]})
            else:
                journal.connection.execute("DELETE FROM snapshots WHERE name = ?", (name,))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(st.tuples(OPS, st.integers(0, 1000)), min_size=1, max_size=12), start=st.integers(0, 30))
def test_snapshots_always_equal_a_fresh_read(ops: list[tuple[str, int]], start: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshot, "CHUNK", 4)  # several chunks from a few check-ins
        session = Session.load(Path(tmp) / "home")
        with session.open_journal(backup=False) as j:
            for i in range(start):
                j.add_checkin(_checkin(4 * i, 5 + i % 3, career=4 + i % 2, health=6.0))
            Insight.load(j, session.config)
            for op, n in ops:
                if op == "analyse":
                    _assert_fresh(j, session)
                else:
                    _apply(j, op, n)
            _assert_fresh(j, session)


def test_an_appended_checkin_reads_only_the_new_row(session: Session) -> None:
    with session.open_journal(backup=False) as j:
        for i in range(40):
            j.add_checkin(_checkin(4 * i, 6, career=5))
        Insight.load(j, session.config)
        j.add_checkin(_checkin(200, 3, career=2))
        params = analytics_params(session.config)
        dims = j.dimensions()
        columns = snapshot.read(j, dims, model_key(params, tuple(d.name for d in dims)))
        assert columns.known is not None and len(columns.known) == 40  # the held states, no table read
        assert columns.history.n == 41 and columns.checkins is not None and columns.steps is None
        Insight.load(j, session.config)
        again = snapshot.read(j, dims, model_key(params, tuple(d.name for d in dims)))
        assert again.checkins is None and again.known is not None and len(again.known) == 41


def test_an_appended_checkin_rewrites_only_the_last_chunk(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "CHUNK", 8)
    with session.open_journal(backup=False) as j:
        for i in range(20):
            j.add_checkin(_checkin(4 * i, 6, career=5))
        Insight.load(j, session.config)
        before = j.snapshots(snapshot.CHECKINS)
        assert len(before) == 1 + 3  # the header and chunks of 8, 8 and 4
        j.add_checkin(_checkin(90, 3, career=2))
        Insight.load(j, session.config)
        after = j.snapshots(snapshot.CHECKINS)
        changed = sorted(name for name in after if after[name] != before.get(name))
        assert changed == [snapshot.CHECKINS, f"{snapshot.CHECKINS}/000002"]


def test_pack_round_trips_and_refuses_what_it_did_not_make() -> None:
    arrays = {"a": np.arange(5, dtype=np.float64), "b": np.array([[1, 2, 3]], dtype=np.uint8),
              "c": np.full((0, 4), np.nan)}
    header, back = snapshot.unpack(snapshot.pack({"x": [1, "y"]}, arrays))
    assert header == {"x": [1, "y"]}
    for name, array in arrays.items():
        assert back[name].dtype == array.dtype and np.array_equal(back[name], array, equal_nan=True)
    back["a"][0] = 9.0  # writable, like any array the analytics get
    for bad in (b"", b"not a snapshot", snapshot.pack({}, arrays)[:-16]):
        try:
            snapshot.unpack(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad[:20]!r}")


def test_an_edit_during_the_analysis_stores_no_stale_states(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    with session.open_journal(backup=False) as j:
        for i in range(30):
            j.add_checkin(_checkin(4 * i, 5 + i % 3, career=4 + i % 2))
        j.connection.execute("DELETE FROM states")  # as after a model change: every state is computed afresh
        target = j.checkins()[10]
        real = coach.insight.analyze

        def analyse_while_another_process_edits(*args, **kwargs):  # type: ignore[no-untyped-def]
            with Journal.open(j.path) as other:
                other.update_checkin(replace(target, satisfaction=0.0, ratings={"career": 0.0}))
            return real(*args, **kwargs)

        monkeypatch.setattr(coach.insight, "analyze", analyse_while_another_process_edits)
        Insight.load(j, session.config)
        monkeypatch.setattr(coach.insight, "analyze", real)
        _assert_fresh(j, session)


def test_chunks_written_by_two_readers_at_once_are_never_mixed(session: Session,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """One process appends to the snapshot while another rebuilds it for another model: whichever writes
    last, a reader never takes one's chunks for the other's (each rebuild is a generation of its own)."""
    monkeypatch.setattr(snapshot, "CHUNK", 4)
    first, other = analytics_params(session.config), Params(rut_on=0.6, trend_days=60.0)
    with session.open_journal(backup=False) as j:
        for i in range(12):
            j.add_checkin(_checkin(7 * i, 3 + i % 4, career=4 + i % 3))
        Insight.load(j, session.config)
        j.add_checkin(_checkin(90, 5, career=5))
        dims = j.dimensions()
        names = tuple(d.name for d in dims)
        appending = snapshot.read(j, dims, model_key(first, names))
        rebuilding = snapshot.read(j, dims, model_key(other, names))
        assert appending.clean == 12 and rebuilding.clean == 0
        with j.transaction():
            snapshot.write(j, rebuilding, causal_states(rebuilding.history, other), model_key(other, names))
        with j.transaction():
            snapshot.write(j, appending, appending.known + update_states(appending.history, appending.known, first),
                           model_key(first, names))
        again = snapshot.read(j, dims, model_key(first, names))
        assert again.known is None  # the header and its last chunk are one generation, the rest another
        _assert_fresh(j, session)


def test_a_checkin_added_earlier_during_the_analysis_stores_no_stale_states(session: Session,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process adds check-ins dated before the newest one, and analyses, while this one analyses:
    this one's state for the newest check-in no longer holds and must not overwrite the other's."""
    with session.open_journal(backup=False) as j:
        for i in range(60):
            j.add_checkin(_checkin(i, 7, career=5))
        Insight.load(j, session.config)
        j.add_checkin(_checkin(70, 7, career=5))
        real = coach.insight.analyze

        def analyse_while_another_process_adds_earlier(*args, **kwargs):  # type: ignore[no-untyped-def]
            monkeypatch.setattr(coach.insight, "analyze", real)
            with Journal.open(j.path) as other:
                for day in range(61, 70):
                    other.add_checkin(_checkin(day, 0, career=0))
                Insight.load(other, session.config)
            return real(*args, **kwargs)

        monkeypatch.setattr(coach.insight, "analyze", analyse_while_another_process_adds_earlier)
        Insight.load(j, session.config)
        _assert_fresh(j, session)


@pytest.mark.parametrize("change", ["edit", "delete"])
def test_changing_a_checkin_from_another_time_zone_forgets_the_states_after_it(session: Session, change: str) -> None:
    """Across time zones a later instant can fall on an earlier local day; states follow local days."""
    with session.open_journal(backup=False) as j:
        for i in range(40):
            j.add_checkin(_checkin(2 * i, 4 + i % 4, career=5))
        moment = (j.checkins()[-1].at + timedelta(hours=3)).astimezone(timezone(timedelta(hours=-11)))
        away = j.add_checkin(CheckIn(at=moment, satisfaction=9.0, ratings={"career": 9.0}))
        assert Insight.load(j, session.config).states[-1].state != "insufficient"
        assert load_history(j)[1][-2:] == [away.id, j.checkins()[-2].id]  # an earlier local day, a later instant
        if change == "edit":
            j.update_checkin(replace(away, satisfaction=0.0, ratings={"career": 0.0}))
        else:
            j.delete_checkin(away.id)
        _assert_fresh(j, session)
