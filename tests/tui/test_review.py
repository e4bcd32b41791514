"""The weekly review: the week shown, [ ] . navigation, the table's numbers, status, steps, outcomes due."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from coach.session import Session
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.review import READING, ReviewScreen
from coach.tui.screens.trajectory import TrajectoryScreen
from tests.tui.journal_fixtures import screen_text, settle, write_demo_journal, write_weekly


def _static(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _row(app, name: str) -> list[str]:
    """The cells of one line of the check-in table: [name, this week, before, change...]."""
    for line in _static(app, "#checkin-numbers").splitlines():
        if line.startswith(name + " "):
            return line.split()
    raise AssertionError(f"no row {name}")


async def test_weeks_move_with_brackets_and_dot(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Week of Mon 23 Nov – Sun 29 Nov 2026 · this week" in _static(app, "#review-week")
        assert "No check-in this week yet: press c" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Week of Mon 16 Nov – Sun 22 Nov 2026 · last week" in _static(app, "#review-week")
        text = screen_text(app)
        assert "Checked in Thu 19 Nov 2026 · “week 5 [note]”" in text
        # satisfaction 4 against 8 the week before; career 5 against 4
        assert _row(app, "satisfaction") == ["satisfaction", "4", "8", "▼", "−4"]
        assert _row(app, "career") == ["career", "5", "4", "▲", "+1"]
        assert _row(app, "relationships") == ["relationships", "—", "—"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "Mon 2 Nov – Sun 8 Nov 2026 · 3 weeks ago" in _static(app, "#review-week")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Mon 9 Nov – Sun 15 Nov 2026 · 2 weeks ago" in _static(app, "#review-week")
        await pilot.press("full_stop")
        await pilot.pause()
        assert "· this week" in _static(app, "#review-week")
        await pilot.press("right_square_bracket")  # never past this week
        await pilot.pause()
        assert "· this week" in _static(app, "#review-week")


async def test_bracket_stops_at_the_first_entry(make_app, session: Session) -> None:
    write_weekly(session, weeks=2)  # 15 and 22 Oct
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for _ in range(12):
            await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Mon 12 Oct – Sun 18 Oct 2026" in _static(app, "#review-week")
        assert "week 0 [note]" in screen_text(app)


async def test_status_says_still_reading_until_the_analytics_arrive(make_app, session: Session,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write_weekly(session, weeks=3)
    monkeypatch.setattr(CoachApp, "warm_up", lambda self: None)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert READING in _static(app, "#coach-status")
        app.analysis_error = "ValueError: broken"
        app.screen.post_message(__import__("coach.tui.app", fromlist=["AnalysisReady"]).AnalysisReady())
        await pilot.pause()
        assert "could not read your journal: ValueError: broken" in _static(app, "#coach-status")


async def test_demo_week_shows_status_advice_steps_and_outcomes(make_app, session: Session) -> None:
    write_demo_journal(session)
    app = make_app("review")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        status = _static(app, "#coach-status")
        assert "Status (now):" in status and "points/month" in status
        assert "Next week: a step of size" in status
        assert "North Star: You are" in status
        now = status
        steps = _static(app, "#steps")
        assert "How many:" in steps and "In the last 8 weeks you logged" in steps
        outcomes = app.screen.query_one("#outcomes", OptionList)
        labels = [str(outcomes.get_option_at_index(i).prompt) for i in range(outcomes.option_count)]
        assert any("Join the climbing league" in label for label in labels)
        # a week with steps: how big, how well aimed, deliberation
        for _ in range(6):
            await pilot.press("left_square_bracket")
            await pilot.pause()
            if "How big:" in _static(app, "#steps"):
                break
        steps = _static(app, "#steps")
        assert "How big:" in steps and "How well aimed" in steps and "Deliberation:" in steps
        status = _static(app, "#coach-status")
        assert "Status (as of" in status and "The advice then: a step of size" in status
        assert "Next week:" not in status  # today's advice under that week's state read as a contradiction
        assert status != now and "North Star: You are" in status


async def test_enter_on_a_due_outcome_opens_it(make_app, session: Session) -> None:
    from coach.tui.screens.outcome import OutcomeScreen

    write_demo_journal(session)
    app = make_app("review")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        outcomes = app.screen.query_one("#outcomes", OptionList)
        outcomes.focus()
        outcomes.highlighted = next(i for i in range(outcomes.option_count)
                                    if "climbing league" in str(outcomes.get_option_at_index(i).prompt))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert "Join the climbing league" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_checking_in_from_the_review_fills_the_week(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("8", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Checked in Thu 26 Nov 2026" in text and "No check-in this week yet" not in text
        assert _row(app, "career")[:3] == ["career", "8", "5"]


async def test_escape_goes_back_home(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)


async def test_review_and_trajectory_replace_each_other_so_escape_leads_home(make_app, session: Session) -> None:
    """Stacked, r t r t r t took six Escapes to get home, and r on the review opened a second review."""
    write_weekly(session, weeks=3)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        review = app.screen
        await pilot.press("r")  # the one on show stays, with its week
        await pilot.pause()
        assert app.screen is review and len(app.screen_stack) == 2
        for key in "trtrt":
            await pilot.press(key)
            await pilot.pause()
            assert len(app.screen_stack) == 2
        assert isinstance(app.screen, TrajectoryScreen)
        await pilot.press("question_mark")  # help over the view, then the palette's "Review" (found in review)
        await pilot.pause()
        app.action_review()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_footer_shows_the_keys_and_a_click_presses_one(make_app, session: Session) -> None:
    from coach.tui.widgets.lean_footer import LeanFooter

    write_weekly(session, weeks=6)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(LeanFooter)
        bar = screen_text(app).splitlines()[-1]
        assert bar.startswith(" [ Earlier week  ] Later week  . This week  esc Back")
        assert bar.rstrip().endswith("▏^p palette")
        assert await pilot.click(LeanFooter, offset=(2, 0))  # on "[ Earlier week"
        await pilot.pause()
        assert "· last week" in _static(app, "#review-week")
        await pilot.hover(LeanFooter, offset=(bar.index("] Later") + 1, 0))
        await pilot.pause()
        assert footer._hover is not None and footer._hover.key == "right_square_bracket"
        assert await pilot.click(LeanFooter, offset=(bar.index("] Later") + 1, 0))
        await pilot.pause()
        assert "· this week" in _static(app, "#review-week")


@pytest.mark.parametrize("width", [80, 100])
async def test_a_footer_too_narrow_leaves_whole_keys_out_but_never_help(make_app, session: Session,
                                                                         width: int) -> None:
    """It was cut mid-key (`r Revi▏^p palette`), and `?`, which lists every key, was never shown."""
    from coach.tui.widgets.lean_footer import LeanFooter

    write_weekly(session, weeks=6)
    app = make_app("review")
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(LeanFooter)
        bar = screen_text(app).splitlines()[-1]
        shown = {k for _, _, k in footer._spans}
        assert "? Help" in bar and bar.rstrip().endswith("▏^p palette") and len(bar.rstrip()) <= width
        assert len(shown) < len(footer._keys) + 1  # some keys are left out at this width
        for k in footer._keys:
            assert (f" {k.display} {k.description} " in bar) == (k in shown), k


async def test_moving_a_week_updates_the_widgets_in_place(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        numbers = app.screen.query_one("#checkin-numbers", Static)
        sparks = app.screen.query_one("#checkin-sparks")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        # the same widgets, showing the other week: no rebuild of the screen
        assert app.screen.query_one("#checkin-numbers", Static) is numbers
        assert app.screen.query_one("#checkin-sparks") is sparks
        assert _row(app, "career") == ["career", "5", "4", "▲", "+1"]
        # satisfaction, career and health of the last weeks; no bars for a dimension without ratings
        none = [None, None]  # the two weeks of the eight before the first check-in
        assert sparks.rows[:4] == [[*none, 4, 5, 6, 7, 8, 4], [*none, 0, 1, 2, 3, 4, 5], [*none, 9, 8, 7, 6, 5, 4],
                                   [None] * 8]
        await pilot.press("full_stop")
        await pilot.pause()
        assert _row(app, "career")[:3] == ["career", "—", "5"]


async def test_analysis_ready_with_nothing_new_updates_nothing(make_app, session: Session,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.tui.app import AnalysisReady

    write_weekly(session, weeks=3)
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        updates: list[str] = []
        original = Static.update

        def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            updates.append(self.id)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Static, "update", counting)
        app.screen.post_message(AnalysisReady())
        await pilot.pause()
        assert updates == []


async def test_outcomes_due_follow_the_journal_when_the_review_comes_back(make_app, session: Session) -> None:
    from coach.domain.models import Outcome, Result, Status

    write_demo_journal(session)
    app = make_app("review")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#outcomes", OptionList).option_count == 1
        (due,) = app.screen._due
        due.status = Status.REVIEWED
        due.outcome = Outcome(Result.BETTER, 1.0, reviewed_at=app.now())
        app.journal.update_decision(due)
        await pilot.press("question_mark")  # another screen over the review, then back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Outcomes due now (0)" in screen_text(app) and "No outcome is due for review." in screen_text(app)
        assert not app.screen.query("#outcomes")


async def test_a_due_outcome_titled_like_markup_is_shown_as_written(make_app, session: Session) -> None:
    from datetime import datetime, timedelta

    from coach.domain.models import Decision, Status

    write_weekly(session, weeks=2)
    created = datetime(2026, 11, 2, 10, 0).astimezone()
    with session.open_journal(backup=False) as journal:
        journal.add_decision(Decision("Buy [b]shoes[/] or [/] not", created, 2, 600, status=Status.DECIDED,
                                      decided_at=created + timedelta(minutes=5), choice="[red]yes",
                                      review_on=created + timedelta(days=14)))
    app = make_app("review")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "[size 2] Buy [b]shoes[/] or [/] not — chose “[red]yes”, due Mon 16 Nov 2026" in screen_text(app)


async def test_an_old_step_reviewed_this_week_is_listed_in_this_week(make_app, session: Session) -> None:
    from datetime import timedelta

    from coach.domain.models import Outcome, Result, Status
    from tests.conftest import FIXED_NOW
    from tests.tui.decision_helpers import seed_decision

    write_weekly(session, weeks=2)
    ident = seed_decision(session, "Half-year-old step", days_ago=200)
    with session.open_journal(backup=False) as journal:
        step = journal.get_decision(ident)
        step.status = Status.REVIEWED
        step.outcome = Outcome(Result.WORSE, -1.0, reviewed_at=FIXED_NOW - timedelta(hours=1))
        journal.update_decision(step)
    app = make_app("review")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        assert "Reviewed: Half-year-old step — worse" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Half-year-old step" not in screen_text(app)
