"""A column of one-line sparklines, one per row of a table, drawn by a single widget.

Why not a ``Sparkline`` per row: each widget is styled, laid out and composited on its own, and a screen
opening pays for that several times (mount, breakpoint classes, resume). The weekly review's nine
sparklines plus their container cost more than the rest of its table. This widget draws the same bars
(Textual's sparkline renderable, the same ``$primary`` colours and component classes as ``Sparkline``)
for every row in one render.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widget import Widget


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

    def __init__(self, rows: Sequence[Sequence[float]], title: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = [list(r) for r in rows]
        self.title = title
        self._drawn: tuple[tuple, Text] | None = None

    def set_rows(self, rows: Sequence[Sequence[float]]) -> None:
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
        low = (base + self.get_component_styles("sparkline--min-color").color).rich_color
        high = (base + self.get_component_styles("sparkline--max-color").color).rich_color
        width = self.size.width
        key = (width, low, high, self.title, tuple(map(tuple, self.rows)))
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1].copy()
        console = self.app.console
        lines = [Text(self.title, style="dim")] if self.title else []
        for data in self.rows:
            if data:  # the segments of Textual's own sparkline, as one line of text
                spark = SparklineRenderable(data, width=width, height=1, min_color=low, max_color=high,
                                            summary_function=max)
                segments = Segment.simplify(spark.__rich_console__(console, console.options))
                lines.append(Text.assemble(*((s.text, s.style) for s in segments)))
            else:  # no weeks with data: an empty row, not a full bar that reads as "high"
                lines.append(Text(""))
        text = Text("\n").join(lines)
        self._drawn = (key, text)
        return text.copy()
