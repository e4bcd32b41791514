"""The decision flow end to end, by keyboard at 80×24: screens rendered and the journal (via `coach export`).

Time comes from the FakeClock: the tests move it and call the screen's ``tick`` instead of sleeping.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from textual import events
from textual.widgets import Input, TextArea

from coach.domain.models import Status
from coach.tui.screens import deliberation
from coach.tui.screens.choose import ChooseScreen
from coach.tui.screens.confirm import ConfirmScreen
from coach.tui.screens.decision import NewDecisionScreen
from coach.tui.screens.deliberation import DeliberationScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.countdown import Countdown
from coach.tui.widgets.level_picker import LevelPicker
from tests.conftest import FIXED_NOW
from tests.tui.decision_helpers import exported_decisions, flat_text, new_decision, screen_text, type_text


async def _save_with_confidence(pilot, app, confidence: str) -> None:
    app.screen.query_one("#confidence").focus()
    await type_text(pilot, confidence)
    await pilot.press("enter")
    await pilot.pause()


async def test_size_1_decided_within_budget(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Lunch", ["Pasta", "Sushi"], 1)
        assert "size 1 (trivial): your quick pick" in flat_text(app)
        assert "Budget 1m: a live countdown" in flat_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeliberationScreen)
        # saved as pending before the first second is counted, so quitting now loses nothing
        assert [d.status for d in app.journal.decisions()] == [Status.PENDING]
        clock.advance(20)
        screen.tick()
        await pilot.pause()
        text = flat_text(app)
        assert "0:20 of 1:00 spent" in text
        assert "left" in text
        assert screen.query_one(Countdown).phase == "running"
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        assert "Choice: ● Sushi" in flat_text(app)
        assert "Deliberated 0:20 of a 1m budget" in flat_text(app)
        clock.advance(30)  # filling the form is not deliberating
        await _save_with_confidence(pilot, app, "80")
        assert isinstance(app.screen, HomeScreen)
        assert "chose Sushi" in flat_text(app)
    [d] = exported_decisions()
    assert d["status"] == "decided"
    assert d["choice"] == "Sushi"
    assert d["coach_picked"] is False
    assert d["spent_seconds"] == pytest.approx(20)
    assert d["confidence"] == pytest.approx(0.8)
    assert d["magnitude"] == 1
    assert d["budget_seconds"] == pytest.approx(60)
    assert d["review_on"] == "2026-11-29T09:00:00+01:00"  # now + 3 days (size 1), that morning
    assert d["decided_at"] == "2026-11-26T09:30:50+01:00"


async def test_size_2_pick_for_me(make_app, clock, monkeypatch) -> None:
    monkeypatch.setattr(deliberation, "SEED", 11)
    expected = random.Random(11).randrange(3)
    options = ["Hike", "Cinema", "Board games"]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Saturday plan", options, 2)
        await pilot.press("enter")
        await pilot.pause()
        assert "p Pick for me" in flat_text(app)
        await pilot.press("p")
        await pilot.pause()
        text = flat_text(app)
        assert f"The coach picks: {expected + 1} {options[expected]}." in text
        assert "Levitt" in text and "never a command" in text
        clock.advance(5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        assert f"Choice: ● {options[expected]} (the coach's pick)" in flat_text(app)
        await _save_with_confidence(pilot, app, "60")
        assert isinstance(app.screen, HomeScreen)
    [d] = exported_decisions()
    assert (d["choice"], d["coach_picked"], d["status"]) == (options[expected], True, "decided")
    assert d["spent_seconds"] == pytest.approx(5)


async def test_pick_for_me_is_only_for_small_decisions_with_options(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "New job", ["Stay", "Go"], 3)
        await pilot.press("enter")
        await pilot.pause()
        assert "Pick for me" not in flat_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "The coach picks" not in flat_text(app)


async def test_over_budget_keeps_counting_and_is_recorded(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Reply to Sam", [], 1)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        countdown = screen.query_one(Countdown)
        clock.advance(50)
        screen.tick()
        await pilot.pause()
        assert countdown.phase == "near" and countdown.has_class("-near")
        assert "⚠" in flat_text(app) and "Nearly time" in flat_text(app)
        clock.advance(25)
        screen.tick()
        await pilot.pause()
        text = flat_text(app)
        assert countdown.has_class("-over")
        assert "TIME TO DECIDE" in text
        assert "Time to decide." in text and "+0:15 past the budget" in text
        await pilot.press("d")
        await pilot.pause()
        assert "over the 1m budget" in flat_text(app)
        await type_text(pilot, "Call instead")
        await _save_with_confidence(pilot, app, "90")
        assert isinstance(app.screen, HomeScreen)
        text = flat_text(app)
        assert "median 1.2× the budget" in text and "a little over budget" in text
    [d] = exported_decisions()
    assert (d["choice"], d["status"]) == ("Call instead", "decided")
    assert d["spent_seconds"] == pytest.approx(75)


async def test_size_5_becomes_pending_and_resumes_in_a_second_run(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Move to Lisbon", [], 5)
        assert "sleep on it" in flat_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeliberationScreen) and not screen.live
        text = flat_text(app)
        assert "Sleep on it." in text and "decide by Thu 03 Dec 09:30" in text
        clock.advance(30)
        screen.tick()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Move to Lisbon — decide by 03 Dec" in flat_text(app)
    [d] = exported_decisions()
    assert (d["status"], d["magnitude"]) == ("pending", 5)
    assert d["spent_seconds"] == pytest.approx(30)
    assert d["deadline"] == "2026-12-03T09:30:00+01:00"

    clock.advance(8 * 86400)  # past the deadline: a new run on the same home brings it back
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "⏰ Move to Lisbon — deadline passed: time to decide" in flat_text(second)
        await pilot.press("enter")
        await pilot.pause()
        screen = second.screen
        assert isinstance(screen, DeliberationScreen)
        text = flat_text(second)
        assert "resumed: 0:30 deliberated before" in text
        assert "The deadline has passed: time to decide." in text
        clock.advance(45)
        screen.tick()
        await pilot.pause()
        assert "Deliberated: 1:15 in all, 0:45 this session." in flat_text(second)
        await pilot.press("d")
        await pilot.pause()
        await type_text(pilot, "Go")
        await _save_with_confidence(pilot, second, "55")
        assert isinstance(second.screen, HomeScreen)
    [d] = exported_decisions()
    assert (d["status"], d["choice"]) == ("decided", "Go")
    assert d["spent_seconds"] == pytest.approx(75)
    assert d["review_on"] == "2027-03-04T09:00:00+01:00"  # 90 days for size 5


async def test_quitting_mid_countdown_records_the_time(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Tea or coffee", ["Tea", "Coffee"], 1)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(12)
        await pilot.press("q")
        await pilot.pause()
    [d] = exported_decisions()
    assert d["status"] == "pending"
    assert d["spent_seconds"] == pytest.approx(12)


async def test_long_countdown_checkpoints_every_30_seconds(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Which course", [], 2)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(31)
        app.screen.tick()
        assert app.journal.decisions()[0].spent_seconds == pytest.approx(31)
        clock.advance(10)
        await pilot.press("escape")
        await pilot.pause()
    assert exported_decisions()[0]["spent_seconds"] == pytest.approx(41)


async def test_refinement_explains_the_size_and_budget(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Change teams", [], 3)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("right")  # reversibility: from 3 (as the quick size) to 4, hard to undo
        await pilot.press("down", "right")  # stakes 4
        await pilot.press("down", "right")  # horizon 4: years
        await pilot.press("down", "right", "right", "right")  # career +3
        await pilot.press("down", "down", "down", "down", "down", "left", "left")  # finances −2
        await pilot.pause()
        text = flat_text(app)
        assert "size 4 (large): hard to undo, high stakes, moves career and finances, lasts years" in text
        assert "sleep on it" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.step == "size"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeliberationScreen)
    [d] = exported_decisions()
    assert d["magnitude"] == 4
    assert d["sizing"]["reversibility"] == 4 and d["sizing"]["horizon"] == 4
    assert d["effects"] == {"career": 3, "finances": -2}


def _burst(app, *keys: str) -> None:
    """Keys delivered at once (tmux send-keys, a script, a fast typist), unlike pilot.press's pauses."""
    for key in keys:
        char = " " if key == "space" else key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


