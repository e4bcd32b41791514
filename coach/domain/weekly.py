"""What the weekly review shows, as pure functions of check-ins, decisions and the clock.

Why separate from the screen: the numbers a person reads in the review (this week against the one before,
how many steps, how big, deliberation against budget) must be the same in tests, in the CLI and on screen,
and must not depend on Textual. The analytics (gradient, states, advice) are added by the screen when they
are ready; everything here works without numpy.

A week runs from the configured first weekday at 00:00 in the person's current time zone. When a week
holds several check-ins (daily users) its value is their mean, and "before" is the mean of the latest
earlier week that had any check-in, so a daily and a weekly user read the same table.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from coach.domain.agenda import week_start
from coach.domain.models import CheckIn, Decision, Status
from coach.domain.overthinking import ratio

SATISFACTION = "satisfaction"
SPARK_WEEKS = 8


@dataclass(frozen=True)
class Week:
    """Seven days from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=7)

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=6)

    def shifted(self, weeks: int) -> Week:
        return Week(self.start + timedelta(days=7 * weeks))

    def bounds(self, tz: tzinfo | None) -> tuple[float, float]:
        """Unix-time bounds [since, until) of the week at midnight in ``tz``."""
        a = datetime.combine(self.start, time(0), tzinfo=tz)
        b = datetime.combine(self.end, time(0), tzinfo=tz)
        return a.timestamp(), b.timestamp()

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment.date() < self.end

    def title(self) -> str:
        """``Mon 23 Nov – Sun 29 Nov 2026``."""
        a, b = self.start, self.last_day
        left = f"{a:%a} {a.day} {a:%b}" + (f" {a.year}" if a.year != b.year else "")
        return f"{left} – {b:%a} {b.day} {b:%b %Y}"


def week_of(day: date, first_weekday: int, offset: int = 0) -> Week:
    """The week holding ``day``, moved by ``offset`` weeks (negative = earlier)."""
    return Week(week_start(day, first_weekday)).shifted(offset)


@dataclass
class Row:
    """One line of the check-in table: this week's value, the one before, and the last weeks for a chart."""

    name: str
    now: float | None
    before: float | None
    history: list[float | None] = field(default_factory=list)  # a mean per week, oldest first; None: not rated

    @property
    def change(self) -> float | None:
        if self.now is None or self.before is None:
            return None
        return self.now - self.before


@dataclass
class WeekCheckins:
    week: Week
    checkins: list[CheckIn]              # this week's, oldest first
    before: list[CheckIn]                # the latest earlier week that had check-ins
    before_week: Week | None
    rows: list[Row]                      # satisfaction first, then the dimensions

    @property
    def latest(self) -> CheckIn | None:
        return self.checkins[-1] if self.checkins else None


def _mean(values: Iterable[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return sum(vs) / len(vs) if vs else None


def _value(c: CheckIn, name: str) -> float | None:
    return c.satisfaction if name == SATISFACTION else c.ratings.get(name)


def compare_week(checkins: Sequence[CheckIn], week: Week, dims: Sequence[str], first_weekday: int,
                 weeks: int = SPARK_WEEKS) -> WeekCheckins:
    """This week's check-ins against the previous week that had any, with ``weeks`` weekly means per row.

    ``checkins`` must cover at least the ``weeks`` weeks before ``week`` (more is fine, later ones ignored).
    """
    by_week: dict[date, list[CheckIn]] = {}
    for c in checkins:
        if c.at.date() < week.end:
            by_week.setdefault(week_start(c.at.date(), first_weekday), []).append(c)
    mine = by_week.get(week.start, [])
    earlier = sorted(k for k in by_week if k < week.start)
    before_start = earlier[-1] if earlier else None
    before = by_week.get(before_start, []) if before_start else []
    spark_weeks = [week.shifted(-k).start for k in range(weeks - 1, -1, -1)]
    rows = []
    for name in (SATISFACTION, *dims):
        hist = [_mean(_value(c, name) for c in by_week.get(s, [])) for s in spark_weeks]
        rows.append(Row(name, _mean(_value(c, name) for c in mine), _mean(_value(c, name) for c in before), hist))
    return WeekCheckins(week, mine, before, Week(before_start) if before_start else None, rows)


@dataclass
class WeekSteps:
    """The steps (decisions) of a week: frequency, size, deliberation against budget."""

    decided: list[Decision]              # decided during the week: the steps taken
    opened: list[Decision]               # created during the week (some may still be pending)
    usual_per_week: float | None         # steps per week over the previous weeks, for comparison
    spent: float                         # seconds deliberated on the week's finished decisions
    budget: float                        # their budgets added up
    overthought: list[tuple[Decision, float]]  # (decision, spent ÷ budget) above 1.5, worst first

    @property
    def by_size(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for d in self.decided:
            out[d.magnitude] = out.get(d.magnitude, 0) + 1
        return dict(sorted(out.items()))

    @property
    def mean_size(self) -> float | None:
        return statistics.mean(d.magnitude for d in self.decided) if self.decided else None

    @property
    def budget_ratio(self) -> float | None:
        return self.spent / self.budget if self.budget > 0 else None


FINISHED = (Status.DECIDED, Status.REVIEWED)


def week_steps(decisions: Sequence[Decision], week: Week, tz: tzinfo | None, weeks: int = SPARK_WEEKS) -> WeekSteps:
    """Steps of the week from ``decisions`` (which must cover the ``weeks`` weeks before it)."""
    since, until = week.bounds(tz)
    earliest = week.shifted(-weeks).bounds(tz)[0]

    def when(d: Decision) -> float:
        return (d.decided_at or d.created_at).timestamp()

    finished = [d for d in decisions if d.status in FINISHED and d.decided_at is not None]
    decided = [d for d in finished if since <= when(d) < until]
    opened = [d for d in decisions if since <= d.created_at.timestamp() < until]
    before = [d for d in finished if earliest <= when(d) < since]
    covered = any(d.created_at.timestamp() < earliest for d in decisions) or bool(before)
    usual = len(before) / weeks if covered else None
    spent = sum(d.spent_seconds for d in decided)
    budget = sum(d.budget_seconds for d in decided if d.budget_seconds > 0)
    over = sorted(((d, r) for d in decided if (r := ratio(d)) is not None and r > 1.5), key=lambda x: -x[1])
    return WeekSteps(sorted(decided, key=when), opened, usual, spent, budget, over)


def outcomes_due(decisions: Iterable[Decision], now: datetime) -> list[Decision]:
    """Decided steps whose review date has come, oldest due first."""
    due = [d for d in decisions if d.status is Status.DECIDED and d.review_on is not None and d.review_on <= now]
    return sorted(due, key=lambda d: d.review_on or now)


def reviewed_in(decisions: Iterable[Decision], week: Week, tz: tzinfo | None) -> list[Decision]:
    """Steps whose outcome was recorded during the week."""
    since, until = week.bounds(tz)
    return [d for d in decisions if d.outcome is not None and d.outcome.reviewed_at is not None
            and since <= d.outcome.reviewed_at.timestamp() < until]
