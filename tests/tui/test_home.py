"""The home screen: due items first, recent decisions, overthinking; j/k and Enter; drop; light first frame."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from coach.domain.models import CheckIn
from coach.tui.screens.deliberation import DeliberationScreen
from coach.tui.screens.home import HomeScreen, overthinking_text, times
from coach.tui.screens.outcome import OutcomeScreen
from tests.conftest import FIXED_NOW
from tests.tui.decision_helpers import exported_decisions, flat_text, screen_text, seed_decision


def _seed_agenda(session) -> None:
    seed_decision(session, "Sell the car", status="pending", size=4, deadline_in_days=-1, spent=120, budget=60000)
    seed_decision(session, "Book flights", status="pending", size=3, deadline_in_days=0.5, spent=0, budget=6000)
    seed_decision(session, "Adopt a cat", status="decided", review_in_days=-3)
    seed_decision(session, "Pasta or sushi", status="decided", size=1, spent=90, budget=60, review_in_days=2,
                  days_ago=2)


async def test_new_user_home(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = flat_text(app)
        assert "Due ○ This week's check-in is not done yet — Enter or c" in text
        assert "None in the last 30 days. Press n to size one." in text
        assert "no decided decisions yet" in text
        for key in ("n New decision", "c Check in", "r Review", "t Trajectory", "? Help", "q Quit"):
            assert key in text


async def test_due_first_then_recent_and_overthinking(make_app, session) -> None:
    _seed_agenda(session)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = flat_text(app)
        order = ["⏰ Sell the car — deadline passed", "⏳ Book flights — decide by Thu 21:30",
                 "✎ Adopt a cat — outcome due", "This week's check-in is not done", "Recent decisions",
                 "✓ [size 1] Pasta or sushi — chose Yes · 1m 30s of 1m"]
        positions = [text.index(item) for item in order]
        assert positions == sorted(positions)
        assert "Overthinking (last 30 days): median 1.0× the budget" in text
        assert "size 1: 1.5× (1) · size 2: 0.5× (1)" in text


async def test_checkin_done_this_week(make_app, session) -> None:
    with session.open_journal(backup=False) as journal:
        journal.add_checkin(CheckIn(at=FIXED_NOW.replace(hour=8), satisfaction=7, ratings={"career": 6}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "✓ This week's check-in is done (Thu 26 Nov)" in flat_text(app)


async def test_jk_move_and_enter_opens_the_right_screen(make_app, session) -> None:
    _seed_agenda(session)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#home-list")
        assert items.highlighted_row.id.startswith("pending:")
        await pilot.press("j", "j")
        assert items.highlighted_row.id.startswith("outcome:")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "Adopt a cat" in flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert items.highlighted_row.id.startswith("outcome:")  # the cursor stays put
        await pilot.press("k", "k", "down", "up")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeliberationScreen)
        assert "Sell the car" in flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Esc on home: back to the top of the list
        assert items.highlighted_row.id.startswith("pending:")


async def test_a_new_item_above_the_cursor_takes_it_to_the_top(make_app, session) -> None:
    """Left on "this week's check-in is done", the cursor stayed there when a decision left pending came up
    above it, and Enter added a second check-in (found in a walk-through)."""
    with session.open_journal(backup=False) as j:
        j.add_checkin(CheckIn(at=FIXED_NOW - timedelta(hours=2), satisfaction=7))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#home-list")
        assert items.highlighted_row.id == "checkin"
        seed_decision(session, "Move abroad", status="pending", deadline_in_days=3)
        app.screen.refresh_view()  # as on coming back from the decision, left pending
        await pilot.pause()
        assert items.highlighted_row.id.startswith("pending:")
        app.screen.refresh_view()  # nothing new: the cursor stays where it is
        await pilot.press("j")
        app.screen.refresh_view()
        await pilot.pause()
        assert items.highlighted_row.id == "checkin"


async def test_mouse_click_opens_an_item(make_app, session) -> None:
    seed_decision(session, "Adopt a cat", status="decided", review_in_days=-3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await pilot.click("#home-list", offset=(10, 1))  # row 0 is the "Due" heading
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)


async def test_drop_asks_then_marks_dropped(make_app, session) -> None:
    seed_decision(session, "Sell the car", status="pending", deadline_in_days=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Drop “Sell the car”?" in flat_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert exported_decisions()[0]["status"] == "pending"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = flat_text(app)
        assert "⏳ Sell the car" not in text
        assert "✗ [size 2] Sell the car — dropped" in text
    assert exported_decisions()[0]["status"] == "dropped"


async def test_home_at_200x50_and_light_theme(make_app, session) -> None:
    _seed_agenda(session)
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        assert "⏰ Sell the car — deadline passed: time to decide" in flat_text(app)
        await pilot.resize_terminal(80, 15)
        await pilot.pause()
        assert "Terminal too small" in flat_text(app)


async def test_the_palette_lists_each_command_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Screenshot" in titles
        assert not {"Quit", "Keys", "Maximize"} & set(titles)  # coach's own Quit and ? (help) stand for them
        await pilot.press("ctrl+p")
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        text = flat_text(app)
        assert "Leave coach" in text and "Quit the application" not in text  # Textual's own, before


def test_help_lists_every_home_binding(make_app) -> None:
    screen = HomeScreen()
    for binding in screen.BINDINGS:
        assert binding.description  # type: ignore[union-attr]


def test_overthinking_text_and_times() -> None:
    assert times(0.01) == "<0.1×" and times(0) == "0.0×" and times(2.26) == "2.3×"
    assert "no decided decisions yet" in overthinking_text([], FIXED_NOW)


def test_home_module_imports_no_numpy_or_analytics() -> None:
    code = ("import sys; import coach.tui.screens.home; "
            "bad = [m for m in sys.modules if m in ('numpy', 'coach.insight') or m.startswith('coach.analytics')]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


async def test_an_empty_journal_offers_the_demo(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "This week's check-in is not done yet" in text and "coach --demo" in text
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert "coach --demo" not in " ".join(screen_text(app).split())


async def test_long_due_lists_are_capped_so_the_whole_home_fits_80x24(make_app, session) -> None:
    for k in range(11):
        seed_decision(session, f"Pending {k}", status="pending", size=4, deadline_in_days=2 + k)
        seed_decision(session, f"Decided {k}", review_in_days=-1 - k)
    for k in range(4):
        seed_decision(session, f"Recent {k}", status="reviewed", days_ago=1 + k, review_in_days=None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = app.screen.query_one("#home-list")
        texts = [str(row.text) for row in items.rows if row is not None]
        visible = screen_text(app)
        scrolls = items.max_scroll_y
    assert sum(t.startswith("⏳") for t in texts) == 3
    assert any("and 8 more pending decisions" in t for t in texts)
    assert sum(t.startswith("✎") for t in texts) == 3
    assert sum(t.startswith("★") for t in texts) == 3  # the three latest of four
    # nothing below the fold: the check-in, the recent decisions and the overthinking line are all in sight
    assert scrolls == 0
    assert "This week's check-in is not done yet" in visible
    assert "★ [size 2] Recent 0" in visible and "★ [size 2] Recent 2" in visible
    assert "Overthinking" in visible


async def test_dates_from_another_year_say_which(make_app, session) -> None:
    seed_decision(session, "Old habit", review_in_days=-400)
    seed_decision(session, "Fresh one", review_in_days=-20)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = flat_text(app)
    old = (FIXED_NOW - timedelta(days=400)).strftime("%d %b %Y")
    fresh = (FIXED_NOW - timedelta(days=20)).strftime("%d %b")
    assert f"Old habit — outcome due since {old}" in text
    assert f"Fresh one — outcome due since {fresh}:" in text


async def test_rows_wrap_again_when_the_terminal_changes_width(make_app, session) -> None:
    title = "Whether to move to the flat nearer the climbing gym before the lease runs out in spring"
    seed_decision(session, title, status="pending", deadline_in_days=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert title not in screen_text(app)  # wrapped over two lines at 80 columns
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert title in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert title not in screen_text(app)


async def test_enter_on_and_n_more_shows_the_rest(make_app, session) -> None:
    for k in range(8):
        seed_decision(session, f"Pending {k}", status="pending", size=4, deadline_in_days=2 + k)
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#home-list")
        more = options.index_of("more:pending")
        options.highlighted = more
        await pilot.press("enter")
        await pilot.pause()
        prompts = [str(row.text) for row in options.rows if row is not None]
        assert sum(p.startswith("⏳") for p in prompts) == 8 and not any("more pending" in p for p in prompts)
        assert str(options.highlighted_row.text).startswith("⏳ Pending 3")  # the first one it was hiding