async def test_keys_typed_in_a_burst_act_on_the_field_they_were_typed_in(make_app) -> None:
    """Tab moves the focus at once (a priority binding); a field's own bindings typed before it used to
    act on the next field: ctrl+u deleted a line of the options, → → changed the next effect."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Old")
        _burst(app, "ctrl+u", *"Sat", "tab", *"Hike", "enter", *"Gym", "enter", *"Games")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == "Sat"
        assert app.screen.query_one("#options", TextArea).text == "Hike\nGym\nGames"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("3", "f")
        await pilot.pause()
        first, second = list(app.screen.query(LevelPicker))[:2]
        assert first.has_focus and first.value is None and second.value is None
        _burst(app, "right", "right", "tab", "right", "shift+tab", "left")  # unanswered: as size 3
        await pilot.pause()
        await pilot.pause()
        assert (first.value, second.value) == (4, 4) and first.has_focus
        # ↓ is the picker's own key: what follows it in the burst is for the next picker (found in review)
        third = list(app.screen.query(LevelPicker))[2]
        _burst(app, "right", "down", "right", "down", "right")
        await pilot.pause()
        await pilot.pause()
        assert (first.value, second.value, third.value) == (5, 5, 4) and third.has_focus


async def test_no_size_until_one_is_picked_and_an_unanswered_factor_steps_from_its_size(make_app) -> None:
    """Enter on the size list used to start a size-1 (one-minute) budget for anything; → on a factor shown
    as "— (as size 4)" jumped to 1, lowering the size."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Move abroad")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDecisionScreen) and app.screen.step == "size" and app.screen.quick is None
        await pilot.press("4", "f")
        await pilot.pause()
        reversibility, stakes = list(app.screen.query(LevelPicker))[:2]
        assert reversibility.value is None and "as size 4" in reversibility.describe(None)
        await pilot.press("right", "down", "left")
        await pilot.pause()
        assert (reversibility.value, stakes.value) == (5, 3)
    assert exported_decisions() == []


