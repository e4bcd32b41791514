"""An OptionList that also answers to vim keys (j/k, g/G), as the product promises everywhere.

It also keeps its rendered rows when a Resize leaves its width as it was. Textual's OptionList throws them
away on every Resize, and a list gets one right after its first paint (its size arriving as an event), so
every row of the home screen's first frame was wrapped and drawn twice.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList


class VimOptionList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    _drawn_width: int | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if self._drawn_width is not None and width != self._drawn_width:
            # painted at a new width before the Resize arrived: the rows were wrapped for the old one
            self._option_render_cache.clear()
            self._line_cache.clear()
        self._drawn_width = width
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:
        # Textual calls each class's handler in turn; preventing the default skips OptionList's, which clears
        if self.scrollable_content_region.width == self._drawn_width:
            event.prevent_default()
