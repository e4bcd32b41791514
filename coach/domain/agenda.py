"""What is due now: the first thing the home screen and ``coach status`` show.

Pure functions of the journal's contents and the current time, so the home screen, the CLI and the tests
agree on what "due" means.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

from coach.domain.models import CheckIn, Decision, Status

DEADLINE_SOON = timedelta(days=1)


def week_start(day: date, first_weekday: int) -> date:
    """The first day of the week holding ``day`` (``first_weekday``: 0 = Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


class Agenda(NamedTuple):
    overdue: list[Decision]          # pending, deadline passed: time to decide
    deadline_soon: list[Decision]    # pending, deadline within a day
    pending: list[Decision]          # the other pending ones
    outcomes_due: list[Decision]     # decided, review date reached
    last_checkin: CheckIn | None
    checked_in_this_week: bool

    @property
    def open_decisions(self) -> list[Decision]:
        return self.overdue + self.deadline_soon + self.pending


def agenda(decisions: list[Decision], last_checkin: CheckIn | None, now: datetime,
           first_weekday: int = 0) -> Agenda:
    pending = [d for d in decisions if d.status is Status.PENDING]
    pending.sort(key=lambda d: (d.deadline or datetime.max.replace(tzinfo=now.tzinfo), d.created_at))
    overdue = [d for d in pending if d.deadline is not None and d.deadline <= now]
    soon = [d for d in pending if d.deadline is not None and now < d.deadline <= now + DEADLINE_SOON]
    rest = [d for d in pending if d.deadline is None or d.deadline > now + DEADLINE_SOON]
    due = sorted(
        (d for d in decisions if d.status is Status.DECIDED and d.review_on is not None and d.review_on <= now),
        key=lambda d: d.review_on or now,
    )
    this_week = False
    if last_checkin is not None:
        start = week_start(now.date(), first_weekday)
        this_week = last_checkin.at.astimezone(now.tzinfo).date() >= start
    return Agenda(overdue, soon, rest, due, last_checkin, this_week)
