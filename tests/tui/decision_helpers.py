"""Helpers shared by the decision-flow pilot tests: the rendered screen as text, and the journal via export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from coach.tui.scripting import KEY_NAMES, new_decision, type_text

__all__ = ["KEY_NAMES", "new_decision", "type_text"]


def screen_text(app: Any) -> str:
    """What the terminal shows right now, as plain text lines (the compositor's output, not widget state)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def export_journal() -> dict[str, Any]:
    """The journal as ``coach export`` writes it (JSON), read with this test's COACH_HOME."""
    done = subprocess.run([sys.executable, "-m", "coach", "export"], env=dict(os.environ),
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def exported_decisions() -> list[dict[str, Any]]:
    return export_journal()["decisions"]


async def deliberate(pilot: Any, clock: Any, title: str, options: list[str], size: int, seconds: float) -> None:
    """Size a decision, start deliberating, and let ``seconds`` pass on the test's clock."""
    await new_decision(pilot, title, options, size)
    await pilot.press("enter")
    await pilot.pause()
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


def flat_text(app: Any) -> str:
    """The screen's text with all whitespace (line wraps included) collapsed to single spaces."""
    return " ".join(screen_text(app).split())


def seed_decision(session: Any, title: str, *, status: str = "decided", size: int = 2, days_ago: float = 10,
                  review_in_days: float | None = -1, deadline_in_days: float | None = None, spent: float = 300,
                  budget: float = 600, choice: str | None = "Yes", now: Any = None) -> str:
    """Write one decision straight into the test's journal (as an earlier session would have); returns its id."""
    from datetime import timedelta

    from coach.domain.models import Decision, Status
    from tests.conftest import FIXED_NOW

    now = now or FIXED_NOW
    d = Decision(
        title=title, created_at=now - timedelta(days=days_ago), magnitude=size, budget_seconds=budget,
        options=["Yes", "No"], sizing={"quick": size}, spent_seconds=spent, status=Status(status),
        choice=choice if status != "pending" else None, effects={"career": 2} if status != "pending" else {},
        confidence=0.7 if status != "pending" else None,
        decided_at=now - timedelta(days=days_ago - 1) if status != "pending" else None,
        review_on=now + timedelta(days=review_in_days) if review_in_days is not None and status != "pending"
        else None,
        deadline=now + timedelta(days=deadline_in_days) if deadline_in_days is not None else None,
    )
    with session.open_journal(backup=False) as journal:
        journal.add_decision(d)
    return d.id
