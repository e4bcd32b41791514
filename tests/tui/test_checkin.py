"""The check-in form: digits, 10, nudges, skips, prefill, save in one go, cancel, edit."""

from __future__ import annotations

from textual import events

from coach.session import Session
from coach.tui.screens.checkin import CheckInScreen
from coach.tui.screens.confirm import ConfirmScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.rating import RatingInput
from tests.tui.journal_fixtures import screen_text, settle, write_weekly


def _values(app) -> dict[str, float | None]:
    return {w.label: w.value for w in app.screen.query(RatingInput)}


async def test_first_checkin_typed_from_scratch(make_app, session: Session) -> None:
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "Check-in · Thursday 26 November 2026" in screen_text(app)
        assert "first check-in" in screen_text(app)
        # career 7, health 1-0 = 10, relationships 3 then skipped, learning t = 10, play nudged up from blank
        await pilot.press("7", "tab", "1", "0", "tab", "3", "x", "tab", "t", "tab", "right", "right")
        await pilot.press("down", "9", "backspace", "down", "6")
        await pilot.press("tab", *"good week", "enter")
        await pilot.pause()
        vals = _values(app)
        assert vals == {"career": 7.0, "health": 10.0, "relationships": None, "learning": 10.0, "play": 6.0,
                        "finances": None, "satisfaction": 6.0}
        assert "(last" not in screen_text(app)  # there was no last time to compare with
        assert app.screen.focused.id == "save"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInScreen)
        saved = app.journal.last_checkin()
        assert saved.satisfaction == 6.0 and saved.note == "good week"
        assert saved.ratings == {"career": 7.0, "health": 10.0, "learning": 10.0, "play": 6.0}
        assert saved.at.date().isoformat() == "2026-11-26"


async def test_prefilled_unchanged_week_is_one_keypress(make_app, session: Session) -> None:
    write_weekly(session, weeks=3)
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Prefilled from your check-in of Thu 29 Oct 2026" in text
        vals = _values(app)
        assert vals["career"] == 2.0 and vals["health"] == 7.0 and vals["satisfaction"] == 6.0
        assert "(last 2)" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.journal.checkin_count() == 4
        last = app.journal.last_checkin()
        assert last.ratings == {"career": 2.0, "health": 7.0} and last.satisfaction == 6.0


async def test_keys_typed_just_before_ctrl_s_are_saved(make_app, session: Session) -> None:
    """ctrl+s is a priority binding, handled as it arrives; the keys before it wait in the focused field's
    queue. Typed in one burst (a fast typist, a paste, tmux send-keys), they must still count."""
    write_weekly(session, weeks=3)
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("left", "left", "down", "right", "ctrl+s"):  # no pause between them, unlike pilot.press
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert app.journal.checkin_count() == 4
        assert app.journal.last_checkin().ratings == {"career": 0.0, "health": 8.0}


async def test_ctrl_s_twice_in_a_burst_saves_once(make_app, session: Session) -> None:
    write_weekly(session, weeks=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for edit in (None, app.journal.last_checkin()):  # a new check-in, then editing the last one
            app.push_screen(CheckInScreen(edit))
            await pilot.pause()
            for key in ("8", "ctrl+s", "ctrl+s"):
                app.post_message(events.Key(key, None))
            await settle(pilot)
            assert not isinstance(app.screen, CheckInScreen) and len(app.screen_stack) == 1
        assert app.journal.checkin_count() == 4
        assert app.journal.last_checkin().ratings["career"] == 8.0


async def test_nudge_shows_the_change_and_ten_is_the_top(make_app, session: Session) -> None:
    write_weekly(session, weeks=3)
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "right")
        await pilot.pause()
        assert "(last 2, +3)" in screen_text(app)
        await pilot.press("h")
        assert _values(app)["career"] == 4.0
        await pilot.press("9", "right", "right", "right")
        assert _values(app)["career"] == 10.0
        await pilot.press("0", "left")
        assert _values(app)["career"] == 0.0


async def test_missing_satisfaction_blocks_saving(make_app, session: Session) -> None:
    app = make_app("checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.focused.id == "rate-satisfaction"
        assert app.journal.checkin_count() == 0


async def test_escape_cancels_without_writing(make_app, session: Session) -> None:
    write_weekly(session, weeks=2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape")  # nothing changed: it just leaves
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("3", "escape")  # a change: it asks first, and "Keep editing" keeps it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Leave without saving?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen) and _values(app)["career"] == 3.0
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.journal.checkin_count() == 2


async def test_edit_keeps_date_and_id(make_app, session: Session) -> None:
    first = write_weekly(session, weeks=3)[1]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        results = []
        app.push_screen(CheckInScreen(app.journal.get_checkin(first.id)), results.append)
        await pilot.pause()
        text = screen_text(app)
        assert "Edit the check-in of Thursday 22 October 2026" in text
        assert _values(app)["career"] == 1.0
        await pilot.press("4", "x")  # career 4 then skipped
        app.screen.query_one("#rate-satisfaction", RatingInput).focus()
        await pilot.press("1", "0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.journal.get_checkin(first.id)
        assert saved.at == first.at and saved.satisfaction == 10.0
        assert saved.ratings == {"health": 8.0} and saved.note == "week 1 [note]"
        assert results and results[0].id == first.id
        assert app.journal.checkin_count() == 3


async def test_editing_the_first_checkin_compares_with_nothing(make_app, session: Session) -> None:
    first, second = write_weekly(session, weeks=2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CheckInScreen(app.journal.get_checkin(first.id)))
        await pilot.pause()
        assert "(last" not in screen_text(app)
        app.pop_screen()
        app.push_screen(CheckInScreen(app.journal.get_checkin(second.id)))
        await pilot.pause()
        assert "(last 0, +1)" in screen_text(app)  # the second compares with the first (career = week index)


async def test_help_lists_the_form_keys(make_app) -> None:
    app = make_app("checkin")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Keys: Check-in" in text and "Save" in text and "Cancel" in text and "1 then 0" in text
