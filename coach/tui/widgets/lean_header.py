"""The title bar at the top of a screen, drawn by one widget instead of four.

Why: Textual's ``Header`` is a container of three widgets (icon, title, clock space), each with its own
stylesheet, data bindings and paint. Measured on the home screen's first frame, dropping the header saved
about 10 ms of ~70 ms after the imports, more than any widget of ours cost. This widget draws the same line
(the same theme variables, the palette icon in the first eight cells, the title centred between the icon
and the clock space, cut with an ellipsis), does the same on the mouse (the icon highlights on hover, says
what it does in a tooltip, and opens the command palette on a click) and follows the app's and the screen's
title and sub-title. Not supported: ``Header``'s clock and its three-line "tall" mode (a click on the bar
toggled it), which no screen of the app uses.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

ICON_WIDTH, CLOCK_WIDTH = 8, 10  # HeaderIcon's and HeaderClockSpace's widths (Textual 8.2)


class LeanHeader(Widget, can_focus=False):
    ALLOW_SELECT = False
    ICON = "⭘"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"lean-header--icon-hover"}
    # the values of Header's and HeaderIcon's DEFAULT_CSS (Textual 8.2), so the bar looks the same
    DEFAULT_CSS = """
    LeanHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    LeanHeader > .lean-header--icon-hover {
        background: $foreground 10%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.get_visual_style()
        icon = self.get_visual_style("lean-header--icon-hover") if self._hover else base
        screen, app = self.screen, self.app
        title = app.format_title(screen.title if screen.title is not None else app.title,
                                 screen.sub_title if screen.sub_title is not None else app.sub_title)
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        icon_text = f" {self.ICON}"
        segments = [
            Segment(icon_text + " " * (ICON_WIDTH - cell_len(icon_text)), icon.rich_style),
            Segment(" " * left, base.rich_style),
            *title.render_segments(base),
            Segment(" " * (width - ICON_WIDTH - left - title.cell_length), base.rich_style),
        ]
        return Strip(segments).crop_extend(0, width, base.rich_style)

    # -- mouse ---------------------------------------------------------------------------------------------
    def _over_icon(self, x: int) -> bool:
        return 0 <= x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._over_icon(event.x)
        if hover != self._hover:
            self._hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover:
            self._hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._over_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
