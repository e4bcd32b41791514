"""``coach status``: the short summary a shell prompt or a cron mail can show."""

from __future__ import annotations

import argparse
import json
from typing import Any

from coach.domain.agenda import agenda
from coach.domain.models import Status
from coach.domain.timefmt import format_duration, now, to_iso
from coach.judgement import current_report
from coach.session import Session


def run_status(session: Session, args: argparse.Namespace) -> int:
    moment = now()
    with session.open_journal() as journal:
        decisions = journal.decisions(status=(Status.PENDING, Status.DECIDED))
        last = journal.last_checkin()
        counts = journal.counts()
        report = current_report(journal, session.config)
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
            "coach": coach_json(report),
        }, ensure_ascii=False))
        return 0
    if last is None:
        print("No check-ins yet: run `coach checkin` (or `coach checkin add -s N`) to record the first.")
    else:
        age = (moment - last.at).total_seconds()
        ago = f"{format_duration(age)} ago" if age >= 0 else "dated in the future"
        week = "done" if todo.checked_in_this_week else "not yet"
        print(f"Last check-in: {last.at:%Y-%m-%d %H:%M} ({ago}), satisfaction {last.satisfaction:g}. "
              f"This week's check-in: {week}.")
    print()
    for line in coach_lines(report):
        print(shown(line))  # the coach's sentences name dimensions, which an imported file may have named
    print()
    if todo.open_decisions:
        print(f"Open decisions: {len(todo.open_decisions)}")
        for d in todo.open_decisions:
            when = "" if d.deadline is None else (
                " - deadline passed, time to decide" if d.deadline <= moment
                else f" - decide by {d.deadline:%Y-%m-%d %H:%M}")
            print(f"  [size {d.magnitude}] {shown(d.title)}{when}")
    else:
        print("Open decisions: none")
    if todo.outcomes_due:
        print(f"Outcomes due for review: {len(todo.outcomes_due)}")
        for d in todo.outcomes_due:
            print(f"  {shown(d.title)} (chose: {shown(d.choice or '-')})")
    return 0


def shown(text: str) -> str:
    """Text from the journal as the terminal may show it: a title imported from a file could hold escape
    sequences or a carriage return that rewrite the screen, so each control character prints as "?"."""
    return "".join(c if c.isprintable() else "?" for c in text)


def coach_json(data: dict[str, Any]) -> dict[str, Any]:
    """The analytics part of ``status --json``: the report minus the per-check-in detail."""
    current = [r for r in data["ruts"] + data["declines"] if r["end"] is None]
    return {
        "state": data["state"],
        "summary": data["state_detail"]["summary"] if data["state_detail"] else "No check-ins yet.",
        "current_alert": current[0] if current else None,
        "trend": data["trend"],
        "gradient": data["gradient"],
        "advice": data["advice"],
        "momentum": data["momentum"],
        "north_star": data["north_star"],
        "ruts": data["ruts"],
        "declines": data["declines"],
    }


def coach_lines(data: dict[str, Any]) -> list[str]:
    """The coach's judgement in a few plain sentences, each with its numbers."""
    detail = data["state_detail"]
    if not detail:
        return ["Coach: nothing to say until the first check-in."]
    lines = [f"Coach: {data['state'].upper()}. {detail['summary']}"]
    current = [r for r in data["ruts"] + data["declines"] if r["end"] is None]
    if current:
        lines.append(f"  Evidence: {current[0]['summary']}")
    lines.append(f"  Trend: {data['trend']['summary']}")
    # the report's summary sentences run: state, trend, gradient, steps, advice, ...
    lines.append(f"  What seems to matter lately: {data['summary'][2]}")
    lines.append(f"  Next step: {data['advice']['summary']}")
    if data["momentum"]:
        lines.append(f"  Warning: {data['momentum']['summary']}")
    if data["north_star"]:
        lines.append(f"  North Star: {data['north_star']['summary']}")
    return lines
