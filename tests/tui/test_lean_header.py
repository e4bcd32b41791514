"""The one-widget title bar: the same line as Textual's Header, the icon opens the palette, titles follow."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Header

from coach.tui.widgets.lean_header import LeanHeader
from tests.tui.decision_helpers import screen_text


class Bar(App[None]):
    TITLE = "coach"

    def __init__(self, lean: bool) -> None:
        super().__init__()
        self.lean = lean

    def compose(self) -> ComposeResult:
        yield LeanHeader() if self.lean else Header()


async def _first_line(lean: bool, size: tuple[int, int], sub_title: str = "") -> str:
    app = Bar(lean)
    async with app.run_test(size=size) as pilot:
        app.sub_title = sub_title
        await pilot.pause()
        return screen_text(app).splitlines()[0]


async def test_draws_the_same_line_as_textuals_header() -> None:
    for size in ((80, 5), (33, 5), (121, 5)):
        assert await _first_line(True, size) == await _first_line(False, size)
    long = "a sub-title long enough to be cut with an ellipsis in an eighty-column terminal"
    assert await _first_line(True, (80, 5), long) == await _first_line(False, (80, 5), long)
    assert "…" in await _first_line(True, (80, 5), long)


async def test_follows_the_title_and_the_icon_opens_the_palette() -> None:
    app = Bar(True)
    async with app.run_test(size=(80, 5)) as pilot:
        app.title = "renamed"
        await pilot.pause()
        assert "renamed" in screen_text(app).splitlines()[0]
        header = app.query_one(LeanHeader)
        await pilot.hover(LeanHeader, offset=(30, 0))
        assert not header._hover and header.tooltip is None
        await pilot.hover(LeanHeader, offset=(2, 0))
        assert header._hover and header.tooltip == "Open the command palette"
        assert await pilot.click(LeanHeader, offset=(30, 0))  # the title: nothing happens
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert await pilot.click(LeanHeader, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
