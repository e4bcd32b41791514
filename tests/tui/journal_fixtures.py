"""Helpers for the check-in, review and trajectory UI tests: a deterministic journal and the screen's text.

The demo journal (``coach.domain.demo``) is written for a fixed ``today`` matching the tests' fixed clock, so
dates on screen are stable; ``settle`` waits for the app's analytics worker so analytics-dependent text
never depends on thread timing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach.domain.models import CheckIn
from coach.session import Session

TODAY = date(2026, 11, 26)  # the day of tests/conftest.FIXED_NOW


def write_demo_journal(session: Session, seed: int = 7) -> None:
    """Fill the test home's journal with the demo story ending the day before TODAY."""
    from coach.domain.demo import write_demo

    with session.open_journal(backup=False) as journal:
        write_demo(journal, seed, TODAY)


def write_weekly(session: Session, weeks: int = 6, start: datetime | None = None) -> list[CheckIn]:
    """A small hand-made journal: one check-in a week, values easy to assert on (career = week index)."""
    start = start or datetime(2026, 10, 15, 20, 0).astimezone()
    out = []
    with session.open_journal(backup=False) as journal:
        for i in range(weeks):
            c = CheckIn(at=start + timedelta(days=7 * i), satisfaction=float(4 + i % 5),
                        ratings={"career": float(i), "health": float(9 - i)}, note=f"week {i} [note]")
            journal.add_checkin(c)
            out.append(c)
    return out


def screen_text(app: object) -> str:
    """Everything the active screen shows, as plain text (one line per terminal row)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join(s.text for s in strips)


async def settle(pilot: object) -> None:
    """Let the analytics worker finish and its AnalysisReady message land, then let the screen repaint."""
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
