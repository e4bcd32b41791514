"""Snapshots of every screen of the decision flow at 80×24 (fixed clock, fixed now, fixed seed).

Plain ``def`` tests: snap_compare runs its own event loop.
"""

from __future__ import annotations

import pytest

from coach.tui.screens import deliberation
from tests.tui.decision_helpers import deliberate, new_decision, seed_decision, type_text

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _fixed_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deliberation, "SEED", 11)


def test_sizing(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await new_decision(pilot, "Which laptop to buy", ["Thinkpad", "MacBook", "Framework"], 3)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_refinement(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await new_decision(pilot, "Change teams", [], 3)
        # unanswered factors stand for size 3: reversibility 4, stakes 3, horizon 4, the first effect +3
        await pilot.press("f", "right", "down", "right", "left", "down", "right", "down", "right", "right", "right")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_countdown_with_pick(snap_compare, make_app, clock) -> None:
    async def run_before(pilot) -> None:
        await deliberate(pilot, clock, "Saturday plan", ["Hike", "Cinema", "Board games"], 2, 130)
        await pilot.press("p")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_over_budget(snap_compare, make_app, clock) -> None:
    async def run_before(pilot) -> None:
        await deliberate(pilot, clock, "Reply to Sam", ["Call", "Write"], 1, 75)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_pending_sleep_on_it(snap_compare, make_app, clock) -> None:
    async def run_before(pilot) -> None:
        await deliberate(pilot, clock, "Move to Lisbon", ["Move", "Stay"], 5, 42)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_choose(snap_compare, make_app, clock) -> None:
    async def run_before(pilot) -> None:
        await new_decision(pilot, "Take the course", ["Yes", "No", "Next term"], 3)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(95)
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_choose_with_error(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await new_decision(pilot, "Gym tonight", [], 1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Go")
        pilot.app.screen.query_one("#confidence").value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_outcome_review(snap_compare, make_app, session) -> None:
    seed_decision(session, "Join the climbing gym", review_in_days=-2)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b", "y")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_home_with_due_items(snap_compare, make_app, session) -> None:
    seed_decision(session, "Sell the car", status="pending", size=4, deadline_in_days=-1, spent=120, budget=60000)
    seed_decision(session, "Book flights", status="pending", size=3, deadline_in_days=0.5, spent=0, budget=6000)
    seed_decision(session, "Adopt a cat", status="decided", review_in_days=-3)
    seed_decision(session, "Pasta or sushi", status="decided", size=1, spent=90, budget=60, review_in_days=2,
                  days_ago=2)
    seed_decision(session, "New phone", status="reviewed", size=3, spent=2000, budget=6000, days_ago=20)

    async def run_before(pilot) -> None:
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_countdown_near_end_light_theme(snap_compare, make_app, clock) -> None:
    async def run_before(pilot) -> None:
        pilot.app.theme = "textual-light"
        await new_decision(pilot, "Reply to Sam", ["Call", "Write"], 1)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(52)
        pilot.app.screen.tick()
        await pilot.pause()

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)


def test_over_budget_no_color(snap_compare, make_app, clock, monkeypatch) -> None:
    """Under NO_COLOR the overtime still shows: ⏰ glyph, bold digits, reverse-video "TIME TO DECIDE"."""
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot) -> None:
        await deliberate(pilot, clock, "Reply to Sam", ["Call", "Write"], 1, 75)

    assert snap_compare(make_app(), run_before=run_before, terminal_size=SIZE)