async def test_esc_steps_back_and_leaves_without_saving(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Nothing", [], 2)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.step == "describe"
        await pilot.press("escape")  # a title was typed: it asks before throwing it away
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "This decision is not recorded yet" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: it just leaves
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert exported_decisions() == []


async def test_empty_title_is_refused_inline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewDecisionScreen) and app.screen.step == "describe"
        assert "A decision needs a title" in flat_text(app)
        await pilot.press("space", "space", "ctrl+s")
        await pilot.pause()
        assert app.screen.step == "describe"
        assert app.journal.decisions() == []
        await pilot.press("ctrl+u", "J", "o", "b")  # the warning goes once a title is typed
        await pilot.pause()
        assert "A decision needs a title" not in flat_text(app)
        await pilot.press("tab", "shift+tab", "s")  # back in the title: the key adds, it replaces nothing
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == "Jobs"


async def test_bad_confidence_and_past_review_date_save_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Gym tonight", ["Yes", "No"], 1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#confidence").focus()
        await type_text(pilot, "7x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Confidence must be a whole number from 0 to 100, not '7x'." in flat_text(app)
        assert app.focused is screen.query_one("#confidence")
        await pilot.press("backspace", "backspace", "1", "2", "0", "ctrl+s")
        await pilot.pause()
        assert "Confidence is a percentage: 0 to 100, not 120." in flat_text(app)
        screen.query_one("#confidence").value = "70"
        screen.query_one("#review").value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The review date 2026-11-20 is in the past" in flat_text(app)
        screen.query_one("#review").value = "next week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "'next week' is not a date" in flat_text(app)
        assert isinstance(app.screen, ChooseScreen)
        assert [d.status for d in app.journal.decisions()] == [Status.PENDING]
        screen.query_one("#review").value = "2026-12-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [d] = exported_decisions()
    assert d["review_on"] == "2026-12-01T09:00:00+01:00" and d["confidence"] == pytest.approx(0.7)


async def test_no_choice_is_refused(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Holiday", [], 1)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose an option (1–9) or type what you decided." in flat_text(app)
        await pilot.press("escape")  # back to deliberating: the countdown resumes
        await pilot.pause()
        assert isinstance(app.screen, DeliberationScreen)
    assert exported_decisions()[0]["status"] == "pending"


async def test_drop_from_the_countdown_asks_first(make_app, clock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Buy a plant", [], 1)
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(8)
        await pilot.press("x")
        await pilot.pause()
        assert "Drop “Buy a plant”?" in flat_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DeliberationScreen)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    [d] = exported_decisions()
    assert d["status"] == "dropped" and d["spent_seconds"] == pytest.approx(8)


def test_review_date_is_checked_against_now() -> None:
    from coach.tui.screens.choose import parse_confidence, parse_review

    now = FIXED_NOW
    assert parse_review("2026-11-27", now) == datetime(2026, 11, 27, 9, 0, tzinfo=now.tzinfo)
    assert parse_review("2026-11-26", now) == now  # today: due at once, since 09:00 is gone at 09:30
    assert parse_review("2026-11-26", now - timedelta(hours=2)) == datetime(2026, 11, 26, 9, 0, tzinfo=now.tzinfo)
    with pytest.raises(ValueError, match="in the past: pick today or a later day"):
        parse_review("2026-11-25", now)
    with pytest.raises(ValueError, match="in the past"):
        parse_review("2026-11-26T09:00+01:00", now)
    assert parse_review("2026-11-26T10:00+01:00", now) == now + timedelta(minutes=30)
    assert parse_confidence("") is None and parse_confidence("55%") == pytest.approx(0.55)


async def test_help_shows_the_size_keys_as_one_range(make_app) -> None:
    app = make_app("decide")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"Move", "ctrl+s")  # on to sizing, where the size keys apply
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert "1-5  Size" in screen_text(app)
