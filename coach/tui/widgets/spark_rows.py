"""A column of one-line sparklines, one per row of a table, drawn by a single widget.

Why not a ``Sparkline`` per row: each widget is styled, laid out and composited on its own, and a screen
opening pays for that several times (mount, breakpoint classes, resume). The weekly review's nine
sparklines plus their container cost more than the rest of its table. This widget draws every row in one
render, with the same ``$primary`` colours and component classes as ``Sparkline``.

Why not Textual's sparkline drawing: it scales each row between its own minimum and maximum, so weeks rated
6 and 7 read as an empty bar and a full one. Ratings live on a fixed 0–10 scale, and so do these bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"
SCALE = 10.0  # the ratings' scale: a bar is full at 10, its lowest step at 0


def bar_line(data: Sequence[float | None], width: int, low: Color, high: Color) -> Text:
    """``data`` stretched (or bucketed, keeping each bucket's highest value) over ``width`` cells, one bar per
    cell whose height and colour (``low`` … ``high``) say the value on the 0–10 scale. A cell of weeks without
    a value stays blank: one check-in ever is one week's bar, not eight weeks of the same one."""
    line = Text()
    count = len(data)
    if width <= 0 or all(value is None for value in data):
        return line
    for cell in range(width):
        first = cell * count // width
        last = max((cell + 1) * count // width, first + 1)
        values = [value for value in data[first:last] if value is not None]
        if not values:
            line.append(" ")
            continue
        ratio = min(max(max(values) / SCALE, 0.0), 1.0)
        line.append(BARS[round(ratio * (len(BARS) - 1))], style=Style(color=low.blend(high, ratio).rich_color))
    return line


class SparkRows(Widget):
    """``title`` on the first line (dim), then one bar chart per entry of ``rows`` (an empty row: a blank line)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"sparkline--max-color", "sparkline--min-color"}
    DEFAULT_CSS = """
    SparkRows {
        height: auto;
    }
    SparkRows > .sparkline--max-color {
        color: $primary;
    }
    SparkRows > .sparkline--min-color {
        color: $primary 30%;
    }
    """

    def __init__(self, rows: Sequence[Sequence[float | None]], title: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = [list(r) for r in rows]
        self.title = title
        self._drawn: tuple[tuple, Text] | None = None

    def set_rows(self, rows: Sequence[Sequence[float | None]]) -> None:
        """Show other data; repaints only if it differs (and lays out again only if the row count does)."""
        new = [list(r) for r in rows]
        if new != self.rows:
            layout = len(new) != len(self.rows)
            self.rows = new
            self.refresh(layout=layout)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self.rows) + (1 if self.title else 0)

    def render(self) -> Text:
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        width = self.size.width
        key = (width, low, high, self.title, tuple(map(tuple, self.rows)))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1].copy()
        lines = [Text(self.title, style="dim")] if self.title else []
        # no weeks with data: an empty row, not a bar that reads as a rating
        lines.extend(bar_line(data, width, low, high) for data in self.rows)
        text = Text("\n").join(lines)
        self._drawn = (key, text)
        return text.copy()
