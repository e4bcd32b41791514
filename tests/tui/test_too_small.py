"""Down to 40×12 every screen shows a clear "terminal too small" notice instead of a broken layout, and
growing the terminal again restores the screen."""

from __future__ import annotations

import pytest

from tests.tui.decision_helpers import screen_text


@pytest.mark.parametrize("key", [None, "n", "c", "r", "t", "question_mark"])
async def test_too_small_notice_and_back(make_app, key: str | None) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if key:
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        normal = screen_text(app)
        assert "Terminal too small" not in normal
        for size in ((40, 12), (59, 24), (80, 19)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen is screen
            text = screen_text(app)
            assert "Terminal too small" in text, (key, size)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        restored = screen_text(app)
        assert "Terminal too small" not in restored
        assert restored.split() == normal.split()  # the same screen again, focus included


async def test_navigation_keys_do_not_stack_tasks(make_app) -> None:
    """n/c/r/t act on the browsing screens only: inside a form the same letters never open a second task."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        task = app.screen
        assert type(task).__name__ == "NewDecisionScreen" and type(form).__name__ == "CheckInScreen"
        depth = len(app.screen_stack)
        await app.run_action("checkin")
        await app.run_action("review")
        await pilot.pause()
        assert app.screen is task and len(app.screen_stack) == depth
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_q_in_a_form_does_not_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "CheckInScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0  # q on home quits


async def test_ctrl_q_quits_from_a_form(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_help_lists_the_keys_of_the_screen_it_covers(make_app) -> None:
    from tests.tui.decision_helpers import screen_text

    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for label in ("New decision", "Check in", "Review", "Trajectory", "Quit"):
            assert label in text, label
