"""The home screen's list: rows to glance at, some of them to act on, one highlighted.

Why not Textual's ``OptionList``: for every row it parses markup and wraps the text three times before the
first frame (for the list's height, for its lines, for its strips). Measured on a ten-year journal that was
about a millisecond a row, the largest part of the home screen's first frame that is not Textual itself.
Here a row is plain text (user titles need no escaping) or a ready-made ``Content``; a row that fits the
width (most do) is never wrapped, and each line is drawn once per width and look. The keys (arrows, vim
keys, Home/End, Page Up/Down, Enter), the mouse (hover, click) and the looks (the same theme variables as
``OptionList``) are the same, so it reads and feels like every other list in the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

_BLANKS = str.maketrans("\t\n\r\v\f", "     ")  # a row is one line of text, however its title was typed


class Row(NamedTuple):
    """One entry. Without an ``id`` it is a heading or a note: shown dimmed, skipped by the cursor."""

    text: str | Content
    id: str | None = None
    bold: bool = False


class _Lines(NamedTuple):
    """The rows broken into lines for one width."""

    lines: list[tuple[int, Content | None]]  # (row index, its text on this line; None: the separator rule)
    first: list[int]  # per row, the line it starts on

    def span(self, index: int) -> tuple[int, int]:
        """The lines of row ``index``: first, and one past its last."""
        return self.first[index], self.first[index + 1] if index + 1 < len(self.first) else len(self.lines)


class GlanceList(ScrollView, can_focus=True):
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    # Three looks on top of the list's own (OptionList has five): every component class is a node Textual
    # styles again each time the list is restyled (mounting, gaining and losing the focus).
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "glance-list--disabled",
        "glance-list--highlighted",
        "glance-list--hover",
    }
    # OptionList's look (Textual 8.2), so this list and the others in the app cannot be told apart
    DEFAULT_CSS = """
    GlanceList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .glance-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .glance-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .glance-list--disabled { color: $text-disabled; }
        & > .glance-list--hover { background: $block-hover-background; }
    }
    """

    class Selected(Message):
        """Enter or a click on a row that has an id."""

        def __init__(self, glance_list: GlanceList, row: Row) -> None:
            super().__init__()
            self.glance_list = glance_list
            self.row = row

        @property
        def control(self) -> GlanceList:
            return self.glance_list

    def __init__(self, rows: Iterable[Row | None], *, id: str | None = None) -> None:
        """``None`` in ``rows`` draws a separator line."""
        super().__init__(id=id)
        self._rows: list[Row | None] = []
        self._highlighted: int | None = None
        self._hover: int | None = None
        # per width: Textual asks for the height at the full content width, and the list draws beside its
        # scrollbar, two cells narrower; one shared layout flip-flopped between the two, each a new layout
        self._layouts: dict[int, _Lines] = {}
        self._strips: dict[tuple[int, int, object], Strip] = {}  # (width, line, style)
        self.set_rows(rows)

    # -- content -----------------------------------------------------------------------------------------
    @property
    def rows(self) -> list[Row | None]:
        return list(self._rows)

    def set_rows(self, rows: Iterable[Row | None], keep: str | None = None) -> None:
        """Replace the rows; the cursor goes to the row ``keep`` names if it is still there, else the top."""
        self._rows = list(rows)
        self._layouts.clear()
        self._strips.clear()
        self._hover = None
        index = self.index_of(keep) if keep is not None else None  # a row with an id: one the cursor may be on
        self._highlighted = index if index is not None else self._step(-1, 1)
        self.refresh(layout=True)
        if self.is_mounted:  # once the new rows have their size (not before: the list may grow or shrink)
            self.call_after_refresh(self._scroll_to_highlight)

    def index_of(self, row_id: str) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row is not None and row.id == row_id), None)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not self._selectable(index):
            return
        self._highlighted = index
        self.refresh()
        self._scroll_to_highlight()

    @property
    def highlighted_row(self) -> Row | None:
        return self._rows[self._highlighted] if self._highlighted is not None else None

    def _selectable(self, index: int) -> bool:
        row = self._rows[index] if 0 <= index < len(self._rows) else None
        return row is not None and row.id is not None

    def _step(self, start: int, direction: int, wrap: bool = False) -> int | None:
        """The next selectable row from ``start`` (not included) in ``direction``; wraps round if asked."""
        count = len(self._rows)
        for offset in range(1, count + 1):
            index = start + direction * offset
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if self._selectable(index):
                return index
        return None

    # -- lines -------------------------------------------------------------------------------------------
    def _layout(self, width: int) -> _Lines:
        """The rows as lines ``width`` cells wide; only rows longer than the width are wrapped."""
        found = self._layouts.get(width)
        if found is not None:
            return found
        if len(self._layouts) > 3:  # a few widths at most stay useful (with and without the scrollbar)
            self._layouts.clear()
            self._strips.clear()
        lines: list[tuple[int, Content | None]] = []
        first: list[int] = []
        for index, row in enumerate(self._rows):
            first.append(len(lines))
            if row is None:
                lines.append((index, None))
                continue
            content = row.text if isinstance(row.text, Content) else Content(row.text.translate(_BLANKS))
            if row.bold:
                content = content.stylize("bold")
            if content.cell_length <= width or width < 1:
                lines.append((index, content))
            else:
                lines.extend((index, line) for line in content.wrap(width))
        found = self._layouts[width] = _Lines(lines, first)
        return found

    def _shown(self) -> _Lines:
        """The lines as drawn: at the width left beside the scrollbar, which sets how far the list scrolls."""
        width = self.scrollable_content_region.width
        layout = self._layout(width)
        size = Size(width, len(layout.lines))
        if size != self.virtual_size:
            self.virtual_size = size
            # and whether the scrollbar is still needed, as OptionList does when its lines change: a layout
            # alone keeps the one shown while the list was hidden or narrower (the terminal was too small)
            self._scroll_update(size)
        return layout

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width).lines)

    def render_line(self, y: int) -> Strip:
        layout = self._shown()
        width = self.virtual_size.width
        line_no = self.scroll_offset.y + y
        if not 0 <= line_no < len(layout.lines):
            return Strip.blank(width, self.get_visual_style().rich_style)
        index, content = layout.lines[line_no]
        if content is None or not self._selectable(index):  # separators, headings and notes are dimmed
            looks: tuple[str, ...] = ("glance-list--disabled",)
        elif index == self._highlighted:
            looks = ("glance-list--highlighted",)
        elif index == self._hover:
            looks = ("glance-list--hover",)
        else:
            looks = ()
        style = self.get_visual_style(*looks)
        key = (width, line_no, style)
        strip = self._strips.get(key)
        if strip is None:
            if content is None:
                strip = Strip([Segment("─" * width, style.rich_style)], width)
            else:
                strip = Strip(content.render_segments(style), content.cell_length)
                strip = strip.extend_cell_length(width, style.rich_style).apply_meta({"row": index})
            self._strips[key] = strip
        return strip

    def _scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None or not self.is_mounted or self.scrollable_content_region.width < 1:
            return
        layout = self._shown()
        top, end = layout.span(index)
        self.scroll_to_region(Region(0, top, self.virtual_size.width, end - top), animate=False, force=True)

    def on_resize(self) -> None:
        self._scroll_to_highlight()

    # -- keys and mouse ----------------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.highlighted = self._step(-1 if self._highlighted is None else self._highlighted, 1, wrap=True)

    def action_cursor_up(self) -> None:
        self.highlighted = self._step(len(self._rows) if self._highlighted is None else self._highlighted, -1,
                                      wrap=True)

    def action_first(self) -> None:
        self.highlighted = self._step(-1, 1)

    def action_last(self) -> None:
        self.highlighted = self._step(len(self._rows), -1)

    def _page(self, direction: int) -> None:
        """Move about one screenful, landing on the nearest row that can be highlighted."""
        if self._highlighted is None:
            self.action_first() if direction < 0 else self.action_last()
            return
        layout = self._shown()
        line = layout.span(self._highlighted)[0] + direction * max(1, self.scrollable_content_region.height)
        target = layout.lines[min(max(line, 0), len(layout.lines) - 1)][0]
        nearest = target if self._selectable(target) else self._step(target, direction)
        self.highlighted = nearest if nearest is not None else self._step(target, -direction)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    def _on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row")
        if index is not None and self._selectable(index):
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        hover = event.style.meta.get("row")
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def _on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
