"""Outcome review from the home screen, and the predicted change in satisfaction on the choice form."""

from __future__ import annotations

import pytest

from coach.tui.app import AnalysisReady
from coach.tui.screens.choose import ChooseScreen, prediction_text
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.outcome import OutcomeScreen
from tests.tui.decision_helpers import exported_decisions, flat_text, new_decision, seed_decision, type_text


async def test_outcome_review_from_home(make_app, session) -> None:
    seed_decision(session, "Join the climbing gym", review_in_days=-2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "✎ Join the climbing gym — outcome due since Tue 09:30: how did it go?" in flat_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        text = flat_text(app)
        assert "You chose Yes" in text and "(70% sure)" in text and "Expected: career +2." in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "How did it turn out? Press b" in flat_text(app)
        await pilot.press("b", "y")
        app.screen.query_one("#change").focus()
        await type_text(pilot, "abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "The satisfaction change is a number from −10 to +10, not 'abc'." in flat_text(app)
        app.screen.query_one("#change").value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "must be between −10 and +10, not 12" in flat_text(app)
        assert exported_decisions()[0]["status"] == "decided"  # nothing saved yet
        app.screen.query_one("#change").value = ""
        await type_text(pilot, "+3")
        await pilot.press("tab", "tab")  # past "again?" to the note
        assert app.focused is app.screen.query_one("#note")
        await type_text(pilot, "Love it")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = flat_text(app)
        assert "outcome due" not in text
        assert "★ [size 2] Join the climbing gym — chose Yes, better" in text
    [d] = exported_decisions()
    assert d["status"] == "reviewed"
    assert d["outcome"] == {"result": "better", "satisfaction_change": 3.0, "again": True, "note": "Love it",
                            "reviewed_at": "2026-11-26T09:30:00+01:00"}


async def test_outcome_worse_and_not_again_by_keys(make_app, session) -> None:
    seed_decision(session, "Night shift", review_in_days=-1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("w", "n", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    outcome = exported_decisions()[0]["outcome"]
    assert (outcome["result"], outcome["again"], outcome["satisfaction_change"]) == ("worse", False, None)


def test_a_verdict_against_the_change_gets_a_remark() -> None:
    from coach.domain.models import Result
    from coach.tui.screens.outcome import mixed_remark

    assert mixed_remark(Result.BETTER, -2.0) == " Kept as you said, though your satisfaction fell by 2."
    assert mixed_remark(Result.WORSE, 1.5) == " Kept as you said, though your satisfaction rose by 1.5."
    assert mixed_remark(Result.BETTER, 2.0) == mixed_remark(Result.AS_EXPECTED, -3.0) == ""
    assert mixed_remark(Result.WORSE, None) == mixed_remark(Result.WORSE, 0.0) == ""


async def test_escape_leaves_the_review_unsaved(make_app, session) -> None:
    seed_decision(session, "Night shift", review_in_days=-1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("b", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert exported_decisions()[0]["status"] == "decided"


class FakeAnalysis:
    def __init__(self, value: tuple[float, float, float] | None) -> None:
        self.value = value
        self.calls: list[tuple[dict[str, int], int]] = []

    def predict(self, effects: dict[str, int], size: int) -> tuple[float, float, float] | None:
        self.calls.append((dict(effects), size))
        return self.value


def test_prediction_text_only_with_a_real_estimate() -> None:
    assert prediction_text(None, {"career": 1}, 2) == ""
    assert prediction_text(FakeAnalysis(None), {"career": 1}, 2) == ""
    text = prediction_text(FakeAnalysis((0.4, -0.3, 1.1)), {"career": 1}, 2)
    assert "+0.4" in text and "-0.3 to +1.1" in text and "the estimate is a guess" in text

    class Broken:
        def predict(self, effects: dict[str, int], size: int) -> None:
            raise RuntimeError("boom")

    assert prediction_text(Broken(), {}, 1) == ""


async def test_prediction_appears_when_the_analysis_arrives(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await new_decision(pilot, "Take the course", ["Yes", "No"], 3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChooseScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Predicted" not in flat_text(app)  # no check-ins: no estimate, so nothing is shown
        fake = FakeAnalysis((0.6, -0.5, 1.7))
        app.analysis = fake
        screen.post_message(AnalysisReady())
        await pilot.pause()
        assert "Predicted change in satisfaction for this step: +0.6 (range -0.5 to +1.7)" in flat_text(app)
        screen.query_one("#eff-1").focus()
        await pilot.press("right")
        await pilot.pause()
        assert fake.calls[-1] == ({"health": 1}, 3)
        fake.value = None
        await pilot.press("right")
        await pilot.pause()
        assert "Predicted" not in flat_text(app)


@pytest.mark.parametrize("size", [(200, 50)])
async def test_outcome_review_at_200x50(make_app, session, size) -> None:
    seed_decision(session, "Night shift", review_in_days=-1)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e", "y", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert exported_decisions()[0]["outcome"]["result"] == "as_expected"
