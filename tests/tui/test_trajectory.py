"""The trajectory browser: every key, what the cursor label says, the chart, themes, NO_COLOR, edit/delete."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Static

from coach.domain.models import Decision, Status
from coach.session import Session
from coach.tui.screens.checkin import CheckInScreen
from coach.tui.screens.checkin_detail import CheckInDetailScreen, ConfirmScreen, DecisionDetailScreen
from coach.tui.screens.trajectory import TrajectoryScreen, axis_labels, fit_parts
from coach.tui.widgets.braille_chart import BAND_GLYPHS, BrailleChart
from tests.tui.journal_fixtures import screen_text, settle, write_demo_journal, write_weekly


def label(app, which: str = "#traj-cursor") -> str:
    return str(app.screen.query_one(which, Static).render())


async def open_browser(pilot) -> TrajectoryScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrajectoryScreen)
    return pilot.app.screen


async def test_cursor_keys_move_over_checkins(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)  # Thursdays 15 Oct … 19 Nov; career = week, health = 9 - week
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        assert label(app).startswith("Thu 19 Nov 2026 · satisfaction 4 · career 5")
        assert label(app).endswith("6/6")
        await pilot.press("left")
        assert label(app).startswith("Thu 12 Nov 2026 · satisfaction 8 · career 4")
        await pilot.press("h", "h")
        assert label(app).startswith("Thu 29 Oct 2026 · satisfaction 6 · career 2")
        await pilot.press("l")
        assert label(app).startswith("Thu 5 Nov 2026")
        await pilot.press("right")
        assert label(app).startswith("Thu 12 Nov 2026")
        await pilot.press("home")
        assert label(app).startswith("Thu 15 Oct 2026") and label(app).endswith("1/6")
        await pilot.press("left")  # stays at the first
        assert label(app).endswith("1/6")
        await pilot.press("end")
        assert label(app).endswith("6/6")
        await pilot.press("g")
        assert label(app).endswith("1/6")
        await pilot.press("G")
        assert label(app).endswith("6/6")
        await pilot.press("pageup")  # a month before 19 Nov: 22 Oct is nearest
        assert label(app).startswith("Thu 22 Oct 2026")
        await pilot.press("pagedown")
        assert label(app).startswith("Thu 19 Nov 2026")
        chart = screen.query_one(BrailleChart)
        assert chart.cursor_x == screen.track.days[-1]


async def test_cursor_move_repaints_without_rebuilding(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        chart = screen.query_one(BrailleChart)
        builds = chart.builds
        await pilot.press("h", "h", "l")
        await pilot.pause()
        assert chart.builds == builds
        col = chart.label_width + chart.column_of(screen.track.days[4])
        strip = chart.render_line(0)
        _, mid, _ = strip.divide([col, col + 1, strip.cell_length])
        assert mid._segments[0].style.reverse


async def test_dimension_zoom_all_and_path(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        assert "satisfaction (bold) and career · 6 months" in label(app, "#traj-title")
        await pilot.press("j")
        assert "and health" in label(app, "#traj-title") and "health 4" in label(app)
        await pilot.press("down")  # wraps around the dimensions back to career
        assert "and relationships" in label(app, "#traj-title") and "relationships skip" in label(app)
        await pilot.press("k", "up")
        assert "and career" in label(app, "#traj-title")
        await pilot.press("plus")
        assert "3 months" in label(app, "#traj-title")
        await pilot.press("plus", "plus")
        assert "1 month" in label(app, "#traj-title")
        await pilot.press("minus", "minus", "minus", "minus")
        assert "2 years" in label(app, "#traj-title")
        await pilot.press("a")
        assert "all dimensions" in label(app, "#traj-title")
        assert "health 4" in label(app)
        text = screen_text(app)
        assert "career " in text and " health " in text
        await pilot.press("a", "p")
        assert "Path through life space" in label(app, "#traj-title")
        assert label(app, "#traj-axis").startswith("→ higher")
        assert "◉" in screen_text(app)
        await pilot.press("h")
        assert label(app).startswith("Thu 12 Nov 2026")
        text = screen_text(app)
        assert "◉" in text and "●" in text  # cursor away from the latest point
        await pilot.press("p")
        assert "Trajectory" in label(app, "#traj-title")


async def test_enter_opens_the_checkin_with_note_and_decisions(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    with session.open_journal(backup=False) as journal:
        made = datetime(2026, 11, 15, 10, 0).astimezone()
        journal.add_decision(Decision("Sign up for climbing", made, 2, 600, status=Status.DECIDED,
                                      decided_at=made + timedelta(minutes=3), choice="Yes", effects={"play": 2}))
    app = make_app("trajectory")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_browser(pilot)
        assert "1 decision" in label(app) and "✎ note" in label(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDetailScreen)
        text = screen_text(app)
        assert "Check-in of Thursday 19 November 2026" in text
        assert "week 5 [note]" in text
        assert "career 5 (+1)" in text
        assert "1 decision since Thu 12 Nov 2026" in text and "Sign up for climbing" in text
        await pilot.press("enter")  # the decision list has focus: open the decision
        await pilot.pause()
        assert isinstance(app.screen, DecisionDetailScreen)
        assert "Expected effect: play +2" in screen_text(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)


async def test_edit_from_the_browser(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        await pilot.press("h", "e")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        app.screen.query_one("#rate-satisfaction").focus()
        await pilot.press("2", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TrajectoryScreen)
        assert label(app).startswith("Thu 12 Nov 2026 · satisfaction 2 · career 4")


async def test_delete_asks_first(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the check-in of Thursday 19 November 2026" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.journal.checkin_count() == 6
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("d")  # from the detail view
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.journal.checkin_count() == 5
        assert isinstance(app.screen, TrajectoryScreen)
        assert label(app).startswith("Thu 12 Nov 2026") and label(app).endswith("5/5")


async def test_demo_shows_ruts_and_declines_once_the_coach_has_read(make_app, session: Session) -> None:
    write_demo_journal(session)
    app = make_app("trajectory")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browser(pilot)
        await settle(pilot)
        await pilot.press("minus", "minus")
        await pilot.pause()
        kinds = {k for _, _, k in screen._spans}
        assert kinds & {"rut", "decline"}
        chart = screen.query_one(BrailleChart)
        band = chart.row_text(chart.size.height - 2)
        assert any(BAND_GLYPHS[k] in band for k in kinds)
        assert any(g in chart.row_text(chart.size.height - 1) for g in "▁▂▃▅▇")
        assert any(w in label(app) for w in ("improving", "steady", "rut", "declining", "content", "not enough"))


async def test_cursor_label_fits_80_columns_and_keeps_the_position(make_app, session: Session) -> None:
    write_demo_journal(session)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        await settle(pilot)
        n = screen.track.n
        for key in ("", "a"):  # one dimension, then all of them
            if key:
                await pilot.press(key)
            text = screen_text(app).splitlines()[2]
            assert text.rstrip().endswith(f"{n}/{n}"), text
            assert "sat" in text and "Nov 2026" in text
    app = make_app("trajectory")
    async with app.run_test(size=(140, 30)) as pilot:  # room enough: every word in full
        await open_browser(pilot)
        await settle(pilot)
        assert label(app).startswith("Fri ") and " · satisfaction " in label(app)


def test_fit_parts_shortens_from_the_end_then_drops() -> None:
    parts = [("Friday", "Fri"), ("satisfaction 7", "sat 7"), ("career 5", ""), ("health 4", ""), ("3/9",)]
    assert fit_parts(parts, None) == "Friday · satisfaction 7 · career 5 · health 4 · 3/9"
    assert fit_parts(parts, 43) == "Friday · sat 7 · career 5 · health 4 · 3/9"
    assert fit_parts(parts, 40) == "Fri · sat 7 · career 5 · health 4 · 3/9"
    assert fit_parts(parts, 30) == "Fri · sat 7 · career 5 · 3/9"
    assert fit_parts(parts, 5) == "Fri · sat 7 · 3/9"  # cut at the edge by the label
    assert fit_parts([("[b]bold words[/b]", "[b]b[/b]")], 9) == "[b]b[/b]"  # markup is not counted


async def test_cursor_label_keeps_the_position_at_60_columns(make_app, session: Session) -> None:
    """At the narrowest supported width the dimension, state and decisions words had no shorter form."""
    write_demo_journal(session)
    app = make_app("trajectory")
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await open_browser(pilot)
        await settle(pilot)
        n = screen.track.n
        assert screen_text(app).splitlines()[2].rstrip().endswith(f"{n}/{n}")


async def test_big_terminal_uses_the_space_and_themes_restyle(make_app, session: Session) -> None:
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_browser(pilot)
        chart = screen.query_one(BrailleChart)
        assert chart.size.width >= 196 and chart.size.height >= 40
        before = chart.builds
        app.theme = "textual-light"
        await pilot.pause()
        chart.row_text(0)
        assert chart.builds > before
        await pilot.press("h")
        assert label(app).startswith("Thu 12 Nov 2026")


async def test_no_color_keeps_the_cursor_visible(make_app, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    write_weekly(session, weeks=6)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_browser(pilot)
        assert app.no_color
        chart = screen.query_one(BrailleChart)
        col = chart.label_width + chart.column_of(screen.track.days[-1])
        strip = chart.render_line(chart.size.height - 1)
        _, mid, _ = strip.divide([col, col + 1, strip.cell_length])
        assert mid._segments[0].style.reverse


async def test_empty_journal(make_app) -> None:
    app = make_app("trajectory")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_browser(pilot)
        assert "No check-ins yet" in label(app)
        await pilot.press("h", "l", "g", "G", "pageup", "j", "plus", "a", "p", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)


def test_axis_labels_do_not_overlap() -> None:
    from datetime import date

    x0 = (date(2026, 1, 10) - date(1970, 1, 1)).days
    text = axis_labels(x0, x0 + 365, 60, 3)
    assert "Feb" in text and len(text) <= 63
    assert "2027" not in axis_labels(x0, x0 + 40, 60, 0)
    long = axis_labels(x0 - 3650, x0, 70, 0)
    assert "2020" in long and "Jan" not in long


async def test_help_lists_each_dimension_key_once(make_app, session: Session) -> None:
    """The footer's "↑↓ Dimension" stood in the help for ↑ too, beside "↓, j Next dimension"."""
    write_weekly(session, weeks=3)
    app = make_app("trajectory")
    async with app.run_test(size=(80, 30)) as pilot:
        await open_browser(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = [" ".join(line.replace("█", " ").split()) for line in screen_text(app).splitlines()]
        assert any("↑, k Previous dimension" in row for row in rows)
        assert any("↓, j Next dimension" in row for row in rows)
        assert not any("↑↓" in row for row in rows[:-1])  # only the footer, under the help, still says it
        assert any("←/h Previous" in row for row in rows)  # a key display without a tooltip stands
