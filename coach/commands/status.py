"""``coach status``: the short summary a shell prompt or a cron mail can show."""

from __future__ import annotations

import argparse
import json

from coach.domain.agenda import agenda
from coach.domain.models import Status
from coach.domain.timefmt import format_duration, now, to_iso
from coach.session import Session


def run_status(session: Session, args: argparse.Namespace) -> int:
    moment = now()
    with session.open_journal() as journal:
        decisions = journal.decisions(status=(Status.PENDING, Status.DECIDED))
        last = journal.last_checkin()
        counts = journal.counts()
    todo = agenda(decisions, last, moment, session.config.week_start_index)
    if args.json:
        print(json.dumps({
            "checkins": counts["checkins"],
            "decisions": counts["decisions"],
            "last_checkin": None if last is None else {
                "at": to_iso(last.at), "satisfaction": last.satisfaction, "ratings": last.ratings},
            "checked_in_this_week": todo.checked_in_this_week,
            "open_decisions": [
                {"id": d.id, "title": d.title, "size": d.magnitude,
                 "deadline": None if d.deadline is None else to_iso(d.deadline)} for d in todo.open_decisions],
            "outcomes_due": [
                {"id": d.id, "title": d.title, "review_on": to_iso(d.review_on)} for d in todo.outcomes_due
                if d.review_on is not None],
        }, ensure_ascii=False))
        return 0
    if last is None:
        print("No check-ins yet: run `coach checkin` (or `coach checkin add -s N`) to record the first.")
    else:
        ago = format_duration((moment - last.at).total_seconds())
        week = "done" if todo.checked_in_this_week else "not yet"
        print(f"Last check-in: {last.at:%Y-%m-%d %H:%M} ({ago} ago), satisfaction {last.satisfaction:g}. "
              f"This week's check-in: {week}.")
    if todo.open_decisions:
        print(f"Open decisions: {len(todo.open_decisions)}")
        for d in todo.open_decisions:
            when = "" if d.deadline is None else (
                " - deadline passed, time to decide" if d.deadline <= moment
                else f" - decide by {d.deadline:%Y-%m-%d %H:%M}")
            print(f"  [size {d.magnitude}] {d.title}{when}")
    else:
        print("Open decisions: none")
    if todo.outcomes_due:
        print(f"Outcomes due for review: {len(todo.outcomes_due)}")
        for d in todo.outcomes_due:
            print(f"  {d.title} (chose: {d.choice or '-'})")
    return 0
