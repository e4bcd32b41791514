"""The journal-to-analytics bridge: stored states are reused, extended incrementally, and equal a recompute."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from coach.analytics import StateAt, causal_states
from coach.domain.models import CheckIn, Decision, Status
from coach.insight import Insight, _state_to_json
from coach.session import Session
from tests.fresh_read import load_history

T0 = datetime(2025, 1, 6, 20, 0, tzinfo=timezone(timedelta(hours=-5)))


def _without_carry(state: StateAt) -> str:
    return _state_to_json(replace(state, carry={}))


def _fill(session: Session, weeks: int, start: int = 0) -> None:
    with session.open_journal(backup=False) as j, j.transaction():
        for w in range(start, start + weeks):
            flat = 5.0 + (0.5 if w % 3 == 0 else 0.0)
            j.add_checkin(CheckIn(at=T0 + timedelta(days=7 * w), satisfaction=min(10.0, flat + max(0, w - 30) * 0.2),
                                  ratings={"career": 4 + w % 2, "health": 6.0}))


def test_states_are_stored_then_reused_and_extended(session: Session) -> None:
    _fill(session, 30)
    with session.open_journal(backup=False) as j:
        first = Insight.load(j, session.config)
        assert j.connection.execute("SELECT count(*) FROM states").fetchone()[0] == 30
        from_snapshot = Insight.load(j, session.config)
        j.connection.execute("DELETE FROM snapshots")
        from_table = Insight.load(j, session.config)
        for again in (from_snapshot, from_table):
            # exact: stored states round-trip every field (compared as text: NaN != NaN); the carry, which
            # only a resumed update needs, comes back on the last one
            assert [_without_carry(s) for s in again.states] == [_without_carry(s) for s in first.states]
            assert again.states[-1].carry == first.states[-1].carry != {}
    _fill(session, 10, start=30)
    with session.open_journal(backup=False) as j:
        j.connection.execute("DELETE FROM snapshots")  # the states table alone: its prefix is reused
        grown = Insight.load(j, session.config).states
        history, _, _ = load_history(j)
        assert [_without_carry(s) for s in grown[:30]] == [_without_carry(s) for s in first.states]
        assert [s.state for s in grown] == [s.state for s in causal_states(history)]


def test_backdated_checkin_recomputes_what_follows(session: Session) -> None:
    _fill(session, 20)
    with session.open_journal(backup=False) as j:
        Insight.load(j, session.config)
        j.add_checkin(CheckIn(at=T0 + timedelta(days=3), satisfaction=1.0, ratings={"career": 1}))
        insight = Insight.load(j, session.config)
        assert [s.state for s in insight.states] == [s.state for s in causal_states(insight.history)]


def test_steps_come_from_decided_decisions(session: Session) -> None:
    _fill(session, 12)
    with session.open_journal(backup=False) as j:
        for status in (Status.PENDING, Status.DECIDED, Status.DROPPED):
            j.add_decision(Decision(title=str(status), created_at=T0, magnitude=4, budget_seconds=60,
                                    status=status, decided_at=T0 + timedelta(days=14),
                                    effects={"health": 2}))
        history, _, _ = load_history(j)
    assert list(history.step_size) == [4.0]
    assert history.step_effects.shape == (1, len(history.dims))
    assert history.step_effects[0, history.dims.index("health")] == 2
    assert round(float(history.step_days[0] - history.days[0])) == 14


def test_report_as_of_a_check_in_is_what_the_coach_said_then(session: Session, tmp_path: Path) -> None:
    """The review of a past week shows it: the same report as an analysis of the journal as it was then."""
    _fill(session, 40)
    earlier = Session.load(tmp_path / "earlier")
    _fill(earlier, 30)
    with session.open_journal(backup=False) as j, earlier.open_journal(backup=False) as e:
        insight = Insight.load(j, session.config)
        assert insight.report_as_of(39) is insight.report
        then = insight.report_as_of(29)
        assert then is insight.report_as_of(29)  # kept while the week is on show
        assert then.to_json() == Insight.load(e, earlier.config).report.to_json() != insight.report.to_json()


def test_a_past_report_is_the_same_from_a_fresh_analysis_and_from_stored_states(session: Session) -> None:
    """Stored states keep their carry only on the last one: the advice as of a past rut after a warm restart
    (its T_mult schedule) used to change with whether the states had just been computed (found in review)."""
    from coach.domain.demo import write_demo
    from tests.tui.journal_fixtures import TODAY

    with session.open_journal(backup=False) as j:
        write_demo(j, 1, TODAY)
        fresh = Insight.load(j, session.config)
        stored = Insight.load(j, session.config)
    assert any(s.restarts for s in fresh.states)  # the demo holds a rut a big step did not break
    for i in range(10, len(fresh.states) - 1, 3):
        assert stored.report_as_of(i).advice == fresh.report_as_of(i).advice, i


def test_a_new_model_replaces_the_old_models_states_and_appends_keep_them(session: Session) -> None:
    _fill(session, 30)
    tuned = session.config._replace(analytics={"rut_on": 0.5})
    with session.open_journal(backup=False) as j:
        Insight.load(j, session.config)
        before = j.connection.execute("SELECT DISTINCT model FROM states").fetchall()
        Insight.load(j, tuned)  # another model: every state afresh, the old model's go
        after = j.connection.execute("SELECT DISTINCT model FROM states").fetchall()
        assert len(before) == len(after) == 1 and before != after
    _fill(session, 5, start=30)
    with session.open_journal(backup=False) as j:
        Insight.load(j, tuned)  # appended: stored under the same model, beside the earlier ones
        assert j.connection.execute("SELECT count(*), count(DISTINCT model) FROM states").fetchone() == (35, 1)
