"""Snapshots of the weekly review, the trajectory browser (time chart, all dimensions, path) and the check-in
form at 80×24 and 120×40, on the demo journal with the tests' fixed clock.

The analytics worker is awaited before the picture is taken, so the coach's status and the shading never
depend on thread timing. A change in the analytics model legitimately changes these pictures: review the
diff (``snapshot_report.html``) and update with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import pytest

from coach.session import Session
from tests.tui.journal_fixtures import write_demo_journal

SIZES = [(80, 24), (120, 40)]


async def _settled(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("review"), run_before=_settled, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_last_week(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("review"), run_before=_settled, press=["left_square_bracket"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trajectory(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("trajectory"), run_before=_settled, press=["minus", "h", "h"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trajectory_all_dimensions(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("trajectory"), run_before=_settled, press=["minus", "minus", "a"],
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trajectory_path(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("trajectory"), run_before=_settled, press=["minus", "p", "h", "h", "h"],
                        terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checkin_form(snap_compare, make_app, session: Session, size: tuple[int, int]) -> None:
    write_demo_journal(session)
    assert snap_compare(make_app("checkin"), run_before=_settled, press=["l", "tab", "x"], terminal_size=size)


def test_trajectory_light_theme(snap_compare, make_app, session: Session) -> None:
    write_demo_journal(session)
    app = make_app("trajectory")
    app.theme = "textual-light"
    assert snap_compare(app, run_before=_settled, terminal_size=(100, 30))


def test_trajectory_no_color(snap_compare, make_app, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    write_demo_journal(session)
    assert snap_compare(make_app("trajectory"), run_before=_settled, press=["h"], terminal_size=(100, 30))
