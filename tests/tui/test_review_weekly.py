"""Pure weekly helpers: week bounds, this week against the one before, the steps of a week."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.domain.models import CheckIn, Decision, Outcome, Result, Status
from coach.domain.weekly import compare_week, outcomes_due, reviewed_in, week_of, week_steps

TZ = timezone(timedelta(hours=1))


def at(day: str, hour: int = 20) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+01:00")


def test_week_of_respects_the_first_weekday() -> None:
    assert week_of(date(2026, 11, 26), 0).start == date(2026, 11, 23)
    assert week_of(date(2026, 11, 26), 6).start == date(2026, 11, 22)
    w = week_of(date(2026, 11, 26), 0, -1)
    assert w.start == date(2026, 11, 16) and w.last_day == date(2026, 11, 22)
    assert w.title() == "Mon 16 Nov – Sun 22 Nov 2026"
    assert week_of(date(2026, 12, 30), 0).title() == "Mon 28 Dec 2026 – Sun 3 Jan 2027"


def test_compare_week_uses_means_and_the_last_week_with_data() -> None:
    cs = [
        CheckIn(at("2026-11-02"), 4, {"career": 3}),
        # nothing in the week of 9 Nov
        CheckIn(at("2026-11-17"), 5, {"career": 4}),
        CheckIn(at("2026-11-19"), 7, {"career": 6, "health": 5}),
        CheckIn(at("2026-11-24"), 8, {"career": 7}),
        CheckIn(at("2026-12-01"), 1, {"career": 1}),  # after the week: ignored
    ]
    wc = compare_week(cs, week_of(date(2026, 11, 26), 0), ["career", "health"], 0)
    assert [c.satisfaction for c in wc.checkins] == [8]
    assert wc.before_week.start == date(2026, 11, 16)
    sat, career, health = wc.rows
    assert (sat.now, sat.before, sat.change) == (8, 6, 2)
    assert (career.now, career.before, career.change) == (7, 5, 2)
    assert (health.now, health.before, health.change) == (None, 5, None)
    assert sat.history == [None, None, None, None, 4, None, 6, 8]  # one a week; None: no check-in
    empty = compare_week(cs, week_of(date(2026, 11, 12), 0), ["career"], 0)
    assert empty.latest is None and empty.rows[0].before == 4


def _decision(title: str, created: str, size: int, *, status: Status = Status.DECIDED, spent: float = 60,
              budget: float = 60, review: str | None = None, outcome: Outcome | None = None) -> Decision:
    c = at(created, 10)
    return Decision(title, c, size, budget, spent_seconds=spent, status=status,
                    decided_at=c + timedelta(minutes=5) if status in (Status.DECIDED, Status.REVIEWED) else None,
                    review_on=at(review, 9) if review else None, outcome=outcome)


def test_week_steps_frequency_size_and_budget() -> None:
    ds = [
        _decision("old", "2026-10-05", 1),
        _decision("a", "2026-11-10", 2),
        _decision("b", "2026-11-23", 1, spent=30),
        _decision("c", "2026-11-24", 3, spent=400, budget=100),
        _decision("open", "2026-11-25", 4, status=Status.PENDING),
    ]
    s = week_steps(ds, week_of(date(2026, 11, 26), 0), TZ)
    assert [d.title for d in s.decided] == ["b", "c"]
    assert [d.title for d in s.opened] == ["b", "c", "open"]
    assert s.by_size == {1: 1, 3: 1} and s.mean_size == 2
    assert s.spent == 430 and s.budget == 160
    assert [(d.title, r) for d, r in s.overthought] == [("c", 4.0)]
    assert s.usual_per_week == 2 / 8


def test_outcomes_due_and_reviewed() -> None:
    now = at("2026-11-26", 9)
    done = Outcome(Result.BETTER, 1.0, reviewed_at=at("2026-11-24", 9))
    ds = [
        _decision("due", "2026-11-01", 2, review="2026-11-20"),
        _decision("later", "2026-11-01", 2, review="2026-12-20"),
        _decision("reviewed", "2026-11-01", 2, status=Status.REVIEWED, review="2026-11-20", outcome=done),
    ]
    assert [d.title for d in outcomes_due(ds, now)] == ["due"]
    assert [d.title for d in reviewed_in(ds, week_of(now.date(), 0), TZ)] == ["reviewed"]
