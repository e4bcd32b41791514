"""The home screen's list on its own: cursor, headings, pages, mouse, wrapping, replacing the rows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from coach.tui.widgets.glance_list import GlanceList, Row
from tests.tui.decision_helpers import screen_text

ROWS: list[Row | None] = [
    Row("Due", bold=True),
    Row("first [not markup]", id="a"),
    Row("second", id="b"),
    None,
    Row("Recent", bold=True),
    Row("third", id="c"),
    Row("a note the cursor skips"),
]


class ListApp(App[None]):
    def __init__(self, rows: list[Row | None]) -> None:
        super().__init__()
        self.rows = rows
        self.selected: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield GlanceList(self.rows, id="list")

    def on_mount(self) -> None:
        self.query_one(GlanceList).focus()

    def on_glance_list_selected(self, event: GlanceList.Selected) -> None:
        self.selected.append(event.row.id)


async def test_cursor_skips_headings_and_notes_and_wraps_round() -> None:
    app = ListApp(ROWS)
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(GlanceList)
        assert items.highlighted_row.id == "a"  # the first row that can be acted on
        await pilot.press("j", "down")
        assert items.highlighted_row.id == "c"  # over the separator and the heading
        await pilot.press("j")
        assert items.highlighted_row.id == "a"  # round to the top, past the note
        await pilot.press("k")
        assert items.highlighted_row.id == "c"
        await pilot.press("g")
        assert items.highlighted_row.id == "a"
        await pilot.press("G")
        assert items.highlighted_row.id == "c"
        await pilot.press("enter")
        assert app.selected == ["c"]


async def test_text_is_shown_as_written_and_headings_are_bold() -> None:
    app = ListApp(ROWS)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "first [not markup]" in text
        assert "─" * 10 in text  # the separator
        assert Content("Due").stylize("bold") == app.query_one(GlanceList)._lines[0][1]


async def test_long_rows_wrap_and_rewrap_with_the_width() -> None:
    long = "word " * 30
    app = ListApp([Row(long.strip(), id="long"), Row("short", id="s")])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        items = app.query_one(GlanceList)
        narrow = len(items._lines)
        assert narrow >= 5  # 150 characters in a 36-cell content area
        await pilot.resize_terminal(200, 12)
        await pilot.pause()
        assert len(items._lines) == 2  # now each row fits on one line


async def test_page_down_and_up_move_a_screenful_and_keep_the_cursor_in_view() -> None:
    rows = [Row(f"row {k}", id=str(k)) for k in range(60)]
    app = ListApp(rows)
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(GlanceList)
        await pilot.press("pagedown")
        moved = int(items.highlighted_row.id)
        assert 5 <= moved <= 12
        await pilot.press("end")
        await pilot.pause()
        assert items.highlighted_row.id == "59"
        assert items.scroll_offset.y > 40  # the last row is in view
        assert "row 59" in screen_text(app)
        await pilot.press("pageup")
        assert int(items.highlighted_row.id) < 59


async def test_click_selects_and_hover_highlights_only_rows_with_an_id() -> None:
    app = ListApp(ROWS)
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(GlanceList)
        # border (1 line) then the rows: "Due" is line 0 of the content, "second" line 2
        assert await pilot.click("#list", offset=(5, 1))  # the heading: nothing happens
        assert app.selected == [] and items.highlighted_row.id == "a"
        await pilot.hover("#list", offset=(5, 3))
        assert items._hover == 2
        assert await pilot.click("#list", offset=(5, 3))
        assert app.selected == ["b"] and items.highlighted_row.id == "b"


async def test_replacing_the_rows_keeps_the_cursor_on_its_item_or_goes_to_the_top() -> None:
    app = ListApp(ROWS)
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(GlanceList)
        await pilot.press("j")
        assert items.highlighted_row.id == "b"
        items.set_rows([Row("new", id="n"), *ROWS], keep="b")
        assert items.highlighted_row.id == "b"
        items.set_rows([Row("only", id="o")], keep="b")
        assert items.highlighted_row.id == "o"
        items.set_rows([Row("nothing to act on")])
        assert items.highlighted_row is None
        await pilot.press("j", "enter")
        assert app.selected == []
