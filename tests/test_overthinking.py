"""Overthinking: deliberation ÷ budget per decision and its median by size over the last 30 days."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.domain import overthinking
from coach.domain.models import Decision, Status

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def dec(size: int, spent: float, budget: float = 60.0, *, days_ago: float = 1, status: Status = Status.DECIDED
        ) -> Decision:
    return Decision(title=f"d{size}", created_at=NOW - timedelta(days=days_ago), magnitude=size,
                    budget_seconds=budget, spent_seconds=spent, status=status)


def test_ratio_is_spent_over_budget() -> None:
    assert overthinking.ratio(dec(1, 90)) == pytest.approx(1.5)
    assert overthinking.ratio(dec(1, 0)) == 0
    assert overthinking.ratio(dec(1, 10, budget=0)) is None


def test_median_by_size_uses_only_finished_decisions_in_the_window() -> None:
    decisions = [
        dec(1, 30), dec(1, 60), dec(1, 600),             # size 1: ratios 0.5, 1, 10 -> median 1
        dec(2, 1200, budget=600, status=Status.REVIEWED),  # size 2: 2.0
        dec(2, 9999, status=Status.PENDING),              # still deliberating: not counted
        dec(2, 9999, status=Status.DROPPED),              # never decided: not counted
        dec(3, 9999, days_ago=31),                        # outside the 30 days
    ]
    by_size = overthinking.median_by_size(decisions, NOW)
    assert by_size == {1: overthinking.Figure(1.0, 3), 2: overthinking.Figure(2.0, 1)}
    assert list(by_size) == [1, 2]


def test_overall_median_and_empty() -> None:
    assert overthinking.overall([], NOW) is None
    assert overthinking.overall([dec(1, 30), dec(2, 120), dec(3, 600)], NOW) == overthinking.Figure(2.0, 3)


def test_future_decisions_are_not_counted() -> None:
    assert overthinking.counted([dec(1, 30, days_ago=-1)], NOW) == []


@pytest.mark.parametrize(("median", "word"), [(0.1, "quick"), (0.8, "within budget"), (1.2, "a little over budget"),
                                              (3.0, "overthinking")])
def test_verdict(median: float, word: str) -> None:
    assert overthinking.verdict(median) == word


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=40))
def test_the_median_is_the_statistics_median(values: list[float]) -> None:
    assert overthinking._median(values) == pytest.approx(statistics.median(values))
