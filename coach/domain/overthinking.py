"""Overthinking: how much of its deliberation budget each decision took, and the typical figure by size.

The essays' point is that accuracy costs frequency: time spent deliberating a small step is time not spent
taking the next one. So the coach shows the ratio ``deliberation ÷ budget`` per decision (1.0 = exactly the
budget) and its median per size over the last 30 days. The median, not the mean, because one decision left
open over a weekend would otherwise swamp a month of quick ones.

Only decisions whose deliberation is over count (decided or reviewed): a pending decision's ratio is still
growing, and a dropped one ended without a decision, so neither says how long *deciding* took.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from coach.domain.models import Decision, Status

WINDOW_DAYS = 30
FINISHED = (Status.DECIDED, Status.REVIEWED)


class Figure(NamedTuple):
    """A median ratio and how many decisions it rests on (shown together, so one decision isn't a trend)."""

    median: float
    count: int


def _median(values: list[float]) -> float:
    """``statistics.median`` for the one thing the home screen needs it for, without importing ``statistics``
    (about a millisecond of start-up, with its own imports)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def ratio(decision: Decision) -> float | None:
    """Deliberation spent as a multiple of the budget; None when there is no budget to compare with."""
    if decision.budget_seconds <= 0:
        return None
    return decision.spent_seconds / decision.budget_seconds


def counted(decisions: Iterable[Decision], now: datetime, days: int = WINDOW_DAYS) -> list[Decision]:
    """The finished decisions created in the window ``[now - days, now]`` that have a budget."""
    start = now - timedelta(days=days)
    return [
        d for d in decisions
        if d.status in FINISHED and start <= d.created_at <= now and d.budget_seconds > 0
    ]


def median_by_size(decisions: Iterable[Decision], now: datetime, days: int = WINDOW_DAYS) -> dict[int, Figure]:
    """Median overthinking ratio per size (1–5) over the window; sizes with no decision are absent."""
    by_size: dict[int, list[float]] = {}
    for d in counted(decisions, now, days):
        r = ratio(d)
        if r is not None:
            by_size.setdefault(int(d.magnitude), []).append(r)
    return {size: Figure(_median(rs), len(rs)) for size, rs in sorted(by_size.items())}


def overall(decisions: Iterable[Decision], now: datetime, days: int = WINDOW_DAYS) -> Figure | None:
    """Median ratio over every counted decision of the window, or None when there is none."""
    ratios = [r for d in counted(decisions, now, days) if (r := ratio(d)) is not None]
    return Figure(_median(ratios), len(ratios)) if ratios else None


def verdict(median: float) -> str:
    """A plain word for a ratio, so the figure reads without arithmetic."""
    if median > 1.5:
        return "overthinking"
    if median > 1.0:
        return "a little over budget"
    if median >= 0.25:
        return "within budget"
    return "quick"
