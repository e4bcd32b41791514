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
SIXTY = [Row(f"row {k}", id=str(k)) for k in range(60)]  # more than a 12-line terminal shows


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
        assert Content("Due").stylize("bold") == app.query_one(GlanceList)._shown().lines[0][1]


async def test_long_rows_wrap_and_rewrap_with_the_width() -> None:
    long = "word " * 30
    app = ListApp([Row(long.strip(), id="long"), Row("short", id="s")])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        items = app.query_one(GlanceList)
        narrow = len(items._shown().lines)
        assert narrow >= 5  # 150 characters in a 36-cell content area
        await pilot.resize_terminal(200, 12)
        await pilot.pause()
        assert len(items._shown().lines) == 2  # now each row fits on one line


async def test_page_down_and_up_move_a_screenful_and_keep_the_cursor_in_view() -> None:
    app = ListApp(SIXTY)
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


async def test_a_list_with_a_scrollbar_lays_out_once_per_width() -> None:
    """Textual sizes the list at its full width and it draws beside its scrollbar: each width is wrapped
    once, not again on every paint (which kept the app busy, half a core, while it sat idle)."""
    app = ListApp([Row(f"row {k} " + "word " * (k % 9), id=str(k)) for k in range(40)])
    wrapped: list[int] = []
    layout = GlanceList._layout

    def counting(self: GlanceList, width: int) -> object:
        if width not in self._layouts:
            wrapped.append(width)
        return layout(self, width)

    GlanceList._layout = counting  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(30, 12)) as pilot:
            await pilot.pause()
            items = app.query_one(GlanceList)
            assert items.max_scroll_y > 0  # the scrollbar is there
            await pilot.press(*"jjjjjjjjjj")
            await pilot.pause(0.3)
            assert len(wrapped) <= 3 and len(set(wrapped)) == len(wrapped)
    finally:
        GlanceList._layout = layout  # type: ignore[method-assign]


async def test_new_rows_bring_the_cursor_into_view() -> None:
    rows = SIXTY
    app = ListApp(rows)
    async with app.run_test(size=(40, 12)) as pilot:
        items = app.query_one(GlanceList)
        await pilot.press("end")
        await pilot.pause()
        assert items.scroll_offset.y > 40
        items.set_rows(rows)  # no `keep`: the cursor goes to the top, and the view with it
        await pilot.pause()
        assert items.highlighted_row.id == "0" and items.scroll_offset.y == 0
        await pilot.press("end")
        items.set_rows([*rows[:30], *rows[30:]], keep="59")
        await pilot.press("pageup")  # paged with the new rows' lines, not the old ones
        await pilot.pause()
        assert int(items.highlighted_row.id) < 59
        assert f"row {items.highlighted_row.id}" in screen_text(app)


async def test_a_title_typed_over_several_lines_stays_on_its_row() -> None:
    app = ListApp([Row("first\nline\tand a tab", id="a"), Row("second", id="b")])
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("first line and a tab" in line for line in lines)  # a raw newline split the row
        assert any("second" in line for line in lines)
